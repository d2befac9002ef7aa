"""A field declared once: its label, unit, bounds, step, slider, choices and how its value is read.

``Plan``, ``Cohort`` and ``Animal`` declare every field with one of the helpers here (``number``,
``text``, ``choice``, ``custom``); the dataclass keeps the declaration in the field's metadata. The
records' validation, the widgets (label, unit, slider, step), the CSV units and every message are
derived from it, so none of them can drift from another (essreduce's Parameter -> widget pattern,
shared STYLE.md).
"""

import dataclasses
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from lib.errors import FieldError

SPEC = "spec"  # the metadata key of a field's declaration


@dataclass(frozen=True)
class FieldSpec:
    """How one field is shown and read.

    ``read(spec, value)`` returns the value the record keeps or raises ``error``. ``minimum`` and
    ``maximum`` bound a number (``low_inclusive`` says whether the minimum itself is allowed);
    ``slider`` is the (low, high, step) of the page's slider, or None for a typed box only, with
    ``log`` for a logarithmic slider (its step in powers of ten); ``choices`` maps each value a
    menu offers to its label; ``hint`` is the text an empty box shows.
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


def read_fields(
    specs: Mapping[str, FieldSpec], values: Mapping[str, Any]
) -> tuple[dict[str, Any], list[FieldError], list[str]]:
    """Each value read once by its field's declaration: the values read, the errors of those
    that cannot be, and the names that are not fields."""
    accepted, errors, unknown = {}, [], []
    for name, value in values.items():
        spec = specs.get(name)
        if spec is None:
            unknown.append(str(name))
            continue
        try:
            accepted[name] = spec.read(spec, value)
        except FieldError as error:
            errors.append(error)
    return accepted, errors, unknown


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
    """A finite number within the field's bounds; blank is None where the field is optional."""
    if spec.optional and is_blank(value):
        return None
    low, high = spec.minimum, spec.maximum
    if spec.whole:
        rule = f"enter a whole number from {low:g} to {high:g}"
        rule += ", or leave empty" if spec.optional else ""
    else:
        rule = f"enter a number {'from' if spec.low_inclusive else 'above'} {low:g} up to {high:g}"
    if isinstance(value, bool):
        raise spec.refuse(value, rule)
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: an int like 10**400
        raise spec.refuse(value, rule) from None
    too_low = number < low if spec.low_inclusive else number <= low
    if not math.isfinite(number) or too_low or number > high:
        raise spec.refuse(value, rule)
    if spec.whole:
        if number != int(number):
            raise spec.refuse(value, rule)
        return int(number)
    return number


def read_text(spec: FieldSpec, value: Any) -> str | None:
    """Text of 1 up to ``max_length`` characters, stripped; blank is None where optional."""
    if spec.optional and is_blank(value):
        return None
    text = value.strip() if isinstance(value, str) else ""
    if not text or len(text) > spec.max_length:
        raise spec.refuse(value, f"enter a name of 1 to {spec.max_length} characters")
    return text


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
