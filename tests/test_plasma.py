"""Tests for lib/calc/plasma.py and the plasma level of an evaluation (issue 26, part 3).

The rule (REFERENCE section 8; Bauer, Applied Clinical Pharmacokinetics, ch. 2): at steady state
k0 = Css x CL; the level rises as 1 - exp(-k t), k = ln 2 / t½, so 90 % is reached at
ln 10 / ln 2 = 3.32 half-lives. Every expected value below is worked by hand from that.
"""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.calc.plasma import (
    clearance_ml_per_min_per_kg,
    dose_for_plasma_target,
    half_life_h,
    kinetics,
    mass_flow_ug_per_hr_for_plasma,
    ng_per_ml_to_nanomolar,
    steady_state_plasma_ng_per_ml,
    time_to_90_percent_h,
    volume_of_distribution_l_per_kg,
)
from lib.evaluate import evaluate
from lib.plan import Plan, plan_from_values
from lib.tables.pumps import load_pump_catalog

CATALOG = load_pump_catalog()
POSITIVE = st.floats(1e-3, 1e4, allow_nan=False, allow_subnormal=False)


def test_steady_state_of_ten_ug_per_hour_with_ten_ml_per_min_per_kg_in_a_250_g_rat():
    # CL = 10 mL/min/kg x 0.25 kg = 2.5 mL/min = 150 mL/h; k0 = 10 ug/h = 10,000 ng/h;
    # Css = 10,000 ng/h / 150 mL/h = 66.67 ng/mL
    assert steady_state_plasma_ng_per_ml(10.0, 10.0, 250.0) == pytest.approx(66.6667, rel=1e-5)


def test_steady_state_of_a_30_g_mouse():
    # CL = 50 mL/min/kg x 0.03 kg x 60 min/h = 90 mL/h; k0 = 0.9 ug/h = 900 ng/h; Css = 10 ng/mL
    assert steady_state_plasma_ng_per_ml(0.9, 50.0, 30.0) == pytest.approx(10.0)


def test_clearance_from_half_life_and_volume_of_distribution():
    # CL = ln 2 x Vd / t½ = 0.6931 x 0.7 L/kg / 2 h = 0.2426 L/h/kg = 242.6 mL/h/kg
    # = 242.6 / 60 = 4.043 mL/min/kg
    assert clearance_ml_per_min_per_kg(2.0, 0.7) == pytest.approx(4.0434, rel=1e-4)


def test_half_life_from_clearance_and_volume_of_distribution():
    # 10 mL/min/kg = 600 mL/h/kg = 0.6 L/h/kg; t½ = 0.6931 x 1 L/kg / 0.6 L/h/kg = 1.155 h
    assert half_life_h(10.0, 1.0) == pytest.approx(1.1552, rel=1e-4)


def test_time_to_90_percent_is_3_32_half_lives():
    # ln 10 / ln 2 = 2.302585 / 0.693147 = 3.3219; x 12 h = 39.86 h
    assert time_to_90_percent_h(12.0) == pytest.approx(39.863, rel=1e-4)
    # and the level 1 - exp(-k t) is then 90 % of steady state
    rate_per_hr = math.log(2) / 12.0
    assert 1 - math.exp(-rate_per_hr * time_to_90_percent_h(12.0)) == pytest.approx(0.9)


def test_nanomolar_of_baclofen():
    # 66.67 ng/mL = 66.67 ug/L; / 213.66 g/mol = 0.3120 umol/L = 312.0 nM
    assert ng_per_ml_to_nanomolar(66.6667, 213.66) == pytest.approx(312.02, rel=1e-4)


@given(POSITIVE, POSITIVE)
def test_half_life_and_clearance_round_trip(clearance, volume):
    half = half_life_h(clearance, volume)
    assert clearance_ml_per_min_per_kg(half, volume) == pytest.approx(clearance, rel=1e-9)
    assert volume_of_distribution_l_per_kg(clearance, half) == pytest.approx(volume, rel=1e-9)


@given(POSITIVE, POSITIVE, st.floats(5.0, 1000.0))
def test_mass_flow_for_a_level_round_trips(level, clearance, weight):
    mass_flow = mass_flow_ug_per_hr_for_plasma(level, clearance, weight)
    assert steady_state_plasma_ng_per_ml(mass_flow, clearance, weight) == pytest.approx(level)


