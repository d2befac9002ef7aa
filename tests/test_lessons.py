"""Tests for lib/teaching/lessons.py: the shipped lessons' numbers by hand, and the strict reader.

Every hidden answer of every lesson is worked here by hand from the data files the lesson cites
(pump_specs.csv, lib/data/*.csv, REFERENCE.md), so a change to a table or a formula that moves
a lesson's answer fails here with the arithmetic beside it.
"""

from pathlib import Path

import pytest

from lib import evaluate, load_pump_catalog
from lib.teaching.answers import QUANTITIES, answer_of, check_answer
from lib.teaching.lessons import LESSON_FOLDER, LessonError, find_lesson, load_lesson, load_lessons
from lib.teaching.regimens import shipped_regimens
from lib.teaching.working import working_steps

# lesson -> {answer: hand-worked value}; the arithmetic in the comments.
HAND_WORKED = {
    "1-brief-baclofen": {
        # 1.0 ug/h / 0.5 uL/h = 2.0 ug/uL = 2.0 mg/mL (the brief, Table 2)
        "concentration_mg_per_ml": 1.0 / 0.5,
        # 2.0 mg/mL x 200 uL / 1000 uL/mL = 0.4 mg (model 2002 holds 200 uL)
        "drug_mass_per_pump_mg": 2.0 * 200 / 1000,
    },
    "2-growing-rat": {
        # 7.2 mg/kg/day x 0.100 kg = 0.72 mg/day; 0.25 uL/h x 24 / 1000 = 0.006 mL/day;
        # 0.72 / 0.006 = 120 mg/mL
        "concentration_mg_per_ml": 7.2 * 0.100 / (0.25 * 24 / 1000),
        # day 28: age 28 + 28 = 56 days, 250 g (growth preset); 0.72 mg/day / 0.250 kg
        "dose_on_day_mg_per_kg_per_day": 0.72 / 0.250,
    },
    "3-solubility-conflict": {
        # 5 ug/h / 0.5 uL/h = 10 ug/uL = 10 mg/mL
        "concentration_mg_per_ml": 5.0 / 0.5,
        # 10 / 4.3 mg/mL (baclofen in water, solubility.csv) = 232.6 %
        "percent_of_solubility": 100 * 10.0 / 4.3,
    },
    "4-pumps-in-series": {
        # 200 uL / 0.5 uL/h = 400 h / 24 h/day = 16.67 days
        "pump_run_days": 200 / 0.5 / 24,
        # pump 1 days 0-14; pump 2 from day 14 runs to day 28 (14 days: within its 16.67-day
        # run and its 21-day explant-by): 2 pumps
        "pump_count": 2,
    },
    "5-catheter-lag": {
        # 10 cm x 4.566 uL/cm (PE-60, catheters.csv) = 45.66 uL / 0.5 uL/h = 91.32 h
        "catheter_lag_h": 10 * 4.566 / 0.5,
        # 200 ng/h = 0.0002 mg/h x 24 = 0.0048 mg/day; 0.5 x 24 / 1000 = 0.012 mL/day;
        # 0.0048 / 0.012 = 0.4 mg/mL (the paper's 200 ng per 0.5 uL)
        "concentration_mg_per_ml": 200e-6 * 24 / (0.5 * 24 / 1000),
    },
    "6-angiotensin-ng-per-kg-per-min": {
        # 1000 ng/kg/min x 1440 min/day / 1e6 ng/mg = 1.44 mg/kg/day x 0.025 kg = 0.036 mg/day;
        # 0.25 x 24 / 1000 = 0.006 mL/day; 0.036 / 0.006 = 6.00 mg/mL (REFERENCE section 4)
        "concentration_mg_per_ml": 1000 * 1440 / 1e6 * 0.025 / 0.006,
        # 6.00 mg/mL x 200 uL / 1000 = 1.20 mg per pump (REFERENCE section 4, Daugherty)
        "drug_mass_per_pump_mg": 6.0 * 200 / 1000,
    },
    "7-published-lithium-regimen": {
        # 3 mmol/kg/day x 0.250 kg = 0.75 mmol/day x 42.39 mg/mmol = 31.7925 mg/day;
        # 2.5 x 24 / 1000 = 0.06 mL/day; 31.7925 / 0.06 = 529.875 mg/mL
        "concentration_mg_per_ml": 3 * 0.250 * 42.39 / 0.06,
        # 529.875 mg/mL x 5000 uL / 1000 = 2649.375 mg
        "mass_to_weigh_mg": 529.875 * 5000 / 1000,
    },
    "8-verifying-delivery": {
        # (200 - 18.6) uL / (7 days x 24 h) = 181.4 / 168 = 1.0798 uL/h
        "mean_rate_ul_per_hr": (200 - 18.6) / (7 * 24),
        # 1.0798 / 1.0 uL/h (model 2001) = 108 %, the 1.08 uL/h of REFERENCE section 2
        "rate_percent_of_expected": 100 * (200 - 18.6) / (7 * 24) / 1.0,
    },
    "9-one-pump-kept-too-long": {
        # 200 uL / 0.5 uL/h = 400 h / 24 h/day = 16.67 days: empty on day 16.7
        "pump_run_days": 200 / 0.5 / 24,
        # day 20 > 16.67: the pump is empty, the rat receives nothing
        "dose_on_day_mg_per_kg_per_day": 0.0,
    },
}
LESSONS = load_lessons()


