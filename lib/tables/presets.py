"""Growth presets: body weight by age for a strain (``lib/data/growth_presets.csv``)."""

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lib.errors import TableError
from lib.tables.reader import DATA_FOLDER, Column, TableSpec, load_table

PRESETS_PATH = DATA_FOLDER / "growth_presets.csv"
PRESET_TABLE = TableSpec(
    title="growth presets",
    noun="preset age",
    columns={
        "preset": Column(),
        "description": Column(),
        "species": Column(),
        "age_days": Column("number"),
        "body_weight_g": Column("number"),
        "confidence": Column(),
        "source": Column(),
    },
    key=("preset", "age_days"),
)


@dataclass(frozen=True)
class GrowthPreset:
    """A growth curve: body weight at each age, with its source and how far to trust it."""

    name: str
    description: str
    species: str
    ages_days: tuple[float, ...]
    weights_g: tuple[float, ...]
    confidence: str
    source: str

    @property
    def label(self) -> str:
        """Named by the ages its data cover: 'Sprague-Dawley rat, male (61 to 80.5 days)'."""
        return f"{self.description} ({self.ages_days[0]:g} to {self.ages_days[-1]:g} days)"

    def weight_g_at_age(self, age_days):
        """Weight on the curve; before the first and after the last age it is held."""
        return np.interp(age_days, self.ages_days, self.weights_g)


def load_growth_presets(path: Path | None = None) -> dict[str, GrowthPreset]:
    """Read ``lib/data/growth_presets.csv``: one row per (preset, age)."""
    table = load_table(path or PRESETS_PATH, PRESET_TABLE)
    points: dict[str, list[dict]] = {}
    for row in table.rows:
        points.setdefault(row.values["preset"], []).append(row.values)
    return {name: _preset(name, rows) for name, rows in points.items()}


def _preset(name: str, rows: list[dict]) -> GrowthPreset:
    """A curve needs two ages at least: a single weight grows nothing."""
    rows = sorted(rows, key=lambda row: row["age_days"])
    if len(rows) < 2:
        raise TableError(f"growth preset {name!r} has one age; give it two or more.")
    first = rows[0]
    return GrowthPreset(
        name=name,
        description=first["description"],
        species=first["species"],
        ages_days=tuple(row["age_days"] for row in rows),
        weights_g=tuple(row["body_weight_g"] for row in rows),
        confidence=first["confidence"],
        source=first["source"],
    )


@functools.cache
def shipped_growth_presets() -> dict[str, GrowthPreset]:
    return load_growth_presets()
