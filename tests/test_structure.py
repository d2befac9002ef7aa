"""The house rules of ../shared/DESIGN.md that a test can hold: the domain never imports the view,
builds no HTML by string formatting, stays in short modules, and defines each rule once."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
DOMAIN_MODULES = sorted(
    path for path in (REPOSITORY_ROOT / "lib").rglob("*.py") if "ui" not in path.parts
)
# A tag inside a Python string: what the before-stop hook looks for too.
HTML_IN_A_STRING = re.compile(r"[\"'][^\"']*<(td|tr|th|table|section|li|ul|h[1-6]|div|span)[ >]")


def test_importing_lib_loads_no_widget_plot_or_ipython_code():
    code = (
        "import sys, lib; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('ipywidgets', 'anywidget', 'IPython', 'plotly', 'traitlets')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPOSITORY_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "path", DOMAIN_MODULES, ids=lambda path: str(path.relative_to(REPOSITORY_ROOT))
)
def test_a_domain_module_builds_no_html_in_python_and_is_at_most_300_lines(path):
    text = path.read_text(encoding="utf-8")
    assert not HTML_IN_A_STRING.search(text), "render HTML from a template in lib/documents/"
    assert len(text.splitlines()) <= 300


@pytest.mark.parametrize(
    "definition",
    [r"EXPLANT_BY_FACTOR\s*=", r"DRIFT_TOLERANCE_PERCENT\s*=", r"DESIGN_WEIGHT_LABELS\s*="],
)
def test_a_rule_is_defined_once_in_the_whole_tree(definition):
    sources = (REPOSITORY_ROOT / "lib").rglob("*.py")
    places = [path for path in sources if re.search(definition, path.read_text(encoding="utf-8"))]
    assert len(places) == 1, places
