"""Tests for lib/documents/calendar.py and calendar_files.py: the study's steps, CSV, iCalendar.

Expected values are worked by hand from the shared REFERENCE.md section 2: model 2002 runs a
nominal 14 days and primes 6 h (pump_specs.csv); a pump must be out by 1.5 x its nominal period
(Boston University IACUC), so 21 days after its implant; pumps in series are replaced at each
pump's nominal end. Clock changes: Europe/London went back at 02:00 BST on 2026-10-25,
America/New_York went forward at 02:00 EST on 2026-03-08.
"""

import csv
import io
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from lib.documents.calendar import CalendarEvent, study_calendar
from lib.documents.calendar_files import CSV_HEADER, calendar_to_csv, events_to_ics
from lib.evaluate import Evaluation, evaluate
from lib.field_values import WEEKDAYS
from lib.plan import Plan, PlanError
from lib.tables.pumps import load_pump_catalog

CATALOG = load_pump_catalog()
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
LONDON, NEW_YORK = ZoneInfo("Europe/London"), ZoneInfo("America/New_York")
MEASURES = ("H-reflex", "Modified Ashworth Scale")
# Working hours at any hour: for the tests of elapsed-time arithmetic, the fill is the priming
# time before the implant exactly (tests/test_filling_time.py tests the working-hours rule).
ANY_HOUR = {"working_day_start": "00:00", "working_day_end": "00:00", "working_days": WEEKDAYS}
# Every day a working day: clocks change on Sundays, and these tests are of elapsed time.
EVERY_DAY = {"working_days": WEEKDAYS}


def events_of(**fields) -> list[CalendarEvent]:
    plan = Plan(**fields)
    return study_calendar(plan, evaluate(plan, CATALOG))


def only(events, kind, pump_number=None) -> CalendarEvent:
    (event,) = [e for e in events if e.kind == kind and e.pump_number == pump_number]
    return event


def parsed(events, plan) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(events_to_ics(events, plan, now=NOW))


def test_study_calendar_default_plan_across_a_month_boundary():
    # Plan(): a 2002 for a 7-day study; implant Mon 2026-03-30 09:00, no zone; working hours
    # 08:00-18:00 Monday to Friday, so the fill 6 h before (Mon 03:00) moves to the end of the
    # last working day, Fri 27 Mar 18:00 (not Sun 29 Mar: the weekend is off).
    events = events_of(implant_date="2026-03-30")
    starts = {(e.kind, e.pump_number): e.start for e in events}
    assert starts == {
        ("fill", 1): datetime(2026, 3, 27, 18, 0),
        ("priming", 1): datetime(2026, 3, 27, 18, 0),
        ("implant", 1): datetime(2026, 3, 30, 9, 0),
        ("nominal_end", 1): datetime(2026, 4, 13, 9, 0),  # 30 Mar + 14 days: 1 Apr + 12
        # 1.5 x 14 = 21 days = 504 h after 30 Mar 09:00: 20 Apr at 09:00, not 21:00.
        ("explant_by", 1): datetime(2026, 4, 20, 9, 0),
        ("study_end", None): datetime(2026, 4, 6, 9, 0),  # 30 Mar + 7 days
    }


def test_study_calendar_is_sorted_by_start():
    events = events_of(implant_date="2026-03-30", study_days=20, outcome_days=(0, 3, 7))
    assert [e.start for e in events] == sorted(e.start for e in events)


def test_study_calendar_priming_runs_from_fill_to_implant():
    events = events_of(implant_date="2026-03-30", **ANY_HOUR)
    priming, fill = only(events, "priming", 1), only(events, "fill", 1)
    assert priming.end - priming.start == timedelta(hours=6)
    assert fill.end - fill.start == timedelta(minutes=30)
    assert priming.study_day == fill.study_day == -0.25  # 6 h before day 0
    assert (
        "Prime 6 h in sterile saline at 37 °C (at least 6 h: the catalogue's priming time for the "
        "2002, from the brief: at least 4-6 h" in priming.description
    )
    assert fill.title == "Fill pump 1 (2002) and start priming"
    assert "2.00 mg/mL baclofen in aCSF" in fill.description  # the brief's 2.0 mg/mL


