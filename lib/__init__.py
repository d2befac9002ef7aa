"""Domain of the osmotic-pump dosing dashboard: plans, pumps, doses, findings, exports.

Pure Python and pandas: nothing here imports widget or plotting code (that is ``lib.ui``).
"""

from lib.calc.dosing import delivered_dose_mg_per_kg_per_day, required_concentration_mg_per_ml
from lib.cohort.animals import Animal, Cohort
from lib.cohort.evaluate import CohortEvaluation, evaluate_cohort
from lib.cohort.table import parse_animals
from lib.documents.links import plan_from_query, plan_to_query
from lib.documents.saved import plan_from_json, plan_to_json
from lib.evaluate import Evaluation, evaluate
from lib.findings import Finding
from lib.plan import Plan, PlanError
from lib.tables.compounds import CompoundTable, load_compound_table
from lib.tables.pumps import CatalogError, PumpCatalog, PumpSpec, load_pump_catalog
from lib.units import DOSE_UNITS, convert_dose
from lib.version import APP_VERSION

__all__ = [
    "APP_VERSION",
    "DOSE_UNITS",
    "Animal",
    "CatalogError",
    "Cohort",
    "CohortEvaluation",
    "CompoundTable",
    "Evaluation",
    "Finding",
    "Plan",
    "PlanError",
    "PumpCatalog",
    "PumpSpec",
    "convert_dose",
    "delivered_dose_mg_per_kg_per_day",
    "evaluate",
    "evaluate_cohort",
    "load_compound_table",
    "load_pump_catalog",
    "parse_animals",
    "plan_from_json",
    "plan_from_query",
    "plan_to_json",
    "plan_to_query",
    "required_concentration_mg_per_ml",
]
