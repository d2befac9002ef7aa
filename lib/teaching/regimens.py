"""Published regimens to start from: what papers infused by osmotic pump, as they state it
(``lib/data/regimens.csv``, each row with its citation and where its numbers were read).

A regimen gives a ``Plan``. What the paper does not state, the plan needs all the same; each such
choice is made by a rule here and listed in ``assumed`` for the page to show beside the citation:
the route (subcutaneous, the usual place of a pump), the weight (the species' typical weight),
the vehicle (saline) and the pump (the model at the paper's stated rate, else the pump advisor's
first choice without a conflict). A paper that states a fill concentration and a rate but
no dose is planned as a stock (``fixed_concentration_mg_per_ml``), its dose the target.
"""

import functools
from dataclasses import dataclass, replace
from pathlib import Path

from lib.calc.advisor import pump_options
from lib.calc.solubility import form_and_limits
from lib.errors import TableError
from lib.plan import Plan
from lib.tables.compounds import shipped_compounds
from lib.tables.pumps import PumpCatalog, load_pump_catalog
from lib.tables.reader import DATA_FOLDER, Column, TableSpec, load_table
from lib.tables.species import shipped_species_weights
from lib.units import normalize_dose_unit

REGIMENS_PATH = DATA_FOLDER / "regimens.csv"
TEXT, OPTIONAL = Column(), Column(blank=True)
NUMBER, OPTIONAL_NUMBER = Column("number"), Column("number", blank=True)
REGIMEN_TABLE = TableSpec(
    title="regimen table",
    noun="regimen",
    columns={
        "regimen": TEXT,
        "compound": TEXT,
        "species": TEXT,
        "strain": OPTIONAL,
        "sex": OPTIONAL,
        "age": OPTIONAL,
        "age_days": OPTIONAL_NUMBER,
        "body_weight_g": OPTIONAL_NUMBER,
        "body_weight_stated": OPTIONAL,
        "route": OPTIONAL,
        "pump_model": OPTIONAL,
        "rate_ul_per_hr": OPTIONAL_NUMBER,
        "dose": NUMBER,
        "dose_unit": TEXT,
        "dose_basis": TEXT,
        "dose_stated": Column("yes_no"),
        "duration_days": NUMBER,
        "vehicle": OPTIONAL,
        "concentration_mg_per_ml": OPTIONAL_NUMBER,
        "concentration_as_stated": OPTIONAL,
        "citation": TEXT,
        "pmid": OPTIONAL,
        "doi": OPTIONAL,
        "verified": Column("yes_no"),
        "source": TEXT,
        "notes": OPTIONAL,
    },
    key=("regimen",),
)
DEFAULT_ROUTE, DEFAULT_VEHICLE = "sc", "saline"


