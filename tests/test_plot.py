"""PlotlyPlot without a browser: the plotly.js file it serves, its name, and the synced figure."""

import hashlib
import json
import re

import ipywidgets

from lib.ui.plot import PLOTLY_JS_PATH, PLOTLY_JS_VERSION, PlotlyPlot
from tests.conftest import REPOSITORY_ROOT

FIGURE = {
    "data": [{"type": "scatter", "x": [0, 1, 2], "y": [0.0, 0.5, 0.25], "name": "dose"}],
    "layout": {"height": 300, "xaxis": {"title": {"text": "Days after implant"}}},
}
PLOTLY_JS = REPOSITORY_ROOT / PLOTLY_JS_PATH


def test_the_served_plotly_js_is_the_basic_bundle_of_the_version_in_its_name():
    header = PLOTLY_JS.read_bytes()[:200].decode()
    assert f"plotly.js (basic - minified) v{PLOTLY_JS_VERSION}" in header
    assert PLOTLY_JS.name == f"plotly-basic-{PLOTLY_JS_VERSION}.min.js"


def test_the_served_plotly_js_is_the_file_its_readme_records():
    """static/README.md records the npm package and this checksum: an edited copy fails here."""
    digest = hashlib.sha256(PLOTLY_JS.read_bytes()).hexdigest()
    readme = (REPOSITORY_ROOT / "static" / "README.md").read_text()
    assert f"sha256 `{digest}`" in readme
    assert f"plotly.js-basic-dist-min-{PLOTLY_JS_VERSION}.tgz" in readme


def test_widget_asks_for_the_versioned_file_with_a_cache_busting_query():
    plot = PlotlyPlot()
    path, query = plot.plotly_path.split("?")
    assert (REPOSITORY_ROOT / path).is_file()
    assert query == f"v={PLOTLY_JS_VERSION}"
    assert re.fullmatch(r"\d+\.\d+\.\d+", PLOTLY_JS_VERSION)


def test_the_page_template_starts_loading_the_file_the_widget_asks_for():
    # The app's Voila page loads plotly.js from its head (a copy of the path: Jinja cannot
    # import it), so that the plot's view finds it loaded or loading.
    template = REPOSITORY_ROOT / "share/jupyter/voila/templates/pd/index.html.j2"
    assert f"'{PlotlyPlot().plotly_path}'" in template.read_text()


def test_voila_json_allows_the_widget_asset_and_still_denies_notebooks():
    configuration = json.loads((REPOSITORY_ROOT / "voila.json").read_text())
    allowlist = configuration["VoilaConfiguration"]["file_allowlist"]
    served_path = PlotlyPlot().plotly_path.split("?")[0]
    assert any(re.fullmatch(pattern, served_path) for pattern in allowlist)
    assert not any(re.fullmatch(pattern, "dashboard.ipynb") for pattern in allowlist)
    assert not any(re.fullmatch(pattern, "static/other.js") for pattern in allowlist)


def test_widget_accepts_a_figure_dict_and_syncs_it():
    plot = PlotlyPlot(figure=FIGURE)
    assert plot.figure == FIGURE
    assert plot.get_state()["figure"] == FIGURE


def test_assigning_a_new_figure_replaces_the_synced_state():
    plot = PlotlyPlot(figure=FIGURE)
    new_figure = {"data": [{"type": "scatter", "y": [3, 2, 1]}], "layout": {}}
    plot.figure = new_figure
    assert plot.get_state()["figure"] == new_figure


def test_widget_keeps_the_ipywidgets_layout_trait():
    # A synced dict named `layout` shadows DOMWidget.layout; the browser then treats it as a
    # Layout model and rejects a promise on every page ("reading 'then'", TECH_NOTES).
    plot = PlotlyPlot(figure=FIGURE)
    assert isinstance(plot.layout, ipywidgets.Layout)
    assert "style" not in PlotlyPlot.class_traits()


def test_css_class_is_a_dom_class_of_the_widget():
    plot = PlotlyPlot(figure=FIGURE)
    plot.add_class("pd-timecourse-plot")
    assert "pd-timecourse-plot" in plot.get_state()["_dom_classes"]


def test_front_end_code_loads_nothing_from_another_host():
    esm = PlotlyPlot._esm
    assert not re.search(r"https?:|[\"'`]//", esm)
    assert "cdn" not in esm.lower()
