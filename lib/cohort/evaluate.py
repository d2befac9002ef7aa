"""A whole study: every animal's dose, the solutions to prepare, and after explant, delivery.

``evaluate_cohort`` is to a cohort what ``evaluate`` is to one plan: the UI reads the cohort
inputs, calls it, and renders what it returns.
"""

from dataclasses import dataclass, field

import pandas as pd

from lib.calc.catheter import catheter_drug_volume_ul
from lib.calc.recipe import TOLERANCE_PERCENT
from lib.cohort.animals import Cohort
from lib.cohort.delivery import DELIVERY_COLUMNS, explant_results
from lib.cohort.doses import DOSE_COLUMNS, cohort_animals, cohort_doses, implausible_weights
from lib.cohort.preparation import Preparation, cohort_preparations
from lib.evaluate import Evaluation, evaluate
from lib.findings import Finding
from lib.formatting import counted, format_number
from lib.plan import Plan
from lib.tables.compounds import CompoundTable, shipped_compounds
from lib.tables.pumps import PumpCatalog, PumpSpec

LISTED_ANIMALS = 8  # a finding names this many animals, then says how many more


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
    preparations = cohort_preparations(
        doses,
        evaluation.fill_volume_ul,
        cohort,
        limits.stock_ceiling_mg_per_ml,
        catheter_drug_volume_ul(plan),
    )
    deliveries = explant_results(plan, cohort, evaluation, doses)
    holds = max(evaluation.pump.reservoir_ul, evaluation.fill_volume_ul)  # or the lot's fill
    findings = [
        finding
        for finding in (
            implausible_weights(plan, cohort),
            _too_small(plan, cohort, evaluation, catalog),
            _outside_tolerance(cohort, doses),
            _above_solubility(preparations, limits.solubility_mg_per_ml),
            _recipes_off_target(preparations),
            _explants_unmatched(plan, cohort, evaluation),
            _residual_above_reservoir(cohort, evaluation.pump, holds, deliveries),
            _residual_above_fill(deliveries, holds),
            _rate_outside_tolerance(cohort, deliveries),
            _ran_dry(deliveries),
        )
        if finding is not None
    ]
    return CohortEvaluation(plan, cohort, evaluation, doses, preparations, deliveries, findings)


def _count(number: int, noun: str) -> str:
    """'1 animal is', '3 animals are'."""
    return f"{counted(number, noun)} {'is' if number == 1 else 'are'}"


def _named(ids, describe=str) -> str:
    ids = list(ids)
    shown = ", ".join(describe(item) for item in ids[:LISTED_ANIMALS])
    more = len(ids) - LISTED_ANIMALS
    return shown + (f" and {more} more" if more > 0 else "")


def _too_small(plan: Plan, cohort: Cohort, evaluation: Evaluation, catalog: PumpCatalog):
    minimum = evaluation.pump.min_body_weight_g(plan.route)
    small = [animal for animal in cohort_animals(plan, cohort) if animal.body_weight_g < minimum]
    if not small or not cohort.animals:  # one animal: the plan's own check says it
        return None
    names = _named(small, lambda animal: f"{animal.animal_id} ({animal.body_weight_g:g} g)")
    lightest = min(animal.body_weight_g for animal in small)
    # A smaller model is offered only if the catalogue has one that takes the lightest animal.
    fitting = [
        model for model, spec in catalog.items() if spec.min_body_weight_g(plan.route) <= lightest
    ]
    fix = (
        f"Use a smaller pump model for these animals ({_named(fitting)} take {lightest:g} g by "
        "this route), or wait until they are heavier."
        if fitting
        else f"No model of the pump catalogue takes {lightest:g} g by this route: wait until "
        "these animals are heavier."
    )
    return Finding(
        "cohort_animal_too_small",
        "conflict",
        "animals",
        f"{_count(len(small), 'animal')} below model {evaluation.pump.model}'s minimum of "
        f"{minimum:g} g for this route: {names}.",
        fix,
    )


def _outside_tolerance(cohort: Cohort, doses: pd.DataFrame) -> Finding | None:
    outside = doses[doses["outside_tolerance"]]
    if outside.empty:
        return None
    rows = outside.drop_duplicates("animal_id")
    names = _named(rows.itertuples(), lambda row: f"{row.animal_id} {row.deviation_percent:+.1f} %")
    groups = ", ".join(dict.fromkeys(rows["group"]))
    total = doses["animal_id"].nunique()
    return Finding(
        "cohort_dose_outside_tolerance",
        "caution",
        "concentration_mode",
        f"{len(rows)} of {total} animals get a dose more than "
        f"{cohort.dose_tolerance_percent:g} % from the target with one concentration per group: "
        f"{names}.",
        f"Choose one concentration per animal, or split group(s) {groups} by weight.",
    )


def _above_solubility(preparations, ceiling: float | None) -> Finding | None:
    if ceiling is None:
        return None
    above = [prep for prep in preparations if prep.concentration_mg_per_ml >= ceiling]
    if not above:
        return None
    names = _named(
        above, lambda prep: f"{prep.solution} {format_number(prep.concentration_mg_per_ml)} mg/mL"
    )
    return Finding(
        "cohort_solubility_exceeded",
        "conflict",
        "animals",
        f"{_count(len(above), 'solution')} at or above the solubility of "
        f"{format_number(ceiling)} mg/mL: "
        f"{names}.",
        "Choose a faster pump (a lower concentration), or a vehicle that dissolves more.",
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
        f"{_count(len(off), 'recipe')} more than {TOLERANCE_PERCENT:g} % from the target by "
        f"the rounded amounts, or cannot be made: {_named(off, describe)}.",
        "Use a finer balance or a smaller weighing error allowed, a larger batch, or a stock.",
    )


