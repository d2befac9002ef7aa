"""Input fields: a slider with a typed number beside it, and optional typed numbers.

The typed number is the source of truth and the slider only a view of it: a slider rounds to
its step (and in binary: 7.0 can come back as 7.000000000000001), and that echo must never
overwrite what the scientist typed (shared TECH_NOTES.md).
"""

import math
from datetime import date

import ipywidgets as widgets

from lib.ui.shared import (
    CHOICE_LAYOUT,
    DESCRIPTION_STYLE,
    LABEL_LAYOUT,
    SLIDER_LAYOUT,
    SLIDER_STYLE,
    TEXT_LAYOUT,
    TEXT_STYLE,
    html,
)


def _label(text: str) -> widgets.HTML:
    return html(f"<span class='pd-label'>{text}</span>", layout=LABEL_LAYOUT)


class NumberField(widgets.HBox):
    """A labelled slider and typed number for one plan field, with CSS class ``pd-<name>``."""

    def __init__(self, name, label, value, minimum, maximum, step, unit="", log=False):
        self.logarithmic = log
        if log:
            self.slider = widgets.FloatLogSlider(
                value=value,
                base=10,
                min=math.log10(minimum),
                max=math.log10(maximum),
                step=step,
                layout=SLIDER_LAYOUT,
                style=SLIDER_STYLE,
            )
        else:
            self.slider = widgets.FloatSlider(
                value=value,
                min=minimum,
                max=maximum,
                step=step,
                layout=SLIDER_LAYOUT,
                style=SLIDER_STYLE,
            )
        self.slider.readout = False
        self.slider.add_class(f"pd-{name}-slider")
        self.text = widgets.FloatText(value=value, layout=TEXT_LAYOUT, style=DESCRIPTION_STYLE)
        self.text.add_class(f"pd-{name}-value")
        self.step = step
        self._moving_slider = False
        self.slider.observe(self._on_slider, "value")
        self.text.observe(self._on_text, "value")
        self.label = label  # the field's declared label, as the page shows it
        super().__init__([_label(label), self.slider, self.text, html(unit)])
        self.add_class(f"pd-{name}")
        self.add_class("pd-field")

    @property
    def value(self) -> float:
        return self.text.value

    def observe_value(self, callback) -> None:
        """Call ``callback(change)`` when the typed value changes (the slider moves it)."""
        self.text.observe(callback, "value")

    @value.setter
    def value(self, number: float) -> None:
        self.text.value = number

    def set_range(self, minimum: float, maximum: float, step: float) -> None:
        """New slider bounds; the typed value is kept (the slider shows it clamped)."""
        self._moving_slider = True
        try:
            with self.slider.hold_trait_notifications():
                self.slider.min, self.slider.max, self.slider.step = minimum, maximum, step
            self.step = step
            self.slider.value = min(max(self.text.value, minimum), maximum)
        finally:
            self._moving_slider = False

    def _bounds(self) -> tuple[float, float]:
        """The slider's range in value units (a log slider keeps exponents)."""
        if self.logarithmic:
            return self.slider.base**self.slider.min, self.slider.base**self.slider.max
        return self.slider.min, self.slider.max

    def _distance_in_steps(self, slider_value: float, typed_value: float) -> float:
        if not self.logarithmic:
            return abs(slider_value - typed_value) / self.step
        if slider_value <= 0 or typed_value <= 0:
            return math.inf
        return abs(math.log10(slider_value) - math.log10(typed_value)) / self.step

    def _on_text(self, change) -> None:
        self._moving_slider = True
        try:
            # The slider clamps to its range; the typed value stays as typed.
            low, high = self._bounds()
            self.slider.value = min(max(change["new"], low), high)
        finally:
            self._moving_slider = False

    def _on_slider(self, change) -> None:
        if self._moving_slider:
            return
        # Less than one step away is the slider's rounding echo, not the scientist's move.
        if self._distance_in_steps(change["new"], self.text.value) < 0.999:
            return
        self.text.value = (
            float(f"{change['new']:.3g}") if self.logarithmic else round(change["new"], 6)
        )


