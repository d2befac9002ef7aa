"""The output panels. Each shows one thing and exposes it as ``.value``."""

import ipywidgets as widgets

from lib.evaluate import Evaluation
from lib.ui.figures import timecourse_figure
from lib.ui.plot import PlotlyPlot
from lib.ui.render import (
    ADVISOR_HEADING,
    advisor_row_html,
    concentration_html,
    dose_range_html,
    findings_html,
    formula_html,
    pump_html,
)

ADVISOR_ROWS_SHOWN = 4


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
        self.pump.value = pump_html(evaluation) + dose_range_html(evaluation)


class FindingList(widgets.VBox):
    """Every conflict, caution and note, grouped by severity, with one-click fixes below."""

    def __init__(self):
        self.html = _html("pd-findings")
        self.fixes = widgets.HBox(layout=widgets.Layout(flex_flow="row wrap"))
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


class PumpAdvisor(widgets.VBox):
    """Every model judged for the plan, workable first; a row's button selects that pump."""

    def __init__(self, models: list[str]):
        self.buttons, self.cells, self.rows = {}, {}, {}
        for model in models:
            button = widgets.Button(
                description=f"Use {model}", layout=widgets.Layout(width="7.5em")
            )
            button.add_class("pd-advisor-use")
            button.add_class(f"pd-advisor-use-{model}")
            button.on_click(lambda _, model=model: self._choose(model))
            self.buttons[model], self.cells[model] = button, widgets.HTML()
            self.rows[model] = widgets.HBox([button, self.cells[model]])
            self.rows[model].add_class("pd-advisor-row")
        self.table = widgets.VBox(list(self.rows.values()))
        self.table.add_class("pd-advisor")
        self.show_all = widgets.ToggleButton(description=f"Show all {len(models)} models")
        self.show_all.add_class("pd-advisor-all")
        self.show_all.observe(lambda _: self._show_rows(), "value")
        self._table, self._choose_callbacks, self.current_model = None, [], None
        super().__init__([widgets.HTML(ADVISOR_HEADING), self.table, self.show_all])

    def on_choose(self, callback) -> None:
        """Call ``callback(model)`` when a row's button is pressed."""
        self._choose_callbacks.append(callback)

    def _choose(self, model: str) -> None:
        for callback in self._choose_callbacks:
            callback(model)

    @property
    def value(self):
        return self._table

    @value.setter
    def value(self, table) -> None:
        self._table = table
        for row in table.itertuples(index=False):
            self.cells[row.model].value = advisor_row_html(row, row.model == self.current_model)
            self.buttons[row.model].disabled = row.model == self.current_model
        order = [self.rows[model] for model in table["model"]]
        if tuple(order) != tuple(self.table.children):
            self.table.children = order
        self._show_rows()

    def _show_rows(self) -> None:
        """The first few rows, or all of them when asked: the plot stays in view."""
        for index, row in enumerate(self.table.children):
            visible = self.show_all.value or index < ADVISOR_ROWS_SHOWN
            row.layout.display = None if visible else "none"


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
