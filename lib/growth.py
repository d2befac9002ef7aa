"""Body weight over time, and the weight a pump's concentration is computed for."""

import numpy as np

from lib.plan import Plan
from lib.timecourse import PumpWindow, design_window


def body_weight_g_at(plan: Plan, days):
    """Body weight on the given days after implant (linear gain from the weight at implant)."""
    return plan.body_weight_g + plan.weight_gain_g_per_day * np.asarray(days, dtype=float)


def design_body_weight_g(plan: Plan, window: PumpWindow) -> float:
    """The weight a pump's concentration is computed for, in that pump's own infusion window.

    For linear growth the weight at mid-infusion and the mean weight over it coincide.
    """
    start_day, end_day = design_window(window, plan.study_days)
    day = start_day if plan.design_weight == "implant" else (start_day + end_day) / 2
    return float(body_weight_g_at(plan, day))
