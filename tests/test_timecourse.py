"""Tests for lib/calc/timecourse.py and series.py: pumps in series and the dose time course.

Pump figures from REFERENCE section 2: model 2002 holds 200 uL at 0.5 uL/h (12 uL/day) for a
nominal 14 days, so a full one runs dry after 200 / 12 = 16.67 days.
"""

import numpy as np
import pytest

from lib.calc.series import pump_windows, pumps_needed
from lib.evaluate import evaluate
from lib.plan import Plan
from lib.tables.pumps import load_pump_catalog

CAPACITY_2002_DAYS = 200 / 12  # 16.67 days
COLUMNS = {
    "day",
    "pump",
    "body_weight_g",
    "dose_mg_per_kg_per_day",
    "target_dose_mg_per_kg_per_day",
    "cumulative_mg",
    "reservoir_left_ul",
    "certain",  # the rate is guaranteed (to the delivering pump's nominal end)
}
# A growing rat on a per-kg dose; lithium chloride in saline dissolves far above these doses.
GROWING_RAT = {
    "compound": "lithium chloride",
    "vehicle": "saline",
    "route": "sc",
    "dose": 7.2,
    "dose_unit": "mg/kg/day",
    "body_weight_g": 100.0,
    "weight_gain_g_per_day": 5.0,
}


@pytest.fixture(scope="module")
def catalog():
    return load_pump_catalog()


def timecourse(catalog, **fields):
    return evaluate(Plan(**fields), catalog).timecourse


def row_on(table, day):
    (row,) = [row for _, row in table.iterrows() if abs(row["day"] - day) < 1e-9]
    return row


# The fewest 2002 pumps (14 days nominal; 200 uL at 0.5 uL/h empties on day 16.67): each is
# replaced at day 14, the last may stay until the study ends while it still pumps (16.67 days)
# and is out by 1.5 x 14 = day 21 of its own.
@pytest.mark.parametrize(
    ("study_days", "expected"),
    [
        (7, 1),  # shorter than one pump
        (14.0, 1),  # exactly one pump
        (15, 1),  # one pump, in 1 day past its nominal end: not a second surgery for a day
        (16.6, 1),  # still pumping on day 16.6
        (16.7, 2),  # empty on day 16.67: a second pump on day 14
        (20, 2),  # pump 2 from day 14, in 6 days
        (29, 2),  # pump 2 in 15 days (14 to 29), still pumping
        (31, 3),  # pump 2 would run dry on day 30.67: a third on day 28
    ],
)
def test_pumps_needed_are_the_fewest_surgeries_that_cover_the_study(study_days, expected):
    assert pumps_needed(study_days, 14.0, CAPACITY_2002_DAYS) == expected


def test_float_noise_does_not_ask_for_a_second_pump():
    assert pumps_needed(0.1 + 0.2, 0.3, 0.3) == 1


def test_three_pumps_in_series_have_the_hand_worked_windows():
    # Worked by hand: 40-day study, 2002 pumps replaced every 14 days; the last stays in to its
    # nominal end (day 42), later than the study's end.
    windows = pump_windows(40.0, 14.0, CAPACITY_2002_DAYS, 3)
    got = [(w.number, w.start_day, w.out_day, w.nominal_end_day) for w in windows]
    assert got == [(1, 0.0, 14.0, 14.0), (2, 14.0, 28.0, 28.0), (3, 28.0, 42.0, 42.0)]
    expected_empty = [CAPACITY_2002_DAYS, 14 + CAPACITY_2002_DAYS, 28 + CAPACITY_2002_DAYS]
    assert [w.empty_day for w in windows] == pytest.approx(expected_empty, rel=1e-12)


def test_last_pump_stays_in_to_a_study_end_past_its_nominal_end():
    windows = pump_windows(45.0, 14.0, CAPACITY_2002_DAYS, 3)
    assert windows[-1].out_day == 45.0
    assert windows[-1].infusion_end_day == pytest.approx(28 + CAPACITY_2002_DAYS)


def test_timecourse_has_exactly_the_design_columns(catalog):
    assert set(timecourse(catalog).columns) == COLUMNS


