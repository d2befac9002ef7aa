"""The compound table: molecular weight and solubility of each compound in each vehicle."""

import functools
from dataclasses import dataclass
from pathlib import Path

from lib.plan import Plan
from lib.tables.reader import DATA_FOLDER, positive_number, read_table, text

COMPOUNDS_PATH = DATA_FOLDER / "compounds.csv"
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


def _row_to_solubility(row: dict[str, str], where: str) -> Solubility:
    numbers = {
        column: positive_number(row, column, where, optional=True) for column in COLUMNS[2:5]
    }
    return Solubility(
        compound=text(row, "compound", where),
        vehicle=(row.get("vehicle") or "").strip(),
        verified=(row.get("verified") or "").strip().lower() in ("yes", "true"),
        source=text(row, "source", where),
        notes=(row.get("notes") or "").strip(),
        **numbers,
    )


def load_compound_table(path: Path | str | None = None) -> CompoundTable:
    """Read and check ``lib/data/compounds.csv`` (or another file of the same columns)."""
    provenance, rows = read_table(Path(path) if path else COMPOUNDS_PATH, COLUMNS)
    return CompoundTable([_row_to_solubility(row, where) for where, row in rows], provenance)


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
