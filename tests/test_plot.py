"""PlotlyPlot without a browser: the copied plotly.js asset, its name, and the synced figure."""

import json
import os
import re
from importlib.resources import files
from pathlib import Path

import ipywidgets
import pytest
from plotly.offline import get_plotlyjs_version

from lib.ui import plot as plot_module
from lib.ui.plot import PlotlyPlot, ensure_plotly_asset, plotly_asset_name

INSTALLED_PLOTLY_JS = Path(str(files("plotly") / "package_data" / "plotly.min.js"))
FIGURE = {
    "data": [{"type": "scatter", "x": [0, 1, 2], "y": [0.0, 0.5, 0.25], "name": "dose"}],
    "layout": {"height": 300, "xaxis": {"title": {"text": "Days after implant"}}},
}


@pytest.fixture
def plot_root(tmp_path, monkeypatch):
    """Widgets built in a test copy plotly.js into a temporary root, not the repository."""
    monkeypatch.setattr(plot_module, "REPOSITORY_ROOT", tmp_path)
    return tmp_path


def test_ensure_plotly_asset_copies_the_installed_plotly_js_into_static(tmp_path):
    asset = ensure_plotly_asset(tmp_path)
    assert asset == tmp_path / "static" / plotly_asset_name()
    assert asset.read_bytes() == INSTALLED_PLOTLY_JS.read_bytes()


def test_ensure_plotly_asset_does_not_copy_again_when_the_file_is_there(tmp_path):
    first = ensure_plotly_asset(tmp_path)
    # An old timestamp makes a second copy visible even on file systems with coarse mtimes.
    os.utime(first, ns=(1_000_000_000, 1_000_000_000))
    second = ensure_plotly_asset(tmp_path)
    assert second == first
    assert second.stat().st_mtime_ns == 1_000_000_000
    assert list(second.parent.iterdir()) == [second]  # no partial file left behind


def test_ensure_plotly_asset_replaces_a_copy_of_another_size(tmp_path):
    stale = tmp_path / "static" / plotly_asset_name()
    stale.parent.mkdir()
    stale.write_text("truncated")
    assert ensure_plotly_asset(tmp_path).stat().st_size == INSTALLED_PLOTLY_JS.stat().st_size


def test_served_file_name_carries_the_plotly_js_version():
    version = get_plotlyjs_version()
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert plotly_asset_name() == f"plotly-{version}.min.js"


def test_widget_asks_for_the_versioned_file_with_a_cache_busting_query(plot_root):
    version = get_plotlyjs_version()
    plot = PlotlyPlot()
    assert plot.plotly_path == f"static/plotly-{version}.min.js?v={version}"
    assert (plot_root / "static" / f"plotly-{version}.min.js").is_file()


def test_voila_json_allows_the_widget_asset_and_still_denies_notebooks(plot_root):
    configuration = json.loads((Path(__file__).parent.parent / "voila.json").read_text())
    allowlist = configuration["VoilaConfiguration"]["file_allowlist"]
    served_path = PlotlyPlot().plotly_path.split("?")[0]
    assert any(re.fullmatch(pattern, served_path) for pattern in allowlist)
    assert not any(re.fullmatch(pattern, "dashboard.ipynb") for pattern in allowlist)
    assert not any(re.fullmatch(pattern, "static/other.js") for pattern in allowlist)


def test_widget_accepts_a_figure_dict_and_syncs_it(plot_root):
    plot = PlotlyPlot(figure=FIGURE)
    assert plot.figure == FIGURE
    assert plot.get_state()["figure"] == FIGURE


def test_assigning_a_new_figure_replaces_the_synced_state(plot_root):
    plot = PlotlyPlot(figure=FIGURE)
    new_figure = {"data": [{"type": "scatter", "y": [3, 2, 1]}], "layout": {}}
    plot.figure = new_figure
    assert plot.get_state()["figure"] == new_figure


def test_widget_keeps_the_ipywidgets_layout_trait(plot_root):
    # A synced dict named `layout` shadows DOMWidget.layout; the browser then treats it as a
    # Layout model and rejects a promise on every page ("reading 'then'", TECH_NOTES).
    plot = PlotlyPlot(figure=FIGURE)
    assert isinstance(plot.layout, ipywidgets.Layout)
    assert "style" not in PlotlyPlot.class_traits()


def test_css_class_is_a_dom_class_of_the_widget(plot_root):
    plot = PlotlyPlot(figure=FIGURE)
    plot.add_class("pd-timecourse-plot")
    assert "pd-timecourse-plot" in plot.get_state()["_dom_classes"]


def test_front_end_code_loads_nothing_from_another_host():
    esm = PlotlyPlot._esm
    assert not re.search(r"https?:|[\"'`]//", esm)
    assert "cdn" not in esm.lower()
