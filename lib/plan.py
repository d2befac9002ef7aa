"""The scientist's plan: every choice, validated, in the form saved files and share links use.

The field names are the saved-file and share-link format (DESIGN.md): never rename one.
"""

import math
import re
import zoneinfo
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from lib.units import normalize_dose_unit

SPECIES = ("rat", "mouse")
ROUTES = ("sc", "ip", "it", "icv")
ROUTE_LABELS = {
    "sc": "subcutaneous",
    "ip": "intraperitoneal",
    "it": "intrathecal",
    "icv": "intracerebroventricular",
}
DESIGN_WEIGHTS = ("implant", "mid", "mean")
# How the weight changes: a gain per day (0 = constant), a straight line to the weight expected at
# the end of the study, a preset growth curve, or the scientist's measured weights.
GROWTH_MODELS = ("gain", "end_weight", "preset", "measured")
CATHETER_FILLS = ("vehicle", "drug")
MAX_MEASURED_WEIGHTS = 200

# What the user sees for each field, so every message names the input to change.
FIELD_LABELS = {
    "compound": "Compound",
    "vehicle": "Vehicle",
    "dose": "Dose",
    "dose_unit": "Dose unit",
    "species": "Species",
    "route": "Route",
    "body_weight_g": "Body weight (g)",
    "weight_gain_g_per_day": "Weight gain (g/day)",
    "design_weight": "Design weight",
    "pump_model": "Pump model",
    "lot_rate_ul_per_hr": "Lot pumping rate (µL/h)",
    "lot_fill_volume_ul": "Lot fill volume (µL)",
    "study_days": "Study length (days)",
    "pumps_in_series": "Pumps in series",
    "solubility_mg_per_ml": "Solubility (mg/mL)",
    "molecular_weight_g_per_mol": "Molecular weight (g/mol)",
    "fixed_concentration_mg_per_ml": "Fill concentration (mg/mL)",
    "growth_model": "Weight over time",
    "end_body_weight_g": "Weight at the end (g)",
    "growth_preset": "Growth preset",
    "age_at_implant_days": "Age at implant (days)",
    "measured_weights": "Measured weights (day: g)",
    "catheter_tubing": "Catheter tubing",
    "catheter_length_cm": "Catheter length (cm)",
    "catheter_filled_with": "Catheter filled with",
    "implant_date": "Implant date",
    "outcome_measures": "Outcome measures",
    "implant_time": "Implant time",
    "time_zone": "Time zone",
    "priming_hours": "Priming (h)",
    "outcome_days": "Outcome days",
}
# The brief's outcome measures (REFERENCE section 7); a plan may name others.
OUTCOME_MEASURES = (
    "Modified Ashworth Scale",
    "H-reflex",
    "open-field locomotor activity",
    "gait analysis (e.g. CatWalk XT)",
    "von Frey filaments",
    "Hargreaves test",
)


class PlanError(ValueError):
    """A plan field has a value the plan cannot hold; ``field`` names it."""

    def __init__(self, field: str, value: Any, rule: str):
        self.field, self.value, self.rule = field, value, rule
        super().__init__(f"{FIELD_LABELS.get(field, field)}: {value!r} is not allowed; {rule}.")


def _number(field: str, value: Any, low: float, high: float, *, low_inclusive=False) -> float:
    rule = f"enter a number {'from' if low_inclusive else 'above'} {low:g} up to {high:g}"
    if isinstance(value, bool):
        raise PlanError(field, value, rule)
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: an int like 10**400
        raise PlanError(field, value, rule) from None
    too_low = number < low if low_inclusive else number <= low
    if not math.isfinite(number) or too_low or number > high:
        raise PlanError(field, value, rule)
    return number


