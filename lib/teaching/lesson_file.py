"""Where a lesson file says what: the line of each key, for the reader's refusals.

``tomllib`` gives values without their places, and only its own syntax errors carry a line; a
refusal of a value the app cannot use must name its line too. ``KeyLines`` scans the text once:
each table (each ``[[question]]`` by its order) with the line of its header and of each key,
skipping the inside of multi-line strings (a lesson's text may hold ``word = word``).
"""

import re
import tomllib

HEADER = re.compile(r"(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?\s*(#.*)?")
KEY = re.compile(r"""(["']?)([A-Za-z0-9_-]+)\1\s*=""")
MULTILINE_QUOTES = ('"""', "'''")
TOP = ("", 0)  # the keys before the first header
NUMBER = (int, float)  # a TOML integer or float (never a bool: ``check_keys``)


def toml_error_line(error: tomllib.TOMLDecodeError, text: str) -> int:
    """The line of a TOML syntax error: Python 3.11-3.13 (and Pyodide's 3.12) write it in the
    message, "(at line 3, column 5)", or "(at end of document)"; 3.14 also keeps ``lineno``."""
    line = getattr(error, "lineno", None)
    if line:
        return line
    found = re.search(r"at line (\d+)", str(error))
    return int(found.group(1)) if found else max(1, len(text.splitlines()))


class KeyLines:
    """Each table of a lesson file, ``(name, index)`` (the index counts a ``[[name]]``'s
    repeats), mapped to the line of its header (key ``None``) and of each of its keys."""

    def __init__(self, text: str):
        self.places: dict[tuple[str, int], dict[str | None, int]] = {TOP: {}}
        repeats: dict[str, int] = {}
        table, closing = TOP, None
        for number, line in enumerate(text.splitlines(), start=1):
            if closing:  # inside a multi-line string until its closing quotes
                closing = None if closing in line else closing
                continue
            stripped = line.strip()
            header = HEADER.fullmatch(stripped)
            if header:
                name = header.group(2)
                index = repeats.get(name, -1) + 1 if header.group(1) == "[[" else 0
                repeats[name] = index
                table = (name, index)
                self.places.setdefault(table, {})[None] = number
                continue
            key = KEY.match(stripped)
            if key:
                self.places.setdefault(table, {}).setdefault(key.group(2), number)
                closing = _opened_string(stripped[key.end() :].strip())

    def find(self, table: tuple[str, int], key: str | None = None) -> int | None:
        """The line of ``key`` in ``table``; the table's header when the key is not written
        there (a missing key), or the key the table itself is written as (``plan = {...}``)."""
        keys = self.places.get(table)
        if keys is None:
            return self.places[TOP].get(table[0])
        return keys.get(key) or keys.get(None)


def _opened_string(value: str) -> str | None:
    """The quotes a value opens and does not close on its line (a multi-line string)."""
    for quotes in MULTILINE_QUOTES:
        if value.startswith(quotes) and value.count(quotes) == 1:
            return quotes
    return None


def check_keys(values: dict, allowed: dict, refuse) -> None:
    """Every key known, each with a value of its kind (a number is never a bool)."""
    for key, value in values.items():
        if key not in allowed:
            known = ", ".join(allowed)
            refuse(key, f"unknown key '{key}' (the keys here: {known})")
        kinds = allowed[key]
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in _tuple(kinds)):
            refuse(key, f"'{key}' has the wrong kind of value: {value!r}")


def _tuple(kinds) -> tuple:
    return kinds if isinstance(kinds, tuple) else (kinds,)
