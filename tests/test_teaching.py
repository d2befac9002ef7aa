"""Tests for lib/teaching/working.py: the working, step by step (the lessons: test_lessons.py)."""

import pytest

from lib import Plan, evaluate, load_pump_catalog
from lib.teaching.working import working_steps


@pytest.fixture(scope="module")
def catalog():
    return load_pump_catalog()


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
