"""Doses across a cohort: one concentration per group or per animal, against worked numbers.

Worked case: baclofen 0.48 mg/kg/day on a model 2002 (0.5 uL/h = 0.012 mL/day). Group A of
200, 250 and 300 g has a mean of 250 g: 0.48 x 0.25 = 0.12 mg/day, / 0.012 mL/day = 10 mg/mL.
At 10 mg/mL a 200 g rat gets 0.12 / 0.2 = 0.60 mg/kg/day (+25 %), a 300 g rat 0.40 (-16.7 %).
One concentration per animal: 0.48 x 0.2 / 0.012 = 8 mg/mL and 0.48 x 0.3 / 0.012 = 12 mg/mL.
"""

from dataclasses import replace

import pytest

from lib.calc.dosing import delivered_dose_mg_per_kg_per_day, required_concentration_mg_per_ml
from lib.cohort.animals import Animal, Cohort
from lib.cohort.doses import cohort_doses
from lib.cohort.evaluate import evaluate_cohort
from lib.cohort.table import parse_animals
from lib.documents.protocol import protocol_html
from lib.evaluate import evaluate
from lib.plan import Plan
from lib.tables.pumps import load_pump_catalog

CATALOG = load_pump_catalog()
PER_KG = Plan(dose=0.48, dose_unit="mg/kg/day")
GROUP_A = (Animal("R1", "A", 200.0), Animal("R2", "A", 250.0), Animal("R3", "A", 300.0))
GROUP_B = (Animal("R4", "B", 400.0), Animal("R5", "B", 500.0))


def doses(plan, animals, **choices):
    return cohort_doses(plan, Cohort(animals=animals, **choices), evaluate(plan, CATALOG))


def column(table, name):
    return [round(value, 6) for value in table[name]]


def test_one_concentration_per_group_is_for_the_groups_mean_weight():
    table = doses(PER_KG, GROUP_A + GROUP_B)
    # Group B: mean 450 g, 0.48 x 0.45 / 0.012 = 18 mg/mL.
    assert column(table, "concentration_mg_per_ml") == [10, 10, 10, 18, 18]
    assert list(table["solution"]) == ["A"] * 3 + ["B"] * 2


def test_each_animals_dose_and_deviation_with_a_group_concentration():
    table = doses(PER_KG, GROUP_A + GROUP_B)
    # Group B at 18 mg/mL: 0.216 mg/day / 0.4 kg = 0.54 (+12.5 %), / 0.5 kg = 0.432 (-10 %).
    assert column(table, "dose_mg_per_kg_per_day") == [0.6, 0.48, 0.4, 0.54, 0.432]
    assert column(table, "deviation_percent") == [25, 0, -16.666667, 12.5, -10]
    assert list(table["outside_tolerance"]) == [True, False, True, True, False]


def test_one_concentration_per_animal_gives_each_the_target():
    table = doses(PER_KG, GROUP_A, concentration_mode="animal")
    assert column(table, "concentration_mg_per_ml") == [8, 10, 12]
    assert column(table, "dose_mg_per_kg_per_day") == [0.48, 0.48, 0.48]
    assert column(table, "deviation_percent") == [0, 0, 0]
    assert list(table["solution"]) == ["R1", "R2", "R3"]


def test_group_concentration_inverts_to_the_target_at_the_group_weight():
    # Round trip: dose -> concentration (group mean) -> dose at that mean weight.
    table = doses(PER_KG, GROUP_B)
    concentration = table["concentration_mg_per_ml"].iloc[0]
    assert delivered_dose_mg_per_kg_per_day(concentration, 0.5, 450.0) == pytest.approx(0.48)
    assert concentration == pytest.approx(required_concentration_mg_per_ml(0.48, 450.0, 0.5))


def test_the_tolerance_edge_is_inside_and_just_past_it_is_outside():
    # Mean of 200 and 240 g is 220 g: the 200 g rat gets 220 / 200 - 1 = +10 %.
    animals = (Animal("R1", "A", 200.0), Animal("R2", "A", 240.0))
    assert not doses(PER_KG, animals)["outside_tolerance"].iloc[0]
    assert doses(PER_KG, animals, dose_tolerance_percent=9.99)["outside_tolerance"].iloc[0]


