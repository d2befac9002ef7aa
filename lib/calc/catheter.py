"""Catheter tubing: how long drug takes to reach the tip of a catheter primed with vehicle.

ALZET ("Catheter use"): a catheter does not change the pump's rate; primed with vehicle, drug
reaches the tip after catheter volume / rate (10 cm of PE-60 = 45.66 uL at 0.25 uL/h: 183 h).
"""

from lib.plan import Plan
from lib.tables.pumps import run_time_days
from lib.tables.tubing import Tubing, shipped_tubing


def catheter_volume_ul(plan: Plan, tubing: dict[str, Tubing] | None = None) -> float | None:
    """The catheter's internal volume, or None when the plan has no (known) catheter."""
    tubing = shipped_tubing() if tubing is None else tubing
    if plan.catheter_tubing not in tubing or not plan.catheter_length_cm:
        return None
    return tubing[plan.catheter_tubing].volume_ul_per_cm * plan.catheter_length_cm


def catheter_lag_days(plan: Plan, rate_ul_per_hr: float, tubing=None) -> float:
    """Days before drug reaches the tip: volume / rate for a catheter primed with vehicle."""
    volume_ul = catheter_volume_ul(plan, tubing)
    if volume_ul is None or plan.catheter_filled_with == "drug":
        return 0.0
    return run_time_days(volume_ul, rate_ul_per_hr)


def catheter_drug_volume_ul(plan: Plan, tubing=None) -> float:
    """Solution that goes into each catheter: its volume when it is filled with drug, else 0."""
    volume_ul = catheter_volume_ul(plan, tubing)
    return volume_ul if volume_ul is not None and plan.catheter_filled_with == "drug" else 0.0
