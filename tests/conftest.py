"""Fixtures: the app built in-process, and for the browser tests a Voila server of the app and
headless Debian Chromium.

Chromium is the Debian package, driven by PyPI playwright (`playwright install` cannot work
here); outside hosts are blocked at the resolver so no test waits on DNS (shared TECH_NOTES.md).
"""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# The benchmarks start the app and the browser the same way: one definition for both.
from bench.common import (
    CHROMIUM_ARGS,
    free_port,
    isolated_jupyter_environment,
    voila_command,
    wait_for_port,
)

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
INSTALL_SECONDS = 900  # pip in a fresh virtualenv: about a minute with a warm cache


@dataclass
class VoilaServer:
    url: str
    process: subprocess.Popen
    log: Path


def venv_environment(home: Path, venv: Path, dropped: tuple[str, ...]) -> dict[str, str]:
    """The tests' isolated Jupyter folders with a new virtualenv first on PATH, less the
    variables ``dropped`` (what would point back at the tests' own environment)."""
    environment = isolated_jupyter_environment(home)
    for variable in dropped:
        environment.pop(variable, None)
    environment["PATH"] = f"{venv / 'bin'}{os.pathsep}{environment.get('PATH', '')}"
    return environment


def installed_venv(venv: Path, requirements: Path) -> Path:
    """A new virtualenv at ``venv`` with ``pip install -r requirements`` run from the repository's
    root (the requirements name the template package by a relative path, ``./share``).

    ``--no-compile`` only skips writing bytecode for every installed file at install time (a
    third of the install, most of it JupyterLab's); Python writes it on first import anyway.
    """
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    command = [venv / "bin/python", "-m", "pip", "install", "--quiet", "--no-compile"]
    result = subprocess.run(
        [*command, "-r", requirements],
        cwd=REPOSITORY_ROOT,
        capture_output=True,
        text=True,
        timeout=INSTALL_SECONDS,
    )
    if result.returncode != 0:
        pytest.fail(f"pip install -r {requirements}:\n{result.stdout}\n{result.stderr}")
    return venv


@contextlib.contextmanager
def serving(command: list, port: int, log: Path, environment: dict[str, str]):
    """A server started from the repository's root, ready on ``port``; its own process group,
    so the teardown stops its kernels with it."""
    with log.open("w") as output:
        process = subprocess.Popen(
            command,
            cwd=REPOSITORY_ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=environment,
        )
    try:
        wait_for_port(port, process, log)
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


@contextlib.contextmanager
def running_voila(home: Path, extra_arguments: tuple[str, ...] = ()):
    """Standalone voila serving dashboard.ipynb the way the README's command does."""
    port = free_port()
    log = home / "voila.log"
    command = voila_command(port, extra_arguments)
    with serving(command, port, log, isolated_jupyter_environment(home)) as process:
        yield VoilaServer(f"http://127.0.0.1:{port}/", process, log)


@pytest.fixture(scope="session")
def voila_server(tmp_path_factory):
    with running_voila(tmp_path_factory.mktemp("voila-home")) as server:
        yield server


@pytest.fixture(scope="session")
def voila_url(voila_server):
    return voila_server.url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed: run `apt-get install -y chromium`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser context; fails the test if the page raised an uncaught error."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"the page raised: {errors}"


@pytest.fixture
def app():
    """The dashboard built from code as the notebook builds it, without a browser."""
    from lib import Plan, lesson_titles, load_compound_table, load_pump_catalog, load_regimens
    from lib.ui import (
        CohortPanel,
        Dashboard,
        DosePlot,
        ExportPanel,
        FindingList,
        LessonPanel,
        PlanInputs,
        PumpAdvisor,
        RegimenPicker,
        ResultSummary,
        TeachingPanel,
    )

    catalog, compounds = load_pump_catalog(), load_compound_table()
    return Dashboard(
        inputs=PlanInputs(catalog, compounds, Plan()),
        summary=ResultSummary(),
        findings=FindingList(),
        advisor=PumpAdvisor(catalog.models),
        plot=DosePlot(),
        exports=ExportPanel(catalog),
        teaching=TeachingPanel(),
        lesson=LessonPanel(lesson_titles(), catalog, compounds),
        cohort=CohortPanel(catalog, compounds),
        regimens=RegimenPicker(load_regimens(), catalog, compounds),
        catalog=catalog,
        compounds=compounds,
    )
