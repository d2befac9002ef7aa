"""Checks of the compound, its vehicle and the concentration: solubility, weighing, route."""

from lib.checks.common import (
    LOADING_TEMPERATURE_NOTE,
    MIN_PIPETTE_UL,
    MIN_WEIGHABLE_MG,
    STOCK_MASS_MG,
    STOCK_MG_PER_ML,
    mg_per_ml,
    use_model,
    workable,
)
from lib.findings import Finding
from lib.formatting import format_number
from lib.plan import ROUTE_LABELS
from lib.tables.compounds import VEHICLE_LABELS, CompoundTable
from lib.units import DOSE_UNITS


def check_molecular_weight(evaluation, catalog, compounds):
    plan = evaluation.plan
    if plan.dose_unit.startswith("mmol") and not evaluation.molecular_weight_g_per_mol:
        return Finding(
            "molecular_weight_missing",
            "conflict",
            "molecular_weight_g_per_mol",
            f"A dose in {plan.dose_unit} needs the molecular weight of {plan.compound}, "
            "which the compound table does not have.",
            "Enter the molecular weight (g/mol), or give the dose in a mass unit.",
        )


def check_dose_missing(evaluation, catalog, compounds):
    plan = evaluation.plan
    if plan.dose is not None or plan.fixed_concentration_mg_per_ml is not None:
        return None
    return Finding(
        "dose_missing",
        "conflict",
        "dose",
        "The plan has no dose, so no concentration can be computed.",
        "Enter the dose, or the fill concentration of a stock you have.",
    )


def check_unknown_compound(evaluation, catalog, compounds: CompoundTable):
    plan = evaluation.plan
    if compounds.knows(plan.compound) or plan.solubility_mg_per_ml is not None:
        return None
    return Finding(
        "unknown_compound",
        "caution",
        "solubility_mg_per_ml",
        f"{plan.compound} is not in the compound table, so its solubility cannot be checked.",
        f"Enter its solubility in {plan.vehicle} at room temperature (mg/mL), and its "
        "molecular weight for molar doses.",
    )


def check_solubility_unknown(evaluation, catalog, compounds: CompoundTable):
    plan = evaluation.plan
    if not compounds.knows(plan.compound) or evaluation.solubility_limit_mg_per_ml is not None:
        return None
    vehicles = [
        vehicle
        for vehicle in VEHICLE_LABELS
        if (row := compounds.lookup(plan.compound, vehicle)) and row.solubility_mg_per_ml
    ]
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
    highest_dose = plan.dose * threshold_mg_per_ml / evaluation.highest_concentration_mg_per_ml
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


def check_solubility(evaluation, catalog, compounds):
    limit = evaluation.solubility_limit_mg_per_ml
    concentration = evaluation.highest_concentration_mg_per_ml
    if limit is None or concentration is None:
        return None
    plan, fill = evaluation.plan, _fill_label(evaluation)
    if concentration > limit:
        return Finding(
            "solubility_exceeded",
            "conflict",
            "dose",
            f"{fill} {mg_per_ml(concentration)} is above the solubility of "
            f"{plan.compound} in {plan.vehicle}, {mg_per_ml(limit)} ({LOADING_TEMPERATURE_NOTE}).",
            **_solubility_advice(evaluation, catalog, compounds, limit),
        )
    caution = evaluation.solubility.caution_above_mg_per_ml if evaluation.solubility else None
    if caution is not None and concentration > caution:
        return Finding(
            "solubility_near_limit",
            "caution",
            "dose",
            f"{fill} {mg_per_ml(concentration)} is above the caution threshold of "
            f"{mg_per_ml(caution)} and near the solubility of {plan.compound} in "
            f"{plan.vehicle}, {mg_per_ml(limit)}. {evaluation.solubility.notes}",
            **_solubility_advice(evaluation, catalog, compounds, caution),
        )


def check_vehicle_for_route(evaluation, catalog, compounds):
    plan = evaluation.plan
    if plan.route not in ("it", "icv") or plan.vehicle.lower() == "acsf":
        return None
    return Finding(
        "vehicle_unsuited_to_route",
        "caution",
        "vehicle",
        f"{ROUTE_LABELS[plan.route].capitalize()} infusion in {plan.vehicle}: intrathecal and "
        "intracerebroventricular infusions use artificial CSF as vehicle (the brief).",
        "Choose aCSF as the vehicle.",
        fix=(("vehicle", "aCSF"),),
        fix_label="Use aCSF",
    )


def _stock_scheme(concentration_mg_per_ml: float, vehicle: str) -> str:
    """A stock and dilution that puts the weighing above the balance's poor range."""
    fold = STOCK_MG_PER_ML / concentration_mg_per_ml
    stock_ul = 1000.0 / fold
    text = (
        f"Dissolve {STOCK_MASS_MG:g} mg in {STOCK_MASS_MG / STOCK_MG_PER_ML:g} mL of {vehicle} "
        f"({mg_per_ml(STOCK_MG_PER_ML)} stock), then dilute it {format_number(fold)}-fold: "
        f"{format_number(stock_ul)} µL of stock made up to 1 mL"
    )
    if stock_ul < MIN_PIPETTE_UL:
        step = fold**0.5
        text += f"; below {MIN_PIPETTE_UL:g} µL, dilute in two {format_number(step)}-fold steps"
    return text + "."


def check_too_dilute_to_weigh(evaluation, catalog, compounds):
    concentration = evaluation.highest_concentration_mg_per_ml
    if concentration is None or concentration * 1.0 >= MIN_WEIGHABLE_MG:
        return None
    return Finding(
        "concentration_too_dilute_to_weigh",
        "caution",
        "dose",
        f"At {mg_per_ml(concentration)}, even 1 mL of solution holds only "
        f"{format_number(concentration)} mg of {evaluation.plan.compound}: under "
        f"{MIN_WEIGHABLE_MG:g} mg, which a lab balance does not weigh well.",
        _stock_scheme(concentration, evaluation.plan.vehicle),
    )
