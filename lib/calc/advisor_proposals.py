"""What it takes to make the plan work with one model: the advisor's proposals for its first
rows, in words and, where the plan has a field for it, as changes a button can apply.

- The highest dose that fits: the dose at which the most concentrated pump of the series
  reaches the caution level (``NEAR_SOLUBILITY_PERCENT`` of the solubility; on a route into the
  CNS also the strongest marketed intrathecal solution), rounded down to three figures.
- A fill concentration entered (a stock): dilute it to the caution level, or to what delivers
  the target with this model when that is less. A stock is diluted, never made stronger.
- Pumps in series: when the scientist's count does not cover the study, the fewest that do.
- Two pumps at once: a model at or above the solubility but under twice it works with two
  implanted together, each at half the concentration. ALZET allows two or more pumps "provided
  the animal is large enough" (technical tips); Wedel et al. (Lab Anim 2014, PMID 25002205)
  implanted two 2ML4 on one jugular catheter to double the rate, with more delivery failures
  (4 vs 1). No sourced minimum weight for two pumps exists, and no plan field counts pumps at
  once: words only, for an animal that meets the model's own minimum.
- Another model: only when the plan's own model is in conflict (else the row's button says it).
- Per-group models, when the animal is under a model's minimum: words only (a cohort).
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from lib.calc.series import MAX_PUMPS_IN_SERIES, pumps_needed
from lib.calc.solubility import NEAR_SOLUBILITY_PERCENT, Limits, grade
from lib.formatting import counted, format_number
from lib.plan import CNS_ROUTES, Plan
from lib.units import DOSE_UNITS

# The first rows get a proposal: the few a scientist weighs against each other.
PROPOSED_ROWS = 3
# Two pumps, as ALZET allows and Wedel et al. 2014 did; more is not proposed.
PUMPS_AT_ONCE = 2


@dataclass(frozen=True)
class Proposal:
    """Words for the scientist; ``changes``: (plan field, value) pairs a button sets (empty when
    the proposal is words only); ``label``: that button's text, when it does more than choose
    the model (the row's own button does that)."""

    text: str
    changes: tuple[tuple[str, object], ...] = ()
    label: str = ""


def caution_level_mg_per_ml(limits: Limits, route: str) -> float | None:
    """The concentration from which ``grade`` cautions on this route (None: no level known)."""
    levels = [limits.near_solubility_mg_per_ml]
    if route in CNS_ROUTES:
        levels.append(limits.intrathecal_strength_mg_per_ml)
    known = [level for level in levels if level is not None]
    return min(known) if known else None


def round_down(value: float, strictly: bool = False) -> float:
    """Three significant figures, at most the value (``strictly``: below it, one step down when
    it has three already): a dose proposed as the highest stays within the caution level.
    The relative 1e-9 absorbs float noise (0.3 computed as 0.29999999999999993).

    >>> round_down(2.752), round_down(0.29999999999999993), round_down(1376.0)
    (2.75, 0.3, 1370.0)
    >>> round_down(0.688, strictly=True)
    0.687
    """
    nudged = value * (1 - 1e-9 if strictly else 1 + 1e-9)
    exponent = math.floor(math.log10(nudged)) - 2
    return float(f"{math.floor(nudged / 10.0**exponent)}e{exponent}")


def with_proposals(plan: Plan, ranked: list, limits: Limits, judge: Callable) -> list:
    """The ranked options, the first ``PROPOSED_ROWS`` and the plan's own model with a proposal.

    ``judge(plan, spec)`` judges one model for a plan (``lib.calc.advisor``): each proposal is
    judged again with its changes, so the words give what the changed plan comes to.
    """
    current = next((option for option in ranked if option.spec.model == plan.pump_model), None)
    current_works = current is not None and current.verdict != "conflict"
    # A model that delivers the planned dose as it is: then no proposal lowers the dose or
    # dilutes the stock below the target (the experiment would change to fit a pump).
    keep_dose = any(option.verdict == "feasible" for option in ranked)
    return [
        replace(option, proposal=propose(plan, option, limits, judge, current_works, keep_dose))
        if index < PROPOSED_ROWS or option is current
        else option
        for index, option in enumerate(ranked)
    ]


def propose(
    plan: Plan, option, limits: Limits, judge: Callable, current_works: bool, keep_dose=False
):
    """What this model needs for the plan to work, or None when it needs nothing; with
    ``keep_dose``, nothing that delivers less than the plan's dose."""
    spec = option.spec
    if option.highest_concentration_mg_per_ml is None:
        return None  # nothing to compute with: the plan's findings say what is missing
    if not option.fits_animal:
        return Proposal(_size_words(plan, option))
    changes = {} if spec.model == plan.pump_model else {"pump_model": spec.model}
    sentences = []
    if option.covered_days < plan.study_days - 1e-9:  # a count the scientist set, or the most
        needed = pumps_needed(plan.study_days, spec.duration_days, spec.delivery_capacity_days)
        if needed > MAX_PUMPS_IN_SERIES:
            return None  # no count the plan can hold covers it: the row's reasons say so
        changes["pumps_in_series"] = needed
        sentences.append(f"set pumps in series to {needed} so the pumps cover the study")
        option = judge(replace(plan, pumps_in_series=needed), spec)
    sentences += _concentration_words(plan, option, limits, judge, changes, keep_dose)
    if not sentences:
        if "pump_model" in changes and not current_works and option.verdict != "conflict":
            return Proposal(
                f"Use model {spec.model} instead of {plan.pump_model}.", tuple(changes.items())
            )
        return None
    if judge(replace(plan, **changes), spec).verdict == "conflict":
        changes = {}  # a button must not apply a plan that still fails with this model
    text = "; ".join(sentences)
    if spec.model != plan.pump_model:
        lead = f"Use model {spec.model} and " if len(changes) > 1 else f"With model {spec.model}: "
        text = lead + text
    return Proposal(text[0].upper() + text[1:] + ".", tuple(changes.items()), _label(plan, changes))


def _concentration_words(plan, option, limits, judge, changes: dict, keep_dose) -> list[str]:
    """Lower the dose or dilute the stock to the caution level (unless another model delivers
    the dose as planned); two pumps at once (words)."""
    level = caution_level_mg_per_ml(limits, plan.route)
    highest = option.highest_concentration_mg_per_ml
    if plan.fixed_concentration_mg_per_ml is not None:
        return _stock_words(plan, option, level, judge, changes, keep_dose)
    if level is None or grade(highest, limits, plan.route).verdict == "feasible":
        return []
    words = []
    if not keep_dose:  # the concentration is proportional to the dose
        dose, lowered = _within(plan, option, judge, changes, "dose", plan.dose * level / highest)
        unit = DOSE_UNITS[plan.dose_unit].label
        words.append(
            f"lower the dose to {format_number(dose)} {unit}, {100.0 * dose / plan.dose:.0f} % "
            f"of the planned {format_number(plan.dose)} {unit} "
            f"(then {_share(lowered.highest_concentration_mg_per_ml, limits, level)})"
        )
    percent = option.percent_of_solubility
    if plan.species == "rat" and percent is not None and 100.0 <= percent < 100.0 * PUMPS_AT_ONCE:
        words.append(_two_at_once(plan, option, limits, first=not words))
    return words


def _stock_words(plan, option, level, judge, changes: dict, keep_dose) -> list[str]:
    """A stock entered: dilute it to what this model needs, or say it delivers too little;
    never below the target when another model delivers it (``keep_dose``)."""
    stock = plan.fixed_concentration_mg_per_ml
    needed = None
    if option.percent_of_target:
        needed = stock * 100.0 / option.percent_of_target  # the target with this model
    if keep_dose and (needed is None or (level is not None and needed > level)):
        return []
    goals = [goal for goal in (level, needed) if goal is not None]
    if keep_dose:
        goals = [needed]
    goal = min(goals, default=stock)
    if goal < stock and format_number(goal) != format_number(stock):
        field = "fixed_concentration_mg_per_ml"
        concentration, diluted = _within(plan, option, judge, changes, field, goal)
        delivers = f"{format_number(diluted.dose_mg_per_kg_per_day)} mg/kg/day at implant"
        if diluted.percent_of_target is not None:
            delivers += f", {diluted.percent_of_target:.0f} % of the target"
        return [f"dilute the stock to {format_number(concentration)} mg/mL ({delivers})"]
    if needed is not None and format_number(needed) != format_number(stock) and needed > stock:
        above = " (above the caution level)" if level is not None and needed >= level else ""
        return [
            f"it delivers {option.percent_of_target:.0f} % of the target: the target needs "
            f"{format_number(needed)} mg/mL with this model{above}, a stronger solution "
            "than the stock"
        ]
    return []


def _within(plan, option, judge, changes: dict, field: str, exact: float):
    """``field`` set to ``exact`` rounded down to three figures, one step further when that is
    still a caution (on the 80 % level itself, where the caution starts); the option judged so."""
    for strictly in (False, True):
        changes[field] = round_down(exact, strictly)
        judged = judge(replace(plan, **changes), option.spec)
        if judged.verdict == "feasible":
            break
    return changes[field], judged


def _share(concentration: float, limits: Limits, level: float) -> str:
    share = f"{format_number(concentration)} mg/mL"
    if level == limits.near_solubility_mg_per_ml:
        return (
            f"{share}, at most {NEAR_SOLUBILITY_PERCENT:g} % of the "
            f"{format_number(limits.solubility_mg_per_ml)} mg/mL solubility, where the caution "
            "starts"
        )
    return f"{share}, within the strongest marketed intrathecal {format_number(level)} mg/mL"


def _two_at_once(plan: Plan, option, limits: Limits, first: bool = False) -> str:
    half = option.highest_concentration_mg_per_ml / PUMPS_AT_ONCE
    series = ""
    if option.pumps_needed > 1:
        series = f" at each of the {option.pumps_needed} implantations"
    still = ""
    if grade(half, limits, plan.route).verdict != "feasible":
        still = ", still a caution"
    minimum_g = option.spec.min_body_weight_g(plan.route)
    return (
        f"{'' if first else 'or '}keep the dose and implant two {option.spec.model} at "
        f"once{series}, each filled at {format_number(half)} mg/mL "
        f"({100.0 * half / limits.solubility_mg_per_ml:.0f} % of solubility{still}): the rat "
        f"must be large enough for two (ALZET technical tips), and no source gives a weight "
        f"for two ({minimum_g:g} g is the minimum for one); two pumps on one catheter had more "
        "delivery failures than one (4 vs 1 rats, Wedel et al., Lab Anim 2014)"
    )


def _size_words(plan: Plan, option) -> str:
    minimum_g = option.spec.min_body_weight_g(plan.route)
    words = (
        f"Model {option.spec.model} is for animals of {minimum_g:g} g or more (pump_specs.csv); "
        f"this {plan.species} weighs {plan.body_weight_g:g} g."
    )
    if option.size_unreachable:
        return words  # no animal of the species reaches it: no cohort split either
    return words + (
        f" In a cohort, it could serve the animals of {minimum_g:g} g or more and a smaller "
        "model the rest."
    )


def _label(plan: Plan, changes: dict) -> str:
    """The button's text, in full: the changes beyond the model ('' when there are none)."""
    parts = []
    if "pumps_in_series" in changes:
        count = changes["pumps_in_series"]
        parts.append(f"{counted(count, 'pump')} in series")
    if "dose" in changes:
        unit = DOSE_UNITS[plan.dose_unit].label
        share = f"{100.0 * changes['dose'] / plan.dose:.0f} % of yours"
        parts.append(f"a dose of {format_number(changes['dose'])} {unit} ({share})")
    if "fixed_concentration_mg_per_ml" in changes:
        parts.append(f"a fill of {format_number(changes['fixed_concentration_mg_per_ml'])} mg/mL")
    if not parts:
        return ""
    model = changes.get("pump_model")
    return (f"Use {model} with " if model else "Change to ") + " and ".join(parts)
