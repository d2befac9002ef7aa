"""The governing formula of osmotic-pump dosing and its inverse.

ALZET, "Determining the Required Concentration": mass flow = volume flow x concentration,
k0 [ug/h] = Q [uL/h] x Cd [ug/uL]. The brief writes it per kg: concentration [mg/mL] =
dose [mg/kg/day] x body weight [kg] / pumping rate [mL/day]. Note 1 mg/mL = 1 ug/uL.
"""

import numpy as np

from lib.calc.dose_form import DoseForm
from lib.calc.growth import design_body_weight_g
from lib.calc.series import PumpWindow
from lib.plan import Plan
from lib.units import DOSE_UNITS, GRAMS_PER_KILOGRAM, convert_dose, g_to_kg, ul_per_hr_to_ml_per_day

# The band the plot draws around the target; a dose outside it over the infusion is flagged,
# a stock that delivers outside it with a model is a caution for that model (the advisor), and
# it is a cohort's default tolerance for each animal's dose.
DRIFT_TOLERANCE_PERCENT = 10.0
# A pump's rate may differ from its model's nominal by this much before it is noted: a lot
# sheet's (the checks), or the mean rate measured at explant (a cohort's default tolerance).
RATE_TOLERANCE_PERCENT = 10.0


def required_concentration_mg_per_ml(
    dose_mg_per_kg_per_day: float, body_weight_g: float, rate_ul_per_hr: float
) -> float:
    """Fill concentration that delivers a per-kg dose to an animal of the given weight.

    Examples
    --------
    Tauer et al. 2013 (REFERENCE section 4) filled model 2002 (0.5 uL/h = 0.012 mL/day) at
    60 mg/mL; for a 100 g rat that is 7.2 mg/kg/day: 0.72 mg/day / 0.012 mL/day = 60 mg/mL.

    >>> round(required_concentration_mg_per_ml(7.2, 100.0, 0.5), 9)
    60.0
    """
    mass_mg_per_day = dose_mg_per_kg_per_day * body_weight_g / GRAMS_PER_KILOGRAM
    return mass_mg_per_day / ul_per_hr_to_ml_per_day(rate_ul_per_hr)


def delivered_dose_mg_per_kg_per_day(
    concentration_mg_per_ml: float, rate_ul_per_hr: float, body_weight_g: float
) -> float:
    """Dose an animal of the given weight receives from a pump: Q x 24 x C / BW (the inverse).

    >>> delivered_dose_mg_per_kg_per_day(2.0, 0.5, 250.0)  # 2 mg/mL x 0.012 mL/day / 0.25 kg
    0.096
    """
    mass_mg_per_day = concentration_mg_per_ml * ul_per_hr_to_ml_per_day(rate_ul_per_hr)
    return mass_mg_per_day / g_to_kg(body_weight_g)


def concentration_for_mass_flow_mg_per_ml(
    mass_flow_ug_per_hr: float, rate_ul_per_hr: float
) -> float:
    """Fill concentration for a per-animal dose: Cd [ug/uL] = k0 [ug/h] / Q [uL/h]."""
    return mass_flow_ug_per_hr / rate_ul_per_hr


def mass_flow_ug_per_hr(concentration_mg_per_ml: float, rate_ul_per_hr: float) -> float:
    """Mass the pump delivers per hour: k0 [ug/h] = Q [uL/h] x Cd [ug/uL].

    >>> mass_flow_ug_per_hr(2.0, 0.5)  # the brief: 2 mg/mL at 0.5 uL/h is 1 ug/h
    1.0
    """
    return concentration_mg_per_ml * rate_ul_per_hr


def fill_concentration_mg_per_ml(
    plan: Plan, rate_ul_per_hr: float, body_weight_g: float, molecular_weight: float | None
) -> float:
    """The concentration for the plan's dose: per-kg doses need the weight, molar the MW.

    A plan with a fixed concentration (a stock the scientist has) is filled at that.
    """
    if plan.fixed_concentration_mg_per_ml is not None:
        return plan.fixed_concentration_mg_per_ml
    unit = DOSE_UNITS[plan.dose_unit]
    if unit.per_kg:
        dose = convert_dose(plan.dose, plan.dose_unit, "mg/kg/day", None, molecular_weight)
        return required_concentration_mg_per_ml(dose, body_weight_g, rate_ul_per_hr)
    mass_flow = convert_dose(plan.dose, plan.dose_unit, "ug/h", None, molecular_weight)
    return concentration_for_mass_flow_mg_per_ml(mass_flow, rate_ul_per_hr)


def target_dose_mg_per_kg_per_day(plan: Plan, body_weights_g, molecular_weight: float | None):
    """The intended dose in mg/kg/day for animals of the given weights: the plan's dose, also
    when the pump is filled at a concentration of the scientist's (then the dose is the target
    it is judged against); NaN, no target, when the plan has none.

    A per-kg dose is the same for every weight; a per-animal dose spreads over each weight (so it
    falls as an animal grows).

    >>> target_dose_mg_per_kg_per_day(Plan(), [250.0, 500.0], 213.66)  # 0.024 mg/day
    array([0.096, 0.048])
    """
    weights_g = np.asarray(body_weights_g, dtype=float)
    try:
        if plan.dose is None:
            raise ValueError("no dose: no target")
        if DOSE_UNITS[plan.dose_unit].per_kg:
            dose = convert_dose(plan.dose, plan.dose_unit, "mg/kg/day", None, molecular_weight)
            return np.full_like(weights_g, dose)
        mass_mg_per_day = convert_dose(plan.dose, plan.dose_unit, "mg/day", None, molecular_weight)
    except ValueError:  # no dose, or a molar one without the molecular weight
        return np.full_like(weights_g, np.nan)
    return per_kilogram(mass_mg_per_day, weights_g)


def per_kilogram(mass_mg_per_day, weights_g):
    """mg/day to mg/kg/day at each weight; no figure (NaN) where a loss left no weight, which a
    finding names (``weight_not_positive``)."""
    weights_g = np.asarray(weights_g, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        doses = mass_mg_per_day / g_to_kg(weights_g)
    return np.where(weights_g > 0, doses, np.nan)


def can_compute_concentration(plan: Plan, form: DoseForm) -> bool:
    """A concentration needs a dose (a molar one the molecular weight), unless it is given, and
    a dose of the free base the mass of the form weighed that holds it."""
    if form.weighed_mg_per_dose_mg is None:
        return False
    if plan.fixed_concentration_mg_per_ml is not None:
        return True
    molar = DOSE_UNITS[plan.dose_unit].molar
    return plan.dose is not None and (not molar or bool(form.molecular_weight_g_per_mol))


def series_concentrations_mg_per_ml(
    plan: Plan, windows: list[PumpWindow], rate_ul_per_hr: float, molecular_weight: float | None
) -> tuple[float, ...]:
    """Each pump's concentration, filled for the design weight of its own window."""
    return tuple(
        fill_concentration_mg_per_ml(
            plan, rate_ul_per_hr, design_body_weight_g(plan, window), molecular_weight
        )
        for window in windows
    )
