"""Checks of the compound, its vehicle and the concentration: solubility, weighing, route."""

from lib.calc.preparation import bench_of, plan_preparations
from lib.calc.recipe import instructions
from lib.checks.common import (
    mg_per_ml,
)
from lib.findings import Finding
from lib.formatting import format_mass, format_volume, without_urls
from lib.plan import CNS_ROUTES, ROUTE_LABELS
from lib.tables.compounds import CompoundTable
from lib.tables.vehicles import shipped_vehicles
from lib.units import DOSE_UNITS, dissolved_mg


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


def check_dose_form(evaluation, catalog, compounds):
    """A dose of the free base needs both molecular weights to know what to weigh."""
    form, plan = evaluation.dose_form, evaluation.plan
    if form is None or form.weighed_mg_per_dose_mg is not None:
        return None
    if not form.weighed_molecular_weight_g_per_mol:
        missing, field = f"the form weighed ({form.weighed_form})", "molecular_weight_g_per_mol"
    else:
        missing, field = (
            f"the free base ({form.counted_form})",
            "free_base_molecular_weight_g_per_mol",
        )
    return Finding(
        "dose_form_incomplete",
        "conflict",
        field,
        f"The dose counts the free base of {plan.compound}, so the mass to weigh needs the "
        f"molecular weight of {missing}, which the compound table does not have.",
        "Enter it (g/mol, from the supplier's label), or count the dose as the form weighed.",
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


def check_vehicle_for_route(evaluation, catalog, compounds):
    """Into the CNS: aCSF as the brief has it; saline a note (citing the compound's own marketed
    product in saline when it has one, ``lib/data/products.csv``); water, co-solvents and
    anything else a caution (REFERENCE section 3)."""
    plan = evaluation.plan
    vehicle = plan.vehicle.lower()
    if plan.route not in CNS_ROUTES or vehicle == "acsf":
        return None
    route = ROUTE_LABELS[plan.route].capitalize()
    if vehicle == "saline":
        in_saline = [p for p in compounds.products(plan.compound) if p.vehicle == "saline"]
        why = (
            f"{in_saline[0].product} is {plan.compound} in sodium chloride "
            f"({without_urls(in_saline[0].source)})"
            if in_saline
            else f"no marketed product of {plan.compound} for this route is known here"
        )
        return Finding(
            "vehicle_saline_on_cns_route",
            "info",
            "vehicle",
            f"{route} infusion in saline: {why}; the brief uses artificial CSF, which matches "
            "the CSF's own salts.",
            "Keep saline, or choose aCSF as the brief does.",
        )
    return Finding(
        "vehicle_unsuited_to_route",
        "caution",
        "vehicle",
        f"{route} infusion in {plan.vehicle}: intrathecal and intracerebroventricular "
        "infusions use artificial CSF (the brief) or saline.",
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
    made, bench = preparation.recipe, bench_of()
    which = f" for {preparation.solution}" if len(preparations) > 1 else ""
    needed_mg = dissolved_mg(preparation.concentration_mg_per_ml, preparation.needed_ul)
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
