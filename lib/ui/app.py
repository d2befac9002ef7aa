"""The dashboard: inputs on the left, results on the right, wired by one callback."""

import os
from dataclasses import replace

import ipywidgets as widgets

from lib.calc.advisor import rank_pumps
from lib.documents.links import plan_from_query
from lib.evaluate import evaluate
from lib.findings import Finding
from lib.plan import Plan, plan_from_values
from lib.tables.compounds import CompoundTable
from lib.tables.pumps import PumpCatalog
from lib.ui.advisor import PumpAdvisor
from lib.ui.cohort import CohortPanel
from lib.ui.exports import ExportPanel
from lib.ui.inputs import PlanInputs
from lib.ui.panels import DosePlot, FindingList, ResultSummary
from lib.ui.render import findings_html, message_html
from lib.ui.shared import html, row
from lib.ui.teaching import TeachingPanel

STYLE = """<style>
.pd-app { font-family: Arial, Helvetica, sans-serif; font-size: 15px; color: #222; }
.pd-section-title { font-weight: bold; font-size: 16px; border-bottom: 1px solid #ccc;
  margin: 6px 0 4px 0; }
.pd-label { font-size: 14px; }
.pd-card { border: 1px solid #c9d6e8; border-radius: 6px; padding: 8px 14px; background: #f4f8fd; }
.pd-caption { font-size: 13px; color: #555; text-transform: uppercase; letter-spacing: 0.04em; }
.pd-big { font-size: 34px; font-weight: bold; color: #1f5fa8; line-height: 1.3; }
.pd-small { font-size: 14px; color: #444; }
.pd-formula-lines { font-family: Menlo, Consolas, monospace; font-size: 13.5px; margin: 6px 0;
  line-height: 1.6; }
.pd-finding { border-left: 6px solid; border-radius: 4px; padding: 6px 10px; margin: 4px 0;
  line-height: 1.4; }
.pd-finding-conflict { border-color: #b00020; background: #fdecee; }
.pd-finding-caution { border-color: #c77700; background: #fff5e0; }
.pd-finding-info { border-color: #1f5fa8; background: #eef4fb; }
.pd-finding-none { border-color: #2e7d32; background: #edf7ee; }
.pd-finding-suggestion { margin-top: 3px; }
.pd-input-error { border: 2px solid #b00020; border-radius: 4px; padding: 6px 10px;
  background: #fdecee; margin-bottom: 6px; }
.pd-group { margin: 6px 0; }
.pd-group-title { font-weight: bold; margin: 4px 0 2px 0; }
.pd-badge { display: inline-block; width: 1.3em; height: 1.3em; line-height: 1.3em;
  border-radius: 50%; text-align: center; color: white; font-weight: bold; font-size: 12px;
  margin-right: 4px; }
.pd-badge-conflict { background: #b00020; } .pd-badge-caution { background: #c77700; }
.pd-badge-info { background: #1f5fa8; }
.pd-badge-feasible, .pd-badge-none { background: #2e7d32; }
.pd-flagged-conflict { outline: 3px solid #b00020; outline-offset: 1px; border-radius: 3px; }
.pd-flagged-caution { outline: 3px solid #c77700; outline-offset: 1px; border-radius: 3px; }
.pd-fix { background: #1f5fa8 !important; color: white !important; margin: 2px 6px 2px 0; }
.pd-advisor-cells { display: flex; gap: 10px; align-items: baseline; font-size: 13.5px; }
.pd-cell-wide { width: 8.5em; } .pd-cell { width: 8em; }
.pd-reasons { color: #555; flex: 1; }
.pd-verdict-conflict { color: #7a0015; } .pd-verdict-conflict .pd-reasons { color: #7a0015; }
.pd-delivered-dose { font-size: 16px; margin-top: 4px; }
.pd-share-link-value { width: 32em; max-width: 90%; margin-right: 6px; font-size: 13px; }
.pd-download-button { margin: 2px 6px 2px 0; width: auto !important; padding: 0 10px; }
.pd-scenario-text { background: #eef4fb; border-left: 6px solid #1f5fa8; padding: 6px 10px;
  margin: 4px 0; }
.pd-working-steps li { margin: 3px 0; line-height: 1.45; }
.pd-table { border-collapse: collapse; font-size: 13.5px; margin: 4px 0; }
.pd-table th, .pd-table td, .pd-calendar-rows td, .pd-calendar-rows th, .pd-solution td,
.pd-solution th { border: 1px solid #c9d6e8; padding: 2px 8px; text-align: left; }
.pd-calendar-rows, .pd-solution table { border-collapse: collapse; font-size: 13.5px; }
.pd-outside { color: #b00020; font-weight: bold; }
.pd-cohort { margin-top: 14px; border-top: 2px solid #c9d6e8; padding-top: 6px; }
@media print { .pd-inputs .widget-slider { display: none; } }
</style>"""


