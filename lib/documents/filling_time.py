"""When to fill and start priming a pump: within the lab's working hours.

A pump primes for at least its priming time before it goes in (REFERENCE section 2: at least
4-6 h in sterile saline at 37 C; labs often prime overnight). Filling exactly that long before a
09:00 implant would fall at 03:00, so the fill moves earlier, to the end of the last working period
before that moment: the evening before, and the pump soaks overnight. When the priming fits in the
same working day (a 14:00 implant with 6 h of priming: 08:00), the fill stays where it is.

Times are wall-clock times in the plan's zone (or floating local times); the lead before the
implant is elapsed time, as every pump time of the schedule is (see ``lib.documents.calendar``).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from lib.field_values import WEEKDAYS
from lib.plan import Plan
from lib.units import hours_to_minutes, seconds_to_hours


@dataclass(frozen=True)
class FillTiming:
    """How long before a pump goes in to fill it, and why."""

    lead_hours: float  # elapsed hours from filling to the implant or replacement
    priming_hours: float  # the least the pump needs
    moved: bool  # moved earlier into working hours
    days_before: int  # calendar days from the filling's date to the implant's

    @property
    def extra_hours(self) -> float:
        return self.lead_hours - self.priming_hours


def within(moment: time, start: time, end: time) -> bool:
    """Whether a wall time falls in the working window (which may run past midnight).

    >>> within(time(3), time(8), time(18)), within(time(8), time(8), time(18))
    (False, True)
    >>> within(time(23), time(20), time(6)), within(time(12), time(9), time(9))
    (True, True)
    """
    if start == end:  # equal times: any hour
        return True
    if start < end:
        return start <= moment <= end
    return moment >= start or moment <= end


def fill_timing(plan: Plan, placement: datetime, priming_hours: float) -> FillTiming:
    """The fill for a pump placed at ``placement`` (aware in the plan's zone, or naive).

    >>> plan = Plan()  # working hours 08:00-18:00, Monday to Friday
    >>> fill_timing(plan, datetime(2026, 3, 3, 9, 0), 6.0)  # Tue 03:00 -> Mon 18:00
    FillTiming(lead_hours=15.0, priming_hours=6.0, moved=True, days_before=1)
    >>> fill_timing(plan, datetime(2026, 3, 2, 14, 0), 6.0)  # 08:00 fits the same morning
    FillTiming(lead_hours=6.0, priming_hours=6.0, moved=False, days_before=0)
    >>> fill_timing(plan, datetime(2026, 3, 2, 9, 0), 6.0)  # Mon 03:00 -> Fri 18:00
    FillTiming(lead_hours=63.0, priming_hours=6.0, moved=True, days_before=3)
    """
    start = time.fromisoformat(plan.working_day_start)
    end = time.fromisoformat(plan.working_day_end)
    earliest = after_elapsed(placement, timedelta(hours=-priming_hours))
    if within(earliest.time(), start, end) and is_working_day(plan, work_date(earliest, plan)):
        days = (placement.date() - earliest.date()).days
        return FillTiming(priming_hours, priming_hours, False, days)
    # The end of the last working period before the earliest fill, on the wall clock, on the
    # last working day (a night shift's period ends the morning after the day it belongs to).
    day = earliest.date()
    moved = datetime.combine(day, end, earliest.tzinfo)
    while moved > earliest or not is_working_day(plan, work_date(moved, plan)):
        day -= timedelta(days=1)
        moved = datetime.combine(day, end, earliest.tzinfo)
    days = (placement.date() - moved.date()).days
    return FillTiming(_elapsed_hours(moved, placement), priming_hours, True, days)


def is_working_day(plan: Plan, day: date) -> bool:
    """Whether the lab works on a date (``plan.working_days``: Mon ... Sun)."""
    return WEEKDAYS[day.weekday()] in plan.working_days


def work_date(moment: datetime, plan: Plan) -> date:
    """The date of the working day a moment belongs to: its own date, or for a window past
    midnight (20:00-06:00) the day before when it falls in the morning part.

    >>> work_date(datetime(2026, 3, 3, 5, 0), Plan(working_day_start="20:00",
    ...     working_day_end="06:00"))
    datetime.date(2026, 3, 2)
    """
    start = time.fromisoformat(plan.working_day_start)
    end = time.fromisoformat(plan.working_day_end)
    if start > end and moment.time() <= end:
        return moment.date() - timedelta(days=1)
    return moment.date()


def after_elapsed(moment: datetime, elapsed: timedelta) -> datetime:
    """The instant an elapsed time after a moment. Aware times are added in UTC: Python adds to
    an aware datetime on its wall clock, which would ignore a clock change in between."""
    if moment.tzinfo is None:
        return moment + elapsed
    return (moment.astimezone(UTC) + elapsed).astimezone(moment.tzinfo)


def _elapsed_hours(earlier: datetime, later: datetime) -> float:
    if later.tzinfo is not None:
        earlier, later = earlier.astimezone(UTC), later.astimezone(UTC)
    return seconds_to_hours((later - earlier).total_seconds())


def fill_words(timing: FillTiming) -> str:
    """Which day, and why, as the calendar and the sheets say it."""
    day = {0: "the same day", 1: "the day before"}.get(
        timing.days_before, f"{timing.days_before} days before"
    )
    if not timing.moved:
        return f"{day}, within working hours"
    overnight = " overnight" if timing.days_before >= 1 else ""
    return (
        f"{day}, at the end of working hours: the pump primes{overnight} for "
        f"{hours_text(timing.lead_hours)}, {hours_text(timing.extra_hours)} more than the "
        f"{hours_text(timing.priming_hours)} it needs"
    )


def hours_text(hours: float) -> str:
    """Elapsed hours as a clock reads them: '63 h', '63 h 20 min' (an animal 20 min later).

    >>> hours_text(15.0), hours_text(63 + 1 / 3), hours_text(0.5)
    ('15 h', '63 h 20 min', '0 h 30 min')
    """
    minutes = round(hours_to_minutes(hours))
    whole, rest = divmod(minutes, 60)
    return f"{whole} h" + (f" {rest} min" if rest else "")


def working_time_text(plan: Plan) -> str:
    """The working hours and days as the documents say them: '08:00-18:00, Mon to Fri'.

    >>> working_time_text(Plan(working_days="Mon; Wed; Fri"))
    '08:00-18:00, Mon, Wed, Fri'
    """
    days = plan.working_days
    indices = [WEEKDAYS.index(day) for day in days]
    if len(days) > 2 and indices == list(range(indices[0], indices[0] + len(days))):
        week = f"{days[0]} to {days[-1]}"
    else:
        week = ", ".join(days)
    return f"{plan.working_day_start}-{plan.working_day_end}, {week}"
