"""Body weight over time, and the weight a pump's concentration is computed for.

The weight at implant is the scientist's; growth adds to it: a gain per day, a straight line to
the weight expected at the end of the study, the shape of a preset growth curve from REFERENCE
section 5 (anchored at the weight at implant), or the scientist's measured weights.
"""

import bisect

import numpy as np

from lib.calc.series import PumpWindow, design_window
from lib.plan import Plan
from lib.tables.presets import GrowthPreset, shipped_growth_presets


def growth_inputs_missing(plan: Plan, presets: dict[str, GrowthPreset]) -> str | None:
    """What the plan's growth model lacks (then the weight is held), or None."""
    if plan.growth_model == "end_weight" and plan.end_body_weight_g is None:
        return "the weight expected at the end of the study"
    if plan.growth_model == "preset" and plan.growth_preset not in presets:
        return "a growth preset from the list"
    if plan.growth_model == "preset" and presets[plan.growth_preset].species != plan.species:
        return (
            f"a growth preset for a {plan.species} (the one chosen is for a "
            f"{presets[plan.growth_preset].species})"
        )
    if plan.growth_model == "preset" and plan.age_at_implant_days is None:
        return "the age at implant"
    if plan.growth_model == "measured" and not plan.measured_weights:
        return "at least one measured weight"
    return None


def body_weight_g_at(plan: Plan, days, presets: dict[str, GrowthPreset] | None = None):
    """Body weight (g) on the given days after implant, by the plan's growth model."""
    days = np.asarray(days, dtype=float)
    presets = shipped_growth_presets() if presets is None else presets
    if growth_inputs_missing(plan, presets):
        return np.full_like(days, plan.body_weight_g)
    if plan.growth_model == "end_weight":
        gain_g_per_day = (plan.end_body_weight_g - plan.body_weight_g) / plan.study_days
        return plan.body_weight_g + gain_g_per_day * days
    if plan.growth_model == "preset":
        curve = presets[plan.growth_preset].weight_g_at_age
        age = plan.age_at_implant_days
        return plan.body_weight_g + curve(age + days) - curve(age)
    if plan.growth_model == "measured":
        points = dict(plan.measured_weights)
        points.setdefault(0.0, plan.body_weight_g)  # the weight at implant, unless measured
        measured_days = sorted(points)
        return np.interp(days, measured_days, [points[day] for day in measured_days])
    return plan.body_weight_g + plan.weight_gain_g_per_day * days


def design_body_weight_g(plan: Plan, window: PumpWindow) -> float:
    """The weight a pump's concentration is computed for, in that pump's own infusion window:
    the weight at its implant, at mid-infusion, or the mean weight over the infusion."""
    start_day, end_day = design_window(window, plan.study_days)
    if plan.design_weight == "implant":
        return float(body_weight_g_at(plan, start_day))
    if plan.design_weight == "mid":
        return float(body_weight_g_at(plan, (start_day + end_day) / 2))
    return mean_body_weight_g(plan, start_day, end_day)


# The weight curve's running integral, by the plan's growth (`_growth_key`), over the study:
# (corner days, weight on each, integral from day 0 to each). Every growth model here is piecewise
# linear in time, so a window's mean weight is two look-ups in this table, where integrating each
# window anew cost about 18 us for each of the ~34 windows the advisor asks for. Bounded: cleared
# when full.
_WEIGHT_INTEGRALS: dict[tuple, tuple[list[float], list[float], list[float]]] = {}
_WEIGHT_INTEGRALS_LIMIT = 2_000


def _growth_key(plan: Plan) -> tuple:
    """Every field the weight curve depends on, and nothing else."""
    return (
        plan.body_weight_g,
        plan.growth_model,
        plan.weight_gain_g_per_day,
        plan.end_body_weight_g,
        plan.growth_preset,
        plan.age_at_implant_days,
        plan.measured_weights,
        plan.study_days,
    )


def mean_body_weight_g(plan: Plan, start_day: float, end_day: float) -> float:
    """The mean weight between two days (the weight on that day if they are the same)."""
    if end_day <= start_day:
        return float(body_weight_g_at(plan, (start_day + end_day) / 2))
    if start_day >= 0.0 and end_day <= plan.study_days:
        table = _weight_integral(plan)
        integral = _integral_to(table, end_day) - _integral_to(table, start_day)
        return integral / (end_day - start_day)
    # Outside the study (a pump left in after it): integrate this window over its own corners.
    days = _corner_days(plan, start_day, end_day)
    return float(np.trapezoid(body_weight_g_at(plan, days), days) / (end_day - start_day))


def _weight_integral(plan: Plan) -> tuple[list[float], list[float], list[float]]:
    key = _growth_key(plan)
    table = _WEIGHT_INTEGRALS.get(key)
    if table is None:
        if len(_WEIGHT_INTEGRALS) >= _WEIGHT_INTEGRALS_LIMIT:
            _WEIGHT_INTEGRALS.clear()
        days = _corner_days(plan, 0.0, plan.study_days)
        weights = body_weight_g_at(plan, days)
        areas = np.diff(days) * (weights[1:] + weights[:-1]) / 2  # exact on straight segments
        integrals = np.concatenate([[0.0], np.cumsum(areas)])
        table = _WEIGHT_INTEGRALS[key] = (days.tolist(), weights.tolist(), integrals.tolist())
    return table


def _integral_to(table: tuple[list[float], list[float], list[float]], day: float) -> float:
    """The weight's integral from day 0 to `day` (inside the table), in g x days."""
    days, weights, integrals = table
    # The straight segment holding `day`: bisect finds its start among the corners.
    index = min(max(bisect.bisect_right(days, day) - 1, 0), len(days) - 2)
    elapsed = day - days[index]
    slope = (weights[index + 1] - weights[index]) / (days[index + 1] - days[index])
    return integrals[index] + elapsed * (weights[index] + slope * elapsed / 2)


def _corner_days(plan: Plan, start_day: float, end_day: float) -> np.ndarray:
    """The window's ends and every corner of the weight curve inside it.

    Every growth model here is piecewise linear in time, so the trapezoid rule over its corners
    gives the exact mean weight.
    """
    corners = [start_day, end_day]
    if plan.growth_model == "preset" and plan.growth_preset in shipped_growth_presets():
        ages = shipped_growth_presets()[plan.growth_preset].ages_days
        corners += [age - (plan.age_at_implant_days or 0.0) for age in ages]
    elif plan.growth_model == "measured":
        corners += [day for day, _ in plan.measured_weights] + [0.0]
    return np.unique([day for day in corners if start_day <= day <= end_day])
