"""The animals table, and the table of explanted pumps, as text: pasted from a spreadsheet,
typed, or read from a CSV file. Both are read by the same rules (``TableKind``)."""

import csv
from collections.abc import Callable, Hashable
from dataclasses import dataclass, fields
from typing import Any

from lib.cohort.animals import (
    ANIMAL_SPECS,
    DEFAULT_GROUP,
    EXPLANT_SPECS,
    MAX_ANIMALS,
    Animal,
    Explant,
)
from lib.errors import CohortError, shown_value
from lib.fields import ZERO_WIDTH, FieldSpec
from lib.findings import Finding

ANIMAL_ID = ("animal_id", "animal", "id", "animal id", "name", "rat", "mouse")
RESIDUAL = ("residual_volume_ul", "residual", "residual volume", "residual_ul")
ELAPSED = ("elapsed_days", "elapsed", "days implanted", "days in", "elapsed days")
LOADED = ("loaded_volume_ul", "loaded", "volume loaded", "loaded volume", "fill volume")
MAX_TABLE_CHARACTERS = 1_000_000  # 5,000 animals at up to 200 characters a line
MAX_TABLE_LINES = MAX_ANIMALS + 1_000  # and room for a header, comments and blank lines


@dataclass(frozen=True)
class TableKind:
    """What one kind of table holds. ``names``: the column names a header may use for each field
    (lower case, units stripped); ``by_count``: without a header, the number of columns says what
    they are; ``required``: a line without these is refused, never filled in (field: the fix)."""

    noun: str  # as messages name the table: "Animals"
    field: str  # the cohort field a finding points at
    record: type
    specs: dict[str, FieldSpec]
    names: dict[str, tuple[str, ...]]
    by_count: dict[int, tuple[str, ...]]
    required: dict[str, str]
    key: Callable[[Any], Hashable]
    repeated: str  # the fix when two lines have the same key
    limit: int


ANIMALS = TableKind(
    "Animals",
    "animals",
    Animal,
    ANIMAL_SPECS,
    {
        "animal_id": ANIMAL_ID,
        "group": ("group", "group name", "treatment", "cohort"),
        "body_weight_g": ("body_weight_g", "body weight", "weight", "weight_g", "bw"),
        "residual_volume_ul": RESIDUAL,
        "elapsed_days": ELAPSED,
        "loaded_volume_ul": LOADED,
    },
    {
        1: ("body_weight_g",),
        2: ("animal_id", "body_weight_g"),
        3: ("animal_id", "group", "body_weight_g"),
        5: ("animal_id", "group", "body_weight_g", "residual_volume_ul", "elapsed_days"),
        6: (
            "animal_id",
            "group",
            "body_weight_g",
            "residual_volume_ul",
            "elapsed_days",
            "loaded_volume_ul",
        ),
    },  # fmt: skip
    {"body_weight_g": "enter the animal's weight at implant"},
    lambda animal: animal.animal_id,
    "give each animal its own ID",
    MAX_ANIMALS,
)
EXPLANTS = TableKind(
    "Explanted pumps",
    "explants",
    Explant,
    EXPLANT_SPECS,
    {
        "animal_id": ANIMAL_ID,
        "pump": ("pump", "pump number", "pump_number", "pump no"),
        "residual_volume_ul": RESIDUAL,
        "elapsed_days": ELAPSED,
        "loaded_volume_ul": LOADED,
    },
    {
        4: ("animal_id", "pump", "residual_volume_ul", "elapsed_days"),
        5: ("animal_id", "pump", "residual_volume_ul", "elapsed_days", "loaded_volume_ul"),
    },
    {
        "animal_id": "enter the animal's ID",
        "pump": "enter which pump of the series it was (1 for the first)",
        "residual_volume_ul": "enter the volume aspirated from the pump",
        "elapsed_days": "enter the days the pump was in the animal",
    },
    lambda explant: (explant.animal_id, explant.pump),
    "give each pump of an animal one line",
    MAX_ANIMALS * 2,
)


