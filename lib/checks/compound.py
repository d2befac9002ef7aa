"""Checks of the compound, its vehicle and the concentration: solubility, weighing, route."""

from lib.calc.advisor_proposals import round_down
from lib.calc.recipe import instructions
from lib.calc.solubility import NEAR_SOLUBILITY_PERCENT, grade
from lib.checks.common import (
    LOADING_TEMPERATURE_NOTE,
    mg_per_ml,
    use_model,
    workable,
)
from lib.cohort.animals import Cohort
from lib.cohort.preparation import bench_of, plan_preparations
from lib.findings import Finding
from lib.formatting import format_mass, format_number, format_volume
from lib.plan import CNS_ROUTES, ROUTE_LABELS
from lib.tables.compounds import VEHICLE_LABELS, CompoundTable
from lib.tables.vehicles import shipped_vehicles
from lib.units import DOSE_UNITS


def check_molecular_weight(evaluation, catalog, compounds):
    plan = evaluation.plan
    if DOSE_UNITS[plan.dose_unit].molar and not evaluation.molecular_weight_g_per_mol:
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


def check_solubility(evaluation, catalog, compounds):
    """One grading (``lib.calc.solubility``): at or above the solubility, near it, or above
    the marketed intrathecal strength on a route into the CNS."""
    limits, concentration = evaluation.limits, evaluation.highest_concentration_mg_per_ml
    if concentration is None:
        return None
    judged = grade(concentration, limits, evaluation.plan.route)
    plan, fill = evaluation.plan, f"{_fill_label(evaluation)} {mg_per_ml(concentration)}"
    of_solubility = (
        f"{plan.compound} in {plan.vehicle}, {mg_per_ml(limits.solubility_mg_per_ml or 0)}"
    )
    notes = f" {evaluation.solubility.notes}" if evaluation.solubility else ""

    def advice(threshold_mg_per_ml: float) -> dict:
        return _solubility_advice(evaluation, catalog, compounds, threshold_mg_per_ml)

    if judged.kind == "above_solubility":
        return Finding(
            "solubility_exceeded",
            "conflict",
            "dose",
            f"{fill} is at or above the solubility of {of_solubility} "
            f"({LOADING_TEMPERATURE_NOTE}).{notes}",
            **advice(limits.near_solubility_mg_per_ml),
        )
    if judged.kind == "near_solubility":
        return Finding(
            "solubility_near_limit",
            "caution",
            "dose",
            f"{fill} is {judged.percent_of_solubility:.0f} % of the solubility of "
            f"{of_solubility}: a caution from {NEAR_SOLUBILITY_PERCENT:g} %, because solubility "
            f"figures are uncertain.{notes}",
            **advice(limits.near_solubility_mg_per_ml),
        )
    if judged.kind == "above_intrathecal_strength":
        strength = limits.intrathecal_strength_mg_per_ml
        return Finding(
            "above_intrathecal_strength",
            "caution",
            "dose",
            f"{fill} is above the strongest marketed {ROUTE_LABELS['it']} {plan.compound}, "
            f"{mg_per_ml(strength)}.{notes}",
            **advice(strength),
        )
    return None


def check_vehicle_for_route(evaluation, catalog, compounds):
    """Into the CNS: aCSF as the brief has it; saline is what the clinical intrathecal product
    is in (a note); water, co-solvents and anything else a caution (REFERENCE section 3)."""
    plan = evaluation.plan
    vehicle = plan.vehicle.lower()
    if plan.route not in CNS_ROUTES or vehicle == "acsf":
        return None
    route = ROUTE_LABELS[plan.route].capitalize()
    if vehicle == "saline":
        return Finding(
            "vehicle_saline_on_cns_route",
            "info",
            "vehicle",
            f"{route} infusion in saline: the clinical intrathecal baclofen product is in "
            "preservative-free sodium chloride (Lioresal Intrathecal label); the brief uses "
            "artificial CSF.",
            "Keep saline, or choose aCSF as the brief does.",
        )
    return Finding(
        "vehicle_unsuited_to_route",
        "caution",
        "vehicle",
        f"{route} infusion in {plan.vehicle}: intrathecal and intracerebroventricular "
        "infusions use artificial CSF (the brief) or saline (the clinical intrathecal product).",
        "Choose aCSF as the vehicle.",
        fix=(("vehicle", "aCSF"),),
        fix_label="Use aCSF",
    )


