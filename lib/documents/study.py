"""A study's exports: the cohort table as CSV, the preparation sheet, and the saved study file.

The saved study file is a saved plan file (lib/export.py) with the cohort added, so the plan
reader opens it too; ``study_from_json`` reads both parts back exactly.
"""

import json
from collections.abc import Mapping
from html import escape
from typing import Any

import pandas as pd

from lib.cohort.animals import Cohort, cohort_from_values
from lib.cohort.evaluate import CohortEvaluation, evaluate_cohort
from lib.cohort.preparation import Preparation
from lib.documents.calendar import study_calendar
from lib.documents.saved import plan_document, plan_from_json
from lib.documents.spreadsheet import safe_cell, write_csv
from lib.findings import Finding
from lib.formatting import format_number
from lib.plan import Plan
from lib.tables.pumps import PumpCatalog, load_pump_catalog

# The delivery columns the cohort table adds for animals with explant data.
EXPLANT_COLUMNS = (
    "residual_volume_ul",
    "elapsed_days",
    "mean_rate_ul_per_hr",
    "rate_percent",
    "delivered_mg",
    "delivered_dose_mg_per_kg_per_day",
    "dose_percent",
    "under_delivered",
    "ran_dry",
)


def cohort_table(evaluated: CohortEvaluation) -> pd.DataFrame:
    """One row per animal and pump, with the delivery after explant on the explanted pump."""
    explant = evaluated.deliveries[["animal_id", "pump", *EXPLANT_COLUMNS]]
    return evaluated.doses.merge(explant, on=["animal_id", "pump"], how="left")


def cohort_to_csv(evaluated: CohortEvaluation) -> str:
    """The cohort table for a spreadsheet: every digit, formula-like text neutralised."""
    table = cohort_table(evaluated).astype(object).where(lambda frame: frame.notna(), None)
    rows = [list(table.columns)]
    rows += [[safe_cell(value) for value in row] for row in table.itertuples(index=False)]
    return write_csv(rows)


def preparation_document(preparation: Preparation) -> dict[str, Any]:
    stock = preparation.stock
    return {
        "solution": preparation.solution,
        "concentration_mg_per_ml": preparation.concentration_mg_per_ml,
        "pumps": preparation.pumps,
        "lines": [
            {"item": line.item, "count": line.count, "volume_ul": line.volume_ul}
            for line in preparation.lines
        ],
        "volume_ul": preparation.volume_ul,
        "mass_mg": preparation.mass_mg,
        "smallest_weighable_mg": preparation.smallest_weighable_mg,
        "stock": None if stock is None else vars(stock).copy(),
        "achieved_concentration_mg_per_ml": preparation.achieved_concentration_mg_per_ml,
    }


