"""Fixtures for the browser tests: a Voila server of the app and headless Debian Chromium.

Chromium is the Debian package, driven by PyPI playwright (`playwright install` cannot work
here); outside hosts are blocked at the resolver so no test waits on DNS (shared TECH_NOTES.md).
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
]
SERVER_START_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"voila exited with {process.returncode}:\n{log.read_text()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"voila did not listen on port {port}:\n{log.read_text()}")


def isolated_jupyter_environment(home: Path) -> dict[str, str]:
    """Jupyter's folders in a temporary home, so tests never touch the user's."""
    environment = dict(os.environ, HOME=str(home))
    for variable, folder in (
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_CONFIG_DIR", "config"),
        ("IPYTHONDIR", "ipython"),
    ):
        environment[variable] = str(home / folder)
    environment.pop("QUERY_STRING", None)
    return environment


@dataclass
class VoilaServer:
    url: str
    process: subprocess.Popen
    log: Path


@contextlib.contextmanager
def running_voila(home: Path, extra_arguments: tuple[str, ...] = ()):
    """Standalone voila serving dashboard.ipynb the way the README's command does."""
    port = _free_port()
    log = home / "voila.log"
    command = [
        sys.executable,
        "-m",
        "voila",
        "dashboard.ipynb",
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        *extra_arguments,
    ]
    with log.open("w") as output:
        # Its own process group, so the teardown stops the kernels with it.
        process = subprocess.Popen(
            command,
            cwd=REPOSITORY_ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=isolated_jupyter_environment(home),
        )
    try:
        _wait_for_port(port, process, log)
        yield VoilaServer(f"http://127.0.0.1:{port}/", process, log)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


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
