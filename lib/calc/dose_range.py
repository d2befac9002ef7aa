"""The delivered dose over the infusion, read from the time course the plot draws: its lowest
and highest, in mg/kg/day and in % of the target, and the days on which no drug arrives.

ALZET guarantees a pump's rate to its nominal end only: a dose delivered after it counts toward
no target (the time course's ``certain`` column). An empty pump delivers nothing for certain, so
its days count, at 0 mg/kg/day and 0 % of the target: the range then says what the plot shows.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class DoseRange:
    """The delivered dose over the infusion, in mg/kg/day and in percent of the target (None
    when the plan has no target: a concentration entered without a dose), and the days on
    which no drug reaches the animal, each stretch as (first day, day the drug returns or the
    study ends)."""

    lowest_mg_per_kg_per_day: float
    highest_mg_per_kg_per_day: float
    lowest_percent_of_target: float | None
    highest_percent_of_target: float | None
    days_without_drug: tuple[tuple[float, float], ...] = ()

    @property
    def no_drug_days(self) -> float:
        """How many days of the infusion no drug reaches the animal, in all."""
        return sum(end - start for start, end in self.days_without_drug)


def days_without_drug(days: np.ndarray, doses: np.ndarray) -> tuple[tuple[float, float], ...]:
    """Each stretch of ``days`` on which nothing reaches the animal (a dose of 0): from its first
    day to the day the drug returns, or to the last day; a stretch of no length is none.

    >>> days_without_drug(np.array([0.0, 16.67, 20.0, 28.0]), np.array([0.096, 0.0, 0.0, 0.0]))
    ((16.67, 28.0),)
    """
    dry = np.concatenate([[0], (doses <= 0).astype(np.int8), [0]])
    edges = np.diff(dry)
    # A stretch starts where dry turns on and ends on the first day it is off again.
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    ends_day = days[np.minimum(ends, len(days) - 1)]
    spans = zip(days[starts].tolist(), ends_day.tolist(), strict=True)
    return tuple((start, end) for start, end in spans if end - start > 1e-9)


def delivered_dose_range(
    timecourse: pd.DataFrame, first_day: float, last_day: float
) -> DoseRange | None:
    """The range from ``first_day`` (the drug's arrival) to ``last_day`` (the study's end) while
    the rate is guaranteed or a pump is empty; None when no day counts."""
    # numpy on the columns (pandas' filtering cost more than the rest for a short course);
    # NaN left out as pandas' min and max do.
    day = timecourse["day"].to_numpy()
    doses = timecourse["dose_mg_per_kg_per_day"].to_numpy(dtype=float)
    target = timecourse["target_dose_mg_per_kg_per_day"].to_numpy(dtype=float)
    infusion = (day >= first_day) & (day <= last_day)
    dry = days_without_drug(day[infusion], doses[infusion])
    infusion &= timecourse["certain"].to_numpy(dtype=bool) | (doses <= 0)
    if not infusion.any():
        return None
    doses, target = doses[infusion], target[infusion]
    with np.errstate(divide="ignore", invalid="ignore"):
        percent = 100 * doses / target
    lowest, highest = float(np.nanmin(doses)), float(np.nanmax(doses))
    if np.isnan(percent).all():  # no target
        return DoseRange(lowest, highest, None, None, dry)
    low_percent, high_percent = float(np.nanmin(percent)), float(np.nanmax(percent))
    return DoseRange(lowest, highest, low_percent, high_percent, dry)
