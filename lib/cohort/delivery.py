"""After explant: what each pump actually delivered, from the volume left in it.

ALZET, "Verifying delivery" (REFERENCE section 6): aspirate the residual volume with a filling
tube; mean rate = (volume loaded - residual) / elapsed time. A spent pump's weight cannot be
used, because the pump takes up water.
"""

import numpy as np
import pandas as pd

from lib.calc.growth import body_weight_g_at, mean_body_weight_g
from lib.cohort.animals import Cohort
from lib.cohort.doses import cohort_animals
from lib.evaluate import Evaluation
from lib.plan import Plan
from lib.units import GRAMS_PER_KILOGRAM, HOURS_PER_DAY

DELIVERY_COLUMNS = (
    "animal_id",
    "group",
    "pump",
    "loaded_volume_ul",
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
    "under_delivered",
    "ran_dry",
)


def mean_weight_offset_g(plan: Plan, start_day: float, end_day: float) -> float:
    """What to add to an animal's weight at implant for its mean weight between two days: the
    plan's mean weight less its weight at implant (each animal grows as the plan does)."""
    return mean_body_weight_g(plan, start_day, end_day) - float(body_weight_g_at(plan, 0.0))


def explant_results(
    plan: Plan, cohort: Cohort, evaluation: Evaluation, doses: pd.DataFrame
) -> pd.DataFrame:
    """One row per animal with a residual volume and an elapsed time, for the last pump."""
    animals = [
        animal
        for animal in cohort_animals(plan, cohort)
        if animal.residual_volume_ul is not None and animal.elapsed_days is not None
    ]
    if not animals or doses.empty:
        return pd.DataFrame(columns=DELIVERY_COLUMNS)
    window = evaluation.windows[-1]
    last = doses[doses["pump"] == window.number].set_index("animal_id")
    rows = pd.DataFrame(
        {
            "animal_id": [animal.animal_id for animal in animals],
            "group": [animal.group for animal in animals],
            "pump": window.number,
            "loaded_volume_ul": evaluation.fill_volume_ul,
            "residual_volume_ul": [animal.residual_volume_ul for animal in animals],
            "elapsed_days": [animal.elapsed_days for animal in animals],
            "body_weight_g": [animal.body_weight_g for animal in animals],
        }
    )
    concentration = last.loc[rows["animal_id"], "concentration_mg_per_ml"].to_numpy()
    target = last.loc[rows["animal_id"], "target_dose_mg_per_kg_per_day"].to_numpy()
    rows["delivered_volume_ul"] = rows["loaded_volume_ul"] - rows["residual_volume_ul"]
    rows["mean_rate_ul_per_hr"] = rows["delivered_volume_ul"] / (
        rows["elapsed_days"] * HOURS_PER_DAY
    )
    rows["expected_rate_ul_per_hr"] = evaluation.rate_ul_per_hr
    rows["rate_percent"] = 100.0 * rows["mean_rate_ul_per_hr"] / evaluation.rate_ul_per_hr
    rows["delivered_mg"] = concentration * rows["delivered_volume_ul"] / 1000.0
    rows["mean_body_weight_g"] = _mean_weights(plan, window.start_day, rows)
    kilograms = rows["mean_body_weight_g"] / GRAMS_PER_KILOGRAM
    rows["delivered_dose_mg_per_kg_per_day"] = (
        rows["delivered_mg"] / rows["elapsed_days"] / kilograms
    )
    rows["target_dose_mg_per_kg_per_day"] = target
    rows["dose_percent"] = 100.0 * rows["delivered_dose_mg_per_kg_per_day"] / target
    # Empty before explant: the mean over the whole time in understates the rate, so such a
    # pump is reported as run dry, not as under-delivering.
    capacity_days = evaluation.fill_volume_ul / evaluation.rate_ul_per_hr / HOURS_PER_DAY
    rows["ran_dry"] = (rows["residual_volume_ul"] <= 0.0) & (rows["elapsed_days"] > capacity_days)
    floor = 100.0 - cohort.rate_tolerance_percent
    possible = rows["delivered_volume_ul"] >= 0  # else the entry is wrong: a finding says so
    rows["under_delivered"] = (rows["rate_percent"] < floor - 1e-9) & ~rows["ran_dry"] & possible
    return rows[list(DELIVERY_COLUMNS)]


def _mean_weights(plan: Plan, start_day: float, rows: pd.DataFrame) -> np.ndarray:
    """Each animal's mean weight while its pump was in (one line per distinct elapsed time)."""
    weights = np.empty(len(rows))
    for elapsed, where in rows.groupby("elapsed_days").groups.items():
        offset = mean_weight_offset_g(plan, start_day, start_day + elapsed)
        positions = rows.index.get_indexer(where)
        weights[positions] = rows["body_weight_g"].to_numpy()[positions] + offset
    return weights
