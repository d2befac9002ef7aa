"""Issue 15: every number that goes to the bench is right. One test (or more) per defect, each
worked by hand in its comment; figures from ../shared/REFERENCE.md (sections cited).

Model 2002 (REFERENCE 2): 200 uL, 0.5 uL/h = 12 uL/day, 14 days nominal, so a full reservoir
lasts 200 / 12 = 16.67 days; explant by 1.5 x 14 = day 21 of its own.
"""

import pytest

from lib import Plan, evaluate, evaluate_cohort, load_pump_catalog
from lib.cohort.animals import Animal, Cohort

CATALOG = load_pump_catalog()


def codes(evaluation) -> list[str]:
    return [finding.code for finding in evaluation.findings]


# -- 4. no pump is planned past the end of the study -------------------------------------------


def test_three_pumps_set_for_a_14_day_study_plan_one_and_say_so():
    # Before: surgeries on days 14 and 28 were scheduled and their solutions prepared, unsaid.
    plan = Plan(study_days=14, pumps_in_series=3)
    evaluation = evaluate(plan, CATALOG)
    assert [window.start_day for window in evaluation.windows] == [0.0]
    assert "pumps_past_study_end" in codes(evaluation)
    cohort = Cohort(animals=(Animal("R1", "all", 250.0),))
    studied = evaluate_cohort(plan, cohort, CATALOG)
    assert [preparation.solution for preparation in studied.preparations] == ["all"]


# -- 7. series: the lot's capacity, the fewest surgeries, delivery past the nominal end --------


def test_a_lot_that_runs_dry_before_its_nominal_end_is_replaced_when_it_runs_dry():
    # A lot pumping 0.6 uL/h empties after 200 / (0.6 x 24) = 13.89 days, before day 14.
    # Before: pump 2 went in on day 14, after 0.11 days without drug; the suggestion ("leave
    # pumps in series empty") changed nothing. Now pumps go in every 13.89 days: 0, 13.89, 27.78.
    evaluation = evaluate(Plan(study_days=28, lot_rate_ul_per_hr=0.6), CATALOG)
    starts = [window.start_day for window in evaluation.windows]
    assert starts == pytest.approx([0.0, 200 / 14.4, 2 * 200 / 14.4])
    assert "delivery_gap" not in codes(evaluation)


@pytest.mark.parametrize(
    ("model", "study_days", "pumps"),
    [
        ("2002", 15, 1),  # before: 2, the second in for one day; one 2002 pumps to day 16.67
        ("2004", 365, 13),  # before: 14, the last in for a day; 12 x 28 = 336, the 13th 29 days
    ],
)
def test_the_series_plans_the_fewest_surgeries_the_explant_rule_allows(model, study_days, pumps):
    # 2004: 200 uL at 0.25 uL/h = 6 uL/day lasts 33.3 days, explant by 42: 29 days fit.
    evaluation = evaluate(Plan(study_days=study_days, pump_model=model), CATALOG)
    assert evaluation.pump_count == pumps
    assert "delivery_gap" not in codes(evaluation) and "pump_past_safe_explant" not in codes(
        evaluation
    )


def test_delivery_past_the_nominal_end_is_uncertain_and_counts_toward_no_target():
    # One 2002 for 15 days: days 0-14 guaranteed, 14-15 not (ALZET: the actual duration is
    # longer than nominal, the rate after it is not specified). Before: full rate to day 16.7.
    evaluation = evaluate(Plan(study_days=15), CATALOG)
    table = evaluation.timecourse
    assert table[table["day"] <= 14]["certain"].all()
    assert not table[table["day"] > 14 + 1e-6]["certain"].any()
    assert "pump_past_nominal_end" in codes(evaluation)
    # A growing rat: only the guaranteed days make the dose range.
    growing = evaluate(Plan(study_days=15, weight_gain_g_per_day=5.0), CATALOG)
    # 1 ug/h = 0.024 mg/day; on day 14 the rat weighs 250 + 70 = 320 g: 0.075 mg/kg/day
    assert growing.dose_range.lowest_mg_per_kg_per_day == pytest.approx(0.024 / 0.320)


# -- 5. fill-concentration mode keeps the target -----------------------------------------------

TAUER = dict(
    fixed_concentration_mg_per_ml=60.0,
    pump_model="2002",
    body_weight_g=100.0,
    growth_model="preset",
    growth_preset="wistar_male_juvenile",
    age_at_implant_days=28.0,
    study_days=14.0,
)


