"""Plans as CSV for spreadsheets: field/value/unit rows, and the time course as a table.

A cell that begins with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is a formula
to a spreadsheet; text cells that do are prefixed with ``'`` so they stay text (OWASP, "CSV
injection"). Numbers are written with every digit (``repr``), so nothing is lost.
"""

import csv
import io
from typing import Any

from lib.documents.saved import evaluation_results
from lib.evaluate import Evaluation, evaluate
from lib.plan import PLAN_SPECS, Plan
from lib.tables.pumps import PumpCatalog, load_pump_catalog

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Units by the ending of a field's name (DESIGN.md: units live in names).
UNIT_ENDINGS = (
    ("_mg_per_kg_per_day", "mg/kg/day"),
    ("_ug_per_hr", "µg/h"),
    ("_ul_per_hr", "µL/h"),
    ("_mg_per_ml", "mg/mL"),
    ("_ug_per_ml", "µg/mL"),
    ("_mmol_per_l", "mM"),
    ("_g_per_mol", "g/mol"),
    ("_g_per_day", "g/day"),
    ("_ul", "µL"),
    ("_mg", "mg"),
    ("_g", "g"),
    ("_cm", "cm"),
    ("_days", "days"),
    ("_hours", "h"),
)


def unit_of(field: str) -> str:
    """The unit a result's or a pump column's name carries, or '' (plan fields declare theirs)."""
    return next((unit for ending, unit in UNIT_ENDINGS if field.endswith(ending)), "")


def safe_cell(value: Any) -> str:
    """A cell's text: numbers in full, lists joined by ';', formula-like text neutralised."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    text = _joined(value) if isinstance(value, list | tuple) else str(value)
    if text.startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _joined(items) -> str:
    """Lists as a share link writes them: ``day:grams;day:grams`` or ``name;name``."""
    return ";".join(
        ":".join(repr(float(part)) for part in item)
        if isinstance(item, list | tuple)
        else str(item)
        for item in items
    )


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def write_csv(rows) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _plan_rows(plan: Plan, evaluation: Evaluation) -> list[list[str]]:
    rows = [["section", "field", "value", "unit"]]
    for field, value in plan.to_dict().items():
        # A plan field's unit is its declaration's; the dose carries its own in dose_unit.
        unit = plan.dose_unit if field == "dose" else PLAN_SPECS[field].unit
        rows.append(["plan", field, safe_cell(value), unit])
    for field, value in evaluation_results(evaluation).items():
        rows.append(["result", field, safe_cell(value), unit_of(field)])
    for finding in evaluation.findings:
        rows.append(
            [
                f"finding: {finding.severity}",
                finding.code,
                safe_cell(finding.message),
                safe_cell(finding.suggestion),
            ]
        )
    if evaluation.pump is not None:
        for field, value in evaluation.pump.to_dict().items():
            rows.append(["pump", field, safe_cell(value), unit_of(field)])
    return rows


def plan_to_csv(plan: Plan, catalog: PumpCatalog | None = None) -> str:
    """The plan, its results, findings and the catalogue row used, one row per value."""
    evaluation = evaluate(plan, catalog or load_pump_catalog())
    return write_csv(_plan_rows(plan, evaluation))


def timecourse_to_csv(plan: Plan, catalog: PumpCatalog | None = None) -> str:
    """The time course (DESIGN.md columns, units in the names), one row per time point."""
    table = evaluate(plan, catalog or load_pump_catalog()).timecourse
    rows = [list(table.columns)]
    rows += [[safe_cell(value) for value in row] for row in table.itertuples(index=False)]
    return write_csv(rows)
