"""No input crashes the app: any plan evaluates, any typed value gives a message that names it,
any upload is read or refused with a message. Property tests (hypothesis) over every field."""

import math
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib import Cohort, Plan, evaluate, load_pump_catalog, plan_to_json
from lib.calc.advisor import rank_pumps
from lib.documents.protocol import protocol_html
from lib.documents.spreadsheet import plan_to_csv, timecourse_to_csv
from lib.plan import PLAN_FIELDS, PLAN_SPECS, PlanError, plan_from_values
from lib.tables.pumps import CatalogError, parse_pump_catalog
from lib.ui.exports import ExportPanel
from tests.test_export import plans

CATALOG = load_pump_catalog()
REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
# Anything a browser, a file or a link could hand a field.
ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=200),
    st.lists(st.one_of(st.integers(), st.text(max_size=5)), max_size=4),
    st.binary(max_size=20),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(plans)
def test_any_valid_plan_evaluates_ranks_and_exports_without_raising(plan):
    evaluation = evaluate(plan, CATALOG)
    assert all(finding.message for finding in evaluation.findings)
    assert len(rank_pumps(plan, CATALOG)) == len(CATALOG)
    assert protocol_html(plan, CATALOG).endswith("</html>\n") or "</html>" in protocol_html(
        plan, CATALOG
    )
    assert plan_to_csv(plan, CATALOG).startswith("Section,Field,Value,Unit")
    assert timecourse_to_csv(plan, CATALOG).startswith("Day,")
    assert plan_to_json(plan, CATALOG)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(PLAN_FIELDS), ANY_VALUE)
def test_any_value_for_any_field_is_accepted_or_named_in_a_message(field, value):
    try:
        Plan(**{field: value})
    except PlanError as error:
        assert error.field == field
        assert str(error).startswith(PLAN_SPECS[field].title)
    _, findings = plan_from_values({field: value})
    for finding in findings:
        # a refusal, or a note that invisible characters were removed (a lone '\ufeff')
        assert finding.code in ("invalid_input", "value_cleaned") and finding.field == field
        assert finding.message.startswith(PLAN_SPECS[field].title) and finding.suggestion


# (field, a bad value): every message names the field, shows the value and says what to do.
BAD_VALUES = [
    ("dose", math.nan),
    ("dose", math.inf),
    ("dose", -2.0),
    ("dose", 0),
    ("dose", 1e9),
    ("dose", "two"),
    ("dose", True),
    ("body_weight_g", 0.2),
    ("body_weight_g", 5000),
    ("study_days", 0),
    ("study_days", -1),
    ("pumps_in_series", 0),
    ("pumps_in_series", 2.5),
    ("lot_rate_ul_per_hr", "0.5 uL/h"),
    ("lot_fill_volume_ul", -1),
    ("species", "dog"),
    ("route", "iv"),
    ("dose_unit", "mg"),
    ("design_weight", "end"),
    ("growth_model", "fast"),
    ("measured_weights", "7 262"),
    ("measured_weights", [[1, 2, 3]]),
    ("implant_date", "20/03"),
    ("implant_date", "0001-01-01"),
    ("catheter_length_cm", 1000),
    ("catheter_filled_with", "air"),
    ("compound", ""),
    ("compound", "x" * 101),
    ("outcome_measures", 42),
    ("implant_time", "9.30"),
    ("time_zone", "Mars/Olympus_Mons"),
    ("priming_hours", -4),
    ("outcome_days", "3; seven"),
    ("age_at_implant_days", -3),
    ("end_body_weight_g", math.nan),
    ("fixed_concentration_mg_per_ml", 0),
]


@pytest.mark.parametrize(("field", "value"), BAD_VALUES)
def test_each_bad_value_gets_a_message_with_field_value_and_remedy(field, value):
    _, (finding,) = plan_from_values({field: value})
    assert finding.message.startswith(f"{PLAN_SPECS[field].title}: ")
    assert repr(value)[:12] in finding.message
    assert re.match(r"^(Enter|Choose|Write|Give|Use)\b", finding.suggestion), finding.suggestion


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=600))
def test_any_catalogue_text_is_read_or_refused_with_a_catalog_error(text):
    try:
        parse_pump_catalog(text)
    except CatalogError as error:
        assert "pump_specs.csv" in str(error)


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300))
def test_any_uploaded_bytes_open_a_plan_or_give_a_message_naming_the_file(content):
    panel = ExportPanel(CATALOG)
    try:
        plan, cohort, findings = panel._read("upload.json", content)
    except ValueError as error:
        assert "upload.json" in str(error)
    else:
        assert isinstance(plan, Plan) and isinstance(cohort, Cohort)


def test_an_upload_over_the_size_limit_is_refused_before_it_is_read():
    panel = ExportPanel(CATALOG)
    with pytest.raises(ValueError, match=r"huge\.json is 16\.0 MB"):
        panel._read("huge.json", b" " * 16_000_001)


def test_no_code_is_run_from_user_input():
    # eval/exec on anything a user or a link supplies would run it; none is used anywhere.
    sources = [path.read_text() for path in (REPOSITORY_ROOT / "lib").rglob("*.py")]
    assert not any(re.search(r"\b(eval|exec)\(", source) for source in sources)
