"""The study's schedule: filling, priming, implants, replacements, deadlines, outcomes.

The one date logic of the app: the calendar files, the cohort panel and the protocol sheet all
take their dates and times from ``study_schedule``. Without an implant date every event still has
its study day (``start`` is None): documents then give days after implant instead of dates.

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

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from lib.calc.series import EXPLANT_BY_FACTOR, PumpWindow, priming_hours
from lib.documents.filling_time import FillTiming, after_elapsed, fill_timing, fill_words
from lib.evaluate import Evaluation
from lib.formatting import format_days, format_number
from lib.plan import Plan
from lib.tables.pumps import PumpSpec
from lib.units import HOURS_PER_DAY

PUMP_KINDS = ("fill", "priming", "implant", "replace", "nominal_end", "explant_by")
KINDS = (*PUMP_KINDS, "study_end", "outcome")
# Long enough to show in a calendar; the work itself may take longer.
TASK_DURATION = timedelta(minutes=30)


@dataclass(frozen=True)
class CalendarEvent:
    """One step of the study; ``study_day`` counts days after the first implant, ``start`` and
    ``end`` are None for a plan without an implant date, ``relative`` says when in words."""

    kind: str
    title: str
    start: datetime | None
    end: datetime | None
    all_day: bool
    study_day: float
    description: str
    # Which pump of the series; None for the study end and the outcome measurements.
    pump_number: int | None = None
    relative: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind {self.kind!r} is not one of {', '.join(KINDS)}")
        if self.start is not None and self.end < self.start:
            raise ValueError(f"{self.title}: end {self.end} is before start {self.start}")
        if not self.relative:
            object.__setattr__(self, "relative", f"day {format_days(self.study_day)}")

    @property
    def when(self) -> str:
        """When, as a sheet prints it: 'Fri 2026-04-10 09:00 (day 21)', or 'day 21' undated."""
        return when_text(self.start, self.relative, self.all_day)


def when_text(start: datetime | None, relative: str, all_day: bool = False) -> str:
    if start is None:
        return relative
    if all_day:
        return f"{start:%a %Y-%m-%d} ({relative})"
    zone = f" {start.tzname()}" if start.tzinfo else ""
    return f"{start:%a %Y-%m-%d %H:%M}{zone} ({relative})"


def when_on(plan: Plan, study_day: float) -> str:
    """Any moment of the study, by days after implant, as the schedule's events print it."""
    start = _after(_implant_instant(plan), study_day)
    return when_text(start, f"day {format_days(study_day)}")


def clock_changes(events: list[CalendarEvent]) -> bool:
    """Whether the clocks change during the study (timed events with two UTC offsets)."""
    offsets = {event.start.utcoffset() for event in events if event.start and not event.all_day}
    return len(offsets - {None}) > 1


def priming_whose(plan: Plan, pump: PumpSpec) -> str:
    """Where the priming time comes from, as the sheets and the calendar say it."""
    if plan.priming_hours is not None:
        return "the plan's priming time"
    return f"the catalogue's priming time for the {pump.model}, from {pump.priming_source}"


def study_calendar(
    plan: Plan, evaluation: Evaluation, fillings: dict[int, str] | None = None
) -> list[CalendarEvent]:
    """Every dated step of the study, sorted by start; empty without an implant date."""
    return study_schedule(plan, evaluation, fillings) if plan.implant_date else []


def study_schedule(
    plan: Plan, evaluation: Evaluation, fillings: dict[int, str] | None = None
) -> list[CalendarEvent]:
    """Every step of the study in time order; empty without pumps.

    ``fillings`` says what each pump of the series is filled with when a cohort has its own
    solutions (pump number -> text); without it, the plan's concentration.
    """
    if evaluation.pump is None or not evaluation.windows:
        return []
    implant = _implant_instant(plan)
    events = []
    for window in evaluation.windows:
        filling = (fillings or {}).get(window.number) or _plan_filling(plan, evaluation, window)
        events += _pump_events(plan, evaluation, implant, window, filling)
    events.append(_study_end(plan, evaluation, implant))
    events += [_outcome(plan, implant, day) for day in plan.outcome_days]
    # sorted() is stable: a pump's nominal end stays before the replacement at the same instant.
    # An outcome is all day: dated, it comes before the timed steps of its date.
    if implant is None:
        return sorted(events, key=lambda event: event.study_day)
    return sorted(events, key=lambda event: event.start)


