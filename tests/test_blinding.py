"""Blinded sheets (issue 26): the surgeon's and assessors' sheets and the calendar carry codes
only; the key sheet, for whoever prepares the solutions, holds every group and dose."""

import re
from dataclasses import replace

import pytest

from lib.cohort.animals import Cohort
from lib.cohort.blinding import solution_codes
from lib.cohort.evaluate import evaluate_cohort
from lib.documents.fillings import pump_fillings
from lib.documents.sheets import blinded_sheet, key_sheet
from lib.tables.pumps import load_pump_catalog
from tests.test_groups import ANIMALS, GROUPS, PLAN

CATALOG = load_pump_catalog()
# What would unblind a reader: each group's name, and each dose and strength the key lists.
REVEALING = ("control", "low", "mid", "high", "200 ng/kg/min", "1,000 ng/kg/min", "vehicle only")


# The animals of test_groups under neutral IDs (theirs name their groups).
CODED = tuple(replace(animal, animal_id=f"M{n:02d}") for n, animal in enumerate(ANIMALS, 1))


@pytest.fixture(scope="module")
def study():
    cohort = Cohort(animals=CODED, groups=GROUPS, blinded=True, allocation_seed=7)
    return evaluate_cohort(PLAN, cohort, CATALOG)


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html.split("<body>")[1])


def test_the_blinded_sheet_names_no_group_dose_or_strength(study):
    text = visible_text(blinded_sheet(study))
    assert [word for word in REVEALING if re.search(rf"\b{word}\b", text)] == []
    assert "mg/mL" not in text and "ng/kg/min" not in text
    for animal in CODED:
        assert animal.animal_id in text  # each animal, by ID, with its code


def test_the_key_sheet_holds_every_group_with_its_code_and_dose(study):
    text = visible_text(key_sheet(study))
    for word in REVEALING[:6]:
        assert word in text
    assert "1.20 mg/mL" in text and "6.00 mg/mL" in text
    assert all(f"<td>{code}</td>" in key_sheet(study) for code in "ABCD")


def test_the_calendar_names_codes_only(study):
    (filling,) = pump_fillings(study).values()
    assert "solution A, solution B, solution C, solution D" in filling
    assert not any(word in filling for word in REVEALING) and "mg/mL" not in filling


def test_the_codes_are_dealt_from_the_seed_the_same_each_time():
    names = ["control", "low", "mid", "high"]
    assert solution_codes(names, 7) == solution_codes(names, 7)
    assert sorted(solution_codes(names, 7).values()) == ["A", "B", "C", "D"]
    dealt = {tuple(solution_codes(names, seed).values()) for seed in range(20)}
    assert len(dealt) > 1  # the first group is not always A


def test_the_sheets_say_which_arrive_items_they_answer(study):
    for sheet in (blinded_sheet(study), key_sheet(study)):
        assert "4a, whether and how animals were randomised" in sheet
        assert "5, who was aware of the allocation" in sheet


def test_blinded_tube_labels_carry_the_code_only(study):
    from lib.documents.sheets import preparation_sheet

    sheet = preparation_sheet(study)
    labels = re.findall(r'<table class="pd-tube-label">.*?</table>', sheet, flags=re.S)
    assert len(labels) == 4
    for label in labels:
        text = visible_text("<body>" + label)
        assert "(blinded: write the code only)" in text and "mg/mL" not in text
        assert not any(re.search(rf"\b{word}\b", text) for word in REVEALING)


def test_without_an_allocation_seed_the_key_comes_from_the_animals():
    # The same animals, the same key; not always the fixed deal of seed 0.
    first = evaluate_cohort(PLAN, Cohort(animals=CODED, groups=GROUPS, blinded=True), CATALOG)
    again = evaluate_cohort(PLAN, Cohort(animals=CODED, groups=GROUPS, blinded=True), CATALOG)
    assert key_sheet(first).split("<table")[2] == key_sheet(again).split("<table")[2]
