"""The export panel: downloads (JSON, CSV, protocol sheet), opening a saved plan, share link."""

import os
import re

import ipywidgets as widgets

from lib.cohort.animals import Cohort
from lib.documents.links import (
    MAX_QUERY_CHARACTERS,
    binder_share_link,
    lesson_query,
    plan_to_query,
)
from lib.documents.protocol import protocol_html
from lib.documents.spreadsheet import plan_to_csv, timecourse_to_csv
from lib.documents.study import study_from_json, study_to_json
from lib.plan import Plan
from lib.tables.pumps import PumpCatalog
from lib.ui.download import DownloadButton, DownloadRefused
from lib.ui.guarded import FileOpen
from lib.ui.panel import Panel
from lib.ui.render import caption_html, findings_html, message_html, page_heading_html
from lib.ui.share import ShareLink
from lib.ui.shared import html, release_memory, row

# Every study file the app saves stays under this (lib/documents/study.py keeps at most 20,000
# rows of results, about 11 MB); the file travels in 1 MB messages (lib/ui/guarded.py), well
# under the server's websocket limit (10 MiB, tornado's default).
MAX_UPLOAD_BYTES = 16_000_000


def _file_stem(plan: Plan) -> str:
    """A file name from the compound and pump, in characters every file system takes."""
    name = re.sub(r"[^A-Za-z0-9]+", "-", f"{plan.compound}-{plan.pump_model}").strip("-")
    return f"pump-plan-{name[:60] or 'plan'}"


class ExportPanel(Panel, widgets.VBox):
    """Saves the plan in ``.value`` on request, opens saved plans, and keeps the share link;
    while ``stale``, the page's entries are no plan, and no file is made."""

    def __init__(self, catalog: PumpCatalog, plan: Plan | None = None):
        self.catalog, self._value, self._import_callbacks = catalog, plan or Plan(), []
        self.cohort = Cohort()  # the dashboard keeps it current; files carry it with the plan
        self._lesson = None  # the lesson open at the top of the page: its link carries it
        self.downloads = [self._button(*spec) for spec in self._download_specs()]
        self.upload = FileOpen(
            "Open a saved plan (.json)", ".json,application/json", MAX_UPLOAD_BYTES
        )
        self.upload.add_class("pd-import")
        self.upload.on_open(self._on_open)
        self.upload.on_refuse(self._on_refuse)
        self.message = html(css_class="pd-import-message")
        self.share = ShareLink()
        self.share.add_class("pd-share-link")
        self._draw()
        heading = html(
            page_heading_html("Export and share") + caption_html("Save, open and share this plan")
        )
        buttons = row([*self.downloads, self.upload])
        super().__init__([heading, buttons, self.message, self.share])
        self.add_class("pd-exports")

    @property
    def lesson(self):
        return self._lesson

    @lesson.setter
    def lesson(self, lesson) -> None:
        if lesson != self._lesson:
            self._lesson = lesson
            self._draw()

    def _query(self) -> str:
        """The plan's query; a lesson's names the lesson, and the plan only if it was changed."""
        query = plan_to_query(self.value)
        if self._lesson is None:
            return query
        return lesson_query(self._lesson.name, None if self.value == self._lesson.plan else query)

    def _download_specs(self):
        return [
            (
                "pd-export-json",
                "Plan (JSON)",
                "application/json",
                lambda plan, catalog: study_to_json(plan, self.cohort, catalog),
                ".json",
                "The plan and cohort, their results and findings, and the sources; opens again "
                "here",
            ),
            (
                "pd-export-csv",
                "Plan (CSV)",
                "text/csv",
                plan_to_csv,
                ".csv",
                "Field, value and unit rows, for a spreadsheet",
            ),
            (
                "pd-export-timecourse",
                "Time course (CSV)",
                "text/csv",
                timecourse_to_csv,
                "-timecourse.csv",
                "The dose, weight and reservoir day by day",
            ),
            (
                "pd-export-protocol",
                "Protocol sheet",
                "text/html",
                lambda plan, catalog: protocol_html(plan, catalog, cohort=self.cohort),
                "-protocol.html",
                "A page to print: preparation, implantation, dates, findings",
            ),
        ]

    def _button(self, css_class, label, mime, make, ending, hint) -> DownloadButton:
        button = DownloadButton(
            label,
            mime,
            lambda: make(self._current(), self.catalog),
            lambda: _file_stem(self.value) + ending,
            hint,
        )
        button.add_class(css_class)
        return button

    def _current(self) -> Plan:
        """The plan the files are made of; refused while the page shows entries it cannot use,
        so that no file is of an earlier plan than the one on the screen."""
        if self.stale:
            raise DownloadRefused(self.stale)
        return self.value

    def _draw(self) -> None:
        """The address bar and the link to copy follow the plan, unless it is too long for one."""
        query = self._query()
        if len(query) > MAX_QUERY_CHARACTERS:
            self.share.message = (
                f"This plan is too long for a link ({len(query):,} characters; a link holds "
                f"{MAX_QUERY_CHARACTERS:,}): save it with 'Plan (JSON)' and send the file."
            )
            query = ""
        else:
            self.share.message = ""
        self.share.query = query
        self.share.binder_link = self._binder_link(query)

    def _binder_link(self, query: str) -> str:
        host = os.environ.get("BINDER_LAUNCH_HOST")
        request = os.environ.get("BINDER_PERSISTENT_REQUEST")
        if not (host and request) or self.share.message:
            return ""
        return binder_share_link(query, host, request)

    def on_import(self, callback) -> None:
        """Call ``callback(plan, cohort, findings)`` when a saved plan is opened."""
        self._import_callbacks.append(callback)

    def _on_open(self, name: str, data: bytes) -> None:
        try:
            plan, cohort, findings = self._read(name, data)
        except ValueError as error:
            self.message.value = message_html(str(error), note="")
            return
        heading = f"Opened {name}"
        self.message.value = (
            findings_html(findings, heading + ": notes on the file")
            if findings
            else caption_html(heading)
        )
        for callback in self._import_callbacks:
            callback(plan, cohort, findings)
        release_memory()  # the file's text and parse are gone: give their pages back

    def _on_refuse(self, name: str, size: int) -> None:
        self.message.value = message_html(_too_large(name, size), note="")

    def _read(self, name: str, data: bytes) -> tuple[Plan, Cohort, list]:
        """The plan in an opened file; a ValueError names the file and what to do."""
        if len(data) > MAX_UPLOAD_BYTES:
            raise ValueError(_too_large(name, len(data)))
        try:  # a byte-order mark (Windows tools write one) is allowed
            return study_from_json(data.decode("utf-8-sig"), self.catalog)
        except (UnicodeDecodeError, ValueError):
            raise ValueError(
                f"{name} is not a plan saved by this app (not UTF-8 JSON). "
                "Choose the .json file from 'Plan (JSON)'."
            ) from None


def _too_large(name: str, size: int) -> str:
    return (
        f"{name} is {size / 1e6:.1f} MB; a plan saved by this app is at most "
        f"{MAX_UPLOAD_BYTES / 1e6:.0f} MB, so it was not opened (nothing was sent). "
        "Choose the .json file from 'Plan (JSON)'."
    )