def parse_animals(text: str) -> tuple[tuple[Animal, ...], list[Finding]]:
    """Animals from pasted or uploaded table text; each unreadable line becomes a finding.

    Each line is one animal: a cell is never continued on the next line, so a stray quote mark
    spoils its own line only. Nothing is filled in: a line without a weight, or with more cells
    than the table has columns, is refused and named.
    """
    return parse_table(text, ANIMALS)


def parse_explants(text: str) -> tuple[tuple[Explant, ...], list[Finding]]:
    """Explanted pumps, one a line (animal, pump, residual, elapsed days, [volume loaded])."""
    return parse_table(text, EXPLANTS)


def parse_table(text: str, kind: TableKind) -> tuple[tuple, list[Finding]]:
    """The records of one kind of table, and a finding for each line left out."""
    text = str(text or "").removeprefix("\ufeff")
    if len(text) > MAX_TABLE_CHARACTERS or text.count("\n") > MAX_TABLE_LINES:
        return (), [_too_large(text, kind)]
    text, notes = _without_zero_width(text, kind)
    rows, problems = _rows(text, kind)
    if not rows:
        return (), problems + notes
    columns, rows, header_problem = _columns(rows, kind)
    if header_problem:
        return (), [header_problem]
    records, seen = [], set()
    for line_number, cells in rows:
        try:
            record = _record_from_cells(columns, cells, len(records) + 1, kind)
        except CohortError as error:
            problems.append(_row_finding(line_number, error, kind, columns, cells))
            continue
        if kind.key(record) in seen:
            repeated = kind.specs["animal_id"].refuse(record.animal_id, kind.repeated)
            problems.append(_row_finding(line_number, repeated, kind))
            continue
        seen.add(kind.key(record))
        records.append(record)
    if len(records) > kind.limit:
        return (), [_too_many(len(records), kind)]
    return tuple(records), problems + notes


def _rows(text: str, kind: TableKind) -> tuple[list[tuple[int, list[str]]], list[Finding]]:
    """Non-empty lines split into cells: tabs (a spreadsheet paste), else ';' or ','."""
    lines = text.splitlines()
    sample = "\n".join(lines[:20])
    delimiter = "\t" if "\t" in sample else ";" if ";" in sample else ","
    rows, problems = [], []
    for line_number, line in enumerate(lines, start=1):
        try:
            (cells,) = csv.reader([line], delimiter=delimiter, strict=True) or [[]]
        except (csv.Error, ValueError) as error:  # an unclosed quote, a cell too long
            problems.append(_unreadable_line(line_number, line, error, kind))
            continue
        cells = [cell.strip() for cell in cells]
        if any(cells) and not cells[0].startswith("#"):
            rows.append((line_number, cells))
    return rows, problems


def _canonical(cell: str, kind: TableKind) -> str | None:
    name = cell.strip().lower().replace("(g)", "").replace("(µl)", "").replace("(ul)", "")
    name = name.replace("(days)", "").strip()
    return next((field for field, names in kind.names.items() if name in names), None)


def _columns(rows, kind: TableKind):
    """The columns, from a header row if the first row names them, else from the count."""
    line_number, first = rows[0]
    named = [_canonical(cell, kind) for cell in first]
    if any(named):
        missing = [field for field in kind.required if field not in named and field != "animal_id"]
        if missing:
            problem = f"has no {kind.specs[missing[0]].label} column"
            return None, rows, _header_finding(line_number, problem, kind)
        return named, rows[1:], None
    count = len(first)
    if count not in kind.by_count:
        return None, rows, _header_finding(line_number, f"has {count} columns", kind)
    return kind.by_count[count], rows, None


def _record_from_cells(columns, cells: list[str], position: int, kind: TableKind):
    """The record of one line; a missing required cell or a cell past the last column is
    refused."""
    if any(cells[len(columns) :]):
        extra = next(cell for cell in cells[len(columns) :] if cell)
        rule = f"give at most {len(columns)} cells on a line, one per column"
        raise CohortError("cells", extra, rule, f"cell {len(columns) + 1}")
    values = {field: cell for field, cell in zip(columns, cells, strict=False) if field}
    if kind.record is Animal:  # an animal without an ID or a group is numbered, in "all"
        values.setdefault("animal_id", str(position))
        values["group"] = values.get("group") or DEFAULT_GROUP
    for field, fix in kind.required.items():
        if not values.get(field):
            raise kind.specs[field].refuse("", fix)
    return kind.record(**values)


