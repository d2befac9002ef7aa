"""The dashboard: inputs on the left, results on the right, wired by one callback."""

from dataclasses import dataclass, replace

import ipywidgets as widgets

from lib.documents.links import plan_from_query, split_lesson
from lib.evaluate import evaluate
from lib.findings import Finding
from lib.plan import Plan, plan_from_values
from lib.tables.compounds import CompoundTable
from lib.tables.pumps import PumpCatalog
from lib.ui.advisor import PumpAdvisor
from lib.ui.assets import asset
from lib.ui.changes import changed_fields, documents_only, relabelled
from lib.ui.cohort import CohortPanel
from lib.ui.connection import ConnectionWatch
from lib.ui.download import LOG
from lib.ui.exports import ExportPanel
from lib.ui.inputs import PlanInputs
from lib.ui.lesson import HIDING_CLASS, LessonPanel
from lib.ui.panels import DosePlot, FindingList, ResultSummary
from lib.ui.preheat import visit_query_string
from lib.ui.regimens import RegimenPicker
from lib.ui.render import findings_html, message_html, page_heading_html, result_bar_html
from lib.ui.shared import html, row
from lib.ui.teaching import TeachingPanel

AWAITING_NAME = Finding(
    "compound_name_awaited",
    "info",
    "compound",
    "Type your compound's name under Compound name.",
    "Enter its solubility in your vehicle and its molecular weight too, if you have them: the "
    "app then checks them.",
)
STALE_LABEL = (
    "<div class='pd-caption'>Results of the last valid plan: fix the entries above to update</div>"
)
# The page's own CSS, a file beside this module.
STYLE = asset("app.css")


@dataclass(frozen=True)
class Link:
    """What a share link opens: its plan (None: only a lesson, whose own plan is shown), what
    could not be read of it, and the lesson it names."""

    plan: Plan | None
    problems: list[Finding]
    lesson: str | None = None


def read_link(query: str, catalog: PumpCatalog) -> Link:
    lesson, plan_query = split_lesson(query)
    if lesson is not None and not plan_query:
        return Link(None, [], lesson)
    plan, problems = plan_from_query(plan_query, catalog)
    return Link(plan, problems, lesson)


def plan_from_environment(catalog: PumpCatalog) -> Link:
    """The plan of a share link: Voila hands the page's query string to the kernel.

    A preheated kernel (standalone Voila with a kernel pool) ran the notebook before anyone
    asked for it: it waits here for the visit's query string (``lib.ui.preheat``). A browser
    kernel (the static site) has none: the share link's view sends the page's (`_open_link`).
    """
    return read_link(visit_query_string(), catalog)


