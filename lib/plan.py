"""The scientist's plan: every choice, each field declared once (label, unit, bounds, step, slider,
reader), in the form saved files and share links use.

The field names are the saved-file and share-link format (DESIGN.md): never rename one.
``plan_from_values`` is the one reader of raw field values: the page, share links, saved files.
"""

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from lib.errors import PlanError
from lib.field_values import (
    read_date,
    read_days,
    read_dose_unit,
    read_names,
    read_time,
    read_time_zone,
    read_weekdays,
    read_weights,
)
from lib.fields import build, choice, custom, number, read_fields, specs_of, text, validate
from lib.findings import Finding
from lib.units import DOSE_UNITS

ROUTE_LABELS = {
    "sc": "subcutaneous",
    "ip": "intraperitoneal",
    "it": "intrathecal",
    "icv": "intracerebroventricular",
}
# Into the central nervous system: a catheter from a pump under the skin (REFERENCE section 3).
CNS_ROUTES = ("it", "icv")
DESIGN_WEIGHT_LABELS = {
    "implant": "the weight at implant",
    "mid": "the weight at mid-infusion",
    "mean": "the mean weight over the infusion",
}
# How the weight changes: a gain per day (0 = constant), a straight line to the weight expected at
# the end of the study, a preset growth curve, or the scientist's measured weights.
GROWTH_LABELS = {
    "gain": "a gain per day (0: constant)",
    "end_weight": "a straight line to the weight at the end",
    "preset": "a growth preset",
    "measured": "my measured weights",
}
DOSE_UNIT_LABELS = {unit.name: unit.label for unit in DOSE_UNITS.values()}
# Which form of the compound the plan's amounts (the dose, a stock's concentration) count: the form
# weighed (a salt, a hydrate), or its free base (or free acid), as many papers state their doses.
DOSE_BASIS_LABELS = {"as_weighed": "the form weighed", "free_base": "the free base"}
CATHETER_FILL_LABELS = {"vehicle": "vehicle (drug arrives later)", "drug": "drug solution"}
# The weight slider's range and step per species (the typed number takes any valid weight); the
# weight a switch of species starts from is in lib/data/species.csv, with its source.
WEIGHT_SLIDERS = {"rat": (20.0, 1000.0, 1.0), "mouse": (5.0, 80.0, 0.1)}
# The brief's outcome measures (REFERENCE section 7); a plan may name others.
OUTCOME_MEASURES = (
    "Modified Ashworth Scale",
    "H-reflex",
    "open-field locomotor activity",
    "gait analysis (e.g. CatWalk XT)",
    "von Frey filaments",
    "Hargreaves test",
)
E = PlanError
# Bounds: the floors keep every division finite and lie below any real animal or pump lot;
# FROM makes the floor itself allowed (a number from 1 g up to 2000 g).
FROM = {"low_inclusive": True}
# Weekends off: the default working week.
WORKING_WEEK = ("Mon", "Tue", "Wed", "Thu", "Fri")


