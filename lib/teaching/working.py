"""The working: each step of the calculation with this plan's numbers, for a class.

Steps follow the brief's formula, C [mg/mL] = dose [mg/kg/day] x weight [kg] / rate [mL/day],
with every unit conversion written out. The arithmetic of each step is an ``Equation``, made
once here: the working's sentences and the results' formula (``lib/ui/render.py``) both print it.
"""

from dataclasses import dataclass

from lib.calc.catheter import catheter_volume_ul
from lib.documents.delivery_words import dose_range_text, pump_cover_text
from lib.evaluate import Evaluation
from lib.formatting import counted, format_number
from lib.plan import DESIGN_WEIGHT_LABELS, Plan
from lib.units import DOSE_UNITS, days_to_hours, g_to_kg

# How a unit's mass and time step become mg and days, written as a scientist would.
MASS_CONVERSIONS = {1.0: "", 1e-3: " ÷ 1000 µg/mg", 1e-6: " ÷ 1,000,000 ng/mg"}
TIME_CONVERSIONS = {1.0: "", 24.0: " × 24 h/day", 1440.0: " × 1440 min/day"}


@dataclass(frozen=True)
class Equation:
    """One line of the formula with this plan's numbers: ``name = arithmetic = result``."""

    name: str
    arithmetic: str
    result: str


def _number(value: float) -> str:
    return format_number(value)


def _dose_equation(plan: Plan, evaluation: Evaluation) -> Equation | None:
    """The dose in the formula's units, mg/kg/day (per kg) or mg/day (per animal); None when
    it is entered in them."""
    unit = DOSE_UNITS[plan.dose_unit]
    if unit.name in ("mg/kg/day", "mg/day"):
        return None
    per_day = TIME_CONVERSIONS[unit.steps_per_day]
    if unit.molar:
        mass = f" × {_number(evaluation.molecular_weight_g_per_mol)} mg/mmol (molecular weight)"
    else:
        mass = MASS_CONVERSIONS[unit.mg_per_mass]
    arithmetic = f"{_number(plan.dose)} {unit.label}{per_day}{mass}"
    if unit.per_kg:
        return Equation(
            "Dose", arithmetic, f"{_number(evaluation.design_dose_mg_per_kg_per_day)} mg/kg/day"
        )
    return Equation("Mass per day", arithmetic, f"{_number(evaluation.mass_mg_per_day)} mg/day")


def _mass_equation(evaluation: Evaluation) -> Equation:
    """A dose per kg times the design weight."""
    weight_kg = _number(g_to_kg(evaluation.design_body_weight_g))
    dose = _number(evaluation.design_dose_mg_per_kg_per_day)
    return Equation(
        "Mass per day",
        f"{dose} mg/kg/day × {weight_kg} kg",
        f"{_number(evaluation.mass_mg_per_day)} mg/day",
    )


def _rate_equation(evaluation: Evaluation) -> Equation:
    return Equation(
        "Pumping rate",
        f"{_number(evaluation.rate_ul_per_hr)} µL/h × 24 h/day ÷ 1000 µL/mL",
        f"{_number(evaluation.rate_ml_per_day)} mL/day",
    )


def _concentration_equation(evaluation: Evaluation) -> Equation:
    return Equation(
        "C",
        f"{_number(evaluation.mass_mg_per_day)} mg/day ÷ {_number(evaluation.rate_ml_per_day)} "
        "mL/day",
        f"{_number(evaluation.concentration_mg_per_ml)} mg/mL",
    )


def _delivered_equations(evaluation: Evaluation) -> list[Equation]:
    """For an entered fill concentration: the mass it carries per day, and the dose."""
    mass = f"{_number(evaluation.mass_mg_per_day)} mg/day"
    return [
        Equation(
            "Mass per day",
            f"{_number(evaluation.concentration_mg_per_ml)} mg/mL × "
            f"{_number(evaluation.rate_ml_per_day)} mL/day",
            mass,
        ),
        Equation(
            "Dose",
            f"{mass} ÷ {_number(g_to_kg(evaluation.design_body_weight_g))} kg",
            f"{_number(evaluation.design_dose_mg_per_kg_per_day)} mg/kg/day",
        ),
    ]


def formula(evaluation: Evaluation) -> list[Equation]:
    """The formula's lines with this plan's numbers, its answer last; none without a
    concentration."""
    plan = evaluation.plan
    if evaluation.concentration_mg_per_ml is None:
        return []
    if plan.fixed_concentration_mg_per_ml is not None:
        return [_rate_equation(evaluation), *_delivered_equations(evaluation)]
    dose = _dose_equation(plan, evaluation)
    lines = [] if dose is None else [dose]
    if DOSE_UNITS[plan.dose_unit].per_kg:
        lines.append(_mass_equation(evaluation))
    return [*lines, _rate_equation(evaluation), _concentration_equation(evaluation)]


