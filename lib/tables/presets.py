"""Growth presets: body weight by age for a strain (``lib/data/growth_presets.csv``)."""

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lib.tables.reader import DATA_FOLDER, Column, TableSpec, load_table

PRESETS_PATH = DATA_FOLDER / "growth_presets.csv"
PRESET_TABLE = TableSpec(
    title="growth presets",
    noun="preset age",
    columns={
        "preset": Column(),
        "label": Column(),
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
    label: str
    species: str
    ages_days: tuple[float, ...]
    weights_g: tuple[float, ...]
    confidence: str
    source: str

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
    rows = sorted(rows, key=lambda row: row["age_days"])
    first = rows[0]
    return GrowthPreset(
        name=name,
        label=first["label"],
        species=first["species"],
        ages_days=tuple(row["age_days"] for row in rows),
        weights_g=tuple(row["body_weight_g"] for row in rows),
        confidence=first["confidence"],
        source=first["source"],
    )


@functools.cache
def shipped_growth_presets() -> dict[str, GrowthPreset]:
    return load_growth_presets()