@dataclass(frozen=True)
class Plan:
    """Every choice of the scientist. ``Plan()`` is the brief's intrathecal baclofen example:
    1.0 ug/h in aCSF to a 250 g rat with a model 2002 pump (0.5 uL/h) for 7 days -> 2.0 mg/mL."""

    compound: str = text("baclofen", "Compound", E)
    vehicle: str = text("aCSF", "Vehicle", E)
    # Empty only with a fill concentration: the dose is then the target it is judged against.
    dose: float | None = number(
        1.0, "Dose", 0.0, 1e6, E, slider=(1e-3, 1e5, 0.01), log=True, optional=True
    )
    dose_unit: str = custom("ug/h", "Dose unit", read_dose_unit, E, choices=DOSE_UNIT_LABELS)
    species: str = choice("rat", "Species", {"rat": "rat", "mouse": "mouse"}, E)
    route: str = choice(
        "it", "Route", {key: f"{label} ({key.upper()})" for key, label in ROUTE_LABELS.items()}, E
    )
    body_weight_g: float = number(
        250.0, "Body weight at implant", 1.0, 2000.0, E, unit="g", slider=WEIGHT_SLIDERS["rat"],
        **FROM,
    )  # fmt: skip
    # Weight loss is not modelled yet, hence the floor of 0.
    # A loss is a negative gain, as a falling end weight or falling measured weights are.
    weight_gain_g_per_day: float = number(
        0.0, "Weight gain", -50.0, 50.0, E, unit="g/day", slider=(-5.0, 10.0, 0.1), **FROM
    )
    design_weight: str = choice("implant", "Concentration for", DESIGN_WEIGHT_LABELS, E)
    pump_model: str = text("2002", "Pump model", E)
    lot_rate_ul_per_hr: float | None = number(
        None, "Lot pumping rate", 0.01, 1000.0, E, unit="µL/h", hint="nominal", optional=True,
        **FROM,
    )  # fmt: skip
    lot_fill_volume_ul: float | None = number(
        None, "Lot fill volume", 1.0, 10000.0, E, unit="µL", hint="reservoir", optional=True,
        **FROM,
    )  # fmt: skip
    study_days: float = number(
        7.0, "Study length", 0.0, 3650.0, E, unit="days", slider=(1.0, 90.0, 0.5)
    )
    # None: as many pumps as the study needs, each replaced at its nominal end.
    pumps_in_series: int | None = number(
        None, "Pumps in series", 1, 100, E, whole=True, optional=True, **FROM
    )
    solubility_mg_per_ml: float | None = number(
        None, "Solubility", 0.0, 1e6, E, unit="mg/mL", hint="table value", optional=True
    )
    molecular_weight_g_per_mol: float | None = number(
        None, "Molecular weight", 1.0, 1e7, E, unit="g/mol", hint="table value", optional=True,
        **FROM,
    )  # fmt: skip
    dose_basis: str = choice("as_weighed", "Dose counts", DOSE_BASIS_LABELS, E, since="0.4.0")
    # The free base's molecular weight, for a dose of the free base (the weighed form's is above).
    free_base_molecular_weight_g_per_mol: float | None = number(
        None, "Free base molecular weight", 1.0, 1e7, E, unit="g/mol", hint="table value",
        optional=True, **FROM, since="0.4.0",
    )  # fmt: skip
    # A stock the scientist already has: set, it replaces the dose as what the pump is filled
    # with, and the app reports the dose it delivers.
    fixed_concentration_mg_per_ml: float | None = number(
        None, "Fill concentration", 0.0, 1e6, E, unit="mg/mL", optional=True,
        slider=(1e-4, 1e3, 0.01), log=True,
    )  # fmt: skip
    # Pharmacokinetics (optional): the clearance, or the half-life with the volume of
    # distribution, give the steady-state plasma level k0 / CL (lib/calc/plasma.py); with a
    # target level the dose is solved from it (k0 = Css x CL) and the dose entered is not used.
    clearance_ml_per_min_per_kg: float | None = number(
        None, "Clearance", 0.0, 1e4, E, unit="mL/min/kg", hint="optional", optional=True,
        since="0.5.0",
    )  # fmt: skip
    half_life_h: float | None = number(
        None, "Half-life", 0.0, 1e4, E, unit="h", hint="optional", optional=True, since="0.5.0"
    )
    volume_of_distribution_l_per_kg: float | None = number(
        None, "Volume of distribution", 0.0, 1e3, E, unit="L/kg", hint="optional", optional=True,
        since="0.5.0",
    )  # fmt: skip
    target_plasma_ng_per_ml: float | None = number(
        None, "Target plasma level", 0.0, 1e7, E, unit="ng/mL", hint="none: the dose is used",
        optional=True, since="0.5.0",
    )  # fmt: skip
    growth_model: str = choice("gain", "Weight over time", GROWTH_LABELS, E)
    end_body_weight_g: float | None = number(
        None, "Weight at the end", 1.0, 2000.0, E, unit="g", hint="grams", optional=True, **FROM
    )
    growth_preset: str | None = text(None, "Growth preset", E, optional=True)
    age_at_implant_days: float | None = number(
        None, "Age at implant", 0.0, 3650.0, E, unit="days", hint="days", optional=True, **FROM
    )
    measured_weights: tuple[tuple[float, float], ...] = custom(
        (), "Measured weights", read_weights, E, unit="day: g"
    )
    # A catheter primed with vehicle delays the drug by its volume / rate (REFERENCE section 3).
    catheter_tubing: str | None = text(None, "Catheter tubing", E, optional=True)
    catheter_length_cm: float | None = number(
        None, "Catheter length", 0.0, 500.0, E, unit="cm", hint="cm", optional=True
    )
    catheter_filled_with: str = choice("vehicle", "Catheter primed with", CATHETER_FILL_LABELS, E)
    implant_date: str | None = custom(None, "Implant date", read_date, E)
    # Any measure the study uses, ';' between; the brief's as the example.
    outcome_measures: tuple[str, ...] = custom(
        (), "Outcome measures", read_names, E, hint="e.g. " + "; ".join(OUTCOME_MEASURES[:3])
    )
    # The calendar: surgery time, the zone the times are in (None: local times without a zone),
    # priming time (None: the model's) and the study days of the outcome measurements.
    implant_time: str = custom(
        "09:00", "Implant time", read_time, E, hint="HH:MM, 24 h", since="0.2.0"
    )
    time_zone: str | None = custom(
        None, "Time zone", read_time_zone, E, hint="Europe/London; empty: local time", since="0.2.0"
    )
    priming_hours: float | None = number(
        None, "Priming", 0.0, 240.0, E, unit="h", hint="model's", optional=True, since="0.2.0"
    )
    # The hours the lab works: filling and priming start within them (a window may run past
    # midnight, for a night shift; equal times mean any hour).
    working_day_start: str = custom(
        "08:00", "Working hours from", read_time, E, hint="HH:MM", since="0.3.0"
    )
    working_day_end: str = custom(
        "18:00", "Working hours until", read_time, E, hint="HH:MM", since="0.3.0"
    )
    # The days the lab works: fills fall on them and surgery days are chosen among them.
    working_days: tuple[str, ...] = custom(
        WORKING_WEEK, "Working days", read_weekdays, E, hint="Mon; Tue; Wed; Thu; Fri",
        since="0.5.0",
    )  # fmt: skip
    # The time one animal's surgery takes, from one implant to the next: a planning choice of
    # 20 min (set your own); 0 implants every animal at the implant time (several surgeons).
    surgery_minutes_per_animal: float = number(
        20.0, "Surgery time per animal", 0.0, 720.0, E, unit="min", hint="20", **FROM, since="0.5.0"
    )
    # The study's identity, at the top of every document.
    study_title: str | None = text(
        None, "Study title", E, optional=True, max_length=120, since="0.3.0"
    )
    investigator: str | None = text(
        None, "Investigator", E, optional=True, max_length=80, since="0.3.0"
    )
    protocol_number: str | None = text(
        None, "Protocol (IACUC) number", E, optional=True, max_length=40, since="0.3.0"
    )
    outcome_days: tuple[float, ...] = custom(
        (), "Outcome measures on", read_days, E, unit="days", hint="0; 3; 7", minimum=0.0,
        maximum=3650.0, **FROM, since="0.2.0",
    )  # fmt: skip

    def __post_init__(self):
        validate(self, PLAN_SPECS)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> "Plan":
        """Build a plan from a mapping of field names; missing fields take their defaults.

        Raises ``PlanError`` for an unknown field or a value a field cannot hold.
        """
        unknown = sorted(set(values) - set(PLAN_SPECS))
        if unknown:
            raise PlanError(unknown[0], values[unknown[0]], "this is not a plan field")
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """The plan as plain JSON-able values (lists, not tuples), in field order."""
        values = asdict(self)
        values["measured_weights"] = [list(point) for point in self.measured_weights]
        values["outcome_measures"] = list(self.outcome_measures)
        values["outcome_days"] = list(self.outcome_days)
        values["working_days"] = list(self.working_days)
        return values


