"""A lesson's questions: each ``[[question]]`` table read strictly, with what its quantity needs.

A question names the quantity it hides (``lib.teaching.answers.QUANTITIES``) and may add a day
(the dose on that day), a volume (the mass to weigh for it) and a tolerance; its quantity says
which of these it takes, and one it does not take is refused, as a missing one is.
"""

from dataclasses import dataclass

from lib.cohort.animals import Explant
from lib.plan import Plan
from lib.teaching.lesson_file import NUMBER

QUESTION_KEYS = {
    "ask": str,
    "answer": str,
    "tolerance_percent": NUMBER,
    "day": NUMBER,
    "volume_ul": NUMBER,
}
DEFAULT_TOLERANCE_PERCENT = 2.0
MAXIMUM_TOLERANCE_PERCENT = 50.0
MAXIMUM_VOLUME_UL = 100_000.0  # 100 mL: more than any fill solution a lesson needs


@dataclass(frozen=True)
class Question:
    """One hidden answer: what is asked, which quantity answers it, and how close is right."""

    ask: str
    answer: str  # a name of lib.teaching.answers.QUANTITIES
    tolerance_percent: float = DEFAULT_TOLERANCE_PERCENT
    day: float | None = None  # for the dose on a given day
    volume_ul: float | None = None  # for the mass to weigh for a volume of fill solution
    explant: Explant | None = None  # the lesson's explanted pump, for the delivery it measured


class QuestionReader:
    """One ``[[question]]``: its keys, the quantity it asks for and what that quantity needs."""

    def __init__(self, reader, table: tuple[str, int], quantities: dict):
        self.reader, self.table, self.quantities = reader, table, quantities

    def refuse(self, key: str | None, reason: str):
        self.reader.refuse(self.table, key, f"question {self.table[1] + 1}: {reason}")

    def read(self, values: dict, plan: Plan, explant: Explant | None) -> Question:
        self.reader.checked(values, QUESTION_KEYS, self.table)
        for key in ("ask", "answer"):
            if not values.get(key, "").strip():
                self.refuse(key, f"no '{key}'")
        answer = values["answer"].strip()
        quantity = self.quantities.get(answer)
        if quantity is None:
            known = ", ".join(self.quantities)
            self.refuse("answer", f"answer '{answer}' is not one the app computes: {known}")
        self.needs("day", quantity.needs_day, answer, values)
        self.needs("volume_ul", quantity.needs_volume, answer, values)
        if quantity.needs_explant and explant is None:
            self.refuse("answer", f"answer '{answer}' needs the lesson's [explant] table")
        return Question(
            ask=values["ask"].strip(),
            answer=answer,
            tolerance_percent=self.tolerance(values),
            day=self.day(values, plan),
            volume_ul=self.volume(values),
            explant=explant if quantity.needs_explant else None,
        )

    def needs(self, key: str, needed: bool, answer: str, values: dict) -> None:
        if needed and key not in values:
            self.refuse("answer", f"answer '{answer}' needs a '{key}'")
        if not needed and key in values:
            self.refuse(key, f"answer '{answer}' takes no '{key}'")

    def tolerance(self, values: dict) -> float:
        tolerance = float(values.get("tolerance_percent", DEFAULT_TOLERANCE_PERCENT))
        if not 0 < tolerance <= MAXIMUM_TOLERANCE_PERCENT:
            self.refuse(
                "tolerance_percent",
                f"tolerance_percent is {tolerance:g}; it must be above 0 and at most "
                f"{MAXIMUM_TOLERANCE_PERCENT:g}",
            )
        return tolerance

    def day(self, values: dict, plan: Plan) -> float | None:
        if "day" not in values:
            return None
        day = float(values["day"])
        if not 0 <= day <= plan.study_days:
            self.refuse("day", f"day {day:g} is outside the study (0 to {plan.study_days:g})")
        return day

    def volume(self, values: dict) -> float | None:
        if "volume_ul" not in values:
            return None
        volume = float(values["volume_ul"])
        if not 0 < volume <= MAXIMUM_VOLUME_UL:
            self.refuse(
                "volume_ul", f"volume_ul is {volume:g}; it must be above 0 and at most 100000 µL"
            )
        return volume


def same_quantity(first: Question, second: Question) -> bool:
    """Two questions that ask for one number: the same answer, day and volume."""
    return (first.answer, first.day, first.volume_ul) == (
        second.answer,
        second.day,
        second.volume_ul,
    )
