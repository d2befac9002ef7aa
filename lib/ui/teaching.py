"""The calculation shown step by step, for a class: a toggle at the foot of the page. Lessons, with
questions to answer, open at the top (``lib/ui/lesson.py``)."""

import ipywidgets as widgets

from lib.evaluate import Evaluation
from lib.teaching.working import working_steps
from lib.ui.panel import Panel
from lib.ui.render import render_macro
from lib.ui.shared import html


def working_html(evaluation: Evaluation) -> str:
    return render_macro("teaching.html.j2", "working", working_steps(evaluation))


class TeachingPanel(Panel, widgets.VBox):
    """A toggle that shows the working of the page's plan."""

    def __init__(self):
        self.toggle = widgets.ToggleButton(description="Show the working", value=False)
        self.toggle.add_class("pd-teaching")
        self.working = html(css_class="pd-working")
        self.toggle.observe(lambda _: self._draw(), "value")
        super().__init__([self.toggle, self.working])

    def _draw(self) -> None:
        shown = self.toggle.value and self.value is not None
        self.working.value = working_html(self.value) if shown else ""
