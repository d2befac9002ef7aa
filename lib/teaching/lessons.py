"""Lessons: a plan with its story, and questions whose answers the page hides until checked.

A lesson is a small TOML file in ``lib/data/lessons/`` (README, "Writing a lesson"); its name is the
file's stem, the name a link opens (``?lesson=<name>``). The reader is strict: a file it cannot use
raises ``LessonError`` with the file's line and the reason, never a half-read lesson. The plan goes
through ``plan_from_values``, the one reader of field values (over a published regimen's plan when
the lesson names one); a field left out keeps its default. Each question must have an answer in
the lesson's own plan: the reader evaluates it once to be sure.
"""

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from lib.cohort.animals import EXPLANT_SPECS, Explant
from lib.errors import InputError
from lib.evaluate import evaluate
from lib.fields import build, read_fields
from lib.plan import Plan, plan_from_values
from lib.tables.pumps import load_pump_catalog
from lib.tables.reader import DATA_FOLDER
from lib.teaching.answers import QUANTITIES, check_answerable
from lib.teaching.lesson_file import NUMBER, TOP, KeyLines, check_keys, toml_error_line
from lib.teaching.lesson_questions import Question, QuestionReader, same_quantity
from lib.teaching.regimens import shipped_regimens

LESSON_FOLDER = DATA_FOLDER / "lessons"
NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
CODE = re.compile(r"[a-z][a-z0-9_]*")  # a finding's code (lib.findings.Finding.code)
TOP_KEYS = {
    "title": str,
    "text": str,
    "source": str,
    "regimen": str,
    "plan": dict,
    "explant": dict,
    "question": list,
    "expect": dict,
}
MAXIMUM_BYTES = 100_000  # a lesson is a page of text: ten times more is no lesson
EXPECT_KEYS = {"finding_codes": list}
EXPLANT_KEYS = {"residual_volume_ul": NUMBER, "elapsed_days": NUMBER, "loaded_volume_ul": NUMBER}


class LessonError(InputError):
    """A lesson file the app cannot use: its name, the line and the reason."""

    def __init__(self, path: Path, line: int | None, reason: str):
        where = f"{path.name} line {line}" if line else path.name
        super().__init__(f"{where}: {reason}")
        self.path, self.line, self.reason = path, line, reason


@dataclass(frozen=True)
class Lesson:
    name: str
    title: str
    text: str
    source: str
    plan: Plan
    questions: tuple[Question, ...]
    expected_finding_codes: tuple[str, ...] | None = None
    regimen: str | None = None  # the published regimen the plan starts from (regimens.csv)
    explant: Explant | None = None  # what was left in the pump after how long (``[explant]``)


def load_lessons(folder: Path = LESSON_FOLDER) -> list[Lesson]:
    """Every lesson, in file-name order (the files are numbered)."""
    return [load_lesson(path) for path in sorted(folder.glob("*.toml"))]


def read_lessons(folder: Path = LESSON_FOLDER) -> tuple[list[Lesson], list[LessonError]]:
    """The lessons that read, and why each other file was refused: the page offers the first
    and tells a teacher the second, where ``load_lessons`` (tests, scripts) raises."""
    lessons, refused = [], []
    for path in sorted(folder.glob("*.toml")):
        try:
            lessons.append(load_lesson(path))
        except LessonError as error:
            refused.append(error)
    return lessons, refused


def lesson_titles(folder: Path = LESSON_FOLDER) -> dict[str, str]:
    """Each lesson file's name and title, for a menu: the TOML alone, 2 ms for nine files where
    reading them whole (plans evaluated) takes 30 on a page's start. A file whose title cannot be
    read is listed by its name; opening it (``find_lesson``) says why it is refused."""
    titles = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            title = tomllib.loads(_lesson_text(path)).get("title")
        except (LessonError, tomllib.TOMLDecodeError):
            title = None
        titles[path.stem] = title.strip() if isinstance(title, str) and title.strip() else path.stem
    return titles


def find_lesson(name: str, folder: Path = LESSON_FOLDER) -> Lesson | None:
    """The lesson a link names; None for a name that is no lesson's (never a path)."""
    if not NAME.fullmatch(name):
        return None
    path = folder / f"{name}.toml"
    return load_lesson(path) if path.is_file() else None


def load_lesson(path: Path) -> Lesson:
    """One lesson file, read whole or refused with its line and the reason."""
    text = _lesson_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise LessonError(path, toml_error_line(error, text), f"not TOML: {error}") from None
    return _Reader(path, KeyLines(text)).lesson(data)