def _worked(equation: Equation) -> str:
    return f"{equation.arithmetic} = {equation.result}"


def _dose_step(plan: Plan, evaluation: Evaluation) -> tuple[str, str]:
    """The dose in the formula's units: mg/kg/day (per kg) or mg/day (per animal)."""
    equation = _dose_equation(plan, evaluation)
    if equation is None:
        label = DOSE_UNITS[plan.dose_unit].label
        return "The dose", f"{_number(plan.dose)} {label}: already in mg per day."
    return "The dose in mg per day", _worked(equation)


def _mass_step(plan: Plan, evaluation: Evaluation) -> tuple[str, str]:
    if not DOSE_UNITS[plan.dose_unit].per_kg:
        return "Mass per day", (
            f"A per-animal dose needs no body weight: {_number(evaluation.mass_mg_per_day)} "
            f"mg/day = {_number(evaluation.mass_flow_ug_per_hr)} µg/h (k₀)."
        )
    weight_kg = _number(g_to_kg(evaluation.design_body_weight_g))
    return "Mass per day", (
        f"For {DESIGN_WEIGHT_LABELS[plan.design_weight]}, {evaluation.design_body_weight_g:g} g "
        f"= {weight_kg} kg: {_worked(_mass_equation(evaluation))}."
    )


def _rate_step(plan: Plan, evaluation: Evaluation) -> tuple[str, str]:
    source = "the lot's rate" if plan.lot_rate_ul_per_hr else f"model {plan.pump_model}'s rate"
    return "Pumping rate in mL per day", f"{source}: {_worked(_rate_equation(evaluation))}."


def _concentration_step(evaluation: Evaluation) -> tuple[str, str]:
    concentration = _number(evaluation.concentration_mg_per_ml)
    return "Fill concentration", (
        f"{_worked(_concentration_equation(evaluation))} (1 mg/mL = 1 µg/µL: {concentration} µg "
        "in every µL the pump pushes out)."
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
    """What one pump holds and how long it runs; the pumps the study takes, or, when the plan
    keeps fewer, what they leave uncovered (the page's and the sheets' words)."""
    pumps, cover = counted(evaluation.pump_count, "pump"), pump_cover_text(evaluation)
    count = f"the plan keeps {pumps}{cover}" if cover else f"the study needs {pumps}"
    return "What one pump holds", (
        f"{_number(evaluation.fill_volume_ul)} µL × {_number(evaluation.concentration_mg_per_ml)} "
        f"mg/mL ÷ 1000 µL/mL = {_number(evaluation.drug_mass_per_pump_mg)} mg; it runs "
        f"{_number(evaluation.fill_volume_ul)} µL ÷ {_number(evaluation.rate_ul_per_hr)} µL/h ÷ 24 "
        f"h/day = {counted(evaluation.capacity_days, 'day')}; {count}."
    )


def _delivered_step(evaluation: Evaluation) -> tuple[str, str]:
    mass, dose = _delivered_equations(evaluation)
    return "The dose it delivers", f"{_worked(mass)}; {_worked(dose)}."


def _drift_step(evaluation: Evaluation) -> tuple[str, str]:
    """Why the delivered dose changes, then its range over the infusion in the words of the page
    and the sheets (``dose_range_text``: the days without drug included)."""
    weights = evaluation.timecourse["body_weight_g"]
    if weights.min() != weights.max():
        why = "The pump delivers a constant mass, so dose(t) = Q × 24 × C ÷ BW(t)"
    elif evaluation.dose_range.days_without_drug:
        why = "The weight does not change, so the dose changes only when no pump delivers"
    else:
        why = "The weight does not change in this plan, so neither does the dose"
    return "As the animal grows", f"{why}: over the infusion, {dose_range_text(evaluation)}."


def _catheter_step(evaluation: Evaluation) -> tuple[str, str]:
    """A catheter primed with vehicle: the drug reaches the tip after its volume / the rate."""
    plan = evaluation.plan
    volume_ul = catheter_volume_ul(plan)
    hours = days_to_hours(evaluation.catheter_lag_days)
    return "Before the drug arrives", (
        f"{_number(plan.catheter_length_cm)} cm of {plan.catheter_tubing} × "
        f"{_number(volume_ul / plan.catheter_length_cm)} µL/cm = {_number(volume_ul)} µL of "
        f"vehicle ahead of the drug; {_number(volume_ul)} µL ÷ "
        f"{_number(evaluation.rate_ul_per_hr)} µL/h = {_number(hours)} h "
        f"({counted(evaluation.catheter_lag_days, 'day')}) before the drug reaches "
        "the tip."
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
    if evaluation.catheter_lag_days:
        steps.append(_catheter_step(evaluation))
    if evaluation.dose_range is not None:
        steps.append(_drift_step(evaluation))
    return steps
