"""The dose each animal of a cohort receives, with one concentration per group or per animal.

A group's solution is made for the group's design weight (the mean of its animals' design
weights); each animal then gets dose = Q x 24 x C / BW at its own design weight, and its
deviation from the target is (dose / target - 1) x 100 %.

Each animal grows as the plan says, from its own weight: the plan's growth (a gain per day, the
line to the weight at the end, a preset's shape, the measured weights) is read as the grams
gained since implant, added to each animal's weight at implant. So an animal's design weight is
the plan's plus the difference of their weights at implant, and a thousand animals cost one
numpy expression instead of a thousand plans.
"""

import numpy as np
import pandas as pd

from lib.calc.dosing import (
    delivered_dose_mg_per_kg_per_day,
    fill_concentration_mg_per_ml,
    target_dose_mg_per_kg_per_day,
)
from lib.calc.growth import body_weight_g_at, design_body_weight_g
from lib.calc.series import PumpWindow
from lib.cohort.animals import DEFAULT_GROUP, Animal, Cohort
from lib.cohort.groups import group_plan, groups_by_name
from lib.evaluate import Evaluation
from lib.findings import Finding
from lib.formatting import counted
from lib.plan import Plan
from lib.tables.species import shipped_species_weights

DOSE_COLUMNS = (
    "animal_id",
    "group",
    "pump",
    "solution",
    "body_weight_g",
    "design_body_weight_g",
    "concentration_mg_per_ml",
    "dose_mg_per_kg_per_day",
    "dose_at_implant_mg_per_kg_per_day",
    "highest_dose_mg_per_kg_per_day",
    "target_dose_mg_per_kg_per_day",
    "deviation_percent",
    "outside_tolerance",
)
# What a vehicle control's rows hold as 0: the concentration, and every dose.
VEHICLE_ZEROS = (
    "concentration_mg_per_ml",
    "dose_mg_per_kg_per_day",
    "dose_at_implant_mg_per_kg_per_day",
    "highest_dose_mg_per_kg_per_day",
    "target_dose_mg_per_kg_per_day",
)


def cohort_animals(plan: Plan, cohort: Cohort) -> tuple[Animal, ...]:
    """The cohort's animals; without a table, the plan's one animal."""
    return cohort.animals or (Animal("1", DEFAULT_GROUP, plan.body_weight_g),)


def group_names(animals: tuple[Animal, ...]) -> list[str]:
    """Each animal's group, spelled as the group's first animal spells it: a spreadsheet's
    "Female" and "female" are one group (spaces around a name are stripped when it is read)."""
    first_spelling: dict[str, str] = {}
    return [first_spelling.setdefault(animal.group.casefold(), animal.group) for animal in animals]


def design_weight_offset_g(plan: Plan, window: PumpWindow) -> float:
    """What to add to an animal's weight at implant for its design weight in this pump's
    window: the plan's design weight less the plan's weight at implant (the grams gained)."""
    return design_body_weight_g(plan, window) - float(body_weight_g_at(plan, 0.0))


def cohort_doses(plan: Plan, cohort: Cohort, evaluation: Evaluation) -> pd.DataFrame:
    """One row per animal and pump: its solution, concentration, dose and deviation."""
    if evaluation.concentration_mg_per_ml is None:
        return pd.DataFrame(columns=DOSE_COLUMNS)
    animals = cohort_animals(plan, cohort)
    table = pd.DataFrame(
        {
            "animal_id": [animal.animal_id for animal in animals],
            "group": group_names(animals),
            "body_weight_g": [animal.body_weight_g for animal in animals],
        }
    )
    tables = [
        _window_rows(plan, cohort, evaluation, table, window) for window in evaluation.windows
    ]
    return pd.concat(tables, ignore_index=True)[list(DOSE_COLUMNS)]


def _window_rows(plan, cohort, evaluation, animals: pd.DataFrame, window) -> pd.DataFrame:
    """One pump's rows: each dose group with its own plan (lib.cohort.groups), in the animals'
    order; without a groups table, every animal has the plan's dose."""
    if not cohort.groups:
        return _pump_rows(plan, cohort, evaluation, animals, window)
    by_name = groups_by_name(cohort.groups)
    parts = []
    for name, rows in animals.groupby("group", sort=False):
        group = by_name.get(str(name).casefold())
        rows_plan = group_plan(plan, group)
        parts.append(_pump_rows(rows_plan, cohort, evaluation, rows, window))
        if group is not None and group.is_vehicle:
            parts[-1] = _vehicle(parts[-1], evaluation, window)
    return pd.concat(parts).sort_index()


