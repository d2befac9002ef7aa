"""A lesson at the top of the page: its text, its questions with the student's answers checked, and
the app's results hidden until the questions are answered (``lib.teaching.lessons``).

A link opens one (``?lesson=<name>``), as does the menu; the share link of a lesson carries it
(``lib.documents.links.lesson_query``). Answers are checked against the lesson's own plan, so a
student who changes the inputs to explore is still asked about the lesson's numbers.
"""

import functools
from pathlib import Path

import anywidget
import ipywidgets as widgets
import traitlets

from lib.evaluate import Evaluation, evaluate
from lib.formatting import format_number
from lib.plan import PLAN_SPECS
from lib.tables.compounds import CompoundTable
from lib.tables.pumps import PumpCatalog
from lib.teaching.answers import QUANTITIES, check_answer
from lib.teaching.lesson_questions import Question
from lib.teaching.lessons import LESSON_FOLDER, Lesson, LessonError, find_lesson
from lib.ui.assets import asset
from lib.ui.render import render_macro
from lib.ui.shared import html, row
from lib.ui.teaching import working_html
from lib.units import DOSE_UNITS

HIDING_CLASS = "pd-lesson-hiding"  # on the app while a lesson's answers are hidden (app.css)


def _lesson_html(macro: str, *arguments) -> str:
    return render_macro("lesson.html.j2", macro, *arguments)


class LessonQuestion(anywidget.AnyWidget):
    """One question: the box for the answer, the check, what the app says of it, the working."""

    _esm = asset("lesson_question.js")
    ask = traitlets.Unicode().tag(sync=True)
    unit = traitlets.Unicode().tag(sync=True)
    answer = traitlets.Unicode().tag(sync=True)  # as typed: kept, never rewritten
    feedback = traitlets.Unicode().tag(sync=True)
    verdict = traitlets.Unicode().tag(sync=True)  # "", "right", "wrong" or "unread"
    working = traitlets.Unicode().tag(sync=True)  # shown once right, or on request

    def __init__(self, question: Question, evaluation: Evaluation, on_verdict):
        quantity = QUANTITIES[question.answer]
        super().__init__(ask=question.ask, unit=quantity.unit)
        self.question, self.evaluation, self._on_verdict = question, evaluation, on_verdict
        self.on_msg(self._on_message)

    def _on_message(self, widget, content, buffers) -> None:
        if "check" in content:
            self.check(str(content["check"]))
        elif content.get("reveal"):
            self.working = working_html(self.evaluation)
            self._on_verdict()

    def check(self, typed: str) -> None:
        verdict = check_answer(self.question, typed, self.evaluation)
        self.answer = typed
        self.feedback = verdict.message
        self.verdict = {True: "right", False: "wrong", None: "unread"}[verdict.right]
        if verdict.right:
            self.working = working_html(self.evaluation)
        self._on_verdict()

    @property
    def done(self) -> bool:
        """Answered right, or its working shown: nothing left to hide for it."""
        return self.verdict == "right" or bool(self.working)


