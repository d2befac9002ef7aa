"""Randomised allocation to groups, balanced by weight (lib/cohort/allocation.py)."""

import numpy as np
import pytest

from lib import Animal, Cohort, CohortError, Plan, allocate_groups
from lib.cohort.allocation import group_weights, read_group_names
from lib.documents.study import study_from_json, study_to_json
from lib.tables.pumps import load_pump_catalog

GROUPS = ("vehicle", "low", "high")
# 24 rats of 200 to 315 g in 5 g steps, entered in a shuffled order.
WEIGHTS = [200.0 + 5 * n for n in range(24)]
ANIMALS = tuple(
    Animal(f"R{n:02d}", body_weight_g=WEIGHTS[n]) for n in np.random.default_rng(7).permutation(24)
)


def groups_of(animals) -> dict[str, str]:
    return {animal.animal_id: animal.group for animal in animals}


def mean_weights(animals) -> list[float]:
    return [row.mean_g for row in group_weights(animals)]


def test_the_same_seed_gives_the_same_groups():
    assert allocate_groups(ANIMALS, GROUPS, 2026) == allocate_groups(ANIMALS, GROUPS, 2026)


def test_different_seeds_give_different_groups():
    # 8 blocks of 3 have 6^8 = 1,679,616 allocations: two seeds agreeing would be a fluke.
    assert groups_of(allocate_groups(ANIMALS, GROUPS, 1)) != groups_of(
        allocate_groups(ANIMALS, GROUPS, 2)
    )


def test_the_order_the_animals_are_entered_in_does_not_change_the_groups():
    forward = allocate_groups(ANIMALS, GROUPS, 5)
    backward = allocate_groups(ANIMALS[::-1], GROUPS, 5)
    assert groups_of(forward) == groups_of(backward)
    assert [a.animal_id for a in forward] == [a.animal_id for a in ANIMALS]  # the order given


def test_ties_in_weight_are_broken_by_id():
    twins = (Animal("B", body_weight_g=250.0), Animal("A", body_weight_g=250.0))
    assert groups_of(allocate_groups(twins, ("x", "y"), 3)) == groups_of(
        allocate_groups(twins[::-1], ("x", "y"), 3)
    )


@pytest.mark.parametrize("count", [1, 2, 3, 10, 22, 23, 24])
def test_group_sizes_differ_by_at_most_one(count):
    allocated = allocate_groups(ANIMALS[:count], GROUPS, 11)
    sizes = [sum(a.group == name for a in allocated) for name in GROUPS]
    assert sum(sizes) == count and max(sizes) - min(sizes) <= 1


@pytest.mark.parametrize("seed", range(20))
def test_group_means_differ_by_at_most_the_blocks_range(seed):
    # Sorted weights 200, 205, ..., 315 in blocks of 3: each block spans 10 g, each group takes
    # one animal per block, so two groups' sums differ by at most 8 x 10 g and their means (of 8)
    # by at most 10 g.
    means = mean_weights(allocate_groups(ANIMALS, GROUPS, seed))
    assert max(means) - min(means) <= 10.0


def test_balanced_means_are_closer_than_plain_random_allocation():
    # Plain randomisation (a shuffle dealt into 3 groups of 8) over 200 seeds: its spread of
    # group means is several times the blocked one's.
    def spread(animals) -> float:
        means = mean_weights(animals)
        return max(means) - min(means)

    plain, blocked = [], []
    for seed in range(200):
        order = np.random.default_rng(seed).permutation(24)
        dealt = tuple(
            Animal(ANIMALS[i].animal_id, GROUPS[k % 3], ANIMALS[i].body_weight_g)
            for k, i in enumerate(order)
        )
        plain.append(spread(dealt))
        blocked.append(spread(allocate_groups(ANIMALS, GROUPS, seed)))
    assert np.mean(blocked) < np.mean(plain) / 2


def test_group_weights_give_n_mean_and_sd():
    animals = (
        Animal("R1", "a", 200.0), Animal("R2", "a", 210.0), Animal("R3", "b", 250.0),
    )  # fmt: skip
    first, second = group_weights(animals)
    # a: mean (200 + 210) / 2 = 205; SD sqrt(((-5)^2 + 5^2) / (2 - 1)) = sqrt(50) = 7.07
    assert (first.group, first.count, first.mean_g) == ("a", 2, 205.0)
    assert first.sd_g == pytest.approx(7.0711, abs=1e-4)
    assert (second.count, second.mean_g, second.sd_g) == (1, 250.0, None)


@pytest.mark.parametrize("text", ["", " , ", "low, low", "a," + "x" * 41])
def test_bad_group_names_give_a_finding_naming_the_field(text):
    names, findings = read_group_names(text)
    assert names == () and [f.field for f in findings] == ["groups"]
    assert findings[0].suggestion


def test_group_names_are_read_with_commas_between():
    assert read_group_names(" vehicle, low ,high") == (("vehicle", "low", "high"), [])


@pytest.mark.parametrize("seed", [-1, 1.5, "7", True])
def test_a_seed_that_is_not_a_whole_number_from_0_is_refused(seed):
    with pytest.raises(CohortError, match="allocation_seed"):
        allocate_groups(ANIMALS, GROUPS, seed)


def test_the_study_file_records_the_seed():
    cohort = Cohort(animals=allocate_groups(ANIMALS, GROUPS, 42), allocation_seed=42)
    catalog = load_pump_catalog()

    plan, opened, findings = study_from_json(study_to_json(Plan(), cohort, catalog), catalog)
    assert (opened, findings) == (cohort, [])
    assert opened.to_dict()["allocation_seed"] == 42
