"""The output panels. Each shows one thing and exposes it as ``.value``."""

import ipywidgets as widgets

from lib.evaluate import Evaluation
from lib.ui.figures import timecourse_figure
from lib.ui.plot import PlotlyPlot
from lib.ui.render import concentration_html, findings_html, formula_html, pump_html


def _html(css_class: str) -> widgets.HTML:
    widget = widgets.HTML()
    widget.add_class(css_class)
    return widget


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
        self.pump.value = pump_html(evaluation)


class FindingList(widgets.VBox):
    """Every conflict, caution and note, coloured by severity, each with what to change."""

    def __init__(self):
        self.html = _html("pd-findings")
        self._findings = ()
        super().__init__([self.html])

    @property
    def value(self) -> tuple:
        return self._findings

    @value.setter
    def value(self, findings) -> None:
        self._findings = tuple(findings)
        self.html.value = findings_html(self._findings)


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
