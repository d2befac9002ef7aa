"""A cohort: the animals of a study in their groups, and how their solutions are prepared.

The animals table is what a lab keeps in a spreadsheet: an ID, a group and a weight per animal,
and after explant the residual volume and the time the pump was in. It can be typed, pasted
from a spreadsheet (tabs) or read from a CSV file; every line that cannot be read becomes a
finding that names the line, the column, the value and the fix, and the other lines are kept.
"""

from dataclasses import asdict, dataclass, fields
from typing import Any

from lib.plan import PlanError, _number, _text

CONCENTRATION_MODES = ("group", "animal")
MAX_ANIMALS = 5000
DEFAULT_GROUP = "all"
COHORT_LABELS = {
    "animals": "Animals",
    "concentration_mode": "Concentration",
    "dose_tolerance_percent": "Dose tolerance (%)",
    "spare_pumps": "Spare pumps per solution",
    "filling_loss_ul": "Filling loss per solution (µL)",
    "overage_percent": "Overage (%)",
    "balance_readability_mg": "Balance readability (mg)",
    "weighing_error_percent": "Weighing error allowed (%)",
    "rate_tolerance_percent": "Rate tolerance (%)",
}


@dataclass(frozen=True)
class Animal:
    """One animal: its weight at implant, and after explant what was left in its pump."""

    animal_id: str
    group: str = DEFAULT_GROUP
    body_weight_g: float = 250.0
    residual_volume_ul: float | None = None
    elapsed_days: float | None = None

    def __post_init__(self):
        object.__setattr__(self, "animal_id", _short_text("animal_id", self.animal_id))
        object.__setattr__(self, "group", _short_text("group", self.group))
        weight = _number("body_weight_g", self.body_weight_g, 1.0, 2000.0, low_inclusive=True)
        object.__setattr__(self, "body_weight_g", weight)
        residual = _optional("residual_volume_ul", self.residual_volume_ul, 0.0, 10000.0, True)
        object.__setattr__(self, "residual_volume_ul", residual)
        elapsed = _optional("elapsed_days", self.elapsed_days, 0.0, 3650.0, False)
        object.__setattr__(self, "elapsed_days", elapsed)


def _short_text(field: str, value: Any) -> str:
    text = _text(field, value if isinstance(value, str) else str(value))
    if len(text) > 40:
        raise PlanError(field, value, "enter at most 40 characters")
    return text


def _optional(field: str, value: Any, low: float, high: float, inclusive: bool) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _number(field, value, low, high, low_inclusive=inclusive)


@dataclass(frozen=True)
class Cohort:
    """The animals and the bench choices. Defaults that are planning choices, not facts, say so.

    ``filling_loss_ul``: solution left in the syringe and filling tube per solution; 100 uL is
    what one lab protocol draws extra (400 uL for three 100 uL model 1004 pumps; OpenWetWare,
    "Bitan: make subQ pumps"). ``spare_pumps``: a planning choice, one pump per solution in case a
    fill fails the weight check (ALZET, "Filling & Priming"). ``overage_percent``: a planning
    choice. ``balance_readability_mg``: an analytical balance (0.1 mg); set your own.
    ``weighing_error_percent``: the repeatability allowed for a weighing; USP <41> asks 0.10 %
    for assays, here 1 % by default (a planning choice for research solutions).
    """

    animals: tuple[Animal, ...] = ()
    concentration_mode: str = "group"
    dose_tolerance_percent: float = 10.0
    spare_pumps: int = 1
    filling_loss_ul: float = 100.0
    overage_percent: float = 10.0
    balance_readability_mg: float = 0.1
    weighing_error_percent: float = 1.0
    rate_tolerance_percent: float = 10.0

    def __post_init__(self):
        for name, validate in COHORT_VALIDATORS.items():
            object.__setattr__(self, name, validate(getattr(self, name)))

    def to_dict(self) -> dict[str, Any]:
        values = asdict(self)
        values["animals"] = [asdict(animal) for animal in self.animals]
        return values

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> "Cohort":
        unknown = sorted(set(values) - set(COHORT_VALIDATORS))
        if unknown:
            raise PlanError(unknown[0], values[unknown[0]], "this is not a cohort field")
        return cls(**values)


def _animals(value: Any) -> tuple[Animal, ...]:
    if not isinstance(value, list | tuple):
        raise PlanError("animals", value, "give a list of animals")
    if len(value) > MAX_ANIMALS:
        raise PlanError("animals", f"{len(value)} animals", f"give at most {MAX_ANIMALS}")
    animals = tuple(
        animal if isinstance(animal, Animal) else Animal(**_animal_mapping(animal))
        for animal in value
    )
    _refuse_repeated_ids(animals)
    return animals


def _animal_mapping(value: Any) -> dict:
    names = {field.name for field in fields(Animal)}
    if not isinstance(value, dict) or not set(value) <= names or "animal_id" not in value:
        raise PlanError("animals", value, f"give each animal as fields {', '.join(sorted(names))}")
    return value


def _refuse_repeated_ids(animals: tuple[Animal, ...]) -> None:
    seen = set()
    for animal in animals:
        if animal.animal_id in seen:
            raise PlanError("animals", animal.animal_id, "give each animal its own ID")
        seen.add(animal.animal_id)


def _choice(field: str, value: Any, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise PlanError(field, value, f"choose one of {', '.join(choices)}")
    return value


def _whole(field: str, value: Any, high: int) -> int:
    number = _number(field, value, 0, high, low_inclusive=True)
    if number != int(number):
        raise PlanError(field, value, f"enter a whole number from 0 to {high}")
    return int(number)


COHORT_VALIDATORS = {
    "animals": _animals,
    "concentration_mode": lambda v: _choice("concentration_mode", v, CONCENTRATION_MODES),
    "dose_tolerance_percent": lambda v: _number("dose_tolerance_percent", v, 0.0, 100.0),
    "spare_pumps": lambda v: _whole("spare_pumps", v, 100),
    "filling_loss_ul": lambda v: _number("filling_loss_ul", v, 0.0, 100000.0, low_inclusive=True),
    "overage_percent": lambda v: _number("overage_percent", v, 0.0, 500.0, low_inclusive=True),
    "balance_readability_mg": lambda v: _number("balance_readability_mg", v, 0.0, 1000.0),
    "weighing_error_percent": lambda v: _number("weighing_error_percent", v, 0.0, 100.0),
    "rate_tolerance_percent": lambda v: _number("rate_tolerance_percent", v, 0.0, 100.0),
}


# -- the animals table as text -------------------------------------------------------------------
