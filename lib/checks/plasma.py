"""The plasma level the plan gives (``lib.calc.plasma``): what it is, and whether it comes soon
enough in the study, or what is missing to know it."""

from lib.calc.plasma import dose_for_plasma_target
from lib.findings import Finding
from lib.formatting import format_number
from lib.plan import DOSE_UNIT_LABELS, PLAN_SPECS
from lib.units import days_to_hours

# A rule of this app, not a published figure: a level still under 90 % of its steady state for
# more than a tenth of the study is worth a word (the outcome days may fall in the rise).
RISE_SHARE_OF_STUDY = 0.1
NEEDED = "the clearance, or the half-life with the volume of distribution"


def _level(evaluation) -> str:
    text = f"{format_number(evaluation.steady_state_plasma_ng_per_ml)} ng/mL"
    molar = evaluation.steady_state_plasma_nmol_per_l
    form = evaluation.dose_form.counted_form if evaluation.dose_form else ""
    molar_text = f", {format_number(molar)} nM" if molar is not None else ""
    return f"{text}{molar_text} of {form}"


def _rise(evaluation) -> str:
    hours = evaluation.time_to_90_percent_h
    if hours is None:
        return "the time to reach it is unknown without the half-life or the volume of distribution"
    half = evaluation.kinetics.half_life_h
    return (
        f"90 % of it is reached {format_number(hours)} h after the drug arrives "
        f"(3.32 half-lives of {format_number(half)} h)"
    )


def check_plasma_level(evaluation, catalog, compounds):
    """The steady-state plasma level and its rise, as a note; with a target, the dose solved."""
    if evaluation.steady_state_plasma_ng_per_ml is None:
        return None
    plan = evaluation.plan
    solved = ""
    if evaluation.dose_from_plasma_target:
        solved = (
            f" The dose, {format_number(plan.dose)} {DOSE_UNIT_LABELS[plan.dose_unit]}, is "
            f"solved from the target of {format_number(plan.target_plasma_ng_per_ml)} ng/mL."
        )
    field = "target_plasma_ng_per_ml" if solved else "clearance_ml_per_min_per_kg"
    return Finding(
        "plasma_level",
        "info",
        field,
        f"Steady-state plasma level {_level(evaluation)} at "
        f"{evaluation.design_body_weight_g:g} g (k0 / CL, one compartment); {_rise(evaluation)}."
        + solved,
        "The level falls as the animal grows (clearance per kg); measure plasma levels to "
        "confirm it.",
    )


def check_plasma_inputs(evaluation, catalog, compounds):
    """Pharmacokinetic inputs that give no level: say what is missing."""
    plan, pharmacokinetics = evaluation.plan, evaluation.kinetics
    if pharmacokinetics is None and plan.target_plasma_ng_per_ml is None:
        return None
    if pharmacokinetics is not None and pharmacokinetics.clearance_ml_per_min_per_kg is not None:
        return None
    target = plan.target_plasma_ng_per_ml
    unused = (
        f"The target plasma level of {format_number(target)} ng/mL cannot set the dose: "
        "the dose entered is used"
        if target is not None
        else "The plasma level is not known"
    )
    return Finding(
        "plasma_inputs_incomplete",
        "caution",
        "clearance_ml_per_min_per_kg",
        f"{unused}; it needs {NEEDED}.",
        f"Enter {NEEDED} (mL/min/kg; h and L/kg) for this compound in this species.",
    )


def check_plasma_rise(evaluation, catalog, compounds):
    """The level takes a large share of the study to reach 90 % of its steady state."""
    hours, plan = evaluation.time_to_90_percent_h, evaluation.plan
    if hours is None or evaluation.steady_state_plasma_ng_per_ml is None or plan.study_days <= 0:
        return None
    study_hours = days_to_hours(plan.study_days)
    if hours <= RISE_SHARE_OF_STUDY * study_hours:
        return None
    return Finding(
        "plasma_slow_to_steady",
        "caution",
        "study_days",
        f"The plasma level takes {format_number(hours)} h to reach 90 % of its steady state, "
        f"{format_number(100 * hours / study_hours)} % of the {plan.study_days:g}-day study.",
        "Start measuring after the rise, lengthen the study, or give a loading dose "
        "(a bolus at implant) if the level is needed from the start.",
    )


def check_plasma_target(evaluation, catalog, compounds):
    """A target level that needs a dose beyond what a plan's dose can be: the dose entered is
    used instead."""
    plan, level = evaluation.plan, evaluation.steady_state_plasma_ng_per_ml
    target = plan.target_plasma_ng_per_ml
    if target is None or level is None or plan.fixed_concentration_mg_per_ml is not None:
        return None
    if evaluation.dose_from_plasma_target:
        return None
    weight, molecular_weight = (
        evaluation.design_body_weight_g,
        evaluation.molecular_weight_g_per_mol,
    )
    needed = dose_for_plasma_target(plan, weight, molecular_weight)
    spec = PLAN_SPECS["dose"]
    return Finding(
        "plasma_target_unreachable",
        "conflict",
        "target_plasma_ng_per_ml",
        f"The target plasma level of {format_number(target)} ng/mL needs a dose of "
        f"{format_number(needed)} {DOSE_UNIT_LABELS[plan.dose_unit]}, beyond the dose's range "
        f"(above {spec.minimum:g} up to {spec.maximum:,.0f}); the dose entered is used, which "
        f"gives {format_number(level)} ng/mL.",
        "Lower the target, or choose a dose unit of the right size (per animal or per kg, "
        "mg or ng).",
    )
