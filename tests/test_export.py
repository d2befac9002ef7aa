"""Tests for lib/documents/saved.py and links.py: saved files and share links, out and back in.

DESIGN.md: bad, unknown or missing parameters become findings and defaults, never exceptions; only
a text that is not JSON at all may raise ValueError.
"""

import json
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.documents.links import plan_from_query, plan_to_query
from lib.documents.saved import plan_from_json, plan_to_json
from lib.plan import PLAN_FIELDS, Plan
from lib.tables.pumps import load_pump_catalog
from lib.version import APP_VERSION

CATALOG = load_pump_catalog()

PLANS = [
    pytest.param(Plan(), id="brief-example"),
    pytest.param(Plan(dose=0.1 + 0.2, body_weight_g=237.5), id="float-noise-and-237.5-g"),
    pytest.param(
        Plan(
            compound="custom peptide",
            vehicle="saline",
            dose=0.30000000000000004,
            dose_unit="ng/kg/min",
            species="mouse",
            route="sc",
            body_weight_g=23.7,
            weight_gain_g_per_day=0.15,
            design_weight="mean",
            pump_model="1004",
            lot_rate_ul_per_hr=0.108,
            lot_fill_volume_ul=97.3,
            study_days=27.5,
            pumps_in_series=2,
            solubility_mg_per_ml=12.5,
            molecular_weight_g_per_mol=301.2,
        ),
        id="every-optional-field-set",
    ),
    pytest.param(Plan(dose=1e-7, dose_unit="mmol/kg/day", study_days=1 / 3), id="tiny-floats"),
    pytest.param(
        Plan(
            clearance_ml_per_min_per_kg=12.5,
            half_life_h=0.1 + 0.2,
            volume_of_distribution_l_per_kg=0.7,
            target_plasma_ng_per_ml=37.25,
        ),
        id="pharmacokinetics-and-a-target-level",
    ),
    pytest.param(Plan(compound="Baclofen & co = 100% <ok>?", vehicle="a+b"), id="url-characters"),
]


@pytest.mark.parametrize("plan", PLANS)
def test_json_round_trip_is_exact(plan):
    assert plan_from_json(plan_to_json(plan, CATALOG), CATALOG) == (plan, [])


@pytest.mark.parametrize("plan", PLANS)
def test_query_round_trip_is_exact(plan):
    assert plan_from_query(plan_to_query(plan), CATALOG) == (plan, [])


def test_query_may_start_with_a_question_mark():
    plan = Plan(dose=2.5)
    assert plan_from_query("?" + plan_to_query(plan), CATALOG) == (plan, [])


def numbers(low, high, *, include_low=False):
    # Fields that must be above 0 start at 1e-9 here; fields with a floor (body weight 1 g,
    # lot rate 0.01 uL/h, fill volume 1 uL, molecular weight 1 g/mol) start at it.
    low = low if include_low else max(low, 1e-9)
    return st.floats(low, high, allow_nan=False, allow_subnormal=False)


def optional(strategy):
    return st.none() | strategy


