"""The output panels. Each shows one thing and exposes it as ``.value``."""

import anywidget
import ipywidgets as widgets
import traitlets

from lib.evaluate import Evaluation
from lib.ui.assets import asset
from lib.ui.figures import timecourse_figure
from lib.ui.plot import PlotlyPlot
from lib.ui.render import (
    concentration_html,
    dose_range_html,
    findings_html,
    formula_html,
    plasma_html,
    pump_html,
)
from lib.ui.shared import html


def _html(css_class: str) -> widgets.HTML:
    return html(css_class=css_class)


class ResultSummary(widgets.VBox):
    """The fill concentration in large type, the formula worked out, and what a pump holds."""

    def __init__(self):
        self.concentration = _html("pd-concentration")
        self.formula = _html("pd-formula")
        self.pump = _html("pd-pump")
        self.plasma = _html("pd-plasma")  # empty without pharmacokinetic inputs
        self._evaluation = None
        super().__init__([self.concentration, self.formula, self.pump, self.plasma])
        self.add_class("pd-results")

    @property
    def value(self) -> Evaluation | None:
        return self._evaluation

    @value.setter
    def value(self, evaluation: Evaluation) -> None:
        self._evaluation = evaluation
        self.concentration.value = concentration_html(evaluation)
        self.formula.value = formula_html(evaluation)
        self.pump.value = pump_html(evaluation) + dose_range_html(evaluation)
        self.plasma.value = plasma_html(evaluation)


class FindingList(anywidget.AnyWidget):
    """Every conflict, caution and note, grouped by severity, each fix's button in its finding.

    ``stale``: the findings are of the last valid plan, while the entries are no plan: the
    "No conflicts" line is not shown and the buttons do nothing.
    """

    _esm = asset("panels.js")
    markup = traitlets.Unicode().tag(sync=True)
    # One fix per distinct change (two findings fixed by one change share one button).
    fixes = traitlets.List(traitlets.Dict()).tag(sync=True)

    def __init__(self):
        super().__init__()
        self.add_class("pd-findings")
        self._findings, self._changes, self._fix_callbacks, self._stale = (), [], [], False
        self.on_msg(self._on_message)

    def on_fix(self, callback) -> None:
        """Call ``callback(changes)`` (a dict of plan fields) when a fix button is pressed."""
        self._fix_callbacks.append(callback)

    @property
    def value(self) -> tuple:
        return self._findings

    @value.setter
    def value(self, findings) -> None:
        self._findings = tuple(findings)
        self._draw()

    @property
    def stale(self) -> bool:
        return self._stale

    @stale.setter
    def stale(self, stale: bool) -> None:
        if stale != self._stale:
            self._stale = stale
            self._draw()

    def _draw(self) -> None:
        fixes, changes, places = [], [], {}
        for index, finding in enumerate(self._findings):
            if not finding.fix or self._stale:
                continue
            if finding.fix not in changes:  # a second finding with the same fix: one button
                changes.append(finding.fix)
                fixes.append({"code": finding.code.replace("_", "-"), "label": finding.fix_label})
                places[index] = f"<div data-fix='{len(fixes) - 1}'></div>"
        self._changes, self.fixes = changes, fixes
        if self._stale and not self._findings:
            self.markup = ""  # never a reassuring line for a plan that is not the one entered
            return
        self.markup = findings_html(self._findings, after=lambda index: places.get(index, ""))

    def _on_message(self, widget, content, buffers) -> None:
        try:
            index = int(content.get("fix"))
        except (TypeError, ValueError):
            return
        # Only the fix the button showed: the findings may have changed since it was drawn.
        if self._stale or not 0 <= index < len(self.fixes):
            return
        if self.fixes[index]["code"] != content.get("code"):
            return
        for callback in self._fix_callbacks:
            callback(dict(self._changes[index]))


class DosePlot(widgets.VBox):
    """The delivered dose over the pumps' life, redrawn in place as the inputs move, and when
    the page reports a new width (the marker labels are placed for it)."""

    def __init__(self, evaluation: Evaluation | None = None):
        # Build the figure in its final initial state: changes made before the browser
        # connects can be lost (plotly issues 4998, 4933; shared TECH_NOTES.md).
        figure = timecourse_figure(evaluation) if evaluation else {"data": [], "layout": {}}
        self.plot = PlotlyPlot(figure=figure)
        self.plot.add_class("pd-timecourse-plot")
        self.plot.observe(lambda change: self._draw(), "width_px")
        self._evaluation = evaluation
        super().__init__([self.plot])

    @property
    def value(self) -> Evaluation | None:
        return self._evaluation

    @value.setter
    def value(self, evaluation: Evaluation) -> None:
        self._evaluation = evaluation
        self._draw()

    def _draw(self) -> None:
        if self._evaluation is not None:
            width = self.plot.width_px or None
            self.plot.figure = timecourse_figure(self._evaluation, width)
