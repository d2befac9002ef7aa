"""The output panels' shared base (lib/ui/panel.py): a new value is drawn, and so is a change of
``stale``, but not the same ``stale`` again (a table redraws slowly)."""

import ipywidgets as widgets

from lib.ui.panel import Panel


class Counted(Panel, widgets.VBox):
    def __init__(self):
        super().__init__()
        self.drawn = []

    def _draw(self) -> None:
        self.drawn.append((self.value, self.stale))


def test_a_value_is_drawn_each_time_and_a_stale_reason_when_it_changes():
    panel = Counted()
    assert (panel.value, panel.stale) == (None, None)
    panel.value = 1
    panel.stale = "Fix the entries"
    panel.stale = "Fix the entries"  # the same reason: nothing to draw
    panel.value = 1
    panel.stale = None
    assert panel.drawn == [(1, None), (1, "Fix the entries"), (1, "Fix the entries"), (1, None)]


def test_a_panel_keeps_what_its_keep_returns():
    class Kept(Counted):
        def _keep(self, value):
            return tuple(value)

    panel = Kept()
    panel.value = ["a", "b"]
    assert panel.value == ("a", "b")
