"""The compound table: what labs weigh and its molecular weights, solubility per vehicle, stability
at body temperature, changes of effect over a chronic infusion and marketed CNS products, read
from the files of ``lib/data/`` named in ``lib.tables.compound_facts.FILES``.

A compound is found by its name or a synonym, in any case. A vehicle without a figure of its own
that is aqueous (``vehicles.csv``) takes the compound's figure in water, marked as applied.
"""

import functools
from dataclasses import replace
from pathlib import Path

from lib.errors import TableError
from lib.tables.compound_facts import (
    CHANGES,
    FIGURES,
    FILES,
    SOLUBILITY_TERMS,
    SUPPLIED_AS,
    Compound,
    EffectChange,
    Product,
    Solubility,
    Stability,
    Vial,
)
from lib.tables.reader import DATA_FOLDER, Row, load_table
from lib.tables.vehicles import shipped_vehicles

# The vehicles the page offers first; a plan may name any other.
VEHICLE_LABELS = {
    "aCSF": "artificial CSF (aCSF)",
    "saline": "0.9 % saline",
    "water": "sterile water",
    "PBS": "phosphate-buffered saline (PBS)",
}
ROUTES = ("", "sc", "ip", "it", "icv")
SPECIES = ("", "rat", "mouse")


def _key(name: str) -> str:
    return " ".join(str(name).lower().split())


class CompoundTable:
    """The compound files read together, looked up by compound name or synonym."""

    def __init__(self, compounds, solubility=(), stability=(), effects=(), products=(), vials=()):
        self.by_name: dict[str, Compound] = {}
        for compound in compounds:
            for name in compound.names:
                self._add_name(name, compound)
        self.solubility = {(_key(row.compound), _key(row.vehicle)): row for row in solubility}
        self.stability_rows, self.effect_rows = tuple(stability), tuple(effects)
        self.product_rows, self.vial_rows = tuple(products), tuple(vials)
        # Each compound's facts, found once here rather than on every evaluation.
        self._facts = {
            kind: _by_compound(rows)
            for kind, rows in (
                ("stability", self.stability_rows),
                ("effects", self.effect_rows),
                ("products", self.product_rows),
                ("vials", self.vial_rows),
            )
        }

    def _add_name(self, name: str, compound: Compound) -> None:
        earlier = self.by_name.get(_key(name))
        if earlier is not None and earlier is not compound:
            raise TableError(
                f"the name {name!r} is given to {earlier.compound} and to {compound.compound}; "
                "give each name to one compound."
            )
        self.by_name[_key(name)] = compound

    @property
    def compounds(self) -> list[str]:
        """The compounds' own names, in file order."""
        return list(dict.fromkeys(compound.compound for compound in self.by_name.values()))

    def find(self, name: str | None) -> Compound | None:
        return self.by_name.get(_key(name)) if name else None

    def knows(self, name: str) -> bool:
        return self.find(name) is not None

    def canonical(self, name: str) -> str:
        found = self.find(name)
        return found.compound if found else name

    def lookup(self, name: str, vehicle: str) -> Solubility | None:
        """The solubility row for a compound in a vehicle; for an aqueous vehicle without one,
        the figure in water, marked ``applied_from`` water."""
        compound = _key(self.canonical(name))
        row = self.solubility.get((compound, _key(vehicle)))
        if row is not None:
            return row
        kind = shipped_vehicles().lookup(vehicle)
        water = self.solubility.get((compound, "water"))
        if water is None or kind is None or kind.kind != "aqueous":
            return None
        return replace(water, vehicle=vehicle, verified=False, applied_from="water")

    def stability(self, name: str) -> list[Stability]:
        return self._facts_of("stability", name)

    def effects(self, name: str) -> list[EffectChange]:
        return self._facts_of("effects", name)

    def products(self, name: str) -> list[Product]:
        return self._facts_of("products", name)

    def vials(self, name: str) -> list[Vial]:
        """The vials the compound is sold in, smallest first (supply.csv)."""
        return sorted(self._facts_of("vials", name), key=lambda vial: vial.vial_mg)

    def _facts_of(self, kind: str, name: str) -> list:
        return list(self._facts[kind].get(_key(self.canonical(name)), ()))


