"""The output panels. Each shows one thing and exposes it as ``.value``."""

import ipywidgets as widgets

from lib.evaluate import Evaluation
from lib.ui.figures import timecourse_figure
from lib.ui.plot import PlotlyPlot
from lib.ui.render import (
    concentration_html,
    dose_range_html,
    findings_html,
    formula_html,
    pump_html,
)
from lib.ui.shared import html, row


def _html(css_class: str) -> widgets.HTML:
    return html(css_class=css_class)


class ResultSummary(widgets.VBox):
    """The fill concentration in large type, the formula worked out, and what a pump holds."""

    def __init__(self):
        self.concentration = _html("pd-concentration")
        self.formula = _html("pd-formula")
        self.pump = _html("pd-pump")
        self._evaluation = None
        super().__init__([self.concentration, self.formula, self.pump])
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


class FindingList(widgets.VBox):
    """Every conflict, caution and note, grouped by severity, with one-click fixes below."""

    def __init__(self):
        self.html = _html("pd-findings")
        self.fixes = row([])
        self.fixes.add_class("pd-fixes")
        self._findings, self._shown_fixes, self._fix_callbacks = (), (), []
        super().__init__([self.html, self.fixes])

    def on_fix(self, callback) -> None:
        """Call ``callback(changes)`` (a dict of plan fields) when a fix button is pressed."""
        self._fix_callbacks.append(callback)

    @property
    def value(self) -> tuple:
        return self._findings

    @value.setter
    def value(self, findings) -> None:
        self._findings = tuple(findings)
        self.html.value = findings_html(self._findings)
        fixes = tuple((f.code, f.fix_label, f.fix) for f in self._findings if f.fix)
        if fixes != self._shown_fixes:  # new buttons only when the fixes themselves change
            self._shown_fixes = fixes
            for button in self.fixes.children:
                button.close()
            self.fixes.children = [self._fix_button(*fix) for fix in fixes]

    def _fix_button(self, code: str, label: str, fix) -> widgets.Button:
        button = widgets.Button(description=label, tooltip=f"Fix: {label}")
        button.add_class("pd-fix")
        button.add_class(f"pd-fix-{code.replace('_', '-')}")
        button.layout.width = "auto"
        button.on_click(lambda _: [callback(dict(fix)) for callback in self._fix_callbacks])
        return button


class DosePlot(widgets.VBox):
    """The delivered dose over the pumps' life, redrawn in place as the inputs move."""

    def __init__(self, evaluation: Evaluation | None = None):
        # Build the figure in its final initial state: changes made before the browser
        # connects can be lost (plotly issues 4998, 4933; shared TECH_NOTES.md).
        figure = timecourse_figure(evaluation) if evaluation else {"data": [], "layout": {}}
        self.plot = PlotlyPlot(figure=figure)
        self.plot.add_class("pd-timecourse-plot")
        self._evaluation = evaluation
        super().__init__([self.plot])

    @property
    def value(self) -> Evaluation | None:
        return self._evaluation

    @value.setter
    def value(self, evaluation: Evaluation) -> None:
        self._evaluation = evaluation
        self.plot.figure = timecourse_figure(evaluation)
