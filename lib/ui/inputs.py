"""The inputs panel: every choice of a plan, read into a ``Plan`` through ``.value``."""

import ipywidgets as widgets

from lib.calc.dose_form import dose_form
from lib.formatting import format_days, format_number
from lib.numbers import NumberTextError, parse_number
from lib.plan import DOSE_UNIT_LABELS, PLAN_SPECS, WEIGHT_SLIDERS, Plan
from lib.tables.compounds import VEHICLE_LABELS, CompoundTable
from lib.tables.presets import shipped_growth_presets
from lib.tables.pumps import PumpCatalog
from lib.tables.species import shipped_species_weights
from lib.tables.tubing import shipped_tubing
from lib.ui.fields import TextField, field_input
from lib.ui.layout import CALENDAR_HEADING, CALENDAR_SECTION, FIELD_INPUTS, LAYOUT
from lib.ui.render import preset_note_html, section_title_html
from lib.ui.shared import SECTION_LAYOUT, exact, html, show
from lib.units import DOSE_UNITS, convert_dose

OTHER_COMPOUND = "(other)"
TARGET_NOTE = (
    "<div class='pd-small'>With a fill concentration, the dose below is the target the "
    "delivered dose is compared with; leave it empty for none.</div>"
)
PLASMA_NOTE = (
    "<div class='pd-small'>The clearance, or the half-life with the volume of distribution, "
    "for this compound in this species predicts the plasma level (k₀ = Css × CL). With a "
    "target level the dose is solved from it.</div>"
)
DOSE_MODES = [("Dose", "dose"), ("Fill concentration", "concentration")]
DOSE_MODE_TIPS = [
    "Enter the dose; the app computes the concentration to fill",
    "Enter the concentration of a stock you have; the app computes the dose it delivers",
]
# What a menu's "none" is: a dropdown whose value is None shows nothing selected.
MENU_NONE = {"pumps_in_series": 0, "growth_preset": "", "catheter_tubing": ""}
# What a number box shows before a plan fills it: an entered stock, 2 mg/mL until one is typed.
FIRST_VALUES = {"fixed_concentration_mg_per_ml": 2.0}
# Which inputs each growth model reads; the others are hidden, but keep what was typed.
GROWTH_INPUTS = {
    "gain": ("weight_gain",),
    "end_weight": ("end_body_weight",),
    "preset": ("growth_preset", "preset_note"),
    "measured": ("measured_weights",),
}
FLAG_CLASSES = {"conflict": "pd-flagged-conflict", "caution": "pd-flagged-caution"}


def _pump_label(spec) -> str:
    unverified = " (unverified)" if not spec.verified else ""
    return (
        f"{spec.model}: {format_number(spec.rate_ul_per_hr)} µL/h, "
        f"{format_days(spec.duration_days)} days, {spec.reservoir_ul:g} µL{unverified}"
    )


def menu_options(catalog: PumpCatalog, compounds: CompoundTable) -> dict[str, list]:
    """The menus whose choices come from the tables, not the declaration: (label, value) pairs."""
    names = sorted(compounds.compounds, key=str.lower)
    presets = shipped_growth_presets().items()
    return {
        "compound": [
            *[(_compound_label(compounds.find(name)), name) for name in names],
            (OTHER_COMPOUND, OTHER_COMPOUND),
        ],
        "vehicle": _pairs(VEHICLE_LABELS),
        "growth_preset": [("(choose)", ""), *[(preset.label, name) for name, preset in presets]],
        "pump_model": [(_pump_label(spec), model) for model, spec in catalog.items()],
        "pumps_in_series": [("as many as the study needs", 0)]
        + [(str(number), number) for number in range(1, 11)],
        "catheter_tubing": [("no catheter", ""), *[(name, name) for name in shipped_tubing()]],
    }


def _section(title: str, children, page_heading: str = "") -> widgets.VBox:
    heading = html(section_title_html(title, page_heading))
    return widgets.VBox([heading, *children], layout=SECTION_LAYOUT)


