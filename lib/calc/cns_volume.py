"""The volume a pump puts into the CSF, against what the CSF itself makes.

A pump's whole flow goes into the cerebrospinal fluid on the intrathecal and
intracerebroventricular routes. The CSF of a young rat forms at 23.4 uL/h (0.39 uL/min, the lowest
of the direct measurements at 8 to 12 weeks, PMC4323871), a mouse's at about 20 uL/h (a review's
figure); the rates published for chronic infusion in rats are 0.5 and 1 uL/h (Milne et al. 1985
intrathecally, Williams et al. 1987 into the ventricle), at most 4 % of it. A model that adds more
than 10 % of the CSF's own production is flagged: 10 % is a planning choice of this app, stated in
its message, not a published limit (none was found).
"""

from lib.plan import CNS_ROUTES, Plan
from lib.tables.csf import CsfFigure, shipped_csf

CSF_SHARE_LIMIT_PERCENT = 10.0


def csf_share_percent(plan: Plan, rate_ul_per_hr: float) -> tuple[float, CsfFigure] | None:
    """The pump's flow in percent of the CSF the species makes (the lowest figure), with that
    figure; None off the CNS routes or without a figure for the species."""
    if plan.route not in CNS_ROUTES:
        return None
    production = shipped_csf().lowest(plan.species, "csf_production_rate")
    if production is None:
        return None
    return 100.0 * rate_ul_per_hr / production.value_ul_per_hr, production


def too_much_for_csf(plan: Plan, rate_ul_per_hr: float) -> bool:
    share = csf_share_percent(plan, rate_ul_per_hr)
    return share is not None and share[0] > CSF_SHARE_LIMIT_PERCENT
