"""The animals table, and the table of explanted pumps, as text: pasted from a spreadsheet,
typed, or read from a CSV file. Both are read by the same rules (``TableKind``)."""

import csv
import re
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
from lib.cohort.headers import HEADER_ALIASES, UNIT_SPELLINGS
from lib.errors import CohortError, shown_value
from lib.fields import ZERO_WIDTH, FieldSpec
from lib.findings import Finding
from lib.formatting import counted, plural

HEADER_CELL = re.compile(r"(.*?)(?:[(\[]([^)\]]*)[)\]])?\s*")  # the name, and a unit in brackets
LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the line breaks a spreadsheet writes
MAX_TABLE_CHARACTERS = 1_000_000  # 5,000 animals at up to 200 characters a line
MAX_TABLE_LINES = MAX_ANIMALS + 1_000  # and room for a header, comments and blank lines


@dataclass(frozen=True)
class TableKind:
    """What one kind of table holds, and how its lines are read."""

    noun: str  # as messages name the table: "Animals"
    field: str  # the cohort field a finding points at
    record: type
    specs: dict[str, FieldSpec]
    by_count: dict[int, tuple[str, ...]]  # without a header, the count of cells says the columns
    required: dict[str, str]  # field -> the fix: a line without it is refused, never filled in
    key: Callable[[Any], Hashable]
    repeated: str  # the fix when two lines have the same key
    limit: int

    def names(self, field: str) -> tuple[str, ...]:
        """The header names of a field, its own first: 'body_weight_g', 'weight', ..."""
        return tuple(dict.fromkeys((field, self.specs[field].label, *HEADER_ALIASES[field])))