@pytest.fixture(scope="module")
def catalog():
    return load_pump_catalog()


def test_there_are_the_lessons_of_the_issue_and_the_kept_pump_of_its_second_case():
    assert [lesson.name for lesson in LESSONS] == list(HAND_WORKED)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.name)
def test_each_lessons_answers_are_the_hand_worked_ones(lesson, catalog):
    evaluation = evaluate(lesson.plan, catalog)
    answers = {question.answer: answer_of(question, evaluation) for question in lesson.questions}
    assert answers == pytest.approx(HAND_WORKED[lesson.name], rel=1e-9)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.name)
def test_each_lesson_shows_the_findings_it_expects(lesson, catalog):
    codes = sorted(finding.code for finding in evaluate(lesson.plan, catalog).findings)
    assert codes == sorted(lesson.expected_finding_codes)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.name)
def test_each_lesson_cites_its_sources_and_asks_one_to_three_questions(lesson):
    assert lesson.source and lesson.title and lesson.text
    assert 1 <= len(lesson.questions) <= 3


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.name)
def test_each_lessons_right_answer_is_accepted_and_a_slip_is_named(lesson, catalog):
    evaluation = evaluate(lesson.plan, catalog)
    titles = {title for title, _ in working_steps(evaluation)} | {"Verifying delivery"}
    for question in lesson.questions:
        expected = answer_of(question, evaluation)
        assert check_answer(question, repr(expected), evaluation).right
        for slip in QUANTITIES[question.answer].slips(evaluation, question):
            assert slip.step in titles, slip  # each slip names a step the student can read


def test_a_regimens_lesson_starts_from_its_regimens_plan():
    lesson = find_lesson("7-published-lithium-regimen")
    regimen = {r.regimen: r for r in shipped_regimens()}[lesson.regimen]
    assert lesson.plan == regimen.plan()
    assert "PMID 15582915" in lesson.source


def test_a_lesson_link_names_a_file_stem_and_never_a_path():
    assert find_lesson("1-brief-baclofen").title.startswith("The brief's example")
    assert find_lesson("../lessons/1-brief-baclofen") is None
    assert find_lesson("no-such-lesson") is None


# -- the strict reader: every bad file refused with its line and the reason --------------------

GOOD = '''title = "A lesson"
text = """
A text: with a line that looks like a key,
dose = 5
"""
source = "the brief"

[plan]
dose = 1.0
dose_unit = "ug/h"

[[question]]
ask = "The concentration?"
answer = "concentration_mg_per_ml"
'''


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "9-bad.toml"
    path.write_text(text, encoding="utf-8")
    return path


def refusal(tmp_path: Path, text: str) -> LessonError:
    with pytest.raises(LessonError) as raised:
        load_lesson(write(tmp_path, text))
    return raised.value


