"""The compound table: molecular weight and solubility of each compound in each vehicle."""

import csv
import functools
import io
import math
from dataclasses import dataclass
from pathlib import Path

from lib.catalog import CatalogError
from lib.plan import Plan

COMPOUNDS_PATH = Path(__file__).resolve().parent / "data" / "compounds.csv"
# The vehicles the app offers; a plan may name another (it then has no solubility figure).
VEHICLE_LABELS = {
    "aCSF": "artificial CSF (aCSF)",
    "saline": "0.9 % saline",
    "water": "sterile water",
}
COLUMNS = (
    "compound",
    "vehicle",
    "molecular_weight_g_per_mol",
    "solubility_mg_per_ml",
    "caution_above_mg_per_ml",
    "verified",
    "source",
    "notes",
)


@dataclass(frozen=True)
class Solubility:
    """One row: how much of ``compound`` dissolves in ``vehicle`` at loading temperature."""

    compound: str
    vehicle: str
    molecular_weight_g_per_mol: float | None
    solubility_mg_per_ml: float | None
    caution_above_mg_per_ml: float | None
    verified: bool
    source: str
    notes: str = ""


class CompoundTable:
    """Rows of ``compounds.csv`` looked up by compound and vehicle (case-insensitive)."""

    def __init__(self, rows: list[Solubility], provenance: str = ""):
        self.rows = {(row.compound.lower(), row.vehicle.lower()): row for row in rows}
        self.provenance = provenance

    @property
    def compounds(self) -> list[str]:
        return list(dict.fromkeys(row.compound for row in self.rows.values()))

    def lookup(self, compound: str, vehicle: str) -> Solubility | None:
        return self.rows.get((compound.lower(), vehicle.lower()))

    def knows(self, compound: str) -> bool:
        return any(name == compound.lower() for name, _ in self.rows)

    def molecular_weight_g_per_mol(self, compound: str) -> float | None:
        weights = [
            row.molecular_weight_g_per_mol
            for (name, _), row in self.rows.items()
            if name == compound.lower() and row.molecular_weight_g_per_mol
        ]
        return weights[0] if weights else None


def _optional_positive(cell: str, where: str, column: str) -> float | None:
    if not cell.strip():
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


def _row_to_solubility(row: dict[str, str], where: str) -> Solubility:
    numbers = {
        column: _optional_positive(row.get(column) or "", where, column) for column in COLUMNS[2:5]
    }
    if not (row.get("compound") or "").strip() or not (row.get("source") or "").strip():
        raise CatalogError(f"{where}: columns compound and source must not be empty")
    return Solubility(
        compound=row["compound"].strip(),
        vehicle=(row.get("vehicle") or "").strip(),
        verified=(row.get("verified") or "").strip().lower() in ("yes", "true"),
        source=row["source"].strip(),
        notes=(row.get("notes") or "").strip(),
        **numbers,
    )


def load_compound_table(path: Path | str | None = None) -> CompoundTable:
    """Read and check ``lib/data/compounds.csv`` (or another file of the same columns)."""
    path = Path(path) if path else COMPOUNDS_PATH
    text = path.read_text(encoding="utf-8")
    first_line, _, body = text.partition("\n")
    if not first_line.startswith("#"):
        raise CatalogError(f"{path.name} line 1: the '#' provenance line is missing")
    reader = csv.DictReader(io.StringIO(body))
    missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise CatalogError(f"{path.name}: missing columns {', '.join(missing)}")
    rows = [
        _row_to_solubility(row, f"{path.name} line {number + 3}")
        for number, row in enumerate(reader)
    ]
    return CompoundTable(rows, provenance=first_line.lstrip("# ").strip())


@functools.cache
def shipped_compounds() -> CompoundTable:
    """The shipped compound table, read once per process."""
    return load_compound_table()


def solubility_limits_mg_per_ml(
    plan: Plan, compounds: CompoundTable
) -> tuple[float | None, float | None]:
    """The solubility ceiling (the scientist's own figure first) and the caution threshold."""
    row = compounds.lookup(plan.compound, plan.vehicle)
    limit = plan.solubility_mg_per_ml
    if limit is None and row is not None:
        limit = row.solubility_mg_per_ml
    return limit, row.caution_above_mg_per_ml if row else None