def check_too_dilute_to_weigh(evaluation, catalog, compounds):
    """The plan's own solutions, made as the preparation sheet makes them (one recipe rule)."""
    if evaluation.concentration_mg_per_ml is None or evaluation.fill_volume_ul is None:
        return None
    preparations = plan_preparations(evaluation)
    # A batch made larger to weigh well is the sheet's business; a stock and its dilutions, or
    # a recipe off its target, are worth a word before the bench.
    unusual = [
        prep for prep in preparations if prep.recipe.way == "stock" or prep.recipe.off_target
    ]
    if not unusual:
        return None
    preparation, plan = unusual[0], evaluation.plan
    made, bench = preparation.recipe, bench_of(Cohort())
    which = f" for {preparation.solution}" if len(preparations) > 1 else ""
    needed_mg = preparation.concentration_mg_per_ml * preparation.needed_ul / 1000.0
    message = (
        f"The {format_volume(preparation.needed_ul)} of solution{which} at "
        f"{mg_per_ml(preparation.concentration_mg_per_ml)} hold {format_mass(needed_mg)} of "
        f"{plan.compound}: under {format_mass(bench.smallest_weighable_mg)}, the "
        f"smallest mass a {bench.readability_mg:g} mg balance weighs to "
        f"{bench.weighing_error_percent:g} % (USP <41>)."
    )
    if made.off_target or made.problem:
        message += f" {_achieved(made)}"
    steps = " ".join(instructions(made, plan.compound, plan.vehicle))
    return Finding("concentration_too_dilute_to_weigh", "caution", "dose", message, steps)


def _achieved(made) -> str:
    if made.problem:
        return f"No recipe: {made.problem}."
    return (
        f"The recipe gives {mg_per_ml(made.achieved_concentration_mg_per_ml)}, "
        f"{made.deviation_percent:+.1f} % from the target."
    )


def check_vehicle_in_pump(evaluation, catalog, compounds):
    """The reservoir holds most drugs and diluents, not natural oils or aliphatic or aromatic
    hydrocarbons (the manufacturer's statement quoted in SOP-9; ``lib/data/vehicles.csv``)."""
    plan = evaluation.plan
    vehicle = shipped_vehicles().lookup(plan.vehicle)
    if vehicle is None:
        return Finding(
            "vehicle_unlisted",
            "info",
            "vehicle",
            f"{plan.vehicle} is not in the vehicle table, so its compatibility with the pump was "
            "not checked: the reservoir holds most drugs and diluents but not natural oils or "
            "aliphatic or aromatic hydrocarbons (ALZET, as quoted in SOP-9).",
            "Check the manufacturer's compatibility list for this vehicle.",
        )
    if vehicle.pump_compatible == "no":
        return Finding(
            "vehicle_incompatible_with_pump",
            "conflict",
            "vehicle",
            f"{plan.vehicle} is {_article(vehicle.kind)} {vehicle.kind}: the pump's reservoir does "
            "not hold natural oils or aliphatic or aromatic hydrocarbons (ALZET, as quoted in "
            "SOP-9).",
            "Choose an aqueous vehicle (saline, aCSF, water), or another from the manufacturer's "
            "compatibility list.",
        )
    if vehicle.pump_compatible == "unknown":
        return Finding(
            "vehicle_limit_unverified",
            "info",
            "vehicle",
            f"{plan.vehicle} is a {vehicle.kind}: no limit the manufacturer states for it was "
            f"found, so none is checked here. {vehicle.notes}".strip(),
            "Check the manufacturer's compatibility list for the strength you use before filling.",
        )
    return None


def _article(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeiou" else "a"
