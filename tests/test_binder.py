"""The Binder path: binder/ alone builds an environment that serves the app.

A fresh virtualenv is installed from binder/requirements.txt only (not the dev requirements), so
a package missing from binder/ fails here before it fails on mybinder.org. binder/postBuild runs
with HOME in a temporary folder, then that venv's `jupyter server` serves the app through Voila's
server extension under a Binder-like base URL, with Jupyter reading its user config from
$HOME/.jupyter as it does on Binder. Takes about a minute, most of it pip.
"""

import json
import os
import re
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from bench.common import free_port
from tests.conftest import REPOSITORY_ROOT, installed_venv, serving, venv_environment
from tests.test_browser import open_app, type_number, wait_for_concentration

pytestmark = pytest.mark.binder

BINDER = REPOSITORY_ROOT / "binder"
BASE_URL = "/user/test/"
CULLING = {"cull_idle_timeout": 600, "cull_interval": 60, "cull_connected": False}
# jupyter_server logs this when the first kernel starts (MappingKernelManager.initialize_culler),
# with the values the running server actually holds.
CULLER_STARTED = "Culling kernels with idle durations > 600 seconds at 60 second intervals"


# The app's Voila template, a local package both requirement files install (share/pyproject.toml).
TEMPLATE_REQUIREMENT = "./share"


def _pins(path: Path) -> dict[str, str]:
    """`name==version` lines of a requirements file, by normalised name (the template's local path
    line aside)."""
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line == TEMPLATE_REQUIREMENT:
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", line)
        assert match, f"{path.name}: not pinned with ==: {line!r}"
        pins[re.sub(r"[-_.]+", "-", match[1]).lower()] = match[2]
    return pins


def _run(command: list, **options) -> str:
    result = subprocess.run(command, capture_output=True, text=True, **options)
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(map(str, command))} exited {result.returncode}:\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return result.stdout


def _binder_environment(home: Path, venv: Path) -> dict[str, str]:
    """The tests' isolated Jupyter folders, but config from $HOME/.jupyter as on Binder."""
    dropped = ("JUPYTER_CONFIG_DIR", "JUPYTER_CONFIG_PATH", "JUPYTER_PATH", "VIRTUAL_ENV")
    return venv_environment(home, venv, dropped)


@pytest.fixture(scope="session")
def binder_venv(tmp_path_factory) -> Path:
    """A new virtualenv with binder/requirements.txt and nothing else (pip may use its cache)."""
    # From the repository's root, as repo2docker runs it: the template's line is a relative path.
    return installed_venv(tmp_path_factory.mktemp("binder") / "venv", BINDER / "requirements.txt")


@pytest.fixture(scope="session")
def binder_home(tmp_path_factory, binder_venv) -> Path:
    """A home folder that binder/postBuild has run in, with the venv's python3 first on PATH."""
    home = tmp_path_factory.mktemp("binder-home")
    _run([BINDER / "postBuild"], env=_binder_environment(home, binder_venv), cwd=REPOSITORY_ROOT)
    return home


@pytest.fixture(scope="session")
def binder_server(binder_venv, binder_home):
    """The venv's `jupyter server` from the repository root; yields (url, log file)."""
    port = free_port()
    log = binder_home / "jupyter-server.log"
    command = [
        binder_venv / "bin/jupyter",
        "server",
        f"--ServerApp.base_url={BASE_URL}",
        "--ServerApp.token=",
        "--ServerApp.password=",
        "--ServerApp.ip=127.0.0.1",
        f"--port={port}",
        "--allow-root",
        "--no-browser",
    ]
    with serving(command, port, log, _binder_environment(binder_home, binder_venv)):
        yield f"http://127.0.0.1:{port}{BASE_URL}", log


