"""Pumps in series and the dose they deliver, day by day, as the animal grows.

An osmotic pump delivers a constant volume, so a constant mass, per day until its reservoir is
empty; the dose in mg/kg/day therefore falls as the animal grows: dose(t) = Q x 24 x C / BW(t).
"""

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.units import HOURS_PER_DAY, MICROLITRES_PER_MILLILITRE, ul_per_hr_to_ml_per_day

COLUMNS = (
    "day",
    "pump",
    "body_weight_g",
    "dose_mg_per_kg_per_day",
    "target_dose_mg_per_kg_per_day",
    "cumulative_mg",
    "reservoir_left_ul",
)


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


def pumps_needed(study_days: float, duration_days: float) -> int:
    """How many pumps in series cover the study, each replaced at its nominal end."""
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


def day_grid(end_day: float, event_days: list[float]) -> np.ndarray:
    """Whole days (finer for studies under two days) plus every event, sorted and unique."""
    step_days = 1.0 if end_day >= 2 else end_day / 48
    steps = np.arange(0.0, end_day + step_days / 2, step_days)
    events = [day for day in event_days if 0 <= day <= end_day]
    return np.unique(np.round(np.concatenate([steps, events, [end_day]]), 9))


def _pump_output(windows, concentrations_mg_per_ml, rate_ul_per_hr, fill_volume_ul, days):
    """Which pump is in, its reservoir, the mass it pushes out per day and in total by then."""
    starts = np.array([window.start_day for window in windows])
    current = np.clip(np.searchsorted(starts, days, side="right") - 1, 0, None)
    ul_per_day = rate_ul_per_hr * HOURS_PER_DAY
    cumulative_mg = np.zeros_like(days)
    for window, concentration in zip(windows, concentrations_mg_per_ml, strict=True):
        running_days = np.clip(np.minimum(days, window.out_day) - window.start_day, 0, None)
        delivered_ul = np.minimum(running_days * ul_per_day, fill_volume_ul)
        cumulative_mg += delivered_ul * concentration / MICROLITRES_PER_MILLILITRE
    reservoir_left_ul = np.clip(fill_volume_ul - (days - starts[current]) * ul_per_day, 0.0, None)
    concentration = np.asarray(concentrations_mg_per_ml)[current]
    pumping = (reservoir_left_ul > 1e-9) & (days >= 0)
    mass_mg_per_day = np.where(pumping, concentration * ul_per_hr_to_ml_per_day(rate_ul_per_hr), 0)
    return current, reservoir_left_ul, mass_mg_per_day, cumulative_mg


def _event_days(windows: list[PumpWindow], lag_days: float) -> list[float]:
    """Implants, pumps running dry, and both as they reach the catheter tip; and a point just
    before each, which keeps a straight-line plot honest about the step there."""
    events = [day for window in windows for day in (window.start_day, window.empty_day)]
    events += [day + lag_days for day in events]
    return events + [day - 1e-6 for day in events if day > 0]


def build_timecourse(
    windows: list[PumpWindow],
    concentrations_mg_per_ml: list[float],
    rate_ul_per_hr: float,
    fill_volume_ul: float,
    body_weight_g_at: callable,
    target_dose_at: callable,
    lag_days: float = 0.0,
) -> pd.DataFrame:
    """Delivered dose, cumulative mass and reservoir left on a day grid over the pumps' life.

    ``concentrations_mg_per_ml`` has one entry per pump of the series. What reaches the animal
    on day t left the pump on day t - ``lag_days`` (a catheter primed with vehicle).
    """
    days = day_grid(windows[-1].out_day, _event_days(windows, lag_days))
    pump = (concentrations_mg_per_ml, rate_ul_per_hr, fill_volume_ul)
    current, reservoir_left_ul, _, _ = _pump_output(windows, *pump, days)
    _, _, mass_mg_per_day, cumulative_mg = _pump_output(windows, *pump, days - lag_days)
    body_weight_g = body_weight_g_at(days)
    return pd.DataFrame(
        {
            "day": days,
            "pump": current + 1,
            "body_weight_g": body_weight_g,
            "dose_mg_per_kg_per_day": mass_mg_per_day / (body_weight_g / 1000.0),
            "target_dose_mg_per_kg_per_day": target_dose_at(days),
            "cumulative_mg": cumulative_mg,
            "reservoir_left_ul": reservoir_left_ul,
        }
    )


def empty_timecourse() -> pd.DataFrame:
    """The time course of a plan that has no concentration (for example an unknown pump)."""
    return pd.DataFrame({column: pd.Series(dtype=float) for column in COLUMNS})
