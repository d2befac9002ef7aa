"""The cohort panel: the animals table, bench preparation, the calendar and delivery after explant.

It follows the house rule for callbacks: read the cohort inputs into a ``Cohort``, call
``evaluate_cohort`` with the dashboard's plan and evaluation, render the result.
"""

import re

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
from lib.ui.download import LOG, DownloadButton, DownloadRefused
from lib.ui.fields import setting_input, setting_text
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
    """Animals in, per-animal doses, solutions to prepare and the study calendar out."""

    def __init__(self, catalog: PumpCatalog, compounds: CompoundTable):
        self.catalog, self.compounds = catalog, compounds
        self._plan, self._evaluation, self._callbacks = None, None, []
        # Why the files cannot be made now: the page's plan (``stale``, Panel's) or the cohort.
        self.problem: str | None = None
        self.result: CohortEvaluation | None = None
        self.events = []
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
        self.upload = FileOpen(
            "Animals from a CSV file", ".csv,.tsv,.txt,text/csv", MAX_UPLOAD_BYTES
        )
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

    def _button(self, css_class, label, mime, make, ending) -> DownloadButton:
        button = DownloadButton(label, mime, make, lambda: _stem(self._plan) + ending)
        button.add_class(css_class)
        return button

    def _children(self) -> list:
        def heading(text: str, page_heading: str = "") -> widgets.HTML:
            return html(section_title_html(text, page_heading))

        settings = row(list(self.settings.values()))
        downloads = row(self.downloads[:4])
        return [
            heading("Animals and their doses", page_heading="Cohort and bench"),
            row([self.upload, self.mode, self.blinded]),
            row([self.animals, self._group_doses_box()]),
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

    def _group_doses_box(self) -> widgets.VBox:
        label = html(f"<div class='pd-small'>{GROUPS_LABEL}</div>")
        box = widgets.VBox([label, self.group_doses])
        box.add_class("pd-cohort-group-doses-box")
        return box

    # -- values ---------------------------------------------------------------------------------

    @property
    def value(self) -> Cohort:
        """The last cohort read without problems (what the results show)."""
        return self.result.cohort if self.result else Cohort()

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

    def show(self, plan: Plan, evaluation: Evaluation) -> None:
        """The dashboard's plan changed: evaluate the cohort with it."""
        self._plan, self._evaluation = plan, evaluation
        self.refresh()

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
        """Read the cohort, evaluate it with the plan, render; bad entries keep the last result."""
        if self._plan is None:
            return
        cohort, problems = self.read()
        if cohort is None:
            heading = "Fix these entries: the results below are for the last valid cohort"
            self.message.value = findings_html(problems, heading)
            self.problem = "Fix the cohort's entries first: the files would be of an earlier one."
            return
        try:
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
            self.result, self.events, self.problem = None, [], message
            return
        large = max(len(cohort.animals), len(self.value.animals)) > LARGE_COHORT
        self.result, self.events, self.problem = result, events, None
        if large:
            release_memory()  # a large table's evaluation is gone: give its pages back
        self._render(result, document, problems)
        for callback in self._callbacks:
            callback(cohort)

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
        self.calendar.value = calendar_table_html(self.events)
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
        suggestion = "Save the sheet as CSV (UTF-8) and choose that file."
        finding = Finding("invalid_animal_table", "conflict", "animals", message, suggestion)
        self.message.value = findings_html([finding])

    # -- files ----------------------------------------------------------------------------------

    def _current(self) -> CohortEvaluation:
        """The study the files are made of; refused while the entries shown are not it."""
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
