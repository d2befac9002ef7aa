"""A field declared once: its label, unit, bounds, step, slider, choices and how its value is read.

``Plan``, ``Cohort`` and ``Animal`` declare every field with one of the helpers here (``number``,
``text``, ``choice``, ``custom``); the dataclass keeps the declaration in the field's metadata. The
records' validation, the widgets (label, unit, slider, step), the CSV units and every message are
derived from it, so none of them can drift from another (essreduce's Parameter -> widget pattern,
shared STYLE.md).
"""

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from lib.errors import FieldError, shown_value
from lib.formatting import counted
from lib.numbers import NumberTextError, parse_number

SPEC = "spec"  # the metadata key of a field's declaration
# Zero-width space, non-joiner, joiner, word joiner, byte-order mark: invisible in a box.
CONTROL_NAMES = {"\n": "line break", "\r": "carriage return", "\t": "tab"}
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


@dataclass(frozen=True)
class FieldSpec:
    """How one field is shown and read.

    ``read(spec, value)`` returns the value the record keeps or raises ``error``. ``minimum`` and
    ``maximum`` bound a number (``low_inclusive`` says whether the minimum itself is allowed);
    ``slider`` is the (low, high, step) of the page's slider, or None for a typed box only, with
    ``log`` for a logarithmic slider (its step in powers of ten); ``choices`` maps each value a
    menu offers to its label; ``hint`` is the text an empty box shows; ``since`` lets a file
    saved before the field existed lack it without a finding.
    """

    label: str
    read: Callable[["FieldSpec", Any], Any]
    error: type[FieldError]
    unit: str = ""
    hint: str = ""
    minimum: float | None = None
    maximum: float | None = None
    low_inclusive: bool = False
    optional: bool = False
    whole: bool = False
    max_length: int = 100
    slider: tuple[float, float, float] | None = None
    log: bool = False
    choices: Mapping[str, str] | None = None
    since: str = ""  # the app version whose saved files first hold the field ("": the first)
    name: str = ""  # set by ``specs_of`` from the field it declares

    @property
    def title(self) -> str:
        """The label with its unit, as messages name the field: 'Body weight at implant (g)'."""
        return f"{self.label} ({self.unit})" if self.unit else self.label

    def refuse(self, value: Any, rule: str) -> FieldError:
        return self.error(self.name, value, rule, self.title)


def declare(default: Any, **spec: Any) -> Any:
    """A dataclass field with its declaration in the metadata."""
    return dataclasses.field(default=default, metadata={SPEC: spec})


def specs_of(record_type: type) -> dict[str, FieldSpec]:
    """Every field's declaration, in field order, named."""
    return {
        field.name: FieldSpec(**field.metadata[SPEC], name=field.name)
        for field in dataclasses.fields(record_type)
    }


def validate(record: Any, specs: Mapping[str, FieldSpec]) -> None:
    """Read every field of a frozen record through its declaration (``__post_init__``)."""
    for name, spec in specs.items():
        object.__setattr__(record, name, spec.read(spec, getattr(record, name)))


@dataclass(frozen=True)
class Reading:
    """Raw values read by their fields' declarations: what was read, what could not be, names
    that are no field, and notes on what was cleaned (field, message)."""

    accepted: dict[str, Any]
    errors: list[FieldError]
    unknown: list[str]
    notes: list[tuple[str, str]]


def read_fields(specs: Mapping[str, FieldSpec], values: Mapping[str, Any]) -> Reading:
    """Each value read once by its field's declaration. Zero-width characters (invisible, often
    pasted with text from a web page or a PDF) are removed first, with a note."""
    reading = Reading({}, [], [], [])
    for name, value in values.items():
        spec = specs.get(name)
        if spec is None:
            reading.unknown.append(str(name))
            continue
        if isinstance(value, str) and ZERO_WIDTH.search(value):
            cleaned = ZERO_WIDTH.sub("", value)
            count = len(value) - len(cleaned)
            message = (
                f"{spec.title}: {counted(count, 'invisible zero-width character')} "
                f"removed from what was given; read as {shown_value(cleaned)}."
            )
            reading.notes.append((name, message))
            value = cleaned
        try:
            reading.accepted[name] = spec.read(spec, value)
        except FieldError as error:
            reading.errors.append(error)
    return reading


