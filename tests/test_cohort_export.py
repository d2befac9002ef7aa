"""The study's exports: cohort CSV, saved study file, preparation sheet, protocol sections."""

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.cohort.animals import Animal, Cohort
from lib.cohort.evaluate import evaluate_cohort
from lib.documents.calendar import study_calendar
from lib.documents.protocol import protocol_html
from lib.documents.saved import plan_from_json, plan_to_json
from lib.documents.sheets import calendar_table_html, preparation_sheet
from lib.documents.study import (
    cohort_csv,
    pump_fillings,
    study_events,
    study_from_json,
    study_to_json,
)
from lib.plan import Plan
from lib.tables.pumps import load_pump_catalog
from lib.ui.exports import MAX_UPLOAD_BYTES
from tests.test_export import PRINTABLE

CATALOG = load_pump_catalog()
PLAN = Plan(dose=0.048, dose_unit="mg/kg/day", implant_date="2026-10-20", time_zone="Europe/London")
ANIMALS = (
    Animal("R1", "low", 210.0, 21.0, 14.0),
    Animal("R2", "low", 250.0),
    Animal("=HYPERLINK(1)", "high", 280.0),
)
COHORT = Cohort(animals=ANIMALS)


def read_csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_cohort_csv_has_a_row_per_animal_with_every_digit_and_explant_columns():
    rows = read_csv(cohort_csv(evaluate_cohort(PLAN, COHORT, CATALOG)))
    assert [row["animal_id"] for row in rows] == ["R1", "R2", "'=HYPERLINK(1)"]
    # Group low, mean 230 g: 0.048 x 0.23 / 0.012 = 0.92 mg/mL (float noise kept, not rounded).
    assert float(rows[0]["concentration_mg_per_ml"]) == pytest.approx(0.92, rel=1e-12)
    assert rows[0]["residual_volume_ul"] == "21.0" and rows[1]["residual_volume_ul"] == ""
    assert rows[0]["outside_tolerance"] == "False"


def test_the_study_file_opens_again_exactly_and_the_plan_reader_still_reads_it():
    text = study_to_json(PLAN, COHORT, CATALOG)
    assert study_from_json(text, CATALOG) == (PLAN, COHORT, [])
    assert plan_from_json(text, CATALOG) == (PLAN, [])
    document = json.loads(text)
    # Tables: the column names once, a row per animal (or solution).
    assert len(document["cohort"]["animals"]["rows"]) == 3
    assert len(document["cohort_results"]["animals"]["rows"]) == 3
    preparations = document["cohort_results"]["preparations"]
    first = dict(zip(preparations["columns"], preparations["rows"][0], strict=True))
    # Group low: 2 pumps x 200 uL + 1 spare 200 + loss 100 = 700 uL, + 10 % = 770 uL needed;
    # the mass weighs well only as a larger batch (8.2 mg, USP <41>), which is what is made.
    assert first["needed_ul"] == 770.0
    assert first["volume_ul"] == pytest.approx(
        8.2 / first["concentration_mg_per_ml"] * 1000, rel=0.01
    )
    assert first["steps"][0]["mass_mg"] == 8.2


def test_a_study_file_of_version_0_2_0_with_animals_as_records_still_opens():
    document = json.loads(study_to_json(PLAN, COHORT, CATALOG))
    document["cohort"]["animals"] = [
        {"animal_id": "R1", "group": "low", "body_weight_g": 210.0, "residual_volume_ul": 21.0,
         "elapsed_days": 14.0},
        {"animal_id": "R2", "group": "low", "body_weight_g": 250.0},
        {"animal_id": "=HYPERLINK(1)", "group": "high", "body_weight_g": 280.0},
    ]  # fmt: skip
    assert study_from_json(json.dumps(document), CATALOG) == (PLAN, COHORT, [])


