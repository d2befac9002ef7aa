"""The study's exports: cohort CSV, saved study file, preparation sheet, protocol sections."""

import csv
import io
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.cohort.animals import Animal, Cohort
from lib.cohort.evaluate import evaluate_cohort
from lib.cohort.table import parse_animals
from lib.documents.calendar import study_calendar
from lib.documents.model import pump_fillings, study_events
from lib.documents.protocol import protocol_html
from lib.documents.saved import plan_from_json, plan_to_json
from lib.documents.sheets import calendar_table_html, preparation_sheet
from lib.documents.spreadsheet import plan_to_csv, timecourse_to_csv
from lib.documents.study import cohort_csv, study_from_json, study_to_json
from lib.formatting import format_number
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


def test_cohort_csv_has_a_row_per_animal_with_readable_cells_and_explant_columns():
    rows = read_csv(cohort_csv(evaluate_cohort(PLAN, COHORT, CATALOG)))
    assert [row["Animal"] for row in rows] == ["R1", "R2", "'=HYPERLINK(1)"]
    # Group low, mean 230 g: 0.048 x 0.23 / 0.012 = 0.92 mg/mL, three figures as the sheet.
    assert rows[0]["Concentration (mg/mL)"] == "0.920"
    # Typed 21.0 uL: as entered, without '.0'; R2 has no explant.
    assert rows[0]["Residual volume (µL)"] == "21" and rows[1]["Residual volume (µL)"] == ""
    assert rows[0]["Outside dose tolerance"] == "no"
    # R1, 210 g in a 230 g solution: 230 / 210 - 1 = +9.52 %, to one decimal.
    assert rows[0]["Deviation from target (%)"] == "9.5"


# The three CSVs of a study of 8 rats on 2ML4 pumps (2.5 uL/h, 28 days), 0.5 mg/kg/day sc, one
# solution per sex; two pumps explanted (M1 not weighed when loaded, F1 weighed).
RAT_PLAN = Plan(dose=0.5, dose_unit="mg/kg/day", route="sc", pump_model="2ML4", study_days=28.0)
RATS = (
    Animal("M1", "male", 312.4, 120.0, 28.0),
    Animal("M2", "male", 305.0),
    Animal("M3", "male", 338.6),
    Animal("M4", "male", 321.0),
    Animal("F1", "female", 224.3, 260.55, 27.5, 2011.3),
    Animal("F2", "female", 238.0),
    Animal("F3", "female", 229.5),
    Animal("F4", "female", 220.8),
)
COHORT_HEADERS = [
    "Animal",
    "Group",
    "Pump",
    "Solution",
    "Weight at implant (g)",
    "Weight at design time (g)",
    "Concentration (mg/mL)",
    "Dose at that weight (mg/kg/day)",
    "Dose at implant (mg/kg/day)",
    "Highest dose (mg/kg/day)",
    "Target dose (mg/kg/day)",
    "Deviation from target (%)",
    "Outside dose tolerance",
    "Volume loaded (µL)",
    "Loaded volume weighed",
    "Residual volume (µL)",
    "Elapsed time (days)",
    "Mean rate (µL/h)",
    "Rate (% of expected)",
    "Delivered (mg)",
    "Delivered dose (mg/kg/day)",
    "Delivered dose (% of target)",
    "Rate outside tolerance",
    "Ran dry",
    "Compound to weigh for its solution (mg)",
    "Solution to make (µL)",
    "Fill and start priming by",
    "Implanted",
    "Explant by",
]
FLOAT_NOISE = re.compile(r"\d\.\d*0000\d|\d\.\d*9999\d")


def study_csvs(plan: Plan, cohort: Cohort) -> dict[str, list[list[str]]]:
    evaluated = evaluate_cohort(plan, cohort, CATALOG)
    texts = {
        "cohort": cohort_csv(evaluated),
        "plan": plan_to_csv(plan, CATALOG),
        "timecourse": timecourse_to_csv(plan, CATALOG),
    }
    return {name: list(csv.reader(io.StringIO(text))) for name, text in texts.items()}


def numeric_cells(rows: list[list[str]]) -> list[str]:
    def is_number(cell):
        try:
            float(cell)
        except ValueError:
            return False
        return True

    return [cell for row in rows for cell in row if is_number(cell)]


def significant_digits(cell: str) -> int:
    """'0.0240' -> 3, '2000' -> 4, '-1.20e-04' -> 3."""
    mantissa = cell.lstrip("+-").lower().split("e")[0]
    return len(mantissa.replace(".", "").lstrip("0"))


def test_no_number_in_the_three_csvs_of_a_rat_study_shows_float_noise():
    for name, rows in study_csvs(RAT_PLAN, Cohort(animals=RATS)).items():
        cells = numeric_cells(rows)
        assert len(cells) > 20, name  # the test reads numbers, not an empty file
        assert [cell for cell in cells if significant_digits(cell) > 6] == [], name
        assert [cell for cell in cells if FLOAT_NOISE.search(cell)] == [], name


