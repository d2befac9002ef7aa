"""A cohort: the animals of a study in their groups, and how their solutions are prepared.

The animals table is what a lab keeps in a spreadsheet: an ID, a group and a weight per animal,
and after explant the residual volume and the time the pump was in. It can be typed, pasted
from a spreadsheet (tabs) or read from a CSV file; every line that cannot be read becomes a
finding that names the line, the column, the value and the fix, and the other lines are kept.
"""

import csv
import io
from dataclasses import asdict, dataclass, fields
from typing import Any

from lib.findings import Finding
from lib.plan import PlanError, _number, _text

CONCENTRATION_MODES = ("group", "animal")
MAX_ANIMALS = 5000
DEFAULT_GROUP = "all"
# Column names a table may use for each field (lower case, spaces and units stripped).
COLUMN_NAMES = {
    "animal_id": ("animal_id", "animal", "id", "animal id", "name", "rat", "mouse"),
    "group": ("group", "group name", "treatment", "cohort"),
    "body_weight_g": ("body_weight_g", "body weight", "weight", "weight_g", "bw", "body_weight"),
    "residual_volume_ul": ("residual_volume_ul", "residual", "residual volume", "residual_ul"),
    "elapsed_days": ("elapsed_days", "elapsed", "days implanted", "days in", "elapsed days"),
}
# Without a header row, the number of columns says what they are.
COLUMNS_BY_COUNT = {
    1: ("body_weight_g",),
    2: ("animal_id", "body_weight_g"),
    3: ("animal_id", "group", "body_weight_g"),
    5: ("animal_id", "group", "body_weight_g", "residual_volume_ul", "elapsed_days"),
}
# What a line's message calls each column.
COLUMN_LABELS = {
    "animal_id": "animal ID",
    "group": "group",
    "body_weight_g": "weight (g)",
    "residual_volume_ul": "residual volume (µL)",
    "elapsed_days": "elapsed days",
}
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


def parse_animals(text: str) -> tuple[tuple[Animal, ...], list[Finding]]:
    """Animals from pasted or uploaded table text; each unreadable line becomes a finding."""
    try:
        rows = _rows(text)
    except csv.Error as error:  # a cell longer than the csv module takes, for one
        return (), [_unreadable(error)]
    if not rows:
        return (), []
    columns, rows, header_problem = _columns(rows)
    if header_problem:
        return (), [header_problem]
    animals, problems, seen = [], [], set()
    for line_number, cells in rows:
        try:
            animal = _animal_from_cells(columns, cells, len(animals) + 1)
        except PlanError as error:
            problems.append(_row_finding(line_number, error))
            continue
        if animal.animal_id in seen:
            problems.append(_row_finding(line_number, _repeated(animal)))
            continue
        seen.add(animal.animal_id)
        animals.append(animal)
    if len(animals) > MAX_ANIMALS:
        return (), [_too_many(len(animals))]
    return tuple(animals), problems


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """Non-empty lines split into cells: tabs (a spreadsheet paste), else ';' or ','."""
    lines = str(text or "").splitlines()
    sample = "\n".join(lines[:20])
    delimiter = "\t" if "\t" in sample else ";" if ";" in sample else ","
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    rows = []
    for line_number, cells in enumerate(reader, start=1):
        cells = [cell.strip() for cell in cells]
        if any(cells) and not cells[0].startswith("#"):
            rows.append((line_number, _decimal_points(cells, delimiter)))
    return rows


def _decimal_points(cells: list[str], delimiter: str) -> list[str]:
    """'237,5' is a number where ',' does not separate cells (a European spreadsheet)."""
    if delimiter == ",":
        return cells
    return [cell.replace(",", ".") if _is_decimal_comma(cell) else cell for cell in cells]


def _is_decimal_comma(cell: str) -> bool:
    whole, _, fraction = cell.partition(",")
    return whole.lstrip("-").isdigit() and fraction.isdigit()


def _canonical(cell: str) -> str | None:
    name = cell.strip().lower().replace("(g)", "").replace("(µl)", "").replace("(ul)", "")
    name = name.replace("(days)", "").strip()
    return next((field for field, names in COLUMN_NAMES.items() if name in names), None)


def _columns(rows):
    """The columns, from a header row if the first row names them, else from the count."""
    line_number, first = rows[0]
    named = [_canonical(cell) for cell in first]
    if any(named):
        if "body_weight_g" not in named:
            return None, rows, _header_finding(line_number, "has no weight column")
        return named, rows[1:], None
    count = len(first)
    if count not in COLUMNS_BY_COUNT:
        return None, rows, _header_finding(line_number, f"has {count} columns")
    return COLUMNS_BY_COUNT[count], rows, None


def _animal_from_cells(columns, cells: list[str], position: int) -> Animal:
    values = {field: cell for field, cell in zip(columns, cells, strict=False) if field}
    values.setdefault("animal_id", str(position))
    values.setdefault("group", DEFAULT_GROUP)
    if not values.get("group"):
        values["group"] = DEFAULT_GROUP
    return Animal(**values)


def _row_finding(line_number: int, error: PlanError) -> Finding:
    label = COLUMN_LABELS.get(error.field, error.field)
    shown = repr(error.value) if len(repr(error.value)) <= 42 else repr(error.value)[:40] + "…"
    message = f"Animals, line {line_number}: {label} {shown} is not allowed."
    return Finding(
        "invalid_animal_row",
        "conflict",
        "animals",
        message,
        error.rule[0].upper() + error.rule[1:] + "; the line was left out.",
    )


def _repeated(animal: Animal) -> PlanError:
    return PlanError("animal_id", animal.animal_id, "give each animal its own ID")


def _header_finding(line_number: int, problem: str) -> Finding:
    expected = " | ".join(", ".join(names) for names in COLUMNS_BY_COUNT.values())
    message = f"Animals, line {line_number}: the table {problem}; it was not read."
    suggestion = (
        "Start with a header row naming the columns (animal_id, group, body_weight_g, "
        f"residual_volume_ul, elapsed_days), or give the columns in one of these orders: "
        f"{expected}."
    )
    return Finding("invalid_animal_table", "conflict", "animals", message, suggestion)


def _unreadable(error: csv.Error) -> Finding:
    message = f"Animals: the table could not be read ({error})."
    suggestion = "Paste the cells from the spreadsheet, or save it as CSV and open that file."
    return Finding("invalid_animal_table", "conflict", "animals", message, suggestion)


def _too_many(count: int) -> Finding:
    message = f"Animals: the table has {count} animals; the planner takes up to {MAX_ANIMALS}."
    return Finding("invalid_animal_table", "conflict", "animals", message, "Split the study.")


def animals_to_text(animals: tuple[Animal, ...]) -> str:
    """The table as the planner shows it (tab-separated, a header row), ready to edit."""
    if not animals:
        return ""
    with_explant = any(animal.residual_volume_ul is not None for animal in animals)
    names = [field.name for field in fields(Animal)][: 5 if with_explant else 3]
    lines = ["\t".join(names)]
    for animal in animals:
        values = [getattr(animal, name) for name in names]
        lines.append("\t".join("" if value is None else _plain(value) for value in values))
    return "\n".join(lines)


def _plain(value: Any) -> str:
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    return str(value)
