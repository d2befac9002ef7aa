"""Tests for lib/documents/spreadsheet.py: CSV that re-reads exactly and never runs as a formula."""

import csv
import io

import pytest

from lib import Plan, load_pump_catalog
from lib.documents.spreadsheet import plan_to_csv, safe_cell, timecourse_to_csv, unit_of


@pytest.fixture(scope="module")
def catalog():
    return load_pump_catalog()


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


# (value, the cell a spreadsheet receives): OWASP's formula starts are prefixed with '
CELLS = [
    ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
    ("+1+2", "'+1+2"),
    ("-cmd", "'-cmd"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"),
    ("baclofen", "baclofen"),
    (0.1 + 0.2, "0.30000000000000004"),  # every digit
    (-5.0, "-5.0"),  # a number stays a number
    (None, ""),
    ([[0.0, 250.0], [7.0, 262.5]], "0.0:250.0;7.0:262.5"),
    (["H-reflex", "=cmd"], "H-reflex;=cmd"),  # starts with H: text, not a formula
]


@pytest.mark.parametrize(("value", "expected"), CELLS)
def test_cells_are_safe_in_a_spreadsheet_and_keep_every_digit(value, expected):
    assert safe_cell(value) == expected


@pytest.mark.parametrize(
    ("field", "unit"),
    [
        ("body_weight_g", "g"),
        ("rate_ul_per_hr", "µL/h"),
        ("study_days", "days"),
        ("concentration_mmol_per_l", "mM"),
        ("weight_gain_g_per_day", "g/day"),
        ("route", ""),
    ],
)
def test_units_come_from_the_field_names(field, unit):
    assert unit_of(field) == unit


def test_plan_csv_has_every_plan_field_the_results_and_the_pump_source(catalog):
    rows = rows_of(plan_to_csv(Plan(body_weight_g=237.5), catalog))
    assert rows[0] == ["section", "field", "value", "unit"]
    by_field = {(row[0], row[1]): row[2:] for row in rows[1:]}
    assert by_field[("plan", "body_weight_g")] == ["237.5", "g"]
    assert by_field[("plan", "dose")] == ["1.0", "ug/h"]
    # The brief's example: 1.0 ug/h / 0.5 uL/h = 2.0 mg/mL
    assert by_field[("result", "concentration_mg_per_ml")] == ["2.0", "mg/mL"]
    assert by_field[("pump", "source")][0] == "brief, Table 1 (ALZET specifications)"
    assert len([row for row in rows if row[0] == "plan"]) == len(Plan().to_dict())


def test_a_hostile_compound_name_is_neutralised_in_the_csv(catalog):
    text = plan_to_csv(Plan(compound="=1+1"), catalog)
    compound = [row for row in rows_of(text) if row[1] == "compound"][0]
    assert compound[2] == "'=1+1"


def test_timecourse_csv_has_the_design_columns_and_a_row_per_point(catalog):
    rows = rows_of(timecourse_to_csv(Plan(), catalog))
    assert rows[0] == [
        "day",
        "pump",
        "body_weight_g",
        "dose_mg_per_kg_per_day",
        "target_dose_mg_per_kg_per_day",
        "cumulative_mg",
        "reservoir_left_ul",
        "certain",
    ]
    # Default plan, day 7: 0.5 uL/h x 168 h = 84 uL of 2 mg/mL = 0.168 mg; 200 - 84 = 116 uL left
    day_7 = [row for row in rows[1:] if float(row[0]) == 7.0][0]
    assert float(day_7[5]) == pytest.approx(0.168)
    assert float(day_7[6]) == pytest.approx(116.0)