# Every field within its validator's limits (lib/plan.py VALIDATORS).
# Text a name can hold: any characters but control and format ones (refused, with a message).
PRINTABLE = st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp"))
names = st.text(PRINTABLE, max_size=100).map(str.strip).filter(bool)
plans = st.builds(
    Plan,
    compound=names,
    vehicle=names,
    dose=numbers(0, 1e6),
    dose_unit=st.sampled_from(
        ["mg/kg/day", "ug/kg/h", "ng/kg/min", "mmol/kg/day", "mg/day", "ug/h", "ng/h", "ng/day"]
    ),
    species=st.sampled_from(["rat", "mouse"]),
    route=st.sampled_from(["sc", "ip", "it", "icv"]),
    body_weight_g=numbers(1, 2000, include_low=True),
    weight_gain_g_per_day=numbers(0, 50, include_low=True),
    design_weight=st.sampled_from(["implant", "mid", "mean"]),
    pump_model=st.sampled_from(CATALOG.models),
    lot_rate_ul_per_hr=optional(numbers(0.01, 1000, include_low=True)),
    lot_fill_volume_ul=optional(numbers(1, 10000, include_low=True)),
    study_days=numbers(0, 3650),
    pumps_in_series=optional(st.integers(1, 100)),
    solubility_mg_per_ml=optional(numbers(0, 1e6)),
    molecular_weight_g_per_mol=optional(numbers(1, 1e7, include_low=True)),
    fixed_concentration_mg_per_ml=optional(numbers(0, 1e6)),
    clearance_ml_per_min_per_kg=optional(numbers(0, 1e4)),
    half_life_h=optional(numbers(0, 1e4)),
    volume_of_distribution_l_per_kg=optional(numbers(0, 1e3)),
    target_plasma_ng_per_ml=optional(numbers(0, 1e7)),
    growth_model=st.sampled_from(["gain", "end_weight", "preset", "measured"]),
    end_body_weight_g=optional(numbers(1, 2000, include_low=True)),
    growth_preset=optional(st.sampled_from(["wistar_male_juvenile", "sprague_dawley_male"])),
    age_at_implant_days=optional(numbers(0, 3650, include_low=True)),
    measured_weights=st.dictionaries(
        numbers(0, 3650, include_low=True), numbers(1, 2000, include_low=True), max_size=5
    ).map(lambda points: tuple(sorted(points.items()))),
    catheter_tubing=optional(st.sampled_from(["PE-60", "PE-10", "PE-90"])),
    catheter_length_cm=optional(numbers(0, 500)),
    catheter_filled_with=st.sampled_from(["vehicle", "drug"]),
    implant_date=optional(
        st.dates(date(1970, 1, 1), date(2199, 12, 31)).map(lambda day: day.isoformat())
    ),
    outcome_measures=st.lists(
        st.text(PRINTABLE, max_size=30)
        .map(str.strip)
        .filter(lambda name: name and ";" not in name),
        max_size=4,
        unique=True,
    ).map(tuple),
    implant_time=st.times().map(lambda moment: moment.strftime("%H:%M")),
    time_zone=optional(st.sampled_from(["Europe/London", "America/New_York", "Asia/Kolkata"])),
    priming_hours=optional(numbers(0, 240)),
    outcome_days=st.lists(numbers(0, 3650, include_low=True), max_size=5, unique=True).map(
        lambda days: tuple(sorted(days))
    ),
)


@settings(deadline=None)
@given(plans)
def test_any_valid_plan_survives_json_exactly(plan):
    assert plan_from_json(plan_to_json(plan, CATALOG), CATALOG) == (plan, [])


@given(plans)
def test_any_valid_plan_survives_a_share_link_exactly(plan):
    assert plan_from_query(plan_to_query(plan), CATALOG) == (plan, [])


def read_json_or_value_error(text):
    try:
        plan, findings = plan_from_json(text, CATALOG)
    except ValueError:
        return
    assert isinstance(plan, Plan)
    assert isinstance(findings, list)


@given(st.text())
def test_random_text_gives_a_plan_or_a_value_error(text):
    read_json_or_value_error(text)


SAVED_DEFAULT = plan_to_json(Plan(), CATALOG)


@given(st.integers(0, len(SAVED_DEFAULT)))
def test_truncated_json_gives_a_plan_or_a_value_error(length):
    read_json_or_value_error(SAVED_DEFAULT[:length])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=10,
)
field_names = st.sampled_from(PLAN_FIELDS) | st.text(max_size=10)


@given(st.dictionaries(field_names, json_values) | json_values)
def test_any_json_value_as_the_plan_gives_a_plan_and_findings(value):
    plan, findings = plan_from_json(json.dumps({"schema_version": 1, "plan": value}), CATALOG)
    assert isinstance(plan, Plan)
    plan, findings = plan_from_json(json.dumps(value), CATALOG)
    assert isinstance(plan, Plan)


@pytest.mark.parametrize(
    "text",
    [
        '{"plan": {"dose": ' + "9" * 400 + "}}",  # an int too large for a float
        "[" * 100_000,  # nested too deeply for the parser
        '{"plan": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "",
        "NaN",
    ],
)
def test_hostile_json_gives_a_plan_or_a_value_error(text):
    read_json_or_value_error(text)


