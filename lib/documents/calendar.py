"""The study as calendar events: filling, priming, implants, replacements, deadlines, outcomes.

Time rule. A pump runs on physical hours, so every pump event is an offset in elapsed time from
the first implant. With a time zone the offset is added in UTC and the result shown in the zone,
so across a clock change the wall-clock gap differs from the elapsed one: in Europe/London an
implant on 2026-10-25 at 09:00 GMT with 16 h of priming means filling on 2026-10-24 at 18:00 BST,
15 wall-clock hours earlier (clocks went back at 02:00 BST that night), and a day-7 event comes
7 x 24 h after the implant. A wall time that a clock change skips or repeats is read with the
offset in force before the change (zoneinfo's fold=0). Outcome measurements are all-day events on
calendar dates: the implant date plus the whole days (part days round down). Without a time zone
the times are floating local times (RFC 5545 section 3.3.5): naive datetimes, plain arithmetic.
"""

import hashlib
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from lib.calc.series import PumpWindow
from lib.checks.common import SAFE_EXPLANT_FACTOR
from lib.documents.spreadsheet import safe_cell, write_csv
from lib.evaluate import Evaluation
from lib.formatting import format_days, format_number
from lib.plan import Plan
from lib.units import HOURS_PER_DAY

PUMP_KINDS = ("fill", "priming", "implant", "replace", "nominal_end", "explant_by")
KINDS = (*PUMP_KINDS, "study_end", "outcome")
# Long enough to show in a calendar; the work itself may take longer.
TASK_DURATION = timedelta(minutes=30)
# Markers, not appointments: they leave the scientist's time free (TRANSP:TRANSPARENT).
MARKER_KINDS = ("priming", "nominal_end", "explant_by")
PRODID = "-//osmotic-pump-dosing-dashboard//EN"
UID_DOMAIN = "osmotic-pump-dosing"
CSV_HEADER = ("kind", "title", "start", "end", "all_day", "study_day", "description")


@dataclass(frozen=True)
class CalendarEvent:
    """One entry of the study calendar; ``study_day`` counts days after the first implant."""

    kind: str
    title: str
    start: datetime
    end: datetime
    all_day: bool
    study_day: float
    description: str
    # Which pump of the series; None for the study end and the outcome measurements.
    pump_number: int | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind {self.kind!r} is not one of {', '.join(KINDS)}")
        if self.end < self.start:
            raise ValueError(f"{self.title}: end {self.end} is before start {self.start}")


def study_calendar(
    plan: Plan, evaluation: Evaluation, fillings: dict[int, str] | None = None
) -> list[CalendarEvent]:
    """Every dated step of the study, sorted by start; empty without an implant date or pumps.

    ``fillings`` says what each pump of the series is filled with when a cohort has its own
    solutions (pump number -> text); without it, the plan's concentration.
    """
    if plan.implant_date is None or evaluation.pump is None or not evaluation.windows:
        return []
    implant = _implant_instant(plan)
    events = []
    for window in evaluation.windows:
        filling = (fillings or {}).get(window.number) or _plan_filling(plan, evaluation, window)
        events += _pump_events(plan, evaluation, implant, window, filling)
    events.append(_study_end(plan, evaluation, implant))
    events += [_outcome(plan, implant, day) for day in plan.outcome_days]
    # sorted() is stable: a pump's nominal end stays before the replacement at the same instant.
    return sorted(events, key=lambda event: event.start)


def _implant_instant(plan: Plan) -> datetime:
    """The first implant: a floating local time, or an aware one in the plan's zone."""
    day, clock = date.fromisoformat(plan.implant_date), time.fromisoformat(plan.implant_time)
    zone = None if plan.time_zone is None else ZoneInfo(plan.time_zone)
    return datetime.combine(day, clock, zone)


def _after(implant: datetime, days: float, hours: float = 0.0) -> datetime:
    """The instant an elapsed time after the implant. Aware times are added in UTC: Python adds
    to an aware datetime on its wall clock, which would ignore a clock change in between."""
    elapsed = timedelta(days=days) + timedelta(hours=hours)
    if implant.tzinfo is None:
        return implant + elapsed
    return (implant.astimezone(UTC) + elapsed).astimezone(implant.tzinfo)


def _task(kind, title, implant, days, text, number=None, hours=0.0) -> CalendarEvent:
    """A 30-minute event, ``days`` plus ``hours`` of elapsed time after the implant."""
    start, study_day = _after(implant, days, hours), days + hours / HOURS_PER_DAY
    return CalendarEvent(kind, title, start, start + TASK_DURATION, False, study_day, text, number)


def _plan_filling(plan: Plan, evaluation: Evaluation, window: PumpWindow) -> str:
    concentration = format_number(evaluation.pump_concentrations_mg_per_ml[window.number - 1])
    return f"{concentration} mg/mL {plan.compound} in {plan.vehicle}"


