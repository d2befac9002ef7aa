"""A cohort's solutions: one per group (or per animal) and pump of the series, each made by the
bench rules of ``lib.calc.preparation``."""

import pandas as pd

from lib.calc.preparation import Preparation, prepare
from lib.cohort.animals import Cohort


def cohort_preparations(
    doses: pd.DataFrame,
    fill_volume_ul: float,
    cohort: Cohort,
    ceiling_mg_per_ml: float | None = None,
    catheter_ul: float = 0.0,
    weighed_mg_per_dose_mg: float = 1.0,
) -> tuple[Preparation, ...]:
    """One preparation per solution of the cohort's dose table (pumps = animals using it)."""
    if doses.empty:
        return ()
    solutions = doses.groupby("solution", sort=False).agg(
        pumps=("animal_id", "size"), concentration_mg_per_ml=("concentration_mg_per_ml", "first")
    )
    return tuple(
        prepare(
            str(row.Index),
            float(row.concentration_mg_per_ml),
            int(row.pumps),
            fill_volume_ul,
            cohort,
            ceiling_mg_per_ml,
            catheter_ul,
            weighed_mg_per_dose_mg,
        )
        for row in solutions.itertuples()
    )