def _optional_number(
    field: str, value: Any, low: float, high: float, low_inclusive: bool | None = None
) -> float | None:
    """Empty is None; a positive floor is allowed itself unless said otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    inclusive = low > 0 if low_inclusive is None else low_inclusive
    return _number(field, value, low, high, low_inclusive=inclusive)


def _text(field: str, value: Any) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text or len(text) > 100:
        raise PlanError(field, value, "enter a name of 1 to 100 characters")
    return text


def _choice(field: str, value: Any, choices: tuple[str, ...]) -> str:
    text = value.strip().lower() if isinstance(value, str) else value
    if text not in choices:
        raise PlanError(field, value, f"choose one of {', '.join(choices)}")
    return text


def _dose_unit(value: Any) -> str:
    try:
        return normalize_dose_unit(value)
    except ValueError as error:
        raise PlanError("dose_unit", value, str(error).split("; ")[-1]) from None


def _pumps_in_series(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = _number("pumps_in_series", value, 1, 100, low_inclusive=True)
    if number != int(number):
        raise PlanError(
            "pumps_in_series", value, "enter a whole number from 1 to 100, or leave empty"
        )
    return int(number)


def _optional_text(field: str, value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _text(field, value)


def _weight_points(value: Any) -> list:
    """Pairs from a list of pairs, or from text like '0: 250; 7: 262.5' (a share link)."""
    if isinstance(value, str):
        pairs = [item.split(":") for item in value.replace("\n", ";").split(";") if item.strip()]
        if any(len(pair) != 2 for pair in pairs):
            raise PlanError(
                "measured_weights", value, "write each weight as day: grams, ';' between"
            )
        return pairs
    if isinstance(value, list | tuple) and all(
        isinstance(pair, list | tuple) and len(pair) == 2 for pair in value
    ):
        return list(value)
    raise PlanError("measured_weights", value, "give (day, grams) pairs")


def _measured_weights(value: Any) -> tuple[tuple[float, float], ...]:
    """Measured weights as sorted (day after implant, grams) pairs, one per day."""
    if value is None or value == "":
        return ()
    pairs = _weight_points(value)
    if len(pairs) > MAX_MEASURED_WEIGHTS:
        raise PlanError(
            "measured_weights", f"{len(pairs)} weights", f"give at most {MAX_MEASURED_WEIGHTS}"
        )
    points = {
        _number("measured_weights", day, 0.0, 3650.0, low_inclusive=True): _number(
            "measured_weights", grams, 1.0, 2000.0, low_inclusive=True
        )
        for day, grams in pairs
    }
    if len(points) != len(pairs):
        raise PlanError("measured_weights", value, "give one weight per day")
    return tuple(sorted(points.items()))


def _optional_choice(field: str, value: Any, choices: tuple[str, ...]) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _choice(field, value, choices)


def _implant_date(value: Any) -> str | None:
    """An ISO date (YYYY-MM-DD), kept as text so files and links carry it unchanged."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    rule = "enter a date as YYYY-MM-DD, from 1970 to 2199"
    try:
        day = date.fromisoformat(str(value).strip())
    except ValueError:
        raise PlanError("implant_date", value, rule) from None
    # Far enough from year 1 and 9999 that every date of a study stays a valid date.
    if not 1970 <= day.year <= 2199:
        raise PlanError("implant_date", value, rule)
    return day.isoformat()


def _outcome_measures(value: Any) -> tuple[str, ...]:
    """Names of outcome measures, from a list or from text with ';' between them."""
    if value is None or value == "":
        return ()
    items = value.split(";") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise PlanError("outcome_measures", value, "give names as a list, or with ';' between")
    if len(items) > 20:
        raise PlanError("outcome_measures", value, "give at most 20 names")
    blank = [item for item in items if isinstance(item, str) and not item.strip()]
    names = [_text("outcome_measures", item) for item in items if item not in blank]
    if any(";" in name for name in names):  # ';' separates names in a share link
        raise PlanError("outcome_measures", value, "write names without ';'")
    return tuple(dict.fromkeys(names))


def _implant_time(value: Any) -> str:
    """A wall-clock time (HH:MM, 24 h), kept as text like the implant date."""
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", str(value).strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise PlanError("implant_time", value, "enter a time as HH:MM, for example 09:30")
    return f"{int(match[1]):02d}:{match[2]}"