def _explants_unmatched(plan: Plan, cohort: Cohort, evaluation: Evaluation) -> Finding | None:
    """Explanted pumps of no animal of the table or no pump of the series, and pumps whose
    residual both tables give (the explants table's is used)."""
    ids = {animal.animal_id for animal in cohort_animals(plan, cohort)}
    count, last = len(evaluation.windows), evaluation.windows[-1].number
    unknown = [e for e in cohort.explants if e.animal_id not in ids or e.pump > count]
    twice = {(e.animal_id, e.pump) for e in cohort.explants if e.pump == last} & {
        (a.animal_id, last) for a in cohort.animals if a.residual_volume_ul is not None
    }
    if not unknown and not twice:
        return None
    parts = []
    if unknown:
        named = _named(unknown, lambda e: f"{e.animal_id} pump {e.pump}")
        pumps = f"{counted(count, 'pump')} each"
        text = f"{_count(len(unknown), 'explanted pump')} of no animal or pump of the plan"
        parts.append(f"{text} ({pumps}), left out: {named}.")
    if twice:
        named = _named(sorted(twice), lambda key: f"{key[0]} pump {key[1]}")
        parts.append(f"Both tables give the residual of {named}: the explants table's is used.")
    return Finding(
        "explant_unmatched",
        "caution",
        "explants",
        " ".join(parts),
        "Check the animal IDs and pump numbers of the explanted pumps.",
    )


def _residual_above_reservoir(
    cohort: Cohort, pump: PumpSpec, holds: float, deliveries: pd.DataFrame
) -> Finding | None:
    """A residual volume larger than the pump holds is a typo, not a delivery to verify."""
    typos = deliveries[deliveries["residual_volume_ul"] > holds]
    if typos.empty:
        return None
    explants = {(explant.animal_id, explant.pump) for explant in cohort.explants}

    def describe(row) -> str:
        table = "explants" if (row.animal_id, row.pump) in explants else "animals"
        return f"{row.animal_id} pump {row.pump} ({table} table) {row.residual_volume_ul:g} µL"

    one, keys = len(typos) == 1, set(zip(typos["animal_id"], typos["pump"], strict=True))
    return Finding(
        "residual_above_reservoir",
        "conflict",
        "explants" if keys <= explants else "animals",
        f"{_count(len(typos), 'residual volume')} more than model {pump.model} holds "
        f"({holds:g} µL), so {'it looks' if one else 'they look'} like a typo: "
        f"{_named(typos.itertuples(), describe)}.",
        f"Correct the residual volume (µL) of {'this line' if one else 'these lines'}: the "
        f"volume aspirated from the pump, at most {holds:g} µL.",
    )


def _residual_above_fill(deliveries: pd.DataFrame, holds: float) -> Finding | None:
    """More left than was loaded, though the pump could hold it: the volume loaded is to check."""
    possible = deliveries["residual_volume_ul"] <= holds
    impossible = deliveries[(deliveries["delivered_volume_ul"] < 0) & possible]
    if impossible.empty:
        return None
    names = _named(
        impossible.itertuples(),
        lambda row: (
            f"{row.animal_id} pump {row.pump} ({row.residual_volume_ul:g} of "
            f"{row.loaded_volume_ul:g} µL)"
        ),
    )
    return Finding(
        "residual_above_fill",
        "conflict",
        "animals",
        f"{_count(len(impossible), 'residual volume')} more than the volume loaded: {names}.",
        "Check these entries; enter the volume loaded from the pump's filled less its empty "
        "weight, or the lot's fill volume.",
    )


def _rate_outside_tolerance(cohort: Cohort, deliveries: pd.DataFrame) -> Finding | None:
    outside = deliveries[deliveries["rate_outside_tolerance"]]
    if outside.empty:
        return None
    names = _named(
        outside.itertuples(),
        lambda row: (
            f"{row.animal_id} pump {row.pump} {format_number(row.mean_rate_ul_per_hr)} µL/h "
            f"({row.rate_percent:.0f} %)"
        ),
    )
    tolerance = cohort.rate_tolerance_percent
    return Finding(
        "pump_rate_outside_tolerance",
        "caution",
        "animals",
        f"{_count(len(outside), 'pump')} outside {100 - tolerance:g}-{100 + tolerance:g} % of "
        f"the expected rate by the residual volume: {names}.",
        "Below: check the catheter (blocked or kinked), a leak, an air bubble at filling. "
        "Above: check that the residual was fully aspirated, the elapsed time, and the volume "
        "loaded (the filled less the empty weight). Check before using these animals' data.",
    )


def _ran_dry(deliveries: pd.DataFrame) -> Finding | None:
    dry = deliveries[deliveries["ran_dry"]]
    if dry.empty:
        return None
    return Finding(
        "pump_ran_dry",
        "info",
        "animals",
        f"{_count(len(dry), 'pump')} empty at explant after longer in the animal than it can "
        f"pump: "
        f"{_named(dry['animal_id'])}.",
        "Their mean rate over the whole time understates the rate; the dose stopped when the "
        "pump emptied.",
    )
