"""Growth presets: body weight by age for a strain (lib/data/growth_presets.csv)."""

import functools
from dataclasses import dataclass

import numpy as np

from lib.tables.reader import DATA_FOLDER, positive_number, read_table, text

PRESET_COLUMNS = ("preset", "label", "species", "age_days", "body_weight_g", "confidence", "source")


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


def load_growth_presets(path=None) -> dict[str, GrowthPreset]:
    """Read ``lib/data/growth_presets.csv``: one row per (preset, age)."""
    provenance, rows = read_table(path or DATA_FOLDER / "growth_presets.csv", PRESET_COLUMNS)
    points: dict[str, list] = {}
    for where, row in rows:
        age = positive_number(row, "age_days", where)
        weight = positive_number(row, "body_weight_g", where)
        points.setdefault(text(row, "preset", where), []).append((age, weight, row))
    return {name: _preset(name, sorted(rows, key=lambda p: p[0])) for name, rows in points.items()}


def _preset(name: str, points: list) -> GrowthPreset:
    first_row = points[0][2]
    return GrowthPreset(
        name=name,
        label=first_row["label"],
        species=first_row["species"],
        ages_days=tuple(age for age, _, _ in points),
        weights_g=tuple(weight for _, weight, _ in points),
        confidence=first_row["confidence"],
        source=first_row["source"],
    )


@functools.cache
def shipped_growth_presets() -> dict[str, GrowthPreset]:
    return load_growth_presets()
