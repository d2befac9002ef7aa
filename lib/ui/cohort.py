"""The cohort panel: the animals table, bench preparation, the calendar and delivery after explant.

It follows the house rule for callbacks: read the cohort inputs into a ``Cohort``, call
``evaluate_cohort`` with the dashboard's plan and evaluation, render the result.
"""

import re
from dataclasses import replace

import ipywidgets as widgets

from lib.cohort.animals import COHORT_SPECS, CONCENTRATION_MODES, Cohort, cohort_from_values
from lib.cohort.delivery import AFTER_EXPLANT_CODES
from lib.cohort.evaluate import CohortEvaluation, evaluate_cohort
from lib.cohort.groups import groups_to_text, parse_groups
from lib.cohort.table import (
    MAX_TABLE_CHARACTERS,
    animals_to_text,
    explants_to_text,
    parse_animals,
    parse_explants,
)
from lib.documents.calendar_files import calendar_to_csv, events_to_ics
from lib.documents.model import StudyDocument, model_of
from lib.documents.sheets import (
    blinded_sheet,
    calendar_table_html,
    cohort_table_html,
    deliveries_html,
    groups_html,
    key_sheet,
    preparation_section,
    preparation_sheet,
)
from lib.documents.study import cohort_csv
from lib.evaluate import Evaluation
from lib.findings import Finding
from lib.plan import Plan
from lib.tables.compounds import CompoundTable
from lib.tables.pumps import PumpCatalog
from lib.ui.allocation import AllocationControl
from lib.ui.changes import documents_only
from lib.ui.download import LOG, DownloadButton, DownloadRefused
from lib.ui.fields import setting_input, setting_text
from lib.ui.fold import Fold
from lib.ui.guarded import FileOpen, GuardedTextarea
from lib.ui.layout import COHORT_SETTINGS
from lib.ui.panel import Panel
from lib.ui.render import findings_html, section_title_html
from lib.ui.shared import html, release_memory, row

AFTER_EXPLANT_TITLES = {
    "conflict": "After explant: figures that cannot be right",
    "caution": "After explant: check these pumps",
    "info": "After explant: notes",
}

MAX_UPLOAD_BYTES = 2_000_000
# A cohort from this size on frees its memory when it is replaced (a collection costs 20 ms).
LARGE_COHORT = 1000
# A page stays light: the CSV and the preparation sheet have every row and solution.
SHOWN_ROWS = 200
SHOWN_SOLUTIONS = 12
PLACEHOLDER = (
    "Paste from a spreadsheet or type, one animal per line:\n"
    "animal_id  group  body_weight_g  [residual_volume_ul  elapsed_days  loaded_volume_ul]\n"
    "R01\tlow\t212.5\nR02\tlow\t230"
)
GROUPS_LABEL = "Dose per group, in the plan's dose unit ('vehicle' for a control)"
GROUPS_PLACEHOLDER = (
    "Each group's dose in the plan's unit, one per line (a group not listed gets the plan's "
    "dose; 'vehicle' for a control):\ncontrol\tvehicle\nlow\t500\nhigh\t1000"
)
EXPLANTS_PLACEHOLDER = (
    "After explant, each pump of a series, one per line (volume loaded: filled less empty "
    "weight, optional):\nanimal_id  pump  residual_volume_ul  elapsed_days  [loaded_volume_ul]\n"
    "R01\t1\t31.5\t14\t203.8"
)
MODES = [(label, mode) for mode, label in CONCENTRATION_MODES.items()]


def _too_large(name: str, size: int) -> str:
    return (
        f"{name} is {size / 1e6:.1f} MB; an animals table is at most {MAX_UPLOAD_BYTES / 1e6:.0f} "
        "MB (5,000 animals), so it was not read (nothing was sent)."
    )


def _stem(plan: Plan) -> str:
    name = re.sub(r"[^A-Za-z0-9]+", "-", f"{plan.compound}-{plan.pump_model}").strip("-")
    return f"pump-study-{name[:60] or 'plan'}"


