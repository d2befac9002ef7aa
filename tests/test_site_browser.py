"""The static site in Chromium, served from _site/ on 127.0.0.1 with nothing else reachable: the
same checks a visitor would make, in one page (Pyodide starts in 15-20 s, once), then a share link
in a fresh browser profile. Every request the pages make is recorded: none may leave the site.

Expected concentrations as in tests/test_browser.py: C [mg/mL] = dose [ug/h] / rate [uL/h].
"""

import csv
import io
import json

import pytest

from bench.static_site import serving_site
from lib.teaching.lessons import read_lessons
from tests.test_browser import (
    concentration_mg_per_ml,
    download,
    type_number,
    wait_for_concentration,
)

pytestmark = pytest.mark.browser

READY_MS = 180_000
THREE_RATS = "ID\tGroup\tWeight (g)\nR1\tlow\t240\nR2\tlow\t260\nR3\thigh\t300"


@pytest.fixture(scope="module")
def site():
    with serving_site() as server:
        yield server


@pytest.fixture(scope="module")
def requests_made():
    return []


def open_site(browser, site, requests_made, query: str = "", ready=".pd-concentration-value"):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    # Every address the page gives the address bar, to see that a link is never lost on the way.
    context.add_init_script(
        """window.pdAddresses = [];
        const replace = history.replaceState.bind(history);
        history.replaceState = (state, title, url) => {
          window.pdAddresses.push(String(url));
          return replace(state, title, url);
        };"""
    )
    # The context sees the service worker's requests too, not only the page's.
    context.on("request", lambda request: requests_made.append(request.url))
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site.url + (f"?{query}" if query else ""), timeout=READY_MS)
    page.wait_for_selector(ready, timeout=READY_MS)
    page.wait_for_selector(".pd-timecourse-plot .js-plotly-plot", state="attached")
    return page, errors


@pytest.fixture(scope="module")
def page(browser, site, requests_made):
    page, errors = open_site(browser, site, requests_made)
    yield page
    page.context.close()
    assert not errors, f"the page raised: {errors}"


def test_the_site_opens_on_the_briefs_example_at_2_mg_per_ml(page):
    # 1.0 ug/h / 0.5 uL/h (a 2002) = 2.0 mg/mL, and the plot is drawn by the site's own plotly.js.
    assert concentration_mg_per_ml(page) == pytest.approx(2.0)
    assert page.inner_text(".pd-concentration-value") == "2.00"
    trace = page.evaluate(
        "document.querySelector('.pd-timecourse-plot .js-plotly-plot')._fullData[0].y.length"
    )
    assert trace > 10


def test_a_typed_dose_changes_the_number_and_the_address(page):
    # 1.5 ug/h / 0.5 uL/h = 3.0 mg/mL; the address bar follows the inputs, as on the server.
    type_number(page, "dose", "1.5")
    wait_for_concentration(page, 3.0)
    page.wait_for_function("location.search.includes('dose=1.5')")
    assert page.input_value(".pd-share-link-value") == page.url
    type_number(page, "dose", "1")
    wait_for_concentration(page, 2.0)


def test_every_download_saves_its_file(page):
    box = page.locator(".pd-cohort-animals textarea")
    box.click()
    page.keyboard.insert_text(THREE_RATS)
    box.blur()
    page.locator(".pd-cohort-table-rows tbody tr").nth(2).wait_for()
    saved = json.loads(download(page, "pd-export-json"))
    assert saved["plan"]["dose"] == 1.0 and len(saved["cohort"]["animals"]["rows"]) == 3
    rows = {
        (row[0], row[1], row[3]): row[2]
        for row in csv.reader(io.StringIO(download(page, "pd-export-csv")))
    }
    assert float(rows[("Result", "Fill concentration", "mg/mL")]) == pytest.approx(2.0)
    assert download(page, "pd-export-timecourse").startswith("Day,Pump,Body weight (g)")
    assert "2.00 mg/mL" in download(page, "pd-export-protocol")
    cohort = list(csv.reader(io.StringIO(download(page, "pd-export-cohort-csv"))))
    assert [row[0] for row in cohort[1:4]] == ["R1", "R2", "R3"]
    # 1.0 ug/h per animal is 2.00 mg/mL for every weight: both groups' solutions, on both sheets.
    assert "2.00 mg/mL" in download(page, "pd-export-preparation")
    page.fill(".pd-implant-date input[type=date]", "2027-03-01")  # the calendar needs a date
    page.locator(".pd-calendar tbody tr").nth(3).wait_for()
    assert "2027-03-01" in download(page, "pd-export-calendar-csv")
    calendar = download(page, "pd-export-ics")  # icalendar is loaded with the app
    assert calendar.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in calendar


