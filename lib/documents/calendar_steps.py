"""The steps of one animal's study, each a ``CalendarEvent`` with what to do and why.

``lib.documents.calendar`` decides when (the study's schedule, each animal from its own implant);
this module says what each step is. The time rule is the calendar's: pump times are elapsed time
after the implant (``after_implant``), outcomes whole calendar dates.
"""

import math
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from lib.calc.series import EXPLANT_BY_FACTOR, PumpWindow, priming_hours
from lib.documents.filling_time import (
    FillTiming,
    after_elapsed,
    fill_timing,
    fill_words,
    hours_text,
    working_time_text,
)
from lib.evaluate import Evaluation
from lib.field_values import WEEKDAYS
from lib.formatting import format_days, format_number
from lib.plan import Plan
from lib.tables.pumps import PumpSpec
from lib.units import hours_to_days

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
    # Whose step, in a cohort: the animal (for an outcome, the first animal of its surgery day);
    # None for the plan's own animal.
    animal_id: str | None = None

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


def priming_whose(plan: Plan, pump: PumpSpec) -> str:
    """Where the priming time comes from, as the sheets and the calendar say it."""
    if plan.priming_hours is not None:
        return "the plan's priming time"
    return f"the catalogue's priming time for the {pump.model}, from {pump.priming_source}"


def animal_steps(plan, evaluation, implant, fillings) -> list[CalendarEvent]:
    """One animal's pumps, from its implant, and its end of study."""
    events = []
    for window in evaluation.windows:
        filling = (fillings or {}).get(window.number) or _plan_filling(plan, evaluation, window)
        events += _pump_events(plan, evaluation, implant, window, filling)
    return events + [_study_end(plan, evaluation, implant)]


def fill_timing_at(plan, evaluation, implant: datetime | None, window: PumpWindow) -> FillTiming:
    """When a pump is filled for the animal implanted at ``implant``. Undated, the implant
    time on an arbitrary date stands in, every day a working day: the hours and the day before
    are the same, and no weekday is known to skip."""
    if implant is None:
        plan = replace(plan, working_days=WEEKDAYS)
        implant = datetime.combine(date(2001, 1, 1), time.fromisoformat(plan.implant_time))
    placement = after_implant(implant, window.start_day)
    return fill_timing(plan, placement, priming_hours(plan, evaluation.pump))


def after_implant(implant: datetime | None, days: float, hours: float = 0.0) -> datetime | None:
    """The instant an elapsed time after the implant (None undated)."""
    if implant is None:
        return None
    return after_elapsed(implant, timedelta(days=days) + timedelta(hours=hours))


def _task(kind, title, implant, days, text, number=None, hours=0.0, relative="") -> CalendarEvent:
    """A 30-minute event, ``days`` plus ``hours`` of elapsed time after the implant."""
    start, study_day = after_implant(implant, days, hours), days + hours_to_days(hours)
    end = None if start is None else start + TASK_DURATION
    return CalendarEvent(kind, title, start, end, False, study_day, text, number, relative)


def _plan_filling(plan: Plan, evaluation: Evaluation, window: PumpWindow) -> str:
    concentration = format_number(evaluation.pump_concentrations_mg_per_ml[window.number - 1])
    return f"{concentration} mg/mL {plan.compound} in {plan.vehicle}"


def _pumped_before(evaluation: Evaluation, timing) -> str:
    """What a pump primed past its priming time would pump into the bath, at its rate, before
    it goes in (a weekend can cost a 1007D a quarter of its fill), if that time is right."""
    lost_ul = max(0.0, timing.extra_hours) * evaluation.rate_ul_per_hr
    if lost_ul < 0.05:
        return ""
    fill_ul = evaluation.fill_volume_ul
    share = 100.0 * lost_ul / fill_ul
    return (
        f" If it is primed in {hours_text(timing.priming_hours)}, it pumps about "
        f"{format_number(lost_ul)} µL ({share:.0f} % of its {format_number(fill_ul)} µL) into "
        f"the saline in the {hours_text(timing.extra_hours)} more before the implant, and runs "
        "out that much sooner: check the priming time on the box's instruction sheet and, if "
        "it is that short, fill nearer the implant (a later implant, or another working day)."
    )


def _pump_events(plan, evaluation, implant, window: PumpWindow, filling) -> list[CalendarEvent]:
    """Fill and priming before the pump goes in, then its implant or replacement, and its ends."""
    pump, number, day = evaluation.pump, window.number, window.start_day
    timing = fill_timing_at(plan, evaluation, implant, window)
    hours, whose = timing.lead_hours, priming_whose(plan, pump)
    lead, least = hours_text(hours), hours_text(timing.priming_hours)
    name = f"pump {number} ({pump.model})"
    fill_why = (
        f"Fill with {filling} at room temperature through a 0.22 µm filter {lead} before the "
        f"implant on day {format_days(day)} ({fill_words(timing)}; working hours "
        f"{working_time_text(plan)}), so that priming is complete at surgery."
    )
    prime_why = (
        f"Prime {lead} in sterile saline at 37 °C (at least {least}: "
        f"{whose}) so it pumps at its rate from implant.{_pumped_before(evaluation, timing)}"
    )
    before = f"{lead} before " + ("implant" if number == 1 else f"day {format_days(day)}")
    title = f"Fill {name} and start priming"
    fill = _task("fill", title, implant, day, fill_why, number, -hours, before)
    end = after_implant(implant, day)
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


def outcome(plan: Plan, implant: datetime, day: float) -> CalendarEvent:
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


@dataclass(frozen=True)
class CalendarRow:
    """One step as a table lists it: every animal's same step in one row, from the first
    animal's time to the last's (the calendar files keep one event per animal)."""

    kind: str
    when: str
    title: str
    description: str


def calendar_rows(events: list[CalendarEvent]) -> list[CalendarRow]:
    """The events as table rows, each cohort step once, in the order of its first animal."""
    groups: dict[tuple, list[CalendarEvent]] = {}
    for event in events:
        own = event.title.removeprefix(f"{event.animal_id}: ") if event.animal_id else event.title
        key = (event.kind, event.pump_number, own) if event.animal_id else (id(event),)
        groups.setdefault(key, []).append(event)
    return [_row(group) for group in groups.values()]


def _row(group: list[CalendarEvent]) -> CalendarRow:
    first, last = group[0], group[-1]
    if len(group) == 1:
        return CalendarRow(first.kind, first.when, first.title, first.description)
    title = first.title.removeprefix(f"{first.animal_id}: ")
    when = first.when if first.start == last.start else f"{first.when} to {last.when}"
    animals = f"{len(group)} animals, {first.animal_id} first and {last.animal_id} last"
    description = first.description.split(f" {first.animal_id} is animal")[0]
    return CalendarRow(first.kind, when, f"{title} ({animals})", description)