@pytest.mark.parametrize(
    ("fields", "end_day"),
    [
        ({}, 14.0),  # default: 7-day study, the 2002's nominal end (day 14) comes later
        ({"study_days": 20}, 28.0),  # two pumps, the second's nominal end is day 28
        ({"study_days": 21.5, "pumps_in_series": 1}, 21.5),  # one pump kept to the study's end
    ],
)
def test_timecourse_runs_from_day_0_to_the_later_of_study_end_and_nominal_end(
    catalog, fields, end_day
):
    days = timecourse(catalog, **fields)["day"]
    assert days.iloc[0] == 0.0
    assert days.iloc[-1] == pytest.approx(end_day)
    assert (np.diff(days) <= 1.0 + 1e-9).all()  # at least one row a day
    assert (np.diff(days) > 0).all()


@pytest.mark.parametrize(
    "fields",
    [{}, {"study_days": 40}, {"study_days": 28, "pumps_in_series": 1}, GROWING_RAT],
)
def test_reservoir_and_cumulative_mass_move_one_way(catalog, fields):
    table = timecourse(catalog, **fields)
    assert (table["reservoir_left_ul"] >= 0).all()
    assert (np.diff(table["cumulative_mg"]) >= 0).all()
    for _, pump in table.groupby("pump"):
        assert (np.diff(pump["reservoir_left_ul"]) <= 0).all()


def test_cumulative_mass_of_the_default_plan_on_day_7_is_0_168_mg(catalog):
    # Worked by hand: 0.5 uL/h x 168 h = 84 uL x 2 mg/mL = 0.168 mg; reservoir 200 - 84 = 116 uL
    row = row_on(timecourse(catalog), 7.0)
    assert row["cumulative_mg"] == pytest.approx(0.168, rel=1e-9)
    assert row["reservoir_left_ul"] == pytest.approx(116.0, rel=1e-9)
    # 1 ug/h = 0.024 mg/day for 0.25 kg = 0.096 mg/kg/day (REFERENCE 1)
    assert row["dose_mg_per_kg_per_day"] == pytest.approx(0.096, rel=1e-12)


def test_a_single_pump_runs_dry_after_16_67_days_and_the_dose_drops_to_0(catalog):
    # Worked by hand: 200 uL / 0.5 uL/h = 400 h = 16.67 days; 200 uL x 2 mg/mL = 0.4 mg in all
    table = timecourse(catalog, study_days=28, pumps_in_series=1)
    running = table["day"] < CAPACITY_2002_DAYS - 1e-9  # the grid's empty day rounds up
    assert table.loc[running, "dose_mg_per_kg_per_day"].to_numpy() == pytest.approx(0.096)
    assert (table.loc[~running, "dose_mg_per_kg_per_day"] == 0).all()
    assert table["cumulative_mg"].iloc[-1] == pytest.approx(0.4, rel=1e-9)
    assert (table["pump"] == 1).all()


def test_pumps_in_series_switch_at_the_replacement_day_with_a_full_reservoir(catalog):
    # Worked by hand: 28-day study on 2002s: pump 2 goes in on day 14, full again (200 uL);
    # pump 1 has 200 - 13 x 12 = 44 uL left on day 13; 2 x 14 x 12 uL x 2 mg/mL = 0.672 mg
    table = timecourse(catalog, study_days=28)
    assert (table.loc[table["day"] < 14, "pump"] == 1).all()
    assert (table.loc[table["day"] >= 14, "pump"] == 2).all()
    assert row_on(table, 13.0)["reservoir_left_ul"] == pytest.approx(44.0, rel=1e-9)
    assert row_on(table, 14.0)["reservoir_left_ul"] == pytest.approx(200.0, rel=1e-12)
    assert table["cumulative_mg"].iloc[-1] == pytest.approx(0.672, rel=1e-9)
    assert (table["dose_mg_per_kg_per_day"] > 0).all()


@pytest.mark.parametrize(
    ("gain_g_per_day", "pump_model", "day", "expected_dose"),
    [
        # Worked by hand: 100 g + 5 g/day = 135 g on day 7: 7.2 x 100 / 135 = 5.333
        (5.0, "2002", 7.0, 7.2 * 100 / 135),
        # Issue tracker: 137.5 g (100 g + 2.5 g/day on day 15): 7.2 x 100 / 137.5 = 5.236
        (2.5, "2004", 15.0, 5.236),
    ],
)
def test_growth_lowers_the_per_kg_dose_of_a_constant_mass_pump(
    catalog, gain_g_per_day, pump_model, day, expected_dose
):
    fields = {**GROWING_RAT, "weight_gain_g_per_day": gain_g_per_day, "pump_model": pump_model}
    row = row_on(timecourse(catalog, **fields), day)
    assert row["dose_mg_per_kg_per_day"] == pytest.approx(expected_dose, rel=1e-4)
    assert row["target_dose_mg_per_kg_per_day"] == pytest.approx(7.2, rel=1e-12)