def _pairs(labels: dict[str, str]) -> list[tuple[str, str]]:
    return [(label, key) for key, label in labels.items()]


class PlanInputs(widgets.VBox):
    """Compound, dose, animal, pump and study inputs; each carries a ``pd-<name>`` class."""

    def __init__(self, catalog: PumpCatalog, compounds: CompoundTable, plan: Plan | None = None):
        self.compounds = compounds
        self._callbacks, self._quiet = [], 0
        self._build_own_inputs()
        self._build_field_inputs(menu_options(catalog, compounds))
        *sections, self.calendar = self._sections()
        super().__init__(sections)  # the calendar's inputs are shown with the calendar
        self.add_class("pd-inputs")
        self.value = plan or Plan()
        self._watch()

    def _build_field_inputs(self, options: dict[str, list]) -> None:
        """One input per plan field, as its declaration asks (``lib.ui.layout``)."""
        defaults = Plan()
        for field, name in FIELD_INPUTS.items():
            value = getattr(defaults, field)
            value = FIRST_VALUES.get(field, MENU_NONE.get(field, value) if value is None else value)
            widget = field_input(PLAN_SPECS[field], name, value, options.get(field))
            setattr(self, name, widget)

    def _build_own_inputs(self) -> None:
        """The inputs that are no plan field: see ``lib.ui.layout``."""
        self.custom_compound = TextField(
            "custom-compound", "Compound name", placeholder="name of your compound"
        )
        self.dose_mode = widgets.ToggleButtons(
            options=DOSE_MODES, value="dose", description="Enter", tooltips=DOSE_MODE_TIPS
        )
        self.dose_mode.style.button_width = "10em"
        self.dose_mode.add_class("pd-dose-mode")
        # Each is shown and hidden with the inputs it explains (a layout of its own, ``show``).
        self.target_note = html(TARGET_NOTE, css_class="pd-target-note")
        self.preset_note = html(css_class="pd-preset-note")
        self.plasma_note = html(PLASMA_NOTE, css_class="pd-plasma-note")

    def _sections(self) -> list[widgets.VBox]:
        return [
            _section(
                title,
                [getattr(self, name) for name in inputs],
                CALENDAR_HEADING if title == CALENDAR_SECTION else "",
            )
            for title, inputs in LAYOUT.items()
        ]

    # -- reading and writing a Plan -------------------------------------------------------------

    @property
    def values(self) -> dict:
        """What the inputs hold, as plan fields, unchecked (typed text stays text)."""
        values = {field: getattr(self, name).value for field, name in FIELD_INPUTS.items()}
        if values["compound"] == OTHER_COMPOUND:
            values["compound"] = self.custom_compound.value
        if self.dose_mode.value == "dose":
            values["fixed_concentration_mg_per_ml"] = None
        for field in MENU_NONE:
            values[field] = values[field] or None
        return values

    @property
    def value(self) -> Plan:
        """The plan the inputs describe; raises ``PlanError`` naming the field to fix."""
        return Plan(**self.values)

    @value.setter
    def value(self, plan: Plan) -> None:
        self._quiet += 1
        try:
            self._show_plan(plan)
        finally:
            self._quiet -= 1
        self._notify()

    def _show_plan(self, plan: Plan) -> None:
        known = plan.compound in self.compounds.compounds  # a synonym stays as typed
        self.custom_compound.value = "" if known else plan.compound
        _ensure_option(self.vehicle, plan.vehicle)
        self._fit_weight_slider(plan.species, keep_weight=True)
        fixed = plan.fixed_concentration_mg_per_ml
        self.dose_mode.value = "dose" if fixed is None else "concentration"
        for field, name in _unit_first(FIELD_INPUTS):
            value = getattr(plan, field)
            if field == "compound" and not known:
                value = OTHER_COMPOUND
            elif field == "fixed_concentration_mg_per_ml" and value is None:
                continue  # keep the last concentration typed, for a switch back
            elif field in MENU_NONE:
                value = value or MENU_NONE[field]
                _ensure_option(getattr(self, name), value)
            getattr(self, name).value = value
        self._show_mode_fields()

    def flag(self, severities: dict[str, str]) -> None:
        """Mark the inputs that findings concern (plan field -> worst severity)."""
        for field, name in FIELD_INPUTS.items():
            widget = getattr(self, name)
            for severity, css_class in FLAG_CLASSES.items():
                wanted = severities.get(field) == severity
                if wanted and css_class not in widget._dom_classes:
                    widget.add_class(css_class)
                elif not wanted and css_class in widget._dom_classes:
                    widget.remove_class(css_class)

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
        for field, name in FIELD_INPUTS.items():
            if field != "dose_unit":
                getattr(self, name).observe_value(self._notify)
        self.custom_compound.observe_value(self._notify)
        self.dose_mode.observe(self._on_dose_mode, "value")
        for field in (self.compound, self.growth_model, self.growth_preset, self.catheter_tubing):
            field.observe_value(lambda change: self._show_mode_fields())
        for field in (self.compound, self.custom_compound, self.vehicle, self.dose_basis):
            field.observe_value(lambda change: self._show_table_values())
        self.species.observe_value(self._on_species)
        self.dose_unit.observe_value(self._on_dose_unit)

    def _show_mode_fields(self) -> None:
        """Show the inputs the chosen modes read; hidden ones keep what was typed."""
        by_dose = self.dose_mode.value == "dose"
        show(self.fixed_concentration, not by_dose)
        show(self.target_note, not by_dose)  # the dose stays: it is the target
        show(self.custom_compound, self.compound.value == OTHER_COMPOUND)
        for model, names in GROWTH_INPUTS.items():
            for name in names:
                show(getattr(self, name), self.growth_model.value == model)
        has_catheter = bool(self.catheter_tubing.value)
        show(self.catheter_length, has_catheter)
        show(self.catheter_filled_with, has_catheter)
        self.preset_note.value = preset_note_html(self.growth_preset.value)
        self._show_table_values()

    def awaiting_compound_name(self) -> bool:
        """'(other)' chosen and no name typed yet: a step of entry, not an error."""
        return self.compound.value == OTHER_COMPOUND and not self.custom_compound.value.strip()

    def _compound_name(self) -> str:
        name = self.compound.value
        return self.custom_compound.value if name == OTHER_COMPOUND else name

    def _show_table_values(self) -> None:
        """What an empty box stands for: the table's figure, or that there is none to use."""
        name, vehicle = self._compound_name(), self.vehicle.value
        found = self.compounds.find(name)
        row = self.compounds.lookup(name, vehicle) if found else None
        self.solubility.placeholder = _solubility_hint(row)
        weight = found.molecular_weight_g_per_mol if found else None
        self.molecular_weight.placeholder = _table_hint(weight)
        base = found.free_base_molecular_weight_g_per_mol if found else None
        salt = found is None or found.is_salt
        self.free_base_molecular_weight.placeholder = (
            _table_hint(base) if salt else "weighed as the free form"
        )
        show(self.free_base_molecular_weight, self.dose_basis.value == "free_base")

    def _on_dose_mode(self, change) -> None:
        self._show_mode_fields()
        self._notify()

    def _on_species(self, change) -> None:
        self._fit_weight_slider(change["new"], keep_weight=False)

    def _fit_weight_slider(self, species: str, keep_weight: bool) -> None:
        """Give the weight slider the species' range; on a switch of species, a weight that is
        implausible for it becomes its typical weight, and the weight's note says which."""
        self.body_weight.set_range(*WEIGHT_SLIDERS[species])
        if keep_weight:
            return
        weights = shipped_species_weights()[species]
        weight = _number_in(self.body_weight.value)
        if weight is not None and weights.plausible(weight):
            note = f"kept {weight:g} g: a plausible {species} weight"
        else:
            self.body_weight.value = weights.typical_g
            note = (
                f"set to {weights.typical_g:g} g, a typical {species} "
                f"({weights.sources['typical'].split(';')[0]}): enter your animal's weight"
            )
        self.body_weight.note = note + self._per_kg_note()

    def _per_kg_note(self) -> str:
        """A dose per animal (µg/h) stays as it is when the animal changes: say what it is now
        per kg, since a rat's µg/h given to a mouse is ten times the dose per kg."""
        unit = self.dose_unit.value
        if DOSE_UNITS[unit].per_kg:
            return ""
        try:
            per_kg = self._converted_dose(unit, "mg/kg/day")
        except ValueError:
            return ""
        return (
            f"; the dose stays {exact(_number_in(self.dose.value))} {DOSE_UNIT_LABELS[unit]} per "
            f"animal, now {format_number(per_kg)} mg/kg/day"
        )

    def _on_dose_unit(self, change) -> None:
        """Keep the same physical dose when the unit changes, where it can be converted."""
        if self._quiet:
            return  # a whole plan is being shown: its dose is already in its unit
        self._quiet += 1
        try:
            self.dose.value = float(f"{self._converted_dose(change['old'], change['new']):.6g}")
        except ValueError:
            # No weight or molecular weight to convert with: the old number in the new unit
            # would be another dose, so the box is emptied and says what it held and needs.
            old, new = (DOSE_UNIT_LABELS.get(unit, unit) for unit in (change["old"], change["new"]))
            typed = self.dose.text
            self.dose.value = ""
            needed = "a body weight"
            if self._molecular_weight_g_per_mol() is None:
                needed = "the molecular weight (under Compound)"
            self.dose.note = (
                f"{typed} {old} not converted to {new} without {needed}: enter the dose in {new}"
            )
        finally:
            self._quiet -= 1
        self._notify()

    def _converted_dose(self, from_unit: str, to_unit: str) -> float:
        dose = _number_in(self.dose.value)
        if dose is None:
            raise ValueError("it is no number")
        weight = _number_in(self.body_weight.value)
        return convert_dose(dose, from_unit, to_unit, weight, self._molecular_weight_g_per_mol())

    def _molecular_weight_g_per_mol(self) -> float | None:
        """What a molar dose counts, as the plan will (``lib.calc.dose_form``)."""
        typed = {
            "compound": self._compound_name() or "unnamed",
            "dose_basis": self.dose_basis.value,
            "molecular_weight_g_per_mol": _number_in(self.molecular_weight.value),
            "free_base_molecular_weight_g_per_mol": _number_in(
                self.free_base_molecular_weight.value
            ),
        }
        try:
            return dose_form(Plan(**typed), self.compounds).molecular_weight_g_per_mol
        except ValueError:  # a name or weight the plan refuses: its own message says so
            return None


