"""The plasma level a pump gives: one compartment, zero-order input, linear clearance.

ALZET states the rule pharmacologists plan with: at steady state the delivery rate equals the
plasma concentration times the clearance, k0 = Css x CL (one-compartment linear kinetics; Bauer,
Applied Clinical Pharmacokinetics, ch. 2; shared REFERENCE section 8). The level rises as
1 - exp(-k t) with k = ln 2 / t½, so it reaches 90 % after ln 10 / k = 3.32 half-lives.

Assumptions (the page and the protocol state them): one compartment; clearance and volume of
distribution proportional to body weight (per kg), so k = CL / V does not change as the animal
grows; linear (dose-independent) clearance; the whole delivered dose reaches the plasma; the level
is the total (bound and free) plasma concentration of the form the dose counts (the weighed salt
or the free base, ``lib.calc.dose_form``).
"""

import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from lib.errors import PlanError
from lib.plan import Plan
from lib.units import (
    GRAMS_PER_KILOGRAM,
    HOURS_PER_DAY,
    MILLILITRES_PER_LITRE,
    MINUTES_PER_HOUR,
    convert_dose,
    hours_to_days,
    mg_per_day_to_ug_per_hr,
    ng_to_ug,
    ug_to_ng,
)

# The plan's pharmacokinetic fields, in the order the documents list them.
PLASMA_FIELDS = (
    "clearance_ml_per_min_per_kg",
    "half_life_h",
    "volume_of_distribution_l_per_kg",
    "target_plasma_ng_per_ml",
)
# What the prediction assumes, stated on the page and in the protocol (one home).
ASSUMPTIONS = (
    "one compartment: the drug spreads at once through one volume",
    "linear clearance: the same at every level, nothing saturates",
    "clearance and volume of distribution per kg of body weight, so the half-life stays "
    "the same as the animal grows and the level falls as it gains weight",
    "zero-order input: the pump's constant rate, all of it reaching the blood",
    "the total plasma concentration (bound and free) of the form the dose counts",
)
# 1 - exp(-k t) = 0.9 at t = ln 10 / k = (ln 10 / ln 2) t½ = 3.32 half-lives (REFERENCE 8).
HALF_LIVES_TO_90_PERCENT = math.log(10) / math.log(2)
# Points after each change of the input at which the curve is drawn, in half-lives: the rise
# (or fall) is over within hours for most drugs, far finer than the time course's whole days.
CURVE_HALF_LIVES = np.array([0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 7.0])


@dataclass(frozen=True)
class Kinetics:
    """The plan's pharmacokinetics, each per kg where it scales with the body: given, or derived
    from the two others (None when neither)."""

    clearance_ml_per_min_per_kg: float | None
    half_life_h: float | None
    volume_of_distribution_l_per_kg: float | None

    @property
    def time_to_90_percent_h(self) -> float | None:
        return None if self.half_life_h is None else time_to_90_percent_h(self.half_life_h)


def clearance_ml_per_min_per_kg(half_life_h: float, volume_l_per_kg: float) -> float:
    """CL = ln 2 x Vd / t½, from L/kg and h to mL/min/kg.

    >>> round(clearance_ml_per_min_per_kg(2.0, 1.0), 3)  # 0.693 x 1000 mL / 120 min
    5.776
    """
    return math.log(2) * volume_l_per_kg * MILLILITRES_PER_LITRE / (half_life_h * MINUTES_PER_HOUR)


def half_life_h(clearance_ml_per_min_per_kg: float, volume_l_per_kg: float) -> float:
    """t½ = ln 2 x Vd / CL (the inverse of ``clearance_ml_per_min_per_kg``)."""
    clearance_ml_per_h_per_kg = clearance_ml_per_min_per_kg * MINUTES_PER_HOUR
    return math.log(2) * volume_l_per_kg * MILLILITRES_PER_LITRE / clearance_ml_per_h_per_kg