@pytest.mark.parametrize("design_weight", ["mid", "mean"])
def test_mid_and_mean_design_weight_hit_the_target_at_mid_window(catalog, design_weight):
    # Worked by hand: 14-day study on a 2002, window days 0-14, mid day 7 (135 g): dose = 7.2
    # there exactly; on day 0 (100 g) it is 7.2 x 135 / 100 = 9.72
    fields = {**GROWING_RAT, "study_days": 14, "design_weight": design_weight}
    table = timecourse(catalog, **fields)
    assert row_on(table, 7.0)["dose_mg_per_kg_per_day"] == pytest.approx(7.2, rel=1e-12)
    assert row_on(table, 0.0)["dose_mg_per_kg_per_day"] == pytest.approx(9.72, rel=1e-12)


def test_lot_fill_volume_and_rate_replace_the_nominal_values(catalog):
    # Worked by hand: lot 180 uL at 0.6 uL/h (14.4 uL/day) runs 180 / 14.4 = 12.5 days;
    # 1 ug/h / 0.6 uL/h = 1.667 mg/mL; day 1 leaves 180 - 14.4 = 165.6 uL
    plan = Plan(lot_rate_ul_per_hr=0.6, lot_fill_volume_ul=180.0, pumps_in_series=1, study_days=14)
    evaluation = evaluate(plan, catalog)
    assert evaluation.concentration_mg_per_ml == pytest.approx(1 / 0.6, rel=1e-12)
    assert evaluation.windows[0].empty_day == pytest.approx(12.5, rel=1e-12)
    table = evaluation.timecourse
    assert row_on(table, 0.0)["reservoir_left_ul"] == pytest.approx(180.0, rel=1e-12)
    assert row_on(table, 1.0)["reservoir_left_ul"] == pytest.approx(165.6, rel=1e-9)
    assert (table.loc[table["day"] >= 12.5, "dose_mg_per_kg_per_day"] == 0).all()
    assert (table.loc[table["day"] < 12.5, "dose_mg_per_kg_per_day"] > 0).all()
    # everything the lot holds is delivered: 180 uL x 1.667 mg/mL = 0.3 mg
    assert table["cumulative_mg"].iloc[-1] == pytest.approx(0.3, rel=1e-9)


# A 100 g rat gaining 5 g/day on 1 mg/kg/day, 28 days with model 2002 (0.012 mL/day, 14 days):
# two pumps, the second implanted on day 14 at 170 g. Worked by hand (the brief's formula):
SERIES_OF_A_GROWING_RAT = [
    # design weight, pump 1's weight and concentration, pump 2's weight and concentration
    ("implant", 100.0, 0.1 / 0.012, 170.0, 0.17 / 0.012),  # 8.333 and 14.17 mg/mL
    ("mid", 135.0, 0.135 / 0.012, 205.0, 0.205 / 0.012),  # days 7 and 21: 11.25 and 17.08
]


@pytest.mark.parametrize(
    ("design", "weight_1", "first", "weight_2", "second"), SERIES_OF_A_GROWING_RAT
)
def test_each_pump_of_a_series_is_filled_for_its_own_window(
    catalog, design, weight_1, first, weight_2, second
):
    plan = Plan(**{**GROWING_RAT, "dose": 1.0}, study_days=28.0, design_weight=design)
    evaluation = evaluate(plan, catalog)
    assert evaluation.pump_concentrations_mg_per_ml == pytest.approx((first, second), rel=1e-12)
    assert evaluation.concentration_mg_per_ml == pytest.approx(first, rel=1e-12)
    assert evaluation.design_body_weight_g == pytest.approx(weight_1)
    # At each pump's design day the delivered dose is the 1 mg/kg/day target exactly.
    day_of_pump_2 = 14.0 if design == "implant" else 21.0
    row = evaluation.timecourse.set_index("day").loc[day_of_pump_2]
    assert row["body_weight_g"] == pytest.approx(weight_2)
    assert row["dose_mg_per_kg_per_day"] == pytest.approx(1.0, rel=1e-12)
    # Cumulative mass at the end: 168 uL of each pump (12 uL/day x 14 days) x its concentration.
    cumulative = evaluation.timecourse["cumulative_mg"].iloc[-1]
    assert cumulative == pytest.approx(0.168 * (first + second), rel=1e-12)