def _unit_first(field_inputs: dict[str, str]):
    """The inputs in the page's order, the dose unit first: the dose is shown in its unit."""
    return sorted(field_inputs.items(), key=lambda item: item[0] != "dose_unit")


def _compound_label(compound) -> str:
    """'norepinephrine (noradrenaline, NE)': a menu entry found by the names labs use."""
    also = ", ".join(compound.synonyms[:2])
    return f"{compound.compound} ({also})" if also else compound.compound


def _table_hint(value: float | None) -> str:
    return f"table: {value:g}" if value else "none known: enter it"


def _solubility_hint(row) -> str:
    if row is None:
        return "none known: enter it"
    if row.solubility_mg_per_ml is not None:
        at_least = "at least " if row.figure == "at least" else ""
        return f"table: {at_least}{row.solubility_mg_per_ml:g}"
    return f"table: {row.solubility_term}"


def _number_in(value) -> float | None:
    """The number a field holds (typed text read as the plan reads it), or None."""
    try:
        return parse_number(value)
    except NumberTextError:
        return None


def _ensure_option(dropdown: widgets.Dropdown, value: str) -> None:
    """A plan from a file or link may name a vehicle the menu lacks: add it rather than lose it."""
    if value not in [option[1] for option in dropdown.options]:
        dropdown.options = [*dropdown.options, (str(value), value)]