def test_the_good_file_is_read(tmp_path):
    lesson = load_lesson(write(tmp_path, GOOD))
    assert lesson.name == "9-bad" and lesson.plan.dose == 1.0
    assert lesson.questions[0].tolerance_percent == 2.0


# (what is wrong, the file, the line, words of the reason)
BAD_FILES = [
    ("not TOML", GOOD.replace('source = "the brief"', "source = the brief"), 6, "not TOML"),
    ("a key twice", GOOD.replace("dose = 1.0", "dose = 1.0\ndose = 2.0"), 10, "not TOML"),
    ("unfinished", GOOD + 'ask = "', 15, "not TOML"),
    ("unknown key", GOOD.replace("[plan]", "subject = 'x'\n[plan]"), 8, "unknown key 'subject'"),
    ("no title", GOOD.replace('title = "A lesson"\n', ""), None, "'title' is missing"),
    (
        "empty text",
        GOOD.replace(GOOD[GOOD.index('text = """') : GOOD.index("source")], 'text = "  "\n'),
        2,
        "'text' is missing or empty",
    ),
    ("blank title", GOOD.replace('"A lesson"', '"  "'), 1, "'title' is missing or empty"),
    ("a title of a number", GOOD.replace('"A lesson"', "5"), 1, "wrong kind of value"),
    ("a plan field unread", GOOD.replace("dose = 1.0", 'dose = "lots"'), 9, "[plan] dose"),
    ("no such plan field", GOOD.replace("dose = 1.0", "dosage = 1.0"), 9, "[plan] dosage"),
    ("a bad unit", GOOD.replace('"ug/h"', '"ug/week"'), 10, "[plan] dose_unit"),
    ("unknown answer", GOOD.replace('"concentration_mg_per_ml"', '"conc"'), 14, "answer 'conc'"),
    ("no ask", GOOD.replace('ask = "The concentration?"\n', ""), 12, "no 'ask'"),
    ("empty question", GOOD + "\n[[question]]\n", 16, "no 'ask'"),
    ("tolerance 0", GOOD + "tolerance_percent = 0\n", 15, "tolerance_percent is 0"),
    ("tolerance 80", GOOD + "tolerance_percent = 80\n", 15, "at most 50"),
    ("tolerance text", GOOD + "tolerance_percent = '2'\n", 15, "wrong kind of value"),
    ("a day not asked for", GOOD + "day = 3\n", 15, "takes no 'day'"),
    ("a question key unknown", GOOD + "hint = 'x'\n", 15, "unknown key 'hint'"),
]


@pytest.mark.parametrize(("text", "line", "reason"), [case[1:] for case in BAD_FILES],
                         ids=[case[0] for case in BAD_FILES])  # fmt: skip
def test_a_bad_lesson_file_is_refused_with_its_line_and_reason(tmp_path, text, line, reason):
    error = refusal(tmp_path, text)
    assert error.line == line, str(error)
    assert reason in error.reason, str(error)
    assert str(error).startswith("9-bad.toml" + (f" line {line}" if line else ""))


def test_a_file_with_a_byte_order_mark_is_read(tmp_path):
    assert load_lesson(write(tmp_path, "\ufeff" + GOOD)).title == "A lesson"


def test_a_file_that_is_not_utf8_is_refused_at_the_line_of_the_bad_byte(tmp_path):
    path = tmp_path / "9-bad.toml"
    path.write_bytes(GOOD.encode() + "ask = 'Très'\n".encode("latin-1"))
    with pytest.raises(LessonError) as raised:
        load_lesson(path)
    assert (raised.value.line, raised.value.reason) == (
        15,
        "not UTF-8 text: save the file as UTF-8",
    )


def test_a_file_too_large_for_a_lesson_is_refused_before_it_is_read(tmp_path):
    error = refusal(tmp_path, GOOD + "# padding\n" * 20_000)
    assert error.line is None and "a lesson has at most 100,000" in error.reason


