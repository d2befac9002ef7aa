"""Tests for lib/teaching/answers.py and quantities.py: a student's answer checked, and the slip
that explains a wrong one, on the shipped lessons (their numbers: tests/test_lessons.py)."""

from dataclasses import replace

import pytest

from lib import evaluate, load_pump_catalog
from lib.teaching.answers import QUANTITIES, check_answer, telling_slips
from lib.teaching.lessons import Question, find_lesson
from lib.teaching.slips import Slip

CATALOG = load_pump_catalog()


def verdict(lesson_name: str, answer: str, typed: str, **plan_changes):
    lesson = find_lesson(lesson_name)
    question = next(question for question in lesson.questions if question.answer == answer)
    return check_answer(question, typed, evaluate(replace(lesson.plan, **plan_changes), CATALOG))


# (lesson, answer, what the student typed, the words of each slip named); the arithmetic beside.
SLIPS = [
    # 1.0 ug/h / 0.5 uL/h = 2.0 mg/mL
    (
        "1-brief-baclofen",
        "concentration_mg_per_ml",
        "0.048",
        ["µL/h taken for mL/day"],
    ),  # 2 x 0.024
    ("1-brief-baclofen", "concentration_mg_per_ml", "48", ["× 24 h/day left out"]),  # 2 x 24
    ("1-brief-baclofen", "concentration_mg_per_ml", "0.002", ["÷ 1000 µL/mL left out"]),
    ("1-brief-baclofen", "concentration_mg_per_ml", "0.0833", ["per h taken for per day"]),  # 2/24
    ("1-brief-baclofen", "concentration_mg_per_ml", "0.5", ["per-animal dose multiplied"]),  # x0.25
    # 2,000: ug taken for mg, or the answer given in ug/mL: the same number, both named
    ("1-brief-baclofen", "concentration_mg_per_ml", "2000", ["µg taken for mg", "in µg/mL"]),
    # 2.0 mg/mL x 200 uL without / 1000 = 400
    ("1-brief-baclofen", "drug_mass_per_pump_mg", "400", ["without ÷ 1000 µL/mL"]),
    # 7.2 mg/kg/day x 0.1 kg / 0.006 mL/day = 120 mg/mL
    ("2-growing-rat", "concentration_mg_per_ml", "1200", ["not multiplied by the body weight"]),
    ("2-growing-rat", "concentration_mg_per_ml", "120000", ["weight in g", "in µg/mL"]),
    # the mean weight over days 0-28, (100 + 250) / 2 = 175 g: 120 x 1.75 = 210
    ("2-growing-rat", "concentration_mg_per_ml", "210", ["the mean weight over the infusion"]),
    # day 28: 0.72 mg/day / 0.25 kg = 2.88; / 0.1 kg (the implant weight) = 7.2, the target too
    ("2-growing-rat", "dose_on_day_mg_per_kg_per_day", "7.2", ["weight at implant", "target dose"]),
    ("2-growing-rat", "dose_on_day_mg_per_kg_per_day", "0.00288", ["weight in g"]),
    ("2-growing-rat", "dose_on_day_mg_per_kg_per_day", "0.72", ["not divided by the body weight"]),
    # 10 / 4.3 = 232.6 %; 4.3 / 10 = 43 %; 2.326 a fraction
    ("3-solubility-conflict", "percent_of_solubility", "43", ["the other way"]),
    ("3-solubility-conflict", "percent_of_solubility", "2.33", ["a fraction, not a percent"]),
    # 200 uL / 0.5 uL/h = 400 h = 16.7 days; 14 days is the nominal duration
    ("4-pumps-in-series", "pump_run_days", "400", ["in hours"]),
    ("4-pumps-in-series", "pump_run_days", "14", ["the nominal duration given"]),
    # 45.66 uL / 0.5 uL/h = 91.32 h = 3.805 days (or the rate taken per day: the same number)
    ("5-catheter-lag", "catheter_lag_h", "3.805", ["the answer in days", "the rate taken per day"]),
    ("5-catheter-lag", "catheter_lag_h", "9.132", ["not × the length"]),  # 4.566 / 0.5
    ("5-catheter-lag", "catheter_lag_h", "22.83", ["the volume × the rate"]),  # 45.66 x 0.5
    # 1000 ng/kg/min: 6.00 mg/mL; per min taken for per day 6 / 1440; x 60 only 6 / 24; x 24 only
    # 6 / 60; ng / 1000 taken for mg 6 x 1000: the same number as the weight in g and as an
    # answer in ug/mL, so all three are named
    ("6-angiotensin-ng-per-kg-per-min", "concentration_mg_per_ml", "0.004167", ["per min taken"]),
    ("6-angiotensin-ng-per-kg-per-min", "concentration_mg_per_ml", "0.25", ["× 60 min/h only"]),
    ("6-angiotensin-ng-per-kg-per-min", "concentration_mg_per_ml", "0.1", ["× 24 only"]),
    (
        "6-angiotensin-ng-per-kg-per-min",
        "concentration_mg_per_ml",
        "6000",
        ["is µg", "in g", "µg/mL"],
    ),
    ("6-angiotensin-ng-per-kg-per-min", "concentration_mg_per_ml", "6e6", ["ng taken for mg"]),
    # 529.875 mg/mL / 42.39 mg/mmol = 12.5 (mol/L, not mg/mL); and 529.875 x 0.024 = 12.7, within
    # 2 % of it: the rate's µL/h taken for mL/day gives the same answer, and is named too
    ("7-published-lithium-regimen", "concentration_mg_per_ml", "12.5", ["molecular", "µL/h"]),
    ("7-published-lithium-regimen", "mass_to_weigh_mg", "2649375", ["without ÷ 1000"]),
    # (200 - 18.6) / 168 h = 1.0798 uL/h; 200 / 168 = 1.1905; 18.6 / 168 = 0.1107; x 24 = 25.9
    ("8-verifying-delivery", "mean_rate_ul_per_hr", "1.1905", ["residual not subtracted"]),
    ("8-verifying-delivery", "mean_rate_ul_per_hr", "0.1107", ["residual taken for"]),
    ("8-verifying-delivery", "mean_rate_ul_per_hr", "25.9", ["µL per day"]),
    ("8-verifying-delivery", "rate_percent_of_expected", "7.98", ["the difference"]),
    ("8-verifying-delivery", "rate_percent_of_expected", "1.08", ["a fraction"]),
]