def _pump_events(plan, evaluation, implant, window: PumpWindow, filling) -> list[CalendarEvent]:
    """Fill and priming before the pump goes in, then its implant or replacement, and its ends."""
    pump, number, day = evaluation.pump, window.number, window.start_day
    hours = pump.priming_hours if plan.priming_hours is None else plan.priming_hours
    whose = f"the {pump.model}'s" if plan.priming_hours is None else "the plan's"
    name = f"pump {number} ({pump.model})"
    fill_why = (
        f"Fill with {filling} at room temperature "
        f"through a 0.22 µm filter {hours:g} h before the implant on day {format_days(day)}, so "
        "that priming is complete at surgery."
    )
    prime_why = (
        f"Prime {hours:g} h in sterile saline at 37 °C ({whose} priming time) so it pumps at its "
        "rate from implant."
    )
    fill = _task("fill", f"Fill {name} and start priming", implant, day, fill_why, number, -hours)
    end = _after(implant, day)
    priming = CalendarEvent(
        "priming", f"Priming {name}", fill.start, end, False, fill.study_day, prime_why, number
    )
    return [fill, priming, _placement(evaluation, implant, window)] + _end_events(
        evaluation, implant, window
    )


def _placement(evaluation: Evaluation, implant: datetime, window: PumpWindow) -> CalendarEvent:
    """Pump 1 is implanted; each later pump replaces the one before at its nominal end."""
    number, model, day = window.number, evaluation.pump.model, window.start_day
    if number == 1:
        text = "Implant the primed pump 1 on day 0: every pump time here counts from this moment."
        return _task("implant", f"Implant pump 1 ({model})", implant, day, text, number)
    duration = format_days(evaluation.pump.duration_days)
    text = (
        f"Pump {number - 1} reaches its {duration}-day nominal end on day {format_days(day)}: "
        f"explant it and implant the primed pump {number} in its place."
    )
    title = f"Replace pump {number - 1} with pump {number} ({model})"
    return _task("replace", title, implant, day, text, number)


def _end_events(evaluation, implant, window: PumpWindow) -> list[CalendarEvent]:
    """The nominal end (a replacement when a pump follows) and the explant-by deadline."""
    number, pump, end_day = window.number, evaluation.pump, window.nominal_end_day
    name, duration = f"pump {number} ({pump.model})", format_days(pump.duration_days)
    deadline_day = window.start_day + SAFE_EXPLANT_FACTOR * pump.duration_days
    deadline = format_days(deadline_day)
    ended = f"Pump {number} has run its nominal {duration} days (day {format_days(end_day)}); "
    ended += (
        f"pump {number + 1} replaces it now."
        if number < len(evaluation.windows)
        else f"it runs a little longer but must be out by day {deadline}."
    )
    why = (
        f"Pump {number} must be out by day {deadline}, {SAFE_EXPLANT_FACTOR:g} × its "
        f"{duration}-day nominal period: spent pumps swell and leak concentrated salt "
        "(Boston University IACUC)."
    )
    return [
        _task("nominal_end", f"Nominal end of {name}", implant, end_day, ended, number),
        _task("explant_by", f"Explant {name} by now", implant, deadline_day, why, number),
    ]


def _study_end(plan: Plan, evaluation: Evaluation, implant: datetime) -> CalendarEvent:
    last, day = f"pump {len(evaluation.windows)} ({evaluation.pump.model})", plan.study_days
    text = (
        f"Day {format_days(day)} ends the study: explant {last} and aspirate its residual volume "
        "to check what it delivered."
    )
    return _task("study_end", "Study ends: explant the last pump", implant, day, text)


def _outcome(plan: Plan, implant: datetime, day: float) -> CalendarEvent:
    """An all-day event on the calendar date of a study day (part days round down)."""
    on_date = implant.date() + timedelta(days=math.floor(day + 1e-9))
    start = datetime.combine(on_date, time(), implant.tzinfo)
    end = datetime.combine(on_date + timedelta(days=1), time(), implant.tzinfo)
    shown, measures = format_days(day), ", ".join(plan.outcome_measures)
    title = (f"Outcome: {measures}" if measures else "Outcome measurements") + f" (day {shown})"
    text = (
        f"Study day {shown} is a planned outcome time point; the entry covers its whole date so "
        "the session can be timed as the protocol asks."
    )
    return CalendarEvent("outcome", title, start, end, True, day, text)


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
    return [event.kind, event.title, *times, event.all_day, event.study_day, event.description]


def calendar_to_ics(events: list[CalendarEvent], plan: Plan, now: datetime | None = None) -> bytes:
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
    """What the event is, not when: a changed priming time or study length updates it."""
    which = f"pump-{event.pump_number}" if event.pump_number else f"day-{event.study_day:g}"
    which = "study" if event.kind == "study_end" else which
    return f"{event.kind}-{which}-{study_key}@{UID_DOMAIN}"


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
