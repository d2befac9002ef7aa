"""The pump advisor as one widget: every model judged for the plan, workable first.

One model for the whole table instead of a button, a cell and a row widget per pump model (with
their layouts and styles, 98 models): fewer models to send and to create on every page view
(bench/README.md). A row's button sends the model's name back; the kernel selects it.
"""

import anywidget
import traitlets

from lib.ui.render import ADVISOR_HEADING, advisor_row_html

ADVISOR_ROWS_SHOWN = 4

_ESM = r"""
function render({ model, el }) {
  const heading = document.createElement("div");
  const table = document.createElement("div");
  table.className = "pd-advisor-rows";
  const more = document.createElement("button");
  more.className = "jupyter-button widget-button pd-advisor-all";
  let showAll = false;
  more.addEventListener("click", () => { showAll = !showAll; draw(); });
  const draw = () => {
    heading.innerHTML = model.get("heading");
    const rows = model.get("rows");
    table.replaceChildren(...rows.map((row, index) => {
      const line = document.createElement("div");
      line.className = "pd-advisor-row";
      line.style.display = showAll || index < model.get("shown") ? "flex" : "none";
      const use = document.createElement("button");
      use.className = `jupyter-button widget-button pd-advisor-use pd-advisor-use-${row.model}`;
      use.textContent = `Use ${row.model}`;
      use.disabled = row.current;
      use.addEventListener("click", () => model.send({ choose: row.model }));
      const cells = document.createElement("div");
      cells.innerHTML = row.html;  // made and escaped by the kernel (lib/ui/render.py)
      line.append(use, cells);
      return line;
    }));
    more.textContent = showAll ? "Show the first rows" : `Show all ${rows.length} models`;
  };
  model.on("change:rows", draw);
  draw();
  el.append(heading, table, more);
  return () => model.off("change:rows", draw);
}
export default { render };
"""


class PumpAdvisor(anywidget.AnyWidget):
    """The advisor's table in ``.value`` (``rank_pumps``); a row's button calls ``on_choose``."""

    _esm = _ESM
    _css = """
    .pd-advisor-row { gap: 8px; align-items: baseline; margin: 2px 0; }
    .pd-advisor-use { width: 7.5em; }
    """
    heading = traitlets.Unicode(ADVISOR_HEADING).tag(sync=True)
    # One dict per model, in ranked order: its name, its cells as HTML, whether it is in use.
    rows = traitlets.List(traitlets.Dict()).tag(sync=True)
    shown = traitlets.Int(ADVISOR_ROWS_SHOWN).tag(sync=True)

    def __init__(self, models: list[str]):
        super().__init__(rows=[{"model": model, "html": "", "current": False} for model in models])
        self.add_class("pd-advisor")
        self._table, self._choose_callbacks, self.current_model = None, [], None
        self.on_msg(self._on_message)

    def on_choose(self, callback) -> None:
        """Call ``callback(model)`` when a row's button is pressed."""
        self._choose_callbacks.append(callback)

    def choose(self, model: str) -> None:
        """What a row's button does: select that model."""
        for callback in self._choose_callbacks:
            callback(model)

    def _on_message(self, widget, content, buffers) -> None:
        model = content.get("choose")
        if any(row["model"] == model for row in self.rows):  # only a model the table shows
            self.choose(model)

    @property
    def value(self):
        return self._table

    @value.setter
    def value(self, table) -> None:
        self._table = table
        self.rows = [
            {
                "model": row.model,
                "html": advisor_row_html(row, row.model == self.current_model),
                "current": row.model == self.current_model,
            }
            for row in table.itertuples(index=False)
        ]