def test_study_calendar_plan_priming_hours_replace_the_models():
    events = events_of(implant_date="2026-03-30", priming_hours=16, **EVERY_DAY)
    priming = only(events, "priming", 1)
    assert priming.start == datetime(2026, 3, 29, 17, 0)  # 09:00 - 16 h: within 08:00-18:00
    assert "(at least 16 h: the plan's priming time)" in priming.description


def test_study_calendar_series_replaces_pump_1_at_its_nominal_end():
    # 20 days on 14-day pumps: pump 2 goes in on day 14 (2026-04-13) and has its own priming.
    events = events_of(implant_date="2026-03-30", study_days=20, **ANY_HOUR)
    replacement = only(events, "replace", 2)
    assert replacement.start == datetime(2026, 4, 13, 9, 0)
    assert replacement.title == "Replace pump 1 with pump 2 (2002)"
    assert only(events, "fill", 2).start == datetime(2026, 4, 13, 3, 0)  # day 13.75
    assert only(events, "fill", 2).study_day == 13.75
    assert only(events, "priming", 2).end == replacement.start
    # Pump 2's deadline counts from its own implant: day 14 + 21 = day 35 = 2026-05-04.
    assert only(events, "explant_by", 2).start == datetime(2026, 5, 4, 9, 0)
    assert only(events, "explant_by", 2).study_day == 35
    assert only(events, "study_end").start == datetime(2026, 4, 19, 9, 0)  # day 20


def test_study_calendar_keeps_the_nominal_end_of_a_replaced_pump():
    events = events_of(implant_date="2026-03-30", study_days=20)
    ended = only(events, "nominal_end", 1)
    assert ended.start == only(events, "replace", 2).start
    assert "pump 2 replaces it now" in ended.description
    assert "must be out by day 35" in only(events, "nominal_end", 2).description
    # Same instant: the end of pump 1 is listed before its replacement.
    assert events.index(ended) < events.index(only(events, "replace", 2))


def test_study_calendar_fall_back_in_london_counts_elapsed_hours():
    # Implant 09:00 GMT = 09:00 UTC; 16 h earlier is 17:00 UTC = 18:00 BST the day before.
    events = events_of(
        implant_date="2026-10-25", time_zone="Europe/London", priming_hours=16, **EVERY_DAY
    )
    fill, implant = only(events, "fill", 1), only(events, "implant", 1)
    assert fill.start.isoformat() == "2026-10-24T18:00:00+01:00"
    assert implant.start.isoformat() == "2026-10-25T09:00:00+00:00"
    assert implant.start.astimezone(UTC) - fill.start.astimezone(UTC) == timedelta(hours=16)
    # The wall clock moved only 15 h: 18:00 to 09:00.
    wall_clock = implant.start.replace(tzinfo=None) - fill.start.replace(tzinfo=None)
    assert wall_clock == timedelta(hours=15)


def test_study_calendar_spring_forward_in_new_york_counts_elapsed_hours():
    # Implant 12:00 EDT = 16:00 UTC; 12 h earlier is 04:00 UTC = 23:00 EST the day before,
    # 13 wall-clock hours earlier because 02:00 EST became 03:00 EDT in between.
    events = events_of(
        implant_date="2026-03-08",
        implant_time="12:00",
        time_zone="America/New_York",
        priming_hours=12,
        **ANY_HOUR,
    )
    assert only(events, "fill", 1).start.isoformat() == "2026-03-07T23:00:00-05:00"
    assert only(events, "implant", 1).start.isoformat() == "2026-03-08T12:00:00-04:00"


