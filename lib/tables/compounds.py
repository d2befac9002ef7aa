"""The compound table: molecular weight and solubility of each compound in each vehicle."""

import functools
from dataclasses import dataclass
from pathlib import Path

from lib.calc.solubility import Limits
from lib.errors import TableError
from lib.tables.reader import DATA_FOLDER, Column, TableSpec, load_table

COMPOUNDS_PATH = DATA_FOLDER / "compounds.csv"
# The vehicles the app offers; a plan may name another (it then has no solubility figure).
VEHICLE_LABELS = {
    "aCSF": "artificial CSF (aCSF)",
    "saline": "0.9 % saline",
    "water": "sterile water",
}
NUMBER = Column("number", blank=True)
COMPOUND_TABLE = TableSpec(
    title="compound table",
    noun="compound",
    columns={
        "compound": Column(),
        "vehicle": Column(),
        "molecular_weight_g_per_mol": NUMBER,
        "solubility_mg_per_ml": NUMBER,
        "intrathecal_strength_mg_per_ml": NUMBER,
        "verified": Column("yes_no"),
        "source": Column(),
        "notes": Column(blank=True),
    },
    key=("compound", "vehicle"),
)


@dataclass(frozen=True)
class Solubility:
    """One row: how much of ``compound`` dissolves in ``vehicle`` at loading temperature."""

    compound: str
    vehicle: str
    molecular_weight_g_per_mol: float | None
    solubility_mg_per_ml: float | None
    intrathecal_strength_mg_per_ml: float | None
    verified: bool
    source: str
    notes: str = ""


class CompoundTable:
    """Rows of ``compounds.csv`` looked up by compound and vehicle (case-insensitive)."""

    def __init__(self, rows: list[Solubility], provenance: str = ""):
        self.rows = {}
        for row in rows:
            key = (row.compound.lower(), row.vehicle.lower())
            if key in self.rows:
                raise TableError(f"{row.compound} in {row.vehicle} has two rows; give it one.")
            self.rows[key] = row
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

    def limits(
        self, compound: str, vehicle: str, own_solubility_mg_per_ml: float | None = None
    ) -> Limits:
        """The solubility (the scientist's own figure first) and the intrathecal strength."""
        row = self.lookup(compound, vehicle)
        limit = own_solubility_mg_per_ml
        if limit is None and row is not None:
            limit = row.solubility_mg_per_ml
        return Limits(limit, row.intrathecal_strength_mg_per_ml if row else None)


def load_compound_table(path: Path | str | None = None) -> CompoundTable:
    """Read and check ``lib/data/compounds.csv`` (or another file of the same columns)."""
    table = load_table(Path(path) if path else COMPOUNDS_PATH, COMPOUND_TABLE)
    return CompoundTable([Solubility(**row.values) for row in table.rows], table.provenance)


@functools.cache
def shipped_compounds() -> CompoundTable:
    """The shipped compound table, read once per process."""
    return load_compound_table()
