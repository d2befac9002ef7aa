"""The browser's side of the widgets: JavaScript and CSS in files beside their modules.

Each anywidget's code (``advisor.js``) and style (``advisor.css``), and the page's own style
(``app.css``), live beside the module that uses them, where an editor and a linter see them as
JavaScript and CSS (tests/test_assets.py checks their syntax). They are read as text, here, and
not handed to anywidget as a ``pathlib.Path``, because the page receives an anywidget's code with
each of its widgets: the text goes through ``compact`` first, without the comments. (A Path would
be sent as written, and is for development: with ANYWIDGET_HMR=1 anywidget watches the file in a
thread and reloads the page's widgets when it changes.) The static site's wheel carries every
file git tracks in lib/ (site/wheels.py), so a file beside its module is found there too.
"""

from pathlib import Path

from lib.ui.shared import compact

FOLDER = Path(__file__).resolve().parent


def asset(name: str) -> str:
    """The text of the file ``name`` in lib/ui, without its comments and indentation."""
    return compact((FOLDER / name).read_text(encoding="utf-8"))