def test_a_share_link_opens_its_plan_in_a_fresh_profile(browser, site, requests_made):
    # 1.5 ug/h / 0.5 uL/h = 3.0 mg/mL, whatever the weight; 237.5 g kept as typed.
    page, errors = open_site(browser, site, requests_made, "dose=1.5&body_weight_g=237.5")
    try:
        wait_for_concentration(page, 3.0)
        assert page.input_value(".pd-body-weight-value input") == "237.5"
        page.wait_for_function("document.querySelector('.pd-share-link-value').value !== ''")
        assert "body_weight_g=237.5" in page.url
        assert page.input_value(".pd-share-link-value") == page.url
        addresses = page.evaluate("window.pdAddresses")
        assert addresses and all("dose=1.5" in address for address in addresses), addresses
    finally:
        page.context.close()
    assert not errors, f"the page raised: {errors}"


def test_a_hidden_box_shows_again_in_the_browser_kernel(page):
    # Pyodide sends None as undefined, which the page ignores: a box shown by None would stay
    # hidden. '(other)' shows the name box; the dose and bench cards fold and unfold.
    page.select_option(".pd-compound select", label="(other)")
    page.locator(".pd-custom-compound input").wait_for(state="visible")
    toggle, body = page.locator(".pd-cohort-toggle"), page.locator(".pd-cohort-body")
    opened = "Hide" in toggle.inner_text()
    toggle.click()
    body.wait_for(state="hidden" if opened else "visible")
    toggle.click()
    body.wait_for(state="visible" if opened else "hidden")


def test_no_request_left_the_site(page, site, requests_made):
    assert len(requests_made) > 50  # the pages' own files were all seen
    outside = [url for url in requests_made if not url.startswith((site.root, "data:", "blob:"))]
    assert outside == []
    assert len(site.requests) > 50  # and the server answered them


# Every text the wait's live region says, in order (the pd template's wait.macro.html.j2).
WAIT_STATUSES_JS = """window.pdWaitSaid = [];
new MutationObserver(() => {
  const text = document.querySelector(".pd-wait-status")?.textContent;
  if (text && window.pdWaitSaid.at(-1) !== text) window.pdWaitSaid.push(text);
}).observe(document, { subtree: true, childList: true, characterData: true });"""


def check_the_lesson_of_a_share_link(page) -> None:
    """Lesson 1 opened with the student's 1.5 ug/h: answers hidden, checked against the lesson."""
    page.locator(".pd-lesson-answer").first.wait_for()
    assert "intrathecal baclofen" in page.inner_text(".pd-lesson")
    page.wait_for_function("() => document.querySelector('.pd-dose-value input').value")
    assert page.input_value(".pd-dose-value input") == "1.5"
    assert not page.is_visible(".pd-concentration-value")  # hidden until answered
    # 1.0 ug/h / 0.5 uL/h = 2.0 mg/mL: the lesson's own plan, not the student's 1.5
    first = page.locator(".pd-lesson-question").first
    first.locator(".pd-lesson-answer").fill("2")
    first.locator(".pd-lesson-check").click()
    first.locator(".pd-lesson-feedback[data-verdict='right']").wait_for()
    assert first.locator(".pd-lesson-feedback").inner_text().startswith("Right: 2.00 mg/mL")
    wait_for_concentration(page, 3.0)  # the page shows the student's plan: 1.5 / 0.5


def test_a_lessons_share_link_shows_the_wait_then_the_lesson_and_checks_answers(browser, site):
    # The share link of lesson 1 after the student typed 1.5 ug/h: while the kernel starts, the
    # title, the lesson and the steps; then the lesson on top, with the student's plan.
    lesson = read_lessons()[0][0]
    assert lesson.name == "1-brief-baclofen"
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.add_init_script(WAIT_STATUSES_JS)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{site.url}?lesson={lesson.name}&dose=1.5", wait_until="commit")
        # While the kernel starts: the title, the lesson, the steps (the current one said in words).
        page.wait_for_function(
            "document.querySelector('.pd-wait-status')?.textContent.startsWith('Step 2 of 4')",
            timeout=READY_MS,
        )
        waiting = page.inner_text(".pd-wait")
        assert page.locator(".pd-concentration-value").count() == 0
        assert "Osmotic pump dosing dashboard" in waiting
        assert lesson.title in waiting and lesson.text.split("\n")[0] in waiting
        assert "Loading the page (JupyterLite): done in" in waiting
        assert "Starting Python in this browser (Pyodide)" in waiting and "(now)" in waiting
        status = page.locator(".pd-wait-status")
        assert status.get_attribute("role") == "status"
        assert status.get_attribute("aria-live") == "polite"
        # Once the app is shown (the lesson on top), the wait is gone, having said every step.
        page.wait_for_selector(".pd-wait", state="detached", timeout=READY_MS)
        page.wait_for_selector(".pd-lesson", timeout=READY_MS)
        said = page.evaluate("window.pdWaitSaid")
        assert [text[:11] for text in said] == [f"Step {n} of 4" for n in range(1, 5)], said
        check_the_lesson_of_a_share_link(page)
    finally:
        context.close()
    assert not errors, f"the page raised: {errors}"


def test_the_site_meets_wcag_21_aa(page):
    # Last in this file: every fold opened on the module's page (tests/test_accessibility.py).
    from tests.test_accessibility import axe_violations, open_everything

    open_everything(page)
    assert axe_violations(page) == []