def test_binder_requirements_pin_the_whole_environment(binder_venv):
    pinned = _pins(BINDER / "requirements.txt")
    # The app's direct requirements at the same versions, and JupyterLab for the teacher.
    app = _pins(REPOSITORY_ROOT / "requirements.txt")
    assert {name: pinned.get(name) for name in app} == app
    assert pinned.get("jupyterlab") == "4.6.6"
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"
    # Installing the pins pulled in nothing unpinned, and they agree with each other.
    python = binder_venv / "bin/python"
    installed = _pins_from_text(_run([python, "-m", "pip", "freeze", "--exclude-editable"]))
    assert installed == pinned
    # Both install the app's Voila template from the repository: no step copies it.
    for requirements in (REPOSITORY_ROOT / "requirements.txt", BINDER / "requirements.txt"):
        assert TEMPLATE_REQUIREMENT in requirements.read_text().splitlines()
    assert (binder_venv / "share/jupyter/voila/templates/pd/index.html.j2").is_file()
    _run([python, "-m", "pip", "check"])


def _pins_from_text(text: str) -> dict[str, str]:
    return {
        re.sub(r"[-_.]+", "-", name).lower(): version
        for name, version in (line.split("==", 1) for line in text.splitlines() if "==" in line)
    }


def test_postbuild_merges_culling_into_an_existing_config(tmp_path, binder_venv):
    config = tmp_path / ".jupyter" / "jupyter_server_config.json"
    config.parent.mkdir()
    config.write_text(
        json.dumps(
            {
                "ServerApp": {"quit_button": False},
                "MappingKernelManager": {"cull_idle_timeout": 5, "cull_busy": False},
            }
        )
    )
    _run([BINDER / "postBuild"], env=_binder_environment(tmp_path, binder_venv))
    assert json.loads(config.read_text()) == {
        "ServerApp": {"quit_button": False},
        "MappingKernelManager": {**CULLING, "cull_busy": False},
    }
    assert os.access(BINDER / "postBuild", os.X_OK)


@pytest.mark.browser
def test_the_app_on_the_binder_path_computes_updates_and_plots(page, binder_server):
    url, _ = binder_server
    responses = []
    page.on("response", lambda response: responses.append((response.url, response.status)))
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    # 2 ug/h at the default model 2002's 0.5 uL/h: 4.0 ug/uL = 4.0 mg/mL.
    open_app(page, f"{url}voila/render/dashboard.ipynb", "dose=2")
    wait_for_concentration(page, 4.0)
    type_number(page, "dose", "3")
    wait_for_concentration(page, 6.0)
    assert page.locator(".pd-timecourse-plot .js-plotly-plot").count() == 1
    plotly = [(address, status) for address, status in responses if "plotly-" in address]
    assert plotly, "plotly.js was never requested"
    assert all(
        address.startswith(f"{url}voila/files/static/plotly-") and status in (200, 304)
        for address, status in plotly
    ), plotly
    # Nothing leaves the server: no MathJax from cdnjs, no fonts (the pd template).
    assert hosts - {""} == {urlparse(url).netloc}, hosts


@pytest.mark.browser
def test_the_running_server_culls_idle_kernels(page, binder_server, binder_home):
    url, log = binder_server
    # postBuild wrote the settings where Binder's server reads them ...
    written = json.loads((binder_home / ".jupyter" / "jupyter_server_config.json").read_text())
    assert written["MappingKernelManager"] == CULLING
    # ... and the server took them: its kernel manager starts the culler with 600 s / 60 s when
    # the first kernel starts, here the kernel Voila starts for the page, which it then lists.
    open_app(page, f"{url}voila/render/dashboard.ipynb")
    with urllib.request.urlopen(f"{url}api/kernels", timeout=10) as response:
        assert json.load(response), "Voila's kernel is not in the server's kernel manager"
    deadline = time.monotonic() + 10
    while CULLER_STARTED not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    text = log.read_text()
    assert CULLER_STARTED in text, text
    # cull_connected=False: a tab still open keeps its kernel (True would log this line).
    assert "Culling kernels even with connected clients" not in text
    assert "voila.server_extension | extension was successfully loaded" in text, text
