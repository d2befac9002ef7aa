"""Domain of the osmotic-pump dosing dashboard: plans, pumps, doses, findings, documents.

Pure Python and pandas: nothing here imports widget or plotting code (that is ``lib.ui``).
"""

from lib.calc.advisor import rank_pumps
from lib.calc.dosing import delivered_dose_mg_per_kg_per_day, required_concentration_mg_per_ml
from lib.cohort.allocation import allocate_groups
from lib.cohort.animals import Animal, Cohort
from lib.cohort.evaluate import CohortEvaluation, evaluate_cohort
from lib.cohort.groups import Group
from lib.cohort.table import parse_animals
from lib.documents.links import plan_from_query, plan_to_query
from lib.documents.protocol import protocol_html
from lib.documents.saved import plan_from_json, plan_to_json
from lib.documents.sheets import preparation_sheet_html
from lib.documents.spreadsheet import plan_to_csv
from lib.documents.study import calendar_to_ics, cohort_to_csv
from lib.errors import CatalogError, CohortError, InputError, PlanError, TableError
from lib.evaluate import Evaluation, evaluate
from lib.findings import Finding
from lib.plan import Plan, plan_from_values
from lib.tables.compounds import CompoundTable, load_compound_table
from lib.tables.pumps import PumpCatalog, PumpSpec, load_pump_catalog
from lib.teaching.lessons import lesson_titles, load_lessons, read_lessons
from lib.teaching.regimens import Regimen, load_regimens
from lib.units import DOSE_UNITS, convert_dose
from lib.version import APP_VERSION

# DESIGN.md's name for the worked examples, which are lessons now (lib/data/lessons/).
load_scenarios = load_lessons

__all__ = [
    "APP_VERSION",
    "DOSE_UNITS",
    "Animal",
    "CatalogError",
    "Cohort",
    "CohortError",
    "CohortEvaluation",
    "CompoundTable",
    "Evaluation",
    "Finding",
    "InputError",
    "Plan",
    "PlanError",
    "PumpCatalog",
    "PumpSpec",
    "Regimen",
    "TableError",
    "allocate_groups",
    "Group",
    "calendar_to_ics",
    "cohort_to_csv",
    "convert_dose",
    "delivered_dose_mg_per_kg_per_day",
    "evaluate",
    "evaluate_cohort",
    "load_compound_table",
    "load_pump_catalog",
    "load_regimens",
    "lesson_titles",
    "load_lessons",
    "load_scenarios",
    "read_lessons",
    "parse_animals",
    "plan_from_json",
    "plan_from_query",
    "plan_from_values",
    "plan_to_csv",
    "plan_to_json",
    "plan_to_query",
    "preparation_sheet_html",
    "protocol_html",
    "rank_pumps",
    "required_concentration_mg_per_ml",
]
