"""Plans as CSV for spreadsheets: field/value/unit rows, and the time course as a table.

A cell that begins with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is a formula
to a spreadsheet; text cells that do are prefixed with ``'`` so they stay text (OWASP, "CSV
injection"); a number such as -6.8 stays a number. Headers and fields are named for a person,
numbers written by ``lib.documents.csv_format``: exactly where typed, by their quantity's rule
where computed.
"""

import csv
import io
import numbers
from collections.abc import Collection, Mapping
from typing import Any

import numpy as np
import pandas as pd

from lib.documents.csv_format import (
    RESULT_LABELS,
    TIMECOURSE_LABELS,
    exact_number,
    header,
    quantity_number,
    unit_of,
)
from lib.documents.saved import evaluation_results
from lib.evaluate import Evaluation, evaluate
from lib.plan import PLAN_SPECS, Plan
from lib.tables.pumps import PumpCatalog, load_pump_catalog

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """A cell's text: numbers in full (the calendar CSV's), lists joined by ';', formula-like
    text neutralised."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return neutralised(_joined(value, repr) if isinstance(value, list | tuple) else str(value))


def neutralised(text: str) -> str:
    """Text that a spreadsheet would run as a formula, prefixed with ' (a number stays one)."""
    return "'" + text if text.startswith(FORMULA_STARTS) and not _is_number(text) else text


def csv_cell(value: Any, unit: str = "", exact: bool = False) -> str:
    """A cell for a person: empty for None, yes/no, whole numbers whole, a number exactly when
    ``exact`` (typed, or from a data file) else by its unit's rule, text made safe."""
    if value is None:
        return ""
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return exact_number(value) if exact else quantity_number(float(value), unit)
    if isinstance(value, list | tuple):
        return neutralised(_joined(value, lambda number: csv_cell(number, unit, exact)))
    return safe_cell(value)


def _joined(items, write_number) -> str:
    """Lists as a share link writes them: ``day:grams;day:grams`` or ``name;name``."""
    return ";".join(
        ":".join(write_number(float(part)) for part in item)
        if isinstance(item, list | tuple)
        else write_number(item)
        if isinstance(item, numbers.Real)
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


def table_to_csv(
    table: pd.DataFrame,
    labels: Mapping[str, str],
    exact: Collection[str] = (),
    units: Mapping[str, str] | None = None,
) -> str:
    """A table with readable headers; the ``exact`` columns (typed) are written exactly, the
    others by their unit (from the name, or ``units`` for a name without one). A row that
    prints as the one before it is left out: the time course's point a moment before a step
    (for the plot) often reads exactly as the step."""
    table = table.astype(object).where(lambda frame: frame.notna(), None)
    columns = list(table.columns)
    unit = {name: unit_of(name) for name in columns} | dict(units or {})
    rows = [[header(name, labels) for name in columns]]
    for values in table.itertuples(index=False):
        cells = [
            csv_cell(value, unit[name], name in exact)
            for name, value in zip(columns, values, strict=True)
        ]
        if cells != rows[-1]:
            rows.append(cells)
    return write_csv(rows)


def _plan_rows(plan: Plan, evaluation: Evaluation) -> list[list[str]]:
    rows = [["Section", "Field", "Value", "Unit"]]
    for field, value in plan.to_dict().items():
        # A plan field's unit is its declaration's; the dose carries its own in dose_unit.
        # Typed values are written exactly: nothing the scientist entered is rounded.
        unit = plan.dose_unit if field == "dose" else PLAN_SPECS[field].unit
        rows.append(["Plan", PLAN_SPECS[field].label, csv_cell(value, exact=True), unit])
    for field, value in evaluation_results(evaluation).items():
        label = RESULT_LABELS.get(field, field)
        rows.append(["Result", label, csv_cell(value, unit_of(field)), unit_of(field)])
    for finding in evaluation.findings:
        rows.append(
            [
                f"Finding: {finding.severity}",
                finding.code,
                safe_cell(finding.message),
                safe_cell(finding.suggestion),
            ]
        )
    if evaluation.pump is not None:
        # The catalogue's row as its file gives it (data, not computed: no noise to hide).
        for field, value in evaluation.pump.to_dict().items():
            label = RESULT_LABELS.get(field, field)
            rows.append(["Pump", label, csv_cell(value, exact=True), unit_of(field)])
    return rows


def plan_to_csv(plan: Plan, catalog: PumpCatalog | None = None) -> str:
    """The plan, its results, findings and the catalogue row used, one row per value."""
    evaluation = evaluate(plan, catalog or load_pump_catalog())
    return write_csv(_plan_rows(plan, evaluation))


def timecourse_to_csv(plan: Plan, catalog: PumpCatalog | None = None) -> str:
    """The time course (DESIGN.md columns, named for a person), one row per time point."""
    table = evaluate(plan, catalog or load_pump_catalog()).timecourse
    # The study day's name carries no unit (DESIGN.md's column name) but it is in days.
    return table_to_csv(table, TIMECOURSE_LABELS, units={"day": "days"})
