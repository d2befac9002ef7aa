"""The working: each step of the calculation with this plan's numbers, for a class.

Steps follow the brief's formula, C [mg/mL] = dose [mg/kg/day] x weight [kg] / rate [mL/day],
with every unit conversion written out.
"""

from lib.evaluate import Evaluation
from lib.formatting import counted, format_number
from lib.plan import DESIGN_WEIGHT_LABELS, Plan
from lib.units import DOSE_UNITS, g_to_kg

# How a unit's mass and time step become mg and days, written as a scientist would.
MASS_CONVERSIONS = {1.0: "", 1e-3: " ÷ 1000 µg/mg", 1e-6: " ÷ 1,000,000 ng/mg"}
TIME_CONVERSIONS = {1.0: "", 24.0: " × 24 h/day", 1440.0: " × 1440 min/day"}


def _number(value: float) -> str:
    return format_number(value)


def _dose_step(plan: Plan, evaluation: Evaluation) -> tuple[str, str]:
    """The dose in the formula's units: mg/kg/day (per kg) or µg/h (per animal)."""
    unit = DOSE_UNITS[plan.dose_unit]
    per_day = TIME_CONVERSIONS[unit.steps_per_day]
    if unit.molar:
        mass = f" × {_number(evaluation.molecular_weight_g_per_mol)} mg/mmol (molecular weight)"
    else:
        mass = MASS_CONVERSIONS[unit.mg_per_mass]
    if unit.per_kg:
        converted = f"{_number(evaluation.design_dose_mg_per_kg_per_day)} mg/kg/day"
    else:
        converted = f"{_number(evaluation.mass_mg_per_day)} mg/day"
    if unit.name in ("mg/kg/day", "mg/day"):
        return "The dose", f"{_number(plan.dose)} {unit.label}: already in mg per day."
    return (
        "The dose in mg per day",
        f"{_number(plan.dose)} {unit.label}{per_day}{mass} = {converted}",
    )


def _mass_step(plan: Plan, evaluation: Evaluation) -> tuple[str, str]:
    weight_kg = g_to_kg(evaluation.design_body_weight_g)
    if not DOSE_UNITS[plan.dose_unit].per_kg:
        return "Mass per day", (
            f"A per-animal dose needs no body weight: {_number(evaluation.mass_mg_per_day)} "
            f"mg/day = {_number(evaluation.mass_flow_ug_per_hr)} µg/h (k₀)."
        )
    return "Mass per day", (
        f"For {DESIGN_WEIGHT_LABELS[plan.design_weight]}, {evaluation.design_body_weight_g:g} g "
        f"= {_number(weight_kg)} kg: {_number(evaluation.design_dose_mg_per_kg_per_day)} "
        f"mg/kg/day × {_number(weight_kg)} kg = {_number(evaluation.mass_mg_per_day)} mg/day."
    )


def _rate_step(plan: Plan, evaluation: Evaluation) -> tuple[str, str]:
    source = "the lot's rate" if plan.lot_rate_ul_per_hr else f"model {plan.pump_model}'s rate"
    return "Pumping rate in mL per day", (
        f"{source}: {_number(evaluation.rate_ul_per_hr)} µL/h × 24 h/day ÷ 1000 µL/mL = "
        f"{_number(evaluation.rate_ml_per_day)} mL/day."
    )


def _concentration_step(evaluation: Evaluation) -> tuple[str, str]:
    concentration = _number(evaluation.concentration_mg_per_ml)
    return "Fill concentration", (
        f"{_number(evaluation.mass_mg_per_day)} mg/day ÷ {_number(evaluation.rate_ml_per_day)} "
        f"mL/day = {concentration} mg/mL (1 mg/mL = 1 µg/µL: {concentration} µg in every µL "
        "the pump pushes out)."
    )


def _solubility_step(evaluation: Evaluation) -> tuple[str, str]:
    limit = evaluation.solubility_limit_mg_per_ml
    plan = evaluation.plan
    if limit is None:
        return "Will it dissolve?", f"No solubility figure for {plan.compound} in {plan.vehicle}."
    share = 100 * evaluation.highest_concentration_mg_per_ml / limit
    return "Will it dissolve?", (
        f"{_number(evaluation.highest_concentration_mg_per_ml)} mg/mL is {share:.0f} % of the "
        f"solubility of {plan.compound} in {plan.vehicle}, {_number(limit)} mg/mL, at the "
        "loading temperature (about 23 °C)."
    )


def _pump_step(evaluation: Evaluation) -> tuple[str, str]:
    return "What one pump holds", (
        f"{_number(evaluation.fill_volume_ul)} µL × {_number(evaluation.concentration_mg_per_ml)} "
        f"mg/mL ÷ 1000 µL/mL = {_number(evaluation.drug_mass_per_pump_mg)} mg; it runs "
        f"{_number(evaluation.fill_volume_ul)} µL ÷ {_number(evaluation.rate_ul_per_hr)} µL/h ÷ 24 "
        f"h/day = {counted(evaluation.capacity_days, 'day')}; the study needs "
        f"{counted(evaluation.pump_count, 'pump')}."
    )


def _delivered_step(evaluation: Evaluation) -> tuple[str, str]:
    weight_kg = g_to_kg(evaluation.design_body_weight_g)
    return "The dose it delivers", (
        f"{_number(evaluation.concentration_mg_per_ml)} mg/mL × "
        f"{_number(evaluation.rate_ml_per_day)} mL/day = {_number(evaluation.mass_mg_per_day)} "
        f"mg/day; ÷ {_number(weight_kg)} kg = "
        f"{_number(evaluation.design_dose_mg_per_kg_per_day)} mg/kg/day."
    )


def _drift_step(evaluation: Evaluation) -> tuple[str, str]:
    dose_range = evaluation.dose_range
    if dose_range.lowest_mg_per_kg_per_day == dose_range.highest_mg_per_kg_per_day:
        return "As the animal grows", (
            "The weight does not change in this plan, so neither does the dose: "
            f"{_number(dose_range.lowest_mg_per_kg_per_day)} mg/kg/day throughout."
        )
    text = (
        "The pump delivers a constant mass, so dose(t) = Q × 24 × C ÷ BW(t): over the infusion "
        f"{_number(dose_range.lowest_mg_per_kg_per_day)} to "
        f"{_number(dose_range.highest_mg_per_kg_per_day)} mg/kg/day"
    )
    if dose_range.lowest_percent_of_target is None:
        return "As the animal grows", text + "."
    return "As the animal grows", text + (
        f", {_number(dose_range.lowest_percent_of_target)} to "
        f"{_number(dose_range.highest_percent_of_target)} % of the target."
    )


def working_steps(evaluation: Evaluation) -> list[tuple[str, str]]:
    """(title, text) for each step, with this plan's numbers; empty without a concentration."""
    plan = evaluation.plan
    if evaluation.concentration_mg_per_ml is None:
        return []
    if plan.fixed_concentration_mg_per_ml is not None:
        steps = [
            (
                "Fill concentration",
                f"Entered: {_number(evaluation.concentration_mg_per_ml)} "
                "mg/mL; the steps below give the dose it delivers.",
            ),
            _rate_step(plan, evaluation),
            _delivered_step(evaluation),
        ]
    else:
        steps = [
            _dose_step(plan, evaluation),
            _mass_step(plan, evaluation),
            _rate_step(plan, evaluation),
            _concentration_step(evaluation),
        ]
    steps += [_solubility_step(evaluation), _pump_step(evaluation)]
    if evaluation.dose_range is not None:
        steps.append(_drift_step(evaluation))
    return steps