class LessonPanel(widgets.VBox):
    """The lesson menu, and the open lesson's box (``pd-lesson``) above the rest of the app."""

    def __init__(
        self,
        titles: dict[str, str],
        catalog: PumpCatalog,
        compounds: CompoundTable,
        folder: Path = LESSON_FOLDER,
    ):
        # Only the titles at the page's start (lesson_titles): a lesson is read, strictly, when
        # it opens, and a file the reader refuses is said then, with its line and the reason.
        self.titles, self.folder = titles, folder
        self.catalog, self.compounds = catalog, compounds
        options = [("Lessons for a class: choose one", "")]
        options += [(title, name) for name, title in titles.items()]
        self.menu = widgets.Dropdown(options=options, value="", description="Lesson")
        self.menu.add_class("pd-lesson-menu")
        self.lesson: Lesson | None = None
        self.questions: list[LessonQuestion] = []
        self._plan_callbacks, self._state_callbacks = [], []
        self._results_shown, self._edited = False, False
        self._quieted = False  # the menu set by the panel itself: not a student's choice
        self.menu.observe(self._on_menu, "value")
        super().__init__([self.menu])
        self.add_class("pd-lessons")

    def on_plan(self, callback) -> None:
        """Call ``callback(plan)`` when a lesson's plan is to be shown."""
        self._plan_callbacks.append(callback)

    def on_state(self, callback) -> None:
        """Call ``callback()`` when a lesson opens or closes, or what it hides changes."""
        self._state_callbacks.append(callback)

    @functools.cached_property
    def box(self) -> "LessonBox":
        """Made when a lesson first opens: a page without one sends none of its widgets."""
        box = LessonBox()
        box.show_results.on_click(lambda _: self._show_results())
        box.restore.on_click(lambda _: self._apply_plan())
        box.leave.on_click(lambda _: setattr(self.menu, "value", ""))
        return box

    @property
    def hiding(self) -> bool:
        """The results stay hidden while a question is neither answered nor worked."""
        waiting = any(not question.done for question in self.questions)
        return self.lesson is not None and waiting and not self._results_shown

    def open_lesson(self, name: str, apply_plan: bool = True) -> Lesson | None:
        """Open the lesson a link or the menu names; an unknown name, or a file the reader
        refuses, is said, not guessed at."""
        try:
            lesson = find_lesson(name, self.folder) if name in self.titles else None
            message = None if lesson else _lesson_html("unknown", name, self.titles.values())
        except LessonError as error:
            lesson, message = None, _lesson_html("refused", error)
        if lesson is None:
            self._close()
            self.box.children = [html(message, "pd-lesson-problem")]
            self.children = [self.menu, self.box]
            return None
        self.lesson, self._results_shown, self._edited = lesson, False, False
        evaluation = evaluate(lesson.plan, self.catalog, self.compounds)
        self.questions = [LessonQuestion(q, evaluation, self._changed) for q in lesson.questions]
        for question in self.questions:
            question.add_class("pd-lesson-question-widget")
        self.box.header.value = _lesson_html("header", lesson, _givens(evaluation))
        self.box.children = [self.box.header, *self.questions, self.box.notes, self._controls()]
        self.children = [self.menu, self.box]
        self._quiet_menu(name)
        if apply_plan:
            self._apply_plan()
        self._changed()
        return lesson

    def follow(self, evaluation: Evaluation) -> None:
        """The page's plan changed: say so when it is no longer the lesson's."""
        edited = self.lesson is not None and evaluation.plan != self.lesson.plan
        if edited != self._edited:
            self._edited = edited
            self._changed()

    def _controls(self) -> widgets.HBox:
        box = self.box
        box.controls.children = [box.restore] if self._edited else []
        box.controls.children += (box.show_results,) if self.hiding else ()
        box.controls.children += (box.leave,)
        return box.controls

    def _changed(self) -> None:
        """Redraw the notes and buttons after an answer or an edit; tell the app what to hide."""
        if self.lesson is None:
            return
        self.box.notes.value = _lesson_html("notes", self.hiding, self._edited)
        self._controls()
        self._tell()

    def _on_menu(self, change) -> None:
        if self._quieted:
            return
        if change["new"]:
            self.open_lesson(change["new"])
        else:
            self._close()

    def _quiet_menu(self, name: str) -> None:
        """Show ``name`` in the menu without opening it again."""
        self._quieted = True
        try:
            self.menu.value = name if name in self.titles else ""
        finally:
            self._quieted = False

    def _close(self) -> None:
        self.lesson, self.questions = None, []
        self.children = [self.menu]
        self._quiet_menu("")
        self._tell()

    def _tell(self) -> None:
        for callback in self._state_callbacks:
            callback()

    def _show_results(self) -> None:
        self._results_shown = True
        self._changed()

    def _apply_plan(self) -> None:
        for callback in self._plan_callbacks:
            callback(self.lesson.plan)


def _givens(evaluation: Evaluation) -> list[str]:
    """The lesson's plan in a line each, with the pump's rate a student needs from the catalogue."""
    plan, spec = evaluation.plan, PLAN_SPECS
    givens = [
        f"{plan.compound} in {plan.vehicle}",
        f"{format_number(plan.dose)} {DOSE_UNITS[plan.dose_unit].label}",
        f"{plan.species}, {plan.body_weight_g:g} g at implant, {spec['route'].choices[plan.route]}",
    ]
    if evaluation.pump is not None:
        givens.append(
            f"ALZET model {plan.pump_model}: {format_number(evaluation.rate_ul_per_hr)} µL/h, "
            f"{format_number(evaluation.fill_volume_ul)} µL, "
            f"{evaluation.pump.duration_days:g} days"
        )
    return [*givens, f"a {plan.study_days:g}-day study"]


class LessonBox(widgets.VBox):
    """The open lesson (``pd-lesson``): its text, its questions, notes on what is hidden, and the
    buttons to show the results, go back to the lesson's plan, or leave it."""

    def __init__(self):
        self.header, self.notes = html(), html(css_class="pd-lesson-notes")
        self.show_results = _button("Show the results now", "pd-lesson-show-results")
        self.restore = _button("Back to the lesson's plan", "pd-lesson-restore")
        self.leave = _button("Leave the lesson", "pd-lesson-close")
        self.controls = row([])
        super().__init__()
        self.add_class("pd-lesson")


def _button(text: str, css_class: str) -> widgets.Button:
    button = widgets.Button(description=text)
    button.add_class(css_class)
    return button