def test_the_largest_study_file_opens_again_under_the_upload_limit():
    # 5,000 animals, one solution each (per-animal mode), 4 pumps in series: 20,000 rows.
    animals = tuple(Animal(f"R{n:04d}", f"g{n % 4}", 200.0 + n * 0.01) for n in range(5000))
    cohort = Cohort(animals=animals, concentration_mode="animal")
    plan = Plan(dose=0.5, dose_unit="mg/kg/day", study_days=56, pump_model="2002")
    text = study_to_json(plan, cohort, CATALOG)
    assert len(text.encode("utf-8")) < MAX_UPLOAD_BYTES
    assert study_from_json(text, CATALOG) == (plan, cohort, [])


def test_a_plan_file_without_a_cohort_opens_with_the_default_cohort():
    assert study_from_json(plan_to_json(PLAN, CATALOG), CATALOG) == (PLAN, Cohort(), [])


def test_bad_cohort_fields_in_a_file_become_findings_and_defaults():
    document = json.loads(study_to_json(PLAN, COHORT, CATALOG))
    document["cohort"]["overage_percent"] = "lots"
    document["cohort"]["cages"] = 4
    _, cohort, findings = study_from_json(json.dumps(document), CATALOG)
    assert cohort.overage_percent == 10.0 and cohort.animals == ANIMALS
    assert [finding.field for finding in findings] == ["overage_percent", "cages"]


animals = st.lists(
    st.builds(
        Animal,
        animal_id=st.text(PRINTABLE, min_size=1, max_size=12).map(str.strip).filter(bool),
        group=st.sampled_from(["low", "high", "vehicle µ"]),
        body_weight_g=st.floats(1, 2000),
        residual_volume_ul=st.none() | st.floats(0, 10000, allow_subnormal=False),
        elapsed_days=st.none() | st.floats(0.01, 100),
    ),
    max_size=6,
    unique_by=lambda animal: animal.animal_id,
).map(tuple)


@settings(deadline=None, max_examples=40)
@given(animals, st.sampled_from(["group", "animal"]), st.integers(0, 5))
def test_any_cohort_survives_the_study_file_exactly(animal_list, mode, spares):
    cohort = Cohort(animals=animal_list, concentration_mode=mode, spare_pumps=spares)
    assert study_from_json(study_to_json(PLAN, cohort, CATALOG), CATALOG)[1:] == (cohort, [])


def test_the_preparation_sheet_has_each_solution_and_the_dated_calendar():
    evaluated = evaluate_cohort(PLAN, COHORT, CATALOG)
    sheet = preparation_sheet(evaluated, study_calendar(PLAN, evaluated.evaluation))
    assert sheet.count('class="pd-solution"') + sheet.count("class='pd-solution'") == 2
    assert "low, pump 1: 0.920 mg/mL for 2 pumps" in sheet
    assert "Tue 2026-10-20 09:00 BST" in sheet
    assert "The clocks change during this study" in sheet  # 25 October 2026 in London


def test_without_a_clock_change_there_is_no_note():
    plan = Plan(implant_date="2026-06-01", time_zone="Europe/London")
    events = study_calendar(plan, evaluate_cohort(plan, Cohort(), CATALOG).evaluation)
    assert events and "clocks change" not in calendar_table_html(events)


def test_the_protocol_sheet_adds_animals_preparation_and_calendar_for_a_cohort():
    sheet = protocol_html(PLAN, CATALOG, cohort=COHORT)
    for section in ('id="cohort"', 'id="bench-preparation"', 'id="calendar"'):
        assert section in sheet
    assert "=HYPERLINK(1)" in sheet  # escaped text, shown as typed
    assert 'id="cohort"' not in protocol_html(PLAN, CATALOG)


def test_the_calendars_fill_names_the_cohorts_solutions_not_the_plans_one():
    evaluated = evaluate_cohort(PLAN, COHORT, CATALOG)
    # Group low (210, 250 g, mean 230): 0.92 mg/mL; group high (280 g): 1.12 mg/mL.
    assert pump_fillings(evaluated) == {
        1: "baclofen in aCSF, 2 solutions (low 0.920 mg/mL, high 1.12 mg/mL; see the "
        "preparation sheet)"
    }
    (fill,) = [event for event in study_events(evaluated) if event.kind == "fill"]
    assert "low 0.920 mg/mL, high 1.12 mg/mL" in fill.description
