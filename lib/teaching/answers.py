"""A student's answer to a lesson's question: right within the tolerance, or which step went wrong.

Each quantity a lesson may hide is computed from the lesson plan's ``Evaluation`` (the numbers the
page shows), and knows the usual slips of its working as factors on the right answer: µL/h taken
for mL/day, a per-kg dose not multiplied by the weight, µg taken for mg. A wrong answer that one
slip explains is told that step, by the name the working gives it (``lib.teaching.working``).
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

from lib.evaluate import Evaluation
from lib.formatting import format_number
from lib.numbers import NumberTextError, parse_number
from lib.teaching.lessons import Question
from lib.units import DOSE_UNITS, g_to_kg

MG_PER_UG, UL_PER_ML, HOURS_PER_DAY = 1000.0, 1000.0, 24.0


@dataclass(frozen=True)
class Slip:
    """A usual mistake: the step of the working it is in, what went wrong, and the factor it puts
    on the right answer."""

    step: str
    what: str
    factor: float


@dataclass(frozen=True)
class Quantity:
    label: str
    unit: str
    value: Callable[[Evaluation, Question], float | None]
    slips: Callable[[Evaluation, Question], list[Slip]] = lambda evaluation, question: []
    needs_day: bool = False


@dataclass(frozen=True)
class Verdict:
    """What the page says of an answer: ``right`` None when the text is not a number."""

    right: bool | None
    message: str
    expected: float | None = None
    slip: Slip | None = None


def _concentration_slips(evaluation: Evaluation, question: Question) -> list[Slip]:
    rate_step = "Pumping rate in mL per day"
    slips = [
        Slip(
            rate_step,
            "µL/h taken for mL/day: the rate must be × 24 h/day ÷ 1000 µL/mL",
            evaluation.rate_ml_per_day / evaluation.rate_ul_per_hr,
        ),
        Slip(rate_step, "the rate per hour taken for a rate per day (× 24 h/day)", HOURS_PER_DAY),
        Slip(rate_step, "µL taken for mL (÷ 1000 µL/mL)", 1 / UL_PER_ML),
    ]
    unit = DOSE_UNITS[evaluation.plan.dose_unit]
    if evaluation.plan.fixed_concentration_mg_per_ml is None and unit.per_kg:
        weight_kg = g_to_kg(evaluation.design_body_weight_g)
        slips += [
            Slip("Mass per day", "a per-kg dose not multiplied by the body weight", 1 / weight_kg),
            Slip("Mass per day", "the body weight in g, not kg", 1000.0),
        ]
    return slips + _dose_unit_slips(evaluation)


def _dose_unit_slips(evaluation: Evaluation) -> list[Slip]:
    """Slips converting the dose into mg per day: the mass unit and the time unit."""
    unit = DOSE_UNITS[evaluation.plan.dose_unit]
    step = "The dose in mg per day"
    slips = []
    if unit.mg_per_mass != 1.0 and not unit.molar:
        slips.append(Slip(step, f"{unit.label}'s mass unit taken for mg", 1 / unit.mg_per_mass))
    if unit.steps_per_day != 1.0:
        slips.append(
            Slip(step, f"{unit.label} taken as per day", 1 / unit.steps_per_day),
        )
    return slips


def _dose_on_day(evaluation: Evaluation, question: Question) -> float | None:
    table = evaluation.timecourse
    if table.empty:
        return None
    earlier = table[table["day"] <= question.day]
    return None if earlier.empty else float(earlier["dose_mg_per_kg_per_day"].iloc[-1])


QUANTITIES = {
    "concentration_mg_per_ml": Quantity(
        "The fill concentration",
        "mg/mL",
        lambda evaluation, question: evaluation.concentration_mg_per_ml,
        _concentration_slips,
    ),
    "mass_mg_per_day": Quantity(
        "The mass delivered per day", "mg/day", lambda ev, q: ev.mass_mg_per_day
    ),
    "pump_count": Quantity(
        "Pumps the study needs", "pumps", lambda evaluation, question: evaluation.pump_count
    ),
    "drug_mass_per_pump_mg": Quantity(
        "The mass of compound in one filled pump", "mg", lambda ev, q: ev.drug_mass_per_pump_mg
    ),
    "dose_on_day_mg_per_kg_per_day": Quantity(
        "The dose on the day asked", "mg/kg/day", _dose_on_day, needs_day=True
    ),
    "catheter_lag_h": Quantity(
        "Hours before the drug reaches the animal",
        "h",
        lambda evaluation, question: evaluation.catheter_lag_days * HOURS_PER_DAY,
    ),
}


def answer_of(question: Question, evaluation: Evaluation) -> float | None:
    """The hidden answer, from the lesson plan's evaluation."""
    return QUANTITIES[question.answer].value(evaluation, question)


def check_answer(question: Question, typed: str, evaluation: Evaluation) -> Verdict:
    """Right within the question's tolerance; else the slip that explains it, if one does."""
    quantity = QUANTITIES[question.answer]
    try:
        given = parse_number(typed)
    except NumberTextError as error:
        return Verdict(None, f"Your answer, '{typed.strip()}', is not a number: {error}.")
    expected = answer_of(question, evaluation)
    if expected is None:
        return Verdict(None, "This plan has no answer to check against: see the findings.")
    shown = f"{format_number(expected)} {quantity.unit}"
    if _close(given, expected, question.tolerance_percent):
        return Verdict(True, f"Right: {shown} (within {question.tolerance_percent:g} %).", expected)
    for slip in quantity.slips(evaluation, question):
        if _close(given, expected * slip.factor, question.tolerance_percent):
            message = f"Not yet: check the step “{slip.step}”: {slip.what}."
            return Verdict(False, message, expected, slip)
    message = (
        f"Not yet: {format_number(given)} {quantity.unit} is not within "
        f"{question.tolerance_percent:g} % of the answer. Work through the steps again."
    )
    return Verdict(False, message, expected)


def _close(given: float, expected: float, tolerance_percent: float) -> bool:
    if expected == 0:
        return given == 0
    return math.isclose(given, expected, rel_tol=tolerance_percent / 100)
