"""Surgery days: when each animal of a cohort is implanted.

The animals go in in the order of the animals table, from the plan's implant date and time, each
``surgery_minutes_per_animal`` after the one before, for as long as an animal's surgery ends by the
end of working hours; the next animal then starts the next working day at the implant time. The
first animal of a surgery day always goes in at the implant time, so no animal is left without a
slot (an implant time after working hours gives one animal a day). Spacing is elapsed time, as
every pump time of the schedule is (``lib.documents.calendar``). The plan's own animal (no cohort)
is one animal at the implant time, as before.

Worked case: 12 animals, 20 min each from 09:00, working hours until 13:00: animal k goes in at
09:00 + (k - 1) x 20 min, the 12th at 09:00 + 11 x 20 min = 12:40 and ends at 13:00, within
the hours: all 12 on the first day. A 13th would end at 13:20: it goes in at 09:00 the next
working day.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from lib.documents.filling_time import after_elapsed, is_working_day
from lib.plan import Plan

# Enough to find the next working day of any week with at least one (the field requires one).
DAYS_PER_WEEK = 7


@dataclass(frozen=True)
class SurgeryDay:
    """One day of surgery: its animals in order and the first and last implant's start."""

    day: date
    animal_ids: tuple[str, ...]
    first: datetime
    last: datetime


def first_implant(plan: Plan) -> datetime | None:
    """The first implant: a floating local time, an aware one in the plan's zone, or None."""
    if plan.implant_date is None:
        return None
    day, clock = date.fromisoformat(plan.implant_date), time.fromisoformat(plan.implant_time)
    zone = None if plan.time_zone is None else ZoneInfo(plan.time_zone)
    return datetime.combine(day, clock, zone)


def surgery_instants(plan: Plan, count: int) -> list[datetime]:
    """When each of ``count`` animals is implanted, in order; empty without an implant date."""
    start = first_implant(plan)
    if start is None:
        return []
    spacing = timedelta(minutes=plan.surgery_minutes_per_animal)
    instants: list[datetime] = []
    slot, end, on_day = start, day_end(plan, start), 0
    for _ in range(count):
        if on_day and end is not None and after_elapsed(slot, spacing) > end:
            start = datetime.combine(next_working_day(plan, start.date()), start.timetz())
            slot, end, on_day = start, day_end(plan, start), 0
        instants.append(slot)
        slot, on_day = after_elapsed(slot, spacing), on_day + 1
    return instants


def day_end(plan: Plan, start: datetime) -> datetime | None:
    """When the working period a surgery day starts in ends; None when any hour is worked.

    >>> day_end(Plan(), datetime(2026, 3, 2, 9, 0))
    datetime.datetime(2026, 3, 2, 18, 0)
    """
    opens = time.fromisoformat(plan.working_day_start)
    closes = time.fromisoformat(plan.working_day_end)
    if opens == closes:
        return None
    day = start.date()
    if opens > closes and start.time() >= opens:  # a night shift ends the next morning
        day += timedelta(days=1)
    return datetime.combine(day, closes, start.tzinfo)


def next_working_day(plan: Plan, day: date) -> date:
    """The first working day after ``day``.

    >>> next_working_day(Plan(), date(2026, 3, 6))  # a Friday: the Monday after
    datetime.date(2026, 3, 9)
    """
    for offset in range(1, DAYS_PER_WEEK + 1):
        following = day + timedelta(days=offset)
        if is_working_day(plan, following):
            return following
    return day + timedelta(days=1)  # unreachable: a plan works one day a week at least


def surgery_days(animal_ids: tuple[str, ...], instants: list[datetime]) -> list[SurgeryDay]:
    """The animals grouped by the date they are implanted on, in order."""
    days: dict[date, list[tuple[str, datetime]]] = {}
    for animal, instant in zip(animal_ids, instants, strict=True):
        days.setdefault(instant.date(), []).append((animal, instant))
    return [
        SurgeryDay(day, tuple(animal for animal, _ in slots), slots[0][1], slots[-1][1])
        for day, slots in days.items()
    ]
