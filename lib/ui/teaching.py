"""Teaching mode: worked scenarios from a menu, and the calculation shown step by step."""

import ipywidgets as widgets

from lib.evaluate import Evaluation
from lib.teaching.scenarios import Scenario
from lib.teaching.working import working_steps
from lib.ui.panel import Panel
from lib.ui.render import render_macro
from lib.ui.shared import ROW_WRAP_LAYOUT, html


def working_html(evaluation: Evaluation) -> str:
    return render_macro("teaching.html.j2", "working", working_steps(evaluation))


class TeachingPanel(Panel, widgets.VBox):
    """A scenario menu with what each teaches, and a toggle that shows the working."""

    def __init__(self, scenarios: list[Scenario]):
        self.scenarios = {scenario.name: scenario for scenario in scenarios}
        options = [("Worked scenarios: choose one", "")]
        options += [(scenario.title, scenario.name) for scenario in scenarios]
        self.menu = widgets.Dropdown(
            options=options, value="", tooltip="Worked scenarios", layout={"width": "24em"}
        )
        self.menu.add_class("pd-scenario")
        self.toggle = widgets.ToggleButton(description="Show the working", value=False)
        self.toggle.add_class("pd-teaching")
        self.note, self.working = html(), html()
        self.note.add_class("pd-scenario-note")
        self.working.add_class("pd-working")
        self._scenario_callbacks = []
        self.menu.observe(self._on_menu, "value")
        self.toggle.observe(lambda _: self._show_working(), "value")
        row = widgets.HBox([self.menu, self.toggle], layout=ROW_WRAP_LAYOUT)
        super().__init__([row, self.note, self.working])

    def on_scenario(self, callback) -> None:
        """Call ``callback(plan)`` when a scenario is chosen."""
        self._scenario_callbacks.append(callback)

    def _on_menu(self, change) -> None:
        scenario = self.scenarios.get(change["new"])
        if scenario is None:
            return  # back to the prompt: what the note says stays
        self.note.value = render_macro("teaching.html.j2", "scenario_text", scenario.teaches)
        for callback in self._scenario_callbacks:
            callback(scenario.plan)

    def _draw(self) -> None:
        evaluation = self.value
        scenario = self.scenarios.get(self.menu.value)
        if scenario is not None and evaluation.plan != scenario.plan:
            # The plan was edited: the lesson no longer describes it. The menu goes back to
            # its prompt, so choosing the scenario again reloads it.
            self.menu.value = ""
            self.note.value = render_macro("teaching.html.j2", "scenario_left", scenario.title)
        self._show_working()

    def _show_working(self) -> None:
        shown = self.toggle.value and self.value is not None
        self.working.value = working_html(self.value) if shown else ""
