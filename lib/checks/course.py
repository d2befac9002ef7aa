"""Checks of the dose over time: growth inputs, catheter lag, drift from the target."""

from lib.calc.catheter import catheter_volume_ul
from lib.calc.dosing import DRIFT_TOLERANCE_PERCENT
from lib.calc.growth import body_weight_g_at, growth_inputs_missing
from lib.findings import Finding
from lib.formatting import counted, format_days, format_number
from lib.tables.presets import shipped_growth_presets
from lib.tables.species import shipped_species_weights
from lib.tables.tubing import shipped_tubing
from lib.units import days_to_hours


def check_growth_inputs(evaluation, catalog, compounds):
    plan = evaluation.plan
    missing = growth_inputs_missing(plan, shipped_growth_presets())
    if missing is None:
        return None
    return Finding(
        "growth_incomplete",
        "caution",
        "growth_model",
        f"Weight over time is set to '{plan.growth_model}' but it lacks {missing}: the weight is "
        f"held at {plan.body_weight_g:g} g.",
        f"Enter {missing}, or choose a gain per day.",
    )


def check_weight_stays_positive(evaluation, catalog, compounds):
    """A loss (a negative gain, a lower end weight, falling measured weights) is allowed, but
    not to nothing: the dose per kg would be infinite."""
    plan = evaluation.plan
    days = [0.0, plan.study_days, *(day for day, _ in plan.measured_weights)]
    weights = body_weight_g_at(plan, days)
    lightest = int(weights.argmin())
    if weights[lightest] > 0:
        return None
    return Finding(
        "weight_not_positive",
        "conflict",
        "growth_model",
        f"By day {format_days(days[lightest])} the {plan.species} would weigh "
        f"{format_number(float(weights[lightest]))} g: a weight loss cannot go to nothing.",
        "Enter the weight loss you expect (a smaller loss per day or the weight at the end).",
    )


def check_weight_plausible(evaluation, catalog, compounds):
    """A weight far outside the species' range is most often a typo (2500 for 250, a mouse
    weighed as a rat): a caution, never a block, since unusual animals exist. Under weaning
    weight but above a newborn's, it may be a pup: with an age under weaning age, no caution."""
    plan = evaluation.plan
    weights = shipped_species_weights().get(plan.species)
    if weights is None or weights.plausible(plan.body_weight_g):
        return None
    age, weaning = plan.age_at_implant_days, weights.weaning_age_days
    young = age is not None and weaning is not None and age < weaning
    if weights.pup(plan.body_weight_g):
        if young:
            return None
        return Finding(
            "weight_implausible_for_species",
            "caution",
            "body_weight_g",
            f"{plan.body_weight_g:g} g is under the weaning weight of a {plan.species}, "
            f"{weights.lowest_plausible_g:g} g (weaned at about {weaning:g} days): a pup, or a "
            "typo that gives a wrong concentration.",
            f"For a pup, enter its age at implant (under {weaning:g} days); otherwise check the "
            f"weight and species (a typical {plan.species} weighs {weights.typical_g:g} g).",
        )
    return Finding(
        "weight_implausible_for_species",
        "caution",
        "body_weight_g",
        f"{plan.body_weight_g:g} g is outside the range this app expects for a {plan.species}, "
        f"{weights.birth_g:g} g (a newborn) to {weights.highest_plausible_g:g} g (twice the adult "
        "weight, a rule of thumb): a typo or the wrong species gives a wrong concentration.",
        f"Check the weight and the species; a typical {plan.species} weighs "
        f"{weights.typical_g:g} g.",
    )


def check_outcome_days(evaluation, catalog, compounds):
    """An outcome measured after the study's end is measured without drug: a typo, or a
    washout day that the study length should include."""
    plan = evaluation.plan
    late = [day for day in plan.outcome_days if day > plan.study_days]
    if not late:
        return None
    days = ", ".join(format_days(day) for day in late)
    return Finding(
        "outcome_after_study_end",
        "caution",
        "outcome_days",
        f"Outcome measures on day {days} fall after the study's end (day "
        f"{format_days(plan.study_days)}), when the pumps are planned to be out: they measure "
        "after delivery.",
        f"If that is a washout or withdrawal measure, keep it and plan the explant; if the "
        f"infusion should reach day {format_days(max(late))}, lengthen the study to "
        f"{counted(max(late), 'day')}.",
    )


def check_growth_preset_range(evaluation, catalog, compounds):
    plan = evaluation.plan
    preset = shipped_growth_presets().get(plan.growth_preset)
    if plan.growth_model != "preset" or preset is None or plan.age_at_implant_days is None:
        return None
    last_age = plan.age_at_implant_days + plan.study_days
    first, last = preset.ages_days[0], preset.ages_days[-1]
    if first <= plan.age_at_implant_days and last_age <= last:
        return None
    return Finding(
        "growth_outside_preset",
        "info",
        "age_at_implant_days",
        f"The preset '{preset.label}' covers ages {first:g} to {last:g} days; this study runs "
        f"from {plan.age_at_implant_days:g} to {last_age:g} days, and outside that range the "
        f"weight is held. Source ({preset.confidence} confidence): {preset.source}.",
        "Enter the weights you expect or measured (measured weights) for the ages outside it.",
    )


