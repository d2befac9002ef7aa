"""The inputs panel: every choice of a plan, read into a ``Plan`` through ``.value``."""

import ipywidgets as widgets

from lib.catalog import PumpCatalog
from lib.compounds import VEHICLE_LABELS, CompoundTable
from lib.formatting import format_days, format_number
from lib.plan import ROUTE_LABELS, Plan
from lib.ui.fields import ChoiceField, NumberField, TextField
from lib.units import DOSE_UNITS, convert_dose

OTHER_COMPOUND = "(other)"
# Slider ranges per species (the typed number accepts any valid weight). The typical weights
# are the brief's 250 g rat and a C57BL/6J male mouse, 25.4 g (Gall & Kyle, REFERENCE 5).
WEIGHT_SLIDERS = {"rat": (20.0, 1000.0, 1.0, 250.0), "mouse": (5.0, 80.0, 0.1, 25.0)}
DESIGN_WEIGHT_LABELS = {
    "implant": "the weight at implant",
    "mid": "the weight at mid-infusion",
    "mean": "the mean weight over the infusion",
}


def _pump_label(spec) -> str:
    unverified = " (unverified)" if not spec.verified else ""
    return (
        f"{spec.model}: {format_number(spec.rate_ul_per_hr)} µL/h, "
        f"{format_days(spec.duration_days)} days, {spec.reservoir_ul:g} µL{unverified}"
    )


def _section(title: str, children) -> widgets.VBox:
    heading = widgets.HTML(f"<div class='pd-section-title'>{title}</div>")
    return widgets.VBox([heading, *children], layout=widgets.Layout(margin="0 0 10px 0"))


