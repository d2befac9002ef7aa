"""Pumps in series: when each pump of a series goes in, ends nominally, runs dry and comes out."""

import math
from dataclasses import dataclass

from lib.plan import Plan
from lib.tables.pumps import run_time_days
from lib.units import hours_to_days

# A pump must be out by 1.5 x its nominal delivery period: spent pumps swell and leak
# concentrated salt (Boston University IACUC guidance, REFERENCE section 2).
EXPLANT_BY_FACTOR = 1.5
# At most this many pumps in series (the field's own maximum): a lot that runs dry within hours
# would otherwise ask for thousands; the checks then report the gap.
MAX_PUMPS_IN_SERIES = 100


@dataclass(frozen=True)
class PumpWindow:
    """One pump of a series: implanted on ``start_day``, taken out on ``out_day``."""

    number: int
    start_day: float
    out_day: float
    nominal_end_day: float
    empty_day: float

    @property
    def infusion_end_day(self) -> float:
        """When this pump stops delivering: taken out or empty, whichever comes first."""
        return min(self.out_day, self.empty_day)

    @property
    def explant_by_day(self) -> float:
        """The day this pump must be out by: 1.5 x its nominal period after its implant.

        >>> PumpWindow(2, 14.0, 28.0, 28.0, 30.0).explant_by_day  # 14 + 1.5 x 14
        35.0
        """
        return self.start_day + EXPLANT_BY_FACTOR * (self.nominal_end_day - self.start_day)


def priming_hours(plan: Plan, pump) -> float:
    """How long each pump primes before it goes in: the plan's time, else the model's."""
    return pump.priming_hours if plan.priming_hours is None else plan.priming_hours


def days_at_body_temperature(plan: Plan, pump, windows) -> float:
    """The longest a solution sits at 37 °C: priming, then the longest any pump stays in (the
    last until the study ends)."""
    longest_in = max(
        (min(window.out_day, plan.study_days) - window.start_day for window in windows),
        default=0.0,
    )
    return hours_to_days(priming_hours(plan, pump)) + longest_in


def pumps_needed(study_days: float, duration_days: float, capacity_days: float) -> int:
    """The fewest pumps in series that cover the study (the fewest surgeries).

    Each pump is replaced at its nominal end, or when it runs dry if its lot empties sooner; the
    last may stay past its nominal end until the study ends, as long as it is out by 1.5 x its
    nominal duration (the explant-by rule) and does not run dry before then. A 15-day study
    takes one 14-day 2002 (200 uL at 0.5 uL/h lasts 16.7 days), not a second pump for a day.

    >>> [pumps_needed(days, 14.0, 16.7) for days in (14.0, 15.0, 20.0)]
    [1, 1, 2]
    >>> pumps_needed(365.0, 28.0, 33.3)  # 12 pumps of 28 days, the 13th in for 29 days
    13
    """
    period = replacement_period_days(duration_days, capacity_days)
    longest_last_days = min(EXPLANT_BY_FACTOR * duration_days, capacity_days)
    beyond = study_days - longest_last_days
    # The small tolerance keeps a 14.0-day study on one 14-day pump despite float noise.
    return 1 if beyond <= 1e-9 else math.ceil(beyond / period - 1e-9) + 1


def replacement_period_days(duration_days: float, capacity_days: float) -> float:
    """How long a pump of a series stays in: its nominal duration, or less if its lot's
    reservoir runs dry sooner (fill volume / rate)."""
    return min(duration_days, capacity_days)


def pumps_starting_in(study_days: float, period_days: float) -> int:
    """How many pumps of a series go in before the study ends (a later one has no purpose)."""
    return max(1, math.ceil(study_days / period_days - 1e-9))


def pump_windows(
    study_days: float, duration_days: float, capacity_days: float, pump_count: int
) -> list[PumpWindow]:
    """The pumps of a series; the last stays in until the study ends (or its nominal end)."""
    period = replacement_period_days(duration_days, capacity_days)
    windows = []
    for index in range(pump_count):
        start_day = index * period
        last = index == pump_count - 1
        nominal_end_day = start_day + duration_days
        out_day = max(study_days, nominal_end_day) if last else start_day + period
        windows.append(
            PumpWindow(index + 1, start_day, out_day, nominal_end_day, start_day + capacity_days)
        )
    return windows


def design_window(window: PumpWindow, study_days: float) -> tuple[float, float]:
    """The days over which a pump infuses within the study (for mid and mean design weights)."""
    return window.start_day, max(window.start_day, min(study_days, window.infusion_end_day))


def series_windows(
    plan: Plan,
    duration_days: float,
    rate_ul_per_hr: float,
    fill_volume_ul: float,
    as_needed: bool = False,
) -> list[PumpWindow]:
    """The pumps the plan needs: its own count (only those that go in before the study ends),
    or (``as_needed``, or none set) the fewest that cover the study."""
    capacity_days = run_time_days(fill_volume_ul, rate_ul_per_hr)
    count = None if as_needed else plan.pumps_in_series
    if count is None:
        count = pumps_needed(plan.study_days, duration_days, capacity_days)
    period = replacement_period_days(duration_days, capacity_days)
    count = min(count, pumps_starting_in(plan.study_days, period), MAX_PUMPS_IN_SERIES)
    return pump_windows(plan.study_days, duration_days, capacity_days, count)
