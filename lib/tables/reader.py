"""One strict reader for every data file: a '#' provenance line, a header row, typed rows.

A problem raises the table's error (``TableError``, or ``CatalogError`` for the pump catalogue)
naming the file line, the data row and its key, the column, the value and the rule, so the file
can be fixed in a spreadsheet, for example ``pump_specs.csv line 4 (row 2, model 2002): column
rate_ul_per_hr has value '-0.5'; it must be a finite number above 0.`` Blank lines are skipped,
unknown columns ignored, and two rows with the same key refused (case-insensitively).
"""

import csv
import io
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from lib.errors import TableError
from lib.formatting import plural, verb_for

DATA_FOLDER = Path(__file__).resolve().parents[1] / "data"
MAX_FILE_BYTES = 1_000_000
YES_NO = {"yes": True, "true": True, "no": False, "false": False}
RULES = {
    "text": "non-empty text",
    "number": "a finite number above 0",
    "yes_no": "one of yes, no, true, false",
}


@dataclass(frozen=True)
class Column:
    """How to read one column: ``kind`` is text, number (finite, above 0) or yes_no.

    ``blank``: an empty cell is allowed (None for a number, '' for text). ``optional``: the header
    may leave the column out (every cell is then blank).
    """

    kind: str = "text"
    blank: bool = False
    optional: bool = False


@dataclass(frozen=True)
class TableSpec:
    """What a file must hold: its columns, the columns that make a row unique, and names for
    messages (``title``: 'pump catalogue'; ``noun``: what one row is, 'pump')."""

    title: str
    noun: str
    columns: Mapping[str, Column]
    key: tuple[str, ...]
    error: type[TableError] = TableError


@dataclass(frozen=True)
class Row:
    """A data row: its cells converted, and where it stands for messages."""

    values: dict[str, object]
    where: str


@dataclass(frozen=True)
class Table:
    provenance: str
    rows: tuple[Row, ...]


def load_table(path: Path, spec: TableSpec) -> Table:
    """Read a file: it must exist, be at most 1 MB and be UTF-8 (a byte-order mark is allowed)."""
    data = _read_bytes(path, spec)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise spec.error(
            f"{path.name} line {line}: byte 0x{data[error.start]:02x} is not UTF-8 text; "
            "save the file as UTF-8 (in Excel: CSV UTF-8)."
        ) from None
    return parse_table(text, path.name, spec)


def _read_bytes(path: Path, spec: TableSpec) -> bytes:
    try:
        check_size(path.stat().st_size, path.name, spec)
        return path.read_bytes()
    except FileNotFoundError:
        raise spec.error(f"{spec.title} file {path} not found.") from None
    except OSError as error:
        raise spec.error(f"{spec.title} file {path} cannot be read: {error}.") from None


def check_size(size_bytes: int, name: str, spec: TableSpec) -> None:
    if size_bytes > MAX_FILE_BYTES:
        raise spec.error(f"{name} is {size_bytes:,} bytes; the limit is 1 MB ({MAX_FILE_BYTES:,}).")


def parse_table(text: str, name: str, spec: TableSpec) -> Table:
    """Read table text; ``name`` labels the messages."""
    check_size(len(text.encode("utf-8", "replace")), name, spec)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise spec.error(
            f"{name} is empty; it must start with a '#' provenance line, then a header row "
            f"and one row per {spec.noun}."
        )
    stream = io.StringIO(text, newline="")
    provenance = _provenance(stream.readline(), name, spec)
    records = _records(stream, name, spec)
    header = _header(records, name, spec)
    rows = tuple(_rows(records, header, name, spec))
    if not rows:
        raise spec.error(
            f"{name} has a header but no {spec.noun} rows; add one row per {spec.noun}."
        )
    return Table(provenance, rows)


def _provenance(first_line: str, name: str, spec: TableSpec) -> str:
    provenance = first_line.strip().removeprefix("#").strip()
    if not first_line.startswith("#") or not provenance:
        raise spec.error(
            f"{name} line 1: found {first_line.strip()[:60]!r}; the first line must be a '#' "
            "provenance line saying what the file is, its version and its date."
        )
    return provenance