def _by_compound(rows) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for row in rows:
        grouped.setdefault(_key(row.compound), []).append(row)
    return grouped


def load_compound_table(folder: Path | str | None = None) -> CompoundTable:
    """Read and check the compound files of ``lib/data/`` (or of another folder holding the
    same files; a folder without a fact file has none of those facts)."""
    folder = Path(folder) if folder else DATA_FOLDER
    tables = {
        name: load_table(folder / name, spec)
        for name, spec in FILES.items()
        if name == "compounds.csv" or (folder / name).exists()
    }
    compounds = [_compound(row) for row in tables["compounds.csv"].rows]
    table = CompoundTable(compounds)
    facts = {name: [] for name in FILES}
    readers = {
        "solubility.csv": _solubility,
        "stability.csv": _stability,
        "effects.csv": _effect,
        "products.csv": _product,
        "supply.csv": _vial,
    }
    for name, reader in readers.items():
        for row in tables[name].rows if name in tables else ():
            _check_known(table, row)
            facts[name].append(reader(row))
    return CompoundTable(
        compounds,
        facts["solubility.csv"],
        facts["stability.csv"],
        facts["effects.csv"],
        facts["products.csv"],
        facts["supply.csv"],
    )


def _refuse(row: Row, column: str, value, rule: str) -> TableError:
    return TableError(f"{row.where}: column {column} has value {value!r}; it must be {rule}.")


def _check_known(table: CompoundTable, row: Row) -> None:
    name = row.values["compound"]
    if not table.knows(name):
        raise _refuse(row, "compound", name, "a compound of compounds.csv (a name or synonym)")


def _compound(row: Row) -> Compound:
    values = dict(row.values)
    synonyms = tuple(name.strip() for name in values.pop("synonyms").split(";") if name.strip())
    if bool(values["free_base"]) != bool(values["free_base_molecular_weight_g_per_mol"]):
        raise _refuse(
            row, "free_base_molecular_weight_g_per_mol",
            values["free_base_molecular_weight_g_per_mol"],
            "given exactly when free_base names the free base",
        )  # fmt: skip
    return Compound(synonyms=synonyms, **values)


def _solubility(row: Row) -> Solubility:
    values = row.values
    term = values["solubility_term"]
    if term and term not in SOLUBILITY_TERMS:
        raise _refuse(row, "solubility_term", term, f"one of {', '.join(SOLUBILITY_TERMS)}")
    if not term and values["solubility_mg_per_ml"] is None:
        raise _refuse(row, "solubility_mg_per_ml", "", "a figure, or a solubility_term given")
    if values["solubility_mg_per_ml"] is not None and values["figure"] not in FIGURES:
        raise _refuse(row, "figure", values["figure"], f"one of {', '.join(FIGURES)}")
    return Solubility(**values)


def _stability(row: Row) -> Stability:
    return Stability(**row.values)


def _effect(row: Row) -> EffectChange:
    values = row.values
    for column, allowed in (("route", ROUTES), ("species", SPECIES), ("change", CHANGES)):
        if values[column] not in allowed:
            shown = ", ".join(choice or "empty" for choice in allowed)
            raise _refuse(row, column, values[column], f"one of {shown}")
    return EffectChange(**values)


def _product(row: Row) -> Product:
    if row.values["route"] not in ROUTES[1:]:
        raise _refuse(row, "route", row.values["route"], f"one of {', '.join(ROUTES[1:])}")
    return Product(**row.values)


def _vial(row: Row) -> Vial:
    if row.values["supplied_as"] not in SUPPLIED_AS:
        raise _refuse(row, "supplied_as", row.values["supplied_as"], f"one of {SUPPLIED_AS}")
    if not row.values["vial_mg"] > 0:
        raise _refuse(row, "vial_mg", row.values["vial_mg"], "a mass above 0 mg")
    return Vial(**row.values)


@functools.cache
def shipped_compounds() -> CompoundTable:
    """The shipped compound table, read once per process."""
    return load_compound_table()