def test_a_56_day_study_on_a_28_day_pump_plans_two_pumps_replaced_on_day_28(catalog):
    evaluation = evaluate(Plan(study_days=56.0, pump_model="2004"), catalog)
    assert evaluation.pump_count == 2
    assert evaluation.windows[1].start_day == 28.0
    assert set(evaluation.timecourse.query("day >= 28")["pump"]) == {2}
    (finding,) = [f for f in evaluation.findings if f.code == "study_longer_than_pump"]
    assert "2 pumps in series, replaced on day 28" in finding.suggestion


# One 2002 kept in for a 28-day study (pumps in series 1, the scenario "A study longer than one
# pump"). pump_specs.csv, 2002: reservoir 200 uL, rate 0.5 uL/h, nominal 14 days: it runs
# 200 / 0.5 = 400 h = 400 / 24 = 16.67 days at most. 1 ug/h x 24 h/day / 1000 ug/mg = 0.024
# mg/day / 0.25 kg = 0.096 mg/kg/day (100 % of the target) to day 16.67, then none (0 %) for
# 28 - 16.67 = 11.33 days: what the plot draws.
KEPT_PUMP = {"study_days": 28.0, "pumps_in_series": 1}


def test_the_dose_range_of_a_pump_kept_until_it_runs_dry_includes_the_days_without_drug(catalog):
    doses = evaluate(Plan(**KEPT_PUMP), catalog).dose_range
    assert doses.lowest_mg_per_kg_per_day == 0.0
    assert doses.highest_mg_per_kg_per_day == pytest.approx(0.096, rel=1e-12)
    assert (doses.lowest_percent_of_target, doses.highest_percent_of_target) == pytest.approx(
        (0.0, 100.0)
    )
    (span,) = doses.days_without_drug
    assert span == pytest.approx((CAPACITY_2002_DAYS, 28.0), abs=1e-6)


def test_the_days_without_drug_start_when_the_last_drug_reaches_the_catheter_tip(catalog):
    # A catheter primed with vehicle delays the drug's arrival and its end alike: 10 cm of PE-50
    # (catheters.csv: 2.679 uL/cm) holds 26.79 uL, pushed out at 12 uL/day in 2.2325 days; the
    # last drug leaves the pump on day 16.67 and reaches the tip on day 16.67 + 2.23 = 18.90.
    evaluation = evaluate(
        Plan(**KEPT_PUMP, catheter_tubing="PE-50", catheter_length_cm=10.0), catalog
    )
    assert evaluation.catheter_lag_days == pytest.approx(26.79 / 12, rel=1e-9)
    (span,) = evaluation.dose_range.days_without_drug
    assert span == pytest.approx((CAPACITY_2002_DAYS + 26.79 / 12, 28.0), abs=1e-6)


def test_pumps_replaced_at_their_nominal_end_leave_no_day_without_drug(catalog):
    # The ordinary case (pumps in series empty): pump 2 goes in on day 14, 0.096 mg/kg/day
    # throughout, 100 % of the target.
    evaluation = evaluate(Plan(study_days=28.0), catalog)
    doses = evaluation.dose_range
    assert (doses.lowest_mg_per_kg_per_day, doses.highest_mg_per_kg_per_day) == pytest.approx(
        (0.096, 0.096), rel=1e-12
    )
    assert (doses.lowest_percent_of_target, doses.highest_percent_of_target) == pytest.approx(
        (100.0, 100.0)
    )
    assert doses.days_without_drug == ()
    assert evaluation.pump_count == evaluation.pumps_needed == 2


def test_a_kept_pump_is_one_of_the_two_the_series_rule_asks_for(catalog):
    # The series rule: the last pump may run min(1.5 x 14 = 21, 16.67) = 16.67 days, the ones
    # before it 14 days each: ceil((28 - 16.67) / 14) = ceil(0.81) = 1, + 1 = 2 pumps.
    evaluation = evaluate(Plan(**KEPT_PUMP), catalog)
    assert (evaluation.pump_count, evaluation.pumps_needed) == (1, 2)
