"""Reading the small data tables in lib/data/: a '#' provenance line, a header, rows."""

import csv
import io
import math
from pathlib import Path

from lib.tables.pumps import CatalogError

DATA_FOLDER = Path(__file__).resolve().parents[1] / "data"


def read_table(path: Path, columns: tuple[str, ...]) -> tuple[str, list[tuple[str, dict]]]:
    """The provenance text and the rows, each with where it stands (``name.csv line N``).

    Raises ``CatalogError`` naming the file when the provenance line or a column is missing.
    """
    text = path.read_text(encoding="utf-8")
    first_line, _, body = text.partition("\n")
    if not first_line.startswith("#"):
        raise CatalogError(f"{path.name} line 1: the '#' provenance line is missing")
    reader = csv.DictReader(io.StringIO(body))
    missing = [column for column in columns if column not in (reader.fieldnames or [])]
    if missing:
        raise CatalogError(f"{path.name}: missing columns {', '.join(missing)}")
    rows = [(f"{path.name} line {number + 3}", row) for number, row in enumerate(reader)]
    return first_line.lstrip("# ").strip(), rows


def positive_number(row: dict, column: str, where: str, optional: bool = False) -> float | None:
    """A cell that must hold a finite number above 0 (or be blank, when optional)."""
    cell = (row.get(column) or "").strip()
    if optional and not cell:
        return None
    try:
        number = float(cell)
    except ValueError:
        number = math.nan
    if not (math.isfinite(number) and number > 0):
        raise CatalogError(
            f"{where}: column {column} has value {cell!r}; it must be a number above 0"
        )
    return number


def text(row: dict, column: str, where: str) -> str:
    """A cell that must not be blank."""
    cell = (row.get(column) or "").strip()
    if not cell:
        raise CatalogError(f"{where}: column {column} must not be empty")
    return cell