def _without_zero_width(text: str, kind: TableKind) -> tuple[str, list[Finding]]:
    cleaned = ZERO_WIDTH.sub("", text)
    removed = len(text) - len(cleaned)
    if not removed:
        return text, []
    count = f"{removed} invisible zero-width character{'s' * (removed > 1)}"
    message = f"{kind.noun}: {count} removed."
    return cleaned, [Finding("value_cleaned", "info", kind.field, message, "")]


def _row_finding(line_number, error: CohortError, kind: TableKind, columns=None, cells=None):
    label = error.label
    shown = repr(error.value) if len(repr(error.value)) <= 42 else repr(error.value)[:40] + "…"
    message = f"{kind.noun}, line {line_number}: {label} {shown} is not allowed."
    if error.value == "" and columns is not None:
        named = ", ".join(kind.specs[column].title for column in columns if column)
        given = len([cell for cell in cells if cell])
        message = (
            f"{kind.noun}, line {line_number}: {label} is missing (the line has {given} of the "
            f"table's {len(columns)} columns: {named})."
        )
    return Finding(
        "invalid_animal_row",
        "conflict",
        kind.field,
        message,
        error.rule[0].upper() + error.rule[1:] + "; the line was left out.",
    )


def _header_finding(line_number: int, problem: str, kind: TableKind) -> Finding:
    expected = " | ".join(", ".join(names) for names in kind.by_count.values())
    message = f"{kind.noun}, line {line_number}: the table {problem}; it was not read."
    suggestion = (
        f"Start with a header row naming the columns ({', '.join(kind.specs)}), or give the "
        f"columns in one of these orders: {expected}."
    )
    return Finding("invalid_animal_table", "conflict", kind.field, message, suggestion)


def _unreadable_line(line_number: int, line: str, error: Exception, kind: TableKind) -> Finding:
    message = f"{kind.noun}, line {line_number}: {shown_value(line)} could not be read ({error})."
    suggestion = "Close or remove the quote mark on this line; the line was left out."
    return Finding("invalid_animal_row", "conflict", kind.field, message, suggestion)


def _too_large(text: str, kind: TableKind) -> Finding:
    message = (
        f"{kind.noun}: the table has {len(text):,} characters on {text.count(chr(10)) + 1:,} "
        f"lines; the planner reads up to {MAX_TABLE_CHARACTERS:,} characters "
        f"({MAX_ANIMALS:,} animals)."
    )
    return Finding("invalid_animal_table", "conflict", kind.field, message, "Split the study.")


def _too_many(count: int, kind: TableKind) -> Finding:
    message = f"{kind.noun}: the table has {count:,} lines; the planner takes up to {kind.limit:,}."
    return Finding("invalid_animal_table", "conflict", kind.field, message, "Split the study.")


def animals_to_text(animals: tuple[Animal, ...]) -> str:
    """The table as the planner shows it (tab-separated, a header row), ready to edit."""
    with_loaded = any(animal.loaded_volume_ul is not None for animal in animals)
    with_explant = with_loaded or any(animal.residual_volume_ul is not None for animal in animals)
    return records_to_text(animals, 6 if with_loaded else 5 if with_explant else 3)


def explants_to_text(explants: tuple[Explant, ...]) -> str:
    return records_to_text(explants, len(EXPLANT_SPECS))


def records_to_text(records: tuple, columns: int) -> str:
    """Records as tab-separated lines under a header row, their first ``columns`` fields."""
    if not records:
        return ""
    names = [field.name for field in fields(records[0])][:columns]
    lines = ["\t".join(names)]
    for record in records:
        values = [getattr(record, name) for name in names]
        lines.append("\t".join("" if value is None else _plain(value) for value in values))
    return "\n".join(lines)


def _plain(value: Any) -> str:
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    return str(value)