def test_a_per_animal_dose_is_the_same_concentration_and_on_target_for_every_weight():
    # The brief: 1.0 ug/h at 0.5 uL/h = 2.0 mg/mL whatever the weight; 0.024 mg/day / 0.2 kg.
    table = doses(Plan(), GROUP_A)
    assert column(table, "concentration_mg_per_ml") == [2, 2, 2]
    assert column(table, "dose_mg_per_kg_per_day") == [0.12, 0.096, 0.08]
    assert column(table, "deviation_percent") == [0, 0, 0]


def test_without_animals_the_plans_one_animal_is_the_cohort():
    table = doses(PER_KG, ())
    assert list(table["animal_id"]) == ["1"]
    assert column(table, "concentration_mg_per_ml") == [10]  # 250 g


def test_pumps_in_series_each_get_rows_and_their_own_design_weight():
    # 20 days on 14-day pumps: two pumps; gaining 2 g/day, pump 2 starts on day 14.
    plan = replace(PER_KG, study_days=20.0, weight_gain_g_per_day=2.0)
    table = doses(plan, GROUP_A)
    assert list(table["pump"]) == [1, 1, 1, 2, 2, 2]
    # Group mean 250 g, at day 14: 278 g -> 0.48 x 0.278 / 0.012 = 11.12 mg/mL.
    assert column(table, "concentration_mg_per_ml")[3:] == [11.12] * 3
    assert column(table, "design_body_weight_g")[3:] == [228, 278, 328]


GROWTH_PLANS = {
    "gain, mean": replace(PER_KG, weight_gain_g_per_day=3.0, design_weight="mean"),
    "end weight, mid": replace(
        PER_KG, growth_model="end_weight", end_body_weight_g=420.0, design_weight="mid"
    ),
    "preset, mean": replace(
        PER_KG,
        growth_model="preset",
        growth_preset="wistar_male_juvenile",
        age_at_implant_days=28.0,
        design_weight="mean",
        study_days=21.0,
    ),
    "measured from day 0": replace(
        PER_KG, growth_model="measured", measured_weights=((0, 250), (7, 280)), design_weight="mean"
    ),
    "measured from day 3": replace(
        PER_KG, growth_model="measured", measured_weights=((3, 260), (7, 280)), design_weight="mid"
    ),
}


# The grams each plan's animal gains by its design weight, by hand (the plan's animal: 250 g):
GAINS_G = {
    "gain, mean": 3.0 * 7 / 2,  # 3 g/day, mean over days 0-7: 10.5 g
    "end weight, mid": (420.0 - 250.0) / 2,  # to 420 g over 7 days, at day 3.5: 85 g
    # Wistar 100 -> 250 g over 28 days; 21 days take two 2002s, pump 1 in days 0-14: 37.5 g
    "preset, mean": 150.0 / 28 * 14 / 2,
    "measured from day 0": (280.0 - 250.0) / 2,  # mean of a line 250 -> 280 g: 15 g
    "measured from day 3": 262.5 - 250.0,  # day 3.5 between 260 (day 3) and 280 (day 7)
}


@pytest.mark.parametrize("name", GROWTH_PLANS)
def test_each_animal_grows_as_the_plan_from_its_own_weight(name):
    # Before: with measured weights from day 0 every animal got the plan's design weight (250 g
    # animals' concentration for all), and with an end weight every animal reached 420 g.
    plan = GROWTH_PLANS[name]
    animals = (Animal("small", "A", 31.5), Animal("mid", "A", 237.5), Animal("big", "A", 410.0))
    table = doses(plan, animals, concentration_mode="animal")
    first = table[table["pump"] == 1]
    expected = [weight + GAINS_G[name] for weight in (31.5, 237.5, 410.0)]
    assert first["design_body_weight_g"].tolist() == pytest.approx(expected, rel=1e-12)


def test_one_per_animal_under_measured_weights_follows_each_animals_weight():
    # The case: measured (0, 250), (14, 300); 2ML2 (5 uL/h = 0.12 mL/day), 1 mg/kg/day,
    # concentration for the weight at implant: 200 g -> 0.2 mg/day / 0.12 = 1.667 mg/mL; 250 g
    # -> 2.083; 300 g -> 2.500. Before: 2.083 mg/mL for all three, "0 %" deviation.
    plan = Plan(
        dose=1.0, dose_unit="mg/kg/day", pump_model="2ML2", study_days=14,
        growth_model="measured", measured_weights=((0, 250), (14, 300)),
    )  # fmt: skip
    animals = (Animal("R1", "A", 200.0), Animal("R2", "A", 250.0), Animal("R3", "A", 300.0))
    table = doses(plan, animals, concentration_mode="animal")
    assert column(table, "concentration_mg_per_ml") == [1.666667, 2.083333, 2.5]
    assert column(table, "deviation_percent") == [0.0, 0.0, 0.0]


