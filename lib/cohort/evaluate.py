"""A whole study: every animal's dose, the solutions to prepare, and after explant, delivery.

``evaluate_cohort`` is to a cohort what ``evaluate`` is to one plan: the UI reads the cohort
inputs, calls it, and renders what it returns.
"""

from dataclasses import dataclass, field

import pandas as pd

from lib.calc.catheter import catheter_drug_volume_ul
from lib.calc.preparation import Preparation, weighed_mg_per_dose, with_shared_stock
from lib.calc.recipe import TOLERANCE_PERCENT
from lib.calc.solubility import Limits, grade
from lib.calc.stock import SharedStock
from lib.cohort.animals import Cohort
from lib.cohort.delivery import DELIVERY_COLUMNS, explant_results
from lib.cohort.doses import DOSE_COLUMNS, cohort_animals, cohort_doses, implausible_weights
from lib.cohort.explant_findings import (
    _explants_unmatched,
    _ran_dry,
    _rate_outside_tolerance,
    _residual_above_fill,
    _residual_above_reservoir,
)
from lib.cohort.groups import group_findings
from lib.cohort.listing import listed
from lib.cohort.preparation import cohort_preparations
from lib.evaluate import Evaluation, evaluate
from lib.findings import Finding
from lib.formatting import count_is, format_number, plural
from lib.plan import Plan
from lib.tables.compounds import CompoundTable, shipped_compounds
from lib.tables.pumps import PumpCatalog


@dataclass(frozen=True)
class CohortEvaluation:
    """What a cohort comes to; ``evaluation`` is the plan's own (its pump, rate and windows)."""

    plan: Plan
    cohort: Cohort
    evaluation: Evaluation
    doses: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=DOSE_COLUMNS))
    preparations: tuple[Preparation, ...] = ()
    deliveries: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=DELIVERY_COLUMNS))
    findings: tuple[Finding, ...] = ()
    stock: SharedStock | None = None  # the one stock every solution is diluted from, if any


def evaluate_cohort(
    plan: Plan,
    cohort: Cohort,
    catalog: PumpCatalog,
    compounds: CompoundTable | None = None,
    evaluation: Evaluation | None = None,
) -> CohortEvaluation:
    """Doses per animal, preparations per solution, delivery after explant, and the findings.

    Pass the plan's ``evaluation`` when it is at hand, to skip evaluating the plan again.
    """
    compounds = compounds or shipped_compounds()
    evaluation = evaluation or evaluate(plan, catalog, compounds)
    if evaluation.concentration_mg_per_ml is None:
        return CohortEvaluation(plan, cohort, evaluation)
    doses = cohort_doses(plan, cohort, evaluation)
    limits = evaluation.limits
    factor = weighed_mg_per_dose(evaluation)
    ceiling = limits.stock_ceiling_mg_per_ml
    preparations, stock = with_shared_stock(
        cohort_preparations(
            doses, evaluation.fill_volume_ul, cohort, ceiling, catheter_drug_volume_ul(plan), factor
        ),
        cohort,
        ceiling,
        factor,
        next(iter(compounds.vials(plan.compound)), None),
    )
    deliveries = explant_results(plan, cohort, evaluation, doses)
    holds = max(evaluation.pump.reservoir_ul, evaluation.fill_volume_ul)  # or the lot's fill
    findings = [
        finding
        for finding in (
            implausible_weights(plan, cohort),
            *group_findings(plan, cohort),
            _too_small(plan, cohort, evaluation, catalog),
            _outside_tolerance(cohort, doses),
            _above_solubility(preparations, limits, plan.route),
            _recipes_off_target(preparations),
            _stock_not_made(stock),
            _explants_unmatched(plan, cohort, evaluation),
            *_delivery_findings(cohort, evaluation.pump, holds, deliveries),
        )
        if finding is not None
    ]
    return CohortEvaluation(
        plan, cohort, evaluation, doses, preparations, deliveries, findings, stock
    )


def _delivery_findings(cohort: Cohort, pump, holds: float, deliveries: pd.DataFrame) -> tuple:
    """What the explanted pumps' residual volumes say; nothing before any explant (each check
    of an empty table finds nothing, and costs a table's filtering)."""
    if deliveries.empty:
        return ()
    return (
        _residual_above_reservoir(cohort, pump, holds, deliveries),
        _residual_above_fill(deliveries, holds),
        _rate_outside_tolerance(cohort, deliveries),
        _ran_dry(deliveries),
    )


