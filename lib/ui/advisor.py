"""The pump advisor as one widget: every model judged for the plan, ranked by what it takes to
make the plan work.

One model for the whole table instead of a button, a cell and a row widget per pump model (with
their layouts and styles, 98 models): fewer models to send and to create on every page view
(bench/README.md). A row's button sends the model's name back; the kernel selects it. A row with
a proposal the plan's fields can hold has a second button, which sends the model's name too: the
kernel applies the changes it made itself, never changes sent by the page.
"""

import anywidget
import traitlets

from lib.ui.assets import asset
from lib.ui.panel import Panel
from lib.ui.render import ADVISOR_HEADING, advisor_row_html

ADVISOR_ROWS_SHOWN = 4


class PumpAdvisor(Panel, anywidget.AnyWidget):
    """The advisor's table in ``.value`` (``rank_pumps``), shown with ``show``; a row's button
    calls ``on_choose``, a proposal's button ``on_apply``. While ``stale``, the table is of the
    last valid plan, and says so."""

    _esm = asset("advisor.js")
    _css = asset("advisor.css")
    heading = traitlets.Unicode(ADVISOR_HEADING).tag(sync=True)
    # One dict per model, in ranked order: its name, its cells as HTML, whether it is in use,
    # and the label of its proposal's button ('' for none).
    rows = traitlets.List(traitlets.Dict()).tag(sync=True)
    shown = traitlets.Int(ADVISOR_ROWS_SHOWN).tag(sync=True)
    count = traitlets.Int(0).tag(sync=True)  # the models judged (the rows sent may be fewer)
    expanded = traitlets.Bool(False).tag(sync=True)  # every row asked for

    def __init__(self, models: list[str]):
        super().__init__(rows=[{"model": model, "html": "", "current": False} for model in models])
        self.add_class("pd-advisor")
        self._choose_callbacks, self._apply_callbacks = [], []
        # What the rows are told of the plan (``show``): its model, its conflicts, and whether
        # the scientist entered the fill concentration.
        self.current_model, self.plan_conflicts = None, 0
        self.concentration_entered = False
        self._changes = {}
        self.on_msg(self._on_message)
        self.observe(lambda change: self._draw(), "expanded")

    def on_choose(self, callback) -> None:
        """Call ``callback(model)`` when a row's button is pressed."""
        self._choose_callbacks.append(callback)

    def on_apply(self, callback) -> None:
        """Call ``callback(changes)`` (plan field -> value) when a proposal's button is pressed;
        proposals get a button once someone listens."""
        self._apply_callbacks.append(callback)

    def choose(self, model: str) -> None:
        """What a row's button does: select that model."""
        for callback in self._choose_callbacks:
            callback(model)

    def apply(self, model: str) -> None:
        """What a proposal's button does: apply the changes that row proposes."""
        changes = self._changes.get(model)
        for callback in self._apply_callbacks if changes else ():
            callback(dict(changes))

    def show(self, table, plan, findings=()) -> None:
        """Show ``table`` for ``plan``, told of the plan's own findings: no row says 'fits this
        plan' while the plan has a conflict, which another pump would not clear."""
        self.current_model = plan.pump_model
        self.plan_conflicts = sum(finding.severity == "conflict" for finding in findings)
        self.concentration_entered = plan.fixed_concentration_mg_per_ml is not None
        self.value = table

    def _on_message(self, widget, content, buffers) -> None:
        model = content.get("choose")
        if any(row["model"] == model for row in self.rows):  # only a model the table shows
            self.choose(model)
        proposal = content.get("apply")
        if isinstance(proposal, str) and proposal in self._changes:  # a model, never changes
            self.apply(proposal)

    def _draw(self) -> None:
        table = self.value
        if table is None:
            return
        self._changes, self.count = {}, len(table)
        rows = []
        # Every row when asked for, else the first ones and the one in use (its button is off).
        for row in table.itertuples(index=False):
            if not (self.expanded or len(rows) < self.shown or row.model == self.current_model):
                continue
            current = row.model == self.current_model
            html = advisor_row_html(
                row, current, self.plan_conflicts, self.concentration_entered, bool(self.stale)
            )
            rows.append({"model": row.model, "html": html, "current": current})
            rows[-1]["proposal_label"] = self._proposal_label(row)
        self.rows = rows

    def _proposal_label(self, row) -> str:
        """The proposal's button, remembering its changes: only for a proposal the plan's fields
        hold beyond the model (the row's own button chooses that), once someone listens."""
        changes = getattr(row, "proposal_changes", None)
        label = getattr(row, "proposal_label", "")
        if not (changes and label and self._apply_callbacks):
            return ""
        self._changes[row.model] = dict(changes)
        return label