ANIMALS = TableKind(
    "Animals",
    "animals",
    Animal,
    ANIMAL_SPECS,
    {1: ("body_weight_g",), 2: ("animal_id", "body_weight_g")}
    | {count: tuple(ANIMAL_SPECS)[:count] for count in (3, 5, 6)},
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
    {count: tuple(EXPLANT_SPECS)[:count] for count in (4, 5)},
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
        size = f"{len(text):,} characters on {text.count(chr(10)) + 1:,} lines"
        return (), [_too_large(size, kind)]
    text, notes = _without_zero_width(text, kind)
    rows, problems = _rows(text, kind)
    if not rows:
        return (), problems + notes
    columns, rows, header_findings = _columns(rows, kind)
    if columns is None:
        return (), header_findings
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
        return (), [_too_large(f"{len(records):,} lines", kind)]
    return tuple(records), header_findings + problems + notes


def _rows(text: str, kind: TableKind) -> tuple[list[tuple[int, list[str]]], list[Finding]]:
    """Non-empty lines split into cells: tabs (a spreadsheet paste), else ';' or ','."""
    lines = LINE_BREAK.split(text)  # not splitlines: it also splits at U+001E or U+2028
    delimiter = next((mark for mark in "\t;" if mark in "\n".join(lines[:20])), ",")
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


def _columns(rows, kind: TableKind):
    """The columns, from a header row if the first row names any, else from the count, and the
    header's findings: an unknown name is left out, and said; other problems refuse the table."""
    line_number, first = rows[0]
    keys = {_header_name(name)[0]: field for field in kind.specs for name in kind.names(field)}
    named = [(cell, keys.get(key), unit) for cell in first for key, unit in [_header_name(cell)]]
    columns = [field for _, field, _ in named]
    if not any(columns):
        if len(first) not in kind.by_count:
            return None, rows, [_header_finding(line_number, f"has {len(first)} columns", "", kind)]
        return kind.by_count[len(first)], rows, []
    if refused := list(_refusals(named, line_number, kind)):
        return None, rows, refused
    unknown = [cell for cell, field, _ in named if cell and not field]
    return columns, rows[1:], _unknown_columns(line_number, unknown, kind)


def _header_name(cell: str) -> tuple[str, str]:
    """A header cell as its words run together, and its unit: 'Residual volume (µL)' and
    'residual_volume_ul' are both ('residualvolume', 'ul')."""
    text = cell.casefold().replace("μ", "u")  # casefold makes the micro sign a Greek mu
    text, unit = HEADER_CELL.fullmatch(text).groups(default="")
    words = re.sub(r"[\W_]+", " ", text).split()
    if not unit and len(words) > 1 and words[-1] in UNIT_SPELLINGS:
        unit = words.pop()
    return "".join(words), "".join(unit.split())


def _refusals(named: list[tuple[str, str | None, str]], line_number: int, kind: TableKind):
    """A finding for each column a header names twice, gives in another unit, or lacks."""
    for field, spec in kind.specs.items():
        given = [cell for cell, column, _ in named if column == field]
        if len(given) > 1:
            twice = f"names {spec.title} twice, as {' and '.join(map(repr, given))}"
            yield _header_finding(line_number, twice, "Keep one of these columns.", kind)
        if not given and field in kind.required and field != "animal_id":
            yield _header_finding(line_number, f"has no {spec.label} column", "", kind)
    for cell, field, unit in named:
        spec = kind.specs.get(field)
        if spec and spec.unit and unit and UNIT_SPELLINGS.get(unit) != spec.unit:
            fix = f"Enter the {spec.label} in {spec.unit}, and name the column {spec.title!r}."
            other = f"gives the {spec.label} in {unit} ({cell!r}), not in {spec.unit}"
            yield _header_finding(line_number, other, fix, kind)


def _record_from_cells(columns, cells: list[str], position: int, kind: TableKind):
    """The record of one line; a missing required cell or one past the last column is refused."""
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
    message = f"{kind.noun}: {counted(removed, 'invisible zero-width character')} removed."
    return cleaned, [Finding("value_cleaned", "info", kind.field, message, "")]


def _row_finding(line_number, error: CohortError, kind: TableKind, columns=None, cells=None):
    label = error.label
    shown = repr(error.value) if len(repr(error.value)) <= 42 else repr(error.value)[:40] + "…"
    message = f"{kind.noun}, line {line_number}: {label} {shown} is not allowed."
    if error.value == "" and columns is not None:  # the columns left out are not counted
        named = [kind.specs[column].title for column in columns if column]
        given = sum(bool(cell) for column, cell in zip(columns, cells, strict=False) if column)
        message = (
            f"{kind.noun}, line {line_number}: {label} is missing (the line has {given} of the "
            f"table's {len(named)} columns: {', '.join(named)})."
        )
    rule = error.rule[0].upper() + error.rule[1:] + "; the line was left out."
    return Finding("invalid_animal_row", "conflict", kind.field, message, rule)


def _header_finding(line_number: int, problem: str, fix: str, kind: TableKind) -> Finding:
    expected = " | ".join(", ".join(names) for names in kind.by_count.values())
    message = f"{kind.noun}, line {line_number}: the table {problem}; it was not read."
    fix = fix or (
        f"Start with a header row naming the columns ({', '.join(kind.specs)}), or give the "
        f"columns in one of these orders: {expected}."
    )
    return Finding("invalid_animal_table", "conflict", kind.field, message, fix)


def _unknown_columns(line_number: int, cells: list[str], kind: TableKind) -> list[Finding]:
    """A caution naming the columns left out, with the names each column is read by."""
    if not cells:
        return []
    message = (
        f"{kind.noun}, line {line_number}: {plural('column', len(cells))} "
        f"{', '.join(map(repr, cells))} left out: the planner reads no column by that name."
    )
    accepted = "; ".join(
        f"{spec.title}: {', '.join(kind.names(name))}" for name, spec in kind.specs.items()
    )
    fix = f"To read a column, name it as one of these (any case, a unit in brackets): {accepted}."
    return [Finding("column_not_read", "caution", kind.field, message, fix)]


def _unreadable_line(line_number: int, line: str, error: Exception, kind: TableKind) -> Finding:
    message = f"{kind.noun}, line {line_number}: {shown_value(line)} could not be read ({error})."
    suggestion = "Close or remove the quote mark on this line; the line was left out."
    return Finding("invalid_animal_row", "conflict", kind.field, message, suggestion)


def _too_large(size: str, kind: TableKind) -> Finding:
    limit = f"{MAX_TABLE_CHARACTERS:,} characters, {kind.limit:,} {kind.noun.lower()}"
    message = f"{kind.noun}: the table has {size}; the planner reads up to {limit}."
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
    rows = [names, *([getattr(record, name) for name in names] for record in records)]
    return "\n".join("\t".join(map(_plain, row)) for row in rows)


def _plain(value: Any) -> str:
    """A cell as it would be typed: 250 for 250.0, nothing for None."""
    if value is None:
        return ""
    return repr(value).removesuffix(".0") if isinstance(value, float) else str(value)