def _vehicle(rows: pd.DataFrame, evaluation, window) -> pd.DataFrame:
    """A vehicle control: one solution for the group, no compound, no dose, on target."""
    series = f", for pump {window.number}" if len(evaluation.windows) > 1 else ""
    rows["solution"] = rows["group"] + series
    for column in VEHICLE_ZEROS:
        rows[column] = 0.0
    rows["deviation_percent"], rows["outside_tolerance"] = 0.0, False
    return rows


def _pump_rows(plan, cohort, evaluation, animals: pd.DataFrame, window) -> pd.DataFrame:
    # The columns are numpy arrays, made into one table at the end: a column set on a table
    # costs more than its arithmetic for a small cohort.
    weights = animals["body_weight_g"].to_numpy()
    design = weights + design_weight_offset_g(plan, window)
    # A solution is named by whom it is for; with a series, also by which pump of it ("male,
    # for pump 2"), never "male, pump 1", which reads as one pump when it fills four.
    series = f", for pump {window.number}" if len(evaluation.windows) > 1 else ""
    if cohort.concentration_mode == "group":
        by_group = pd.Series(design, index=animals.index).groupby(animals["group"])
        solution_weight = by_group.transform("mean").to_numpy()
        solution = animals["group"] + series
    else:
        solution_weight = design
        solution = animals["animal_id"] + series
    rate = evaluation.rate_ul_per_hr
    molecular_weight = evaluation.molecular_weight_g_per_mol
    concentration = fill_concentration_mg_per_ml(plan, rate, solution_weight, molecular_weight)
    concentrations = np.array(np.broadcast_to(concentration, len(animals)), dtype=float)
    dose = delivered_dose_mg_per_kg_per_day(concentrations, rate, design)
    start_offset_g, lightest_offset_g = _window_offsets_g(plan, window)
    target = target_dose_mg_per_kg_per_day(plan, design, molecular_weight)
    deviation = 100.0 * (dose / target - 1.0)
    columns = {
        "animal_id": animals["animal_id"].to_numpy(),
        "group": animals["group"].to_numpy(),
        "body_weight_g": weights,
        "pump": np.full(len(animals), window.number, dtype=np.int64),
        "design_body_weight_g": design,
        "solution": solution.to_numpy(),
        "concentration_mg_per_ml": concentrations,
        "dose_mg_per_kg_per_day": dose,
        "dose_at_implant_mg_per_kg_per_day": delivered_dose_mg_per_kg_per_day(
            concentrations, rate, weights + start_offset_g
        ),
        "highest_dose_mg_per_kg_per_day": delivered_dose_mg_per_kg_per_day(
            concentrations, rate, weights + lightest_offset_g
        ),
        "target_dose_mg_per_kg_per_day": np.broadcast_to(target, len(animals)),
        "deviation_percent": np.broadcast_to(deviation, len(animals)),
        # The small margin keeps an animal exactly at the edge (10.0 % of 10 %) inside.
        "outside_tolerance": np.broadcast_to(
            np.abs(deviation) > cohort.dose_tolerance_percent + 1e-9, len(animals)
        ),
    }
    return pd.DataFrame(columns, index=animals.index)


def _window_offsets_g(plan: Plan, window: PumpWindow) -> tuple[float, float]:
    """Grams gained since implant at this pump's implant, and at its lightest (a loss, or its
    start): the dose an animal gets when the pump goes in, and the highest it gets from it, is
    at these weights (each animal grows as the plan says, from its own weight)."""
    end_day = min(window.infusion_end_day, max(plan.study_days, window.start_day))
    days = np.linspace(window.start_day, end_day, 2 + int(end_day - window.start_day))
    offsets = np.asarray(body_weight_g_at(plan, days)) - float(body_weight_g_at(plan, 0.0))
    return float(offsets[0]), float(offsets.min())


def implausible_weights(plan: Plan, cohort: Cohort) -> Finding | None:
    """Animals whose weight is outside the species' range (species.csv), the likely typos
    (2.5 for 250 g) or a mouse among rats: named before their doses are read, since each also
    moves its group's mean and so every animal's solution."""
    weights = shipped_species_weights().get(plan.species)
    if weights is None:
        return None
    odd = [animal for animal in cohort.animals if not weights.plausible(animal.body_weight_g)]
    if not odd:
        return None
    named = ", ".join(f"{animal.animal_id} ({animal.body_weight_g:g} g)" for animal in odd[:10])
    more = f" and {len(odd) - 10} more" if len(odd) > 10 else ""
    return Finding(
        "cohort_weight_implausible",
        "caution",
        "animals",
        f"{counted(len(odd), 'weight')} outside the range this app expects for a "
        f"{plan.species} ({weights.lowest_plausible_g:g} to {weights.highest_plausible_g:g} g): "
        f"{named}{more}. Each is also in its group's mean weight, so in every animal's solution.",
        "Check these weights for a typo (a decimal mark, a digit too many) and the species.",
    )
