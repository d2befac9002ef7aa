"""The animals table as text: pasted from a spreadsheet, typed, or read from a CSV file."""

import csv
from dataclasses import fields
from typing import Any

from lib.cohort.animals import ANIMAL_SPECS, DEFAULT_GROUP, MAX_ANIMALS, Animal
from lib.errors import CohortError, shown_value
from lib.fields import ZERO_WIDTH
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


MAX_TABLE_CHARACTERS = 1_000_000  # 5,000 animals at up to 200 characters a line
MAX_TABLE_LINES = MAX_ANIMALS + 1_000  # and room for a header, comments and blank lines
REQUIRED = ("body_weight_g",)  # a line without a weight is refused, never given one


def parse_animals(text: str) -> tuple[tuple[Animal, ...], list[Finding]]:
    """Animals from pasted or uploaded table text; each unreadable line becomes a finding.

    Each line is one animal: a cell is never continued on the next line, so a stray quote mark
    spoils its own line only. Nothing is filled in: a line without a weight, or with more cells
    than the table has columns, is refused and named.
    """
    text = str(text or "").removeprefix("\ufeff")
    if len(text) > MAX_TABLE_CHARACTERS or text.count("\n") > MAX_TABLE_LINES:
        return (), [_too_large(text)]
    text, notes = _without_zero_width(text)
    rows, problems = _rows(text)
    if not rows:
        return (), problems + notes
    columns, rows, header_problem = _columns(rows)
    if header_problem:
        return (), [header_problem]
    animals, seen = [], set()
    for line_number, cells in rows:
        try:
            animal = _animal_from_cells(columns, cells, len(animals) + 1)
        except CohortError as error:
            problems.append(_row_finding(line_number, error, columns, cells))
            continue
        if animal.animal_id in seen:
            problems.append(_row_finding(line_number, _repeated(animal)))
            continue
        seen.add(animal.animal_id)
        animals.append(animal)
    if len(animals) > MAX_ANIMALS:
        return (), [_too_many(len(animals))]
    return tuple(animals), problems + notes


def _rows(text: str) -> tuple[list[tuple[int, list[str]]], list[Finding]]:
    """Non-empty lines split into cells: tabs (a spreadsheet paste), else ';' or ','."""
    lines = text.splitlines()
    sample = "\n".join(lines[:20])
    delimiter = "\t" if "\t" in sample else ";" if ";" in sample else ","
    rows, problems = [], []
    for line_number, line in enumerate(lines, start=1):
        try:
            (cells,) = csv.reader([line], delimiter=delimiter, strict=True) or [[]]
        except (csv.Error, ValueError) as error:  # an unclosed quote, a cell too long
            problems.append(_unreadable_line(line_number, line, error))
            continue
        cells = [cell.strip() for cell in cells]
        if any(cells) and not cells[0].startswith("#"):
            rows.append((line_number, cells))
    return rows, problems


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
    """The animal of one line; a missing weight or a cell past the last column is refused."""
    if any(cells[len(columns) :]):
        extra = next(cell for cell in cells[len(columns) :] if cell)
        rule = f"give at most {len(columns)} cells on a line, one per column"
        raise CohortError("cells", extra, rule, f"cell {len(columns) + 1}")
    values = {field: cell for field, cell in zip(columns, cells, strict=False) if field}
    for field in REQUIRED:
        if not values.get(field):
            raise ANIMAL_SPECS[field].refuse("", "enter the animal's weight at implant")
    values.setdefault("animal_id", str(position))
    values["group"] = values.get("group") or DEFAULT_GROUP
    return Animal(**values)


def _without_zero_width(text: str) -> tuple[str, list[Finding]]:
    cleaned = ZERO_WIDTH.sub("", text)
    removed = len(text) - len(cleaned)
    if not removed:
        return text, []
    message = f"Animals: {removed} invisible zero-width character{'s' * (removed > 1)} removed."
    return cleaned, [Finding("value_cleaned", "info", "animals", message, "")]


def _row_finding(line_number: int, error: CohortError, columns=None, cells=None) -> Finding:
    label = error.label
    shown = repr(error.value) if len(repr(error.value)) <= 42 else repr(error.value)[:40] + "…"
    message = f"Animals, line {line_number}: {label} {shown} is not allowed."
    if error.value == "" and columns is not None:
        named = ", ".join(ANIMAL_SPECS[column].title for column in columns if column)
        given = len([cell for cell in cells if cell])
        message = (
            f"Animals, line {line_number}: {label} is missing (the line has {given} of the "
            f"table's {len(columns)} columns: {named})."
        )
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


def _unreadable_line(line_number: int, line: str, error: Exception) -> Finding:
    message = f"Animals, line {line_number}: {shown_value(line)} could not be read ({error})."
    suggestion = "Close or remove the quote mark on this line; the line was left out."
    return Finding("invalid_animal_row", "conflict", "animals", message, suggestion)


def _too_large(text: str) -> Finding:
    message = (
        f"Animals: the table has {len(text):,} characters on {text.count(chr(10)) + 1:,} lines; "
        f"the planner reads up to {MAX_TABLE_CHARACTERS:,} characters ({MAX_ANIMALS:,} animals)."
    )
    return Finding("invalid_animal_table", "conflict", "animals", message, "Split the study.")


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
