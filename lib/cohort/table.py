"""The animals table as text: pasted from a spreadsheet, typed, or read from a CSV file."""

import csv
import io
from dataclasses import fields
from typing import Any

from lib.cohort.animals import ANIMAL_SPECS, DEFAULT_GROUP, MAX_ANIMALS, Animal
from lib.errors import CohortError
from lib.findings import Finding

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
        except CohortError as error:
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


def _row_finding(line_number: int, error: CohortError) -> Finding:
    label = error.label
    shown = repr(error.value) if len(repr(error.value)) <= 42 else repr(error.value)[:40] + "…"
    message = f"Animals, line {line_number}: {label} {shown} is not allowed."
    return Finding(
        "invalid_animal_row",
        "conflict",
        "animals",
        message,
        error.rule[0].upper() + error.rule[1:] + "; the line was left out.",
    )


def _repeated(animal: Animal) -> CohortError:
    return ANIMAL_SPECS["animal_id"].refuse(animal.animal_id, "give each animal its own ID")


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
