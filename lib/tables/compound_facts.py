"""The facts kept per compound, one file each in ``lib/data/`` (see its README): what is weighed and
its molecular weights, solubility per vehicle, stability at body temperature, changes of effect
over a chronic infusion, and the marketed products for the routes into the CNS.

Every row carries its ``source`` and whether it was ``verified`` at that source.
"""

from dataclasses import dataclass

from lib.tables.reader import Column, TableSpec

TEXT = Column()
OPTIONAL_TEXT = Column(blank=True)
NUMBER = Column("number")
OPTIONAL_NUMBER = Column("number", blank=True)
SOURCE = {"verified": Column("yes_no"), "source": TEXT, "notes": OPTIONAL_TEXT}

COMPOUNDS = TableSpec(
    title="compound table",
    noun="compound",
    columns={
        "compound": TEXT,
        "synonyms": OPTIONAL_TEXT,
        "category": TEXT,
        "weighed_form": TEXT,
        "molecular_weight_g_per_mol": OPTIONAL_NUMBER,
        "free_base": OPTIONAL_TEXT,
        "free_base_molecular_weight_g_per_mol": OPTIONAL_NUMBER,
        "free_base_per_formula_unit": OPTIONAL_NUMBER,
        **SOURCE,
    },
    key=("compound",),
)
SOLUBILITY = TableSpec(
    title="solubility table",
    noun="compound in a vehicle",
    columns={
        "compound": TEXT,
        "vehicle": TEXT,
        "solubility_mg_per_ml": OPTIONAL_NUMBER,
        "figure": OPTIONAL_TEXT,
        "solubility_term": OPTIONAL_TEXT,
        "temperature_c": OPTIONAL_NUMBER,
        "form": OPTIONAL_TEXT,
        **SOURCE,
    },
    key=("compound", "vehicle"),
)
STABILITY = TableSpec(
    title="stability table",
    noun="finding",
    columns={
        "compound": TEXT,
        "vehicle": TEXT,
        "temperature_c": NUMBER,
        "stable_days": OPTIONAL_NUMBER,
        "criterion": TEXT,
        **SOURCE,
    },
    key=("compound", "vehicle", "temperature_c", "source"),
)
EFFECTS = TableSpec(
    title="table of effect changes",
    noun="finding",
    columns={
        "compound": TEXT,
        "route": OPTIONAL_TEXT,
        "species": OPTIONAL_TEXT,
        "change": TEXT,
        "onset_days": OPTIONAL_NUMBER,
        **SOURCE,
    },
    key=("compound", "route", "species", "change", "source"),
)
PRODUCTS = TableSpec(
    title="product table",
    noun="product",
    columns={
        "compound": TEXT,
        "product": TEXT,
        "route": TEXT,
        "vehicle": TEXT,
        "highest_strength_mg_per_ml": NUMBER,
        **SOURCE,
    },
    key=("compound", "product"),
)
SUPPLY = TableSpec(
    title="supply table",
    noun="vial",
    columns={
        "compound": TEXT,
        "supplied_as": TEXT,
        "vial_mg": NUMBER,
        "product": TEXT,
        **SOURCE,
    },
    key=("compound", "vial_mg"),
)
# Each file's spec and the record its rows become, by file name.
FILES = {
    "compounds.csv": COMPOUNDS,
    "solubility.csv": SOLUBILITY,
    "stability.csv": STABILITY,
    "effects.csv": EFFECTS,
    "products.csv": PRODUCTS,
    "supply.csv": SUPPLY,
}
SUPPLIED_AS = ("lyophilised vial",)
CHANGES = ("tolerance", "sensitisation", "dependence")
FIGURES = ("saturation", "at least")


@dataclass(frozen=True)
class Compound:
    """What is weighed: ``weighed_form`` with its molecular weight, and the free base (or free
    acid) it holds ``free_base_per_formula_unit`` times (morphine sulfate holds two morphines)."""

    compound: str
    synonyms: tuple[str, ...]
    category: str
    weighed_form: str
    molecular_weight_g_per_mol: float | None
    free_base: str
    free_base_molecular_weight_g_per_mol: float | None
    free_base_per_formula_unit: float | None
    verified: bool
    source: str
    notes: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.compound, *self.synonyms)

    @property
    def is_salt(self) -> bool:
        """The form weighed is not the free form itself (it has a free base to dose as)."""
        return bool(self.free_base)


@dataclass(frozen=True)
class Solubility:
    """How much of ``compound`` dissolves in ``vehicle``: a figure (``figure``: ``saturation``,
    or ``at least`` for a strength known to dissolve), a pharmacopoeial term, or both.
    ``applied_from`` names the vehicle whose figure stands in when none was found."""

    compound: str
    vehicle: str
    solubility_mg_per_ml: float | None
    figure: str
    solubility_term: str
    temperature_c: float | None
    form: str
    verified: bool
    source: str
    notes: str = ""
    applied_from: str = ""


@dataclass(frozen=True)
class Stability:
    """A solution of ``compound`` in ``vehicle`` kept at ``temperature_c``: ``criterion`` held
    for ``stable_days`` (or, when it starts with 'unstable', failed by then)."""

    compound: str
    vehicle: str
    temperature_c: float
    stable_days: float | None
    criterion: str
    verified: bool
    source: str
    notes: str = ""

    @property
    def unstable(self) -> bool:
        return self.criterion.lower().startswith("unstable")


@dataclass(frozen=True)
class EffectChange:
    """A change of effect over a chronic infusion, from ``onset_days`` (route and species empty:
    any)."""

    compound: str
    route: str
    species: str
    change: str
    onset_days: float | None
    verified: bool
    source: str
    notes: str = ""


@dataclass(frozen=True)
class Product:
    """A marketed product of ``compound`` for ``route``, in ``vehicle``, strongest at
    ``highest_strength_mg_per_ml``: above it, on that route, is a caution."""

    compound: str
    product: str
    route: str
    vehicle: str
    highest_strength_mg_per_ml: float
    verified: bool
    source: str
    notes: str = ""


# The pharmacopoeias' descriptive terms as solubility ranges in mg/mL (low, high; None: no
# bound): "parts of solvent required for 1 part of solute" (USP 32 reference tables, Description
# and Relative Solubility of USP and NF Articles; the same in the British Pharmacopoeia), so
# "freely soluble", 1 to 10 mL for 1 g, is 100 to 1000 mg/mL.
SOLUBILITY_TERMS = {
    "very soluble": (1000.0, None),
    "freely soluble": (100.0, 1000.0),
    "soluble": (1000.0 / 30.0, 100.0),
    "sparingly soluble": (10.0, 1000.0 / 30.0),
    "slightly soluble": (1.0, 10.0),
    "very slightly soluble": (0.1, 1.0),
    "practically insoluble": (0.0, 0.1),
}


@dataclass(frozen=True)
class Vial:
    """A vial of the compound as sold: its mass, the whole of it dissolved for a stock."""

    compound: str
    supplied_as: str
    vial_mg: float
    product: str
    verified: bool
    source: str
    notes: str = ""