def test_the_cohort_csv_has_readable_headers_and_explant_results():
    rows = read_csv(cohort_csv(evaluate_cohort(RAT_PLAN, Cohort(animals=RATS), CATALOG)))
    assert list(rows[0]) == COHORT_HEADERS
    m1 = rows[0]
    # M1: (2000 - 120) uL / (28 x 24 h) = 2.7976 uL/h, 111.9 % of 2.5 uL/h.
    assert m1["Volume loaded (µL)"] == "2000" and m1["Loaded volume weighed"] == "no"
    assert (m1["Mean rate (µL/h)"], m1["Rate (% of expected)"]) == ("2.80", "111.9")
    assert m1["Rate outside tolerance"] == "yes" and m1["Ran dry"] == "no"
    # F1: weighed 2011.3 uL loaded, 260.55 uL left after 27.5 days: typed, so as entered (not
    # to the 0.1 uL of a computed volume).
    assert rows[4]["Volume loaded (µL)"] == "2011.3" and rows[4]["Loaded volume weighed"] == "yes"
    assert rows[4]["Residual volume (µL)"] == "260.55"


def test_the_cohort_csv_concentration_is_the_one_the_preparation_sheet_prints():
    evaluated = evaluate_cohort(RAT_PLAN, Cohort(animals=RATS), CATALOG)
    cells = [row["Concentration (mg/mL)"] for row in read_csv(cohort_csv(evaluated))]
    assert cells == [format_number(value) for value in evaluated.doses["concentration_mg_per_ml"]]
    # 2.5 uL/h = 0.06 mL/day. Males, mean (312.4 + 305 + 338.6 + 321) / 4 = 319.25 g:
    # 0.5 x 0.31925 / 0.06 = 2.660 mg/mL; females, mean 228.15 g: 0.5 x 0.22815 / 0.06 = 1.901.
    assert cells == ["2.66"] * 4 + ["1.90"] * 4


def test_a_formula_in_a_group_name_stays_text_in_the_cohort_csv():
    cohort = Cohort(animals=(Animal("R1", '=HYPERLINK("http://x","y")', 250.0),))
    (row,) = read_csv(cohort_csv(evaluate_cohort(RAT_PLAN, cohort, CATALOG)))
    assert row["Group"] == '\'=HYPERLINK("http://x","y")'
    assert row["Solution"].startswith("'=HYPERLINK")


def test_no_csv_prints_minus_zero():
    # One solution for 250.0 and 250.2 g (mean 250.1 g): the dose goes as 1 / own weight, so
    # 250.1 / 250.2 - 1 = -0.04 % and 250.1 / 250 - 1 = +0.04 %, both 0.0 to one decimal.
    cohort = Cohort(animals=(Animal("A", "g", 250.0), Animal("B", "g", 250.2)))
    csvs = study_csvs(RAT_PLAN, cohort)
    deviations = [row[11] for row in csvs["cohort"][1:]]
    assert deviations == ["0.0", "0.0"]
    for name, rows in csvs.items():
        assert [c for c in numeric_cells(rows) if re.fullmatch(r"-0(\.0*)?", c)] == [], name


def test_the_cohort_csv_opens_again_as_the_animals_table():
    animals = tuple(Animal(a.animal_id, a.group, a.body_weight_g) for a in RATS)
    text = cohort_csv(evaluate_cohort(RAT_PLAN, Cohort(animals=animals), CATALOG))
    read, _ = parse_animals(text)  # the computed columns are left out, with a note
    assert read == animals


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
    # its mass weighs well only in a larger batch, so both groups share one stock of the
    # smallest good mass (8.2 mg, USP <41>), weighed once, and each is diluted from it.
    assert first["needed_ul"] == 770.0
    assert first["way"] == "shared stock"
    assert first["volume_ul"] >= 770.0
    stock = document["cohort_results"]["stock"]
    assert stock["mass_mg"] == 8.2 and stock["vials"] == 0
    assert stock["concentration_mg_per_ml"] == pytest.approx(8.2 / stock["volume_ul"] * 1000)


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
    sheet = preparation_sheet(evaluated)
    assert sheet.count('class="pd-solution pd-bench-card"') == 2
    # Group low (210, 250 g, mean 230 g): 0.92 mg/mL, for its 2 animals and 1 spare.
    assert "low: 0.920 mg/mL</h3>" in sheet
    assert "For 2 pumps (" in sheet and "and 1 spare pump" in sheet
    assert "Tue 2026-10-20 09:00 BST" in sheet
    assert "The clocks change during this study" in sheet  # 25 October 2026 in London


def test_without_a_clock_change_there_is_no_note():
    plan = Plan(implant_date="2026-06-01", time_zone="Europe/London")
    events = study_calendar(plan, evaluate_cohort(plan, Cohort(), CATALOG).evaluation)
    assert events and "clocks change" not in calendar_table_html(events)


def test_the_protocol_sheet_adds_animals_preparation_and_calendar_for_a_cohort():
    sheet = protocol_html(PLAN, CATALOG, cohort=COHORT)
    for section in ('id="cohort"', 'id="preparation"', 'id="calendar"', 'id="committee"'):
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
    fills = [event for event in study_events(evaluated) if event.kind == "fill"]
    assert len(fills) == len(COHORT.animals)  # each animal's own, from its own implant
    assert all("low 0.920 mg/mL, high 1.12 mg/mL" in fill.description for fill in fills)