def build(record_type: type, values: Mapping[str, Any]) -> Any:
    """A record from values its fields' declarations have already read: none is read twice."""
    record = object.__new__(record_type)
    for field in dataclasses.fields(record_type):
        object.__setattr__(record, field.name, values.get(field.name, field.default))
    return record


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# -- readers: each returns the value a record keeps, or raises the field's error ---------------


def read_number(spec: FieldSpec, value: Any) -> float | int | None:
    """A finite number within the field's bounds, read by ``parse_number`` (a decimal comma or
    point); blank is None where the field is optional."""
    if spec.optional and is_blank(value):
        return None
    try:
        number = parse_number(value)
    except NumberTextError as error:
        rule = bounds_rule(spec) if error.out_of_range else f"{bounds_rule(spec)}; {error}"
        raise spec.refuse(value, rule) from None
    too_low = number < spec.minimum if spec.low_inclusive else number <= spec.minimum
    if too_low or number > spec.maximum or (spec.whole and number != int(number)):
        raise spec.refuse(value, bounds_rule(spec))
    return int(number) if spec.whole else number


def bounds_rule(spec: FieldSpec) -> str:
    """What the field takes: 'enter a number above 0 up to 3650' (whole: 'from 1 to 100')."""
    low, high = plain(spec.minimum), plain(spec.maximum)
    if spec.whole:
        return f"enter a whole number from {low} to {high}" + (
            ", or leave empty" if spec.optional else ""
        )
    return f"enter a number {'from' if spec.low_inclusive else 'above'} {low} up to {high}"


def plain(number: float) -> str:
    """A bound as people read it: 2000, 0.01, 1000000 (no exponent, no thousands separator,
    which a decimal comma would make ambiguous)."""
    return str(int(number)) if number == int(number) else f"{number:g}"


def read_text(spec: FieldSpec, value: Any) -> str | None:
    """Text of 1 up to ``max_length`` characters, stripped, without control characters (a line
    break in a name would split it in a table or a calendar file); blank is None where optional."""
    if spec.optional and is_blank(value):
        return None
    text = value.strip() if isinstance(value, str) else ""
    if not text or len(text) > spec.max_length:
        raise spec.refuse(value, f"enter a name of 1 to {spec.max_length} characters")
    control = next((character for character in text if is_control(character)), None)
    if control is not None:
        name = CONTROL_NAMES.get(control) or unicodedata.name(control, "control character")
        raise spec.refuse(value, f"remove the {name.lower()} (U+{ord(control):04X}) from it")
    return text


def is_control(character: str) -> bool:
    """Control and format characters, and line and paragraph separators."""
    return unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp")


def read_choice(spec: FieldSpec, value: Any) -> str | None:
    """One of the field's choices (case and spaces around it do not matter)."""
    if spec.optional and is_blank(value):
        return None
    text = value.strip().lower() if isinstance(value, str) else value
    if not isinstance(text, str) or text not in spec.choices:
        raise spec.refuse(value, f"choose one of {', '.join(spec.choices)}")
    return text


def number(default, label, minimum, maximum, error, **spec) -> Any:
    return declare(
        default,
        label=label,
        read=read_number,
        error=error,
        minimum=minimum,
        maximum=maximum,
        **spec,
    )


def text(default, label, error, **spec) -> Any:
    return declare(default, label=label, read=read_text, error=error, **spec)


def choice(default, label, choices: Mapping[str, str], error, **spec) -> Any:
    return declare(default, label=label, read=read_choice, error=error, choices=choices, **spec)


def custom(default, label, read, error, **spec) -> Any:
    return declare(default, label=label, read=read, error=error, **spec)
