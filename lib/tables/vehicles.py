"""What the pump reservoir holds (``lib/data/vehicles.csv``): each vehicle's kind and whether
the manufacturer's statement, as quoted in SOP-9, allows it: compatible with most drugs and
diluents, not with aliphatic or aromatic hydrocarbons or natural oils (REFERENCE section 4)."""

import functools
from dataclasses import dataclass
from pathlib import Path

from lib.errors import TableError
from lib.tables.reader import DATA_FOLDER, Column, TableSpec, load_table

VEHICLES_PATH = DATA_FOLDER / "vehicles.csv"
COMPATIBILITY = ("yes", "no", "unknown")
VEHICLE_TABLE = TableSpec(
    title="vehicle table",
    noun="vehicle",
    columns={
        "vehicle": Column(),
        "aliases": Column(blank=True),
        "kind": Column(),
        "pump_compatible": Column(),
        "source": Column(),
        "notes": Column(blank=True),
    },
    key=("vehicle",),
)


@dataclass(frozen=True)
class Vehicle:
    name: str
    aliases: tuple[str, ...]
    kind: str
    pump_compatible: str  # yes, no, or unknown (a co-solvent without a verified limit)
    source: str
    notes: str = ""


class VehicleTable:
    """Vehicles looked up by name or alias, case-insensitively."""

    def __init__(self, vehicles: list[Vehicle]):
        self.by_name = {}
        for vehicle in vehicles:
            for name in (vehicle.name, *vehicle.aliases):
                self.by_name[name.strip().lower()] = vehicle

    def lookup(self, name: str) -> Vehicle | None:
        return self.by_name.get(" ".join(name.lower().split()))


def load_vehicles(path: Path | None = None) -> VehicleTable:
    table = load_table(path or VEHICLES_PATH, VEHICLE_TABLE)
    vehicles = []
    for row in table.rows:
        values = row.values
        if values["pump_compatible"] not in COMPATIBILITY:
            raise TableError(
                f"{row.where}: column pump_compatible has value {values['pump_compatible']!r}; "
                f"it must be one of {', '.join(COMPATIBILITY)}."
            )
        aliases = tuple(alias.strip() for alias in values["aliases"].split(";") if alias.strip())
        vehicles.append(
            Vehicle(values["vehicle"], aliases, values["kind"], values["pump_compatible"],
                    values["source"], values["notes"])
        )  # fmt: skip
    return VehicleTable(vehicles)


@functools.cache
def shipped_vehicles() -> VehicleTable:
    return load_vehicles()