@given(st.text())
def test_random_query_strings_give_a_plan_and_findings(query):
    plan, findings = plan_from_query(query, CATALOG)
    assert isinstance(plan, Plan)


@given(st.lists(st.tuples(field_names, st.text()), max_size=20))
def test_random_values_for_plan_fields_in_a_query_give_a_plan_and_findings(pairs):
    plan, findings = plan_from_query(urlencode(pairs), CATALOG)
    assert isinstance(plan, Plan)


def test_a_query_with_more_parameters_than_a_plan_has_gives_a_finding():
    plan, findings = plan_from_query("&".join(f"x{n}=1" for n in range(200)), CATALOG)
    assert plan == Plan()
    assert [finding.code for finding in findings] == ["invalid_plan"]


def saved_plan(drop=(), **changes):
    """A saved file of a 300 g rat on 2.5 ug/h, with fields changed or dropped."""
    document = json.loads(plan_to_json(Plan(body_weight_g=300.0, dose=2.5), CATALOG))
    document["plan"].update(changes)
    for name in drop:
        del document["plan"][name]
    return json.dumps(document)


def codes_and_fields(findings):
    return [(finding.code, finding.field) for finding in findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (saved_plan(colour="blue"), ("unknown_field", "colour")),
        (saved_plan(drop=["study_days"]), ("missing_field", "study_days")),
        (saved_plan(species="dog"), ("invalid_field", "species")),
        (saved_plan(study_days="a week"), ("invalid_field", "study_days")),
    ],
)
def test_bad_fields_in_a_file_become_findings_and_the_rest_is_kept(text, expected):
    plan, findings = plan_from_json(text, CATALOG)
    assert codes_and_fields(findings) == [expected]
    assert (plan.body_weight_g, plan.dose) == (300.0, 2.5)
    assert (plan.species, plan.study_days) == ("rat", 7.0)  # defaults where needed


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("body_weight_g=300&dose=2.5&colour=blue", ("unknown_field", "colour")),
        ("body_weight_g=300&dose=2.5&species=dog", ("invalid_field", "species")),
        ("body_weight_g=300&dose=2.5&study_days=", ("invalid_field", "study_days")),
    ],
)
def test_bad_fields_in_a_link_become_findings_and_the_rest_is_kept(query, expected):
    plan, findings = plan_from_query(query, CATALOG)
    assert codes_and_fields(findings) == [expected]
    assert plan == Plan(body_weight_g=300.0, dose=2.5)


def test_a_link_does_not_report_missing_fields():
    assert plan_from_query("dose=2.5", CATALOG) == (Plan(dose=2.5), [])


@pytest.mark.parametrize(
    "read",
    [
        lambda: plan_from_json(saved_plan(pump_model="9999"), CATALOG),
        lambda: plan_from_query("pump_model=9999&body_weight_g=300&dose=2.5", CATALOG),
    ],
    ids=["json", "query"],
)
def test_an_unknown_pump_model_becomes_the_default_with_a_finding(read):
    plan, findings = read()
    assert plan == Plan(body_weight_g=300.0, dose=2.5)
    (finding,) = findings
    assert (finding.code, finding.field) == ("invalid_field", "pump_model")
    assert "'9999'" in finding.message


def test_a_file_of_another_schema_version_gives_a_note():
    document = json.loads(SAVED_DEFAULT)
    document["schema_version"] = 99
    plan, findings = plan_from_json(json.dumps(document), CATALOG)
    assert plan == Plan()
    assert codes_and_fields(findings) == [("schema_version_differs", "plan")]


