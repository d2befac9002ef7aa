"""The dashboard: inputs on the left, results on the right, wired by one callback."""

import os

import ipywidgets as widgets

from lib.catalog import PumpCatalog
from lib.compounds import CompoundTable
from lib.evaluate import evaluate
from lib.export import plan_from_query
from lib.findings import Finding
from lib.plan import Plan, PlanError
from lib.ui.inputs import PlanInputs
from lib.ui.panels import DosePlot, FindingList, ResultSummary
from lib.ui.render import findings_html, message_html

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
@media print { .pd-inputs .widget-slider { display: none; } }
</style>"""


def plan_from_environment(catalog: PumpCatalog) -> tuple[Plan, list[Finding]]:
    """The plan of a share link: Voila hands the page's query string to the kernel."""
    return plan_from_query(os.environ.get("QUERY_STRING", ""), catalog)


class Dashboard(widgets.VBox):
    """Reads the inputs into a plan, evaluates it, and shows the result, on every change."""

    def __init__(
        self,
        inputs: PlanInputs,
        summary: ResultSummary,
        findings: FindingList,
        plot: DosePlot,
        catalog: PumpCatalog,
        compounds: CompoundTable,
        link_findings=(),
    ):
        self.inputs, self.summary, self.findings, self.plot = inputs, summary, findings, plot
        self.catalog, self.compounds = catalog, compounds
        self.message = widgets.HTML()
        self.message.add_class("pd-message")
        results = widgets.VBox(
            [self.message, summary, findings, plot],
            layout=widgets.Layout(flex="1 1 480px", min_width="420px"),
        )
        inputs.layout = widgets.Layout(flex="0 1 560px")
        columns = widgets.HBox([inputs, results], layout=widgets.Layout(flex_flow="row wrap"))
        super().__init__([widgets.HTML(STYLE), columns])
        self.add_class("pd-app")
        inputs.on_change(self.refresh)
        self.refresh()
        if link_findings:
            heading = "The link's parameters that could not be used"
            self.message.value = findings_html(link_findings, heading)

    def refresh(self) -> None:
        """Read the inputs, evaluate, render: numbers first, then the plot (it is slower)."""
        try:
            plan = self.inputs.value
        except PlanError as error:
            self.message.value = message_html(str(error))
            return
        try:
            evaluation = evaluate(plan, self.catalog, self.compounds)
        except Exception as error:  # the page must never show a traceback
            self.message.value = message_html(f"This plan could not be evaluated ({error}).")
            return
        self.message.value = ""
        self.summary.value = evaluation
        self.findings.value = evaluation.findings
        self.plot.value = evaluation
