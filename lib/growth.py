"""Body weight over time, and the weight a pump's concentration is computed for.

The weight at implant is the scientist's; growth adds to it: a gain per day, a straight line to
the weight expected at the end of the study, the shape of a preset growth curve from REFERENCE
section 5 (anchored at the weight at implant), or the scientist's measured weights.
"""

import functools
from dataclasses import dataclass

import numpy as np

from lib.datafiles import DATA_FOLDER, positive_number, read_table, text
from lib.plan import Plan
from lib.timecourse import PumpWindow, design_window

PRESET_COLUMNS = ("preset", "label", "species", "age_days", "body_weight_g", "confidence", "source")


@dataclass(frozen=True)
class GrowthPreset:
    """A growth curve: body weight at each age, with its source and how far to trust it."""

    name: str
    label: str
    species: str
    ages_days: tuple[float, ...]
    weights_g: tuple[float, ...]
    confidence: str
    source: str

    def weight_g_at_age(self, age_days):
        """Weight on the curve; before the first and after the last age it is held."""
        return np.interp(age_days, self.ages_days, self.weights_g)


def load_growth_presets(path=None) -> dict[str, GrowthPreset]:
    """Read ``lib/data/growth_presets.csv``: one row per (preset, age)."""
    provenance, rows = read_table(path or DATA_FOLDER / "growth_presets.csv", PRESET_COLUMNS)
    points: dict[str, list] = {}
    for where, row in rows:
        age = positive_number(row, "age_days", where)
        weight = positive_number(row, "body_weight_g", where)
        points.setdefault(text(row, "preset", where), []).append((age, weight, row))
    return {name: _preset(name, sorted(rows, key=lambda p: p[0])) for name, rows in points.items()}


def _preset(name: str, points: list) -> GrowthPreset:
    first_row = points[0][2]
    return GrowthPreset(
        name=name,
        label=first_row["label"],
        species=first_row["species"],
        ages_days=tuple(age for age, _, _ in points),
        weights_g=tuple(weight for _, weight, _ in points),
        confidence=first_row["confidence"],
        source=first_row["source"],
    )


@functools.cache
def shipped_growth_presets() -> dict[str, GrowthPreset]:
    return load_growth_presets()


def growth_inputs_missing(plan: Plan, presets: dict[str, GrowthPreset]) -> str | None:
    """What the plan's growth model lacks (then the weight is held), or None."""
    if plan.growth_model == "end_weight" and plan.end_body_weight_g is None:
        return "the weight expected at the end of the study"
    if plan.growth_model == "preset" and plan.growth_preset not in presets:
        return "a growth preset from the list"
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


# Mean weights already worked out, by (growth of the plan, start day, end day). The advisor asks
# for the same windows again for every model of the same duration, and a dose change leaves the
# weight curve as it was. Bounded: cleared when full.
_MEAN_WEIGHTS: dict[tuple, float] = {}
_MEAN_WEIGHTS_LIMIT = 20_000


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
    key = (_growth_key(plan), start_day, end_day)
    mean = _MEAN_WEIGHTS.get(key)
    if mean is None:
        if len(_MEAN_WEIGHTS) >= _MEAN_WEIGHTS_LIMIT:
            _MEAN_WEIGHTS.clear()
        mean = _MEAN_WEIGHTS[key] = _mean_body_weight_g(plan, start_day, end_day)
    return mean


def _mean_body_weight_g(plan: Plan, start_day: float, end_day: float) -> float:
    if end_day <= start_day:
        return float(body_weight_g_at(plan, (start_day + end_day) / 2))
    days = _corner_days(plan, start_day, end_day)
    return float(np.trapezoid(body_weight_g_at(plan, days), days) / (end_day - start_day))


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
