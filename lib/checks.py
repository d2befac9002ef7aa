"""Every way a plan can fail, each returned as a Finding that says why and what to change.

Each check takes an Evaluation and returns a Finding or None; ``check_plan`` runs them all.
The limits and their sources are in shared REFERENCE.md, sections 2 to 4.
"""

from typing import TYPE_CHECKING, Any

from lib.advisor import PumpOption, pump_options
from lib.catalog import PumpCatalog
from lib.compounds import VEHICLE_LABELS, CompoundTable
from lib.findings import Finding
from lib.formatting import format_days, format_number
from lib.plan import ROUTE_LABELS, VALIDATORS, PlanError
from lib.timecourse import pumps_needed
from lib.units import DOSE_UNITS

if TYPE_CHECKING:
    pass

# Pumps must be out by 1.5x their nominal duration (Boston University IACUC guidance).
SAFE_EXPLANT_FACTOR = 1.5
# Lot sheets differ a little from nominal; more than this deserves a note.
LOT_RATE_TOLERANCE = 0.10
LOADING_TEMPERATURE_NOTE = "solubility counts at the loading temperature, about 23 °C"
# Under 1 mg a lab balance does not weigh well (the rule); a stock is made from ten
# times that, and a volume under 10 uL is not pipetted accurately.
MIN_WEIGHABLE_MG = 1.0
STOCK_MASS_MG = 10.0
STOCK_MG_PER_ML = 1.0
MIN_PIPETTE_UL = 10.0
REPLACE_AT_NOMINAL_END = {
    "fix": (("pumps_in_series", None),),
    "fix_label": "Replace each pump at its nominal end",
}


def _mg_per_ml(value: float) -> str:
    return f"{format_number(value)} mg/mL"


def _workable(evaluation, catalog, compounds, keep) -> list[PumpOption]:
    """Ranked models that are not in conflict and pass ``keep`` (the advisor's order)."""
    options = pump_options(evaluation.plan, catalog, compounds)
    return [option for option in options if option.verdict != "conflict" and keep(option)]


def _use_model(options: list[PumpOption]) -> dict:
    """The one-click fix that switches to the advisor's first choice, if there is one."""
    if not options:
        return {}
    model = options[0].spec.model
    return {"fix": (("pump_model", model),), "fix_label": f"Use model {model}"}


def check_unknown_pump(evaluation, catalog, compounds):
    if evaluation.pump is None:
        return Finding(
            "unknown_pump_model",
            "conflict",
            "pump_model",
            f"Pump model {evaluation.plan.pump_model!r} is not in the pump catalogue, "
            "so no concentration can be computed.",
            f"Choose one of: {', '.join(catalog.models)}.",
        )


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
        text = f"Fill at {_mg_per_ml(threshold_mg_per_ml)} or less (dilute the stock)."
        return {"suggestion": text}
    highest_dose = plan.dose * threshold_mg_per_ml / evaluation.highest_concentration_mg_per_ml
    unit_label = DOSE_UNITS[plan.dose_unit].label
    text = f"Lower the dose to at most {format_number(highest_dose)} {unit_label}"
    options = _workable(
        evaluation,
        catalog,
        compounds,
        lambda option: option.highest_concentration_mg_per_ml <= threshold_mg_per_ml,
    )
    if options:
        names = ", ".join(
            f"{option.spec.model} ({_mg_per_ml(option.highest_concentration_mg_per_ml)})"
            for option in options[:3]
        )
        text += f", or use a faster pump that needs a lower concentration: {names}"
    return {"suggestion": text + ".", **_use_model(options)}


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
            f"{fill} {_mg_per_ml(concentration)} is above the solubility of "
            f"{plan.compound} in {plan.vehicle}, {_mg_per_ml(limit)} ({LOADING_TEMPERATURE_NOTE}).",
            **_solubility_advice(evaluation, catalog, compounds, limit),
        )
    caution = evaluation.solubility.caution_above_mg_per_ml if evaluation.solubility else None
    if caution is not None and concentration > caution:
        return Finding(
            "solubility_near_limit",
            "caution",
            "dose",
            f"{fill} {_mg_per_ml(concentration)} is above the caution threshold of "
            f"{_mg_per_ml(caution)} and near the solubility of {plan.compound} in "
            f"{plan.vehicle}, {_mg_per_ml(limit)}. {evaluation.solubility.notes}",
            **_solubility_advice(evaluation, catalog, compounds, caution),
        )


