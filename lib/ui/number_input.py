"""A typed number with a slider beside it: an entry (``lib/ui/entry.py``) with a slider shown.

What was typed reaches the kernel as text, and ``lib.numbers`` reads it (a decimal comma or
point), so the browser never drops a comma or refuses a letter unseen. A slider's drag sends its
steps, rounded here as the slider shows them.
"""

import math

import traitlets

from lib.numbers import NumberTextError, parse_number
from lib.ui.entry import Entry
from lib.ui.shared import exact, read_as


class NumberInput(Entry):
    """One number field: ``value`` is what the scientist gave last (a number, or the text typed,
    unread); ``observe_value(callback)`` calls back after each change."""

    position = traitlets.Float(1.0).tag(sync=True)  # the slider's value, in the field's units
    low = traitlets.Float(1.0).tag(sync=True)
    high = traitlets.Float(10.0).tag(sync=True)
    step = traitlets.Float(1.0).tag(sync=True)  # a log slider's step is in powers of ten
    log = traitlets.Bool(False).tag(sync=True)

    def __init__(self, name, label, value, low, high, step, unit="", log=False):
        super().__init__(name, label, unit, log=log, slider=True)
        self.set_range(low, high, step)
        self._entry = value
        self.value = value

    @property
    def value(self):
        return self._entry

    @value.setter
    def value(self, value) -> None:
        """Set the value from the kernel (a plan shown): the browser shows it and sends nothing
        back for it; the callbacks hear of it as of any change."""
        self._entry = value
        self.note = ""
        self.text = exact(value) if isinstance(value, int | float) else str(value)
        self._follow(value)
        self._changed()

    def set_range(self, low: float, high: float, step: float) -> None:
        """New slider bounds (a species' weights); the value stays as it is."""
        self.low, self.high, self.step = low, high, step
        self._follow(self._entry if hasattr(self, "_entry") else low)

    def _follow(self, value) -> None:
        """The slider shows a number within its range; text that is no number leaves it."""
        try:
            number = parse_number(value)
        except NumberTextError:
            return
        self.position = min(max(number, self.low), self.high)
        if self.log:  # the range cannot reach zero or below
            self.position = max(self.position, self.low)

    def _on_message(self, widget, content, buffers) -> None:
        super()._on_message(widget, content, buffers)
        if isinstance(content.get("slid"), int | float) and math.isfinite(content["slid"]):
            self._slid(float(content["slid"]))

    def _typed(self, text: str) -> None:
        text = text[:1000]
        self._entry, self.text = text, text
        self._follow(text)
        self.note = read_as(text, self.unit)
        self._changed()

    def _slid(self, number: float) -> None:
        """A slider step, rounded as the slider shows it: 3 significant figures on a log
        slider, the step on a straight one."""
        if self.log:
            number = float(f"{number:.3g}")
        else:
            number = round(round(number / self.step) * self.step, 6)
        self._entry, self.note = number, ""
        self.text = exact(number)
        self.position = number
        self._changed()