def test_a_plan_without_a_concentration_gives_an_empty_table():
    plan = Plan(compound="unknown-x", dose=1.0, dose_unit="mmol/kg/day")
    assert doses(plan, GROUP_A).empty


def test_group_names_that_differ_only_in_case_or_spaces_are_one_group():
    # Issue 17, item 7. Before: "Female" and "female" were two groups with two solutions (8 and
    # 12 mg/mL); as one group of mean 250 g they share 10 mg/mL, named as first spelled.
    pasted = "animal\tgroup\tweight\nR1\tFemale\t200\nR2\tfemale\t300\nR3\t FEMALE \t250\n"
    animals, _ = parse_animals(pasted)
    table = doses(PER_KG, animals)
    assert list(table["group"]) == ["Female"] * 3
    assert list(table["solution"]) == ["Female"] * 3
    assert column(table, "concentration_mg_per_ml") == [10, 10, 10]
    evaluated = evaluate_cohort(PER_KG, Cohort(animals=animals), CATALOG)
    assert [preparation.solution for preparation in evaluated.preparations] == ["Female"]


def test_weights_implausible_for_the_species_are_named_before_their_doses_are_read():
    # Rats of 250, 150, 2.5 (a typo for 250) and 1500 g (one for 150): outside 40 to 700 g
    # (species.csv) are the 2.5 and the 1500 g; each also moves the group's mean weight
    animals = tuple(
        Animal(animal_id=name, body_weight_g=weight)
        for name, weight in (("R1", 250.0), ("R2", 150.0), ("R3", 2.5), ("R4", 1500.0))
    )
    result = evaluate_cohort(Plan(pump_model="2ML4"), Cohort(animals=animals), load_pump_catalog())
    (finding,) = [f for f in result.findings if f.code == "cohort_weight_implausible"]
    assert finding.severity == "caution"
    assert "2 weights outside the range this app expects for a rat (40 to 700 g)" in (
        finding.message
    )
    assert "R3 (2.5 g), R4 (1500 g)" in finding.message
    assert result.findings[0] is finding  # before "too small" and the doses


def test_the_dose_at_implant_is_at_the_animals_own_weight_then_and_the_highest_is_named():
    # Issue 25: the sheets printed the dose at the design weight as "at implant". A rat of 300 g
    # gaining 3 g/day on a 2ML4 (2.5 uL/h = 0.06 mL/day), 10 mg/kg/day for 28 days made for the
    # mid-infusion weight: 300 + 3 x 14 = 342 g, so 10 x 0.342 / 0.06 = 57.0 mg/mL. At implant
    # (300 g) that delivers 57.0 x 0.06 / 0.300 = 11.4 mg/kg/day, the highest of the infusion (it
    # only grows); at 342 g exactly the target, 10.0.
    plan = Plan(
        compound="lithium chloride", vehicle="saline", route="sc", dose=10.0,
        dose_unit="mg/kg/day", body_weight_g=300.0, weight_gain_g_per_day=3.0,
        design_weight="mid", pump_model="2ML4", study_days=28.0,
    )  # fmt: skip
    cohort = Cohort(animals=(Animal("M1", "m", 300.0),))
    (row,) = evaluate_cohort(plan, cohort, CATALOG).doses.itertuples()
    assert row.concentration_mg_per_ml == pytest.approx(57.0, rel=1e-9)
    assert row.dose_mg_per_kg_per_day == pytest.approx(10.0, rel=1e-9)
    assert row.dose_at_implant_mg_per_kg_per_day == pytest.approx(11.4, rel=1e-9)
    assert row.highest_dose_mg_per_kg_per_day == pytest.approx(11.4, rel=1e-9)
    sheet = protocol_html(plan, CATALOG, cohort=cohort)
    assert "<td>300</td><td>57.0</td><td>11.4</td><td>11.4</td>" in sheet
    assert "from 11.4 mg/kg/day (the lowest at implant" in sheet