def pump_fill_timing(plan: Plan, evaluation: Evaluation, window: PumpWindow) -> FillTiming:
    """When a pump of the series is filled, within working hours. Undated, the implant time on
    an arbitrary date stands in: the hours and the day before are the same."""
    implant = _implant_instant(plan) or datetime.combine(
        date(2001, 1, 1), time.fromisoformat(plan.implant_time)
    )
    placement = _after(implant, window.start_day)
    return fill_timing(plan, placement, priming_hours(plan, evaluation.pump))


def _implant_instant(plan: Plan) -> datetime | None:
    """The first implant: a floating local time, an aware one in the plan's zone, or None."""
    if plan.implant_date is None:
        return None
    day, clock = date.fromisoformat(plan.implant_date), time.fromisoformat(plan.implant_time)
    zone = None if plan.time_zone is None else ZoneInfo(plan.time_zone)
    return datetime.combine(day, clock, zone)


def _after(implant: datetime | None, days: float, hours: float = 0.0) -> datetime | None:
    """The instant an elapsed time after the implant (None undated)."""
    if implant is None:
        return None
    return after_elapsed(implant, timedelta(days=days) + timedelta(hours=hours))


def _task(kind, title, implant, days, text, number=None, hours=0.0, relative="") -> CalendarEvent:
    """A 30-minute event, ``days`` plus ``hours`` of elapsed time after the implant."""
    start, study_day = _after(implant, days, hours), days + hours / HOURS_PER_DAY
    end = None if start is None else start + TASK_DURATION
    return CalendarEvent(kind, title, start, end, False, study_day, text, number, relative)


def _plan_filling(plan: Plan, evaluation: Evaluation, window: PumpWindow) -> str:
    concentration = format_number(evaluation.pump_concentrations_mg_per_ml[window.number - 1])
    return f"{concentration} mg/mL {plan.compound} in {plan.vehicle}"


def _pump_events(plan, evaluation, implant, window: PumpWindow, filling) -> list[CalendarEvent]:
    """Fill and priming before the pump goes in, then its implant or replacement, and its ends."""
    pump, number, day = evaluation.pump, window.number, window.start_day
    timing = pump_fill_timing(plan, evaluation, window)
    hours, whose = timing.lead_hours, priming_whose(plan, pump)
    name = f"pump {number} ({pump.model})"
    fill_why = (
        f"Fill with {filling} at room temperature through a 0.22 µm filter {hours:g} h before "
        f"the implant on day {format_days(day)} ({fill_words(timing)}; working hours "
        f"{plan.working_day_start}-{plan.working_day_end}), so that priming is complete at surgery."
    )
    prime_why = (
        f"Prime {hours:g} h in sterile saline at 37 °C (at least {timing.priming_hours:g} h: "
        f"{whose}) so it pumps at its rate from implant."
    )
    before = f"{hours:g} h before " + ("implant" if number == 1 else f"day {format_days(day)}")
    title = f"Fill {name} and start priming"
    fill = _task("fill", title, implant, day, fill_why, number, -hours, before)
    end = _after(implant, day)
    priming = CalendarEvent(
        "priming", f"Priming {name}", fill.start, end, False, fill.study_day, prime_why, number,
        before,
    )  # fmt: skip
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
    deadline_day = window.explant_by_day
    deadline = format_days(deadline_day)
    ended = f"Pump {number} has run its nominal {duration} days (day {format_days(end_day)}); "
    ended += (
        f"pump {number + 1} replaces it now."
        if number < len(evaluation.windows)
        else f"it runs a little longer but must be out by day {deadline}."
    )
    why = (
        f"Pump {number} must be out by day {deadline}, {EXPLANT_BY_FACTOR:g} × its "
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
    start = end = None
    if implant is not None:
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