class PlanInputs(widgets.VBox):
    """Compound, dose, animal, pump and study inputs; each carries a ``pd-<name>`` class."""

    def __init__(self, catalog: PumpCatalog, compounds: CompoundTable, plan: Plan | None = None):
        plan = plan or Plan()
        self.compounds = compounds
        self._callbacks, self._quiet = [], 0
        self._build_fields(catalog, plan)
        super().__init__(
            [
                _section(
                    "Compound",
                    [
                        self.compound,
                        self.custom_compound,
                        self.vehicle,
                        self.solubility,
                        self.molecular_weight,
                    ],
                ),
                _section("Dose", [self.dose, self.dose_unit]),
                _section(
                    "Animal",
                    [
                        self.species,
                        self.route,
                        self.body_weight,
                        self.weight_gain,
                        self.design_weight,
                    ],
                ),
                _section("Pump", [self.pump_model, self.lot_rate, self.lot_fill_volume]),
                _section("Study", [self.study_days, self.pumps_in_series]),
            ]
        )
        self.add_class("pd-inputs")
        self.value = plan
        self._watch()

    def _build_fields(self, catalog: PumpCatalog, plan: Plan) -> None:
        compound_options = [*self.compounds.compounds, OTHER_COMPOUND]
        self.compound = ChoiceField("compound", "Compound", compound_options, compound_options[0])
        self.custom_compound = TextField(
            "custom-compound", "Compound name", placeholder="name of your compound"
        )
        self.vehicle = ChoiceField("vehicle", "Vehicle", _pairs(VEHICLE_LABELS), "aCSF")
        self.solubility = TextField("solubility", "Solubility", "mg/mL", "table value")
        self.molecular_weight = TextField(
            "molecular-weight", "Molecular weight", "g/mol", "table value"
        )
        self.dose = NumberField("dose", "Dose", plan.dose, 1e-3, 1e5, 0.01, log=True)
        units = [(unit.label, unit.name) for unit in DOSE_UNITS.values()]
        self.dose_unit = ChoiceField("dose-unit", "Dose unit", units, plan.dose_unit)
        self.species = ChoiceField("species", "Species", ["rat", "mouse"], plan.species)
        routes = [(f"{label} ({key.upper()})", key) for key, label in ROUTE_LABELS.items()]
        self.route = ChoiceField("route", "Route", routes, plan.route)
        minimum, maximum, step, _ = WEIGHT_SLIDERS[plan.species]
        self.body_weight = NumberField(
            "body-weight", "Body weight at implant", plan.body_weight_g, minimum, maximum, step, "g"
        )
        self.weight_gain = NumberField("weight-gain", "Weight gain", 0.0, 0.0, 10.0, 0.1, "g/day")
        self.design_weight = ChoiceField(
            "design-weight", "Concentration for", _pairs(DESIGN_WEIGHT_LABELS), "implant"
        )
        pumps = [(_pump_label(spec), model) for model, spec in catalog.items()]
        self.pump_model = ChoiceField("pump-model", "Pump model", pumps, plan.pump_model)
        self.lot_rate = TextField("lot-rate", "Lot pumping rate", "µL/h", "nominal")
        self.lot_fill_volume = TextField("lot-fill-volume", "Lot fill volume", "µL", "reservoir")
        self.study_days = NumberField("study-days", "Study length", 7.0, 1.0, 90.0, 0.5, "days")
        series = [("as many as the study needs", 0), *[(str(n), n) for n in range(1, 11)]]
        self.pumps_in_series = ChoiceField("pumps-in-series", "Pumps in series", series, 0)

    # -- reading and writing a Plan -------------------------------------------------------------

    @property
    def value(self) -> Plan:
        """The plan the inputs describe; raises ``PlanError`` naming the field to fix."""
        custom = self.compound.value == OTHER_COMPOUND
        return Plan(
            compound=self.custom_compound.value if custom else self.compound.value,
            vehicle=self.vehicle.value,
            dose=self.dose.value,
            dose_unit=self.dose_unit.value,
            species=self.species.value,
            route=self.route.value,
            body_weight_g=self.body_weight.value,
            weight_gain_g_per_day=self.weight_gain.value,
            design_weight=self.design_weight.value,
            pump_model=self.pump_model.value,
            lot_rate_ul_per_hr=self.lot_rate.value,
            lot_fill_volume_ul=self.lot_fill_volume.value,
            study_days=self.study_days.value,
            pumps_in_series=self.pumps_in_series.value or None,
            solubility_mg_per_ml=self.solubility.value,
            molecular_weight_g_per_mol=self.molecular_weight.value,
        )

    @value.setter
    def value(self, plan: Plan) -> None:
        self._quiet += 1
        try:
            self._show_plan(plan)
        finally:
            self._quiet -= 1
        self._notify()

    def _show_plan(self, plan: Plan) -> None:
        known = plan.compound in self.compounds.compounds
        self.compound.value = plan.compound if known else OTHER_COMPOUND
        self.custom_compound.text.value = "" if known else plan.compound
        self.custom_compound.layout.display = None if not known else "none"
        _ensure_option(self.vehicle.dropdown, plan.vehicle)
        self.vehicle.value = plan.vehicle
        self.species.value = plan.species
        self._fit_weight_slider(plan.species, keep_weight=True)
        for field, name in PLAIN_FIELDS.items():
            getattr(self, field).value = getattr(plan, name)
        self.pumps_in_series.value = plan.pumps_in_series or 0

    # -- reacting to changes --------------------------------------------------------------------

    def on_change(self, callback) -> None:
        """Call ``callback()`` after any input changes (once per change)."""
        self._callbacks.append(callback)

    def _notify(self, change=None) -> None:
        if not self._quiet:
            for callback in self._callbacks:
                callback()

    def _watch(self) -> None:
        # The dose unit notifies through _on_dose_unit, after it has converted the dose.
        watched = [name for name in PLAIN_FIELDS if name != "dose_unit"]
        for field in (
            *watched,
            "compound",
            "custom_compound",
            "vehicle",
            "species",
            "pumps_in_series",
        ):
            widget = getattr(self, field)
            source = getattr(widget, "text", None) or widget.dropdown
            source.observe(self._notify, "value")
        self.compound.dropdown.observe(self._on_compound, "value")
        self.species.dropdown.observe(self._on_species, "value")
        self.dose_unit.dropdown.observe(self._on_dose_unit, "value")

    def _on_compound(self, change) -> None:
        custom = change["new"] == OTHER_COMPOUND
        self.custom_compound.layout.display = None if custom else "none"

    def _on_species(self, change) -> None:
        self._fit_weight_slider(change["new"], keep_weight=False)

    def _fit_weight_slider(self, species: str, keep_weight: bool) -> None:
        """Give the weight slider the species' range; an out-of-range weight becomes typical."""
        minimum, maximum, step, typical = WEIGHT_SLIDERS[species]
        self.body_weight.set_range(minimum, maximum, step)
        if not keep_weight and not minimum <= self.body_weight.value <= maximum:
            self.body_weight.value = typical

    def _on_dose_unit(self, change) -> None:
        """Keep the same physical dose when the unit changes, where it can be converted."""
        if self._quiet:
            return  # a whole plan is being shown: its dose is already in its unit
        self._quiet += 1
        try:
            self.dose.value = float(f"{self._converted_dose(change['old'], change['new']):.6g}")
        except ValueError:
            pass  # no weight or molecular weight to convert with: keep the number
        finally:
            self._quiet -= 1
        self._notify()

    def _converted_dose(self, from_unit: str, to_unit: str) -> float:
        return convert_dose(
            self.dose.value,
            from_unit,
            to_unit,
            self.body_weight.value,
            self._molecular_weight_g_per_mol(),
        )

    def _molecular_weight_g_per_mol(self) -> float | None:
        try:
            return float(self.molecular_weight.value)
        except ValueError:
            return self.compounds.molecular_weight_g_per_mol(self.compound.value)


# Inputs whose widget value is the plan field's value as it is.
PLAIN_FIELDS = {
    "dose_unit": "dose_unit",  # before the dose: a unit change converts the dose shown
    "dose": "dose",
    "route": "route",
    "body_weight": "body_weight_g",
    "weight_gain": "weight_gain_g_per_day",
    "design_weight": "design_weight",
    "pump_model": "pump_model",
    "lot_rate": "lot_rate_ul_per_hr",
    "lot_fill_volume": "lot_fill_volume_ul",
    "study_days": "study_days",
    "solubility": "solubility_mg_per_ml",
    "molecular_weight": "molecular_weight_g_per_mol",
}


def _pairs(labels: dict[str, str]) -> list[tuple[str, str]]:
    return [(label, key) for key, label in labels.items()]


def _ensure_option(dropdown: widgets.Dropdown, value: str) -> None:
    """A plan from a file or link may name a vehicle the menu lacks: add it rather than lose it."""
    if value not in [option[1] for option in dropdown.options]:
        dropdown.options = [*dropdown.options, (value, value)]
