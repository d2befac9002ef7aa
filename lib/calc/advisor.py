"""The pump advisor: every model of the catalogue judged for this plan, ranked by what it takes
to make the plan work.

Each model is judged at its nominal rate and volume (a lot sheet belongs to one box of one
model), with the plan's own number of pumps in series when the scientist set one, else as many
as the study needs. The ranking: workable models first (clean before cautions), by fewest pumps
(each one a surgery), then by the share of the solubility ceiling (or, for a fill concentration
entered, by how close each model's delivered dose comes to the target first); models in
conflict after them, nearest to workable first (``distance_from_feasible``). The first few get
a proposal (``lib.calc.advisor_proposals``).
"""

import math
from dataclasses import dataclass

import pandas as pd

from lib.calc.advisor_proposals import Proposal, with_proposals
from lib.calc.cns_volume import CSF_SHARE_LIMIT_PERCENT, csf_share_percent
from lib.calc.dose_form import DoseForm
from lib.calc.dosing import (
    DRIFT_TOLERANCE_PERCENT,
    can_compute_concentration,
    delivered_dose_mg_per_kg_per_day,
    series_concentrations_mg_per_ml,
    target_dose_mg_per_kg_per_day,
)
from lib.calc.series import series_windows
from lib.calc.solubility import Limits, form_and_limits, grade
from lib.formatting import counted, format_days, format_number, verb_for
from lib.plan import Plan
from lib.tables.compounds import CompoundTable, shipped_compounds
from lib.tables.pumps import PumpCatalog, PumpSpec
from lib.tables.species import shipped_species_weights

VERDICT_ORDER = {"feasible": 0, "caution": 1, "conflict": 2}


@dataclass(frozen=True)
class PumpOption:
    """One model judged for a plan; concentrations are None when they cannot be computed.

    ``covered_days``: how far the pumps reach (the last one out by its explant-by day, or dry);
    ``distance_from_feasible``: for a conflict, the factor by which the plan misses (see
    ``distance_from_feasible``), else None; ``percent_of_target``: for a fill concentration
    entered, the dose delivered at implant in percent of the plan's dose, else None.
    """

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
    covered_days: float = math.inf
    distance_from_feasible: float | None = None
    percent_of_target: float | None = None
    proposal: Proposal | None = None
    size_unreachable: bool = False  # the model's minimum is above what the species weighs


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


def distance_from_feasible(
    highest_mg_per_ml, solubility_mg_per_ml, body_weight_g, minimum_g, study_days, covered_days
) -> float:
    """How far a model in conflict is from workable: the factor by which the concentration
    exceeds the solubility, times the factor by which the animal is under the model's minimum,
    times the factor by which the study outlasts what the pumps cover (each at least 1).

    >>> round(distance_from_feasible(6.25, 4.3, 300.0, 200.0, 28.0, 28.0), 4)  # 6.25 / 4.3
    1.4535
    >>> distance_from_feasible(0.2, 4.3, 25.0, 200.0, 14.0, 14.0)  # 200 g / 25 g
    8.0
    """
    if highest_mg_per_ml is None:  # cannot be judged at all: last
        return math.inf
    factors = [minimum_g / body_weight_g, study_days / covered_days if covered_days else math.inf]
    if solubility_mg_per_ml:
        factors.append(highest_mg_per_ml / solubility_mg_per_ml)
    return math.prod(max(1.0, factor) for factor in factors)


def _coverage_reason(plan: Plan, windows) -> tuple[float, str]:
    """How far the pumps reach, and the words when they fall short of the study (only a count
    the scientist set can: the count as needed always covers it)."""
    last = windows[-1]
    covered_days = min(last.explant_by_day, last.empty_day)
    if plan.study_days <= covered_days + 1e-9:  # the tolerance keeps float noise from a gap
        return covered_days, ""
    pumps = f"{counted(len(windows), 'pump')} in series"
    why = "runs dry" if last.empty_day <= last.explant_by_day else "must be out"
    return covered_days, (
        f"{pumps} {verb_for(len(windows), 'covers', 'cover')} {format_days(covered_days)} of the "
        f"{counted(plan.study_days, 'day')} (pump {last.number} {why} on day "
        f"{format_days(covered_days)})"
    )