def test_study_calendar_day_offsets_are_elapsed_days_across_a_clock_change():
    # Implant 2026-03-01 09:00 EST = 14:00 UTC; 14 x 24 h later is 2026-03-15 14:00 UTC,
    # which New York shows as 10:00 EDT.
    events = events_of(implant_date="2026-03-01", time_zone="America/New_York")
    ended = only(events, "nominal_end", 1).start
    assert ended.isoformat() == "2026-03-15T10:00:00-04:00"
    implanted = only(events, "implant", 1).start
    assert ended.astimezone(UTC) - implanted.astimezone(UTC) == timedelta(days=14)


def test_study_calendar_without_a_zone_gives_floating_times():
    events = events_of(implant_date="2026-03-30", outcome_days=(3,))
    assert all(e.start.tzinfo is None and e.end.tzinfo is None for e in events)


def test_study_calendar_outcomes_are_all_day_on_calendar_dates():
    events = events_of(implant_date="2026-03-30", outcome_days=(0, 3, 7), outcome_measures=MEASURES)
    outcomes = [e for e in events if e.kind == "outcome"]
    assert [e.start.date() for e in outcomes] == [
        date(2026, 3, 30),  # day 0: the implant date
        date(2026, 4, 2),  # day 3: 30 Mar + 3
        date(2026, 4, 6),  # day 7: 30 Mar + 7
    ]
    assert all(e.all_day and e.end - e.start == timedelta(days=1) for e in outcomes)
    assert outcomes[1].title == "Outcome: H-reflex, Modified Ashworth Scale (day 3)"
    assert [e.study_day for e in outcomes] == [0, 3, 7]


def test_study_calendar_outcome_part_days_round_down_to_the_date():
    # Day 3.5 from 2026-03-30: the date of day 3, 2026-04-02.
    (outcome,) = [
        e for e in events_of(implant_date="2026-03-30", outcome_days=(3.5,)) if e.kind == "outcome"
    ]
    assert outcome.start.date() == date(2026, 4, 2)
    assert outcome.title == "Outcome measurements (day 3.5)"


def test_study_calendar_zoned_outcomes_start_at_local_midnight():
    events = events_of(implant_date="2026-10-25", time_zone="Europe/London", outcome_days=(3,))
    assert only(events, "outcome").start.isoformat() == "2026-10-28T00:00:00+00:00"


@pytest.mark.parametrize(
    "fields",
    [
        {},  # no implant date
        {"implant_date": "2026-03-30", "pump_model": "9999"},  # a pump the catalogue lacks
    ],
)
def test_study_calendar_is_empty_without_a_date_or_a_pump(fields):
    assert events_of(**fields) == []


def test_study_calendar_is_empty_without_windows():
    plan = Plan(implant_date="2026-03-30")
    evaluation = evaluate(plan, CATALOG)
    assert study_calendar(plan, Evaluation(plan=plan, pump=evaluation.pump)) == []


def test_calendar_event_rejects_an_unknown_kind():
    start = datetime(2026, 3, 30, 9)
    with pytest.raises(ValueError, match="'party' is not one of fill"):
        CalendarEvent("party", "Party", start, start, False, 0.0, "Why not.")


def test_calendar_event_rejects_an_end_before_its_start():
    start = datetime(2026, 3, 30, 9)
    with pytest.raises(ValueError, match="end 2026-03-30 08:00:00 is before start"):
        CalendarEvent("fill", "Fill", start, start - timedelta(hours=1), False, 0.0, "Why.")


def test_calendar_to_ics_floating_round_trip():
    plan = Plan(implant_date="2026-03-30", outcome_days=(3,), outcome_measures=MEASURES, **ANY_HOUR)
    events = study_calendar(plan, evaluate(plan, CATALOG))
    calendar = parsed(events, plan)
    assert str(calendar["PRODID"]) == "-//osmotic-pump-dosing-dashboard//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar.timezones == []
    entries = calendar.events
    assert [str(entry["SUMMARY"]) for entry in entries] == [e.title for e in events]
    assert entries[0].start == datetime(2026, 3, 30, 3, 0)  # floating: naive
    assert entries[0]["DTSTAMP"].dt == NOW


