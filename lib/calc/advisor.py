"""The pump advisor: every model of the catalogue judged for this plan, the workable ones first.

Each model is judged at its nominal rate and volume (a lot sheet belongs to one box of one
model), with as many pumps in series as the study needs.
"""

from dataclasses import dataclass

import pandas as pd

from lib.calc.dosing import (
    can_compute_concentration,
    delivered_dose_mg_per_kg_per_day,
    series_concentrations_mg_per_ml,
)
from lib.calc.series import series_windows
from lib.calc.solubility import grade
from lib.formatting import format_days, format_number
from lib.plan import Plan
from lib.tables.compounds import CompoundTable, shipped_compounds
from lib.tables.pumps import PumpCatalog, PumpSpec

VERDICT_ORDER = {"feasible": 0, "caution": 1, "conflict": 2}


@dataclass(frozen=True)
class PumpOption:
    """One model judged for a plan; concentrations are None when they cannot be computed."""

    spec: PumpSpec
    concentration_mg_per_ml: float | None
    highest_concentration_mg_per_ml: float | None
    percent_of_solubility: float | None
    dose_mg_per_kg_per_day: float | None
    fits_animal: bool
    pumps_needed: int
    replacement_days: tuple[float, ...]
    verdict: str
    reasons: tuple[str, ...]


def _solubility_reasons(highest, limits, route) -> tuple[str, list[str]]:
    """The verdict of ``lib.calc.solubility.grade``, in the advisor's few words."""
    if highest is None:
        return "conflict", ["needs the molecular weight"]
    if limits.solubility_mg_per_ml is None:
        return "caution", ["solubility unknown"]
    judged = grade(highest, limits, route)
    concentration = f"{format_number(highest)} mg/mL"
    reason = {
        "above_solubility": f"{concentration} ≥ solubility "
        f"{format_number(limits.solubility_mg_per_ml)}",
        "near_solubility": f"{concentration}, {judged.percent_of_solubility:.0f} % of solubility",
        "above_intrathecal_strength": f"{concentration} > marketed intrathecal "
        f"{format_number(limits.intrathecal_strength_mg_per_ml or 0)}",
    }.get(judged.kind)
    return judged.verdict, [reason] if reason else []


def _judge(plan: Plan, spec: PumpSpec, compounds: CompoundTable) -> PumpOption:
    molecular_weight = plan.molecular_weight_g_per_mol or compounds.molecular_weight_g_per_mol(
        plan.compound
    )
    # Each model is judged with as many pumps as the study needs, whatever the plan's count.
    # (The plan itself serves: the windows and concentrations do not read its pump model.)
    windows = series_windows(
        plan, spec.duration_days, spec.rate_ul_per_hr, spec.reservoir_ul, as_needed=True
    )
    first = highest = None
    if can_compute_concentration(plan, molecular_weight):
        concentrations = series_concentrations_mg_per_ml(
            plan, windows, spec.rate_ul_per_hr, molecular_weight
        )
        first, highest = concentrations[0], max(concentrations)
    limits = compounds.limits(plan.compound, plan.vehicle, plan.solubility_mg_per_ml)
    limit = limits.solubility_mg_per_ml
    verdict, reasons = _solubility_reasons(highest, limits, plan.route)
    minimum_g = spec.min_body_weight_g(plan.route)
    fits = plan.body_weight_g >= minimum_g
    if not fits:
        verdict = "conflict"
        reasons.append(f"animal under the {minimum_g:g} g minimum")
    if len(windows) > 1:
        days = ", ".join(format_days(window.start_day) for window in windows[1:])
        reasons.append(f"{len(windows)} pumps, replaced on day {days}")
    if not spec.verified:
        reasons.append("unverified catalogue row")
    dose = None
    if first is not None:
        dose = delivered_dose_mg_per_kg_per_day(first, spec.rate_ul_per_hr, plan.body_weight_g)
    return PumpOption(
        spec=spec,
        concentration_mg_per_ml=first,
        highest_concentration_mg_per_ml=highest,
        percent_of_solubility=None if highest is None or limit is None else 100 * highest / limit,
        dose_mg_per_kg_per_day=dose,
        fits_animal=fits,
        pumps_needed=len(windows),
        replacement_days=tuple(window.start_day for window in windows[1:]),
        verdict=verdict,
        reasons=tuple(reasons),
    )


def _rank_key(option: PumpOption):
    concentration = option.highest_concentration_mg_per_ml
    return (
        VERDICT_ORDER[option.verdict],
        option.pumps_needed,
        concentration if concentration is not None else float("inf"),
    )


def pump_options(plan: Plan, catalog: PumpCatalog, compounds: CompoundTable) -> list[PumpOption]:
    """Every model judged for the plan: feasible first, then fewest pumps, lowest concentration."""
    return sorted((_judge(plan, spec, compounds) for spec in catalog.values()), key=_rank_key)


def rank_pumps(
    plan: Plan, catalog: PumpCatalog, compounds: CompoundTable | None = None
) -> pd.DataFrame:
    """The advisor's table: one row per model, workable ones first.

    Columns: ``model``, ``rate_ul_per_hr``, ``duration_days``, ``concentration_mg_per_ml``
    (the first pump), ``percent_of_solubility`` (the most concentrated pump of the series),
    ``dose_mg_per_kg_per_day`` (at implant, for a fixed concentration), ``fits_animal``,
    ``pumps_needed``, ``verdict`` (feasible, caution, conflict) and ``reasons``.
    """
    return options_table(pump_options(plan, catalog, compounds or shipped_compounds()))


def options_table(options: list[PumpOption]) -> pd.DataFrame:
    """The judged models as the advisor's table (columns as ``rank_pumps`` says)."""
    return pd.DataFrame(
        {
            "model": [option.spec.model for option in options],
            "rate_ul_per_hr": [option.spec.rate_ul_per_hr for option in options],
            "duration_days": [option.spec.duration_days for option in options],
            "concentration_mg_per_ml": [option.concentration_mg_per_ml for option in options],
            "percent_of_solubility": [option.percent_of_solubility for option in options],
            "dose_mg_per_kg_per_day": [option.dose_mg_per_kg_per_day for option in options],
            "fits_animal": [option.fits_animal for option in options],
            "pumps_needed": [option.pumps_needed for option in options],
            "verdict": [option.verdict for option in options],
            "reasons": ["; ".join(option.reasons) for option in options],
        }
    )
