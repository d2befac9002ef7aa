"""Checks of what stays dissolved: the solubility of the compound in its vehicle, graded once
(``lib.calc.solubility``), with the figure's source in every message."""

from lib.calc.advisor_proposals import round_down
from lib.calc.solubility import NEAR_SOLUBILITY_PERCENT, grade
from lib.checks.common import LOADING_TEMPERATURE_NOTE, mg_per_ml, use_model, workable
from lib.findings import Finding
from lib.formatting import format_number, without_urls
from lib.plan import ROUTE_LABELS
from lib.tables.compounds import VEHICLE_LABELS, CompoundTable
from lib.units import DOSE_UNITS


def check_solubility_unknown(evaluation, catalog, compounds: CompoundTable):
    plan = evaluation.plan
    if not compounds.knows(plan.compound) or evaluation.solubility_limit_mg_per_ml is not None:
        return None
    vehicles = [vehicle for vehicle in VEHICLE_LABELS if compounds.lookup(plan.compound, vehicle)]
    if not vehicles:
        return Finding(
            "solubility_unknown",
            "caution",
            "solubility_mg_per_ml",
            f"No solubility figure for {plan.compound} in any vehicle was found in the sources "
            "searched (suppliers' sheets, pharmacopoeias, labels, papers), so it cannot be "
            "checked.",
            "Enter the solubility in your vehicle from the supplier's product sheet or your own "
            "test (mg/mL at room temperature).",
        )
    return Finding(
        "solubility_unknown",
        "caution",
        "vehicle",
        f"No solubility figure for {plan.compound} in {plan.vehicle} is known here.",
        "Enter the solubility you measured, or use a vehicle with a figure: "
        f"{', '.join(vehicles)}.",
    )


def _solubility_advice(evaluation, catalog, compounds, threshold_mg_per_ml: float) -> dict:
    plan = evaluation.plan
    if plan.fixed_concentration_mg_per_ml is not None:
        text = f"Fill at {mg_per_ml(threshold_mg_per_ml)} or less (dilute the stock)."
        return {"suggestion": text}
    # Rounded down as the advisor's proposal is: "at most" must hold for the printed dose.
    highest_dose = round_down(
        plan.dose * threshold_mg_per_ml / evaluation.highest_concentration_mg_per_ml
    )
    unit_label = DOSE_UNITS[plan.dose_unit].label
    text = f"Lower the dose to at most {format_number(highest_dose)} {unit_label}"
    options = workable(
        evaluation,
        catalog,
        compounds,
        lambda option: option.highest_concentration_mg_per_ml <= threshold_mg_per_ml,
    )
    if options:
        names = ", ".join(
            f"{option.spec.model} ({mg_per_ml(option.highest_concentration_mg_per_ml)})"
            for option in options[:3]
        )
        text += f", or use a faster pump that needs a lower concentration: {names}"
    return {"suggestion": text + ".", **use_model(options)}


def _fill_label(evaluation) -> str:
    """'The fill concentration', naming the pump when a later one of a series is the highest."""
    concentrations = evaluation.pump_concentrations_mg_per_ml
    highest = concentrations.index(max(concentrations))
    return f"Pump {highest + 1}'s fill concentration" if highest else "The fill concentration"


def solubility_text(evaluation) -> str:
    """The limit a fill is judged against, in words: 'baclofen in aCSF, 4.30 mg/mL (the figure
    in water, applied: none in aCSF was found)', a term's range, or a strength known to dissolve;
    in the form the plan's amounts count."""
    plan, limits, row = evaluation.plan, evaluation.limits, evaluation.solubility
    form = evaluation.dose_form
    counted_as = f" as {form.counted_form}" if form and form.is_salt_conversion else ""
    low = limits.solubility_mg_per_ml or 0.0
    if limits.solubility_term == "at least":
        figure = f"known to dissolve at {mg_per_ml(low)}{counted_as}"
    elif limits.solubility_term:
        top = limits.solubility_upper_mg_per_ml
        span = f"{mg_per_ml(low)} to {mg_per_ml(top)}" if top else f"over {mg_per_ml(low)}"
        figure = f"'{limits.solubility_term}', {span}{counted_as} (USP's terms)"
    else:
        figure = f"{mg_per_ml(low)}{counted_as}"
    text = f"{plan.compound} in {plan.vehicle}: {figure}"
    if plan.solubility_mg_per_ml is not None:
        return f"{text} (your figure)"
    if row is None:
        return text
    applied = (
        f"; the figure in {row.applied_from} is applied, none in {plan.vehicle} was found"
        if row.applied_from
        else ""
    )
    return f"{text} ({without_urls(row.source)}{applied})"


def _or(advice: dict) -> str:
    """A suggestion that follows another: 'or lower the dose to ...'."""
    return "or " + advice["suggestion"][0].lower() + advice["suggestion"][1:]


def check_solubility(evaluation, catalog, compounds):
    """One grading (``lib.calc.solubility``): above the solubility, at it (saturated), within a
    pharmacopoeial term's range, near it, or above the marketed intrathecal strength on a route
    into the CNS."""
    limits, concentration = evaluation.limits, evaluation.highest_concentration_mg_per_ml
    if concentration is None:
        return None
    judged = grade(concentration, limits, evaluation.plan.route)
    fill = f"{_fill_label(evaluation)} {mg_per_ml(concentration)}"
    of_solubility = solubility_text(evaluation)

    def advice(threshold_mg_per_ml: float) -> dict:
        return _solubility_advice(evaluation, catalog, compounds, threshold_mg_per_ml)

    if judged.kind == "above_solubility":
        return Finding(
            "solubility_exceeded",
            "conflict",
            "dose",
            f"{fill} is above the solubility of {of_solubility}; {LOADING_TEMPERATURE_NOTE}.",
            **advice(limits.near_solubility_mg_per_ml),
        )
    if judged.kind == "saturated":
        return Finding(
            "solution_saturated",
            "caution",
            "dose",
            f"{fill} is the saturated solution of {of_solubility}: it holds the most a pump can "
            "deliver (ALZET), but a little cooler than at loading, or a little evaporation, and "
            f"it precipitates ({LOADING_TEMPERATURE_NOTE}).",
            "Load it at room temperature and check it stays clear before filling; "
            + _or(advice(limits.near_solubility_mg_per_ml)),
        )
    if judged.kind == "within_solubility_range":
        return Finding(
            "solubility_uncertain",
            "caution",
            "dose",
            f"{fill} is within the range the solubility is known by, {of_solubility}: it may "
            "not dissolve.",
            "Check that it dissolves and stays clear at room temperature before filling, and "
            "enter the solubility you measured; " + _or(advice(limits.near_solubility_mg_per_ml)),
        )
    if judged.kind == "near_solubility":
        return Finding(
            "solubility_near_limit",
            "caution",
            "dose",
            f"{fill} is {judged.percent_of_solubility:.0f} % of the solubility of "
            f"{of_solubility}: a caution from {NEAR_SOLUBILITY_PERCENT:g} %, because solubility "
            "figures are uncertain.",
            **advice(limits.near_solubility_mg_per_ml),
        )
    if judged.kind == "above_intrathecal_strength":
        strength = limits.intrathecal_strength_mg_per_ml
        return Finding(
            "above_intrathecal_strength",
            "caution",
            "dose",
            f"{fill} is above the strongest marketed {ROUTE_LABELS['it']} "
            f"{evaluation.plan.compound}, {mg_per_ml(strength)}.",
            **advice(strength),
        )
    return None
