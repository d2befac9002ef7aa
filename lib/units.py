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
GRAMS_PER_KILOGRAM = 1000.0
MICROLITRES_PER_MILLILITRE = 1000.0


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
    return body_weight_g / GRAMS_PER_KILOGRAM


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


def ul_per_hr_to_ml_per_day(rate_ul_per_hr: float) -> float:
    """Pumping rate in mL/day from uL/h (the brief: Q x 24 / 1000)."""
    return rate_ul_per_hr * HOURS_PER_DAY / MICROLITRES_PER_MILLILITRE


def mg_per_ml_to_millimolar(
    concentration_mg_per_ml: float, molecular_weight_g_per_mol: float
) -> float:
    """Concentration in mmol/L from mg/mL: mg/mL is g/L, over g/mol is mol/L, x 1000 is mM."""
    return concentration_mg_per_ml / molecular_weight_g_per_mol * 1000.0
