"""A study's files: the saved study file, the cohort table as CSV and the calendar (.ics).

The saved study file is a saved plan file (``lib.documents.saved``) with the cohort added, so
the plan reader opens it too; ``study_from_json`` reads both parts back exactly.
"""

import json
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import pandas as pd

from lib.calc.preparation import Preparation
from lib.cohort.animals import ANIMAL_SPECS, Cohort, cohort_from_values
from lib.cohort.evaluate import CohortEvaluation, evaluate_cohort
from lib.documents.calendar import CalendarEvent
from lib.documents.calendar_files import events_to_ics
from lib.documents.csv_format import COHORT_LABELS
from lib.documents.model import StudyDocument, model_of, study_events
from lib.documents.saved import plan_document, plan_from_document, read_json
from lib.documents.spreadsheet import table_to_csv
from lib.findings import Finding
from lib.plan import Plan
from lib.tables.pumps import PumpCatalog, load_pump_catalog

# A study file keeps the doses and preparations of up to this many rows (animals x pumps), so
# that every file the app saves stays under its upload limit (lib/ui/exports.py): 20,000 rows
# and their solutions are about 11 MB.
MAX_SAVED_RESULT_ROWS = 20_000
# The delivery columns the cohort table adds for animals with explant data.
EXPLANT_COLUMNS = (
    "loaded_volume_ul",
    "loaded_weighed",
    "residual_volume_ul",
    "elapsed_days",
    "mean_rate_ul_per_hr",
    "rate_percent",
    "delivered_mg",
    "delivered_dose_mg_per_kg_per_day",
    "dose_percent",
    "rate_outside_tolerance",
    "ran_dry",
)


def cohort_table(
    evaluated: CohortEvaluation, document: StudyDocument | None = None
) -> pd.DataFrame:
    """One row per animal and pump, with the delivery after explant on the explanted pump, and
    its solution's bench amounts and its pump's dates from the documents' model (so the CSV and
    the saved file say what the sheets say)."""
    explant = evaluated.deliveries[["animal_id", "pump", *EXPLANT_COLUMNS]]
    table = evaluated.doses.merge(explant, on=["animal_id", "pump"], how="left")
    bench, dates = bench_and_dates(document or model_of(evaluated))
    table = table.merge(bench, on="solution", how="left")
    if dates["animal_id"].isna().all():  # undated: every animal's pump has the same days
        return table.merge(dates.drop(columns="animal_id"), on="pump", how="left")
    return table.merge(dates, on=["animal_id", "pump"], how="left")


def cohort_to_csv(plan: Plan, cohort: Cohort, catalog: PumpCatalog | None = None) -> str:
    """The cohort table of a study for a spreadsheet (see ``cohort_csv``)."""
    return cohort_csv(evaluate_cohort(plan, cohort, catalog or load_pump_catalog()))


def cohort_csv(evaluated: CohortEvaluation) -> str:
    """The cohort table for a spreadsheet, headers named for a person: what was typed for each
    animal (its fields) exactly, computed numbers by their quantity, formula-like text
    neutralised."""
    return table_to_csv(cohort_table(evaluated), COHORT_LABELS, exact=ANIMAL_SPECS)


def preparation_document(preparation: Preparation) -> dict[str, Any]:
    """A solution as a saved study keeps it: the target, the volume needed and made, the
    recipe's steps and the concentration its rounded amounts give."""
    made = preparation.recipe
    return {
        "solution": preparation.solution,
        "concentration_mg_per_ml": preparation.concentration_mg_per_ml,
        "pumps": preparation.pumps,
        "lines": [[line.item, line.count, line.volume_ul] for line in preparation.lines],
        "needed_ul": preparation.needed_ul,
        "volume_ul": preparation.volume_ul,
        "way": made.way,
        "steps": [vars(step).copy() for step in made.steps],
        "problem": made.problem,
        "achieved_concentration_mg_per_ml": preparation.achieved_concentration_mg_per_ml,
    }


def _stock_document(stock) -> dict[str, Any] | None:
    """The shared stock as a saved study keeps it (None: each solution is made on its own)."""
    if stock is None:
        return None
    return vars(stock) | {"concentration_mg_per_ml": stock.concentration_mg_per_ml}


def as_table(records: list[dict[str, Any]]) -> dict[str, list]:
    """Records of the same fields as one list of columns and one row each: a saved file of 5,000
    animals stays a few MB (records repeat every field name on every row)."""
    columns = list(records[0]) if records else []
    return {"columns": columns, "rows": [[record[name] for name in columns] for record in records]}


def _table(frame: pd.DataFrame) -> dict[str, list]:
    """A data frame as columns and rows (numpy numbers and booleans become Python's)."""
    rows = json.loads(frame.to_json(orient="values", double_precision=15))
    return {"columns": list(frame.columns), "rows": rows}