class CohortPanel(Panel, widgets.VBox):
    """Animals in, per-animal doses, solutions to prepare and the study calendar out.

    Its results (doses, bench cards) and the calendar are each folded away until opened, and
    computed only while open: the results open themselves when animals are entered, the
    calendar when the plan gets an implant date. A file asked for while they are not up to date
    is made from the study computed then.
    """

    def __init__(self, catalog: PumpCatalog, compounds: CompoundTable):
        self.catalog, self.compounds = catalog, compounds
        self._plan, self._evaluation, self._callbacks = None, None, []
        # Why the files cannot be made now: the page's plan (``stale``, Panel's) or the cohort.
        self.problem: str | None = None
        self.result: CohortEvaluation | None = None
        self.events = []
        # The last cohort read without problems and the notes on its reading; ``_invalid`` while
        # the entries shown are no cohort.
        self._cohort: Cohort | None = None
        self._notes: list[Finding] = []
        self._invalid = False
        self._typed = False  # whether the animals' box holds anything
        # What is out of date: "result" (evaluate again), "document" (the bench cards and
        # calendar only: a field only they read changed), or None; the parts drawn since.
        self._outdated: str | None = "result"
        self._document: StudyDocument | None = None
        self._drawn: set[str] = set()
        self.evaluations = 0  # how many times the cohort was evaluated (tests count them)
        self._build_inputs()
        self._build_outputs()
        super().__init__(self._children())
        self.add_class("pd-cohort")

    def _build_inputs(self) -> None:
        self.animals = GuardedTextarea(PLACEHOLDER, MAX_TABLE_CHARACTERS, "cohort-animals")
        self.animals.add_class("pd-cohort-animals")
        self.group_doses = GuardedTextarea(
            GROUPS_PLACEHOLDER, MAX_TABLE_CHARACTERS, "cohort-group-doses"
        )
        self.group_doses.add_class("pd-cohort-group-doses")
        self.explants = GuardedTextarea(
            EXPLANTS_PLACEHOLDER, MAX_TABLE_CHARACTERS, "cohort-explants"
        )
        self.explants.add_class("pd-cohort-explants")
        self.upload = FileOpen("Open a CSV file", ".csv,.tsv,.txt,text/csv", MAX_UPLOAD_BYTES)
        self.upload.add_class("pd-cohort-upload")
        self.mode = widgets.ToggleButtons(options=MODES, value="group")
        self.mode.style.button_width = "15em"
        self.mode.add_class("pd-cohort-mode")
        self.blinded = widgets.Checkbox(False, description="Blinded sheets (codes A, B, C)")
        self.blinded.add_class("pd-cohort-blinded")
        defaults = Cohort()
        self.settings = {
            field: setting_input(COHORT_SPECS[field], name, getattr(defaults, field))
            for name, field in COHORT_SETTINGS.items()
        }
        self.allocation = AllocationControl(self.animals)
        watched = (self.animals, self.group_doses, self.explants, self.mode, self.blinded)
        for widget in (*watched, self.allocation.seed, *self.settings.values()):
            widget.observe(lambda change: self.refresh(), "value")
        self.upload.on_open(self._on_open)
        self.upload.on_refuse(lambda name, size: self._file_problem(_too_large(name, size)))

    def _build_outputs(self) -> None:
        self.message = html(css_class="pd-cohort-message")
        self.groups = html(css_class="pd-cohort-groups")
        self.table = html(css_class="pd-cohort-table")
        self.preparation = html(css_class="pd-preparation")
        self.calendar = html(css_class="pd-calendar")
        self.delivery = html(css_class="pd-delivery")
        specs = [
            ("pd-export-cohort-csv", "Cohort (CSV)", "text/csv", self._cohort_csv, "-cohort.csv"),
            ("pd-export-preparation", "Preparation sheet", "text/html", self._sheet,
             "-preparation.html"),
            ("pd-export-blinded", "Blinded sheet", "text/html", self._blinded, "-blinded.html"),
            ("pd-export-key", "Key sheet", "text/html", self._key, "-key.html"),
            ("pd-export-calendar-csv", "Calendar (CSV)", "text/csv", self._calendar_csv,
             "-calendar.csv"),
            ("pd-export-ics", "Calendar (.ics)", "text/calendar", self._ics, ".ics"),
        ]  # fmt: skip
        self.downloads = [self._button(*spec) for spec in specs]
        # The calendar of events and its files, shown by the page with the calendar's inputs.
        self.calendar_view = (self.calendar, row(self.downloads[4:]))
        self.calendar_fold = Fold("calendar", list(self.calendar_view), "the calendar")
        self.calendar_fold.on_toggle(self._update)

    def _button(self, css_class, label, mime, make, ending) -> DownloadButton:
        button = DownloadButton(label, mime, make, lambda: _stem(self._plan) + ending)
        button.add_class(css_class)
        return button

    def _children(self) -> list:
        def heading(text: str, page_heading: str = "") -> widgets.HTML:
            return html(section_title_html(text, page_heading))

        settings = row(list(self.settings.values()))
        downloads = row(self.downloads[:4])
        body = [
            self.allocation,
            settings,
            self.message,
            self.groups,
            self.table,
            heading("Bench preparation"),
            self.preparation,
            heading("After explant"),
            self.explants,
            self.delivery,
            downloads,
        ]
        # The animals' box stays in sight: what is pasted there opens the rest.
        self.fold = Fold("cohort", body, "the doses and bench cards")
        self.fold.on_toggle(self._update)
        return [
            heading("Animals and their doses", page_heading="Cohort and bench"),
            row([self.upload, self.mode, self.blinded]),
            row([self.animals, self._group_doses_box()]),
            self.fold.toggle,
            self.fold.body,
        ]

    def fold_calendar(self, inputs: list) -> tuple:
        """The calendar's part of the page: ``inputs`` (the plan's dates and times, always in
        view: they are entries, not results), then the toggle and the folded calendar."""
        return (*inputs, self.calendar_fold.toggle, self.calendar_fold.body)

    def _group_doses_box(self) -> widgets.VBox:
        label = html(f"<div class='pd-small'>{GROUPS_LABEL}</div>")
        box = widgets.VBox([label, self.group_doses])
        box.add_class("pd-cohort-group-doses-box")
        return box

    # -- values ---------------------------------------------------------------------------------

    @property
    def value(self) -> Cohort:
        """The last cohort read without problems (what the results show once computed)."""
        return self._cohort or Cohort()

    @value.setter
    def value(self, cohort: Cohort) -> None:
        """Show a saved cohort in the inputs (a file opened)."""
        self.animals.value = animals_to_text(cohort.animals)
        self.group_doses.value = groups_to_text(cohort.groups)
        self.explants.value = explants_to_text(cohort.explants)
        self.mode.value = cohort.concentration_mode
        self.blinded.value = cohort.blinded
        seed = cohort.allocation_seed
        self.allocation.seed.value = "" if seed is None else str(seed)
        for field, box in self.settings.items():
            box.value = setting_text(getattr(cohort, field))
        self.refresh()

    def on_change(self, callback) -> None:
        """Call ``callback(cohort)`` after the cohort shown changes."""
        self._callbacks.append(callback)

    def show(self, plan: Plan, evaluation: Evaluation, changed=None) -> None:
        """The dashboard's plan changed (``changed``: its fields that did, None for any):
        evaluate the cohort with it, as far as the parts open show it."""
        dated = self._plan is not None and self._plan.implant_date
        relabel = documents_only(changed) and self._outdated != "result" and self.result
        self._plan, self._evaluation = plan, evaluation
        if changed is not None and not changed:
            return  # the same plan again (after an entry was fixed): nothing changed here
        if relabel:  # fields only the documents read: the study's figures stand
            self.result = replace(self.result, plan=plan, evaluation=evaluation)
            self._outdated = "document"
        else:
            self._outdated = "result"
        self._drawn = set()
        if plan.implant_date and not dated:
            self.calendar_fold.open()  # a date entered: the calendar is in use (it updates)
        if self._cohort is None:
            self.refresh()  # read the cohort once; after that its inputs call refresh
        else:
            self._update()

    def read(self) -> tuple[Cohort | None, list[Finding]]:
        """The cohort the inputs describe, and the problems with what was typed."""
        animals, problems = parse_animals(self.animals.value)
        explants, explant_problems = parse_explants(self.explants.value)
        groups, group_problems = parse_groups(self.group_doses.value)
        values = {field: box.value for field, box in self.settings.items()}
        values |= {"animals": animals, "explants": explants, "concentration_mode": self.mode.value}
        values["allocation_seed"] = self.allocation.seed.value
        values |= {"groups": groups, "blinded": self.blinded.value}
        cohort, refused = cohort_from_values(values)
        return cohort, [*problems, *group_problems, *explant_problems, *refused]

    # -- reacting -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the cohort; evaluate it with the plan as far as the parts open show it (entering
        animals opens them); bad entries keep the last result."""
        if self._plan is None:
            return
        cohort, problems = self.read()
        was_typed, typed = self._typed, bool(self.animals.value.strip())
        self._typed = typed
        if cohort is None:
            heading = "Fix these entries: the results below are for the last valid cohort"
            self.message.value = findings_html(problems, heading)
            self.problem = "Fix the cohort's entries first: the files would be of an earlier one."
            self._invalid = True
        else:
            self._cohort, self._notes, self._invalid = cohort, problems, False
            self._outdated, self._drawn = "result", set()
        if typed and not was_typed:
            self.fold.open()  # animals entered: the cohort is in use (it opens and updates)
        if cohort is None:
            return
        self._update()
        for callback in self._callbacks:
            callback(cohort)

    def _update(self) -> None:
        """Compute and draw the parts open that are out of date."""
        wanted = {"results"} if self.fold.opened else set()
        wanted |= {"calendar"} if self.calendar_fold.opened else set()
        wanted -= self._drawn
        if not wanted or not self._ensure():
            return
        if "results" in wanted:
            self._render(self.result, self._document, self._notes)
        if "calendar" in wanted:
            self.calendar.value = calendar_table_html(self.events)
        self._drawn |= wanted

    def _ensure(self) -> bool:
        """Bring the study up to date for the plan and cohort shown; False when it cannot be
        (entries to fix, or its evaluation failed: the message says so)."""
        if self._plan is None or self._cohort is None or self._invalid:
            return False
        if self._outdated is None:
            return self.result is not None
        cohort, outdated = self._cohort, self._outdated
        self._outdated = None
        try:
            result = self.result
            if outdated == "result":
                self.evaluations += 1
                result = evaluate_cohort(
                    self._plan, cohort, self.catalog, self.compounds, self._evaluation
                )
            document = model_of(result)  # the bench cards and the calendar read it
            events = document.calendar
        except Exception as error:  # the page must never show a traceback
            LOG.exception("the cohort could not be evaluated")
            message = f"The cohort could not be evaluated ({error})."
            self.message.value = findings_html(
                [Finding("cohort_failed", "conflict", "animals", message, "")]
            )
            self.result, self.events, self.problem, self._document = None, [], message, None
            return False
        earlier = self.result.cohort.animals if self.result else ()
        large = max(len(cohort.animals), len(earlier)) > LARGE_COHORT
        self.result, self.events, self.problem, self._document = result, events, None, document
        if large and outdated == "result":
            release_memory()  # a large table's evaluation is gone: give its pages back
        return True

    def _render(
        self, result: CohortEvaluation, document: StudyDocument, problems: list[Finding]
    ) -> None:
        notes = [*problems, *(f for f in result.findings if f.code not in AFTER_EXPLANT_CODES)]
        heading = "Lines of the animals table that were left out, and notes on the cohort"
        self.message.value = findings_html(notes, heading) if notes else ""
        explanted = [f for f in result.findings if f.code in AFTER_EXPLANT_CODES]
        after = findings_html(explanted, titles=AFTER_EXPLANT_TITLES) if explanted else ""
        self.groups.value = groups_html(result)
        self.table.value = cohort_table_html(result, SHOWN_ROWS)
        self.preparation.value = preparation_section(document, SHOWN_SOLUTIONS)
        self.delivery.value = after + deliveries_html(result.deliveries, SHOWN_ROWS)

    def _on_open(self, name: str, data: bytes) -> None:
        if len(data) > MAX_UPLOAD_BYTES:
            self._file_problem(_too_large(name, len(data)))
            return
        try:  # a byte-order mark (Excel's "CSV UTF-8" writes one) is allowed
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            self._file_problem(f"{name} is not a UTF-8 text file.")
            return
        self.animals.value = text  # shown, editable, and read like typed text

    def _file_problem(self, message: str) -> None:
        self.fold.open()  # the message is shown with the results
        suggestion = "Save the sheet as CSV (UTF-8) and choose that file."
        finding = Finding("invalid_animal_table", "conflict", "animals", message, suggestion)
        self.message.value = findings_html([finding])

    # -- files ----------------------------------------------------------------------------------

    def _current(self) -> CohortEvaluation:
        """The study the files are made of; refused while the entries shown are not it."""
        if not self.stale:
            self._ensure()  # folded away, it may not be computed for the plan shown yet
        reason = self.stale or self.problem
        if reason or self.result is None:
            raise DownloadRefused(reason or "There is no study to save yet.")
        return self.result

    def _dated_events(self):
        self._current()
        if not self.events:
            raise DownloadRefused("Set the implant date first: it dates every step.")
        return self.events

    def _cohort_csv(self) -> str:
        return cohort_csv(self._current())

    def _sheet(self) -> str:
        return preparation_sheet(self._current())

    def _blinded(self) -> str:
        return blinded_sheet(self._coded())

    def _key(self) -> str:
        return key_sheet(self._coded())

    def _coded(self) -> CohortEvaluation:
        study = self._current()
        if not study.cohort.blinded:
            raise DownloadRefused("Tick 'Blinded sheets' first: the sheets name each group.")
        return study

    def _calendar_csv(self) -> str:
        return calendar_to_csv(self._dated_events())

    def _ics(self) -> str:
        return events_to_ics(self._dated_events(), self._plan).decode("utf-8")
