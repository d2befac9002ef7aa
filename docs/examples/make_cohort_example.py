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

from lib import (  # the public names of lib: what a script of the scientist's would call
    Cohort,
    Plan,
    calendar_to_ics,
    cohort_to_csv,
    parse_animals,
    preparation_sheet_html,
)

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
    cohort = Cohort(animals=animals)
    return {
        f"{STEM}.csv": cohort_to_csv(PLAN, cohort),
        f"{STEM}-preparation.html": preparation_sheet_html(PLAN, cohort),
        f"{STEM}-calendar.ics": calendar_to_ics(PLAN, cohort, now=MADE).decode("utf-8"),
    }


if __name__ == "__main__":
    for name, text in example_files().items():
        (FOLDER / name).write_text(text, encoding="utf-8", newline="")
        print(f"wrote docs/examples/{name}")
