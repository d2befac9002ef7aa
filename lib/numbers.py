"""Reading a number as people type it: the one function for the page, links, files and pastes.

A number is ASCII digits with at most one decimal mark, a point or a comma (``2.5`` or ``2,5``),
an optional sign and exponent (``1e-3``), spaces around it allowed. Anything else is refused with
the reason, never guessed at: ``1_4`` (Python's underscores), ``1,000`` (one, or one thousand?),
``٣`` (digits of another script), ``inf`` and numbers too small for arithmetic (denormals).
"""

import math
import re
import sys
from typing import Any

NUMBER_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]+)?")
# A comma before exactly three digits reads as 1,000 (a thousand) to some and 1,000 (one) to
# others: such a text is refused rather than read either way.
THOUSANDS = re.compile(r"[+-]?[1-9][0-9]{0,2},[0-9]{3}")
WRITE_IT = "digits with one decimal mark, a point or a comma (2.5 or 2,5)"


class NumberTextError(ValueError):
    """A value is not a number this app reads; the message says why, as a rule to follow.
    ``out_of_range``: it is a number, only too large (or infinite) to hold."""

    def __init__(self, rule: str, out_of_range: bool = False):
        super().__init__(rule)
        self.out_of_range = out_of_range


def parse_number(value: Any) -> float:
    """The finite float a number or a number's text stands for.

    >>> parse_number("2,5"), parse_number(" +1e-3 "), parse_number(7)
    (2.5, 0.001, 7.0)
    """
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise NumberTextError(f"write it as {WRITE_IT}")
    if isinstance(value, str):
        value = _from_text(value.strip())
    try:
        number = float(value)
    except OverflowError:  # an int like 10**400
        raise NumberTextError("enter a smaller number", out_of_range=True) from None
    if not math.isfinite(number):
        raise NumberTextError("enter a finite number", out_of_range=True)
    if number != 0 and abs(number) < sys.float_info.min:
        raise NumberTextError("enter a larger number: this one is too small to compute with")
    return number


def _from_text(text: str) -> float:
    if THOUSANDS.fullmatch(text):
        whole, _, fraction = text.partition(",")
        smaller = f"{float(whole + '.' + fraction):g}"
        larger = whole + fraction
        raise NumberTextError(f"write {larger}, or {smaller}: {text} could mean either")
    if not NUMBER_TEXT.fullmatch(text):
        raise NumberTextError(f"write it as {WRITE_IT}")
    return float(text.replace(",", "."))
