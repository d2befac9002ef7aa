"""Reliability and security in a real browser: no leaked kernels, only the app served,
nothing a user types or a link carries is run."""

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPOSITORY_ROOT, running_voila
from tests.test_browser import open_app, type_number, wait_for_concentration

pytestmark = pytest.mark.browser

# Shortened for the test (voila.json says 600 s), yet longer than a slow browser takes to
# connect to its kernel after the page arrives: an unconnected kernel counts as idle.
CULL_SECONDS = 10
CULL_WAIT_SECONDS = 60
# Three tabs closed one after another show that each kernel outlives its tab and each is culled;
# ten took 35 s more of CI to show the same.
CLOSED_PAGES = 3
# Preheated kernels (voila.json asks for a pool of one) wait busy for the next visitor and are
# not culled: they stay.
VOILA_CONFIGURATION = json.loads((REPOSITORY_ROOT / "voila.json").read_text())["VoilaConfiguration"]
POOL_SIZE = (
    VOILA_CONFIGURATION.get("default_pool_size", 1)
    if VOILA_CONFIGURATION.get("preheat_kernel")
    else 0
)


def kernel_count(server_pid: int) -> int:
    """Kernels the server started: its child processes running ipykernel (Linux /proc)."""
    count = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            parent = next(
                line for line in status.read_text().splitlines() if line.startswith("PPid")
            )
            command = (status.parent / "cmdline").read_bytes()
        except (OSError, StopIteration):
            continue  # the process ended while being read
        if int(parent.split()[1]) == server_pid and b"ipykernel" in command:
            count += 1
    return count


def test_closed_pages_leave_no_kernel_once_the_cull_window_passes(browser, tmp_path):
    culling = (
        f"--MappingKernelManager.cull_idle_timeout={CULL_SECONDS}",
        "--MappingKernelManager.cull_interval=1",
    )
    with running_voila(tmp_path, culling) as server:
        baseline = POOL_SIZE
        for _ in range(CLOSED_PAGES):
            context = browser.new_context()
            open_app(context.new_page(), server.url)
            context.close()  # a closed tab: Voila's shutdown beacon is refused (voila 1458)
        assert kernel_count(server.process.pid) > baseline  # the kernels outlive their tabs...
        deadline = time.monotonic() + CULL_WAIT_SECONDS
        while kernel_count(server.process.pid) > baseline and time.monotonic() < deadline:
            time.sleep(0.5)
        assert kernel_count(server.process.pid) == baseline  # ...until culling removes them


def test_the_apps_own_start_command_turns_culling_on(page, voila_server):
    open_app(page, voila_server.url)  # the first kernel starts the culler
    deadline = time.monotonic() + 10
    expected = "Culling kernels with idle durations > 600 seconds at 60 second intervals"
    while expected not in voila_server.log.read_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert expected in voila_server.log.read_text()


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


# Only the app and the plotly.js it needs are served, never the file tree or the REST API.
REFUSED_PATHS = [
    "voila/files/pump_specs.csv",
    "voila/files/voila.json",
    "voila/files/lib/plan.py",
    "voila/files/static/README.md",
    "voila/files/dashboard.ipynb",
    "tree",
    "api/contents",
]


@pytest.mark.parametrize("path", REFUSED_PATHS)
def test_only_the_dashboard_is_served(voila_url, path):
    assert status_of(voila_url + path) in (403, 404)


def test_the_app_and_its_plotly_file_are_served(voila_url):
    from lib.ui.plot import PLOTLY_JS_PATH

    assert status_of(voila_url) == 200
    assert status_of(f"{voila_url}voila/files/{PLOTLY_JS_PATH}") == 200


def test_a_typed_compound_name_with_script_shows_as_text_and_runs_nothing(page, voila_url):
    open_app(page, voila_url)
    page.select_option(".pd-compound select", label="(other)")
    name = '<img src=x onerror="window.pwned=1">'
    box = page.locator(".pd-custom-compound input")
    box.fill(name)
    box.press("Enter")
    page.wait_for_function("document.querySelector('.pd-concentration').innerText.includes('<img')")
    assert page.evaluate("window.pwned === undefined")
    assert name in page.inner_text(".pd-concentration")
    type_number(page, "dose", "2")
    wait_for_concentration(page, 4.0)
    assert page.evaluate("window.pwned === undefined")
