"""Write the worked examples with the app's own export code.

Run from the repository root: ``python docs/examples/make_cohort_example.py``. The files are
what the app's buttons save: for a 10-rat cohort, the cohort CSV, the preparation sheet and the
calendar (.ics); for an 8-rat study in two groups on a 2ML4, the protocol sheet, the preparation
sheet, the cohort CSV and the saved study file. tests/test_examples.py checks that the committed
files still match.
"""

import sys
from datetime import UTC, datetime
from pathlib import Path

# Run as a script, its own folder is on sys.path: the repository root must be too.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lib import (  # the public names of lib: what a script of the scientist's would call
    Cohort,
    Group,
    Plan,
    allocate_groups,
    calendar_to_ics,
    cohort_to_csv,
    parse_animals,
    preparation_sheet_html,
    protocol_html,
)
from lib.documents.study import study_to_json

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
# The calendar's DTSTAMP and the documents' date of issue: fixed, so the example is the same file
# each time it is made.
MADE = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
STUDY_STEM = "study-8-rats"
# Subcutaneous baclofen at 0.5 mg/kg/day for 28 days on 2ML4 pumps, 4 males and 4 females, each
# group's solution made for its mean weight; implant Monday 1 March 2027 at 09:00 (after the
# documents' date of issue, as a protocol is issued before the work).
STUDY_PLAN = Plan(
    dose=0.5,
    dose_unit="mg/kg/day",
    route="sc",
    pump_model="2ML4",
    study_days=28.0,
    implant_date="2027-03-01",
    implant_time="09:00",
    study_title="Baclofen and spasticity after spinal cord injury",
    investigator="Dr A. Example",
    protocol_number="IACUC-2026-014",
    outcome_measures=("Modified Ashworth Scale",),
    outcome_days=(0.0, 7.0, 14.0, 28.0),
)
STUDY_ANIMALS = """animal_id\tgroup\tbody_weight_g
M1\tmale\t310
M2\tmale\t325
M3\tmale\t298
M4\tmale\t342
F1\tfemale\t228
F2\tfemale\t236
F3\tfemale\t241
F4\tfemale\t219
"""


def study_cohort() -> Cohort:
    animals, problems = parse_animals(STUDY_ANIMALS)
    assert not problems, problems
    return Cohort(animals=animals)


def study_files() -> dict[str, str]:
    """The 8-rat study's documents, as the app's buttons make them."""
    cohort = study_cohort()
    return {
        f"{STUDY_STEM}-protocol.html": protocol_html(STUDY_PLAN, cohort=cohort, issued=MADE),
        f"{STUDY_STEM}-preparation.html": preparation_sheet_html(STUDY_PLAN, cohort, issued=MADE),
        f"{STUDY_STEM}.csv": cohort_to_csv(STUDY_PLAN, cohort),
        f"{STUDY_STEM}.json": study_to_json(STUDY_PLAN, cohort, now=MADE),
    }


DOSE_RESPONSE_STEM = "dose-response-angiotensin-mice"
# Angiotensin II to mice at 500 and 1000 ng/kg/min beside a saline control, 28 days on model 2004
# pumps (0.25 uL/h); one stock dissolved from a 5 mg vial for both dose groups. Twelve mice
# allocated to the groups at random, balanced by weight, from seed 2026.
DOSE_RESPONSE_PLAN = Plan(
    compound="angiotensin II",
    vehicle="saline",
    dose=500.0,
    dose_unit="ng/kg/min",
    species="mouse",
    route="sc",
    body_weight_g=25.0,
    pump_model="2004",
    study_days=28.0,
    implant_date="2027-03-01",
    implant_time="09:00",
    study_title="Angiotensin II dose-response in mice",
    investigator="Dr A. Example",
    protocol_number="IACUC-2026-021",
)
DOSE_RESPONSE_WEIGHTS = (24.1, 25.3, 26.0, 23.8, 24.5, 25.9, 26.3, 23.2, 25.0, 24.0, 26.5, 23.9)
DOSE_RESPONSE_SEED = 2026


def dose_response_cohort() -> Cohort:
    text = "animal_id\tbody_weight_g\n" + "\n".join(
        f"M{number:02d}\t{weight}" for number, weight in enumerate(DOSE_RESPONSE_WEIGHTS, 1)
    )
    animals, problems = parse_animals(text)
    assert not problems, problems
    names = ["saline", "low", "high"]
    return Cohort(
        animals=allocate_groups(animals, names, DOSE_RESPONSE_SEED),
        groups=(Group("saline", vehicle_only=True), Group("low", 500.0), Group("high", 1000.0)),
        vial_mg=5.0,
        allocation_seed=DOSE_RESPONSE_SEED,
    )


def dose_response_files() -> dict[str, str]:
    """The dose-response study's documents, as the app's buttons make them."""
    plan, cohort, stem = DOSE_RESPONSE_PLAN, dose_response_cohort(), DOSE_RESPONSE_STEM
    return {
        f"{stem}-protocol.html": protocol_html(plan, cohort=cohort, issued=MADE),
        f"{stem}-preparation.html": preparation_sheet_html(plan, cohort, issued=MADE),
        f"{stem}.csv": cohort_to_csv(plan, cohort),
        f"{stem}.json": study_to_json(plan, cohort, now=MADE),
    }


def example_files() -> dict[str, str]:
    """File name -> text, as the app's export buttons make them."""
    animals, problems = parse_animals((FOLDER / f"{STEM}-animals.tsv").read_text())
    assert not problems, problems
    cohort = Cohort(animals=animals)
    return (
        {
            f"{STEM}.csv": cohort_to_csv(PLAN, cohort),
            f"{STEM}-preparation.html": preparation_sheet_html(PLAN, cohort, issued=MADE),
            f"{STEM}-calendar.ics": calendar_to_ics(PLAN, cohort, now=MADE).decode("utf-8"),
        }
        | study_files()
        | dose_response_files()
    )


if __name__ == "__main__":
    for name, text in example_files().items():
        (FOLDER / name).write_text(text, encoding="utf-8", newline="")
        print(f"wrote docs/examples/{name}")
