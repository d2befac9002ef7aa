"""The README's two commands, and nothing else, serve the app (issue 28, "Served anywhere").

A fresh virtualenv gets `pip install -r requirements.txt` (run from the repository's root, pip's
cache reused), then its `voila dashboard.ipynb` serves the page, with Jupyter's folders in a
temporary home and no JUPYTER_PATH: the app's Voila template (voila.json's "pd") must come from
the install itself, as on a JupyterHub or a lab's own server where nobody copies it anywhere.
Before, the page stayed empty (TemplateNotFound: index.html.j2). About a minute, most of it pip.
"""

from pathlib import Path
from urllib.parse import urlparse

import pytest

from bench.common import free_port
from tests.conftest import installed_venv, serving, venv_environment
from tests.test_browser import open_app, wait_for_concentration

pytestmark = [pytest.mark.install, pytest.mark.browser]


def _plain_environment(home: Path, venv: Path) -> dict[str, str]:
    """A shell with the new virtualenv first on PATH and no hint of the tests' own environment."""
    dropped = ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "VIRTUAL_ENV", "PYTHONPATH")
    return venv_environment(home, venv, dropped)


@pytest.fixture(scope="module")
def plain_venv(tmp_path_factory) -> Path:
    return installed_venv(tmp_path_factory.mktemp("plain") / "venv", Path("requirements.txt"))


@pytest.fixture(scope="module")
def plain_voila(tmp_path_factory, plain_venv):
    """`voila dashboard.ipynb` from the repository's root, as the README says (on loopback)."""
    home = tmp_path_factory.mktemp("plain-home")
    port = free_port()
    log = home / "voila.log"
    command = [plain_venv / "bin/voila", "dashboard.ipynb", "--no-browser", f"--port={port}"]
    command.append("--Voila.ip=127.0.0.1")
    with serving(command, port, log, _plain_environment(home, plain_venv)):
        yield f"http://127.0.0.1:{port}/", log


def test_a_plain_install_serves_the_app_with_its_own_template(page, plain_voila):
    url, log = plain_voila
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    open_app(page, url)
    # The brief's example, the default plan: 1.0 ug/h at 0.5 uL/h = 2.0 mg/mL.
    wait_for_concentration(page, 2.0)
    assert page.inner_text(".pd-concentration-value").startswith("2.0")
    # The app's template, not Voila's lab page: its Font Awesome links would ask a CDN.
    assert hosts - {""} == {urlparse(url).netloc}
    assert "TemplateNotFound" not in log.read_text()
