"""Dose groups and vehicle controls (issue 26): each group its own dose, a control no compound.

The hand-worked study: angiotensin II to mice by model 1002 (0.25 uL/h = 0.006 mL/day, 100 uL),
a vehicle control and three dose groups, two mice of 24 and 26 g each (a mean of 25 g):
  200 ng/kg/min = 200e-6 mg x 1440 min = 0.288 mg/kg/day -> 0.288 x 0.025 kg / 0.006 = 1.2 mg/mL
  500 ng/kg/min (the plan's dose) = 0.72 mg/kg/day    -> 0.72 x 0.025 / 0.006 = 3.0 mg/mL
  1000 ng/kg/min = 1.44 mg/kg/day                     -> 1.44 x 0.025 / 0.006 = 6.0 mg/mL
Each group's solution: (2 pumps + 1 spare) x 100 uL + 100 uL filling loss = 400 uL, + 10 %
overage = 440 uL; the 24 g mouse of the high group gets 6.0 x 0.006 / 0.024 = 1.5 mg/kg/day.
"""

import pytest

from lib.cohort.animals import Animal, Cohort, cohort_from_values
from lib.cohort.evaluate import evaluate_cohort
from lib.cohort.groups import Group, groups_to_text, parse_groups
from lib.documents.sheets import preparation_sheet
from lib.documents.study import study_from_json, study_to_json
from lib.plan import Plan
from lib.tables.pumps import load_pump_catalog

PLAN = Plan(
    compound="angiotensin II",
    vehicle="saline",
    dose=500.0,
    dose_unit="ng/kg/min",
    species="mouse",
    route="sc",
    body_weight_g=25.0,
    pump_model="1002",
    study_days=14.0,
)
GROUPS = (Group("control", vehicle_only=True), Group("low", 200.0), Group("high", 1000.0))
ANIMALS = tuple(
    Animal(f"{group}-{weight}", group, weight)
    for group in ("control", "low", "mid", "high")
    for weight in (24.0, 26.0)
)


@pytest.fixture(scope="module")
def catalog():
    return load_pump_catalog()


@pytest.fixture(scope="module")
def study(catalog):
    return evaluate_cohort(PLAN, Cohort(animals=ANIMALS, groups=GROUPS), catalog)


def concentrations(study) -> dict[str, float]:
    return {prep.solution: prep.concentration_mg_per_ml for prep in study.preparations}


def test_each_group_is_filled_for_its_own_dose_and_the_control_with_vehicle(study):
    assert concentrations(study) == pytest.approx(
        {"control": 0.0, "low": 1.2, "mid": 3.0, "high": 6.0}
    )


def test_each_group_needs_its_own_440_ul(study):
    assert {prep.solution: prep.needed_ul for prep in study.preparations} == dict.fromkeys(
        ("control", "low", "mid", "high"), 440.0
    )


def test_the_light_mouse_of_the_high_group_gets_1_5_mg_per_kg_per_day(study):
    row = study.doses.set_index("animal_id").loc["high-24.0"]
    assert row["dose_mg_per_kg_per_day"] == pytest.approx(1.5)
    assert row["target_dose_mg_per_kg_per_day"] == pytest.approx(1.44)
    assert row["deviation_percent"] == pytest.approx(100 * (1.5 / 1.44 - 1))  # +4.17 %


def test_the_control_group_gets_no_compound_and_is_on_target(study):
    control = study.doses[study.doses["group"] == "control"]
    assert (control["concentration_mg_per_ml"] == 0).all()
    assert (control["dose_mg_per_kg_per_day"] == 0).all()
    assert not control["outside_tolerance"].any()
    (prep,) = [prep for prep in study.preparations if prep.solution == "control"]
    assert prep.recipe.way == "vehicle" and prep.mass_mg is None
    assert prep.volume_ul == 440.0 and prep.pumps == 2


def test_the_control_card_says_vehicle_only_and_its_pumps_are_still_filled(study):
    sheet = preparation_sheet(study)
    assert "control: vehicle only: no compound" in sheet
    assert "Vehicle only: no compound. Measure 440 µL of saline" in sheet
    assert "spare 1 of control" in sheet  # the control's spare is filled like the others


