"""How the cohort's findings name animals and count them."""

from lib.formatting import counted

LISTED_ANIMALS = 8  # a finding names this many animals, then says how many more


def count_is(number: int, noun: str) -> str:
    """'1 animal is', '3 animals are'."""
    return f"{counted(number, noun)} {'is' if number == 1 else 'are'}"


def listed(ids, describe=str) -> str:
    ids = list(ids)
    shown = ", ".join(describe(item) for item in ids[:LISTED_ANIMALS])
    more = len(ids) - LISTED_ANIMALS
    return shown + (f" and {more} more" if more > 0 else "")
