"""Blinded sheets: the surgeon and the assessors see a code per solution (A, B, C), and only the
person who prepares the solutions holds the key.

The codes are dealt to the groups at random, from the allocation's seed (without one, from the
animals' IDs), so the first group of the table is not always A; the same study always gets the
same key. The protocol, the preparation sheet and the cohort CSV name the groups: they stay with
the key.
"""

import zlib
from dataclasses import dataclass

import numpy as np

from lib.cohort.groups import dose_text

# What the blinded documents answer of the ARRIVE Essential 10 (ARRIVE 2.0 author checklist,
# https://arriveguidelines.org/sites/arrive/files/Author%20Checklist%20-%20Full.pdf, quoted at
# https://studylib.net/doc/27473836/author-checklist---e10-only).
ARRIVE_ITEMS = (
    "1a, the groups compared, each with its dose (the key sheet)",
    "2a, the number of animals in each group (the key sheet)",
    "4a, whether and how animals were randomised (the seed and the method, with the allocation)",
    "5, who was aware of the allocation: only whoever holds the key sheet",
)


@dataclass(frozen=True)
class KeyLine:
    """One code of the key: the group it stands for, its dose and its solution's strength."""

    code: str
    group: str
    animals: int
    dose: str
    concentration_mg_per_ml: float

    @property
    def vehicle(self) -> bool:
        return self.concentration_mg_per_ml == 0


def solution_codes(group_names: list[str], seed: int | None) -> dict[str, str]:
    """Each group (in the order given) its code, the codes dealt at random from the seed."""
    codes = [chr(ord("A") + index) for index in range(len(group_names))]
    order = np.random.default_rng(seed or 0).permutation(len(codes))
    return {name: codes[position] for name, position in zip(group_names, order, strict=True)}


def study_codes(evaluated) -> dict[str, str]:
    """The codes of a study's groups, in the animals table's order, dealt from the allocation's
    seed, or without one from the animals' IDs (the same study keeps its key; another study's
    first group is not always the same letter)."""
    names = list(dict.fromkeys(str(name) for name in evaluated.doses["group"]))
    seed = evaluated.cohort.allocation_seed
    if seed is None:
        ids = "\n".join(sorted(animal.animal_id for animal in evaluated.cohort.animals))
        seed = zlib.crc32(ids.encode("utf-8"))
    return solution_codes(names, seed)


def key_lines(evaluated) -> tuple[KeyLine, ...]:
    """The key sheet's table: code, group, animals, dose and strength, in the codes' order."""
    codes, plan = study_codes(evaluated), evaluated.plan
    lines = [
        KeyLine(
            codes[str(name)],
            str(name),
            rows["animal_id"].nunique(),
            dose_text(plan, evaluated.cohort.groups, name),
            float(rows["concentration_mg_per_ml"].iloc[0]),
        )
        for name, rows in evaluated.doses.groupby("group", sort=False)
    ]
    return tuple(sorted(lines, key=lambda line: line.code))


def coded_animals(evaluated) -> list[tuple[str, float, str]]:
    """Each animal as the blinded sheet lists it: ID, weight at implant and its code only."""
    codes = study_codes(evaluated)
    rows = evaluated.doses.drop_duplicates("animal_id")
    return [
        (str(row.animal_id), float(row.body_weight_g), codes[str(row.group)])
        for row in rows.itertuples()
    ]