def _records(stream: io.StringIO, name: str, spec: TableSpec) -> Iterator[tuple[int, list[str]]]:
    """Non-blank CSV records with the file line each starts on (line 1 is the provenance)."""
    reader = csv.reader(stream, strict=True)
    start_line = 2
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield start_line, [cell.strip() for cell in cells]
            start_line = reader.line_num + 2
    except csv.Error as error:
        message = f"{name} line {start_line}: not readable as CSV ({error}); check the quotes."
        raise spec.error(message) from None


def _header(records, name: str, spec: TableSpec) -> list[str]:
    line, header = next(records, (2, []))
    required = [column for column, rule in spec.columns.items() if not rule.optional]
    missing = [column for column in required if column not in header]
    if missing:
        columns = f"{plural('column', len(missing))} {', '.join(missing)}"
        problem = f"required {columns} missing" if header else "no header"
        optional = [column for column, rule in spec.columns.items() if rule.optional]
        also = f" ({', '.join(optional)} and other columns are optional)" if optional else ""
        raise spec.error(
            f"{name} line {line} (header): {problem}; the header must name "
            f"{', '.join(required)}{also}."
        )
    repeated = sorted({column for column in header if column and header.count(column) > 1})
    if repeated:
        columns = f"{plural('column', len(repeated))} {', '.join(repeated)}"
        verb = verb_for(len(repeated), "repeats", "repeat")
        raise spec.error(f"{name} line {line} (header): {columns} {verb}.")
    return header


def _rows(records, header: list[str], name: str, spec: TableSpec) -> Iterator[Row]:
    first_seen: dict[tuple, str] = {}
    for number, (line, cells) in enumerate(records, start=1):
        cells_by_column = dict(zip(header, cells, strict=False))
        key = tuple(cells_by_column.get(column, "") for column in spec.key)
        labels = [f"{column} {cell}" for column, cell in zip(spec.key, key, strict=True) if cell]
        where = f"{name} line {line} ({', '.join([f'row {number}', *labels])})"
        try:
            _check_cell_count(cells, header)
            values = {
                column: convert_cell(column, cells_by_column.get(column, ""), rule)
                for column, rule in spec.columns.items()
            }
            _check_unique(spec, key, first_seen)
        except TableError as error:
            raise spec.error(f"{where}: {error}") from None
        first_seen[tuple(cell.casefold() for cell in key)] = f"row {number} (line {line})"
        yield Row(values, where)


def _check_cell_count(cells: list[str], header: list[str]) -> None:
    if len(cells) > len(header):
        raise TableError(
            f"the row has {len(cells)} cells but the header has {len(header)} columns "
            f"(extra value {cells[len(header)]!r}); quote any cell that contains a comma."
        )


def _check_unique(spec: TableSpec, key: tuple[str, ...], first_seen: dict) -> None:
    earlier = first_seen.get(tuple(cell.casefold() for cell in key))
    if earlier is None:
        return
    if len(key) == 1:
        rule = f"unique, but {earlier} already defines it"
        raise TableError(rule_message(spec.key[0], key[0], rule))
    raise TableError(
        f"columns {', '.join(spec.key)} have values {', '.join(map(repr, key))}; together they "
        f"must be unique, but {earlier} already defines them."
    )


def rule_message(column: str, value: object, rule: str) -> str:
    shown = "is blank" if value == "" else f"has value {value!r}"
    return f"column {column} {shown}; it must be {rule}."


def is_positive_finite(value: object) -> bool:
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return is_number and math.isfinite(value) and value > 0


def convert_cell(column: str, cell: str, rule: Column) -> object:
    """A cell's value by its column's kind; a blank cell is None ('' for text) where allowed."""
    if not cell and rule.blank:
        return "" if rule.kind == "text" else None
    if rule.kind == "number":
        try:
            number = float(cell)
        except ValueError:
            number = math.nan
        if not is_positive_finite(number):
            raise TableError(rule_message(column, cell, RULES["number"]))
        return number
    if rule.kind == "yes_no":
        if cell.casefold() not in YES_NO:
            raise TableError(rule_message(column, cell, RULES["yes_no"]))
        return YES_NO[cell.casefold()]
    if not cell:
        raise TableError(rule_message(column, cell, RULES["text"]))
    return cell