class TextField(widgets.HBox):
    """Typed text, for names and for numbers that may stay empty (use the catalogue's value).

    It keeps the raw text, so the plan's validation names exactly what was typed.
    """

    def __init__(self, name: str, label: str, unit: str = "", placeholder: str = ""):
        # Typing sends on Enter or leaving the box, not on every key.
        self.text = widgets.Text(
            value="",
            placeholder=placeholder,
            layout=TEXT_LAYOUT,
            style=TEXT_STYLE,
            continuous_update=False,
        )
        self.text.add_class(f"pd-{name}-value")
        self.unit = html(unit)
        self.label = label  # the field's declared label, as the page shows it
        super().__init__([_label(label), self.text, self.unit])
        self.add_class(f"pd-{name}")
        self.add_class("pd-field")

    @property
    def value(self) -> str:
        return self.text.value

    def observe_value(self, callback) -> None:
        self.text.observe(callback, "value")

    @value.setter
    def value(self, value: float | str | tuple | None) -> None:
        if isinstance(value, tuple | list):  # days of a plan, shown as the user types them
            self.text.value = "; ".join(_exact(number) for number in value)
        else:
            self.text.value = (
                "" if value is None else value if isinstance(value, str) else _exact(value)
            )


class ChoiceField(widgets.HBox):
    """A labelled dropdown whose options are (label, value) pairs."""

    def __init__(self, name: str, label: str, options, value):
        self.dropdown = widgets.Dropdown(
            options=options, value=value, layout=CHOICE_LAYOUT, style=DESCRIPTION_STYLE
        )
        self.label = label  # the field's declared label, as the page shows it
        super().__init__([_label(label), self.dropdown])
        self.add_class(f"pd-{name}")
        self.add_class("pd-field")

    @property
    def value(self):
        return self.dropdown.value

    def observe_value(self, callback) -> None:
        self.dropdown.observe(callback, "value")

    @value.setter
    def value(self, value) -> None:
        self.dropdown.value = value


class WeightsField(widgets.HBox):
    """Measured weights typed one per line as ``day: grams`` (days after implant)."""

    def __init__(self, name: str, label: str):
        self.text = widgets.Textarea(
            placeholder="day: grams, one per line\n0: 250\n7: 262.5",
            continuous_update=False,
            layout=widgets.Layout(width="14em", height="6em"),
        )
        self.text.add_class(f"pd-{name}-value")
        self.label = label  # the field's declared label, as the page shows it
        super().__init__([_label(label), self.text])
        self.add_class(f"pd-{name}")
        self.add_class("pd-field")

    @property
    def value(self) -> str:
        return self.text.value

    @value.setter
    def value(self, points) -> None:
        if isinstance(points, str):
            self.text.value = points
        else:
            self.text.value = "\n".join(f"{_exact(day)}: {_exact(grams)}" for day, grams in points)

    def observe_value(self, callback) -> None:
        self.text.observe(callback, "value")


def _exact(number: float) -> str:
    """Every digit of a float, without a trailing '.0' (250.0 -> '250')."""
    text = repr(float(number))
    return text[:-2] if text.endswith(".0") else text


class DateField(widgets.HBox):
    """A date picker whose value is ISO text (``YYYY-MM-DD``) or None, as the plan keeps it."""

    def __init__(self, name: str, label: str):
        self.picker = widgets.DatePicker(layout=widgets.Layout(width="11em"))
        self.label = label  # the field's declared label, as the page shows it
        super().__init__([_label(label), self.picker])
        self.add_class(f"pd-{name}")
        self.add_class("pd-field")

    @property
    def value(self) -> str | None:
        return self.picker.value.isoformat() if self.picker.value else None

    @value.setter
    def value(self, text: str | None) -> None:
        self.picker.value = date.fromisoformat(text) if text else None

    def observe_value(self, callback) -> None:
        self.picker.observe(callback, "value")


class ManyChoiceField(widgets.HBox):
    """Several choices from a list (Ctrl or Shift to pick more); a plan's others are added."""

    def __init__(self, name: str, label: str, options: tuple[str, ...]):
        self.select = widgets.SelectMultiple(
            options=options, layout=widgets.Layout(width="22em", height="8.5em")
        )
        self.label = label  # the field's declared label, as the page shows it
        super().__init__([_label(label), self.select])
        self.add_class(f"pd-{name}")
        self.add_class("pd-field")

    @property
    def value(self) -> tuple[str, ...]:
        return tuple(self.select.value)

    @value.setter
    def value(self, names) -> None:
        missing = [name for name in names if name not in self.select.options]
        if missing:
            self.select.options = (*self.select.options, *missing)
        self.select.value = tuple(names)

    def observe_value(self, callback) -> None:
        self.select.observe(callback, "value")
