"""A lost kernel said in words (issue 28, item 6), in a real browser: the page's kernel is ended
as a hub's culler ends it (Jupyter's REST API, DELETE api/kernels/<id>); the result bar says the
results no longer follow the inputs, its link reopens the plan, and the pasted animals come back
from the browser's storage."""

import json
import urllib.request

import pytest

from tests.test_browser import open_app, type_number, wait_for_concentration

pytestmark = pytest.mark.browser

THREE_RATS = "animal_id\tgroup\tbody_weight_g\nR1\tlow\t240\nR2\tlow\t260\nR3\thigh\t300"


def end_kernel(page, voila_url: str) -> None:
    """Shut the page's kernel down through the server's REST API, as a culler does. The server
    checks a token against the _xsrf cookie; any token sent in both is taken."""
    config = json.loads(page.text_content("#jupyter-config-data"))
    request = urllib.request.Request(
        f"{voila_url}api/kernels/{config['kernelId']}",
        method="DELETE",
        headers={"Cookie": "_xsrf=00ff00ff", "X-XSRFToken": "00ff00ff"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 204


def paste_animals(page, text: str) -> None:
    box = page.locator(".pd-cohort-animals textarea")
    box.click()
    page.keyboard.insert_text(text)
    box.blur()
    page.locator(".pd-cohort-table-rows tbody tr").nth(text.count("\n") - 1).wait_for()


def test_an_ended_kernel_is_said_in_the_bar_and_the_plan_and_animals_come_back(page, voila_url):
    open_app(page, voila_url, "dose=1.5")
    wait_for_concentration(page, 3.0)  # 1.5 ug/h / 0.5 uL/h
    paste_animals(page, THREE_RATS)
    assert page.get_attribute(".pd-app", "data-connection") == "connected"
    assert page.locator(".pd-connection").count() == 0
    # Kept in this browser's storage, under the app's own key.
    kept = page.evaluate("localStorage.getItem('pump-dashboard:cohort-animals')")
    assert kept == THREE_RATS

    end_kernel(page, voila_url)
    type_number(page, "dose", "2")  # nothing answers: the bar must not pass 3.00 for 2's
    notice = page.locator(".pd-result-bar .pd-connection")
    notice.wait_for(timeout=10_000)
    assert "Not connected: these results do not follow your inputs" in notice.inner_text()
    assert page.get_attribute(".pd-app", "data-connection") == "lost"
    assert "Not connected" in page.inner_text(".pd-results-column .pd-connection-label")
    # The results are greyed, the words are not.
    greyed = "getComputedStyle(document.querySelector('{}')).opacity"
    assert page.evaluate(greyed.format(".pd-result-bar > .widget-html-content")) == "0.4"
    assert page.evaluate(greyed.format(".pd-results-column > .pd-results")) == "0.4"
    assert page.evaluate(greyed.format(".pd-result-bar .pd-connection")) == "1"

    # The link reopens the plan shown (the address follows the plan), in a new kernel.
    reopen = page.locator(".pd-reopen")
    assert "dose=1.5" in reopen.get_attribute("href")
    with page.expect_navigation():
        reopen.click()
    page.wait_for_selector(".pd-concentration-value", timeout=60_000)
    wait_for_concentration(page, 3.0)
    assert page.locator(".pd-connection").count() == 0
    # The animals come back from the browser's storage, and reach the new kernel.
    page.locator(".pd-cohort-table-rows tbody tr").nth(2).wait_for()
    assert page.input_value(".pd-cohort-animals textarea") == THREE_RATS
    assert "Restored from this browser" in page.inner_text(".pd-cohort-animals")
    # Clearing the box forgets it.
    page.fill(".pd-cohort-animals textarea", "")
    page.locator(".pd-cohort-animals textarea").blur()
    page.wait_for_function("localStorage.getItem('pump-dashboard:cohort-animals') === null")
