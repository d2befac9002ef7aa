"""Pumps in series: when each pump of a series goes in, ends nominally, runs dry and comes out."""

import math
from dataclasses import dataclass

from lib.plan import Plan
from lib.units import HOURS_PER_DAY

# A pump must be out by 1.5 x its nominal delivery period: spent pumps swell and leak
# concentrated salt (Boston University IACUC guidance, REFERENCE section 2).
EXPLANT_BY_FACTOR = 1.5


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


def pumps_needed(study_days: float, duration_days: float) -> int:
    """How many pumps in series cover the study, each replaced at its nominal end.

    >>> pumps_needed(14.0, 14.0), pumps_needed(20.0, 14.0)  # 20 days on 14-day pumps: two
    (1, 2)
    """
    # The small tolerance keeps a 14.0-day study on one 14-day pump despite float noise.
    return max(1, math.ceil(study_days / duration_days - 1e-9))


def pump_windows(
    study_days: float, duration_days: float, capacity_days: float, pump_count: int
) -> list[PumpWindow]:
    """The pumps of a series; the last stays in until the study ends (or its nominal end)."""
    windows = []
    for index in range(pump_count):
        start_day = index * duration_days
        last = index == pump_count - 1
        nominal_end_day = start_day + duration_days
        out_day = max(study_days, nominal_end_day) if last else nominal_end_day
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
    """The pumps the plan needs: its own count, or (``as_needed``, or none set) as many as the
    study needs."""
    count = None if as_needed else plan.pumps_in_series
    count = count or pumps_needed(plan.study_days, duration_days)
    capacity_days = fill_volume_ul / rate_ul_per_hr / HOURS_PER_DAY
    return pump_windows(plan.study_days, duration_days, capacity_days, count)
