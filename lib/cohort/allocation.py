"""Randomised allocation of animals to groups, balanced by body weight.

Method: a blocked (stratified) randomisation by weight. The animals are sorted by body weight,
ties broken by ID, so the order they were entered in does not matter. Consecutive runs of as many
animals as there are groups form blocks of similar weight; within each block the groups are
assigned in a random permutation drawn from ``numpy.random.default_rng(seed)``, block after block
from the lightest. A last, shorter block gets a random subset of the groups, one animal each.

What it guarantees: every group takes one animal from each full block, so group sizes differ by
at most one; and with full blocks only, two groups' mean weights differ by at most the mean of
the blocks' weight ranges (each block adds at most its own range to the difference of the sums,
and each sum is divided by the number of blocks). The same animals, groups and seed give the same
allocation; the seed is what a study file records to reproduce it.
"""

from dataclasses import dataclass, replace

import numpy as np

from lib.cohort.animals import ANIMAL_SPECS, Animal
from lib.errors import CohortError
from lib.findings import Finding

# The most groups worth allocating to; an animals table of 5000 allows no more than that anyway.
MAX_GROUPS = 100


@dataclass(frozen=True)
class GroupWeights:
    """One group's animals and weights, as the allocation shows them side by side."""

    group: str
    count: int
    mean_g: float
    sd_g: float | None  # the sample standard deviation; None for a group of one


def allocate_groups(
    animals: tuple[Animal, ...], group_names: tuple[str, ...], seed: int
) -> tuple[Animal, ...]:
    """The animals, in the order given, each with its group from the blocked randomisation.

    >>> animals = tuple(Animal(f"R{n}", body_weight_g=200.0 + n) for n in range(4))
    >>> [a.group for a in allocate_groups(animals, ("A", "B"), seed=1)] == [
    ...     a.group for a in allocate_groups(animals[::-1], ("A", "B"), seed=1)][::-1]
    True
    """
    names = check_group_names(group_names)
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise CohortError("allocation_seed", seed, "give a whole number from 0")
    ordered = sorted(animals, key=lambda animal: (animal.body_weight_g, animal.animal_id))
    random = np.random.default_rng(seed)
    groups: dict[str, str] = {}
    for start in range(0, len(ordered), len(names)):
        block = ordered[start : start + len(names)]
        drawn = random.permutation(len(names))[: len(block)]
        groups |= {
            animal.animal_id: names[index] for animal, index in zip(block, drawn, strict=True)
        }
    return tuple(replace(animal, group=groups[animal.animal_id]) for animal in animals)


def check_group_names(group_names: tuple[str, ...]) -> tuple[str, ...]:
    """Group names as an animal's group takes them, at least one, each once."""
    spec = ANIMAL_SPECS["group"]
    names = tuple(spec.read(spec, name) for name in group_names)
    if not names or len(names) > MAX_GROUPS:
        raise CohortError("groups", group_names, f"give 1 to {MAX_GROUPS} group names")
    if len(set(names)) != len(names):
        raise CohortError("groups", ", ".join(names), "give each group name once")
    return names


def read_group_names(text: str) -> tuple[tuple[str, ...], list[Finding]]:
    """Group names typed with commas between ('vehicle, low, high'), or a finding saying why
    they cannot be used."""
    parts = tuple(part.strip() for part in str(text).split(",") if part.strip())
    try:
        return check_group_names(parts), []
    except CohortError as error:
        suggestion = "Type the group names with commas between, each once: vehicle, low, high."
        return (), [Finding("invalid_input", "conflict", "groups", str(error), suggestion)]


def group_weights(animals: tuple[Animal, ...]) -> list[GroupWeights]:
    """Per group, in order of first appearance: how many animals, their mean weight and SD."""
    weights: dict[str, list[float]] = {}
    for animal in animals:
        weights.setdefault(animal.group, []).append(animal.body_weight_g)
    return [
        GroupWeights(
            group,
            len(grams),
            float(np.mean(grams)),
            float(np.std(grams, ddof=1)) if len(grams) > 1 else None,
        )
        for group, grams in weights.items()
    ]
