"""A plotly plot whose JavaScript comes from a cached file, not through the kernel.

plotly's `FigureWidget` sends about 5 MB of JavaScript over the websocket on every page view.
`PlotlyPlot` sends only the figure (a plain `{"data": [...], "layout": {...}}` dict); the browser
loads plotly.js's basic bundle (`static/`, 1.2 MB, see its README) once per page from the
server's files handler, where the HTTP cache keeps it between visits.
"""

import anywidget
import traitlets

from lib.ui.assets import asset

PLOTLY_JS_VERSION = "4.1.1"
# Relative to the notebook's folder, the root of Voila's files handler (and of Jupyter's on Binder).
PLOTLY_JS_PATH = f"static/plotly-basic-{PLOTLY_JS_VERSION}.min.js"


class PlotlyPlot(anywidget.AnyWidget):
    """A plotly figure drawn with `Plotly.react`; assign a new dict to `figure` to redraw.

    Give it a CSS class with `.add_class("pd-timecourse-plot")`: the class lands on the outer
    element, and the plotly div (`.js-plotly-plot`) sits inside it.
    """

    _esm = asset("plot.js")
    # The plotly layout travels inside `figure`: a synced trait named `layout` (or `style`) would
    # shadow DOMWidget's, and ipywidgets' front end, taking the dict for a Layout model, rejects a
    # promise on every page ("Cannot read properties of undefined (reading 'then')").
    figure = traitlets.Dict().tag(sync=True)
    # The plot's width on the page, in CSS pixels, as the browser reports it (0: not yet).
    width_px = traitlets.Int(0).tag(sync=True)
    # The file's path under the files handler's root; `?v=` makes Voila send a ten-year
    # Cache-Control, and the version in the file name makes a new version a new URL.
    plotly_path = traitlets.Unicode(f"{PLOTLY_JS_PATH}?v={PLOTLY_JS_VERSION}").tag(sync=True)
