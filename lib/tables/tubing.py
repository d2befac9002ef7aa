"""Catheter tubing: internal volume per cm of each tubing (lib/data/catheters.csv)."""

import functools
from dataclasses import dataclass

from lib.tables.reader import DATA_FOLDER, positive_number, read_table, text


@dataclass(frozen=True)
class Tubing:
    name: str
    volume_ul_per_cm: float
    source: str


def load_tubing(path=None) -> dict[str, Tubing]:
    """Read ``lib/data/catheters.csv``: internal volume per cm of each tubing."""
    columns = ("tubing", "volume_ul_per_cm", "source")
    _, rows = read_table(path or DATA_FOLDER / "catheters.csv", columns)
    tubings = [
        Tubing(
            text(row, "tubing", where),
            positive_number(row, "volume_ul_per_cm", where),
            text(row, "source", where),
        )
        for where, row in rows
    ]
    return {tubing.name: tubing for tubing in tubings}


@functools.cache
def shipped_tubing() -> dict[str, Tubing]:
    return load_tubing()
