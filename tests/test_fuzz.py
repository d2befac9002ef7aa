"""Fuzzing every entry point (issue 19, item 8): query strings, saved JSON documents, pasted
tables and typed values. Whatever comes in, no exception escapes, every refusal names its field,
and every accepted value is the one given (a number reads as ``parse_number`` reads its text).
"""

import json
import math
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib import Plan, load_pump_catalog, parse_animals, plan_from_json, plan_from_query
from lib.cohort.animals import ANIMAL_SPECS
from lib.fields import is_blank
from lib.numbers import NumberTextError, parse_number
from lib.plan import PLAN_FIELDS, PLAN_SPECS, plan_from_values

CATALOG = load_pump_catalog()
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NUMBER_TEXT = st.from_regex(
    r"[+-]?[0-9]{0,4}([.,][0-9]{0,4})?([eE][+-]?[0-9]{1,3})?", fullmatch=True
)
ANY_TEXT = st.text(max_size=40) | NUMBER_TEXT | st.sampled_from(["", " ", "1_4", "٣", "inf"])
ANY_VALUE = (
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | ANY_TEXT
    | st.lists(ANY_TEXT | st.floats(), max_size=4)
)
FIELD_NAMES = st.sampled_from(PLAN_FIELDS) | st.text(max_size=12)


def assert_findings_name_their_fields(findings, given: set[str]) -> None:
    for finding in findings:
        assert finding.message, finding
        assert finding.field in given | {"plan"} or finding.field.startswith(tuple(given)), finding


@FUZZ
@given(st.dictionaries(FIELD_NAMES, ANY_TEXT, max_size=8))
def test_any_query_gives_a_plan_and_findings_that_name_their_fields(values):
    plan, findings = plan_from_query(urlencode(values), CATALOG)
    assert isinstance(plan, Plan)
    assert_findings_name_their_fields(findings, {name[:40] for name in values})


@FUZZ
@given(st.text(max_size=300))
def test_any_text_as_a_query_gives_a_plan(text):
    plan, _ = plan_from_query(text, CATALOG)
    assert isinstance(plan, Plan)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=12,
)


@FUZZ
@given(st.dictionaries(FIELD_NAMES, JSON_VALUES, max_size=8))
def test_any_saved_document_gives_a_plan_and_findings_that_name_their_fields(values):
    text = json.dumps({"schema_version": 1, "app_version": "0.2.0", "plan": values})
    plan, findings = plan_from_json(text, CATALOG)
    assert isinstance(plan, Plan)
    missing_or_given = {name[:40] for name in values} | set(PLAN_FIELDS)
    assert_findings_name_their_fields(findings, missing_or_given)


CELL = st.text(st.characters(blacklist_characters="\t\n\r"), max_size=10) | NUMBER_TEXT
LINES = st.lists(st.lists(CELL, min_size=1, max_size=6).map("\t".join), max_size=12)


@FUZZ
@given(st.booleans(), LINES)
def test_any_pasted_table_gives_animals_with_weights_given_and_line_findings(header, lines):
    text = "\n".join((["animal_id\tgroup\tbody_weight_g"] if header else []) + lines)
    animals, problems = parse_animals(text)
    # Without a tab in the table, ';' or ',' separate the cells (lib/cohort/table.py).
    cells = [cell for line in lines for mark in "\t;," for cell in line.split(mark)]
    for animal in animals:  # every weight is one that was typed, read as the reader reads it
        assert any(_reads_as(cell.strip(), animal.body_weight_g) for cell in cells)
    for problem in problems:
        assert problem.field == "animals" and problem.message.startswith("Animals")


def _reads_as(cell: str, number: float) -> bool:
    try:
        return parse_number(cell) == number
    except NumberTextError:
        return False


@FUZZ
@given(st.sampled_from(PLAN_FIELDS), ANY_VALUE)
def test_any_typed_value_is_the_value_given_or_refused_naming_its_field(field, value):
    plan, findings = plan_from_values({field: value})
    if plan is None:
        assert [(finding.code, finding.field) for finding in findings] == [("invalid_input", field)]
        assert findings[0].message.startswith(PLAN_SPECS[field].title)
        return
    kept = getattr(plan, field)
    if PLAN_SPECS[field].read.__name__ == "read_number" and kept is not None:
        assert math.isclose(kept, parse_number(value), rel_tol=0, abs_tol=0)


@FUZZ
@given(st.sampled_from(list(ANIMAL_SPECS)), ANY_VALUE)
def test_any_animal_value_is_read_or_refused_naming_its_field(field, value):
    from lib import Animal
    from lib.errors import CohortError

    values = {"animal_id": "R1", "group": "low", "body_weight_g": 250.0, field: value}
    try:
        animal = Animal(**values)
    except CohortError as error:
        assert error.field == field and str(error).startswith(ANIMAL_SPECS[field].title)
    else:
        assert getattr(animal, field) is not None or is_blank(value)


def test_a_record_separator_inside_a_cell_does_not_start_a_new_line():
    # Hypothesis found it: str.splitlines splits at U+001E, so '0<RS>1' became two lines and the
    # '1' a weight no one typed as one. Only CR LF, CR and LF end a line.
    animals, problems = parse_animals("0\x1e1")
    assert [animal.body_weight_g for animal in animals] == []
    assert problems and problems[0].message.startswith("Animals, line 1")