def test_calendar_to_ics_all_day_events_are_dates_ending_the_next_day():
    plan = Plan(implant_date="2026-03-30", outcome_days=(3,))
    entry = next(
        entry
        for entry in parsed(study_calendar(plan, evaluate(plan, CATALOG)), plan).events
        if str(entry["SUMMARY"]).startswith("Outcome")
    )
    assert entry.start == date(2026, 4, 2)
    assert entry.end == date(2026, 4, 3)  # DTEND is exclusive (RFC 5545)


def test_calendar_to_ics_zoned_round_trip_has_the_time_zone():
    plan = Plan(implant_date="2026-10-25", time_zone="Europe/London", priming_hours=16, **EVERY_DAY)
    events = study_calendar(plan, evaluate(plan, CATALOG))
    calendar = parsed(events, plan)
    assert [zone.tz_name for zone in calendar.timezones] == ["Europe/London"]
    starts = [entry.start for entry in calendar.events]
    assert starts == [e.start for e in events]
    # The same instants: 18:00 BST = 17:00 UTC.
    assert starts[0].astimezone(UTC) == datetime(2026, 10, 24, 17, 0, tzinfo=UTC)
    assert starts[0] == datetime(2026, 10, 24, 18, 0, tzinfo=LONDON)


def test_calendar_to_ics_time_zone_covers_a_study_after_2038():
    # The library's default VTIMEZONE span ends in 2038; this study is in 2150.
    plan = Plan(implant_date="2150-06-01", time_zone="America/New_York")
    calendar = parsed(study_calendar(plan, evaluate(plan, CATALOG)), plan)
    zone = calendar.timezones[0].to_tz()
    assert datetime(2150, 6, 1, 9, tzinfo=zone).utcoffset() == timedelta(hours=-4)  # EDT
    assert datetime(2150, 12, 1, 9, tzinfo=zone).utcoffset() == timedelta(hours=-5)  # EST


def test_calendar_to_ics_uids_are_unique_and_stable():
    plan = Plan(implant_date="2026-03-30", study_days=20, outcome_days=(0, 3))
    events = study_calendar(plan, evaluate(plan, CATALOG))
    uids = [str(entry["UID"]) for entry in parsed(events, plan).events]
    assert len(set(uids)) == len(uids) == len(events)
    assert events_to_ics(events, plan, now=NOW) == events_to_ics(events, plan, now=NOW)
    # A new priming time moves the fill; its UID stays, so an import updates it.
    later = Plan(implant_date="2026-03-30", study_days=20, outcome_days=(0, 3), priming_hours=16)
    moved = study_calendar(later, evaluate(later, CATALOG))
    assert sorted(str(entry["UID"]) for entry in parsed(moved, later).events) == sorted(uids)


def test_calendar_to_ics_uids_differ_between_studies():
    first = Plan(implant_date="2026-03-30")
    second = Plan(implant_date="2026-03-30", compound="morphine")
    uids = [
        {str(entry["UID"]) for entry in parsed(study_calendar(p, evaluate(p, CATALOG)), p).events}
        for p in (first, second)
    ]
    assert uids[0].isdisjoint(uids[1])


def test_calendar_to_ics_user_text_survives_escaping():
    # Commas, semicolons, quotes, a backslash and non-ASCII are ICS syntax or need encoding.
    plan = Plan(
        implant_date="2026-03-30",
        compound="µ-opioid; test, α",
        outcome_days=(3,),
        outcome_measures=("µ-opioid test, α", 'von Frey "50%" \\ g'),
    )
    events = study_calendar(plan, evaluate(plan, CATALOG))
    calendar = parsed(events, plan)
    summaries = [str(entry["SUMMARY"]) for entry in calendar.events]
    assert 'Outcome: µ-opioid test, α, von Frey "50%" \\ g (day 3)' in summaries
    descriptions = [str(entry["DESCRIPTION"]) for entry in calendar.events]
    assert any("mg/mL µ-opioid; test, α in aCSF" in text for text in descriptions)
    assert str(calendar["X-WR-CALNAME"]) == "Pump study: µ-opioid; test, α"


