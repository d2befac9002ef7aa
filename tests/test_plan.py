"""Tests for lib/plan.py: the default plan, its dict form, and every validator's refusal."""

import dataclasses
import math

import pytest

from lib.errors import shown_value
from lib.plan import Plan, PlanError

# DESIGN.md: Plan() is the brief's intrathecal example (baclofen in aCSF, 1.0 ug/h, rat of
# 250 g, model 2002, 7-day study); the optional fields are empty, the rest as documented.
BRIEF_EXAMPLE = {
    "compound": "baclofen",
    "vehicle": "aCSF",
    "dose": 1.0,
    "dose_unit": "ug/h",
    "species": "rat",
    "route": "it",
    "body_weight_g": 250.0,
    "weight_gain_g_per_day": 0.0,
    "design_weight": "implant",
    "pump_model": "2002",
    "lot_rate_ul_per_hr": None,
    "lot_fill_volume_ul": None,
    "study_days": 7.0,
    "pumps_in_series": None,
    "solubility_mg_per_ml": None,
    "molecular_weight_g_per_mol": None,
    "dose_basis": "as_weighed",
    "free_base_molecular_weight_g_per_mol": None,
    "fixed_concentration_mg_per_ml": None,
    "clearance_ml_per_min_per_kg": None,
    "half_life_h": None,
    "volume_of_distribution_l_per_kg": None,
    "target_plasma_ng_per_ml": None,
    "growth_model": "gain",
    "end_body_weight_g": None,
    "growth_preset": None,
    "age_at_implant_days": None,
    "measured_weights": [],
    "catheter_tubing": None,
    "catheter_length_cm": None,
    "catheter_filled_with": "vehicle",
    "implant_date": None,
    "outcome_measures": [],
    "implant_time": "09:00",
    "time_zone": None,
    "priming_hours": None,
    "working_day_start": "08:00",
    "working_day_end": "18:00",
    "working_days": ["Mon", "Tue", "Wed", "Thu", "Fri"],
    "surgery_minutes_per_animal": 20.0,
    "study_title": None,
    "investigator": None,
    "protocol_number": None,
    "outcome_days": [],
}
OPTIONAL_FIELDS = [
    "lot_rate_ul_per_hr",
    "lot_fill_volume_ul",
    "pumps_in_series",
    "solubility_mg_per_ml",
    "molecular_weight_g_per_mol",
    "fixed_concentration_mg_per_ml",
    "clearance_ml_per_min_per_kg",
    "half_life_h",
    "volume_of_distribution_l_per_kg",
    "target_plasma_ng_per_ml",
]


@pytest.mark.parametrize(("field", "expected"), BRIEF_EXAMPLE.items())
def test_default_plan_is_the_brief_example_field_by_field(field, expected):
    assert Plan().to_dict()[field] == expected


def test_to_dict_gives_every_field_in_order():
    assert Plan().to_dict() == BRIEF_EXAMPLE
    assert list(Plan().to_dict()) == list(BRIEF_EXAMPLE)


@pytest.mark.parametrize(
    "plan",
    [
        Plan(),
        Plan(dose=0.1 + 0.2, body_weight_g=237.5, weight_gain_g_per_day=5.4, design_weight="mid"),
        Plan(lot_rate_ul_per_hr=0.54, lot_fill_volume_ul=195.0, pumps_in_series=3, study_days=40),
        Plan(compound="custom", solubility_mg_per_ml=12.5, molecular_weight_g_per_mol=301.2),
    ],
)
def test_to_dict_then_from_dict_gives_the_same_plan(plan):
    assert Plan.from_dict(plan.to_dict()) == plan


@pytest.mark.parametrize("unit", ["µg/h", "μg/h", " ug/h "])  # micro sign, Greek mu, spaces
def test_dose_unit_is_normalized_to_u(unit):
    assert Plan(dose_unit=unit).dose_unit == "ug/h"


def test_choices_are_normalized_to_lower_case():
    plan = Plan(species=" Mouse ", route="SC", design_weight="Mid")
    assert (plan.species, plan.route, plan.design_weight) == ("mouse", "sc", "mid")


