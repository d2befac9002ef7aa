"""Dose units and their conversions.

Every dose unit is a mass (or amount) per time, either per kilogram of body weight or per animal.
Conversions go through one canonical form, milligrams per day (per kg or per animal), so each unit
needs only three numbers: its mass in mg (for a molar unit, its amount in mmol, which weighs that
many times the molecular weight in mg), whether it is per kg, and how many of its time steps make a
day.
"""

from dataclasses import dataclass

HOURS_PER_DAY = 24.0
MINUTES_PER_DAY = 1440.0
MINUTES_PER_HOUR = 60.0
SECONDS_PER_HOUR = 3600.0
GRAMS_PER_KILOGRAM = 1000.0
MICROGRAMS_PER_MILLIGRAM = 1000.0
NANOGRAMS_PER_MICROGRAM = 1000.0
MICROLITRES_PER_MILLILITRE = 1000.0
MILLILITRES_PER_LITRE = 1000.0


@dataclass(frozen=True)
class DoseUnit:
    """One dose unit: ``mg_per_mass`` mg in one mass step (a molar unit: mmol in one amount step),
    ``steps_per_day`` time steps a day."""

    name: str
    label: str
    mg_per_mass: float
    per_kg: bool
    steps_per_day: float
    molar: bool = False


# The menu's order: per kg by mass, per kg by amount, then per animal.
DOSE_UNITS = {
    unit.name: unit
    for unit in (
        DoseUnit("mg/kg/day", "mg/kg/day", 1.0, True, 1.0),
        DoseUnit("mg/kg/h", "mg/kg/h", 1.0, True, HOURS_PER_DAY),
        DoseUnit("ug/kg/day", "µg/kg/day", 1e-3, True, 1.0),
        DoseUnit("ug/kg/h", "µg/kg/h", 1e-3, True, HOURS_PER_DAY),
        DoseUnit("ng/kg/min", "ng/kg/min", 1e-6, True, MINUTES_PER_DAY),
        # One mmol weighs the molecular weight in mg (g/mol = mg/mmol).
        DoseUnit("mmol/kg/day", "mmol/kg/day", 1.0, True, 1.0, molar=True),
        DoseUnit("umol/kg/day", "µmol/kg/day", 1e-3, True, 1.0, molar=True),
        DoseUnit("nmol/kg/day", "nmol/kg/day", 1e-6, True, 1.0, molar=True),
        DoseUnit("pmol/kg/min", "pmol/kg/min", 1e-9, True, MINUTES_PER_DAY, molar=True),
        DoseUnit("mg/day", "mg/day", 1.0, False, 1.0),
        DoseUnit("ug/day", "µg/day", 1e-3, False, 1.0),
        DoseUnit("ug/h", "µg/h", 1e-3, False, HOURS_PER_DAY),
        DoseUnit("ng/h", "ng/h", 1e-6, False, HOURS_PER_DAY),
        DoseUnit("ng/day", "ng/day", 1e-6, False, 1.0),
    )
}


def normalize_dose_unit(unit: str) -> str:
    """Return the canonical spelling of a dose unit (``µ`` and ``μ`` become ``u``).

    Raises ``ValueError`` naming the unit and the accepted ones when it is unknown.
    """
    name = str(unit).strip().replace("µ", "u").replace("μ", "u")
    if name not in DOSE_UNITS:
        accepted = ", ".join(DOSE_UNITS)
        raise ValueError(f"dose unit {unit!r} is not known; use one of: {accepted}")
    return name


def _mg_per_step(unit: DoseUnit, molecular_weight_g_per_mol: float | None) -> float:
    if not unit.molar:
        return unit.mg_per_mass
    if molecular_weight_g_per_mol is None or not molecular_weight_g_per_mol > 0:
        raise ValueError(
            f"dose unit {unit.name} needs the molecular weight (g/mol), "
            f"got {molecular_weight_g_per_mol!r}; enter the compound's molecular weight"
        )
    return unit.mg_per_mass * molecular_weight_g_per_mol


def _body_weight_kg(body_weight_g: float | None, unit_name: str) -> float:
    if body_weight_g is None or not body_weight_g > 0:
        raise ValueError(
            f"converting {unit_name} between per-kg and per-animal needs the body weight, "
            f"got {body_weight_g!r} g; enter a body weight above 0 g"
        )
    return g_to_kg(body_weight_g)