def check_catheter(evaluation, catalog, compounds):
    plan = evaluation.plan
    if plan.catheter_tubing is None and plan.catheter_length_cm is None:
        return None
    volume_ul = catheter_volume_ul(plan)
    if volume_ul is None:
        return _catheter_incomplete(plan)
    lag_days = evaluation.catheter_lag_days
    if not lag_days:
        return None
    return Finding(
        "catheter_lag",
        "caution",
        "catheter_filled_with",
        f"{plan.catheter_length_cm:g} cm of {plan.catheter_tubing} holds "
        f"{format_number(volume_ul)} µL: primed with vehicle, drug reaches the tip after "
        f"{format_number(days_to_hours(lag_days))} h (day {format_days(lag_days)}) at "
        f"{format_number(evaluation.rate_ul_per_hr)} µL/h (ALZET, catheter use).",
        "Fill the catheter with the drug solution, or start the measurements after day "
        f"{format_days(lag_days)}.",
        fix=(("catheter_filled_with", "drug"),),
        fix_label="Fill the catheter with drug",
    )


def _catheter_incomplete(plan):
    """What the catheter lacks, said for the one thing missing."""
    tubing = plan.catheter_tubing
    if tubing in shipped_tubing() and not plan.catheter_length_cm:
        field, message = "catheter_length_cm", f"The {tubing} catheter has no length"
        fix = "Enter the catheter's length in cm"
    elif tubing is None:
        field, message = "catheter_tubing", "The catheter's tubing is not chosen"
        fix = f"Choose the tubing: {', '.join(shipped_tubing())}"
    else:
        field, message = "catheter_tubing", f"{tubing} is not a tubing this app knows"
        fix = f"Choose one of {', '.join(shipped_tubing())}"
    return Finding(
        "catheter_incomplete",
        "caution",
        field,
        f"{message}, so its volume, and the drug's delay to the tip, is not counted.",
        f"{fix}.",
    )


def check_dose_drift(evaluation, catalog, compounds):
    dose_range = evaluation.dose_range
    if dose_range is None or dose_range.lowest_mg_per_kg_per_day == 0:
        return None  # no drug yet, or a pump ran dry: other findings say so
    low, high = dose_range.lowest_percent_of_target, dose_range.highest_percent_of_target
    if low is None:  # no target to drift from
        return None
    if low >= 100 - DRIFT_TOLERANCE_PERCENT and high <= 100 + DRIFT_TOLERANCE_PERCENT:
        return None
    plan = evaluation.plan
    if plan.fixed_concentration_mg_per_ml is not None and high - low <= 1.0:
        return _stock_off_target(evaluation, dose_range)
    better = (
        {}
        if plan.design_weight == "mean"
        else {
            "fix": (("design_weight", "mean"),),
            "fix_label": "Compute for the mean weight",
        }
    )
    return Finding(
        "dose_outside_tolerance",
        "caution",
        "design_weight",
        f"As the weight changes, the delivered dose runs from "
        f"{format_number(dose_range.lowest_mg_per_kg_per_day)} to "
        f"{format_number(dose_range.highest_mg_per_kg_per_day)} mg/kg/day over the infusion: "
        f"{format_number(low)} to {format_number(high)} % of the target (tolerance "
        f"±{DRIFT_TOLERANCE_PERCENT:g} %).",
        (
            "Use shorter pumps in series, each filled for its own window"
            if plan.design_weight == "mean"
            else "Compute the concentration for the mean weight over the infusion, or use "
            "shorter pumps in series, each filled for its own window"
        )
        + ".",
        **better,
    )


def _stock_off_target(evaluation, dose_range):
    """A stock whose dose misses the target by the same share all along: the weight is not the
    cause (it barely changes), the stock times the pump's rate is."""
    plan, percent = evaluation.plan, dose_range.lowest_percent_of_target
    stock = plan.fixed_concentration_mg_per_ml
    return Finding(
        "dose_outside_tolerance",
        "caution",
        "fixed_concentration_mg_per_ml",
        f"The stock of {format_number(stock)} mg/mL at {format_number(evaluation.rate_ul_per_hr)} "
        f"µL/h delivers {format_number(dose_range.lowest_mg_per_kg_per_day)} mg/kg/day, "
        f"{format_number(percent)} % of the target (tolerance ±{DRIFT_TOLERANCE_PERCENT:g} %): "
        "the stock and the pump's rate set it, not the animal's weight.",
        f"Fill at {format_number(stock * 100.0 / percent)} mg/mL to deliver the target, or "
        "choose a model whose rate delivers it from this stock (the pump advisor lists each "
        "model's share of the target).",
    )
