"""Issue 19 in the browser: files over their limit are refused before anything is sent, the
largest file the app saves opens again, and a download that cannot be made says why."""

import pytest

from bench.memory import largest_study_file
from tests.test_browser import open_app, type_number, wait_for_concentration

pytestmark = pytest.mark.browser


def choose_file(page, css_class: str, path) -> None:
    with page.expect_file_chooser() as chooser:
        page.click(css_class)
    chooser.value.set_files(str(path))


def test_a_file_over_the_limit_is_refused_in_the_browser_unsent(page, voila_url, tmp_path):
    # Before: an upload over about 10 MB dropped the websocket, without a word.
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 17_000_000)
    open_app(page, voila_url)
    sent = []
    page.on("websocket", lambda socket: socket.on("framesent", sent.append))
    choose_file(page, ".pd-import", big)
    message = page.locator(".pd-import-message")
    message.filter(has_text="big.json is 17.0 MB").wait_for()
    assert "nothing was sent" in message.inner_text()
    assert max(map(len, sent), default=0) < 10_000  # the refusal, not the file


def test_the_largest_study_file_the_app_saves_opens_again(page, voila_url, tmp_path):
    # 5,000 animals, one solution each, 4 pumps: 11 MB (the old limit was 1 MB, and 18 MB for
    # such a study).
    path = largest_study_file(tmp_path)
    open_app(page, voila_url)
    choose_file(page, ".pd-import", path)
    page.locator(".pd-import-message").filter(has_text="Opened largest-study.json").wait_for()
    page.locator(".pd-cohort-table").filter(has_text="more rows").wait_for()
    # 0.5 mg/kg/day x 0.2 kg / 0.012 mL/day = 8.33 mg/mL for the first rat (200 g) on a 2002
    wait_for_concentration(page, 0.5 * 0.25 / 0.012)


def test_a_download_refused_while_an_entry_is_invalid_says_why_beside_its_button(page, voila_url):
    open_app(page, voila_url)
    type_number(page, "body-weight", "abc")
    page.click(".pd-export-json button")
    note = page.locator(".pd-export-json .pd-download-note")
    note.filter(has_text="Fix the entries").wait_for()