def test_kinetics_completes_the_third_from_two():
    # t½ = 2 h and Vd = 0.7 L/kg: CL = 4.043 mL/min/kg (above)
    completed = kinetics(Plan(half_life_h=2.0, volume_of_distribution_l_per_kg=0.7))
    assert completed.clearance_ml_per_min_per_kg == pytest.approx(4.0434, rel=1e-4)
    assert completed.time_to_90_percent_h == pytest.approx(6.6439, rel=1e-4)  # 3.3219 x 2 h


def test_without_pharmacokinetic_inputs_there_is_no_level():
    evaluation = evaluate(Plan(), CATALOG)
    assert evaluation.kinetics is None
    assert evaluation.steady_state_plasma_ng_per_ml is None
    assert evaluation.time_to_90_percent_h is None
    assert evaluation.plasma_course is None


def test_with_a_clearance_only_the_level_is_known_but_not_its_rise():
    # The brief's plan: 1 ug/h = 1,000 ng/h; 10 mL/min/kg x 0.25 kg x 60 = 150 mL/h -> 6.667
    evaluation = evaluate(Plan(clearance_ml_per_min_per_kg=10.0), CATALOG)
    assert evaluation.steady_state_plasma_ng_per_ml == pytest.approx(6.6667, rel=1e-4)
    assert evaluation.steady_state_plasma_nmol_per_l == pytest.approx(31.2, rel=1e-3)  # / 213.66
    assert evaluation.time_to_90_percent_h is None
    assert evaluation.plasma_course["quasi_steady"].all()


def test_the_evaluation_worked_by_hand_with_half_life_and_volume():
    # 10 ug/h, t½ 2 h and Vd 0.7 L/kg: CL = 4.0434 mL/min/kg x 0.25 kg x 60 = 60.65 mL/h;
    # Css = 10,000 / 60.65 = 164.9 ng/mL; 90 % at 3.3219 x 2 = 6.64 h
    plan = Plan(dose=10.0, half_life_h=2.0, volume_of_distribution_l_per_kg=0.7)
    evaluation = evaluate(plan, CATALOG)
    assert evaluation.steady_state_plasma_ng_per_ml == pytest.approx(164.88, rel=1e-4)
    assert evaluation.time_to_90_percent_h == pytest.approx(6.6439, rel=1e-4)


@pytest.mark.parametrize(
    "fields",
    [
        {"dose_unit": "ug/h"},
        {"dose_unit": "mg/kg/day", "design_weight": "mean", "weight_gain_g_per_day": 4.0},
        {"dose_unit": "nmol/kg/day", "species": "mouse", "body_weight_g": 25.0, "route": "sc"},
        {
            "dose_unit": "mg/day",
            "design_weight": "mid",
            "weight_gain_g_per_day": 3.0,
            "study_days": 20.0,
        },  # fmt: skip
    ],
)
def test_a_target_level_solves_the_dose_that_gives_it_back(fields):
    plan = Plan(target_plasma_ng_per_ml=50.0, clearance_ml_per_min_per_kg=20.0, **fields)
    evaluation = evaluate(plan, CATALOG)
    solved_dose = evaluation.plan.dose
    assert solved_dose != plan.dose
    # forward: the same plan with the solved dose and no target gives back 50 ng/mL
    fields = {**plan.to_dict(), "dose": solved_dose, "target_plasma_ng_per_ml": None}
    forward = evaluate(Plan.from_dict(fields), CATALOG)
    assert forward.steady_state_plasma_ng_per_ml == pytest.approx(50.0, rel=1e-9)
    assert forward.concentration_mg_per_ml == pytest.approx(evaluation.concentration_mg_per_ml)
    assert evaluation.steady_state_plasma_ng_per_ml == pytest.approx(50.0, rel=1e-9)