PLAN_SPECS = specs_of(Plan)
PLAN_FIELDS = tuple(PLAN_SPECS)
DEFAULTS = {name: getattr(Plan(), name) for name in PLAN_SPECS}


def plan_from_values(
    values: Mapping[str, Any], *, keep_defaults: bool = False
) -> tuple[Plan | None, list[Finding]]:
    """A plan from raw field values (typed, linked or saved), each read once by its declaration.

    Without ``keep_defaults`` (the page) a value that cannot be read means no plan: each such
    value is an ``invalid_input`` conflict naming the field. With it (a link, a saved file) that
    field keeps its default and the finding is a caution; a name that is no field is a note.
    Missing fields take their defaults.
    """
    reading = read_fields(PLAN_SPECS, values)
    if keep_defaults:
        refused = {
            e.field: default_finding("invalid_field", e.field, str(e)) for e in reading.errors
        }
    else:
        refused = {error.field: input_finding(error) for error in reading.errors}
    refused |= {name: unknown_finding(name) for name in reading.unknown}
    findings = [refused[str(name)] for name in values if str(name) in refused]
    if findings and not keep_defaults:
        return None, findings
    notes = [Finding("value_cleaned", "info", name, text, "") for name, text in reading.notes]
    return build(Plan, reading.accepted), findings + notes


def input_finding(error: PlanError) -> Finding:
    """A typed value the plan cannot hold: a conflict naming the field, the value and the rule."""
    rule = error.rule[0].upper() + error.rule[1:]
    return Finding("invalid_input", "conflict", error.field, str(error), f"{rule}.")


def unknown_finding(name: str) -> Finding:
    shown = str(name)[:40]
    message = f"{shown!r} is not a plan field; it was ignored."
    return Finding("unknown_field", "info", shown, message, "")


def default_finding(code: str, field: str, message: str) -> Finding:
    default = DEFAULTS.get(field)
    return Finding(code, "caution", field, message, f"The default, {default!r}, is used instead.")