def plan_from_environment(catalog: PumpCatalog) -> tuple[Plan, list[Finding]]:
    """The plan of a share link: Voila hands the page's query string to the kernel.

    A preheated kernel (standalone Voila with a kernel pool) ran the notebook before anyone
    asked for it: it waits here for the visit's query string (shared TECH_NOTES.md).
    """
    if os.environ.get("VOILA_PREHEAT", "False") != "False":
        from voila.utils import get_query_string

        return plan_from_query(get_query_string() or "", catalog)
    return plan_from_query(os.environ.get("QUERY_STRING", ""), catalog)


class Dashboard(widgets.VBox):
    """Reads the inputs into a plan, evaluates it, and shows the result, on every change."""

    def __init__(
        self,
        inputs: PlanInputs,
        summary: ResultSummary,
        findings: FindingList,
        advisor: PumpAdvisor,
        plot: DosePlot,
        exports: ExportPanel,
        teaching: TeachingPanel,
        cohort: CohortPanel,
        catalog: PumpCatalog,
        compounds: CompoundTable,
        link: tuple[Plan, list[Finding]] | None = None,
    ):
        self.inputs, self.summary, self.findings = inputs, summary, findings
        self.advisor, self.plot, self.exports = advisor, plot, exports
        self.teaching, self.cohort = teaching, cohort
        self.catalog, self.compounds = catalog, compounds
        self.message = html(css_class="pd-message")
        results = widgets.VBox(
            [teaching, self.message, summary, findings, advisor, plot, exports],
            layout=widgets.Layout(flex="1 1 480px", min_width="420px"),
        )
        inputs.layout = widgets.Layout(flex="0 1 560px")
        columns = row([inputs, results])
        super().__init__([html(STYLE), columns, cohort])
        self.add_class("pd-app")
        self.plan = None
        if link is not None:
            inputs.value = link[0]  # before the callbacks: the refresh below shows it once
        inputs.on_change(self.refresh)
        findings.on_fix(self.apply)
        advisor.on_choose(lambda model: self.apply({"pump_model": model}))
        exports.on_import(self._open)
        cohort.on_change(lambda value: setattr(self.exports, "cohort", value))
        teaching.on_scenario(lambda plan: setattr(self.inputs, "value", plan))
        self.refresh()
        if link is not None and link[1]:
            heading = "The link's parameters that could not be used"
            self.message.value = findings_html(link[1], heading)

    def _open(self, plan: Plan, cohort, findings) -> None:
        """A saved file opened: its plan and its cohort replace what is shown."""
        self.inputs.value = plan
        self.cohort.value = cohort

    def apply(self, changes: dict) -> None:
        """Change some fields of the last valid plan (a one-click fix, an advisor choice)."""
        self.inputs.value = replace(self.plan, **changes)

    def refresh(self) -> None:
        """Read the inputs, evaluate, render: what the scientist watches first (the number, the
        findings, the plot), then the advisor, teaching, exports and cohort below them."""
        plan, problems = plan_from_values(self.inputs.values)
        if plan is None:
            self._show_input_problems(problems)
            return
        try:
            evaluation = evaluate(plan, self.catalog, self.compounds)
        except Exception as error:  # the page must never show a traceback
            self.message.value = message_html(f"This plan could not be evaluated ({error}).")
            return
        self.plan, self.message.value = plan, ""
        self.summary.value = evaluation
        self.findings.value = evaluation.findings
        self.inputs.flag(_worst_severity_by_field(evaluation.findings))
        self.plot.value = evaluation
        self._refresh_below(plan, evaluation)

    def _refresh_below(self, plan: Plan, evaluation) -> None:
        try:
            table = rank_pumps(plan, self.catalog, self.compounds)
        except Exception as error:  # the page must never show a traceback
            self.message.value = message_html(f"The pump advisor could not judge ({error}).")
            return
        self.advisor.current_model = plan.pump_model
        self.advisor.value = table
        self.teaching.value = evaluation
        self.exports.value = plan
        self.cohort.show(plan, evaluation)  # last: a large cohort must not delay the rest

    def _show_input_problems(self, problems) -> None:
        heading = "Fix these entries: the results below are for the last valid plan"
        self.message.value = findings_html(problems, heading)
        self.inputs.flag({finding.field: "conflict" for finding in problems})


def _worst_severity_by_field(findings) -> dict[str, str]:
    """The field each finding concerns, with its worst severity (findings come conflicts first)."""
    worst = {}
    for finding in findings:
        worst.setdefault(finding.field, finding.severity)
    return worst