def _time_zone(value: Any) -> str | None:
    """An IANA zone name (Europe/London); empty means local times without a zone."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    name = str(value).strip()
    try:
        if len(name) > 64:  # longer than any zone name: not worth a lookup
            raise ValueError(name)
        zoneinfo.ZoneInfo(name)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        rule = "enter a zone name such as Europe/London or America/New_York, or leave it empty"
        raise PlanError("time_zone", value, rule) from None
    return name


def _outcome_days(value: Any) -> tuple[float, ...]:
    """Study days of the outcome measurements, from a list or from text like '0; 3; 7'."""
    if value is None or value == "":
        return ()
    items = value.replace(",", ";").split(";") if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or len(items) > 100:
        raise PlanError("outcome_days", value, "give at most 100 days, with ';' between")
    days = []
    for item in items:
        if isinstance(item, str) and not item.strip():
            continue
        try:
            days.append(_number("outcome_days", item, 0.0, 3650.0, low_inclusive=True))
        except PlanError:
            shown = item.strip() if isinstance(item, str) else item
            rule = f"enter days from 0 up to 3650 with ';' between ({shown!r} is not a day)"
            raise PlanError("outcome_days", value, rule) from None
    return tuple(sorted(set(days)))


# One validator per field: it returns the normalized value or raises PlanError.
VALIDATORS = {
    "compound": lambda v: _text("compound", v),
    "vehicle": lambda v: _text("vehicle", v),
    "dose": lambda v: _number("dose", v, 0.0, 1e6),
    "dose_unit": _dose_unit,
    "species": lambda v: _choice("species", v, SPECIES),
    "route": lambda v: _choice("route", v, ROUTES),
    # The floors below keep every division finite and lie below any real animal or pump lot.
    "body_weight_g": lambda v: _number("body_weight_g", v, 1.0, 2000.0, low_inclusive=True),
    # Weight loss is not modelled yet, hence the floor of 0.
    "weight_gain_g_per_day": lambda v: _number(
        "weight_gain_g_per_day", v, 0.0, 50.0, low_inclusive=True
    ),
    "design_weight": lambda v: _choice("design_weight", v, DESIGN_WEIGHTS),
    "pump_model": lambda v: _text("pump_model", v),
    "lot_rate_ul_per_hr": lambda v: _optional_number("lot_rate_ul_per_hr", v, 0.01, 1000.0),
    "lot_fill_volume_ul": lambda v: _optional_number("lot_fill_volume_ul", v, 1.0, 10000.0),
    "study_days": lambda v: _number("study_days", v, 0.0, 3650.0),
    "pumps_in_series": _pumps_in_series,
    "solubility_mg_per_ml": lambda v: _optional_number("solubility_mg_per_ml", v, 0.0, 1e6),
    "molecular_weight_g_per_mol": lambda v: _optional_number(
        "molecular_weight_g_per_mol", v, 1.0, 1e7
    ),
    "fixed_concentration_mg_per_ml": lambda v: _optional_number(
        "fixed_concentration_mg_per_ml", v, 0.0, 1e6
    ),
    "growth_model": lambda v: _choice("growth_model", v, GROWTH_MODELS),
    "end_body_weight_g": lambda v: _optional_number("end_body_weight_g", v, 1.0, 2000.0),
    "growth_preset": lambda v: _optional_text("growth_preset", v),
    "age_at_implant_days": lambda v: _optional_number(
        "age_at_implant_days", v, 0.0, 3650.0, low_inclusive=True
    ),
    "measured_weights": _measured_weights,
    "catheter_tubing": lambda v: _optional_text("catheter_tubing", v),
    "catheter_length_cm": lambda v: _optional_number("catheter_length_cm", v, 0.0, 500.0),
    "catheter_filled_with": lambda v: _choice("catheter_filled_with", v, CATHETER_FILLS),
    "implant_date": _implant_date,
    "outcome_measures": _outcome_measures,
    "implant_time": _implant_time,
    "time_zone": _time_zone,
    # Empty: the pump model's priming time from the catalogue.
    "priming_hours": lambda v: _optional_number("priming_hours", v, 0.0, 240.0),
    "outcome_days": _outcome_days,
}


@dataclass(frozen=True)
class Plan:
    """Every choice of the scientist. ``Plan()`` is the brief's intrathecal baclofen example:
    1.0 ug/h in aCSF to a 250 g rat with a model 2002 pump (0.5 uL/h) for 7 days -> 2.0 mg/mL."""

    compound: str = "baclofen"
    vehicle: str = "aCSF"
    dose: float = 1.0
    dose_unit: str = "ug/h"
    species: str = "rat"
    route: str = "it"
    body_weight_g: float = 250.0
    weight_gain_g_per_day: float = 0.0
    design_weight: str = "implant"
    pump_model: str = "2002"
    lot_rate_ul_per_hr: float | None = None
    lot_fill_volume_ul: float | None = None
    study_days: float = 7.0
    pumps_in_series: int | None = None
    solubility_mg_per_ml: float | None = None
    molecular_weight_g_per_mol: float | None = None
    # A stock the scientist already has: set, it replaces the dose as what the pump is filled
    # with, and the app reports the dose it delivers.
    fixed_concentration_mg_per_ml: float | None = None
    growth_model: str = "gain"
    end_body_weight_g: float | None = None
    growth_preset: str | None = None
    age_at_implant_days: float | None = None
    measured_weights: tuple[tuple[float, float], ...] = ()
    # A catheter primed with vehicle delays the drug by its volume / rate (REFERENCE section 3).
    catheter_tubing: str | None = None
    catheter_length_cm: float | None = None
    catheter_filled_with: str = "vehicle"
    implant_date: str | None = None
    outcome_measures: tuple[str, ...] = ()
    # The calendar: surgery time, the zone the times are in (None: local times without a zone),
    # priming time (None: the model's) and the study days of the outcome measurements.
    implant_time: str = "09:00"
    time_zone: str | None = None
    priming_hours: float | None = None
    outcome_days: tuple[float, ...] = ()

    def __post_init__(self):
        for name, validate in VALIDATORS.items():
            object.__setattr__(self, name, validate(getattr(self, name)))

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> "Plan":
        """Build a plan from a mapping of field names; missing fields take their defaults.

        Raises ``PlanError`` for an unknown field or a value a field cannot hold.
        """
        unknown = sorted(set(values) - set(VALIDATORS))
        if unknown:
            raise PlanError(unknown[0], values[unknown[0]], "this is not a plan field")
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """The plan as plain JSON-able values (lists, not tuples), in field order."""
        values = asdict(self)
        values["measured_weights"] = [list(point) for point in self.measured_weights]
        values["outcome_measures"] = list(self.outcome_measures)
        values["outcome_days"] = list(self.outcome_days)
        return values


PLAN_FIELDS = tuple(field.name for field in fields(Plan))
