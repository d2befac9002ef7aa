"""Layout and style models that many widgets share.

Every widget comes with a Layout model and most with a Style model, each created in the browser
and sent there with its full state: a Layout is about 1 KB of empty CSS properties. Before
sharing, 153 layouts and 140 styles were most of the page's 478 models (bench/README.md).
Widgets that are never restyled one by one use these instances; a widget that is sized on its own
keeps a layout of its own, and one that is shown or hidden on its own gets one (``show``).
"""

import asyncio
import contextlib
import ctypes
import gc
import re

import ipywidgets as widgets

# The style classes are not exported at the package's top level.
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle

from lib.numbers import NumberTextError, parse_number

# A widget shown: its display property removed. Not None: a browser kernel (Pyodide) sends None
# as undefined, which the page ignores, so a widget once hidden would never show again there.
SHOWN, HIDDEN = "", "none"

PLAIN_LAYOUT = widgets.Layout()
ROW_WRAP_LAYOUT = widgets.Layout(flex_flow="row wrap")
SECTION_LAYOUT = widgets.Layout(margin="0 0 10px 0")
CHOICE_LAYOUT = widgets.Layout(width="32em")  # 11em of label, then the menu
SETTING_LAYOUT = widgets.Layout(width="19em")

SHARED_LAYOUTS = (PLAIN_LAYOUT, ROW_WRAP_LAYOUT, SECTION_LAYOUT, CHOICE_LAYOUT)
SHARED_LAYOUTS += (SETTING_LAYOUT,)

HTML_STYLE = HTMLStyle()
WIDE_LABEL_STYLE = TextStyle(description_width="initial")
# A menu labelled by its own description: 11em of label, as an entry's (entry.css), then the menu.
LABELLED_STYLE = DescriptionStyle(description_width="11em")
LABELLED_TEXT_STYLE = TextStyle(description_width="11em")  # the same, for a box of text


def show(widget, visible: bool) -> None:
    """Show or hide a widget alone: one that shares its layout gets its own first (a model more,
    only for the widgets that are ever shown or hidden)."""
    if widget.layout in SHARED_LAYOUTS:
        widget.layout = widgets.Layout()
    widget.layout.display = SHOWN if visible else HIDDEN


def html(value: str = "", css_class: str | None = None, layout=PLAIN_LAYOUT) -> widgets.HTML:
    """An HTML output with the shared style (and layout, unless it needs its own)."""
    widget = widgets.HTML(value, layout=layout, style=HTML_STYLE)
    if css_class:
        widget.add_class(css_class)
    return widget


def row(children, layout=ROW_WRAP_LAYOUT) -> widgets.HBox:
    """A row that wraps on a narrow screen."""
    return widgets.HBox(children, layout=layout)


def compact(source: str) -> str:
    """CSS or JavaScript without its comment lines and indentation: the page sends it on every
    view (the CSS in an HTML widget, an anywidget's code with each of its widgets), and the
    comments are for the reader of this repository."""
    source = re.sub(r"/\*.*?\*/", "", source, flags=re.DOTALL)  # CSS comments
    lines = (line.strip() for line in source.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


def exact(number: float) -> str:
    """Every digit of a number, without a trailing '.0' (250.0 -> '250'): a box shows what the
    plan holds, never a rounding of it."""
    text = repr(float(number))
    return text[:-2] if text.endswith(".0") else text


def read_as(text: str, unit: str) -> str:
    """'read as 2.5 g' when a typed number is written otherwise (2,5 or +2.50); else ''."""
    try:
        number = parse_number(text)
    except NumberTextError:
        return ""
    shown = exact(number)
    return "" if shown == text.strip() else f"read as {shown} {unit}".rstrip()


def release_memory() -> None:
    """Give the memory of a large input back to the system once it is gone, a second after the
    message that brought it is handled (the message holds it until then): a collection, then
    glibc's ``malloc_trim`` (CPython frees to glibc, which keeps freed pages for later)."""
    try:
        asyncio.get_running_loop().call_later(1.0, _collect)
    except RuntimeError:  # no event loop (a script, a test): now
        _collect()


def _collect() -> None:
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # a browser kernel has no glibc
        ctypes.CDLL("libc.so.6").malloc_trim(0)
