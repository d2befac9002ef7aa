"""Input fields: typed text, menus, dates and lists, each labelled by its field's declaration.

A typed entry is one widget (``lib/ui/entry.py``), a number with a slider too
(``lib/ui/number_input.py``), a menu is a dropdown labelled by its description: one widget model
each. ``field_input`` picks the widget a declaration asks for.
"""

from datetime import date

import ipywidgets as widgets

from lib.field_values import read_date, read_weights
from lib.fields import FieldSpec
from lib.ui.entry import Entry
from lib.ui.number_input import NumberInput
from lib.ui.shared import (
    CHOICE_LAYOUT,
    LABELLED_STYLE,
    LABELLED_TEXT_STYLE,
    SETTING_LAYOUT,
    WIDE_LABEL_STYLE,
    exact,
    read_as,
)


class TextField(Entry):
    """Typed text, for names and for numbers that may stay empty (use the catalogue's value).

    It keeps the raw text, so the plan's validation names exactly what was typed; a number
    written otherwise (2,5 or +2.50) is echoed as read, with its unit.
    """

    def __init__(self, name: str, label: str, unit: str = "", placeholder: str = "", numeric=False):
        super().__init__(name, label, unit, placeholder=placeholder)
        self._numeric = numeric

    @property
    def value(self) -> str:
        return self.text

    @value.setter
    def value(self, value: float | str | tuple | None) -> None:
        if isinstance(value, tuple | list):  # days or names of a plan, as the user types them
            text = "; ".join(item if isinstance(item, str) else exact(item) for item in value)
        else:
            text = "" if value is None else value if isinstance(value, str) else exact(value)
        self.note = ""
        if text != self.text:
            self.text = text
            self._changed()

    def _typed(self, text: str) -> None:
        self.note = read_as(text, self.unit) if self._numeric else ""
        if text != self.text:
            self.text = text
            self._changed()


class ChoiceField(widgets.Dropdown):
    """A labelled dropdown whose options are (label, value) pairs: one widget model, its label
    its description (a dropdown's ``label`` is the chosen option's)."""

    def __init__(self, name: str, label: str, options, value):
        super().__init__(
            options=options,
            value=value,
            description=label,
            layout=CHOICE_LAYOUT,
            style=LABELLED_STYLE,
        )
        self.add_class(f"pd-{name}")
        self.add_class("pd-field")
        self.add_class("pd-choice")

    def observe_value(self, callback) -> None:
        self.observe(callback, "value")


class WeightsField(widgets.HBox):
    """Measured weights typed one per line as ``day: grams`` (days after implant)."""

    def __init__(self, name: str, label: str):
        # Its label is its description: a <label for> the box, as a menu's (``ChoiceField``).
        self.text = widgets.Textarea(
            placeholder="day: grams, one per line\n0: 250\n7: 262.5",
            description=label,
            continuous_update=False,
            style=LABELLED_TEXT_STYLE,
            layout=widgets.Layout(width="25em", height="6em"),
        )
        self.text.add_class(f"pd-{name}-value")
        self.text.add_class("pd-labelled")
        self.label = label  # the field's declared label, as the page shows it
        super().__init__([self.text])
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
            self.text.value = "\n".join(f"{exact(day)}: {exact(grams)}" for day, grams in points)

    def observe_value(self, callback) -> None:
        self.text.observe(callback, "value")


class DateField(widgets.HBox):
    """A date picker whose value is ISO text (``YYYY-MM-DD``) or None, as the plan keeps it."""

    def __init__(self, name: str, label: str):
        # Its label is its description: a <label for> the picker, as a menu's (``ChoiceField``).
        self.picker = widgets.DatePicker(
            description=label, style=LABELLED_STYLE, layout=widgets.Layout(width="22em")
        )
        self.picker.add_class("pd-labelled")
        self.label = label  # the field's declared label, as the page shows it
        super().__init__([self.picker])
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


# The fields whose reader asks for an entry of its own: a calendar, lines of 'day: grams'.
ENTRY_BY_READER = {read_date: DateField, read_weights: WeightsField}


def field_input(spec: FieldSpec, name: str, value=None, options=None):
    """The input a declaration asks for: a menu for choices (``options``: (label, value) pairs
    from a table), a number with a slider for a slider's range, a date, weights, else a typed box.
    ``name`` gives its ``pd-<name>`` class; ``value`` is what it shows first."""
    css_name = name.replace("_", "-")
    if spec.read in ENTRY_BY_READER:
        return ENTRY_BY_READER[spec.read](css_name, spec.label)
    if options is not None or spec.choices:
        options = options or [(label, key) for key, label in spec.choices.items()]
        known = [key for _, key in options]
        return ChoiceField(css_name, spec.label, options, value if value in known else known[0])
    if spec.slider:
        low, high, step = spec.slider
        return NumberInput(css_name, spec.label, value, low, high, step, spec.unit, spec.log)
    numeric = spec.minimum is not None or spec.maximum is not None
    return TextField(css_name, spec.label, spec.unit, spec.hint, numeric)


def setting_text(value) -> str:
    """A setting as its box shows it: an optional one left empty is not set."""
    return "" if value is None else f"{value:g}"


def setting_input(spec: FieldSpec, name: str, value) -> widgets.Text:
    """A compact typed box titled by its declaration (label and unit), for a panel's settings."""
    box = widgets.Text(
        value=setting_text(value),
        description=spec.title,
        continuous_update=False,
        style=WIDE_LABEL_STYLE,
        layout=SETTING_LAYOUT,
    )
    box.add_class(f"pd-{name.replace('_', '-')}")
    return box
