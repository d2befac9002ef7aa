"""Tests for lib/calc/growth.py and catheter.py: weight over time, design weights, catheter lag.

Expected values worked by hand from REFERENCE sections 3 and 5 (cited per case).
"""

from dataclasses import replace

import numpy as np
import pytest

from lib import Plan, evaluate, load_pump_catalog
from lib.calc.catheter import catheter_lag_days
from lib.calc.growth import body_weight_g_at, design_body_weight_g, mean_body_weight_g
from lib.calc.series import PumpWindow
from lib.tables.presets import load_growth_presets
from lib.tables.tubing import load_tubing

# A window covering days 0 to 19.5 of a 19.5-day study (one 28-day pump)
WINDOW = PumpWindow(1, 0.0, 28.0, 28.0, 40.0)
SPRAGUE_DAWLEY = {
    "growth_model": "preset",
    "growth_preset": "sprague_dawley_male",
    "age_at_implant_days": 61.0,
    "body_weight_g": 262.0,
    "study_days": 19.5,
}


@pytest.fixture(scope="module")
def catalog():
    return load_pump_catalog()


# (plan fields, day, weight in g worked by hand)
WEIGHTS = [
    ({"weight_gain_g_per_day": 5.4, "body_weight_g": 100.0}, 10.0, 154.0),  # 100 + 54
    ({"weight_gain_g_per_day": 0.0}, 30.0, 250.0),  # constant
    # a straight line from 100 g to the expected 150 g at the end of a 10-day study
    (
        {
            "growth_model": "end_weight",
            "end_body_weight_g": 150.0,
            "body_weight_g": 100.0,
            "study_days": 10.0,
        },
        5.0,
        125.0,
    ),
    # Wistar preset (100 g at 28 d, 250 g at 56 d) anchored at 110 g on day 28:
    # at age 42 the curve gains 75 g, so 185 g
    (
        {
            "growth_model": "preset",
            "growth_preset": "wistar_male_juvenile",
            "age_at_implant_days": 28.0,
            "body_weight_g": 110.0,
        },
        14.0,
        185.0,
    ),
    # past the preset's last age (56 d) the weight is held: 110 + 150
    (
        {
            "growth_model": "preset",
            "growth_preset": "wistar_male_juvenile",
            "age_at_implant_days": 28.0,
            "body_weight_g": 110.0,
        },
        40.0,
        260.0,
    ),
    # measured 262.5 g on day 7; 250 g at implant: halfway on day 3.5, held after day 7
    ({"growth_model": "measured", "measured_weights": ((7.0, 262.5),)}, 3.5, 256.25),
    ({"growth_model": "measured", "measured_weights": ((7.0, 262.5),)}, 10.0, 262.5),
    # a measured weight on day 0 replaces the one typed for the implant
    ({"growth_model": "measured", "measured_weights": ((0.0, 240.0), (10.0, 260.0))}, 5.0, 250.0),
    # a growth model without its inputs holds the weight at implant
    ({"growth_model": "preset"}, 10.0, 250.0),
]


@pytest.mark.parametrize(("fields", "day", "expected_g"), WEIGHTS)
def test_body_weight_follows_the_growth_model(fields, day, expected_g):
    assert float(body_weight_g_at(Plan(**fields), day)) == pytest.approx(expected_g)


def test_mean_and_mid_design_weights_differ_on_a_bent_growth_curve():
    # Sprague-Dawley preset: 262 g (61 d), 312 g (72.5 d), 337 g (80.5 d). Over days 0-19.5:
    # mean = (11.5 x (262 + 312) / 2 + 8 x (312 + 337) / 2) / 19.5 = 5896.5 / 19.5 = 302.38 g;
    # mid (day 9.75, age 70.75) = 262 + 50 x 9.75 / 11.5 = 304.39 g.
    plan = Plan(**SPRAGUE_DAWLEY, design_weight="mean")
    assert design_body_weight_g(plan, WINDOW) == pytest.approx(5896.5 / 19.5, rel=1e-5)
    mid = Plan(**SPRAGUE_DAWLEY, design_weight="mid")
    assert design_body_weight_g(mid, WINDOW) == pytest.approx(262 + 50 * 9.75 / 11.5)
    implant = Plan(**SPRAGUE_DAWLEY, design_weight="implant")
    assert design_body_weight_g(implant, WINDOW) == 262.0


def test_choosing_the_mean_weight_puts_the_target_inside_the_delivered_range(catalog):
    # Juvenile Wistar from 100 g (28 d) to 250 g (56 d) on a 28-day 2ML4: filled for 100 g the
    # dose falls to 100/250 = 40 % of target; filled for the mean, 175 g, it runs 175 % to 70 %.
    fields = {
        "compound": "lithium chloride",
        "vehicle": "saline",
        "route": "sc",
        "dose": 7.2,
        "dose_unit": "mg/kg/day",
        "body_weight_g": 100.0,
        "growth_model": "preset",
        "growth_preset": "wistar_male_juvenile",
        "age_at_implant_days": 28.0,
        "study_days": 28.0,
        "pump_model": "2ML4",
    }
    at_implant = evaluate(Plan(**fields), catalog).dose_range
    assert at_implant.lowest_percent_of_target == pytest.approx(40.0)
    assert at_implant.highest_percent_of_target == pytest.approx(100.0)
    mean = evaluate(Plan(**fields, design_weight="mean"), catalog).dose_range
    assert mean.lowest_percent_of_target == pytest.approx(70.0)
    assert mean.highest_percent_of_target == pytest.approx(175.0)
    assert mean.lowest_mg_per_kg_per_day == pytest.approx(7.2 * 0.7)


