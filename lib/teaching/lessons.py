"""Lessons: a plan with its story, and questions whose answers the page hides until checked.

A lesson is a small TOML file in ``lib/data/lessons/`` (README, "Writing a lesson"); its name is the
file's stem, the name a link opens (``?lesson=<name>``). The reader is strict: a file it cannot use
raises ``LessonError`` with the file's line and the reason, never a half-read lesson. The plan goes
through ``plan_from_values``, the one reader of field values; a field left out keeps its default.
"""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from lib.errors import InputError
from lib.plan import Plan, plan_from_values
from lib.tables.reader import DATA_FOLDER

LESSON_FOLDER = DATA_FOLDER / "lessons"
NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
TOP_KEYS = {"title": str, "text": str, "source": str}
QUESTION_KEYS = {"ask": str, "answer": str, "tolerance_percent": (int, float), "day": (int, float)}


class LessonError(InputError):
    """A lesson file the app cannot use: its name, the line and the reason."""

    def __init__(self, path: Path, line: int | None, reason: str):
        where = f"{path.name} line {line}" if line else path.name
        super().__init__(f"{where}: {reason}")
        self.path, self.line, self.reason = path, line, reason


@dataclass(frozen=True)
class Question:
    """One hidden answer: what is asked, which quantity answers it, and how close is right."""

    ask: str
    answer: str  # a name of lib.teaching.answers.QUANTITIES
    tolerance_percent: float = 2.0
    day: float | None = None  # for the dose on a given day


@dataclass(frozen=True)
class Lesson:
    name: str
    title: str
    text: str
    source: str
    plan: Plan
    questions: tuple[Question, ...]
    expected_finding_codes: tuple[str, ...] | None = None


def load_lessons(folder: Path = LESSON_FOLDER) -> list[Lesson]:
    """Every lesson, in file-name order (the files are numbered)."""
    return [load_lesson(path) for path in sorted(folder.glob("*.toml"))]


def find_lesson(name: str, folder: Path = LESSON_FOLDER) -> Lesson | None:
    """The lesson a link names; None for a name that is no lesson's (never a path)."""
    if not NAME.fullmatch(name):
        return None
    path = folder / f"{name}.toml"
    return load_lesson(path) if path.is_file() else None


def load_lesson(path: Path) -> Lesson:
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise LessonError(path, _error_line(error), f"not TOML: {error}") from None
    lines = _KeyLines(text)

    def refuse(table: str, key: str | None, reason: str):
        raise LessonError(path, lines.find(table, key), reason)

    _check_keys(data, {**TOP_KEYS, "plan": dict, "question": list, "expect": dict}, "", refuse)
    for key in ("title", "text"):
        if not data.get(key, "").strip():
            refuse("", None, f"'{key}' is missing: every lesson has a title and a text")
    plan = _read_plan(data.get("plan", {}), refuse)
    questions = tuple(_read_question(q, refuse) for q in data.get("question", []))
    expect = data.get("expect", {})
    codes = expect.get("finding_codes")
    return Lesson(
        name=path.stem,
        title=data["title"].strip(),
        text=data["text"].strip(),
        source=data.get("source", "").strip(),
        plan=plan,
        questions=questions,
        expected_finding_codes=None if codes is None else tuple(codes),
    )


def _read_plan(values: dict, refuse) -> Plan:
    plan, findings = plan_from_values(values)
    if plan is None or any(f.severity == "conflict" for f in findings):
        refuse("plan", findings[0].field, f"[plan] {findings[0].field}: {findings[0].message}")
    return plan


def _read_question(values: dict, refuse) -> Question:
    from lib.teaching.answers import QUANTITIES  # the answers read the lesson's types

    _check_keys(values, QUESTION_KEYS, "question", refuse)
    for key in ("ask", "answer"):
        if not str(values.get(key, "")).strip():
            refuse("question", None, f"a [[question]] has no '{key}'")
    answer = values["answer"]
    if answer not in QUANTITIES:
        known = ", ".join(sorted(QUANTITIES))
        refuse("question", "answer", f"answer '{answer}' is not one the app computes: {known}")
    quantity = QUANTITIES[answer]
    if quantity.needs_day and values.get("day") is None:
        refuse("question", "answer", f"answer '{answer}' needs a 'day' (days after implant)")
    tolerance = values.get("tolerance_percent", 2.0)
    if not 0 < tolerance <= 50:
        refuse("question", "tolerance_percent", "tolerance_percent must be above 0 and at most 50")
    return Question(
        ask=values["ask"].strip(),
        answer=answer,
        tolerance_percent=float(tolerance),
        day=None if values.get("day") is None else float(values["day"]),
    )


def _check_keys(values: dict, allowed: dict, table: str, refuse) -> None:
    for key, value in values.items():
        if key not in allowed:
            known = ", ".join(allowed)
            refuse(table, key, f"unknown key '{key}' (a lesson's keys here: {known})")
        if not isinstance(value, allowed[key]) or isinstance(value, bool):
            refuse(table, key, f"'{key}' has the wrong kind of value: {value!r}")


def _error_line(error: tomllib.TOMLDecodeError) -> int | None:
    found = re.search(r"line (\d+)", str(error))
    return int(found.group(1)) if found else None


class _KeyLines:
    """Where a key is written, for the error message: the first ``key =`` under its table."""

    def __init__(self, text: str):
        self.lines = text.splitlines()

    def find(self, table: str, key: str | None) -> int | None:
        current = ""
        for number, line in enumerate(self.lines, start=1):
            stripped = line.strip()
            header = re.fullmatch(r"\[\[?\s*([\w.-]+)\s*\]\]?", stripped)
            if header:
                current = header.group(1)
                if key is None and current == table:
                    return number
                continue
            if current == table and key and re.match(rf"{re.escape(key)}\s*=", stripped):
                return number
        return None
