"""Tests for lib/documents/spreadsheet.py and csv_format.py: CSV for a person, with typed numbers
exact, computed ones without float noise, and never a cell a spreadsheet runs as a formula."""

import csv
import io
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib import Plan, load_pump_catalog
from lib.documents.csv_format import NUMBER_FORMATS, RESULT_LABELS, exact_number
from lib.documents.saved import evaluation_results
from lib.documents.spreadsheet import (
    csv_cell,
    plan_to_csv,
    safe_cell,
    timecourse_to_csv,
    unit_of,
)
from lib.evaluate import evaluate
from lib.plan import PLAN_SPECS


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
    (0.1 + 0.2, "0.30000000000000004"),  # every digit (the calendar CSV's numbers)
    (-5.0, "-5.0"),  # a number stays a number
    (None, ""),
    ([[0.0, 250.0], [7.0, 262.5]], "0.0:250.0;7.0:262.5"),
    (["H-reflex", "=cmd"], "H-reflex;=cmd"),  # starts with H: text, not a formula
]


@pytest.mark.parametrize(("value", "expected"), CELLS)
def test_cells_are_safe_in_a_spreadsheet_and_keep_every_digit(value, expected):
    assert safe_cell(value) == expected


# (value, unit, typed, the cell): one rule per quantity for computed numbers, typed ones exact.
PERSON_CELLS = [
    (2.0675000000000003, "mg/mL", False, "2.07"),  # three figures, the noise gone
    (0.92, "mg/mL", False, "0.920"),  # three figures keep their zero, as the sheet prints
    (2000.0, "µg/mL", False, "2000"),  # no thousands separator: "2,000" splits a cell
    (0.00012, "mg/kg/day", False, "1.20e-04"),  # a spreadsheet reads this as a number
    (-0.6009615384615197, "%", False, "-0.6"),  # one decimal
    (-0.04, "%", False, "0.0"),  # rounds to zero: never -0.0
    (-0.0, "%", False, "0.0"),
    (100.0, "%", False, "100.0"),
    (310.0, "g", False, "310"),  # whole grams stay whole
    (261.66666666666663, "g", False, "261.67"),  # to 0.01 g
    (116.00000000000001, "µL", False, "116"),  # to 0.1 µL
    (16.666666666666668, "days", False, "16.667"),  # to 0.001 day
    (13.999999, "days", False, "14"),  # a moment before day 14 is day 14
    (0.024, "mg", False, "0.0240"),  # a day's micrograms are not printed as 0 mg
    (29.8, "mg", False, "29.8"),  # a mass to weigh, as the preparation sheet prints it
    (123.4, "mg", False, "123.4"),  # never coarser than the balance's 0.1 mg (not "123")
    (1250.0, "mg", False, "1250"),
    (1 / 3, "", False, "0.333333"),  # a unit without a rule: six figures
    (0.0123456789, "mg/kg/day", True, "0.0123456789"),  # typed: every digit entered
    (237.5, "g", True, "237.5"),
    (250.0, "g", True, "250"),  # typed, without '.0'
    (-6.8, "", True, "-6.8"),  # a negative number stays a number, no ' before it
    (True, "", False, "yes"),
    (np.bool_(False), "", False, "no"),
    (np.int64(3), "", False, "3"),
    (None, "mg", False, ""),
    ([2.0, 1.65], "mg/mL", False, "2.00;1.65"),
    ([[0.0, 250.0], [7.0, 262.5]], "", True, "0:250;7:262.5"),  # as a share link writes it
    ("=cmd", "", False, "'=cmd"),
]


@pytest.mark.parametrize(("value", "unit", "typed", "expected"), PERSON_CELLS)
def test_csv_cell_writes_each_quantity_by_its_rule_and_typed_values_exactly(
    value, unit, typed, expected
):
    assert csv_cell(value, unit, exact=typed) == expected


@pytest.mark.parametrize("unit", sorted(NUMBER_FORMATS))
@pytest.mark.parametrize("value", [-0.0, -1e-12, -0.0004])
def test_no_rule_prints_minus_zero(unit, value):
    assert not re.fullmatch(r"-0(\.0*)?", NUMBER_FORMATS[unit](value))


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_typed_number_reads_back_to_the_same_number(value):
    assert float(exact_number(value)) == value
    assert not exact_number(value).endswith(".0")


@pytest.mark.parametrize(
    ("field", "unit"),
    [
        ("body_weight_g", "g"),
        ("rate_ul_per_hr", "µL/h"),
        ("study_days", "days"),
        ("concentration_mmol_per_l", "mM"),
        ("weight_gain_g_per_day", "g/day"),
        ("rate_percent", "%"),
        ("route", ""),
    ],
)
def test_units_come_from_the_field_names(field, unit):
    assert unit_of(field) == unit