def volume_of_distribution_l_per_kg(clearance_ml_per_min_per_kg: float, half_life: float) -> float:
    """Vd = CL x t½ / ln 2, in L/kg."""
    clearance_ml_per_h_per_kg = clearance_ml_per_min_per_kg * MINUTES_PER_HOUR
    return clearance_ml_per_h_per_kg * half_life / math.log(2) / MILLILITRES_PER_LITRE


def time_to_90_percent_h(half_life: float) -> float:
    """The time the level takes to reach 90 % of its steady state: 3.32 half-lives.

    >>> round(time_to_90_percent_h(2.0), 2)  # 3.3219 x 2 h
    6.64
    """
    return HALF_LIVES_TO_90_PERCENT * half_life


def kinetics(plan: Plan) -> Kinetics | None:
    """The plan's kinetics, completed where two of the three give the third; None without any.

    A clearance or half-life given is used as given (with all three, the volume only shows).
    """
    clearance, half, volume = (
        plan.clearance_ml_per_min_per_kg,
        plan.half_life_h,
        plan.volume_of_distribution_l_per_kg,
    )
    if clearance is None and half is None and volume is None:
        return None
    if clearance is None and half is not None and volume is not None:
        clearance = clearance_ml_per_min_per_kg(half, volume)
    if half is None and clearance is not None and volume is not None:
        half = half_life_h(clearance, volume)
    if volume is None and clearance is not None and half is not None:
        volume = volume_of_distribution_l_per_kg(clearance, half)
    return Kinetics(clearance, half, volume)


def clearance_ml_per_hr(clearance_ml_per_min_per_kg: float, body_weight_g):
    """The animal's clearance: per kg x kg x 60 min/h."""
    clearance_ml_per_hr_per_kg = clearance_ml_per_min_per_kg * MINUTES_PER_HOUR
    return clearance_ml_per_hr_per_kg * np.asarray(body_weight_g) / GRAMS_PER_KILOGRAM


def steady_state_plasma_ng_per_ml(
    mass_flow_ug_per_hr: float, clearance_ml_per_min_per_kg: float, body_weight_g: float
) -> float:
    """Css = k0 / CL.

    >>> steady_state_plasma_ng_per_ml(10.0, 10.0, 250.0)  # 10,000 ng/h / 150 mL/h
    66.66666666666667
    """
    clearance = clearance_ml_per_hr(clearance_ml_per_min_per_kg, body_weight_g)
    return float(ug_to_ng(mass_flow_ug_per_hr) / clearance)


def mass_flow_ug_per_hr_for_plasma(
    plasma_ng_per_ml: float, clearance_ml_per_min_per_kg: float, body_weight_g: float
) -> float:
    """k0 = Css x CL (the inverse of ``steady_state_plasma_ng_per_ml``)."""
    clearance = clearance_ml_per_hr(clearance_ml_per_min_per_kg, body_weight_g)
    return float(ng_to_ug(plasma_ng_per_ml * clearance))


def dose_for_plasma_target(
    plan: Plan, body_weight_g: float, molecular_weight_g_per_mol: float | None
) -> float | None:
    """The dose, in the plan's unit, whose steady state at the given (design) weight is the
    plan's target level; None without a target or a clearance, or for a molar unit without the
    molecular weight (its own finding says so)."""
    pharmacokinetics = kinetics(plan)
    if plan.target_plasma_ng_per_ml is None or pharmacokinetics is None:
        return None
    clearance = pharmacokinetics.clearance_ml_per_min_per_kg
    if clearance is None:
        return None
    mass_flow = mass_flow_ug_per_hr_for_plasma(
        plan.target_plasma_ng_per_ml, clearance, body_weight_g
    )
    try:
        return convert_dose(
            mass_flow, "ug/h", plan.dose_unit, body_weight_g, molecular_weight_g_per_mol
        )
    except ValueError:
        return None


def plan_for_plasma_target(
    plan: Plan, body_weight_g: float, molecular_weight_g_per_mol: float | None
) -> Plan:
    """The plan with the dose solved from its target level; the plan as it is when the dose
    cannot be solved, or would be beyond a dose's range (a finding says which)."""
    solved = dose_for_plasma_target(plan, body_weight_g, molecular_weight_g_per_mol)
    if solved is None:
        return plan
    try:
        return replace(plan, dose=solved)
    except PlanError:
        return plan


