"""Issue 29: a lesson on the page, built in-process: opened by its link, answers checked, results
hidden until then, and the share link carrying it (the browser's tests: test_browser_lessons.py)."""

from lib import Plan, load_pump_catalog
from lib.documents.links import lesson_query, plan_from_query, plan_to_query, split_lesson
from lib.ui.app import read_link
from lib.ui.lesson import HIDING_CLASS

LESSON = "1-brief-baclofen"  # 1.0 ug/h at 0.5 uL/h = 2.0 mg/mL


def test_a_lesson_link_names_the_lesson_and_only_a_changed_plan():
    assert lesson_query(LESSON, None) == f"lesson={LESSON}"
    changed = plan_to_query(Plan(dose=1.5))
    query = lesson_query(LESSON, changed)
    assert split_lesson(query) == (LESSON, changed)
    assert plan_from_query(split_lesson(query)[1]) == (Plan(dose=1.5), [])
    assert split_lesson("dose=1.5") == (None, "dose=1.5")  # no lesson: the query as it was


def test_a_link_with_only_a_lesson_opens_the_lessons_own_plan():
    link = read_link(f"?lesson={LESSON}", load_pump_catalog())
    assert (link.plan, link.problems, link.lesson) == (None, [], LESSON)


def opened(app, name=LESSON):
    app.lesson.menu.value = name
    return app.lesson.questions[0]


def test_the_results_are_hidden_until_the_question_is_answered_right(app):
    question = opened(app)
    assert HIDING_CLASS in app._dom_classes
    question.check("0.048")  # 0.024 mg/day / 0.5: the rate in uL/h taken for mL/day
    assert question.verdict == "wrong" and "Pumping rate in mL per day" in question.feedback
    assert HIDING_CLASS in app._dom_classes and not question.working
    question.check("2")
    assert question.verdict == "right" and question.feedback.startswith("Right: 2.00 mg/mL")
    assert "Fill concentration" in question.working
    assert HIDING_CLASS in app._dom_classes  # the second question is still to answer
    app.lesson.questions[1].check("0.4")  # 2.0 mg/mL x 200 uL / 1000 uL/mL = 0.4 mg
    assert HIDING_CLASS not in app._dom_classes


def test_asking_for_the_working_or_the_results_shows_them(app):
    opened(app)
    for question in app.lesson.questions:
        question._on_message(question, {"reveal": True}, [])
        assert "Fill concentration" in question.working
    assert HIDING_CLASS not in app._dom_classes
    app.lesson.menu.value = ""
    question = opened(app)  # opened again: hidden again
    assert HIDING_CLASS in app._dom_classes
    app.lesson.box.show_results.click()
    assert HIDING_CLASS not in app._dom_classes


def test_a_text_that_is_no_number_is_said_and_kept(app):
    question = opened(app)
    question.check("two")
    assert question.verdict == "unread" and "'two', is not a number" in question.feedback
    assert question.answer == "two" and HIDING_CLASS in app._dom_classes


def test_an_edited_plan_is_said_and_the_share_link_carries_it_with_the_lesson(app):
    opened(app)
    assert app.exports.share.query == f"lesson={LESSON}"
    app.inputs.body_weight.value = 300.0
    assert "You changed the plan" in app.lesson.box.notes.value
    assert app.exports.share.query == f"lesson={LESSON}&body_weight_g=300.0"
    app.lesson.box.restore.click()
    assert app.inputs.value == app.lesson.lesson.plan
    assert "You changed the plan" not in app.lesson.box.notes.value
    app.lesson.box.leave.click()  # the lesson closed: the page and its link are the app's own
    assert app.lesson.lesson is None and HIDING_CLASS not in app._dom_classes
    assert "lesson=" not in app.exports.share.query


def test_a_link_to_a_lesson_the_app_does_not_have_says_so(app):
    app._open_link("lesson=no-such-lesson")
    assert "no-such-lesson" in app.lesson.box.children[0].value
    assert app.inputs.value == Plan() and HIDING_CLASS not in app._dom_classes


def test_a_lesson_file_the_reader_refuses_is_listed_and_said_when_opened(tmp_path):
    from lib import lesson_titles, load_compound_table
    from lib.ui import LessonPanel

    (tmp_path / "1-good.toml").write_text('title = "A"\ntext = "B"\n', encoding="utf-8")
    (tmp_path / "2-bad.toml").write_text('title = "C"\ntext = "D"\ncolour = 1\n', encoding="utf-8")
    (tmp_path / "3-no-toml.toml").write_text('title = "E\n', encoding="utf-8")
    titles = lesson_titles(tmp_path)
    assert titles == {"1-good": "A", "2-bad": "C", "3-no-toml": "3-no-toml"}
    panel = LessonPanel(titles, load_pump_catalog(), load_compound_table(), tmp_path)
    assert panel.open_lesson("2-bad") is None
    assert "2-bad.toml line 3: unknown key" in panel.box.children[0].value
    assert panel.open_lesson("3-no-toml") is None
    assert "3-no-toml.toml line 1: not TOML" in panel.box.children[0].value
    assert panel.open_lesson("1-good").title == "A"


def test_the_menus_titles_are_the_lessons_own():
    from lib import lesson_titles, load_lessons

    assert lesson_titles() == {lesson.name: lesson.title for lesson in load_lessons()}