def test_saved_json_carries_schema_versions_plan_results_and_pump_source():
    plan = Plan(study_days=5)  # the brief's plan short of the tolerance from day 5: no finding
    document = json.loads(plan_to_json(plan))  # None: the shipped catalogue
    assert document["schema"] == "osmotic-pump-plan"
    assert document["schema_version"] == 1
    assert document["app_version"] == APP_VERSION
    assert document["plan"] == plan.to_dict()
    # REFERENCE 1: 1.0 ug/h at 0.5 uL/h = 2.0 mg/mL; 2.0 mg/mL x 200 uL = 0.4 mg per pump
    assert document["results"]["concentration_mg_per_ml"] == pytest.approx(2.0, rel=1e-12)
    assert document["results"]["drug_mass_per_pump_mg"] == pytest.approx(0.4, rel=1e-12)
    assert document["findings"] == []
    assert document["pump"]["model"] == "2002"
    assert document["pump"]["source"] == "brief, Table 1 (ALZET specifications)"
    assert document["created_utc"]
    assert document["catalog"] == CATALOG.provenance


def test_saved_json_lists_the_findings_of_the_plan():
    document = json.loads(plan_to_json(Plan(dose=2.2, study_days=5), CATALOG))  # 4.4 > 4.3
    assert [finding["code"] for finding in document["findings"]] == ["solubility_exceeded"]


@pytest.mark.parametrize(
    "query",
    [
        "compound=<script>alert(1)</script>",
        urlencode({"compound": "<script>alert(1)</script>"}),
    ],
    ids=["raw", "encoded"],
)
def test_a_hostile_compound_in_a_link_is_kept_as_literal_text(query):
    plan, findings = plan_from_query(query, CATALOG)
    assert plan.compound == "<script>alert(1)</script>"
    assert findings == []


def test_a_binder_share_link_opens_the_plan_through_the_launch_url():
    from lib.documents.links import binder_share_link

    link = binder_share_link("dose=2.0&route=it", "https://mybinder.org/", "v2/gh/lab/pumps/abc123")
    assert link == (
        "https://mybinder.org/v2/gh/lab/pumps/abc123?urlpath="
        "voila%2Frender%2Fdashboard.ipynb%3Fdose%3D2.0%26route%3Dit"
    )


def test_saved_json_names_the_compound_source_and_every_result():
    document = json.loads(plan_to_json(Plan(), CATALOG))
    assert "patent text" in document["compound_source"]
    assert document["results"]["drug_mass_per_pump_mg"] == pytest.approx(0.4)  # 2 mg/mL x 0.2 mL
    assert document["results"]["replacement_days"] == []


def test_the_committed_example_file_still_opens_as_the_default_plan():
    # docs/examples/default-plan.json was saved by version 0.1.0: files must keep opening.
    text = (Path(__file__).parent.parent / "docs/examples/default-plan.json").read_text()
    assert plan_from_json(text, CATALOG) == (Plan(), [])


def test_a_file_saved_before_the_calendar_fields_opens_without_missing_field_notes():
    document = json.loads(plan_to_json(Plan(), CATALOG))
    for name in ("implant_time", "time_zone", "priming_hours", "outcome_days"):
        del document["plan"][name]
    document["app_version"] = "0.1.0"
    assert plan_from_json(json.dumps(document), CATALOG) == (Plan(), [])


def test_a_current_file_that_lacks_a_calendar_field_is_reported():
    document = json.loads(plan_to_json(Plan(), CATALOG))
    del document["plan"]["implant_time"]
    plan, findings = plan_from_json(json.dumps(document), CATALOG)
    assert [(finding.code, finding.field) for finding in findings] == [
        ("missing_field", "implant_time")
    ]


def test_a_text_nested_deeper_than_any_saved_file_is_refused_before_parsing():
    # The example's study file, the deepest the app writes (its cohort results: 7 levels), is
    # well inside the limit; one level past the limit is refused with the depth named.
    from lib.documents.saved import MAX_NESTING, nesting_depth

    study = (Path(__file__).parent.parent / "docs/examples/study-8-rats.json").read_text()
    assert nesting_depth(study) == 7
    assert nesting_depth('{"a": "[[{{", "b": [[1]]}') == 3  # brackets in strings do not count
    with pytest.raises(ValueError, match=f"nests {MAX_NESTING + 1} levels deep"):
        plan_from_json("[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1), CATALOG)
