"""The domain's errors: one base, so a caller can catch every refusal of an input at once.

Each message says where, what and the fix: the field (or file, line and column), the value, and
the rule the value breaks.
"""

from typing import Any

SHOWN_CHARACTERS = 60  # a longer value is shortened where a message quotes it


def shown_value(value: Any) -> str:
    """The value as a message quotes it: its repr, shortened past 60 characters (a pasted page
    of text must not come back whole in a message)."""
    text = repr(value)
    return text if len(text) <= SHOWN_CHARACTERS else text[: SHOWN_CHARACTERS - 1] + "…"


class InputError(ValueError):
    """Something the user gave (a field's value, an animals table, a file) that cannot be used."""


class FieldError(InputError):
    """A field cannot hold a value; ``field``, ``value`` and ``rule`` say which and why."""

    def __init__(self, field: str, value: Any, rule: str, label: str | None = None):
        self.field, self.value, self.rule = field, value, rule
        self.label = label or field
        super().__init__(f"{self.label}: {shown_value(value)} is not allowed; {rule}.")


class PlanError(FieldError):
    """A plan field (``lib.plan``) cannot hold a value."""


class CohortError(FieldError):
    """A cohort or animal field (``lib.cohort``) cannot hold a value."""


class TableError(InputError):
    """A data file breaks a rule; the message names the file, line, row, column and value."""


class CatalogError(TableError):
    """The pump catalogue (``pump_specs.csv`` or an uploaded one) breaks a rule."""