@dataclass(frozen=True)
class PlanBasis:
    """What every model is judged against, resolved once per plan, not per model: the dose form
    and limits (a proposal changes the dose or the pumps, never the compound they depend on),
    whether a concentration can be computed, the dose at implant that a fill concentration
    entered is held to (else None), and the heaviest the species plausibly grows (or None)."""

    plan: Plan
    form: DoseForm
    limits: Limits
    computable: bool
    target_at_implant_mg_per_kg_per_day: float | None
    heaviest_g: float | None


def plan_basis(plan: Plan, form: DoseForm, limits: Limits) -> PlanBasis:
    computable = can_compute_concentration(plan, form)
    target = None
    if computable and plan.fixed_concentration_mg_per_ml is not None:
        weight = form.molecular_weight_g_per_mol
        target = float(target_dose_mg_per_kg_per_day(plan, [plan.body_weight_g], weight)[0])
    weights = shipped_species_weights().get(plan.species)
    heaviest = weights.highest_plausible_g if weights else None
    return PlanBasis(plan, form, limits, computable, target, heaviest)


def _percent_of_target(basis: PlanBasis, dose_mg_per_kg_per_day) -> float | None:
    """What a model delivers at implant in percent of the plan's dose (a fill concentration
    entered only: otherwise the concentration is made for the dose)."""
    target = basis.target_at_implant_mg_per_kg_per_day
    if target is None or dose_mg_per_kg_per_day is None or not target > 0:
        return None
    return 100.0 * dose_mg_per_kg_per_day / target


def _judge(basis: PlanBasis, spec: PumpSpec) -> PumpOption:
    """One model for the plan: only what depends on the pump is worked out here."""
    plan, limits = basis.plan, basis.limits
    # The scientist's count of pumps in series is honoured; none set, as many as needed.
    # (The plan itself serves: the windows and concentrations do not read its pump model.)
    windows = series_windows(plan, spec.duration_days, spec.rate_ul_per_hr, spec.reservoir_ul)
    first = highest = dose = None
    if basis.computable:
        concentrations = series_concentrations_mg_per_ml(
            plan, windows, spec.rate_ul_per_hr, basis.form.molecular_weight_g_per_mol
        )
        first, highest = concentrations[0], max(concentrations)
        dose = delivered_dose_mg_per_kg_per_day(first, spec.rate_ul_per_hr, plan.body_weight_g)
    limit = limits.solubility_mg_per_ml
    verdict, reasons = _solubility_reasons(highest, limits, plan.route)
    minimum_g = spec.min_body_weight_g(plan.route)
    fits = plan.body_weight_g >= minimum_g
    if not fits:
        reasons.append(f"animal under the recommended {minimum_g:g} g")
    covered_days, short = _coverage_reason(plan, windows)
    if short:
        reasons.append(short)
    if not fits or short:
        verdict = "conflict"
    if len(windows) > 1:
        days = ", ".join(format_days(window.start_day) for window in windows[1:])
        reasons.append(f"{len(windows)} pumps, replaced on day {days}")
    share = csf_share_percent(plan, spec.rate_ul_per_hr)
    if share is not None and share[0] > CSF_SHARE_LIMIT_PERCENT:
        reasons.append(
            f"{format_number(spec.rate_ul_per_hr)} µL/h into the CSF, {share[0]:.0f} % of "
            f"what a {plan.species}'s CSF makes"
        )
        verdict = "caution" if verdict == "feasible" else verdict
    if not spec.verified:
        reasons.append("unverified catalogue row")
    percent_of_target = _percent_of_target(basis, dose)
    if percent_of_target is not None and format_number(percent_of_target) != format_number(100):
        reasons.append(f"delivers {percent_of_target:.0f} % of the target")
        if abs(percent_of_target - 100.0) > DRIFT_TOLERANCE_PERCENT and verdict == "feasible":
            verdict = "caution"  # a stock that misses the target with this model
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
        covered_days=covered_days,
        distance_from_feasible=None
        if verdict != "conflict"
        else distance_from_feasible(
            highest, limit, plan.body_weight_g, minimum_g, plan.study_days, covered_days
        ),
        # A 2 mL pump for a mouse goes after every model whose problem can be solved: a dose
        # can be lowered, a mouse cannot grow.
        size_unreachable=basis.heaviest_g is not None and minimum_g > basis.heaviest_g,
        percent_of_target=percent_of_target,
    )