class Dashboard(widgets.VBox):
    """Reads the inputs into a plan, evaluates it, and shows the result, on every change."""

    def __init__(
        self,
        *,
        inputs: PlanInputs,
        summary: ResultSummary,
        findings: FindingList,
        advisor: PumpAdvisor,
        plot: DosePlot,
        exports: ExportPanel,
        teaching: TeachingPanel,
        lesson: LessonPanel,
        cohort: CohortPanel,
        regimens: RegimenPicker,
        catalog: PumpCatalog,
        compounds: CompoundTable,
        link: Link | None = None,
    ):
        self.inputs, self.summary, self.findings = inputs, summary, findings
        self.advisor, self.plot, self.exports = advisor, plot, exports
        self.teaching, self.cohort, self.regimens = teaching, cohort, regimens
        self.lesson = lesson
        self.catalog, self.compounds = catalog, compounds
        self.message = html(css_class="pd-message")
        self.bar = html(css_class="pd-result-bar")
        # Says in the bar when the kernel is gone (the browser's own watch: nothing is sent).
        self.connection = ConnectionWatch(exports.share)
        self.results = widgets.VBox(
            [self.message, summary, findings, advisor, plot],
            layout=widgets.Layout(flex="1 1 440px"),
        )
        self.results.add_class("pd-results-column")
        # A published regimen to start from, above the inputs it fills.
        entry = widgets.VBox([regimens, inputs], layout=widgets.Layout(flex="0 1 500px"))
        columns = row([entry, self.results])
        columns.add_class("pd-columns")
        # The calendar's inputs, then the calendar of events they date (from the cohort panel),
        # folded until it is opened.
        heading, *dates = inputs.calendar.children
        inputs.calendar.children = (heading, *cohort.fold_calendar(dates))
        # The plan and its answer first; each later part's heading is in its first HTML.
        teaching_heading = html(page_heading_html("Teaching"))
        super().__init__(
            [html(f"<style>{STYLE}</style>"), self.bar, self.connection, lesson, columns, cohort]
            + [inputs.calendar]
            + [exports, teaching_heading, teaching]
        )
        self.add_class("pd-app")
        self.plan, self.evaluation = None, None
        if link is not None:  # before the callbacks: the refresh below shows it once
            inputs.value = self._link_plan(link)
        inputs.on_change(self.refresh)
        findings.on_fix(self.apply)
        advisor.on_choose(lambda model: self.apply({"pump_model": model}))
        advisor.on_apply(self.apply)
        exports.on_import(self._open)
        cohort.on_change(lambda value: setattr(self.exports, "cohort", value))
        lesson.on_plan(lambda plan: setattr(self.inputs, "value", plan))
        lesson.on_state(self._follow_lesson)
        regimens.on_choose(lambda plan: setattr(self.inputs, "value", plan))
        self.refresh()
        self._follow_lesson()
        if link is not None:
            self._report_link(link.problems)
        # A browser kernel has no QUERY_STRING: the share link's view sends the page's own.
        exports.share.observe(lambda change: self._open_link(change["new"]), "page_query")

    def _link_plan(self, link: Link) -> Plan:
        """The link's plan; a lesson's link opens the lesson, and its plan unless it names one."""
        opened = self.lesson.open_lesson(link.lesson, apply_plan=False) if link.lesson else None
        if link.plan is None:
            return opened.plan if opened else Plan()
        return link.plan

    def _open_link(self, query: str) -> None:
        link = read_link(query, self.catalog)
        self.inputs.value = self._link_plan(link)
        self._report_link(link.problems)
        # Even when the link's plan is the one shown (no change of query), the view must follow.
        self.exports.share.page_query_read = True

    def _report_link(self, problems: list[Finding]) -> None:
        if problems:
            heading = "The link's parameters that could not be used"
            self.message.value = findings_html(problems, heading)

    def _follow_lesson(self) -> None:
        """While a lesson's answers are hidden, so are the results that give them (app.css);
        the share link carries the lesson."""
        hiding = self.lesson.hiding
        if hiding and HIDING_CLASS not in self._dom_classes:
            self.add_class(HIDING_CLASS)
        elif not hiding and HIDING_CLASS in self._dom_classes:
            self.remove_class(HIDING_CLASS)
        self.exports.lesson = self.lesson.lesson

    def _open(self, plan: Plan, cohort, findings) -> None:
        """A saved file opened: its plan and its cohort replace what is shown."""
        self.inputs.value = plan
        self.cohort.value = cohort

    def apply(self, changes: dict) -> None:
        """Change some fields of the last valid plan (a one-click fix, an advisor choice); not
        while an entry is invalid: the last valid plan would replace what was typed."""
        if self.plan is not None and not self.findings.stale:
            self.inputs.value = replace(self.plan, **changes)

    def refresh(self) -> None:
        """Read the inputs, evaluate, render: what the scientist watches first (the number, the
        findings, the plot), then the advisor, teaching, exports and cohort below them. Only
        what the changed fields reach is computed and drawn again (``lib.ui.changes``)."""
        plan, problems = plan_from_values(self.inputs.values)
        if plan is None:
            only_name = all(problem.field == "compound" for problem in problems)
            if only_name and self.inputs.awaiting_compound_name():
                problems = [AWAITING_NAME]  # not yet typed: asked for, not marked wrong
            self._show_input_problems(problems)
            return
        changed = changed_fields(self.plan, plan)
        same = documents_only(changed) and self.evaluation is not None
        try:
            if same:  # the study's identity or dates: the plan's figures are as they were
                evaluation = relabelled(self.evaluation, plan, changed)
            else:
                evaluation = evaluate(plan, self.catalog, self.compounds)
        except Exception as error:  # the page must never show a traceback
            LOG.exception("a plan could not be evaluated: %r", plan)
            self._show_stale(f"This plan could not be evaluated ({error}).")
            self.message.value = message_html(f"This plan could not be evaluated ({error}).")
            return
        self.plan, self.evaluation = plan, evaluation
        self._show_stale(None)
        # Notes on how values were read (invisible characters removed, say); else nothing.
        self.message.value = (
            findings_html(problems, "How some entries were read") if problems else ""
        )
        if not same:
            self.summary.value = evaluation  # the number first: what the scientist watches
        self.bar.value = result_bar_html(evaluation)
        if not same:
            self.findings.value = evaluation.findings
        self.inputs.flag(_worst_severity_by_field(evaluation.findings))
        if not same:
            self.plot.value = evaluation
        self._refresh_below(plan, evaluation, changed)

    def _refresh_below(self, plan: Plan, evaluation, changed=None) -> None:
        if not documents_only(changed):
            self.advisor.show(evaluation.advisor_table, plan, evaluation.findings)
        self.teaching.value = evaluation
        self.lesson.follow(evaluation)
        self.exports.value = plan
        # Last: a large cohort must not delay the rest.
        self.cohort.show(plan, evaluation, changed)

    def _show_input_problems(self, problems) -> None:
        heading = "Fix these entries: the results below are for the last valid plan"
        if problems == [AWAITING_NAME]:
            heading = "One more entry: the results below are for the last valid plan"
        self.message.value = findings_html(problems, heading)
        self.inputs.flag({f.field: f.severity for f in problems if f.severity == "conflict"})
        self._show_stale(
            "Fix the entries marked above first: the file would be of an earlier plan."
        )
        self.bar.value = result_bar_html(self.summary.value, problems)

    def _show_stale(self, reason: str | None) -> None:
        """While the entries are no plan, the results are marked as the last valid plan's (grey,
        labelled, no "No conflicts", no buttons that act on them) and no file is made of it."""
        for panel in (self.exports, self.cohort, self.findings, self.advisor):
            panel.stale = reason
        if reason and "pd-stale" not in self.results._dom_classes:
            self.results.add_class("pd-stale")
        elif not reason and "pd-stale" in self.results._dom_classes:
            self.results.remove_class("pd-stale")


def _worst_severity_by_field(findings) -> dict[str, str]:
    """The field each finding concerns, with its worst severity (findings come conflicts first)."""
    worst = {}
    for finding in findings:
        worst.setdefault(finding.field, finding.severity)
    return worst
