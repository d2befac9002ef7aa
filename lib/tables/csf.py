"""How much fluid the CSF makes, and the rates published for infusion into it
(``lib/data/csf.csv``, rat and mouse, in uL/h, each row sourced)."""

import functools
from dataclasses import dataclass
from pathlib import Path

from lib.tables.reader import DATA_FOLDER, Column, TableSpec, load_table

CSF_PATH = DATA_FOLDER / "csf.csv"
CSF_TABLE = TableSpec(
    title="CSF table",
    noun="figure",
    columns={
        "species": Column(),
        "quantity": Column(),
        "value_ul_per_hr": Column("number"),
        "verified": Column("yes_no"),
        "source": Column(),
        "notes": Column(blank=True),
    },
    key=("species", "quantity", "value_ul_per_hr", "source"),
)


@dataclass(frozen=True)
class CsfFigure:
    species: str
    quantity: str  # csf_production_rate, typical_it_infusion_rate, typical_icv_infusion_rate
    value_ul_per_hr: float
    verified: bool
    source: str
    notes: str = ""


class CsfTable:
    def __init__(self, figures: list[CsfFigure]):
        self.figures = figures
        # The lowest figure of each kind for each species (the cautious one for production),
        # found once: the advisor asks for it for every model on every change.
        self._lowest: dict[tuple[str, str], CsfFigure] = {}
        for figure in sorted(figures, key=lambda figure: -figure.value_ul_per_hr):
            self._lowest[(figure.species, figure.quantity)] = figure

    def lowest(self, species: str, quantity: str) -> CsfFigure | None:
        return self._lowest.get((species, quantity))


def load_csf_table(path: Path | None = None) -> CsfTable:
    table = load_table(path or CSF_PATH, CSF_TABLE)
    return CsfTable([CsfFigure(**row.values) for row in table.rows])


@functools.cache
def shipped_csf() -> CsfTable:
    return load_csf_table()