def _rank_key(option: PumpOption):
    """Workable first (clean, then cautions), nearest to workable among conflicts; then closest
    to the target (a fill concentration entered), fewest pumps, lowest share of the ceiling."""
    percent = option.percent_of_solubility
    if percent is None:  # no ceiling known: the same for every model, so compare concentrations
        percent = option.highest_concentration_mg_per_ml
    target = option.percent_of_target
    # 50 % and 200 % of the target are equally far from it: a factor of 2 either way.
    off_target = 1.0 if not target else max(target / 100.0, 100.0 / target)
    return (
        VERDICT_ORDER[option.verdict],
        option.size_unreachable,
        option.distance_from_feasible or 0.0,
        off_target,
        option.pumps_needed,
        percent if percent is not None else math.inf,
    )


def pump_options(
    plan: Plan, catalog: PumpCatalog, form: DoseForm, limits: Limits
) -> list[PumpOption]:
    """Every model judged for the plan (its ``form_and_limits``), ranked as the module says
    (what the checks read)."""
    basis = plan_basis(plan, form, limits)
    judged = (_judge(basis, spec) for spec in catalog.values())
    return sorted(judged, key=_rank_key)


def proposed(
    plan: Plan, ranked: list[PumpOption], form: DoseForm, limits: Limits
) -> list[PumpOption]:
    """The ranked options with the first few proposed: each proposal judges the model again,
    so it is made only for the advisor's table, after the page shows the concentration."""
    return with_proposals(
        plan, ranked, limits, lambda changed, spec: _judge(plan_basis(changed, form, limits), spec)
    )


def rank_pumps(
    plan: Plan, catalog: PumpCatalog, compounds: CompoundTable | None = None
) -> pd.DataFrame:
    """The advisor's table: one row per model, ranked by what it takes to make the plan work.

    Columns: ``model``, ``rate_ul_per_hr``, ``duration_days``, ``concentration_mg_per_ml``
    (the first pump), ``percent_of_solubility`` (the most concentrated pump of the series),
    ``dose_mg_per_kg_per_day`` (delivered at implant), ``fits_animal``, ``pumps_needed``,
    ``verdict`` (feasible, caution, conflict), ``reasons``; then ``distance_from_feasible``
    (conflicts only), ``percent_of_target`` (a fill concentration entered only), ``proposal``
    (words, '' when none), ``proposal_changes`` (plan fields a button can set, {} when none)
    and ``proposal_label`` (that button's label).
    """
    compounds = compounds or shipped_compounds()
    form, limits = form_and_limits(plan, compounds)
    options = pump_options(plan, catalog, form, limits)
    return options_table(proposed(plan, options, form, limits))


def options_table(options: list[PumpOption]) -> pd.DataFrame:
    """The judged models as the advisor's table (columns as ``rank_pumps`` says)."""
    proposals = [option.proposal or Proposal("") for option in options]
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
            "distance_from_feasible": [option.distance_from_feasible for option in options],
            "percent_of_target": [option.percent_of_target for option in options],
            "proposal": [proposal.text for proposal in proposals],
            "proposal_changes": [dict(proposal.changes) for proposal in proposals],
            "proposal_label": [proposal.label for proposal in proposals],
        }
    )
