"""A plotly plot whose JavaScript comes from a cached file, not through the kernel.

plotly's `FigureWidget` sends about 5 MB of JavaScript over the websocket on every page view.
`PlotlyPlot` sends only the figure (a plain `{"data": [...], "layout": {...}}` dict); the browser
loads plotly's own `plotly.min.js` once per page from the server's files handler, where the HTTP
cache keeps it between visits.
"""

import os
import shutil
from importlib.resources import files
from pathlib import Path

import anywidget
import traitlets
from plotly.offline import get_plotlyjs_version

# lib/ui/plot.py -> the repository root, where the notebook, voila.json and static/ sit.
REPOSITORY_ROOT = Path(__file__).resolve().parent.parent.parent

_ESM = r"""
const CONFIG = { responsive: true, displaylogo: false };

// Voila serves the notebook's folder at <base>voila/files/, Jupyter at <base>files/. Every Voila
// template marks its <body> with data-voila; JupyterLab and Notebook pages do not.
function plotlyUrl(path) {
  const config = JSON.parse(document.getElementById("jupyter-config-data").textContent);
  const filesRoute = document.body.dataset.voila ? "voila/files/" : "files/";
  return `${config.baseUrl}${filesRoute}${path}`;
}

// One <script> per page however many plots there are: the promise is shared on window.
function loadPlotly(path) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  window.pdPlotlyLoad ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.onload = () => resolve(window.Plotly);
    script.onerror = () => reject(new Error(`cannot load ${script.src}`));
    script.src = plotlyUrl(path);
    document.head.append(script);
  }).catch((error) => {
    delete window.pdPlotlyLoad; // let the next plot try again
    throw error;
  });
  return window.pdPlotlyLoad;
}

// anywidget awaits render() and calls the function it resolves to when the view goes away.
async function render({ model, el }) {
  // Plotly marks its own div with .js-plotly-plot; a child keeps the widget's classes outside it.
  const plotElement = document.createElement("div");
  el.append(plotElement);
  let Plotly;
  try {
    Plotly = await loadPlotly(model.get("plotly_path"));
  } catch (error) {
    console.warn("[PlotlyPlot]", error.message);
    plotElement.textContent = "The plot cannot be shown: plotly.js did not load.";
    return;
  }
  // Plotly.react mutates what it is given; a copy keeps the model's state clean for other views.
  const draw = () => {
    const { data = [], layout = {} } = structuredClone(model.get("figure"));
    return Plotly.react(plotElement, data, layout, CONFIG);
  };
  model.on("change:figure", draw);
  await draw();
  return () => Plotly.purge(plotElement);
}

export default { render };
"""


def plotly_asset_name() -> str:
    """The served file name; it carries the plotly.js version so a new version is a new URL."""
    return f"plotly-{get_plotlyjs_version()}.min.js"


def ensure_plotly_asset(root: Path | None = None) -> Path:
    """Copy the installed plotly.min.js to `<root>/static/` unless a same-sized copy is there."""
    target = (root or REPOSITORY_ROOT) / "static" / plotly_asset_name()
    source = Path(str(files("plotly") / "package_data" / "plotly.min.js"))
    if target.exists() and target.stat().st_size == source.stat().st_size:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    # Several kernels may start at once (preheated pool); copy then rename so that no browser
    # ever receives, and caches for ten years, a half-written file.
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    shutil.copyfile(source, partial)
    os.replace(partial, target)
    return target


class PlotlyPlot(anywidget.AnyWidget):
    """A plotly figure drawn with `Plotly.react`; assign a new dict to `figure` to redraw.

    Give it a CSS class with `.add_class("pd-timecourse-plot")`: the class lands on the outer
    element, and the plotly div (`.js-plotly-plot`) sits inside it.
    """

    _esm = _ESM
    # The plotly layout travels inside `figure`: a synced trait named `layout` (or `style`) would
    # shadow DOMWidget's, and ipywidgets' front end, taking the dict for a Layout model, rejects a
    # promise on every page ("Cannot read properties of undefined (reading 'then')").
    figure = traitlets.Dict().tag(sync=True)
    # The asset's path under the files handler's root; `?v=` makes Voila send a long Cache-Control.
    plotly_path = traitlets.Unicode().tag(sync=True)

    @traitlets.default("plotly_path")
    def _default_plotly_path(self) -> str:
        # Checked per widget rather than at import: one stat when the file is there, and importing
        # this module never writes into the repository (tests, linters, docs builds).
        asset = ensure_plotly_asset()
        return f"{asset.parent.name}/{asset.name}?v={get_plotlyjs_version()}"
