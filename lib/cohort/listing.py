"""How the cohort's findings name animals (``lib.formatting.count_is`` counts them)."""

LISTED_ANIMALS = 8  # a finding names this many animals, then says how many more


def listed(ids, describe=str) -> str:
    ids = list(ids)
    shown = ", ".join(describe(item) for item in ids[:LISTED_ANIMALS])
    more = len(ids) - LISTED_ANIMALS
    return shown + (f" and {more} more" if more > 0 else "")
