"""The study calendar as files: CSV for a spreadsheet and iCalendar (.ics) for a calendar app.

Both take the dated events of ``lib.documents.calendar.study_calendar`` (the one date logic).
"""

import hashlib
from datetime import UTC, datetime, timedelta

from lib.documents.calendar import CalendarEvent
from lib.documents.spreadsheet import safe_cell, write_csv
from lib.plan import Plan

PRODID = "-//osmotic-pump-dosing-dashboard//EN"
UID_DOMAIN = "osmotic-pump-dosing"
# Markers, not appointments: they leave the scientist's time free (TRANSP:TRANSPARENT).
MARKER_KINDS = ("priming", "nominal_end", "explant_by")
# Readable headers, as the other CSVs have; the kinds stay the calendar's own words (fill,
# priming, implant, ...), which a spreadsheet filters on.
CSV_HEADER = ("Kind", "Title", "Start", "End", "All day", "Study day", "Description")


def calendar_to_csv(events: list[CalendarEvent]) -> str:
    """The events as CSV; all-day events give dates (``end`` is their last day, inclusive)."""
    rows = [CSV_HEADER]
    rows += [[safe_cell(value) for value in _csv_values(event)] for event in events]
    return write_csv(rows)


def _csv_values(event: CalendarEvent) -> list:
    start, end = event.start, event.end
    if event.all_day:
        start, end = start.date(), end.date() - timedelta(days=1)
    times = (start.isoformat(), end.isoformat())
    # Six significant digits: -0.625 (15 h before the implant) stays exact, float noise goes.
    day = f"{event.study_day:.6g}"
    all_day = "yes" if event.all_day else "no"
    return [event.kind, event.title, *times, all_day, day, event.description]


def events_to_ics(events: list[CalendarEvent], plan: Plan, now: datetime | None = None) -> bytes:
    """The events as an iCalendar file (RFC 5545), with the VTIMEZONE of a zoned plan.

    ``now`` (aware; default the current time) is the DTSTAMP. UIDs are deterministic, so importing
    a re-export updates the events instead of adding copies; they carry a key of the study
    (compound, vehicle, implant date) so two studies in one calendar do not overwrite each other.
    """
    # Imported here, on a download, not with the app: it costs every kernel 2.5 MB otherwise.
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.calendar_name = f"Pump study: {plan.compound}"
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    for event in events:
        calendar.add_component(_ics_event(icalendar.Event(), event, _study_key(plan), stamp))
    if events and plan.time_zone is not None:
        # The library's default span ends in 2038; a year either side of the study is enough.
        first = min(event.start for event in events).date() - timedelta(days=366)
        last = max(event.end for event in events).date() + timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def _study_key(plan: Plan) -> str:
    identity = "\n".join((plan.compound, plan.vehicle, plan.implant_date or ""))
    return hashlib.sha256(identity.encode()).hexdigest()[:12]


def _uid(event: CalendarEvent, study_key: str) -> str:
    """What the event is, not when: a changed priming time or study length updates it. A
    cohort's events carry their animal (an outcome, the first of its surgery day)."""
    which = f"pump-{event.pump_number}" if event.pump_number else f"day-{event.study_day:g}"
    which = "study" if event.kind == "study_end" else which
    whose = "" if event.animal_id is None else f"-{event.animal_id}"
    return f"{event.kind}-{which}{whose}-{study_key}@{UID_DOMAIN}"


def _ics_event(entry, event: CalendarEvent, study_key: str, stamp: datetime):
    """Fill an empty ``icalendar.Event`` with the event."""
    entry.add("uid", _uid(event, study_key))
    entry.add("dtstamp", stamp)
    # The library escapes text values (commas, semicolons, backslashes, line breaks).
    entry.add("summary", event.title)
    entry.add("description", event.description)
    # All-day events are DATE values with DTEND the day after, exclusive (RFC 5545).
    entry.add("dtstart", event.start.date() if event.all_day else event.start)
    entry.add("dtend", event.end.date() if event.all_day else event.end)
    if event.kind in MARKER_KINDS:
        entry.add("transp", "TRANSPARENT")
    return entry
