"""Tests for lib/documents/delivery_words.py: what the pumps deliver, in one wording.

pump_specs.csv, 2002: reservoir 200 uL, rate 0.5 uL/h, nominal 14 days: a full one runs
200 / 0.5 = 400 h = 16.67 days. The series rule keeps the last pump in while it pumps and is
inside 1.5 x 14 = 21 days of its own, and replaces the others at their nominal end.
"""

import pytest

from lib import Plan, evaluate, load_pump_catalog
from lib.documents.delivery_words import dose_range_text, pump_cover_text


@pytest.fixture(scope="module")
def catalog():
    return load_pump_catalog()


def test_pumps_the_series_rule_plans_leave_nothing_uncovered(catalog):
    # 28 days, pumps in series empty: 2 pumps, the second on day 14; 0.096 mg/kg/day all along.
    evaluation = evaluate(Plan(study_days=28.0), catalog)
    assert pump_cover_text(evaluation) == ""
    assert dose_range_text(evaluation) == "0.0960 mg/kg/day throughout (100 % of the target)"


def test_a_pump_kept_until_it_runs_dry_covers_only_the_days_it_runs(catalog):
    # One pump for 28 days: it runs dry on day 16.67, 28 - 16.67 = 11.33 days without drug; the
    # last may run min(21, 16.67) = 16.67 days: ceil((28 - 16.67) / 14) + 1 = 2 pumps.
    evaluation = evaluate(Plan(study_days=28.0, pumps_in_series=1), catalog)
    assert pump_cover_text(evaluation) == (
        ", covering only 16.7 of the 28 days (no drug after day 16.7); the study needs 2, each "
        "replaced at its nominal end"
    )
    assert dose_range_text(evaluation) == (
        "0.00 mg/kg/day to 0.0960 mg/kg/day (0.00 to 100 % of the target); no drug from day "
        "16.7 to 28 (11.3 days)"
    )


def test_a_pump_kept_past_its_explant_by_day_but_still_pumping_is_one_too_few(catalog):
    # A lot filled with 400 uL runs 400 / 12 = 33.3 days: still pumping on day 28, but in past
    # 1.5 x 14 = day 21. The last may run min(21, 33.3) = 21 days: ceil((28 - 21) / 14) + 1 = 2.
    evaluation = evaluate(
        Plan(study_days=28.0, pumps_in_series=1, lot_fill_volume_ul=400.0), catalog
    )
    assert evaluation.dose_range.days_without_drug == ()
    assert pump_cover_text(evaluation) == "; the study needs 2, each replaced at its nominal end"