def test_plan_csv_names_fields_for_a_person_with_results_and_the_pump_source(catalog):
    rows = rows_of(plan_to_csv(Plan(body_weight_g=237.5), catalog))
    assert rows[0] == ["Section", "Field", "Value", "Unit"]
    # The fill concentration has three rows, one per unit: the unit is part of the key.
    by_field = {(row[0], row[1], row[3]): row[2] for row in rows[1:]}
    assert by_field[("Plan", "Body weight at implant", "g")] == "237.5"
    assert by_field[("Plan", "Dose", "ug/h")] == "1"  # typed 1.0, written without '.0'
    # The brief's example: 1.0 ug/h / 0.5 uL/h = 2.0 mg/mL, to three figures 2.00; 2,000 ug/mL
    # without its thousands separator.
    assert by_field[("Result", "Fill concentration", "mg/mL")] == "2.00"
    assert by_field[("Result", "Fill concentration", "µg/mL")] == "2000"
    assert by_field[("Pump", "Source", "")] == "brief, Table 1 (ALZET specifications)"
    assert by_field[("Pump", "Verified", "")] == "yes"
    assert len([row for row in rows if row[0] == "Plan"]) == len(Plan().to_dict())


def test_every_result_and_pump_column_has_a_readable_name(catalog):
    evaluation = evaluate(Plan(), catalog)
    names = [*evaluation_results(evaluation), *evaluation.pump.to_dict()]
    assert [name for name in names if name not in RESULT_LABELS] == []


def test_every_typed_plan_value_reads_back_from_the_plan_csv(catalog):
    plan = Plan(
        dose=0.0123456789,
        dose_unit="mg/kg/day",
        body_weight_g=237.5,
        weight_gain_g_per_day=-0.35,
        lot_rate_ul_per_hr=0.523,
        study_days=10.25,
        catheter_length_cm=12.3456,
        pumps_in_series=1,
        measured_weights=((0.0, 237.5), (7.0, 251.25)),
        outcome_days=(0.0, 3.5),
        surgery_minutes_per_animal=17.5,
    )
    rows = [row for row in rows_of(plan_to_csv(plan, catalog)) if row[0] == "Plan"]
    cells = {row[1]: row[2] for row in rows}
    numbers = {name: value for name, value in plan.to_dict().items() if isinstance(value, float)}
    assert len(numbers) == 7
    for name, value in numbers.items():
        assert float(cells[PLAN_SPECS[name].label]) == value, name
    assert cells["Measured weights"] == "0:237.5;7:251.25"  # day:grams, as a share link
    assert cells["Outcome measures on"] == "0;3.5"
    assert cells["Weight gain"] == "-0.35"  # a negative number, not neutralised as a formula
    assert cells["Pumps in series"] == "1"


def test_a_hostile_compound_name_is_neutralised_in_the_csv(catalog):
    text = plan_to_csv(Plan(compound="=1+1"), catalog)
    compound = [row for row in rows_of(text) if row[1] == "Compound"][0]
    assert compound[2] == "'=1+1"


def test_timecourse_csv_has_readable_headers_and_a_row_per_point(catalog):
    rows = rows_of(timecourse_to_csv(Plan(), catalog))
    assert rows[0] == [
        "Day",
        "Pump",
        "Body weight (g)",
        "Dose (mg/kg/day)",
        "Target dose (mg/kg/day)",
        "Cumulative (mg)",
        "Reservoir left (µL)",
        "Rate guaranteed",
    ]
    # Default plan, day 7: 0.5 uL/h x 168 h = 84 uL of 2 mg/mL = 0.168 mg; 200 - 84 = 116 uL left
    assert ["7", "1", "250", "0.0960", "0.0960", "0.168", "116", "yes"] in rows
    # 1.0 ug/h x 24 h / 0.25 kg = 96 ug/kg/day = 0.0960 mg/kg/day, three figures


def test_timecourse_csv_shows_a_pump_change_as_two_rows_and_no_row_twice(catalog):
    # 2002 pumps (14 days) for 20 days: pump 2 goes in on day 14, full (200 uL).
    rows = rows_of(timecourse_to_csv(Plan(study_days=20.0), catalog))
    day_14 = [row for row in rows if row[0] == "14"]
    assert [(row[1], row[6]) for row in day_14] == [("1", "32"), ("2", "200")]
    # 200 - 0.5 x 24 x 14 = 32 uL left in pump 1 when it comes out
    assert all(row != before for before, row in zip(rows, rows[1:], strict=False))