@pytest.mark.parametrize(("lesson", "answer", "typed", "words"), SLIPS)
def test_a_slip_is_named_by_its_step(lesson, answer, typed, words):
    said = verdict(lesson, answer, typed)
    assert said.right is False
    assert [any(word in slip.what for slip in said.slips) for word in words] == [True] * len(words)
    assert len(said.slips) == len(words), said.message  # no other slip claims the answer
    assert said.slip == said.slips[0] and f"“{said.slip.step}”" in said.message


def test_the_right_answer_is_accepted_with_a_decimal_comma():
    said = verdict("1-brief-baclofen", "concentration_mg_per_ml", "2,0")
    assert said.right and said.message == "Right: 2.00 mg/mL (within 2 %)."


def test_text_that_is_no_number_is_neither_right_nor_wrong():
    said = verdict("1-brief-baclofen", "concentration_mg_per_ml", "two")
    assert said.right is None and "not a number" in said.message


def test_an_answer_no_slip_explains_says_so_without_naming_a_step():
    said = verdict("1-brief-baclofen", "concentration_mg_per_ml", "8")
    assert (said.right, said.slip) == (False, None)
    assert "not within 2 % of the answer" in said.message


def test_a_slip_that_gives_the_right_answer_is_never_told():
    """A 28-day study on 2002s: counted by nominal periods (28 / 14), by runs (28 / 16.7,
    rounded up) or rounded down, it is 2 pumps, the right answer: none of those slips is told
    of a wrong answer."""
    for typed in ("1", "3"):
        said = verdict("4-pumps-in-series", "pump_count", typed)
        assert (said.right, said.slips) == (False, ())


def test_a_slip_of_the_pump_count_is_told_when_it_differs():
    """30 days: pump 2 from day 14 stays 16 days, within its 16.7-day run: 2 pumps. Counted by
    nominal periods, ceil(30 / 14) = 3; 30 / 14 = 2.14 is a part of a pump."""
    assert verdict("4-pumps-in-series", "pump_count", "2", study_days=30.0).right
    said = verdict("4-pumps-in-series", "pump_count", "3", study_days=30.0)
    assert "nominal period only" in said.slip.what
    said = verdict("4-pumps-in-series", "pump_count", "2.14", study_days=30.0)
    assert "pumps come whole" in said.slip.what


def test_a_slip_of_the_nominal_duration_is_not_told_when_the_pump_was_in_that_long():
    """Explanted after 7 days, the 2001's nominal duration: that slip gives the right answer."""
    lesson = find_lesson("8-verifying-delivery")
    question = lesson.questions[0]
    evaluation = evaluate(lesson.plan, CATALOG)
    slips = QUANTITIES[question.answer].slips(evaluation, question)
    told = telling_slips(slips, 1.08, question.tolerance_percent)
    assert any("nominal duration" in slip.what for slip in slips)
    assert not any("nominal duration" in slip.what for slip in told)


def test_a_slip_near_the_right_answer_is_dropped_and_equal_slips_are_told_once():
    """Within twice the tolerance of the right answer, an answer may be the right one rounded:
    a slip there is not told (2 %: 1.03 dropped, 1.05 kept)."""
    near, far = Slip("A", "near", 1.03), Slip("B", "far", 1.05)
    assert telling_slips([near, far, far, Slip("C", "none", float("nan"))], 10.0, 2.0) == [far]


def test_an_answer_just_outside_the_tolerance_names_no_slip_of_factor_one():
    """No growth: the mean weight is the implant weight; 2.5 % off is wrong, and no slip."""
    said = verdict("2-growing-rat", "concentration_mg_per_ml", "123", growth_model="gain")
    assert (said.right, said.slips) == (False, ())


def test_every_quantity_has_a_unit_and_a_label_for_the_answer_box():
    for name, quantity in QUANTITIES.items():
        assert quantity.label and quantity.unit, name


def test_a_question_of_the_mass_to_weigh_counts_a_salt_dosed_as_its_base():
    """The lithium lesson weighs what it counts: the mass is concentration x volume / 1000."""
    lesson = find_lesson("7-published-lithium-regimen")
    question = Question("Mass?", "mass_to_weigh_mg", volume_ul=1000.0)
    said = check_answer(question, "529.875", evaluate(lesson.plan, CATALOG))
    assert said.right
