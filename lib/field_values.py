"""Readers of structured field values: a dose unit, dates and times, a time zone, lists of days,
names and measured weights. Each takes the field's declaration (``lib.fields.FieldSpec``) and the
value as typed, saved or linked, and returns what the record keeps or raises the field's error.
"""

import functools
import re
import zoneinfo
from dataclasses import replace
from datetime import date
from typing import Any

from lib.fields import FieldSpec, is_blank, read_number, read_text
from lib.units import normalize_dose_unit

MAX_MEASURED_WEIGHTS = 200
MAX_NAMES = 20
MAX_DAYS = 100
# The days of the week as a plan keeps them (datetime's weekday(): Monday is 0).
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def read_dose_unit(spec: FieldSpec, value: Any) -> str:
    try:
        return normalize_dose_unit(value)
    except ValueError as error:
        raise spec.refuse(value, str(error).split("; ")[-1]) from None


def read_date(spec: FieldSpec, value: Any) -> str | None:
    """An ISO date (YYYY-MM-DD), kept as text so files and links carry it unchanged."""
    if is_blank(value):
        return None
    rule = "enter a date as YYYY-MM-DD, from 1970 to 2199"
    text = str(value).strip()
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):  # ASCII digits only
            raise ValueError(text)
        day = date.fromisoformat(text)
    except ValueError:
        raise spec.refuse(value, rule) from None
    # Far enough from year 1 and 9999 that every date of a study stays a valid date.
    if not 1970 <= day.year <= 2199:
        raise spec.refuse(value, rule)
    return day.isoformat()


def read_time(spec: FieldSpec, value: Any) -> str:
    """A wall-clock time (HH:MM, 24 h), kept as text like the implant date."""
    match = re.fullmatch(r"([0-9]{1,2}):([0-9]{2})", str(value).strip())  # ASCII digits only
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise spec.refuse(value, "enter a time as HH:MM, for example 09:30")
    return f"{int(match[1]):02d}:{match[2]}"


def read_time_zone(spec: FieldSpec, value: Any) -> str | None:
    """An IANA zone name (Europe/London); empty means local times without a zone. Only names of
    the zone database are looked up: 'America' is a folder of it, not a zone."""
    if is_blank(value):
        return None
    name = str(value).strip()
    if name not in zone_names():
        rule = "enter a zone name such as Europe/London or America/New_York, or leave it empty"
        raise spec.refuse(value, rule)
    return name


@functools.cache
def zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def read_days(spec: FieldSpec, value: Any) -> tuple[float, ...]:
    """Study days, sorted and once each, from a list or from text like '0; 3; 7'."""
    if value is None or value == "":
        return ()
    items = value.replace(",", ";").split(";") if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or len(items) > MAX_DAYS:
        raise spec.refuse(value, f"give at most {MAX_DAYS} days, with ';' between")
    days = []
    for item in items:
        if isinstance(item, str) and not item.strip():
            continue
        try:
            days.append(read_number(spec, item))
        except ValueError:
            shown = item.strip() if isinstance(item, str) else item
            rule = (
                f"enter days from {spec.minimum:g} up to {spec.maximum:g} with ';' between "
                f"({shown!r} is not a day)"
            )
            raise spec.refuse(value, rule) from None
    return tuple(sorted(set(days)))


def read_weekdays(spec: FieldSpec, value: Any) -> tuple[str, ...]:
    """Days of the week, in week order and once each, from a list or from text like
    'Mon; Tue; Wed' (full names and any case too: 'monday'). At least one day: a lab that works
    no day could never fill a pump."""
    items = value.replace(",", ";").split(";") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise spec.refuse(value, "give days of the week with ';' between, e.g. Mon; Tue; Wed")
    days = set()
    for item in items:
        name = item.strip().lower() if isinstance(item, str) else ""
        if not name and isinstance(item, str):
            continue
        index = next((i for i, full in enumerate(WEEKDAY_NAMES) if _names_day(name, full)), None)
        if index is None:
            rule = f"write days as {', '.join(WEEKDAYS)} with ';' between ({item!r} is not one)"
            raise spec.refuse(value, rule)
        days.add(index)
    if not days:
        raise spec.refuse(value, "give at least one working day, e.g. Mon; Tue; Wed; Thu; Fri")
    return tuple(WEEKDAYS[index] for index in sorted(days))


def _names_day(name: str, full: str) -> bool:
    """'mon', 'mond' and 'monday' name Monday (three letters at least: 't' is two days)."""
    return len(name) >= 3 and full.startswith(name)


def read_names(spec: FieldSpec, value: Any) -> tuple[str, ...]:
    """Names, once each in the order given, from a list or from text with ';' between them."""
    if value is None or value == "":
        return ()
    items = value.split(";") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise spec.refuse(value, "give names as a list, or with ';' between")
    if len(items) > MAX_NAMES:
        raise spec.refuse(value, f"give at most {MAX_NAMES} names")
    blank = [item for item in items if isinstance(item, str) and not item.strip()]
    names = [read_text(spec, item) for item in items if item not in blank]
    if any(";" in name for name in names):  # ';' separates names in a share link
        raise spec.refuse(value, "write names without ';'")
    return tuple(dict.fromkeys(names))


def _weight_pairs(spec: FieldSpec, value: Any) -> list:
    """Pairs from a list of pairs, or from text like '0: 250; 7: 262.5' (a share link)."""
    if isinstance(value, str):
        pairs = [item.split(":") for item in value.replace("\n", ";").split(";") if item.strip()]
        if any(len(pair) != 2 for pair in pairs):
            raise spec.refuse(value, "write each weight as day: grams, ';' between")
        return pairs
    if isinstance(value, list | tuple) and all(
        isinstance(pair, list | tuple) and len(pair) == 2 for pair in value
    ):
        return list(value)
    raise spec.refuse(value, "give (day, grams) pairs")


def read_weights(spec: FieldSpec, value: Any) -> tuple[tuple[float, float], ...]:
    """Measured weights as sorted (day after implant, grams) pairs, one per day."""
    if value is None or value == "":
        return ()
    pairs = _weight_pairs(spec, value)
    if len(pairs) > MAX_MEASURED_WEIGHTS:
        raise spec.refuse(f"{len(pairs)} weights", f"give at most {MAX_MEASURED_WEIGHTS}")
    day_rule = replace(spec, minimum=0.0, maximum=3650.0, low_inclusive=True)
    gram_rule = replace(spec, minimum=1.0, maximum=2000.0, low_inclusive=True)
    points = {read_number(day_rule, day): read_number(gram_rule, grams) for day, grams in pairs}
    if len(points) != len(pairs):
        raise spec.refuse(value, "give one weight per day")
    return tuple(sorted(points.items()))
