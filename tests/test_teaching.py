"""Tests for lib/teaching/working.py and scenarios.py: the working, and the worked scenarios."""

import pytest

from lib import Plan, evaluate, load_pump_catalog
from lib.teaching.scenarios import load_scenarios
from lib.teaching.working import working_steps

# The scenarios' concentrations worked by hand with the brief's formula.
HAND_WORKED_MG_PER_ML = {
    "1-brief-intrathecal-baclofen": 1.0 / 0.5,  # 1.0 ug/h / 0.5 uL/h (the brief, Table 2)
    "2-growing-juvenile-rat": 7.2 * 0.1 / 0.006,  # 0.72 mg/day / (0.25 x 24 / 1000) mL/day
    "3-solubility-conflict": 5.0 / 0.5,  # 5 ug/h / 0.5 uL/h
    "4-study-longer-than-one-pump": 1.0 / 0.5,
}


@pytest.fixture(scope="module")
def catalog():
    return load_pump_catalog()


@pytest.mark.parametrize("scenario", load_scenarios(), ids=lambda scenario: scenario.name)
def test_each_scenario_gives_what_its_description_promises(scenario, catalog):
    evaluation = evaluate(scenario.plan, catalog)
    assert evaluation.concentration_mg_per_ml == pytest.approx(HAND_WORKED_MG_PER_ML[scenario.name])
    assert scenario.expected_concentration_mg_per_ml == pytest.approx(
        HAND_WORKED_MG_PER_ML[scenario.name]
    )
    assert tuple(finding.code for finding in evaluation.findings) == scenario.expected_finding_codes
    assert scenario.teaches.endswith(".") and len(scenario.teaches) > 40


def test_the_four_scenarios_of_the_issue_are_there():
    names = [scenario.name for scenario in load_scenarios()]
    assert names == list(HAND_WORKED_MG_PER_ML)


def test_the_working_substitutes_this_plans_numbers(catalog):
    steps = dict(working_steps(evaluate(Plan(dose=30.0, dose_unit="ug/kg/h"), catalog)))
    # 30 ug/kg/h x 24 h/day / 1000 ug/mg = 0.72 mg/kg/day; x 0.25 kg = 0.18 mg/day;
    # 0.5 uL/h x 24 / 1000 = 0.012 mL/day; 0.18 / 0.012 = 15 mg/mL
    assert steps["The dose in mg per day"] == (
        "30.0 µg/kg/h × 24 h/day ÷ 1000 µg/mg = 0.720 mg/kg/day"
    )
    assert "0.720 mg/kg/day × 0.250 kg = 0.180 mg/day" in steps["Mass per day"]
    assert (
        "0.500 µL/h × 24 h/day ÷ 1000 µL/mL = 0.0120 mL/day" in steps["Pumping rate in mL per day"]
    )
    assert "0.180 mg/day ÷ 0.0120 mL/day = 15.0 mg/mL" in steps["Fill concentration"]
    assert "349 % of the solubility" in steps["Will it dissolve?"]  # 15 / 4.3


def test_the_working_of_a_molar_dose_uses_the_molecular_weight(catalog):
    steps = dict(working_steps(evaluate(Plan(dose=1e-4, dose_unit="mmol/kg/day"), catalog)))
    # 1e-4 mmol/kg/day x 213.66 mg/mmol = 0.0214 mg/kg/day
    assert "× 214 mg/mmol (molecular weight) = 0.0214 mg/kg/day" in steps["The dose in mg per day"]


def test_the_working_of_an_entered_concentration_gives_the_dose(catalog):
    steps = dict(working_steps(evaluate(Plan(fixed_concentration_mg_per_ml=1.0), catalog)))
    # 1 mg/mL x 0.012 mL/day = 0.012 mg/day; / 0.25 kg = 0.048 mg/kg/day
    assert "= 0.0480 mg/kg/day" in steps["The dose it delivers"]


def test_no_working_without_a_concentration(catalog):
    assert working_steps(evaluate(Plan(pump_model="9999"), catalog)) == []


def test_the_working_shows_a_catheters_delay_when_it_is_primed_with_vehicle(catalog):
    """10 cm of PE-60 x 4.566 uL/cm = 45.66 uL; / 0.5 uL/h = 91.32 h = 3.8 days."""
    plan = Plan(catheter_tubing="PE-60", catheter_length_cm=10.0)
    steps = dict(working_steps(evaluate(plan, catalog)))
    assert steps["Before the drug arrives"] == (
        "10.0 cm of PE-60 × 4.57 µL/cm = 45.7 µL of vehicle ahead of the drug; 45.7 µL ÷ "
        "0.500 µL/h = 91.3 h (3.8 days) before the drug reaches the tip."
    )
    drug_filled = Plan(
        catheter_tubing="PE-60", catheter_length_cm=10.0, catheter_filled_with="drug"
    )
    assert "Before the drug arrives" not in dict(working_steps(evaluate(drug_filled, catalog)))