def test_a_stock_in_fill_concentration_mode_is_judged_against_the_dose_entered():
    # Tauer et al. 2013 (REFERENCE 4 and 5): 60 mg/mL on a 2002 (0.012 mL/day) = 0.72 mg/day;
    # at 100 g that is 7.2 mg/kg/day = 144 % of 5 mg/kg/day; on day 14 (age 42) the preset has
    # 100 + 150 x 14 / 28 = 175 g: 0.72 / 0.175 = 4.11 mg/kg/day = 82 %. Before: "100 % -> 57 %"
    # of the stock's own dose at implant.
    evaluation = evaluate(Plan(**TAUER, dose=5.0, dose_unit="mg/kg/day"), CATALOG)
    doses = evaluation.dose_range
    assert doses.highest_percent_of_target == pytest.approx(144.0)
    assert doses.lowest_percent_of_target == pytest.approx(100 * 0.72 / 0.175 / 5.0)
    assert round(doses.lowest_percent_of_target) == 82


def test_without_a_dose_a_stock_has_no_target_not_a_made_up_one():
    evaluation = evaluate(Plan(**TAUER, dose=None), CATALOG)
    assert evaluation.concentration_mg_per_ml == 60.0
    assert evaluation.timecourse["target_dose_mg_per_kg_per_day"].isna().all()
    assert evaluation.dose_range.lowest_percent_of_target is None
    assert "dose_outside_tolerance" not in codes(evaluation)


def test_without_a_dose_or_a_stock_there_is_no_concentration_and_a_finding_says_so():
    evaluation = evaluate(Plan(dose=None), CATALOG)
    assert evaluation.concentration_mg_per_ml is None
    assert codes(evaluation)[0] == "dose_missing"


# -- 7. alarms that mislead -----------------------------------------------------------------


def test_the_intrathecal_strength_caution_is_for_the_cns_routes_only():
    # Before: SC baclofen at 48 % of its solubility was "near the solubility". 0.5 mg/kg/day x
    # 0.05 kg = 0.025 mg/day / 0.012 mL/day = 2.08 mg/mL: 48 % of 4.3 mg/mL, over the 2 mg/mL
    # marketed intrathecal strength, which matters only intrathecally and into the ventricles.
    subcutaneous = Plan(route="sc", dose=0.5, dose_unit="mg/kg/day", body_weight_g=50.0)
    evaluation = evaluate(subcutaneous, CATALOG)
    assert evaluation.concentration_mg_per_ml == pytest.approx(0.5 * 0.05 / 0.012)
    assert not {"solubility_near_limit", "above_intrathecal_strength"} & set(codes(evaluation))
    intrathecal = evaluate(Plan(dose=0.5, dose_unit="mg/kg/day", body_weight_g=50.0), CATALOG)
    assert "above_intrathecal_strength" in codes(intrathecal)


def test_a_lot_fill_above_nominal_is_a_note_not_a_conflict():
    (finding,) = [
        f
        for f in evaluate(Plan(lot_fill_volume_ul=210.0), CATALOG).findings
        if f.code == "lot_fill_exceeds_reservoir"
    ]
    assert finding.severity == "info"


# -- 9. growth presets ------------------------------------------------------------------------


def test_presets_are_named_by_their_data_and_belong_to_a_species():
    from lib.tables.presets import shipped_growth_presets

    presets = shipped_growth_presets()
    # The Sprague-Dawley data run from 61 to 80.5 days (REFERENCE 5), not "8 to 12 weeks".
    assert presets["sprague_dawley_male"].label == "Sprague-Dawley rat, male (61 to 80.5 days)"
    assert all(len(preset.ages_days) >= 2 for preset in presets.values())  # no single points
    mouse_curve_on_a_rat = Plan(
        growth_model="preset", growth_preset="outbred_mouse_young", age_at_implant_days=20.0
    )
    evaluation = evaluate(mouse_curve_on_a_rat, CATALOG)
    assert set(evaluation.timecourse["body_weight_g"]) == {250.0}  # not taken: weight held
    assert "growth_incomplete" in codes(evaluation)


def test_a_weight_loss_reads_the_same_as_a_gain_or_an_end_weight():
    # 250 g losing 2 g/day for 7 days ends at 236 g either way; the dose per kg rises as the
    # rat loses weight: 0.096 mg/kg/day at 250 g x 250 / 236 = 0.1017 mg/kg/day at the end.
    by_gain = evaluate(Plan(weight_gain_g_per_day=-2.0, dose=0.096, dose_unit="mg/kg/day"), CATALOG)
    by_end = evaluate(
        Plan(growth_model="end_weight", end_body_weight_g=236.0, dose=0.096,
             dose_unit="mg/kg/day"),
        CATALOG,
    )  # fmt: skip
    for evaluation in (by_gain, by_end):
        at_end = evaluation.timecourse.set_index("day").loc[7.0]
        assert at_end["body_weight_g"] == pytest.approx(236.0)
        assert at_end["dose_mg_per_kg_per_day"] == pytest.approx(0.096 * 250 / 236)
