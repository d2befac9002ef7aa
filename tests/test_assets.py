"""The browser's code and styles (lib/ui/*.js and *.css, read by lib/ui/assets.py) parse, both as
written and as the page receives them (compacted): a typo fails here, not only in a browser.

The JavaScript is parsed by Node as an ES module (``node --check``, which runs nothing): Node is
needed by `make site` and by tests/test_site.py already, so it is on every machine that runs the
suite. The CSS is parsed by tinycss2, which reports what a browser would drop.
"""

import shutil
import subprocess

import anywidget
import pytest
import tinycss2

import lib.ui.app  # noqa: F401  (imports every widget module: their classes are listed below)
from lib.ui.app import STYLE
from lib.ui.assets import FOLDER

SCRIPTS = sorted(FOLDER.glob("*.js"))
STYLES = sorted(FOLDER.glob("*.css"))


def _widget_classes() -> list[type]:
    """Every anywidget class of lib.ui, whose code and style the page is sent."""
    found, waiting = [], [anywidget.AnyWidget]
    while waiting:
        for subclass in waiting.pop().__subclasses__():
            waiting.append(subclass)
            if subclass.__module__.startswith("lib.ui."):
                found.append(subclass)
    return sorted(found, key=lambda widget: widget.__name__)


WIDGETS = _widget_classes()


def _javascript_error(source: str) -> str:
    """Node's complaint about ``source`` read as an ES module; '' when it parses."""
    node = shutil.which("node")
    assert node, "Node.js is needed (make site and tests/test_site.py use it too)"
    command = [node, "--input-type=module", "--check"]
    result = subprocess.run(command, input=source, capture_output=True, text=True, timeout=60)
    return "" if result.returncode == 0 else result.stderr


def _css_errors(text: str) -> list[str]:
    """What tinycss2 could not parse in ``text``: rules, and declarations inside each rule."""
    rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    errors = [rule.message for rule in rules if rule.type == "error"]
    for rule in rules:
        if rule.type == "qualified-rule":
            declarations = tinycss2.parse_declaration_list(
                rule.content, skip_comments=True, skip_whitespace=True
            )
            errors += [item.message for item in declarations if item.type == "error"]
    # tinycss2 closes a block left open at the end, as a browser does: the braces are counted.
    if text.count("{") != text.count("}"):
        errors.append("unbalanced braces")
    return errors


def test_the_checks_catch_a_broken_script_and_a_broken_style():
    assert (
        _javascript_error("export default { render };\nfunction render({ model, el }) {}\n") == ""
    )
    assert "SyntaxError" in _javascript_error("function render({ model, el } {\n")
    assert _css_errors(".pd-a { color: red; }") == []
    assert _css_errors(".pd-a { color red; }")
    assert _css_errors(".pd-a { color: red; ")


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda path: path.name)
def test_each_script_file_parses_as_an_es_module(path):
    assert _javascript_error(path.read_text(encoding="utf-8")) == ""


@pytest.mark.parametrize("widget", WIDGETS, ids=lambda widget: widget.__name__)
def test_each_widgets_code_parses_as_the_page_receives_it(widget):
    assert _javascript_error(widget._esm) == ""


@pytest.mark.parametrize("path", STYLES, ids=lambda path: path.name)
def test_each_style_file_parses(path):
    assert _css_errors(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("widget", WIDGETS, ids=lambda widget: widget.__name__)
def test_each_widgets_style_parses_as_the_page_receives_it(widget):
    assert _css_errors(getattr(widget, "_css", "")) == []


def test_the_pages_own_style_parses_as_the_page_receives_it():
    assert _css_errors(STYLE) == []


@pytest.mark.parametrize("path", SCRIPTS + STYLES, ids=lambda path: path.name)
def test_each_file_is_read_by_a_module(path):
    # A file nobody reads is a leftover; the modules name theirs with asset("name").
    modules = "".join(module.read_text(encoding="utf-8") for module in FOLDER.glob("*.py"))
    assert f'asset("{path.name}")' in modules
