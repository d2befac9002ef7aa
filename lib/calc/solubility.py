"""How close a fill concentration is to what stays dissolved: one grading for the plan's check,
the pump advisor and the cohort's solutions.

- Above the solubility: a conflict (solubility counts at the loading temperature). At it, a
  saturated solution (ALZET names one as the highest mass flow a pump can give, e.g. lithium
  chloride at 63 g/100 mL): a caution, since a degree cooler it precipitates.
- A solubility known only as a range, a pharmacopoeial term ("freely soluble": 100 to
  1000 mg/mL) or a strength known to dissolve ("at least 50 mg/mL"): above its top a conflict,
  from its bottom a caution (it may or may not dissolve), under it nothing.
- From 80 % of a figure: a caution. The figures are uncertain (baclofen in water: 4.3 mg/mL in
  one source, 7.5 mg/mL in another, temperature not stated; REFERENCE section 4), so the last
  fifth is a margin; 80 % is a planning choice, stated in every message that uses it.
- Intrathecal and intracerebroventricular routes only: above the compound's highest marketed
  intrathecal strength (baclofen 2 mg/mL: Lioresal, Gablofen), a caution.

A stock for dilution is made no stronger than the caution level (``stock_ceiling_mg_per_ml``).
Limits are in the form the plan's amounts count (``lib.calc.dose_form``): the table's figures,
which are for the form weighed, are divided by the mg weighed per mg counted.
"""

from dataclasses import dataclass

from lib.calc.dose_form import DoseForm, dose_form
from lib.plan import CNS_ROUTES, Plan
from lib.tables.compound_facts import SOLUBILITY_TERMS
from lib.tables.compounds import CompoundTable

NEAR_SOLUBILITY_PERCENT = 80.0
# A concentration this close to the solubility is the saturated solution itself, not above it.
SATURATED_RELATIVE = 1e-6


@dataclass(frozen=True)
class Limits:
    """What a compound in a vehicle allows: its solubility (the scientist's own figure first;
    for a pharmacopoeial term, the bottom of its range, with ``solubility_upper_mg_per_ml`` its
    top) and its highest marketed intrathecal strength, each unknown as None."""

    solubility_mg_per_ml: float | None = None
    intrathecal_strength_mg_per_ml: float | None = None
    solubility_upper_mg_per_ml: float | None = None
    solubility_term: str = ""

    @property
    def ceiling_mg_per_ml(self) -> float | None:
        """Above it, no solution: the figure, or the top of the term's range (none for "very
        soluble")."""
        if self.solubility_term:
            return self.solubility_upper_mg_per_ml
        return self.solubility_mg_per_ml

    @property
    def near_solubility_mg_per_ml(self) -> float | None:
        """The caution level: 80 % of a figure; the bottom of a range (under it, it dissolves)."""
        if self.solubility_mg_per_ml is None:
            return None
        if self.solubility_term:
            return self.solubility_mg_per_ml
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
    solubility, ceiling = limits.solubility_mg_per_ml, limits.ceiling_mg_per_ml
    percent = None if not solubility else 100.0 * concentration_mg_per_ml / solubility
    if ceiling is not None and concentration_mg_per_ml > ceiling * (1.0 + SATURATED_RELATIVE):
        return Grade("conflict", "above_solubility", percent)
    at_bottom = solubility is not None and (
        concentration_mg_per_ml >= solubility * (1.0 - SATURATED_RELATIVE)
    )
    if at_bottom:
        kind = "within_solubility_range" if limits.solubility_term else "saturated"
        return Grade("caution", kind, percent)
    near = percent is not None and percent >= NEAR_SOLUBILITY_PERCENT
    if near and not limits.solubility_term:
        return Grade("caution", "near_solubility", percent)
    strength = limits.intrathecal_strength_mg_per_ml
    if route in CNS_ROUTES and strength is not None and concentration_mg_per_ml > strength:
        return Grade("caution", "above_intrathecal_strength", percent)
    return Grade("feasible", "", percent)


def limits_of(plan: Plan, compounds: CompoundTable, form: DoseForm) -> Limits:
    """The plan's limits in the form its amounts count: the scientist's solubility first (in
    that form already), else the table's for the vehicle; the strongest marketed product for a
    route into the CNS on those routes."""
    factor = form.weighed_mg_per_dose_mg or 1.0
    products = compounds.products(plan.compound) if plan.route in CNS_ROUTES else []
    strengths = [product.highest_strength_mg_per_ml / factor for product in products]
    strength = max(strengths, default=None)
    if plan.solubility_mg_per_ml is not None:
        return Limits(plan.solubility_mg_per_ml, strength)
    row = compounds.lookup(plan.compound, plan.vehicle)
    if row is None:
        return Limits(None, strength)
    if row.solubility_mg_per_ml is not None and row.figure == "saturation":
        return Limits(row.solubility_mg_per_ml / factor, strength)
    # A range: what is known to dissolve (a strength, the bottom of the term's range) up to
    # the top of the term's range (none for "very soluble" or a strength alone).
    low, high = SOLUBILITY_TERMS.get(row.solubility_term, (0.0, None))
    low = max(low, row.solubility_mg_per_ml or 0.0)
    label = row.solubility_term or "at least"
    return Limits(low / factor, strength, None if high is None else high / factor, label)


def form_and_limits(plan: Plan, compounds: CompoundTable) -> tuple[DoseForm, Limits]:
    """What the plan's amounts count and what stays dissolved of it: resolved once per plan for
    the evaluation, every model the advisor judges and its proposals."""
    form = dose_form(plan, compounds)
    return form, limits_of(plan, compounds, form)
