"""Body weights per species (``lib/data/species.csv``): the weight a switch of species starts
from, and the plausible range outside which a weight is questioned as a likely typo."""

import functools
from dataclasses import dataclass
from pathlib import Path

from lib.errors import TableError
from lib.tables.reader import DATA_FOLDER, Column, TableSpec, load_table

SPECIES_PATH = DATA_FOLDER / "species.csv"
QUANTITIES = ("typical", "lowest_plausible", "highest_plausible", "birth")
SPECIES_TABLE = TableSpec(
    title="species weights",
    noun="species weight",
    columns={
        "species": Column(),
        "quantity": Column(),
        "body_weight_g": Column("number"),
        "age_days": Column("number", blank=True, optional=True),
        "confidence": Column(),
        "source": Column(),
    },
    key=("species", "quantity"),
)


@dataclass(frozen=True)
class SpeciesWeights:
    """One species' typical weight and plausible range from weaning (at ``weaning_age_days``)
    to twice the adult weight, and a newborn's weight; each quantity with its source."""

    species: str
    typical_g: float
    lowest_plausible_g: float
    highest_plausible_g: float
    birth_g: float
    sources: dict[str, str]
    weaning_age_days: float | None = None

    def plausible(self, weight_g: float) -> bool:
        return self.lowest_plausible_g <= weight_g <= self.highest_plausible_g

    def pup(self, weight_g: float) -> bool:
        """A weight between a newborn's and weaning: a pup's, or a typo."""
        return self.birth_g <= weight_g < self.lowest_plausible_g


def load_species_weights(path: Path | None = None) -> dict[str, SpeciesWeights]:
    """Read ``lib/data/species.csv``: one row per species and quantity, each quantity once."""
    table = load_table(path or SPECIES_PATH, SPECIES_TABLE)
    rows: dict[str, dict[str, dict]] = {}
    for row in table.rows:
        rows.setdefault(row.values["species"], {})[row.values["quantity"]] = row.values
    return {species: _species(species, quantities) for species, quantities in rows.items()}


def _species(species: str, quantities: dict[str, dict]) -> SpeciesWeights:
    if sorted(quantities) != sorted(QUANTITIES):
        raise TableError(
            f"species.csv: {species} needs exactly the quantities {', '.join(QUANTITIES)}; "
            f"it has {', '.join(quantities)}"
        )
    weights = {name: quantities[name]["body_weight_g"] for name in QUANTITIES}
    return SpeciesWeights(
        species,
        *weights.values(),
        sources={name: quantities[name]["source"] for name in QUANTITIES},
        weaning_age_days=quantities["lowest_plausible"].get("age_days"),
    )


@functools.cache
def shipped_species_weights() -> dict[str, SpeciesWeights]:
    return load_species_weights()
