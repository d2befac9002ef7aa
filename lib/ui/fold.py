"""A part of the page that can be folded away: a toggle button and the widgets it shows.

Folded, its widgets stay in the page (no model is created or removed) but are not shown, and
the panel that fills them need not compute them until the part is opened (``on_toggle``).
"""

import ipywidgets as widgets

from lib.ui.shared import HIDDEN, SHOWN

# The toggles' layout, shared: as wide as their label (a button is 148 px by default).
TOGGLE_LAYOUT = widgets.Layout(width="auto", align_self="flex-start")


class Fold:
    """``toggle`` (class ``pd-<name>-toggle``) shows or hides ``body`` (``pd-<name>-body``)."""

    def __init__(self, name: str, children, what: str, opened: bool = False):
        self.what = what
        self.toggle = widgets.ToggleButton(
            opened, description=self._label(opened), layout=TOGGLE_LAYOUT
        )
        self.toggle.add_class(f"pd-{name}-toggle")
        # Its own layout: it alone is shown and hidden.
        layout = widgets.Layout(display=SHOWN if opened else HIDDEN)
        self.body = widgets.VBox(children, layout=layout)
        self.body.add_class(f"pd-{name}-body")
        self._callbacks = []
        self.toggle.observe(self._toggled, "value")

    @property
    def opened(self) -> bool:
        return self.toggle.value

    def open(self) -> None:
        self.toggle.value = True

    def on_toggle(self, callback) -> None:
        """Call ``callback()`` after the part is opened or folded."""
        self._callbacks.append(callback)

    def _label(self, opened: bool) -> str:
        return f"{'Hide' if opened else 'Show'} {self.what}"

    def _toggled(self, change) -> None:
        opened = change["new"]
        self.toggle.description = self._label(opened)
        self.body.layout.display = SHOWN if opened else HIDDEN
        for callback in self._callbacks:
            callback()