@dataclass(frozen=True)
class Regimen:
    """One published regimen, as its paper states it (blank: not stated)."""

    regimen: str
    compound: str
    species: str
    strain: str
    sex: str
    age: str
    age_days: float | None
    body_weight_g: float | None
    body_weight_stated: str
    route: str
    pump_model: str
    rate_ul_per_hr: float | None
    dose: float
    dose_unit: str
    dose_basis: str
    dose_stated: bool
    duration_days: float
    vehicle: str
    concentration_mg_per_ml: float | None
    concentration_as_stated: str
    citation: str
    pmid: str
    doi: str
    verified: bool
    source: str
    notes: str = ""

    @property
    def label(self) -> str:
        """The menu's words: compound, species, route, dose and the paper."""
        route = self.route.upper() if self.route else "route not stated"
        return (
            f"{self.compound}: {self.species}, {route}, {self.dose:g} {self.dose_unit} "
            f"({self.short_citation})"
        )

    @property
    def short_citation(self) -> str:
        """'Milne B et al. 1985' from the citation's authors and year."""
        authors = self.citation.split(".")[0]
        years = [word.strip(";,()") for word in self.citation.split() if word[:4].isdigit()]
        year = next((word[:4] for word in years if word[:2] in ("19", "20")), "")
        return f"{authors} {year}".strip()

    @property
    def identifier(self) -> str:
        return f"PMID {self.pmid}" if self.pmid else f"doi:{self.doi}"

    def plan(self, catalog: PumpCatalog | None = None) -> Plan:
        """The plan the paper describes, with the choices of ``assumed`` where it is silent."""
        catalog = catalog or load_pump_catalog()
        plan = self.stated_plan(catalog)
        model = self.pump_model or self._chosen_model(plan, catalog)
        rate = self.rate_ul_per_hr
        lot_rate = None if rate is None or rate == catalog[model].rate_ul_per_hr else rate
        return replace(plan, pump_model=model, lot_rate_ul_per_hr=lot_rate)

    def stated_plan(self, catalog: PumpCatalog) -> Plan:
        """The plan before a pump is chosen (the catalogue's first model stands in): what the
        paper states, each field read as the plan reads it."""
        weight = self.body_weight_g or shipped_species_weights()[self.species].typical_g
        stock = None if self.dose_stated else self.concentration_mg_per_ml
        return Plan(
            compound=self.compound,
            vehicle=self.vehicle or DEFAULT_VEHICLE,
            dose=self.dose,
            dose_unit=self.dose_unit,
            dose_basis=self.dose_basis,
            species=self.species,
            route=self.route or DEFAULT_ROUTE,
            body_weight_g=weight,
            age_at_implant_days=self.age_days,
            pump_model=self.pump_model or catalog.models[0],
            study_days=self.duration_days,
            fixed_concentration_mg_per_ml=stock,
        )

    def _chosen_model(self, plan: Plan, catalog: PumpCatalog) -> str:
        """The model at the paper's stated rate, else the advisor's first without a conflict
        (its own ranking: workable first, fewest pumps, furthest from the solubility)."""
        options = pump_options(plan, catalog, *form_and_limits(plan, shipped_compounds()))
        at_rate = [o for o in options if o.spec.rate_ul_per_hr == self.rate_ul_per_hr]
        candidates = at_rate or options
        workable = [option for option in candidates if option.verdict != "conflict"]
        return (workable or candidates)[0].spec.model

    def assumed(self, plan: Plan) -> tuple[str, ...]:
        """What ``plan`` (this regimen's) takes that the paper does not state, in words."""
        choices = []
        if not self.route:
            choices.append("route: subcutaneous")
        if self.body_weight_stated != "yes":
            choices.append(f"body weight: {plan.body_weight_g:g} g")
        if not self.vehicle:
            choices.append(f"vehicle: {DEFAULT_VEHICLE}")
        if not self.pump_model:
            at_rate = " at the stated rate" if self.rate_ul_per_hr else ""
            choices.append(f"pump: model {plan.pump_model}{at_rate}")
        if not self.dose_stated:
            choices.append("dose: worked out from the stated concentration and rate")
        return tuple(choices)


def _regimen(row) -> Regimen:
    values = dict(row.values)
    values["dose_unit"] = normalize_dose_unit(values["dose_unit"])
    return Regimen(**values)


def load_regimens(path: Path | str | None = None) -> list[Regimen]:
    """Every published regimen, in file order, read by the one strict reader; each must give a
    plan (a unit, route or model the plan refuses is a ``TableError`` naming the row)."""
    table = load_table(Path(path) if path else REGIMENS_PATH, REGIMEN_TABLE)
    return list(_checked(table.rows))


def _checked(rows):
    catalog = load_pump_catalog()
    for row in rows:
        try:
            regimen = _regimen(row)
            regimen.stated_plan(catalog)  # every field readable; the pump is chosen when asked
        except (ValueError, KeyError) as error:
            raise TableError(f"{row.where}: {error}") from None
        if not (regimen.pmid or regimen.doi):
            raise TableError(f"{row.where}: give a PMID or a DOI; the citation must be findable.")
        yield regimen


@functools.cache
def shipped_regimens() -> tuple[Regimen, ...]:
    return tuple(load_regimens())
