"""Pumps in series and the dose they deliver, day by day, as the animal grows.

An osmotic pump delivers a constant volume, so a constant mass, per day until its reservoir is
empty; the dose in mg/kg/day therefore falls as the animal grows: dose(t) = Q x 24 x C / BW(t).
Its rate is guaranteed to its nominal end only (ALZET): the ``certain`` column is False after it.
"""

import functools

import numpy as np
import pandas as pd

from lib.calc.dosing import per_kilogram
from lib.calc.series import PumpWindow
from lib.units import (
    dissolved_mg,
    per_hour_to_per_day,
    ul_per_hr_to_ml_per_day,
)

COLUMNS = (
    "day",
    "pump",
    "body_weight_g",
    "dose_mg_per_kg_per_day",
    "target_dose_mg_per_kg_per_day",
    "cumulative_mg",
    "reservoir_left_ul",
    "certain",
)


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
    ul_per_day = per_hour_to_per_day(rate_ul_per_hr)
    cumulative_mg = np.zeros_like(days)
    for window, concentration in zip(windows, concentrations_mg_per_ml, strict=True):
        running_days = np.clip(np.minimum(days, window.out_day) - window.start_day, 0, None)
        delivered_ul = np.minimum(running_days * ul_per_day, fill_volume_ul)
        cumulative_mg += dissolved_mg(concentration, delivered_ul)
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
    delivering, _, mass_mg_per_day, cumulative_mg = _pump_output(windows, *pump, days - lag_days)
    # ALZET guarantees a pump's rate to its nominal end; what it delivers after is uncertain.
    nominal_ends = np.array([window.nominal_end_day for window in windows])
    certain = (days - lag_days) <= nominal_ends[delivering] + 1e-9
    body_weight_g = body_weight_g_at(days)
    return pd.DataFrame(
        {
            "day": days,
            "pump": current + 1,
            "body_weight_g": body_weight_g,
            "dose_mg_per_kg_per_day": per_kilogram(mass_mg_per_day, body_weight_g),
            "target_dose_mg_per_kg_per_day": target_dose_at(days),
            "cumulative_mg": cumulative_mg,
            "reservoir_left_ul": reservoir_left_ul,
            "certain": certain,
        }
    )


def empty_timecourse() -> pd.DataFrame:
    """The time course of a plan that has no concentration (for example an unknown pump): a copy
    of one empty table, made once (building it costs 20 times as much as copying it)."""
    return _empty_table().copy()


@functools.cache
def _empty_table() -> pd.DataFrame:
    columns = {column: np.empty(0) for column in COLUMNS}
    return pd.DataFrame(columns | {"certain": np.empty(0, dtype=bool)})
