"""Filling and priming within working hours (lib/documents/filling_time.py)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from lib.documents.filling_time import fill_timing, fill_words, is_working_day, work_date
from lib.field_values import WEEKDAYS
from lib.plan import Plan

LONDON = ZoneInfo("Europe/London")
# Every day a working day: for the tests of the working-hours rule alone (the weekend rule is
# tested below). 2 March 2026 is a Monday.
EVERY_DAY = Plan(working_days=WEEKDAYS)


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
    timing = fill_timing(EVERY_DAY, implant, priming_hours)
    assert (timing.lead_hours, timing.days_before, timing.moved) == (
        lead_hours,
        days_before,
        moved,
    )
    assert timing.lead_hours >= priming_hours  # never less priming than the pump needs


def test_a_night_shift_window_runs_past_midnight():
    # Working 20:00-06:00: 09:00 - 6 h = 03:00 is within the night shift, so it stays.
    plan = Plan(working_day_start="20:00", working_day_end="06:00", working_days=WEEKDAYS)
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
    timing = fill_timing(EVERY_DAY, datetime(2026, 10, 25, 9, 0, tzinfo=LONDON), 6.0)
    assert (timing.lead_hours, timing.days_before, timing.extra_hours) == (16.0, 1, 10.0)


def test_the_words_say_which_day_and_how_long_the_pump_primes():
    moved = fill_timing(EVERY_DAY, datetime(2026, 3, 2, 9, 0), 6.0)
    assert fill_words(moved) == (
        "the day before, at the end of working hours: the pump primes overnight for 15 h, "
        "9 h more than the 6 h it needs"
    )
    same_day = fill_timing(Plan(), datetime(2026, 3, 2, 14, 0), 6.0)
    assert fill_words(same_day) == "the same day, within working hours"


def test_a_monday_implant_is_filled_on_friday_evening_not_on_sunday():
    # Mon 2 Mar 2026 09:00 - 6 h = Mon 03:00, outside 08:00-18:00; the working period before it
    # ended Sun 18:00, but Sat and Sun are off: Fri 27 Feb 18:00, 2 x 24 + 15 = 63 h before,
    # 63 - 6 = 57 h more priming than needed.
    timing = fill_timing(Plan(), datetime(2026, 3, 2, 9, 0), 6.0)
    assert (timing.lead_hours, timing.days_before, timing.moved) == (63.0, 3, True)
    assert fill_words(timing) == (
        "3 days before, at the end of working hours: the pump primes overnight for 63 h, "
        "57 h more than the 6 h it needs"
    )


def test_a_fill_within_hours_on_a_day_off_moves_to_the_last_working_day():
    # Mon 2 Mar 14:00 - 40 h = Sat 28 Feb 22:00: outside the hours and a day off; back to
    # Fri 27 Feb 18:00, 3 x 24 - 4 = 68 h before the implant.
    assert fill_timing(Plan(), datetime(2026, 3, 2, 14, 0), 40.0).lead_hours == 68.0
    # Sun 1 Mar 10:00 - 20 h = Sat 14:00, within 08:00-18:00 but a Saturday: Fri 18:00,
    # 24 + 16 = 40 h before (an implant on a day off stays where the scientist put it).
    assert fill_timing(Plan(), datetime(2026, 3, 1, 10, 0), 20.0).lead_hours == 40.0


def test_working_days_are_editable():
    # A lab working Saturdays too: the Monday 09:00 implant is filled Sat 18:00, 39 h before.
    plan = Plan(working_days="Mon; Tue; Wed; Thu; Fri; Sat")
    assert fill_timing(plan, datetime(2026, 3, 2, 9, 0), 6.0).lead_hours == 39.0
    assert is_working_day(plan, datetime(2026, 2, 28).date())
    assert not is_working_day(Plan(), datetime(2026, 2, 28).date())


def test_a_night_shift_belongs_to_the_day_it_starts():
    # Working 20:00-06:00, Monday to Friday: Sat 05:00 ends Friday's shift.
    plan = Plan(working_day_start="20:00", working_day_end="06:00")
    assert work_date(datetime(2026, 2, 28, 5, 0), plan).isoformat() == "2026-02-27"
    # Mon 2 Mar 15:00 - 6 h = 09:00 outside the shift; Mon 06:00 ends Sunday's shift (off),
    # Sun 06:00 Saturday's (off), Sat 06:00 Friday's: 2 x 24 + 9 = 57 h before.
    assert fill_timing(plan, datetime(2026, 3, 2, 15, 0), 6.0).lead_hours == 57.0
