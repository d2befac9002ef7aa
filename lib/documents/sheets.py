"""The preparation sheet for the bench, and the study's HTML tables the cohort panel shows.

All render from ``templates/`` through the one Jinja2 environment (autoescape on); the panel and
the sheets use the same macros, so a table reads the same on screen and on paper.
"""

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from lib.cohort.allocation import GroupWeights
from lib.cohort.animals import Cohort
from lib.cohort.blinding import ARRIVE_ITEMS, coded_animals, key_lines
from lib.cohort.evaluate import CohortEvaluation, evaluate_cohort
from lib.cohort.groups import dose_text
from lib.documents.calendar import CalendarEvent
from lib.documents.model import StudyDocument, model_of
from lib.documents.render import render, render_macro
from lib.plan import Plan
from lib.tables.pumps import PumpCatalog, load_pump_catalog


@dataclass(frozen=True)
class SolutionSummary:
    """One solution of a cohort: its animals, their weights and the spread of their doses."""

    name: str
    animals: int
    lightest_g: float
    heaviest_g: float
    concentration_mg_per_ml: float
    lowest_percent: float
    highest_percent: float
    dose: str  # the group's dose as planned (lib.cohort.groups.dose_text)

    @property
    def vehicle(self) -> bool:
        return self.concentration_mg_per_ml == 0


def preparation_sheet_html(
    plan: Plan, cohort: Cohort, catalog: PumpCatalog | None = None, issued: datetime | None = None
) -> str:
    """A printable page for the bench: the solutions to make, the pumps to fill, the calendar."""
    evaluated = evaluate_cohort(plan, cohort, catalog or load_pump_catalog())
    return preparation_sheet(evaluated, issued)


def preparation_sheet(evaluated: CohortEvaluation, issued: datetime | None = None) -> str:
    """The preparation sheet of an evaluated study (its model: ``lib.documents.model``)."""
    plan = evaluated.plan
    document = model_of(evaluated, issued)
    title = f"Preparation sheet: {plan.compound} in {plan.vehicle}, model {plan.pump_model}"
    return render("preparation_sheet.html.j2", title=title, doc=document, events=document.calendar)


def preparation_section(document: StudyDocument, limit: int | None = None) -> str:
    """Every solution's bench card (or the first ``limit``), with the rounding rules said once."""
    return render_macro("solutions.html.j2", "cards", document, limit)


def calendar_table_html(events: list[CalendarEvent]) -> str:
    """The study calendar as a table: when, what, and why."""
    return render_macro("tables.html.j2", "calendar", events)


def cohort_table_html(evaluated: CohortEvaluation, limit: int | None = None) -> str:
    """Each animal's concentration, dose and deviation, those outside the tolerance marked;
    with a ``limit``, the first rows and a count of the rest (a page stays light)."""
    return render_macro("tables.html.j2", "doses", evaluated, limit)


def groups_html(evaluated: CohortEvaluation) -> str:
    """One row per solution: how many animals, their weights and the spread of their doses."""
    if evaluated.doses.empty:
        return ""
    return render_macro("tables.html.j2", "groups", evaluated, solution_summaries(evaluated))


def allocation_html(rows: list[GroupWeights]) -> str:
    """Each group's n, mean and SD of weight, side by side (after a randomised allocation)."""
    return render_macro("tables.html.j2", "allocation", rows)


def deliveries_html(deliveries: pd.DataFrame, limit: int) -> str:
    """After explant: the mean rate and dose each pump delivered (the first ``limit`` rows)."""
    return render_macro("tables.html.j2", "deliveries", deliveries, limit)


def solution_summaries(evaluated: CohortEvaluation) -> list[SolutionSummary]:
    """One summary per solution, in the order of the dose table (plain Python: a pandas
    group-by cost more than the table's drawing for a small cohort)."""
    columns = ("solution", "body_weight_g", "concentration_mg_per_ml", "deviation_percent", "group")
    by_solution: dict = {}
    for solution, *values in zip(*(evaluated.doses[c].tolist() for c in columns), strict=True):
        by_solution.setdefault(solution, []).append(values)
    return [
        SolutionSummary(
            name=str(solution),
            animals=len(rows),
            lightest_g=float(_extreme(min, [row[0] for row in rows])),
            heaviest_g=float(_extreme(max, [row[0] for row in rows])),
            concentration_mg_per_ml=float(rows[0][1]),
            lowest_percent=float(_extreme(min, [row[2] for row in rows])),
            highest_percent=float(_extreme(max, [row[2] for row in rows])),
            dose=dose_text(evaluated.plan, evaluated.cohort.groups, rows[0][3]),
        )
        for solution, rows in by_solution.items()
    ]


def _extreme(pick, values: list[float]) -> float:
    """The least or greatest number, NaN (no target) left out, as pandas' min and max do."""
    numbers = [value for value in values if value == value]
    return pick(numbers) if numbers else float("nan")


def blinded_sheet(evaluated: CohortEvaluation, issued: datetime | None = None) -> str:
    """For the surgeon and the assessors: each animal with its solution's code, no group or
    dose (``lib.cohort.blinding``)."""
    title = f"Blinded sheet: model {evaluated.plan.pump_model}"
    return _coded_sheet(evaluated, title, (), coded_animals(evaluated), issued)


def key_sheet(evaluated: CohortEvaluation, issued: datetime | None = None) -> str:
    """For whoever prepares the solutions: each code's group, animals, dose and strength."""
    title = f"Key sheet: {evaluated.plan.compound} in {evaluated.plan.vehicle}"
    return _coded_sheet(evaluated, title, key_lines(evaluated), (), issued)


def _coded_sheet(evaluated, title: str, key, animals, issued) -> str:
    document = model_of(evaluated, issued)
    return render(
        "blinded.html.j2", title=title, doc=document, key=key, animals=animals, arrive=ARRIVE_ITEMS
    )