def test_a_target_level_in_ug_per_hour_worked_by_hand():
    # 50 ng/mL x (20 mL/min/kg x 0.25 kg x 60 = 300 mL/h) = 15,000 ng/h = 15 ug/h;
    # at 0.5 uL/h (2002): 15 / 0.5 = 30 mg/mL
    plan = Plan(target_plasma_ng_per_ml=50.0, clearance_ml_per_min_per_kg=20.0)
    assert dose_for_plasma_target(plan, 250.0, None) == pytest.approx(15.0)
    assert evaluate(plan, CATALOG).concentration_mg_per_ml == pytest.approx(30.0)


def test_a_target_without_a_clearance_keeps_the_dose_and_says_so():
    evaluation = evaluate(Plan(target_plasma_ng_per_ml=50.0, half_life_h=3.0), CATALOG)
    assert evaluation.plan.dose == 1.0
    codes = [finding.code for finding in evaluation.findings]
    assert "plasma_inputs_incomplete" in codes


def test_a_molar_target_without_molecular_weight_gives_a_finding_not_a_crash():
    fields = {"compound": "custom", "dose_unit": "nmol/kg/day", "target_plasma_ng_per_ml": 5}
    evaluation = evaluate(Plan(**fields, clearance_ml_per_min_per_kg=5.0), CATALOG)
    assert evaluation.steady_state_plasma_ng_per_ml is None
    assert "molecular_weight_missing" in [finding.code for finding in evaluation.findings]


def test_constant_weight_curve_follows_one_minus_exp():
    # 1 ug/h, CL 10 mL/min/kg, Vd 1 L/kg: t½ = 1.1552 h, Css = 6.667 ng/mL; at t½ half of it
    plan = Plan(clearance_ml_per_min_per_kg=10.0, volume_of_distribution_l_per_kg=1.0)
    course = evaluate(plan, CATALOG).plasma_course
    half_days = half_life_h(10.0, 1.0) / 24
    (at_half,) = course.loc[np.isclose(course["day"], half_days), "plasma_ng_per_ml"]
    assert at_half == pytest.approx(6.6667 / 2, rel=1e-4)
    assert course["plasma_ng_per_ml"].iloc[0] == 0.0
    day_5 = course.loc[course["day"] == 5.0, "plasma_ng_per_ml"].item()
    assert day_5 == pytest.approx(6.6667, rel=1e-4)


def test_growing_animal_curve_approaches_the_falling_steady_state():
    # 10 ug/h to a rat from 250 g gaining 5 g/day, CL 10 mL/min/kg, Vd 1 L/kg (t½ 1.16 h):
    # on day 10 (300 g) the steady state is 10,000 / (10 x 0.3 x 60 = 180) = 55.56 ng/mL; the
    # level follows it within hours, so it is there too
    plan = Plan(dose=10.0, clearance_ml_per_min_per_kg=10.0, volume_of_distribution_l_per_kg=1.0,
                weight_gain_g_per_day=5.0, study_days=14.0)  # fmt: skip
    course = evaluate(plan, CATALOG).plasma_course
    day_10 = course.loc[course["day"] == 10.0, "plasma_ng_per_ml"].item()
    assert day_10 == pytest.approx(55.56, rel=2e-3)
    assert course["plasma_ng_per_ml"].max() < 66.67  # never above the steady state at 250 g


def test_the_level_falls_after_the_last_pump_runs_dry():
    # One 2002 holds 200 uL / 0.5 uL/h = 400 h = 16.7 days; a 20-day study with one pump: the
    # level decays with t½ 1.16 h, so two days later it is nothing
    plan = Plan(pumps_in_series=1, study_days=20.0, clearance_ml_per_min_per_kg=10.0,
                volume_of_distribution_l_per_kg=1.0)  # fmt: skip
    course = evaluate(plan, CATALOG).plasma_course
    assert course.loc[course["day"] == 19.0, "plasma_ng_per_ml"].item() < 1e-6


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("clearance_ml_per_min_per_kg", "0"),
        ("half_life_h", "-2"),
        ("volume_of_distribution_l_per_kg", "lots"),
        ("target_plasma_ng_per_ml", "1e9"),
    ],
)
def test_bad_pharmacokinetic_input_gives_a_finding_naming_the_field(field, value):
    plan, findings = plan_from_values({field: value})
    assert plan is None
    (finding,) = findings
    assert finding.field == field
    assert value in finding.message
    assert "enter a number" in finding.suggestion.lower()
