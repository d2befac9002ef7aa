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
    # Each solution in the order it first appears: its pumps, and its concentration (the first
    # that is a number, as pandas' "first"); plain Python: pandas' named aggregation cost more
    # than the preparations of a small cohort.
    pumps: dict[str, int] = {}
    concentrations: dict[str, float] = {}
    solution_column = doses["solution"].tolist()
    concentration_column = doses["concentration_mg_per_ml"].tolist()
    for solution, concentration in zip(solution_column, concentration_column, strict=True):
        pumps[solution] = pumps.get(solution, 0) + 1
        if concentrations.get(solution) is None and not pd.isna(concentration):
            concentrations[solution] = concentration
    return tuple(
        prepare(
            str(solution),
            float(concentrations.get(solution, float("nan"))),
            count,
            fill_volume_ul,
            cohort,
            ceiling_mg_per_ml,
            catheter_ul,
            weighed_mg_per_dose_mg,
        )
        for solution, count in pumps.items()
    )