def check_animal_size(evaluation, catalog, compounds):
    plan, pump = evaluation.plan, evaluation.pump
    if pump is None or plan.body_weight_g >= pump.min_body_weight_g(plan.route):
        return None
    # Intrathecal and intracerebroventricular pumps sit subcutaneously (REFERENCE section 3).
    side = "intraperitoneal" if plan.route == "ip" else "subcutaneous"
    if plan.route in ("it", "icv"):
        route = ROUTE_LABELS[plan.route]
        side += f" implantation (the pump of an {route} infusion sits under the skin)"
    else:
        side += " implantation"
    options = _workable(evaluation, catalog, compounds, lambda option: option.fits_animal)
    models = ", ".join(option.spec.model for option in options)
    return Finding(
        "animal_too_small",
        "conflict",
        "body_weight_g",
        f"At {plan.body_weight_g:g} g the {plan.species} is below model {pump.model}'s "
        f"minimum of {pump.min_body_weight_g(plan.route):g} g for {side}.",
        f"Choose a model that fits: {models}." if options else "Choose a larger animal.",
        **_use_model(options),
    )


def _replacement_days(evaluation) -> str:
    return ", ".join(format_days(window.start_day) for window in evaluation.windows[1:])


def check_study_length(evaluation, catalog, compounds):
    plan, pump = evaluation.plan, evaluation.pump
    if pump is None or plan.study_days <= pump.duration_days:
        return None
    longer = _workable(evaluation, catalog, compounds, lambda option: option.pumps_needed == 1)
    names = ", ".join(option.spec.model for option in longer)
    alternative = f"; or one pump that lasts: {names}" if longer else ""
    series = "one pump for the whole study"
    if evaluation.pump_count > 1:
        series = f"{evaluation.pump_count} pumps in series, replaced on day "
        series += _replacement_days(evaluation)
    return Finding(
        "study_longer_than_pump",
        "caution",
        "study_days",
        f"The {format_days(plan.study_days)}-day study outlasts model {pump.model}'s nominal "
        f"{format_days(pump.duration_days)} days.",
        f"This plan uses {series}{alternative}.",
        **_use_model(longer),
    )


def check_safe_explant(evaluation, catalog, compounds):
    if not evaluation.windows:
        return None
    last, duration = evaluation.windows[-1], evaluation.pump.duration_days
    safe_end_day = last.start_day + SAFE_EXPLANT_FACTOR * duration
    if evaluation.plan.study_days <= safe_end_day + 1e-9:
        return None
    needed = pumps_needed(evaluation.plan.study_days, duration)
    return Finding(
        "pump_past_safe_explant",
        "conflict",
        "pumps_in_series",
        f"Pump {last.number} stays in until day {format_days(evaluation.plan.study_days)}, past "
        f"1.5 x its nominal {format_days(duration)} days (day {format_days(safe_end_day)}): spent "
        "pumps swell and leak concentrated salt (Boston University IACUC guidance).",
        f"Set pumps in series to {needed} or leave it empty, so each pump is replaced at its "
        f"nominal end; or shorten the study to {format_days(safe_end_day)} days.",
        **REPLACE_AT_NOMINAL_END,
    )


