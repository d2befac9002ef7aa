"""Filling and priming within working hours (lib/documents/filling_time.py)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from lib.documents.filling_time import fill_timing, fill_words
from lib.plan import Plan

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("implant", "priming_hours", "lead_hours", "days_before", "moved"),
    [
        # 09:00 - 6 h = 03:00, outside 08:00-18:00: 18:00 the day before, 15 h before.
        (datetime(2026, 3, 2, 9, 0), 6.0, 15.0, 1, True),
        # 14:00 - 6 h = 08:00, the start of the working day: it fits the same morning.
        (datetime(2026, 3, 2, 14, 0), 6.0, 6.0, 0, False),
        # 14:00 - 16 h = 22:00 the day before, outside: 18:00 the day before, 20 h.
        (datetime(2026, 3, 2, 14, 0), 16.0, 20.0, 1, True),
        # 17:00 - 4 h = 13:00: within, the same day.
        (datetime(2026, 3, 2, 17, 0), 4.0, 4.0, 0, False),
        # 09:00 - 40 h = 17:00 two days before: within, 2 days before.
        (datetime(2026, 3, 2, 9, 0), 40.0, 40.0, 2, False),
    ],
)
def test_the_fill_moves_to_the_end_of_the_last_working_period(
    implant, priming_hours, lead_hours, days_before, moved
):
    timing = fill_timing(Plan(), implant, priming_hours)
    assert (timing.lead_hours, timing.days_before, timing.moved) == (
        lead_hours,
        days_before,
        moved,
    )
    assert timing.lead_hours >= priming_hours  # never less priming than the pump needs


def test_a_night_shift_window_runs_past_midnight():
    # Working 20:00-06:00: 09:00 - 6 h = 03:00 is within the night shift, so it stays.
    plan = Plan(working_day_start="20:00", working_day_end="06:00")
    assert fill_timing(plan, datetime(2026, 3, 2, 9, 0), 6.0).lead_hours == 6.0
    # 15:00 - 6 h = 09:00 is outside: the shift ended at 06:00 that morning, 9 h before 15:00.
    timing = fill_timing(plan, datetime(2026, 3, 2, 15, 0), 6.0)
    assert (timing.lead_hours, timing.days_before) == (9.0, 0)


def test_equal_start_and_end_mean_any_hour():
    plan = Plan(working_day_start="00:00", working_day_end="00:00")
    assert fill_timing(plan, datetime(2026, 3, 2, 9, 0), 6.0).lead_hours == 6.0


def test_across_the_october_clock_change_the_lead_is_elapsed_time():
    # Implant Sun 25 Oct 2026 09:00 GMT (= 09:00 UTC); 6 h before is 03:00 GMT, outside the
    # working hours; the day before ended at 18:00 BST = 17:00 UTC: 16 elapsed hours before
    # the implant, though the wall clock moves 15 h (the clocks went back at 02:00 BST).
    timing = fill_timing(Plan(), datetime(2026, 10, 25, 9, 0, tzinfo=LONDON), 6.0)
    assert (timing.lead_hours, timing.days_before, timing.extra_hours) == (16.0, 1, 10.0)


def test_the_words_say_which_day_and_how_long_the_pump_primes():
    moved = fill_timing(Plan(), datetime(2026, 3, 2, 9, 0), 6.0)
    assert fill_words(moved) == (
        "the day before, at the end of working hours: the pump primes overnight for 15 h, "
        "9 h more than the 6 h it needs"
    )
    same_day = fill_timing(Plan(), datetime(2026, 3, 2, 14, 0), 6.0)
    assert fill_words(same_day) == "the same day, within working hours"