def convert_dose(
    value: float,
    from_unit: str,
    to_unit: str,
    body_weight_g: float | None = None,
    molecular_weight_g_per_mol: float | None = None,
) -> float:
    """Convert a dose between any two units of ``DOSE_UNITS``.

    Per-kg and per-animal units convert through the body weight; molar units through the
    molecular weight. Either is needed only when the conversion uses it.

    Examples
    --------
    >>> convert_dose(1.0, "ug/h", "mg/day")  # 1 ug/h x 24 h = 24 ug = 0.024 mg a day
    0.024
    >>> round(convert_dose(7.2, "mg/kg/day", "ug/kg/h"), 9)  # 7200 ug / 24 h
    300.0
    """
    source, target = (
        DOSE_UNITS[normalize_dose_unit(from_unit)],
        DOSE_UNITS[normalize_dose_unit(to_unit)],
    )
    if source is target:  # no round trip through mg/day, so no float noise (1.5 stays 1.5)
        return float(value)
    mg_per_day = value * _mg_per_step(source, molecular_weight_g_per_mol) * source.steps_per_day
    if source.per_kg and not target.per_kg:
        mg_per_day *= _body_weight_kg(body_weight_g, source.name)
    elif target.per_kg and not source.per_kg:
        mg_per_day /= _body_weight_kg(body_weight_g, source.name)
    return mg_per_day / target.steps_per_day / _mg_per_step(target, molecular_weight_g_per_mol)


# Each conversion divides or multiplies by its constant once, as the formulas it replaced did:
# x / 1000 and x * 0.001 differ in the last bit, and the documents print every digit they get.
# They take floats, numpy arrays and pandas columns alike.


def g_to_kg(mass_g):
    return mass_g / GRAMS_PER_KILOGRAM


def mg_to_ug(mass_mg):
    return mass_mg * MICROGRAMS_PER_MILLIGRAM


def ug_to_ng(mass_ug):
    return mass_ug * NANOGRAMS_PER_MICROGRAM


def ng_to_ug(mass_ng):
    return mass_ng / NANOGRAMS_PER_MICROGRAM


def ul_to_ml(volume_ul):
    return volume_ul / MICROLITRES_PER_MILLILITRE


def ml_to_ul(volume_ml):
    return volume_ml * MICROLITRES_PER_MILLILITRE


def hours_to_days(hours):
    return hours / HOURS_PER_DAY


def days_to_hours(days):
    return days * HOURS_PER_DAY


def hours_to_minutes(hours):
    return hours * MINUTES_PER_HOUR


def seconds_to_hours(seconds):
    return seconds / SECONDS_PER_HOUR


def per_hour_to_per_day(amount_per_hour):
    """A rate per hour as the same rate per day (uL/h to uL/day, ug/h to ug/day)."""
    return amount_per_hour * HOURS_PER_DAY


def mg_per_ul_to_mg_per_ml(concentration_mg_per_ul):
    return concentration_mg_per_ul * MICROLITRES_PER_MILLILITRE


def dissolved_mg(concentration_mg_per_ml, volume_ul):
    """The compound in a volume of solution: mg/mL x uL / 1000 (multiplied first, so a mass is
    the same to the last bit wherever it is computed)."""
    return concentration_mg_per_ml * volume_ul / MICROLITRES_PER_MILLILITRE


def ul_per_hr_to_ml_per_day(rate_ul_per_hr: float) -> float:
    """Pumping rate in mL/day from uL/h (the brief: Q x 24 / 1000)."""
    return rate_ul_per_hr * HOURS_PER_DAY / MICROLITRES_PER_MILLILITRE


def ug_per_hr_to_mg_per_day(mass_flow_ug_per_hr):
    """ug/h x 24 h / 1000."""
    return mass_flow_ug_per_hr * HOURS_PER_DAY / MICROGRAMS_PER_MILLIGRAM


def mg_per_day_to_ug_per_hr(mass_mg_per_day):
    """mg/day x 1000 / 24 h."""
    return mass_mg_per_day * MICROGRAMS_PER_MILLIGRAM / HOURS_PER_DAY


def mg_per_ml_to_millimolar(
    concentration_mg_per_ml: float, molecular_weight_g_per_mol: float
) -> float:
    """Concentration in mmol/L from mg/mL: mg/mL is g/L, over g/mol is mol/L, x 1000 is mM."""
    return concentration_mg_per_ml / molecular_weight_g_per_mol * MILLILITRES_PER_LITRE