# (field, bad value, the label the message must name)
BAD_VALUES = [
    ("dose", 0, "Dose"),  # the dose must be above 0
    ("dose", -1, "Dose"),
    ("dose", math.nan, "Dose"),
    ("dose", math.inf, "Dose"),
    ("dose", "abc", "Dose"),
    ("dose", True, "Dose"),  # a bool is not a number here
    ("dose", 10**400, "Dose"),  # an int too large for a float (a hostile JSON file)
    ("dose_unit", "mg/week", "Dose unit"),
    ("body_weight_g", 0, "Body weight at implant (g)"),
    ("body_weight_g", 0.5, "Body weight at implant (g)"),  # floor 1 g keeps the dose per kg finite
    ("body_weight_g", 5000, "Body weight at implant (g)"),  # limit 2000 g
    ("weight_gain_g_per_day", -51, "Weight gain (g/day)"),  # a loss, but not over 50 g a day
    ("study_days", 0, "Study length (days)"),
    ("species", "dog", "Species"),
    ("route", "iv", "Route"),
    ("design_weight", "end", "Concentration for"),
    ("pumps_in_series", 0, "Pumps in series"),
    ("pumps_in_series", 1.5, "Pumps in series"),
    ("pumps_in_series", 101, "Pumps in series"),  # limit 100
    ("lot_rate_ul_per_hr", 0, "Lot pumping rate (µL/h)"),
    ("lot_rate_ul_per_hr", 0.005, "Lot pumping rate (µL/h)"),  # floor 0.01 uL/h
    ("lot_fill_volume_ul", 0.5, "Lot fill volume (µL)"),  # floor 1 uL
    ("molecular_weight_g_per_mol", 0.5, "Molecular weight (g/mol)"),  # floor 1 g/mol
    ("lot_fill_volume_ul", -5, "Lot fill volume (µL)"),
    ("solubility_mg_per_ml", math.nan, "Solubility (mg/mL)"),
    ("molecular_weight_g_per_mol", "heavy", "Molecular weight (g/mol)"),
    ("compound", "", "Compound"),
    ("compound", "x" * 101, "Compound"),  # limit 100 characters
    ("vehicle", "   ", "Vehicle"),
    ("pump_model", None, "Pump model"),
]


@pytest.mark.parametrize(("field", "value", "label"), BAD_VALUES)
def test_bad_value_raises_plan_error_naming_field_label_and_value(field, value, label):
    with pytest.raises(PlanError) as error:
        Plan(**{field: value})
    assert error.value.field == field
    assert str(error.value).startswith(f"{label}: ")
    assert shown_value(value) in str(error.value)  # shortened past 60 characters


def test_plan_error_is_a_value_error():
    assert issubclass(PlanError, ValueError)


@pytest.mark.parametrize("field", OPTIONAL_FIELDS)
@pytest.mark.parametrize("blank", ["", "   "])
def test_blank_optional_field_becomes_none(field, blank):
    assert getattr(Plan(**{field: blank}), field) is None


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        ("dose", "2.5", 2.5),  # text from a form or a link is read as a number
        ("pumps_in_series", "2", 2),
        ("pumps_in_series", 3.0, 3),  # a whole float is the whole number
        ("lot_rate_ul_per_hr", "0.54", 0.54),
    ],
)
def test_numbers_given_as_text_are_read(field, text, expected):
    assert getattr(Plan(**{field: text}), field) == expected


def test_from_dict_rejects_an_unknown_field():
    with pytest.raises(PlanError, match="colour") as error:
        Plan.from_dict({"dose": 2.0, "colour": "blue"})
    assert error.value.field == "colour"


def test_from_dict_takes_defaults_for_missing_fields():
    assert Plan.from_dict({"dose": 2.0}) == Plan(dose=2.0)


def test_plan_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Plan().dose = 2.0


@pytest.mark.parametrize(
    ("typed", "kept"), [("9:30", "09:30"), (" 14:05 ", "14:05"), ("00:00", "00:00")]
)
def test_implant_time_is_kept_as_hh_mm(typed, kept):
    assert Plan(implant_time=typed).implant_time == kept


@pytest.mark.parametrize("typed", ["24:00", "9.30", "09:60", "9", "", "09:30:00"])
def test_implant_time_that_is_not_a_clock_time_is_refused(typed):
    with pytest.raises(PlanError, match="Implant time"):
        Plan(implant_time=typed)


def test_time_zone_takes_iana_names_and_empty_means_none():
    assert Plan(time_zone=" Europe/London ").time_zone == "Europe/London"
    assert Plan(time_zone="").time_zone is None


@pytest.mark.parametrize("typed", ["Mars/Base", "../../etc/passwd", "x" * 65, "CET+1"])
def test_unknown_time_zone_is_refused(typed):
    with pytest.raises(PlanError, match="Time zone"):
        Plan(time_zone=typed)


def test_outcome_days_from_text_are_sorted_and_unique():
    assert Plan(outcome_days="7; 0, 3;3").outcome_days == (0.0, 3.0, 7.0)
    assert Plan(outcome_days=[3, 0.5]).outcome_days == (0.5, 3.0)


def test_outcome_day_that_is_not_a_number_is_refused():
    rule = r"Outcome measures on \(days\): '3; seven' .*'seven' is not a day"
    with pytest.raises(PlanError, match=rule):
        Plan(outcome_days="3; seven")