def test_plan_rejects_a_measure_that_would_inject_calendar_lines():
    with pytest.raises(PlanError):
        Plan(outcome_measures=("H-reflex\nBEGIN:VEVENT;X=1,2",))


def test_calendar_to_ics_line_breaks_in_a_title_cannot_add_events():
    start = datetime(2026, 3, 30, 9)
    title = "Fill\r\nEND:VEVENT\r\nBEGIN:VEVENT;X=1,2\r\nSUMMARY:injected"
    event = CalendarEvent("fill", title, start, start, False, 0.0, "Why: because.")
    calendar = parsed([event], Plan(implant_date="2026-03-30"))
    assert len(calendar.events) == 1
    assert str(calendar.events[0]["SUMMARY"]) == title.replace("\r\n", "\n")


def test_calendar_to_ics_of_no_events_is_still_a_calendar():
    calendar = parsed([], Plan())
    assert calendar.name == "VCALENDAR"
    assert calendar.events == []
    assert str(calendar["VERSION"]) == "2.0"


def test_calendar_to_ics_marks_long_markers_free():
    plan = Plan(implant_date="2026-03-30")
    entries = parsed(study_calendar(plan, evaluate(plan, CATALOG)), plan).events
    free = {str(entry["SUMMARY"]) for entry in entries if entry.get("TRANSP") == "TRANSPARENT"}
    assert "Priming pump 1 (2002)" in free
    assert "Implant pump 1 (2002)" not in free


def csv_rows(events) -> list[list[str]]:
    return list(csv.reader(io.StringIO(calendar_to_csv(events))))


def test_calendar_to_csv_has_a_header_and_a_row_per_event():
    events = events_of(implant_date="2026-03-30", study_days=20, outcome_days=(3,))
    rows = csv_rows(events)
    assert tuple(rows[0]) == CSV_HEADER
    assert rows[0] == ["Kind", "Title", "Start", "End", "All day", "Study day", "Description"]
    assert len(rows) == 1 + len(events)
    assert rows[1][:4] == [
        "fill",
        "Fill pump 1 (2002) and start priming",
        # Mon 09:00 - 6 h = 03:00, moved into working hours on a working day: Fri 18:00.
        "2026-03-27T18:00:00",
        "2026-03-27T18:30:00",
    ]
    assert float(rows[1][5]) == -2.625  # 2 x 24 + 15 = 63 h before the implant: -63 / 24


def test_calendar_to_csv_zoned_times_carry_their_offset_and_all_day_events_give_dates():
    events = events_of(
        implant_date="2026-10-25",
        time_zone="Europe/London",
        priming_hours=16,
        outcome_days=(3,),
        **EVERY_DAY,
    )
    by_kind = {row[0]: row for row in csv_rows(events)[1:]}
    assert by_kind["fill"][2] == "2026-10-24T18:00:00+01:00"
    assert by_kind["outcome"][2:5] == ["2026-10-28", "2026-10-28", "yes"]


def test_calendar_to_csv_neutralises_formula_like_text():
    start = datetime(2026, 3, 30, 9)
    event = CalendarEvent("fill", '=HYPERLINK("x")', start, start, False, -0.25, "@SUM(A1)")
    (row,) = csv_rows([event])[1:]
    assert row[1] == '\'=HYPERLINK("x")'
    assert row[6] == "'@SUM(A1)"
    assert row[5] == "-0.25"  # a negative number is a number, not a formula


def test_calendar_to_csv_of_no_events_is_the_header():
    assert calendar_to_csv([]) == ",".join(CSV_HEADER) + "\n"
