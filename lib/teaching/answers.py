"""A student's answer to a lesson's question: right within the tolerance, or which step went wrong.

Each quantity a lesson may hide (``QUANTITIES``) is computed from the lesson plan's ``Evaluation``
(the numbers the page shows) and knows the usual slips of its working (``lib.teaching.quantities``).
A wrong answer that a slip explains is told that step; one that two slips explain is told both, and
a slip whose number cannot be told apart from the right answer is never told.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

from lib.evaluate import Evaluation
from lib.formatting import format_number
from lib.numbers import NumberTextError, parse_number
from lib.teaching import quantities, slips
from lib.teaching.lesson_questions import Question
from lib.teaching.slips import Slip

__all__ = ["QUANTITIES", "Quantity", "Slip", "Verdict", "answer_of", "check_answer"]


@dataclass(frozen=True)
class Quantity:
    """What a question may ask for: its label and unit (the answer box's), how the lesson plan's
    evaluation gives it, its slips, and what the question must add (a day, a volume, the
    lesson's explanted pump)."""

    label: str
    unit: str
    value: Callable[[Evaluation, Question], float | None]
    slips: Callable[[Evaluation, Question], list[Slip]] = lambda evaluation, question: []
    needs_day: bool = False
    needs_volume: bool = False
    needs_explant: bool = False


@dataclass(frozen=True)
class Verdict:
    """What the page says of an answer: ``right`` None when the text is not a number; ``slip``
    the first of ``slips``, the slips that explain a wrong answer."""

    right: bool | None
    message: str
    expected: float | None = None
    slip: Slip | None = None
    slips: tuple[Slip, ...] = ()


QUANTITIES = {
    "concentration_mg_per_ml": Quantity(
        "The fill concentration",
        "mg/mL",
        lambda evaluation, question: evaluation.concentration_mg_per_ml,
        slips.concentration_slips,
    ),
    "mass_mg_per_day": Quantity(
        "The mass delivered per day",
        "mg/day",
        lambda evaluation, question: evaluation.mass_mg_per_day,
        slips.mass_per_day_slips,
    ),
    "dose_on_day_mg_per_kg_per_day": Quantity(
        "The dose on the day asked",
        "mg/kg/day",
        quantities.dose_on_day,
        slips.dose_on_day_slips,
        needs_day=True,
    ),
    "pump_count": Quantity(
        "Pumps the study needs",
        "pumps",
        lambda evaluation, question: evaluation.pump_count or None,
        slips.pump_count_slips,
    ),
    "pump_run_days": Quantity(
        "How long one filled pump runs at most",
        "days",
        lambda evaluation, question: evaluation.capacity_days,
        slips.run_days_slips,
    ),
    "drug_mass_per_pump_mg": Quantity(
        "The mass of compound in one filled pump",
        "mg",
        lambda evaluation, question: evaluation.drug_mass_per_pump_mg,
        slips.mass_slips,
    ),
    "mass_to_weigh_mg": Quantity(
        "The mass to weigh for the volume asked",
        "mg",
        quantities.mass_to_weigh_mg,
        slips.mass_slips,
        needs_volume=True,
    ),
    "catheter_lag_h": Quantity(
        "Hours before the drug reaches the animal",
        "h",
        quantities.catheter_lag_h,
        slips.catheter_slips,
    ),
    "percent_of_solubility": Quantity(
        "The fill concentration in percent of the solubility",
        "%",
        quantities.percent_of_solubility,
        slips.solubility_slips,
    ),
    "mean_rate_ul_per_hr": Quantity(
        "The pump's mean rate, from its residual volume",
        "µL/h",
        quantities.mean_rate,
        slips.mean_rate_slips,
        needs_explant=True,
    ),
    "rate_percent_of_expected": Quantity(
        "The mean rate in percent of the pump's rate",
        "%",
        quantities.rate_percent,
        slips.rate_percent_slips,
        needs_explant=True,
    ),
}


def answer_of(question: Question, evaluation: Evaluation) -> float | None:
    """The hidden answer, from the lesson plan's evaluation."""
    return QUANTITIES[question.answer].value(evaluation, question)


def check_answerable(question: Question, evaluation: Evaluation) -> str | None:
    """Why the lesson's plan cannot answer a question (the reader refuses it), or None."""
    plan, quantity = evaluation.plan, QUANTITIES[question.answer]
    if question.answer == "pump_count" and plan.pumps_in_series is not None:
        return "the plan sets pumps_in_series: leave it out for the app to count the pumps"
    if question.answer == "concentration_mg_per_ml" and plan.fixed_concentration_mg_per_ml:
        return "the plan gives the fill concentration (fixed_concentration_mg_per_ml)"
    value = answer_of(question, evaluation)
    if value is None or not math.isfinite(value):
        return f"the lesson's plan gives no {quantity.label.lower()} (see its findings)"
    return None


def check_answer(question: Question, typed: str, evaluation: Evaluation) -> Verdict:
    """Right within the question's tolerance; else the slips that explain it, if any do."""
    quantity = QUANTITIES[question.answer]
    try:
        given = parse_number(typed)
    except NumberTextError as error:
        return Verdict(None, f"Your answer, '{typed.strip()}', is not a number: {error}.")
    expected = answer_of(question, evaluation)
    if expected is None:
        return Verdict(None, "This plan has no answer to check against: see the findings.")
    tolerance = question.tolerance_percent
    if _close(given, expected, tolerance):
        shown = f"{format_number(expected)} {quantity.unit}"
        return Verdict(True, f"Right: {shown} (within {tolerance:g} %).", expected)
    explaining = tuple(
        slip
        for slip in telling_slips(quantity.slips(evaluation, question), expected, tolerance)
        if _close(given, expected * slip.factor, tolerance)
    )
    message = _wrong_message(given, quantity, tolerance, explaining)
    return Verdict(False, message, expected, explaining[0] if explaining else None, explaining)


def telling_slips(slips: list[Slip], expected: float, tolerance_percent: float) -> list[Slip]:
    """The slips an answer can point to: each once, and none whose number lies so near the right
    answer that the two tolerances overlap (that answer may be right, rounded)."""
    kept: list[Slip] = []
    for slip in slips:
        if not math.isfinite(slip.factor) or slip.factor <= 0 or slip in kept:
            continue
        if not _close(expected * slip.factor, expected, 2 * tolerance_percent):
            kept.append(slip)
    return kept


def _wrong_message(given: float, quantity: Quantity, tolerance: float, explaining) -> str:
    shown = f"{format_number(given)} {quantity.unit}"
    if not explaining:
        return (
            f"Not yet: {shown} is not within {tolerance:g} % of the answer. Work through the "
            "steps again."
        )
    reasons = "; or ".join(f"the step “{slip.step}”: {slip.what}" for slip in explaining)
    return f"Not yet: {shown}. Check {reasons}."


def _close(given: float, expected: float, tolerance_percent: float) -> bool:
    if expected == 0:
        return given == 0
    return math.isclose(given, expected, rel_tol=tolerance_percent / 100)
