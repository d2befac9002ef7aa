"""Catheter tubing: internal volume per cm of each tubing (``lib/data/catheters.csv``)."""

import functools
from dataclasses import dataclass
from pathlib import Path

from lib.tables.reader import DATA_FOLDER, Column, TableSpec, load_table

TUBING_PATH = DATA_FOLDER / "catheters.csv"
TUBING_TABLE = TableSpec(
    title="catheter tubing",
    noun="tubing",
    columns={"tubing": Column(), "volume_ul_per_cm": Column("number"), "source": Column()},
    key=("tubing",),
)


@dataclass(frozen=True)
class Tubing:
    name: str
    volume_ul_per_cm: float
    source: str


def load_tubing(path: Path | None = None) -> dict[str, Tubing]:
    """Read ``lib/data/catheters.csv``: internal volume per cm of each tubing."""
    table = load_table(path or TUBING_PATH, TUBING_TABLE)
    tubings = [Tubing(*row.values.values()) for row in table.rows]
    return {tubing.name: tubing for tubing in tubings}


@functools.cache
def shipped_tubing() -> dict[str, Tubing]:
    return load_tubing()