def _lesson_text(path: Path) -> str:
    """The file as UTF-8 text (a byte-order mark allowed, as editors on Windows write one)."""
    content = path.read_bytes()
    if len(content) > MAXIMUM_BYTES:
        reason = f"the file has {len(content):,} bytes; a lesson has at most {MAXIMUM_BYTES:,}"
        raise LessonError(path, None, reason)
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise LessonError(path, line, "not UTF-8 text: save the file as UTF-8") from None


class _Reader:
    """Reads one file's parsed values; ``refuse`` raises with the line of what it names."""

    def __init__(self, path: Path, lines: KeyLines):
        self.path, self.lines = path, lines

    def refuse(self, table: tuple[str, int], key: str | None, reason: str):
        raise LessonError(self.path, self.lines.find(table, key), reason)

    def checked(self, values: dict, allowed: dict, table: tuple[str, int]) -> dict:
        check_keys(values, allowed, functools.partial(self.refuse, table))
        return values

    def lesson(self, data: dict) -> Lesson:
        self.checked(data, TOP_KEYS, TOP)
        for key in ("title", "text"):
            if not data.get(key, "").strip():
                self.refuse(TOP, key, f"'{key}' is missing or empty: every lesson has both")
        regimen = self.regimen(data.get("regimen"))
        plan = self.plan(data.get("plan", {}), regimen)
        explant = self.explant(data.get("explant"))
        questions = self.questions(data.get("question", []), plan, explant)
        source = data.get("source", "").strip()
        return Lesson(
            name=self.path.stem,
            title=data["title"].strip(),
            text=data["text"].strip(),
            source=source or (f"{regimen.citation} ({regimen.identifier})" if regimen else ""),
            plan=plan,
            questions=questions,
            expected_finding_codes=self.finding_codes(data.get("expect")),
            regimen=regimen.regimen if regimen else None,
            explant=explant,
        )

    def regimen(self, name: str | None):
        if name is None:
            return None
        found = {regimen.regimen: regimen for regimen in shipped_regimens()}.get(name.strip())
        if found is None:
            self.refuse(TOP, "regimen", f"regimen '{name}' is not in lib/data/regimens.csv")
        return found

    def plan(self, values: dict, regimen) -> Plan:
        """The ``[plan]`` table's fields, over the regimen's plan if the lesson names one."""
        start = regimen.plan().to_dict() if regimen else {}
        plan, findings = plan_from_values({**start, **values})
        refused = [f for f in findings if plan is None or f.severity == "conflict"]
        if refused:
            finding = refused[0]
            self.refuse(("plan", 0), finding.field, f"[plan] {finding.field}: {finding.message}")
        return plan

    def explant(self, values: dict | None) -> Explant | None:
        """The ``[explant]`` table, read by the cohort's own declaration of an explanted pump."""
        if values is None:
            return None
        table = ("explant", 0)
        self.checked(values, EXPLANT_KEYS, table)
        for key in ("residual_volume_ul", "elapsed_days"):
            if key not in values:
                self.refuse(table, key, f"[explant] has no '{key}'")
        reading = read_fields(EXPLANT_SPECS, {**values, "animal_id": "lesson", "pump": 1})
        if reading.errors:
            error = reading.errors[0]
            self.refuse(table, error.field, f"[explant] {error}")
        explant = build(Explant, reading.accepted)
        loaded = explant.loaded_volume_ul
        if loaded is not None and explant.residual_volume_ul > loaded:
            self.refuse(table, "residual_volume_ul", "the residual is more than was loaded")
        return explant

    def questions(self, values: list, plan: Plan, explant: Explant | None) -> tuple[Question, ...]:
        # The plan evaluated once, to be sure each question has its answer in it.
        evaluation = evaluate(plan, load_pump_catalog()) if values else None
        questions: list[Question] = []
        for index, entry in enumerate(values):
            table = ("question", index)
            if not isinstance(entry, dict):
                self.refuse(table, None, f"question {index + 1} is not a table of keys")
            question = QuestionReader(self, table, QUANTITIES).read(entry, plan, explant)
            for earlier, other in enumerate(questions, start=1):
                if other.ask == question.ask or same_quantity(other, question):
                    self.refuse(table, None, f"question {index + 1} repeats question {earlier}")
            problem = check_answerable(question, evaluation)
            if problem:
                self.refuse(table, "answer", f"question {index + 1}: {problem}")
            questions.append(question)
        return tuple(questions)

    def finding_codes(self, values: dict | None) -> tuple[str, ...] | None:
        if values is None:
            return None
        table = ("expect", 0)
        codes = self.checked(values, EXPECT_KEYS, table).get("finding_codes")
        if codes is None:
            return None
        if not all(isinstance(code, str) and CODE.fullmatch(code) for code in codes):
            self.refuse(table, "finding_codes", "finding_codes must be a list of finding codes")
        return tuple(codes)
