"""WCAG 2.1 A and AA on every page a student or a scientist meets, checked by axe-core.

axe-core comes from npm, pinned in tests/axe/package-lock.json and installed by `make axe` (which
`make test` runs); its rules tagged wcag2a, wcag2aa, wcag21a and wcag21aa run in Chromium on the
page as shown, after every fold is opened and every input a plan can hide is shown, so that no
control escapes the check. A page to check is one line of ``VOILA_PAGES``. The static site is
checked on tests/test_site_browser.py's page (one start of its browser kernel, not two).
"""

from pathlib import Path

import pytest

from lib import Cohort, Plan, parse_animals, preparation_sheet_html, protocol_html
from tests.test_browser import open_app
from tests.test_browser_lessons import answer, open_lesson

pytestmark = pytest.mark.browser

AXE_SCRIPT = Path(__file__).resolve().parent / "axe/node_modules/axe-core/axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# The Voila pages to check, by what they show: a name, then the link's query string.
VOILA_PAGES = {
    "the brief's example": "",
    # A 19 g mouse on a 2001 for 10 days with one pump: two conflicts (the animal too small, a
    # gap in delivery) and a caution (the study longer than the pump), on a box and on a menu.
    "conflicts and cautions": (
        "species=mouse&route=sc&body_weight_g=19&pump_model=2001&study_days=10&pumps_in_series=1"
    ),
}
# Every part that folds away: its toggle, and what it shows once open.
FOLDS = {
    ".pd-cohort-toggle": ".pd-cohort-body",
    ".pd-calendar-toggle": ".pd-calendar-body",
    ".pd-teaching": ".pd-working li",
}
# The inputs a plan hides (a stock's concentration, another growth model's, a catheter's...).
SHOW_HIDDEN_INPUTS = """() => {
    for (const element of document.querySelectorAll('.pd-inputs [style*="display: none"]')) {
        element.style.display = '';
    }
}"""


def axe_violations(page) -> list[str]:
    """What axe-core's WCAG 2.1 A/AA rules find on the page, one line per rule broken: its id,
    impact and help, and the elements that break it."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `make axe` (npm ci in tests/axe)")
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    return [
        f"{rule['id']} ({rule['impact']}): {rule['help']}: "
        + ", ".join(str(node["target"]) for node in rule["nodes"])
        for rule in result["violations"]
    ]


def open_everything(page) -> None:
    """Each fold opened (those a test left open stay so) and each hidden input shown, so axe
    sees every control."""
    for toggle, shown in FOLDS.items():
        if not page.is_visible(shown):
            page.click(toggle)
        page.locator(shown).first.wait_for(state="visible")
    page.evaluate(SHOW_HIDDEN_INPUTS)


@pytest.mark.parametrize("query", VOILA_PAGES.values(), ids=VOILA_PAGES.keys())
def test_the_voila_page_meets_wcag_21_aa(page, voila_url, query):
    open_app(page, voila_url, query)
    open_everything(page)
    assert axe_violations(page) == []


def test_a_lesson_meets_wcag_21_aa_before_and_after_an_answer(page, voila_url):
    # Lesson 1, its answers hidden; a wrong answer (its step told, the working offered), then a
    # right one, the working shown and the results back: each state checked.
    open_lesson(page, voila_url, "lesson=1-brief-baclofen")
    assert axe_violations(page) == []
    assert "Not yet" in answer(page, "0.048")  # 0.024 mg/day / 0.5: uL/h taken for mL/day
    assert axe_violations(page) == []
    assert answer(page, "2").startswith("Right")  # 1.0 ug/h / 0.5 uL/h = 2.0 mg/mL
    # 400 mg: the / 1000 uL/mL left out of 2.0 mg/mL x 200 uL; then the working asked for
    assert "Not yet" in answer(page, "400", number=1)
    page.locator(".pd-lesson-reveal").nth(1).click()
    page.locator(".pd-concentration-value").wait_for(state="visible")
    assert axe_violations(page) == []


def test_the_phone_page_meets_wcag_21_aa(page, voila_url):
    # At 390 px the cohort's tables are wider than the screen and scroll: the keyboard reaches them.
    page.set_viewport_size({"width": 390, "height": 844})
    open_app(page, voila_url, "implant_date=2027-03-01")
    animals = page.locator(".pd-cohort-animals textarea")
    animals.click()
    page.keyboard.insert_text(THREE_RATS)
    animals.blur()
    page.locator(".pd-cohort-table-rows tbody tr").nth(2).wait_for()
    page.locator(".pd-calendar-rows tbody tr").nth(3).wait_for()
    assert axe_violations(page) == []


def test_every_control_on_the_page_has_a_name(page, voila_url):
    # What a screen reader says for each visible control: never nothing (axe's own reckoning).
    open_app(page, voila_url)
    open_everything(page)
    page.add_script_tag(path=str(AXE_SCRIPT))
    controls = page.evaluate(
        """() => {
            axe.setup(document);  // the tree axe's name reckoning reads
            const named = Array.from(document.querySelectorAll('input, select, textarea, button'))
                .filter(element => element.offsetParent !== null)
                .map(element => [element.outerHTML.slice(0, 120),
                                 axe.commons.text.accessibleText(element).trim()]);
            axe.teardown();
            return named;
        }"""
    )
    assert len(controls) > 80  # the page's controls, folds opened
    assert [control for control, name in controls if not name] == []


def test_the_result_bar_announces_its_findings(page, voila_url):
    open_app(page, voila_url)
    bar = page.locator(".pd-result-bar")
    assert bar.get_attribute("role") == "status"
    assert bar.get_attribute("aria-live") == "polite"


def test_a_flagged_field_says_conflict_in_words(page, voila_url):
    open_app(page, voila_url, VOILA_PAGES["conflicts and cautions"])
    field = page.locator(".pd-body-weight.pd-flagged-conflict")
    mark = field.evaluate("element => getComputedStyle(element, '::after').content")
    assert "conflict" in mark
    assert page.get_attribute(".pd-body-weight-value input", "aria-invalid") == "true"


def test_the_keyboard_focus_is_outlined(page, voila_url):
    open_app(page, voila_url)
    page.focus(".pd-dose-value input")
    outline = page.evaluate(
        "getComputedStyle(document.activeElement).outlineStyle"
        " + ' ' + getComputedStyle(document.activeElement).outlineWidth"
    )
    assert outline == "solid 3px"


THREE_RATS = "ID\tGroup\tWeight (g)\nR1\tlow\t240\nR2\tlow\t260\nR3\thigh\t300"
DOCUMENTS = {
    "protocol": lambda: protocol_html(Plan()),
    "protocol with a cohort": lambda: protocol_html(Plan(), cohort=three_rats()),
    "preparation sheet": lambda: preparation_sheet_html(Plan(), three_rats()),
}


def three_rats() -> Cohort:
    animals, _ = parse_animals(THREE_RATS)
    return Cohort(animals=animals)


@pytest.mark.parametrize("make", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_each_document_meets_wcag_21_aa(page, make):
    page.set_content(make())
    assert axe_violations(page) == []
