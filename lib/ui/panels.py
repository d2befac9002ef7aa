"""The output panels. Each shows one thing and exposes it as ``.value``."""

import anywidget
import ipywidgets as widgets
import traitlets

from lib.evaluate import Evaluation
from lib.ui.assets import asset
from lib.ui.figures import timecourse_figure
from lib.ui.panel import Panel
from lib.ui.plot import PlotlyPlot
from lib.ui.render import (
    concentration_html,
    dose_range_html,
    findings_html,
    formula_html,
    plasma_html,
    pump_html,
)
from lib.ui.shared import PLAIN_LAYOUT, html


class ResultSummary(Panel, widgets.VBox):
    """The fill concentration in large type, the formula worked out, and what a pump holds.

    Its four parts are one HTML widget, each part in a ``div`` with its class (``pd-concentration``,
    ``pd-formula``, ``pd-pump``, ``pd-plasma``): text needs one widget model and one message per
    change, not one per part. ``parts`` holds each part's markup as drawn.
    """

    def __init__(self):
        self.parts = dict.fromkeys(("concentration", "formula", "pump", "plasma"), "")
        self.markup = html()
        super().__init__([self.markup], layout=PLAIN_LAYOUT)
        self.add_class("pd-results")

    def _draw(self) -> None:
        evaluation = self.value
        self.parts = {
            "concentration": concentration_html(evaluation),
            "formula": formula_html(evaluation),
            "pump": pump_html(evaluation) + dose_range_html(evaluation),
            "plasma": plasma_html(evaluation),  # empty without pharmacokinetic inputs
        }
        self.markup.value = "".join(
            f"<div class='pd-{name}'>{markup}</div>" for name, markup in self.parts.items()
        )


class FindingList(Panel, anywidget.AnyWidget):
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
        self._value, self._changes, self._fix_callbacks = (), [], []
        self.on_msg(self._on_message)

    def on_fix(self, callback) -> None:
        """Call ``callback(changes)`` (a dict of plan fields) when a fix button is pressed."""
        self._fix_callbacks.append(callback)

    def _keep(self, findings) -> tuple:
        return tuple(findings)

    def _draw(self) -> None:
        fixes, changes, places = [], [], {}
        for index, finding in enumerate(self.value):
            if not finding.fix or self.stale:
                continue
            if finding.fix not in changes:  # a second finding with the same fix: one button
                changes.append(finding.fix)
                fixes.append({"code": finding.code.replace("_", "-"), "label": finding.fix_label})
                places[index] = f"<div data-fix='{len(fixes) - 1}'></div>"
        self._changes, self.fixes = changes, fixes
        if self.stale and not self.value:
            self.markup = ""  # never a reassuring line for a plan that is not the one entered
            return
        self.markup = findings_html(self.value, after=lambda index: places.get(index, ""))

    def _on_message(self, widget, content, buffers) -> None:
        try:
            index = int(content.get("fix"))
        except (TypeError, ValueError):
            return
        # Only the fix the button showed: the findings may have changed since it was drawn.
        if self.stale or not 0 <= index < len(self.fixes):
            return
        if self.fixes[index]["code"] != content.get("code"):
            return
        for callback in self._fix_callbacks:
            callback(dict(self._changes[index]))


class ResultBar(anywidget.AnyWidget):
    """The bar at the top of the window: the fill concentration and the worst finding, as
    ``value`` (markup made by ``lib.ui.render.result_bar_html``), announced as they change (an
    ARIA live region: an HTML widget cannot carry its role)."""

    _esm = asset("result_bar.js")
    value = traitlets.Unicode().tag(sync=True)

    def __init__(self):
        super().__init__(layout=PLAIN_LAYOUT)
        self.add_class("pd-result-bar")


class DosePlot(Panel, widgets.VBox):
    """The delivered dose over the pumps' life, redrawn in place as the inputs move, and when
    the page reports a new width (the marker labels are placed for it)."""

    def __init__(self, evaluation: Evaluation | None = None):
        # Build the figure in its final initial state: changes made before the browser
        # connects can be lost (plotly issues 4998, 4933; shared TECH_NOTES.md).
        figure = timecourse_figure(evaluation) if evaluation else {"data": [], "layout": {}}
        self.plot = PlotlyPlot(figure=figure)
        self.plot.add_class("pd-timecourse-plot")
        self.plot.observe(lambda change: self._draw(), "width_px")
        self._value = evaluation
        super().__init__([self.plot])

    def _draw(self) -> None:
        if self.value is not None:
            width = self.plot.width_px or None
            self.plot.figure = timecourse_figure(self.value, width)