def check_delivery_gap(evaluation, catalog, compounds):
    study_days = evaluation.plan.study_days
    for window in evaluation.windows:
        gap_end_day = min(window.out_day, study_days)
        if window.empty_day < gap_end_day - 1e-9:
            return Finding(
                "delivery_gap",
                "conflict",
                "pumps_in_series",
                f"Pump {window.number} runs dry on day {format_days(window.empty_day)} but is "
                f"replaced or explanted only on day {format_days(gap_end_day)}: no drug for "
                f"{format_days(gap_end_day - window.empty_day)} days.",
                "Replace pumps at their nominal end (leave pumps in series empty), or check the "
                "lot's fill volume and rate.",
                **(REPLACE_AT_NOMINAL_END if evaluation.plan.pumps_in_series else {}),
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


def check_spec_verified(evaluation, catalog, compounds):
    pump = evaluation.pump
    if pump is None or pump.verified:
        return None
    return Finding(
        "spec_unverified",
        "info",
        "pump_model",
        f"Model {pump.model}'s catalogue row is not from a verified manufacturer source: "
        f"{(pump.notes or pump.source).rstrip('.')}.",
        "Check the values against the instruction sheet in the pump's box, and enter the lot's "
        "rate and fill volume.",
    )


def check_lot_rate(evaluation, catalog, compounds):
    pump, lot_rate = evaluation.pump, evaluation.plan.lot_rate_ul_per_hr
    if pump is None or lot_rate is None:
        return None
    difference = lot_rate / pump.rate_ul_per_hr - 1.0
    # The epsilon keeps exactly 10 % fine: 0.55 / 0.5 - 1 is 0.10000000000000009 in floats.
    if abs(difference) <= LOT_RATE_TOLERANCE + 1e-9:
        return None
    return Finding(
        "lot_rate_differs",
        "info",
        "lot_rate_ul_per_hr",
        f"The lot's rate {format_number(lot_rate)} µL/h differs from model {pump.model}'s nominal "
        f"{format_number(pump.rate_ul_per_hr)} µL/h by {difference:+.0%}.",
        "Check the rate on the lot's instruction sheet; the plan uses the lot's rate.",
    )


def check_lot_fill_volume(evaluation, catalog, compounds):
    pump, fill = evaluation.pump, evaluation.plan.lot_fill_volume_ul
    if pump is None or fill is None or fill <= pump.reservoir_ul:
        return None
    return Finding(
        "lot_fill_exceeds_reservoir",
        "conflict",
        "lot_fill_volume_ul",
        f"The lot's fill volume {format_number(fill)} µL is more than model {pump.model}'s "
        f"reservoir of {format_number(pump.reservoir_ul)} µL.",
        "Enter the mean fill volume from the lot's instruction sheet.",
    )


def _stock_scheme(concentration_mg_per_ml: float, vehicle: str) -> str:
    """A stock and dilution that puts the weighing above the balance's poor range."""
    fold = STOCK_MG_PER_ML / concentration_mg_per_ml
    stock_ul = 1000.0 / fold
    text = (
        f"Dissolve {STOCK_MASS_MG:g} mg in {STOCK_MASS_MG / STOCK_MG_PER_ML:g} mL of {vehicle} "
        f"({_mg_per_ml(STOCK_MG_PER_ML)} stock), then dilute it {format_number(fold)}-fold: "
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
        f"At {_mg_per_ml(concentration)}, even 1 mL of solution holds only "
        f"{format_number(concentration)} mg of {evaluation.plan.compound}: under "
        f"{MIN_WEIGHABLE_MG:g} mg, which a lab balance does not weigh well.",
        _stock_scheme(concentration, evaluation.plan.vehicle),
    )


def check_inputs(values: dict[str, Any]) -> list[Finding]:
    """One ``invalid_input`` conflict for every field whose value a plan cannot hold."""
    findings = []
    for name, value in values.items():
        try:
            VALIDATORS[name](value)
        except PlanError as error:
            rule = error.rule[0].upper() + error.rule[1:]
            findings.append(Finding("invalid_input", "conflict", name, str(error), f"{rule}."))
    return findings


CHECKS = (
    check_unknown_pump,
    check_molecular_weight,
    check_unknown_compound,
    check_solubility_unknown,
    check_solubility,
    check_animal_size,
    check_study_length,
    check_safe_explant,
    check_delivery_gap,
    check_vehicle_for_route,
    check_spec_verified,
    check_lot_rate,
    check_lot_fill_volume,
    check_too_dilute_to_weigh,
)
SEVERITY_ORDER = {"conflict": 0, "caution": 1, "info": 2}


def check_plan(evaluation, catalog: PumpCatalog, compounds: CompoundTable) -> list[Finding]:
    """Every finding about the plan, conflicts first."""
    findings = [check(evaluation, catalog, compounds) for check in CHECKS]
    present = [finding for finding in findings if finding is not None]
    return sorted(present, key=lambda finding: SEVERITY_ORDER[finding.severity])