def _records(table: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-able mappings (numpy numbers and booleans become Python's)."""
    return json.loads(table.to_json(orient="records", double_precision=15))


def study_document(evaluated: CohortEvaluation, catalog: PumpCatalog) -> dict[str, Any]:
    document = plan_document(evaluated.plan, catalog, evaluated.evaluation)
    document["cohort"] = evaluated.cohort.to_dict()
    document["cohort_results"] = {
        "animals": _records(cohort_table(evaluated)),
        "preparations": [preparation_document(item) for item in evaluated.preparations],
        "findings": [finding.to_dict() for finding in evaluated.findings],
    }
    return document


def study_to_json(plan: Plan, cohort: Cohort, catalog: PumpCatalog | None = None) -> str:
    """The saved plan file with the cohort, its doses, preparations and findings."""
    catalog = catalog or load_pump_catalog()
    document = study_document(evaluate_cohort(plan, cohort, catalog), catalog)
    return json.dumps(document, indent=2, ensure_ascii=False)


def study_from_json(
    text: str, catalog: PumpCatalog | None = None
) -> tuple[Plan, Cohort, list[Finding]]:
    """The plan and the cohort of a saved file; a file without a cohort gives the default one.

    Raises ValueError only for a text that is not JSON (as ``plan_from_json`` does).
    """
    plan, findings = plan_from_json(text, catalog)
    document = json.loads(text)
    values = document.get("cohort") if isinstance(document, Mapping) else None
    if values is None:
        return plan, Cohort(), findings
    cohort, cohort_findings = cohort_from_mapping(values)
    return plan, cohort, findings + cohort_findings


def cohort_from_mapping(values: Any) -> tuple[Cohort, list[Finding]]:
    """A cohort from saved fields, keeping what is valid; each problem becomes a finding."""
    if not isinstance(values, Mapping):
        message = "The cohort should be a set of named fields."
        return Cohort(), [Finding("invalid_cohort_field", "caution", "cohort", message, "")]
    return cohort_from_values(values, keep_defaults=True)


# -- the preparation sheet --------------------------------------------------------------------


def _volume(volume_ul: float) -> str:
    return f"{volume_ul / 1000:g} mL" if volume_ul >= 10_000 else f"{volume_ul:g} µL"


def _mass(mass_mg: float) -> str:
    return f"{mass_mg:.4g} mg"


def preparation_html(preparation: Preparation, vehicle: str) -> str:
    """One solution: the volume lines, then what to weigh and how to dissolve or dilute."""
    name = escape(preparation.solution)
    lines = "".join(
        f"<tr><td>{escape(line.item)}</td><td>{'' if line.count is None else line.count}</td>"
        f"<td>{_volume(round(line.volume_ul, 1))}</td></tr>"
        for line in preparation.lines
    )
    total = f"<tr><th>total, rounded up</th><th></th><th>{_volume(preparation.volume_ul)}</th></tr>"
    steps = _stock_steps(preparation, escape(vehicle))
    achieved = (
        f"Gives {format_number(preparation.achieved_concentration_mg_per_ml)} mg/mL "
        f"({preparation.deviation_percent:+.1f} % from "
        f"{format_number(preparation.concentration_mg_per_ml)} mg/mL, from rounding)."
    )
    return (
        f'<div class="pd-solution"><h3>{name}: {format_number(preparation.concentration_mg_per_ml)}'
        f" mg/mL for {preparation.pumps} pump{'' if preparation.pumps == 1 else 's'}</h3>"
        f"<table><thead><tr><th>For</th><th>Count</th><th>Volume</th></tr></thead>"
        f"<tbody>{lines}{total}</tbody></table>"
        f'<ol class="pd-steps">{steps}</ol><p>{achieved}</p></div>'
    )


def _stock_steps(preparation: Preparation, vehicle: str) -> str:
    stock = preparation.stock
    if stock is None:
        return (
            f"<li>Weigh <strong>{_mass(preparation.mass_mg)}</strong> and make up to "
            f"<strong>{_volume(preparation.volume_ul)}</strong> with {vehicle}.</li>"
        )
    needed_mg = preparation.concentration_mg_per_ml * preparation.volume_ul / 1000
    weigh = (
        f"<li>The {_mass(needed_mg)} needed is under the smallest good mass, "
        f"{_mass(preparation.smallest_weighable_mg)}: weigh <strong>{_mass(stock.mass_mg)}</strong>"
        f" and make up to <strong>{_volume(stock.volume_ul)}</strong> with {vehicle} "
        f"(stock, {format_number(stock.concentration_mg_per_ml)} mg/mL).</li>"
    )
    if stock.dilution_factor == 1.0:
        return weigh + (
            f"<li>Use {_volume(stock.aliquot_ul)} of it; the rest is made only to weigh well.</li>"
        )
    return weigh + (
        f"<li>Dilute {stock.dilution_factor:g}-fold: <strong>{stock.aliquot_ul:g} µL</strong> of "
        f"stock + <strong>{stock.diluent_ul:g} µL</strong> of {vehicle}.</li>"
    )


def preparation_section(evaluated: CohortEvaluation, limit: int | None = None) -> str:
    """Every solution of the study (or the first ``limit``), with the rounding rules said once."""
    if not evaluated.preparations:
        return "<p>No solution to prepare: the plan has no fill concentration yet.</p>"
    cohort = evaluated.cohort
    rules = (
        "<p>Volumes are rounded up to 10 µL (0.1 mL from 10 mL up); masses to the balance's "
        f"readability, {cohort.balance_readability_mg:g} mg. A mass under "
        f"{_mass(evaluated.preparations[0].smallest_weighable_mg)} (USP &lt;41&gt;: "
        f"0.82 × readability ÷ {cohort.weighing_error_percent:g} % error) is made as a stock.</p>"
    )
    vehicle = evaluated.plan.vehicle
    shown = evaluated.preparations[:limit]
    more = len(evaluated.preparations) - len(shown)
    note = f"<p>and {more} more solutions: all are on the preparation sheet.</p>" if more else ""
    return rules + "".join(preparation_html(item, vehicle) for item in shown) + note


def pump_fillings(evaluated: CohortEvaluation, listed: int = 4) -> dict[int, str]:
    """What each pump of the series is filled with across the cohort, for the calendar."""
    plan, fillings = evaluated.plan, {}
    for pump, rows in evaluated.doses.groupby("pump"):
        solutions = rows.drop_duplicates("solution")
        names = [
            f"{row.group if evaluated.cohort.concentration_mode == 'group' else row.animal_id} "
            f"{format_number(row.concentration_mg_per_ml)} mg/mL"
            for row in solutions.head(listed).itertuples()
        ]
        more = len(solutions) - listed
        listing = ", ".join(names) + (f" and {more} more" if more > 0 else "")
        fillings[int(pump)] = (
            f"{plan.compound} in {plan.vehicle}, {len(solutions)} solution"
            f"{'' if len(solutions) == 1 else 's'} ({listing}; see the preparation sheet)"
        )
    return fillings


def study_events(evaluated: CohortEvaluation):
    """The study calendar, with each pump's fill naming the cohort's solutions."""
    return study_calendar(evaluated.plan, evaluated.evaluation, pump_fillings(evaluated))


def calendar_table_html(events) -> str:
    """The study calendar as a table: when, what, and why."""
    if not events:
        return "<p>Set the implant date (and time) to date every step of the study.</p>"
    rows = "".join(
        f"<tr class='pd-event pd-event-{event.kind.replace('_', '-')}'><td>{_when(event)}</td>"
        f"<td>{escape(event.title)}</td><td>{escape(event.description)}</td></tr>"
        for event in events
    )
    return (
        "<table class='pd-calendar-rows'><thead><tr><th>When</th><th>What</th><th>Why</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>{_clock_change_note(events)}"
    )


def _clock_change_note(events) -> str:
    """Pump times count elapsed hours: across a clock change their wall-clock hour moves."""
    offsets = {event.start.utcoffset() for event in events if not event.all_day}
    if len(offsets - {None}) < 2:
        return ""
    return (
        "<p class='pd-small pd-clock-change'>The clocks change during this study. Pump times "
        "count elapsed hours from the implant (a pump runs on real time), so after the change "
        "they fall an hour earlier or later on the clock.</p>"
    )


def _when(event) -> str:
    if event.all_day:
        return event.start.strftime("%a %Y-%m-%d")
    zone = f" {event.start.tzname()}" if event.start.tzinfo else ""
    return event.start.strftime("%a %Y-%m-%d %H:%M") + zone


def preparation_sheet_html(evaluated: CohortEvaluation, events) -> str:
    """A printable page for the bench: the solutions to make, then the calendar."""
    plan = evaluated.plan
    title = escape(f"Preparation sheet: {plan.compound} in {plan.vehicle}, model {plan.pump_model}")
    body = (
        f"<h1>{title}</h1><h2>Solutions</h2>{preparation_section(evaluated)}"
        f"<h2>Calendar</h2>{calendar_table_html(events)}"
    )
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{SHEET_STYLE}</style></head>\n<body>{body}</body></html>\n"
    )


SHEET_STYLE = """
body { font: 11pt/1.3 "DejaVu Sans", Arial, sans-serif; max-width: 180mm; margin: 0 auto; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
th, td { border: 0.75pt solid #000; padding: 3pt 5pt; text-align: left; vertical-align: top; }
h2 { border-bottom: 1.5pt solid #000; } tr { break-inside: avoid; }
"""


def html_row(values, tag: str = "td") -> str:
    """One table row of already-escaped cells."""
    return "<tr>" + "".join(f"<{tag}>{value}</{tag}>" for value in values) + "</tr>"


def html_table(css_class: str, header, rows) -> str:
    """A table of already-escaped cells, with the app's table class."""
    body = "".join(html_row(row) for row in rows)
    return (
        f"<table class='pd-table {css_class}'><thead>{html_row(header, 'th')}</thead>"
        f"<tbody>{body}</tbody></table>"
    )


def signed_percent(value: float) -> str:
    """+9.5 %, -8.0 %, and 0.0 % rather than -0.0 % for a rounding of nothing."""
    text = f"{value:+.1f} %"
    return "0.0 %" if text in ("+0.0 %", "-0.0 %") else text


def _animal_row(row, tolerance: float) -> list[str]:
    flag = "pd-outside" if row.outside_tolerance else ""
    return [
        escape(row.animal_id),
        escape(row.group),
        str(row.pump),
        f"{row.body_weight_g:g}",
        format_number(row.concentration_mg_per_ml),
        format_number(row.dose_mg_per_kg_per_day),
        f"<span class='pd-deviation {flag}' title='tolerance ±{tolerance:g} %'>"
        f"{signed_percent(row.deviation_percent)}</span>",
    ]


def cohort_table_html(evaluated: CohortEvaluation, limit: int | None = None) -> str:
    """Each animal's concentration, dose and deviation, outside the tolerance marked; with a
    ``limit``, the first rows and a count of the rest (a page stays light)."""
    doses = evaluated.doses
    if doses.empty:
        return "<p>No doses: the plan has no fill concentration yet.</p>"
    tolerance = evaluated.cohort.dose_tolerance_percent
    shown = doses if limit is None else doses.head(limit)
    header = ["Animal", "Group", "Pump", "Weight (g)", "mg/mL", "mg/kg/day", "vs target"]
    rows = [_animal_row(row, tolerance) for row in shown.itertuples()]
    more = len(doses) - len(shown)
    note = (
        f"<p class='pd-small'>and {more} more rows: all are in the cohort CSV.</p>" if more else ""
    )
    return html_table("pd-cohort-table-rows", header, rows) + note
