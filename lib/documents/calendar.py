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

from dataclasses import replace

from lib.calc.series import PumpWindow, priming_hours
from lib.documents.calendar_steps import (
    CalendarEvent,
    after_implant,
    animal_steps,
    fill_timing_at,
    outcome,
    priming_whose,
    when_text,
)
from lib.documents.filling_time import FillTiming
from lib.documents.surgery import first_implant, surgery_days, surgery_instants
from lib.evaluate import Evaluation
from lib.formatting import format_days
from lib.plan import Plan

# Imported from here by the documents: the calendar is their one door to the schedule.
__all__ = [
    "CalendarEvent",
    "clock_changes",
    "priming_hours",
    "priming_whose",
    "pump_fill_timing",
    "study_calendar",
    "study_schedule",
    "when_on",
    "when_text",
]


def when_on(plan: Plan, study_day: float) -> str:
    """Any moment of the study, by days after implant, as the schedule's events print it."""
    start = after_implant(first_implant(plan), study_day)
    return when_text(start, f"day {format_days(study_day)}")


def clock_changes(events: list[CalendarEvent]) -> bool:
    """Whether the clocks change during the study (timed events with two UTC offsets)."""
    offsets = {event.start.utcoffset() for event in events if event.start and not event.all_day}
    return len(offsets - {None}) > 1


def study_calendar(
    plan: Plan,
    evaluation: Evaluation,
    fillings: dict[int, str] | None = None,
    animal_ids: tuple[str, ...] = (),
) -> list[CalendarEvent]:
    """Every dated step of the study, sorted by start; empty without an implant date."""
    return study_schedule(plan, evaluation, fillings, animal_ids) if plan.implant_date else []


def study_schedule(
    plan: Plan,
    evaluation: Evaluation,
    fillings: dict[int, str] | None = None,
    animal_ids: tuple[str, ...] = (),
) -> list[CalendarEvent]:
    """Every step of the study in time order; empty without pumps.

    ``fillings`` says what each pump of the series is filled with when a cohort has its own
    solutions (pump number -> text); without it, the plan's concentration. ``animal_ids``, in
    surgery order, give each animal its own steps from its own implant (``lib.documents.surgery``);
    undated, or without animals, the steps are the plan's own animal's.
    """
    if evaluation.pump is None or not evaluation.windows:
        return []
    implant = first_implant(plan)
    instants = surgery_instants(plan, len(animal_ids))
    if not instants:
        events = animal_steps(plan, evaluation, implant, fillings)
        events += [outcome(plan, implant, day) for day in plan.outcome_days]
    else:
        events = []
        for number, (animal, instant) in enumerate(zip(animal_ids, instants, strict=True), 1):
            steps = animal_steps(plan, evaluation, instant, fillings)
            events += _for_animal(plan, steps, animal, number, len(animal_ids))
        events += _outcomes_by_surgery_day(plan, animal_ids, instants)
    # sorted() is stable: a pump's nominal end stays before the replacement at the same instant.
    # An outcome is all day: dated, it comes before the timed steps of its date.
    if implant is None:
        return sorted(events, key=lambda event: event.study_day)
    return sorted(events, key=lambda event: event.start)


def _for_animal(plan, events, animal: str, number: int, count: int) -> list[CalendarEvent]:
    """An animal's steps, named for it; its implant says its place in the surgery order."""
    minutes = plan.surgery_minutes_per_animal
    order = f" {animal} is animal {number} of {count} in surgery order ({minutes:g} min each)."
    return [
        replace(
            event,
            title=f"{animal}: {event.title}",
            description=event.description + (order if event.kind == "implant" else ""),
            animal_id=animal,
        )
        for event in events
    ]


def _outcomes_by_surgery_day(plan, animal_ids, instants) -> list[CalendarEvent]:
    """The outcome days of each surgery day's animals, counted from their own implant date."""
    days = surgery_days(animal_ids, instants)
    events = []
    for surgery in days:
        for day in plan.outcome_days:
            event = outcome(plan, surgery.first, day)
            if len(days) > 1:
                names = surgery.animal_ids[0] + (
                    f" to {surgery.animal_ids[-1]}" if len(surgery.animal_ids) > 1 else ""
                )
                event = replace(event, title=f"{names}: {event.title}")
            events.append(replace(event, animal_id=surgery.animal_ids[0]))
    return events


def pump_fill_timing(plan: Plan, evaluation: Evaluation, window: PumpWindow) -> FillTiming:
    """When a pump of the series is filled for the first animal, within working hours."""
    return fill_timing_at(plan, evaluation, first_implant(plan), window)