def ng_per_ml_to_nanomolar(concentration_ng_per_ml: float, molecular_weight_g_per_mol: float):
    """ng/mL is ug/L; over g/mol it is umol/L, x 1000 is nmol/L.

    >>> round(ng_per_ml_to_nanomolar(213.66, 213.66), 6)  # 1 uM of baclofen
    1000.0
    """
    return concentration_ng_per_ml / molecular_weight_g_per_mol * MILLILITRES_PER_LITRE


def plasma_course(timecourse: pd.DataFrame, pharmacokinetics: Kinetics) -> pd.DataFrame:
    """The plasma level over the pumps' life from the delivered dose of the time course.

    With a half-life the one-compartment equation dA/dt = k0(t) - k A is solved exactly
    between points (k0 holds from one point of the time course to the next, since the time
    course has a point at and just before every change; k = ln 2 / t½ is the same at every
    weight), and C = A / (Vd x weight). Without a half-life the rise is unknown: the curve is
    the steady state at each day's weight, k0 / (CL x weight) (``quasi_steady`` True).
    """
    days = timecourse["day"].to_numpy()
    weights_g = timecourse["body_weight_g"].to_numpy()
    doses = timecourse["dose_mg_per_kg_per_day"].to_numpy()
    # mg/kg/day x kg = mg/day, in ug/h. No dose where a loss left no weight.
    mass_ug_per_hr = mg_per_day_to_ug_per_hr(np.nan_to_num(doses * weights_g / GRAMS_PER_KILOGRAM))
    half, clearance = pharmacokinetics.half_life_h, pharmacokinetics.clearance_ml_per_min_per_kg
    quasi_steady = half is None
    if not quasi_steady and len(days):
        days, mass_ug_per_hr, weights_g = _finer(days, mass_ug_per_hr, weights_g, half)
    with np.errstate(divide="ignore", invalid="ignore"):
        steady = ug_to_ng(mass_ug_per_hr) / clearance_ml_per_hr(clearance, weights_g)
    steady = np.where(weights_g > 0, steady, np.nan)
    plasma = steady if quasi_steady else _solved(days, steady, weights_g, half)
    return pd.DataFrame({"day": days, "plasma_ng_per_ml": plasma, "quasi_steady": quasi_steady})


def _finer(days, mass_ug_per_hr, weights_g, half):
    """The time course's points and more after each change of the input, where the level moves
    within hours; the input holds from a point to the next, the weight is interpolated."""
    # mg/kg/day x weight carries rounding noise: a change is one beyond it.
    changes = days[1:][~np.isclose(mass_ug_per_hr[1:], mass_ug_per_hr[:-1], rtol=1e-9)]
    extra = (
        np.concatenate([[0.0], changes])[:, None] + hours_to_days(CURVE_HALF_LIVES * half)
    ).ravel()
    grid = np.unique(np.concatenate([days, extra[extra < days[-1]]]))
    held = np.clip(np.searchsorted(days, grid, side="right") - 1, 0, None)
    return grid, mass_ug_per_hr[held], np.interp(grid, days, weights_g)


def _solved(days, steady_ng_per_ml, weights_g, half):
    """A(t + dt) = A_ss + (A(t) - A_ss) exp(-k dt), A_ss = Css x V, from A(0) = 0."""
    rate_per_hr = math.log(2) / half
    decay = np.exp(-rate_per_hr * np.diff(days) * HOURS_PER_DAY)
    volumes = weights_g  # any fixed Vd: C = A / (Vd x W) and A_ss = Css x Vd x W share it
    steady_amounts = np.nan_to_num(steady_ng_per_ml * volumes)
    amounts = np.zeros(len(days))
    for index in range(1, len(days)):
        target = steady_amounts[index - 1]
        amounts[index] = target + (amounts[index - 1] - target) * decay[index - 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(weights_g > 0, amounts / volumes, np.nan)