def test_a_group_of_the_table_without_animals_is_named(catalog):
    groups = (*GROUPS, Group("Hihg", 2000.0))
    study = evaluate_cohort(PLAN, Cohort(animals=ANIMALS, groups=groups), catalog)
    (finding,) = [f for f in study.findings if f.code == "group_without_animals"]
    assert "Hihg" in finding.message and finding.field == "groups"


def test_group_names_are_matched_whatever_their_case(catalog):
    groups = (Group("CONTROL", vehicle_only=True), Group("Low", 200.0))
    study = evaluate_cohort(PLAN, Cohort(animals=ANIMALS, groups=groups), catalog)
    assert concentrations(study)["control"] == 0.0
    assert concentrations(study)["low"] == pytest.approx(1.2)


def test_a_dose_of_zero_is_a_vehicle_control(catalog):
    study = evaluate_cohort(PLAN, Cohort(animals=ANIMALS, groups=(Group("low", 0.0),)), catalog)
    assert concentrations(study)["low"] == 0.0


def test_the_groups_table_is_read_from_text_and_written_back():
    text = "group\tdose\ncontrol\tvehicle\nlow\t200\nmid\nhigh, 1000"
    groups, findings = parse_groups(text)
    assert findings == []
    assert groups == (*GROUPS[:2], Group("mid"), GROUPS[2])
    assert parse_groups(groups_to_text(groups)) == (groups, [])


def test_a_bad_group_line_is_named_and_left_out():
    groups, (finding,) = parse_groups("low\t200\nhigh\tlots")
    assert groups == (Group("low", 200.0),)
    assert "line 2" in finding.message and "'lots'" in finding.message


def test_a_group_named_twice_is_refused_where_the_cohort_is_read():
    cohort, (finding,) = cohort_from_values({"groups": [Group("low", 1.0), Group("LOW", 2.0)]})
    assert cohort is None and finding.field == "groups"


def test_the_saved_study_keeps_the_group_doses_and_reopens_exactly(study, catalog):
    plan, cohort, findings = study_from_json(study_to_json(PLAN, study.cohort, catalog), catalog)
    assert (plan, cohort) == (PLAN, study.cohort)
    assert cohort.groups == GROUPS


def test_a_group_named_like_a_control_but_given_the_compound_is_named(catalog):
    # "vehicle" listed without a dose, "control" not listed: both get the plan's 500 ng/kg/min.
    animals = (
        Animal("A", "vehicle", 25.0),
        Animal("B", "high", 25.0),
        Animal("C", "control", 25.0),
    )
    groups = (Group("vehicle"), Group("high", 1000.0))
    study = evaluate_cohort(PLAN, Cohort(animals=animals, groups=groups), catalog)
    found = {f.code: f.message for f in study.findings}
    assert found["control_given_compound"] == (
        "2 groups are named like a control but given the compound: vehicle, control."
    )
    assert found["group_not_in_table"] == (
        "1 group is not in the groups table and gets the plan's dose: control."
    )


def test_a_control_marked_vehicle_is_not_named_and_an_unlisted_group_only_noted(study):
    # "mid" is not in the groups table: it takes the plan's dose, as the issue allows (a note).
    assert [(f.code, f.severity) for f in study.findings] == [("group_not_in_table", "info")]


def test_each_group_has_its_own_plasma_level(catalog):
    # Css = k0 / CL: 1000 ng/kg/min / 50 mL/min/kg = 20 ng/mL, 200 / 50 = 4 ng/mL; the control
    # none. Linear in the dose: the plan's 500 / 50 = 10 ng/mL times each group's dose / 500.
    from dataclasses import replace

    from lib.documents.committee import group_lines

    plan = replace(PLAN, clearance_ml_per_min_per_kg=50.0)
    study = evaluate_cohort(plan, Cohort(animals=ANIMALS, groups=GROUPS), catalog)
    levels = {line.name: line.plasma_ng_per_ml for line in group_lines(study)}
    assert levels == pytest.approx({"control": 0.0, "low": 4.0, "mid": 10.0, "high": 20.0})


def test_without_a_groups_table_a_control_given_the_compound_is_named(catalog):
    # The case: the control of the animals table is given the plan's drug.
    animals = (Animal("A", "saline control", 25.0), Animal("B", "treated", 25.0))
    study = evaluate_cohort(PLAN, Cohort(animals=animals), catalog)
    assert [f.code for f in study.findings] == ["control_given_compound"]
