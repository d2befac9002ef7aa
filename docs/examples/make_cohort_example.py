"""Write the worked 10-rat cohort example with the app's own export code.

Run from the repository root: ``python docs/examples/make_cohort_example.py``. The files are
what the app's buttons save for this study: the cohort CSV, the preparation sheet and the
calendar (.ics). tests/test_examples.py checks that the committed files still match.
"""

import sys
from datetime import UTC, datetime
from pathlib import Path

# Run as a script, its own folder is on sys.path: the repository root must be too.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lib.cohort.animals import Cohort
from lib.cohort.evaluate import evaluate_cohort
from lib.cohort.table import parse_animals
from lib.documents.calendar import calendar_to_ics
from lib.documents.study import cohort_to_csv, preparation_sheet_html, study_events
from lib.plan import Plan
from lib.tables.pumps import load_pump_catalog

FOLDER = Path(__file__).resolve().parent
STEM = "cohort-10-rats"
# Intrathecal baclofen at 0.09 mg/kg/day for 14 days on model 2002 pumps, females and males
# each at their group's mean weight; H-reflex and Ashworth scores on days 0, 3, 7 and 14. The
# implant falls five days before the clocks go back in London (25 October 2026).
PLAN = Plan(
    dose=0.09,
    dose_unit="mg/kg/day",
    study_days=14.0,
    implant_date="2026-10-20",
    implant_time="09:30",
    time_zone="Europe/London",
    outcome_measures=("H-reflex", "Modified Ashworth Scale"),
    outcome_days=(0.0, 3.0, 7.0, 14.0),
)
# The calendar's DTSTAMP: fixed, so the example is the same file each time it is made.
MADE = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def example_files() -> dict[str, str]:
    """File name -> text, as the app's export buttons make them."""
    animals, problems = parse_animals((FOLDER / f"{STEM}-animals.tsv").read_text())
    assert not problems, problems
    evaluated = evaluate_cohort(PLAN, Cohort(animals=animals), load_pump_catalog())
    events = study_events(evaluated)
    return {
        f"{STEM}.csv": cohort_to_csv(evaluated),
        f"{STEM}-preparation.html": preparation_sheet_html(evaluated, events),
        f"{STEM}-calendar.ics": calendar_to_ics(events, PLAN, now=MADE).decode("utf-8"),
    }


if __name__ == "__main__":
    for name, text in example_files().items():
        (FOLDER / name).write_text(text, encoding="utf-8", newline="")
        print(f"wrote docs/examples/{name}")