def _too_small(plan: Plan, cohort: Cohort, evaluation: Evaluation, catalog: PumpCatalog):
    minimum = evaluation.pump.min_body_weight_g(plan.route)
    small = [animal for animal in cohort_animals(plan, cohort) if animal.body_weight_g < minimum]
    if not small or not cohort.animals:  # one animal: the plan's own check says it
        return None
    names = listed(small, lambda animal: f"{animal.animal_id} ({animal.body_weight_g:g} g)")
    lightest = min(animal.body_weight_g for animal in small)
    # A smaller model is offered only if the catalogue has one that takes the lightest animal.
    fitting = [
        model for model, spec in catalog.items() if spec.min_body_weight_g(plan.route) <= lightest
    ]
    fix = (
        f"Use a smaller pump model for these animals ({listed(fitting)} take {lightest:g} g by "
        "this route), or wait until they are heavier."
        if fitting
        else f"No model of the pump catalogue takes {lightest:g} g by this route: wait until "
        "these animals are heavier."
    )
    return Finding(
        "cohort_animal_too_small",
        "conflict",
        "animals",
        f"{count_is(len(small), 'animal')} below model {evaluation.pump.model}'s minimum of "
        f"{minimum:g} g for this route: {names}.",
        fix,
    )


def _outside_tolerance(cohort: Cohort, doses: pd.DataFrame) -> Finding | None:
    if not doses["outside_tolerance"].any():  # the usual case: no table to filter
        return None
    outside = doses[doses["outside_tolerance"]]
    rows = outside.drop_duplicates("animal_id")
    names = listed(rows.itertuples(), lambda row: f"{row.animal_id} {row.deviation_percent:+.1f} %")
    split = list(dict.fromkeys(rows["group"]))
    groups = ", ".join(split)
    total = doses["animal_id"].nunique()
    return Finding(
        "cohort_dose_outside_tolerance",
        "caution",
        "concentration_mode",
        f"{len(rows)} of {total} animals get a dose more than "
        f"{cohort.dose_tolerance_percent:g} % from the target with one concentration per group: "
        f"{names}.",
        f"Choose one concentration per animal, or split {plural('group', len(split))} {groups} "
        "by weight.",
    )


def _above_solubility(preparations, limits: Limits, route: str) -> Finding | None:
    """Solutions above what dissolves, graded as the plan's own fill is (``grade``)."""
    above = [
        prep
        for prep in preparations
        if grade(prep.dose_concentration_mg_per_ml, limits, route).kind == "above_solubility"
    ]
    if not above:
        return None
    names = listed(
        above, lambda prep: f"{prep.solution} {format_number(prep.concentration_mg_per_ml)} mg/mL"
    )
    return Finding(
        "cohort_solubility_exceeded",
        "conflict",
        "animals",
        f"{count_is(len(above), 'solution')} above the solubility of "
        f"{format_number(limits.ceiling_mg_per_ml * above[0].weighed_mg_per_dose_mg)} mg/mL: "
        f"{names}.",
        "Choose a faster pump (a lower concentration), or a vehicle that dissolves more.",
    )


def _stock_not_made(stock: SharedStock | None) -> Finding | None:
    if stock is None or not stock.problem:
        return None
    return Finding(
        "shared_stock_not_made",
        "caution",
        "vial_mg",
        f"No shared stock: {stock.problem}; each solution is made on its own.",
        "Use a smaller vial, or a vehicle that dissolves more.",
    )


def _recipes_off_target(preparations) -> Finding | None:
    """A recipe that cannot be made, or whose rounded amounts miss the target by over 1 %."""
    off = [prep for prep in preparations if prep.recipe.off_target]
    if not off:
        return None

    def describe(prep) -> str:
        if prep.recipe.problem:
            return f"{prep.solution} ({prep.recipe.problem})"
        return f"{prep.solution} {prep.deviation_percent:+.1f} %"

    return Finding(
        "recipe_off_target",
        "caution",
        "balance_readability_mg",
        f"{count_is(len(off), 'recipe')} more than {TOLERANCE_PERCENT:g} % from the target by "
        f"the rounded amounts, or cannot be made: {listed(off, describe)}.",
        "Use a finer balance or a smaller weighing error allowed, a larger batch, or a stock.",
    )