def test_presets_carry_their_source_and_confidence():
    presets = load_growth_presets()
    wistar = presets["wistar_male_juvenile"]
    assert (wistar.ages_days, wistar.weights_g) == ((28.0, 56.0), (100.0, 250.0))
    assert "Tauer" in wistar.source and wistar.confidence == "moderate"
    assert presets["sprague_dawley_male"].confidence == "low"


def test_catheter_lag_is_volume_over_rate():
    # REFERENCE 3: 10 cm of PE-60 = 45.66 uL; at 0.25 uL/h drug reaches the tip after 182.64 h.
    plan = Plan(catheter_tubing="PE-60", catheter_length_cm=10.0)
    assert catheter_lag_days(plan, 0.25) * 24 == pytest.approx(182.64)
    assert (
        catheter_lag_days(
            Plan(catheter_tubing="PE-60", catheter_length_cm=10.0, catheter_filled_with="drug"),
            0.25,
        )
        == 0.0
    )
    assert load_tubing()["PE-10"].volume_ul_per_cm == 0.615


def test_catheter_delays_the_dose_and_the_mass_delivered(catalog):
    # 1 ug/h in a 2004 (0.25 uL/h): 4 mg/mL. Drug reaches the tip on day 7.61; by day 10 the
    # tip has received (10 - 7.61) x 6 uL/day x 4 mg/mL / 1000.
    plan = Plan(pump_model="2004", catheter_tubing="PE-60", catheter_length_cm=10.0)
    table = evaluate(plan, catalog).timecourse.set_index("day")
    lag_days = 182.64 / 24
    assert (table.loc[table.index < lag_days - 1e-6, "dose_mg_per_kg_per_day"] == 0).all()
    assert table.loc[8.0, "dose_mg_per_kg_per_day"] == pytest.approx(0.096)
    assert table.loc[10.0, "cumulative_mg"] == pytest.approx((10 - lag_days) * 6 * 4 / 1000)
    # The pump itself drains from day 0: 6 uL/day for 10 days.
    assert table.loc[10.0, "reservoir_left_ul"] == pytest.approx(200 - 60)


def test_a_remembered_mean_weight_is_never_given_for_another_growth():
    window = PumpWindow(1, 0.0, 14.0, 14.0, 16.7)
    first = Plan(weight_gain_g_per_day=2.0, design_weight="mean", study_days=14.0)
    assert design_body_weight_g(first, window) == pytest.approx(264.0)
    for changed, expected in [
        ({"weight_gain_g_per_day": 4.0}, 278.0),
        ({"body_weight_g": 200.0}, 214.0),
        ({"study_days": 7.0}, 257.0),  # the window is cut at the end of the study
    ]:
        assert design_body_weight_g(replace(first, **changed), window) == pytest.approx(expected)
    assert design_body_weight_g(first, window) == pytest.approx(264.0)


def test_mean_weight_of_a_window_that_starts_after_implant_is_worked_out_by_hand():
    # Sprague-Dawley preset as above; days 5-15 cross the corner at day 11.5 (age 72.5).
    # Day 5: 262 + 50 x 5 / 11.5 = 283.74 g; day 11.5: 312 g; day 15: 312 + 25 x 3.5 / 8 = 322.94 g.
    # mean = (6.5 x (283.74 + 312) / 2 + 3.5 x (312 + 322.94) / 2) / 10 = 304.73 g.
    plan = Plan(**SPRAGUE_DAWLEY, design_weight="mean")
    day_5, day_15 = 262 + 50 * 5 / 11.5, 312 + 25 * 3.5 / 8
    expected = (6.5 * (day_5 + 312) / 2 + 3.5 * (312 + day_15) / 2) / 10
    window = PumpWindow(1, 5.0, 15.0, 15.0, 20.0)
    assert design_body_weight_g(plan, window) == pytest.approx(expected, rel=1e-9)
    assert expected == pytest.approx(304.73, abs=0.01)


MEASURED = {"measured_weights": ((3.0, 240.0), (10.0, 275.0), (17.5, 268.0)), "study_days": 21.0}


@pytest.mark.parametrize("growth", [SPRAGUE_DAWLEY, {**MEASURED, "growth_model": "measured"}])
@pytest.mark.parametrize(
    "start_day, end_day",
    [(0.0, 19.5), (2.0, 4.0), (3.0, 10.0), (4.25, 6.5), (10.0, 19.5), (12.0, 30.0), (25.0, 31.0)],
)
def test_mean_weight_matches_a_fine_numerical_integration(growth, start_day, end_day):
    """The running-integral table (inside the study) and the per-window integration (windows
    past the study's end) both agree with a 200,001-point trapezoid over the weight curve."""
    plan = Plan(**growth, design_weight="mean")
    days = np.linspace(start_day, end_day, 200_001)
    expected = np.trapezoid(body_weight_g_at(plan, days), days) / (end_day - start_day)
    assert mean_body_weight_g(plan, start_day, end_day) == pytest.approx(expected, rel=1e-7)