def test_a_plan_written_inline_is_refused_at_its_line(tmp_path):
    text = GOOD.replace('[plan]\ndose = 1.0\ndose_unit = "ug/h"\n', "").replace(
        'source = "the brief"', 'source = "x"\nplan = {dose = "x"}'
    )
    error = refusal(tmp_path, text)
    assert error.line == 7 and error.reason.startswith("[plan] dose")


def question(ask: str, answer: str, extra: str = "") -> str:
    """One more ``[[question]]`` table, after a blank line: its header is the second line."""
    return f'\n[[question]]\nask = "{ask}"\nanswer = "{answer}"\n{extra}'


DOSE_ON_DAY = question("The dose on day 3?", "dose_on_day_mg_per_kg_per_day")


def test_a_dose_on_a_day_without_its_day_is_refused_at_its_answer(tmp_path):
    error = refusal(tmp_path, GOOD + DOSE_ON_DAY)
    assert (error.line, "needs a 'day'" in error.reason) == (18, True)


def test_a_day_outside_the_study_is_refused_at_the_day(tmp_path):
    error = refusal(tmp_path, GOOD + DOSE_ON_DAY + "day = 8\n")  # the default plan: 7 days
    assert error.line == 19 and "outside the study (0 to 7)" in error.reason


def test_the_second_question_is_refused_at_its_own_lines(tmp_path):
    error = refusal(tmp_path, GOOD + question("Again?", "pump_count", "tolerance_percent = 99\n"))
    assert error.line == 19 and error.reason.startswith("question 2:")


def test_a_repeated_question_is_refused_at_its_header(tmp_path):
    error = refusal(tmp_path, GOOD + question("Once more?", "concentration_mg_per_ml"))
    assert error.line == 16 and "repeats question 1" in error.reason


def test_a_question_the_plan_cannot_answer_is_refused(tmp_path):
    error = refusal(tmp_path, GOOD + question("How late?", "catheter_lag_h"))  # no catheter
    assert error.line == 18 and "gives no hours before the drug" in error.reason


def test_a_pump_count_the_plan_sets_itself_is_refused(tmp_path):
    text = GOOD.replace("[plan]", "[plan]\npumps_in_series = 1").replace(
        '"concentration_mg_per_ml"', '"pump_count"'
    )
    assert "leave it out" in refusal(tmp_path, text).reason


def test_an_unknown_regimen_is_refused_at_its_line(tmp_path):
    error = refusal(tmp_path, GOOD.replace('source = "the brief"', 'regimen = "nobody-1999"'))
    assert (error.line, "regimen 'nobody-1999'" in error.reason) == (6, True)


EXPLANT_QUESTION = question("The mean rate?", "mean_rate_ul_per_hr")


def test_an_explant_question_needs_the_explant_table(tmp_path):
    error = refusal(tmp_path, GOOD + EXPLANT_QUESTION)
    assert error.line == 18 and "needs the lesson's [explant] table" in error.reason


@pytest.mark.parametrize(
    ("table", "line", "reason"),
    [
        ("[explant]\nelapsed_days = 7\n", 16, "no 'residual_volume_ul'"),
        ("[explant]\nresidual_volume_ul = -1\nelapsed_days = 7\n", 17, "residual volume"),
        ("[explant]\nresidual_volume_ul = 5\nelapsed_days = 7\nspare = 1\n", 19, "unknown key"),
        (
            "[explant]\nresidual_volume_ul = 300\nelapsed_days = 7\nloaded_volume_ul = 200\n",
            17,
            "more than was loaded",
        ),
    ],
)
def test_a_bad_explant_table_is_refused_at_its_line(tmp_path, table, line, reason):
    error = refusal(tmp_path, GOOD + "\n" + table)
    assert error.line == line and reason in error.reason, str(error)


def test_finding_codes_must_be_codes(tmp_path):
    error = refusal(tmp_path, GOOD + "\n[expect]\nfinding_codes = ['Solubility exceeded']\n")
    assert error.line == 17 and "finding codes" in error.reason


def test_the_shipped_lessons_are_all_in_the_lesson_folder():
    assert sorted(path.stem for path in LESSON_FOLDER.glob("*.toml")) == list(HAND_WORKED)
