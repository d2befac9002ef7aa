"""After explant: what each pump actually delivered, from the volume left in it.

ALZET, "Verifying delivery" (REFERENCE section 6): aspirate the residual volume with a filling
tube; mean rate = (volume loaded - residual) / elapsed time. A spent pump's weight cannot be
used, because the pump takes up water.
"""

import numpy as np
import pandas as pd

from lib.calc.growth import body_weight_g_at, mean_body_weight_g
from lib.cohort.animals import Cohort, Explant
from lib.cohort.doses import cohort_animals
from lib.evaluate import Evaluation
from lib.plan import Plan
from lib.units import days_to_hours, dissolved_mg, g_to_kg

# The findings lib/cohort/evaluate.py makes of the explanted pumps: shown with the delivery after
# explant, not among the cautions to check before preparing.
AFTER_EXPLANT_CODES = frozenset(
    {
        "explant_unmatched",
        "residual_above_reservoir",
        "residual_above_fill",
        "pump_rate_outside_tolerance",
        "pump_ran_dry",
    }
)
DELIVERY_COLUMNS = (
    "animal_id",
    "group",
    "pump",
    "loaded_volume_ul",
    "loaded_weighed",
    "residual_volume_ul",
    "elapsed_days",
    "delivered_volume_ul",
    "mean_rate_ul_per_hr",
    "expected_rate_ul_per_hr",
    "rate_percent",
    "delivered_mg",
    "mean_body_weight_g",
    "delivered_dose_mg_per_kg_per_day",
    "target_dose_mg_per_kg_per_day",
    "dose_percent",
    "rate_outside_tolerance",
    "ran_dry",
)


def mean_rate_ul_per_hr(loaded_volume_ul, residual_volume_ul, elapsed_days):
    """ALZET's mean rate: (volume loaded - residual) / elapsed time, in uL/h (numbers or columns).

    >>> round(mean_rate_ul_per_hr(200.0, 18.6, 7.0), 4)  # 181.4 uL over 168 h
    1.0798
    """
    return (loaded_volume_ul - residual_volume_ul) / days_to_hours(elapsed_days)


def mean_weight_offset_g(plan: Plan, start_day: float, end_day: float) -> float:
    """What to add to an animal's weight at implant for its mean weight between two days: the
    plan's mean weight less its weight at implant (each animal grows as the plan does)."""
    return mean_body_weight_g(plan, start_day, end_day) - float(body_weight_g_at(plan, 0.0))


def explanted_pumps(plan: Plan, cohort: Cohort, evaluation: Evaluation) -> list[Explant]:
    """Every explanted pump: the explants table, and an animal's own residual volume as its
    last pump's (unless the explants table gives that pump too)."""
    last = evaluation.windows[-1].number
    given = {(explant.animal_id, explant.pump) for explant in cohort.explants}
    from_animals = [
        Explant(a.animal_id, last, a.residual_volume_ul, a.elapsed_days, a.loaded_volume_ul)
        for a in cohort_animals(plan, cohort)
        if a.residual_volume_ul is not None and a.elapsed_days is not None
        and (a.animal_id, last) not in given
    ]  # fmt: skip
    return from_animals + list(cohort.explants)


def explant_results(
    plan: Plan, cohort: Cohort, evaluation: Evaluation, doses: pd.DataFrame
) -> pd.DataFrame:
    """One row per explanted pump of a known animal and pump: its mean rate by the residual
    volume, the dose it delivered, and whether it is outside the rate tolerance either way."""
    explants = [
        explant
        for explant in explanted_pumps(plan, cohort, evaluation)
        if explant.pump <= len(evaluation.windows)
    ]
    if not explants or doses.empty:  # before any table is indexed: the usual case, each change
        return pd.DataFrame(columns=DELIVERY_COLUMNS)
    known = doses.set_index(["animal_id", "pump"])
    explants = [explant for explant in explants if (explant.animal_id, explant.pump) in known.index]
    if not explants:
        return pd.DataFrame(columns=DELIVERY_COLUMNS)
    keys = pd.MultiIndex.from_tuples([(e.animal_id, e.pump) for e in explants])
    dosed = known.loc[keys]
    rate = evaluation.rate_ul_per_hr
    rows = pd.DataFrame(
        {
            "animal_id": [explant.animal_id for explant in explants],
            "group": dosed["group"].to_numpy(),
            "pump": [explant.pump for explant in explants],
            "loaded_volume_ul": [e.loaded_volume_ul or evaluation.fill_volume_ul for e in explants],
            "loaded_weighed": [explant.loaded_volume_ul is not None for explant in explants],
            "residual_volume_ul": [explant.residual_volume_ul for explant in explants],
            "elapsed_days": [explant.elapsed_days for explant in explants],
            "body_weight_g": dosed["body_weight_g"].to_numpy(),
            "start_day": [evaluation.windows[e.pump - 1].start_day for e in explants],
        }
    )
    concentration = dosed["concentration_mg_per_ml"].to_numpy()
    target = dosed["target_dose_mg_per_kg_per_day"].to_numpy()
    rows["delivered_volume_ul"] = rows["loaded_volume_ul"] - rows["residual_volume_ul"]
    hours = days_to_hours(rows["elapsed_days"])
    rows["mean_rate_ul_per_hr"] = mean_rate_ul_per_hr(
        rows["loaded_volume_ul"], rows["residual_volume_ul"], rows["elapsed_days"]
    )
    rows["expected_rate_ul_per_hr"] = rate
    rows["rate_percent"] = 100.0 * rows["mean_rate_ul_per_hr"] / rate
    rows["delivered_mg"] = dissolved_mg(concentration, rows["delivered_volume_ul"])
    rows["mean_body_weight_g"] = _mean_weights(plan, rows)
    kilograms = g_to_kg(rows["mean_body_weight_g"])
    rows["delivered_dose_mg_per_kg_per_day"] = (
        rows["delivered_mg"] / rows["elapsed_days"] / kilograms
    )
    rows["target_dose_mg_per_kg_per_day"] = target
    rows["dose_percent"] = 100.0 * rows["delivered_dose_mg_per_kg_per_day"] / target
    # Empty before explant: the mean over the whole time in understates the rate, so such a
    # pump is reported as run dry, not as outside the tolerance.
    capacity_hours = rows["loaded_volume_ul"] / rate
    rows["ran_dry"] = (rows["residual_volume_ul"] <= 0.0) & (hours > capacity_hours)
    possible = rows["delivered_volume_ul"] >= 0  # else the entry is wrong: a finding says so
    off = (rows["rate_percent"] - 100.0).abs() > cohort.rate_tolerance_percent + 1e-9
    rows["rate_outside_tolerance"] = off & ~rows["ran_dry"] & possible
    return rows[list(DELIVERY_COLUMNS)]


def _mean_weights(plan: Plan, rows: pd.DataFrame) -> np.ndarray:
    """Each animal's mean weight while its pump was in (one line per pump window and elapsed
    time)."""
    weights = np.empty(len(rows))
    for (start, elapsed), where in rows.groupby(["start_day", "elapsed_days"]).groups.items():
        offset = mean_weight_offset_g(plan, start, start + elapsed)
        positions = rows.index.get_indexer(where)
        weights[positions] = rows["body_weight_g"].to_numpy()[positions] + offset
    return weights
