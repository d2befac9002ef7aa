"""Issue 29: a lesson link opens the lesson on top, checks the student's answers, and its share link
reopens it (Voila; the static site's are in tests/test_site_browser.py)."""

import pytest

from lib import load_lessons
from tests.test_browser import READY_SECONDS, wait_for_concentration

pytestmark = pytest.mark.browser
LESSON = "1-brief-baclofen"  # 1.0 ug/h at 0.5 uL/h = 2.0 mg/mL (the brief)


def open_lesson(page, url: str, query: str) -> None:
    """A lesson's page: its box on top; the results are there, hidden until it is answered."""
    page.goto(f"{url}?{query}", timeout=READY_SECONDS)
    page.locator(".pd-lesson .pd-lesson-answer").first.wait_for(timeout=READY_SECONDS)
    page.wait_for_selector(".pd-concentration-value", state="attached", timeout=READY_SECONDS)


def answer(page, text: str, number: int = 0) -> str:
    """Type an answer to question ``number``, press Check, and read what the app says of it."""
    question = page.locator(".pd-lesson-question").nth(number)
    feedback = question.locator(".pd-lesson-feedback")
    before = feedback.inner_text()
    question.locator(".pd-lesson-answer").fill(text)
    question.locator(".pd-lesson-check").click()
    page.wait_for_function(
        "([element, before]) => element.textContent && element.textContent !== before",
        arg=[feedback.element_handle(), before],
    )
    return feedback.inner_text()


def test_a_lesson_link_opens_the_lesson_above_the_app_with_its_answers_hidden(page, voila_url):
    open_lesson(page, voila_url, f"lesson={LESSON}")
    lesson_box, columns = page.locator(".pd-lesson"), page.locator(".pd-columns")
    assert "intrathecal baclofen" in lesson_box.inner_text()
    assert lesson_box.bounding_box()["y"] < columns.bounding_box()["y"]
    assert page.input_value(".pd-dose-value input") == "1"  # the lesson's plan in the inputs
    # Each answer box is named by its own question alone: what a screen reader reads.
    lesson = next(lesson for lesson in load_lessons() if lesson.name == LESSON)
    for question in lesson.questions:
        assert page.get_by_role("textbox", name=question.ask, exact=True).count() == 1
    # The answer is not on the screen: the results column and the result bar are hidden.
    assert not page.is_visible(".pd-concentration-value")
    assert not page.is_visible(".pd-result-bar")
    wait_for_concentration(page, 2.0)  # computed all the same, for when it is answered


def test_a_wrong_answer_is_told_its_step_and_a_right_one_shows_the_results(page, voila_url):
    open_lesson(page, voila_url, f"lesson={LESSON}")
    # 0.024 mg/day / 0.5 (the rate in uL/h taken for mL/day) = 0.048 mg/mL
    told = answer(page, "0.048")
    assert "Not yet" in told and "Pumping rate in mL per day" in told
    assert not page.is_visible(".pd-concentration-value")  # still hidden
    told = answer(page, "2,0")  # 2.0 mg/mL, with a decimal comma
    assert told.startswith("Right: 2.00 mg/mL")
    assert "Fill concentration" in page.locator(".pd-lesson-working").first.inner_text()
    assert not page.is_visible(".pd-concentration-value")  # one question still to answer
    # 2.0 mg/mL x 200 uL / 1000 uL/mL = 0.4 mg; 400 is the slip of leaving out the / 1000
    assert "Not yet" in answer(page, "400", number=1)
    assert answer(page, "0.4", number=1).startswith("Right")
    page.wait_for_selector(".pd-concentration-value", state="visible")


def test_the_share_link_of_a_lesson_reopens_it_with_the_students_plan(page, voila_url, browser):
    open_lesson(page, voila_url, f"lesson={LESSON}")
    link = page.locator(".pd-share-link-value")
    page.wait_for_function("() => document.querySelector('.pd-share-link-value').value")
    assert link.input_value().endswith(f"?lesson={LESSON}")
    box = page.locator(".pd-dose-value input")
    box.fill("1.5")
    box.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('.pd-share-link-value').value.includes('dose=1.5')"
    )
    shared = link.input_value()
    assert f"lesson={LESSON}&" in shared
    other = browser.new_page()
    try:
        other.goto(shared, timeout=READY_SECONDS)
        other.wait_for_selector(".pd-lesson .pd-lesson-edited-note", timeout=READY_SECONDS)
        assert "intrathecal baclofen" in other.inner_text(".pd-lesson")
        assert other.input_value(".pd-dose-value input") == "1.5"
    finally:
        other.close()


def test_the_menu_opens_a_lesson_and_leaving_it_shows_the_app(page, voila_url):
    page.goto(voila_url, timeout=READY_SECONDS)
    page.wait_for_selector(".pd-concentration-value", timeout=READY_SECONDS)
    title = next(lesson.title for lesson in load_lessons() if lesson.name == LESSON)
    page.select_option(".pd-lesson-menu select", label=title)
    page.locator(".pd-lesson .pd-lesson-answer").first.wait_for()
    page.wait_for_selector(".pd-concentration-value", state="hidden")
    page.click(".pd-lesson-close")
    page.wait_for_selector(".pd-lesson", state="detached")
    page.wait_for_selector(".pd-concentration-value", state="visible")
