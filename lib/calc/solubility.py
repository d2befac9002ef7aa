"""How close a fill concentration is to what stays dissolved: one grading for the plan's check,
the pump advisor and the cohort's solutions.

- At or above the solubility: a conflict (solubility counts at the loading temperature).
- From 80 % of it: a caution. The figures are uncertain (baclofen in water: 4.3 mg/mL in one
  source, 7.5 mg/mL in another, temperature not stated; REFERENCE section 4), so the last fifth
  is a margin; 80 % is a planning choice, stated in every message that uses it.
- Intrathecal and intracerebroventricular routes only: above the compound's highest marketed
  intrathecal strength (baclofen 2 mg/mL: Lioresal, Gablofen), a caution.

A stock for dilution is made no stronger than the caution level (``stock_ceiling_mg_per_ml``).
"""

from dataclasses import dataclass

from lib.plan import CNS_ROUTES

NEAR_SOLUBILITY_PERCENT = 80.0


@dataclass(frozen=True)
class Limits:
    """What a compound in a vehicle allows: its solubility (the scientist's own figure first)
    and its highest marketed intrathecal strength, either unknown (None)."""

    solubility_mg_per_ml: float | None = None
    intrathecal_strength_mg_per_ml: float | None = None

    @property
    def near_solubility_mg_per_ml(self) -> float | None:
        if self.solubility_mg_per_ml is None:
            return None
        return self.solubility_mg_per_ml * NEAR_SOLUBILITY_PERCENT / 100.0

    @property
    def stock_ceiling_mg_per_ml(self) -> float | None:
        """The strongest stock to make: under every caution level known."""
        levels = [self.near_solubility_mg_per_ml, self.intrathecal_strength_mg_per_ml]
        known = [level for level in levels if level is not None]
        return min(known) if known else None


@dataclass(frozen=True)
class Grade:
    """``verdict``: conflict, caution or feasible; ``kind`` says which limit (or '')."""

    verdict: str
    kind: str = ""
    percent_of_solubility: float | None = None


def grade(concentration_mg_per_ml: float, limits: Limits, route: str) -> Grade:
    """The grading above, for one concentration on one route."""
    solubility = limits.solubility_mg_per_ml
    percent = None if solubility is None else 100.0 * concentration_mg_per_ml / solubility
    if percent is not None and percent >= 100.0:
        return Grade("conflict", "above_solubility", percent)
    if percent is not None and percent >= NEAR_SOLUBILITY_PERCENT:
        return Grade("caution", "near_solubility", percent)
    strength = limits.intrathecal_strength_mg_per_ml
    if route in CNS_ROUTES and strength is not None and concentration_mg_per_ml > strength:
        return Grade("caution", "above_intrathecal_strength", percent)
    return Grade("feasible", "", percent)