def study_document(
    evaluated: CohortEvaluation, catalog: PumpCatalog, now: datetime | None = None
) -> dict[str, Any]:
    document = plan_document(evaluated.plan, catalog, evaluated.evaluation, now)
    document["cohort"] = evaluated.cohort.to_dict()
    findings = [finding.to_dict() for finding in evaluated.findings]
    if evaluated.cohort.animals:
        # The plan's own animal is no one's solution once animals are entered: the results are
        # the cohort's (cohort_results), so the file cannot carry a concentration no one gets.
        document["results"] = {"see": "cohort_results: the solutions of the cohort's animals"}
    if len(evaluated.doses) > MAX_SAVED_RESULT_ROWS:
        # The file must open again (its upload limit); the cohort CSV has every row.
        note = (
            f"{len(evaluated.doses):,} rows of doses (animals x pumps): more than the "
            f"{MAX_SAVED_RESULT_ROWS:,} a study file keeps; the cohort CSV has them all."
        )
        document["cohort_results"] = {"left_out": note, "findings": findings}
        return document
    model = model_of(evaluated)  # built once: the schedule and the animals' table read it
    document["schedule"] = schedule_records(model)
    document["cohort_results"] = {
        "animals": _table(cohort_table(evaluated, model)),
        "preparations": as_table([preparation_document(p) for p in evaluated.preparations]),
        "stock": _stock_document(evaluated.stock),
        "findings": findings,
    }
    return document


def study_to_json(
    plan: Plan, cohort: Cohort, catalog: PumpCatalog | None = None, now: datetime | None = None
) -> str:
    """The saved plan file with the cohort, its doses, preparations and findings."""
    catalog = catalog or load_pump_catalog()
    document = study_document(evaluate_cohort(plan, cohort, catalog), catalog, now)
    return dumps_with_rows_on_lines(document)


def dumps_with_rows_on_lines(document: dict[str, Any]) -> str:
    """JSON indented for a reader, with each table row on one line (indenting every value of
    10,000 rows would make the file three times larger)."""
    rows: list[str] = []

    def mark(value):
        if isinstance(value, dict) and set(value) == {"columns", "rows"}:
            rows.extend(json.dumps(row, ensure_ascii=False) for row in value["rows"])
            first = len(rows) - len(value["rows"])
            return {
                "columns": value["columns"],
                "rows": [f"\0{n}" for n in range(first, len(rows))],
            }
        if isinstance(value, dict):
            return {key: mark(item) for key, item in value.items()}
        return value

    text = json.dumps(mark(document), indent=2, ensure_ascii=False)
    return re.sub(r'"\\u0000(\d+)"', lambda match: rows[int(match[1])], text)


def study_from_json(
    text: str, catalog: PumpCatalog | None = None
) -> tuple[Plan, Cohort, list[Finding]]:
    """The plan and the cohort of a saved file; a file without a cohort gives the default one.

    Raises ValueError only for a text that is not JSON (as ``plan_from_json`` does).
    """
    document = read_json(text)  # once: a study file may be 16 MB
    plan, findings = plan_from_document(document, catalog)
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


def calendar_to_ics(
    plan: Plan,
    cohort: Cohort | None = None,
    catalog: PumpCatalog | None = None,
    now: datetime | None = None,
) -> bytes:
    """The study's calendar as an iCalendar file; each fill names the cohort's solutions."""
    evaluated = evaluate_cohort(plan, cohort or Cohort(), catalog or load_pump_catalog())
    return events_to_ics(study_events(evaluated), plan, now)


def bench_and_dates(document: StudyDocument) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per solution, the compound weighed and the volume made; per pump of the series, when it
    is filled, placed and explanted by (as the sheets print them; each animal's own when
    dated), for the cohort table."""
    bench = pd.DataFrame(
        {
            "solution": [s.name for s in document.solutions],
            "compound_weighed_mg": [s.preparation.mass_mg for s in document.solutions],
            "solution_made_ul": [s.preparation.volume_ul for s in document.solutions],
        }
    )
    steps = document.animal_steps
    dates = pd.DataFrame(
        {
            "animal_id": [step.animal_id for step in steps],
            "pump": [step.number for step in steps],
            "fill_by": [_moment(step.fill) for step in steps],
            "implanted": [_moment(step.placement) for step in steps],
            "explant_by": [_moment(step.explant_by) for step in steps],
        }
    )
    return bench, dates


def _moment(event: CalendarEvent) -> str:
    """'2026-03-01 18:00' (with the zone's abbreviation when zoned), or the study day undated."""
    if event.start is None:
        return event.relative
    zone = f" {event.start.tzname()}" if event.start.tzinfo else ""
    return f"{event.start:%Y-%m-%d %H:%M}{zone}"


def schedule_records(document: StudyDocument) -> list[dict]:
    """The schedule as a saved file keeps it: each step's kind, pump, study day and start. Of a
    dated cohort, the first animal's steps and the outcome days: each animal's own times are in
    its rows of the cohort results (fill_by, implanted, explant_by), which keeps a file of
    thousands of animals under its upload limit."""
    first = document.pump_steps[0].animal_id if document.pump_steps else None
    return [
        {
            "kind": event.kind,
            "pump": event.pump_number,
            "animal": event.animal_id,
            "study_day": event.study_day,
            "start": None if event.start is None else event.start.isoformat(),
            "title": event.title,
        }
        for event in document.schedule
        if event.animal_id in (None, first) or event.kind == "outcome"
    ]
