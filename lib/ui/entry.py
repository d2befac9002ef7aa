"""A labelled entry as one widget: label, box, unit and a note on how a typed text was read.

The kernel holds the value and the browser shows it. The browser sends a message only when the
scientist types (on Enter or on leaving the box), never when the kernel changed what it shows: so
no late echo of an old value can overwrite a plan that was just loaded (the race of issue 19).
One widget model where ipywidgets needed five (a row, its layout, a label, a box, a unit): the
page's widget manager boots in time that grows with the models it fetches (bench/README.md).
A number with a slider is the same widget with a slider shown (``lib/ui/number_input.py``).
"""

import anywidget
import traitlets

from lib.ui.assets import asset
from lib.ui.shared import PLAIN_LAYOUT


class Entry(anywidget.AnyWidget):
    """``text`` is what the box shows; ``observe_value(callback)`` calls back after each change.

    Its layout is shared until it is shown or hidden on its own (``lib.ui.shared.show``)."""

    _esm = asset("entry.js")  # sent with each entry of the page: the ESM is kept short
    _css = asset("entry.css")
    name = traitlets.Unicode().tag(sync=True)
    label = traitlets.Unicode().tag(sync=True)
    unit = traitlets.Unicode().tag(sync=True)
    text = traitlets.Unicode().tag(sync=True)  # what the box shows
    note = traitlets.Unicode().tag(sync=True)  # how a typed text was read: "read as 2.5 g"
    placeholder = traitlets.Unicode().tag(sync=True)  # what an empty box stands for
    slider = traitlets.Bool(False).tag(sync=True)

    def __init__(self, name: str, label: str, unit: str = "", **traits):
        super().__init__(name=f"pd-{name}", label=label, unit=unit, layout=PLAIN_LAYOUT, **traits)
        self._callbacks = []
        self.on_msg(self._on_message)
        self.add_class(f"pd-{name}")
        self.add_class("pd-field")

    def observe_value(self, callback) -> None:
        """Call ``callback(change)`` after the scientist, or the kernel, changes the value."""
        self._callbacks.append(callback)

    def _on_message(self, widget, content, buffers) -> None:
        if "typed" in content:
            self._typed(str(content["typed"]))

    def _typed(self, text: str) -> None:
        """What was typed, kept as typed: the plan's reader reads it and names any problem."""
        raise NotImplementedError

    def _changed(self) -> None:
        for callback in self._callbacks:
            callback({"new": self.value})
