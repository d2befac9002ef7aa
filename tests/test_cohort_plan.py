"""A cohort's findings: animals outside the tolerance, too small for the pump, above solubility."""

import random

from lib.cohort.animals import Animal, Cohort
from lib.cohort.evaluate import evaluate_cohort
from lib.plan import Plan
from lib.tables.pumps import load_pump_catalog

CATALOG = load_pump_catalog()
PER_KG = Plan(dose=0.048, dose_unit="mg/kg/day")  # 1 mg/mL at 250 g on a 2002: below 4.3 mg/mL


def findings(plan, animals, **choices):
    evaluated = evaluate_cohort(plan, Cohort(animals=animals, **choices), CATALOG)
    return {finding.code: finding for finding in evaluated.findings}


def test_animals_outside_the_tolerance_are_named_with_their_deviation():
    animals = (Animal("R1", "A", 200.0), Animal("R2", "A", 250.0), Animal("R3", "A", 300.0))
    finding = findings(PER_KG, animals)["cohort_dose_outside_tolerance"]
    assert finding.severity == "caution"
    assert finding.field == "concentration_mode"
    assert "2 of 3 animals" in finding.message
    assert "R1 +25.0 %, R3 -16.7 %" in finding.message
    assert "one concentration per animal" in finding.suggestion
    assert "cohort_dose_outside_tolerance" not in findings(
        PER_KG, animals, concentration_mode="animal"
    )


def test_a_long_list_of_animals_is_cut_short_with_a_count():
    # 100 to 540 g, mean 320 g: all but 300 and 340 g are more than 10 % off; 8 are named.
    animals = tuple(Animal(f"R{i}", "A", 100.0 + 40 * i) for i in range(12))
    message = findings(PER_KG, animals)["cohort_dose_outside_tolerance"].message
    assert "10 of 12 animals" in message
    assert message.endswith("and 2 more.")


def test_animals_below_the_pumps_minimum_are_named():
    # Model 2002: at least 20 g under the skin (brief, Table 1).
    animals = (Animal("M1", "A", 19.5), Animal("M2", "A", 24.0))
    finding = findings(PER_KG, animals)["cohort_animal_too_small"]
    assert finding.message.startswith("1 animal is below model 2002's minimum of 20 g")
    assert "M1 (19.5 g)" in finding.message and "M2" not in finding.message
    # The 100 uL models take 10 g under the skin: a smaller model exists, so it is named.
    assert finding.suggestion == (
        "Use a smaller pump model for these animals (1003D, 1007D, 1002, 1004 take 19.5 g by "
        "this route), or wait until they are heavier."
    )


def test_animals_below_the_smallest_models_minimum_are_told_to_wait_not_to_change_model():
    # Model 1002, the smallest size: 10 g under the skin. Before: "Use a smaller pump model",
    # which the catalogue does not have.
    plan = Plan(dose=0.048, dose_unit="mg/kg/day", pump_model="1002")
    animals = (Animal("M1", "A", 8.0), Animal("M2", "A", 24.0))
    finding = findings(plan, animals)["cohort_animal_too_small"]
    assert finding.message.startswith("1 animal is below model 1002's minimum of 10 g")
    assert finding.suggestion == (
        "No model of the pump catalogue takes 8 g by this route: wait until these animals are "
        "heavier."
    )


def test_a_heavy_animals_own_solution_above_the_solubility_is_a_conflict():
    # Baclofen's ceiling is 4.3 mg/mL; 0.2 mg/kg/day x 0.3 kg / 0.012 mL/day = 5.0 mg/mL.
    plan = Plan(dose=0.2, dose_unit="mg/kg/day")  # 200 g: 3.33, 300 g: 5.0 mg/mL
    animals = (Animal("R1", "A", 200.0), Animal("R2", "A", 300.0))
    finding = findings(plan, animals, concentration_mode="animal")["cohort_solubility_exceeded"]
    assert finding.severity == "conflict"
    assert "R2 5.00 mg/mL" in finding.message and "R1" not in finding.message


def test_a_thousand_animals_evaluate_and_give_a_row_each():
    # Speed is measured in bench/, not here; this checks the size works at all.
    randomly = random.Random(7)
    animals = tuple(
        Animal(f"A{i:04d}", f"G{i % 4}", randomly.uniform(200, 300)) for i in range(1000)
    )
    evaluated = evaluate_cohort(PER_KG, Cohort(animals=animals), CATALOG)
    assert len(evaluated.doses) == 1000 and len(evaluated.preparations) == 4
