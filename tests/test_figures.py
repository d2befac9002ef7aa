"""Tests for lib/ui/figures.py: the dose time course as a plain plotly figure dict.

Pump figures from REFERENCE section 2: model 2ML4 and 2004 run a nominal 28 days; a pump must be
out by 1.5 x its duration (Boston University IACUC, REFERENCE). Model 2002 (`Plan()`) runs 14 days.
"""

import json

import pytest

from lib import Plan, evaluate, load_pump_catalog
from lib.ui.figures import _round_ticks, timecourse_figure

# A juvenile Wistar rat growing from 100 g on lithium chloride, 7.2 mg/kg/day, 28 days on a 2ML4.
GROWING_RAT = {
    "dose": 7.2,
    "dose_unit": "mg/kg/day",
    "body_weight_g": 100,
    "growth_model": "preset",
    "growth_preset": "wistar_male_juvenile",
    "age_at_implant_days": 28,
    "study_days": 28,
    "pump_model": "2ML4",
    "compound": "lithium chloride",
    "vehicle": "saline",
    "route": "sc",
    "design_weight": "mean",
}
# REFERENCE 3: 10 cm of PE-60 = 45.66 uL; at 0.25 uL/h drug reaches the tip after 182.64 h.
CATHETER = {"pump_model": "2004", "catheter_tubing": "PE-60", "catheter_length_cm": 10}
PLANS = {
    "growing rat": GROWING_RAT,
    # Two 2004 pumps in series, the second implanted on day 28.
    "two pumps": GROWING_RAT | {"study_days": 56, "pump_model": "2004"},
    "catheter": GROWING_RAT | CATHETER,
    # The brief's example: constant weight, a 7-day study on a 14-day 2002.
    "default": {},
}


@pytest.fixture(scope="module")
def catalog():
    return load_pump_catalog()


@pytest.fixture(scope="module")
def evaluations(catalog):
    return {name: evaluate(Plan(**fields), catalog) for name, fields in PLANS.items()}


def trace(figure: dict, name: str) -> dict:
    (found,) = [trace for trace in figure["data"] if trace["name"] == name]
    return found


def marker_labels(figure: dict) -> dict[float, str]:
    """Marker label text by day: the labels above the plot (y = 1), one per marker line."""
    labels = figure["layout"]["annotations"]
    return {round(label["x"], 2): label["text"] for label in labels if label["y"] == 1}


def marker_lines(figure: dict) -> list[dict]:
    return [shape for shape in figure["layout"]["shapes"] if shape["type"] == "line"]


def test_first_trace_is_the_delivered_dose_with_the_timecourse_values(evaluations):
    timecourse = evaluations["growing rat"].timecourse
    dose = timecourse_figure(evaluations["growing rat"])["data"][0]
    assert dose["name"] == "Delivered dose"
    assert dose["x"] == timecourse["day"].tolist()
    assert dose["y"] == timecourse["dose_mg_per_kg_per_day"].tolist()
    assert dose["line"]["width"] >= 2.5


def test_target_is_a_dashed_line_at_the_target_dose(evaluations):
    target = trace(timecourse_figure(evaluations["growing rat"]), "Target")
    assert target["y"] == pytest.approx([7.2] * len(target["y"]))
    assert target["line"]["dash"] == "dash"


def test_band_traces_are_nine_and_eleven_tenths_of_the_target(evaluations):
    figure = timecourse_figure(evaluations["growing rat"])
    lower, upper = (trace for trace in figure["data"] if trace.get("legendgroup") == "band")
    assert lower["y"] == pytest.approx([0.9 * 7.2] * len(lower["y"]))
    assert upper["y"] == pytest.approx([1.1 * 7.2] * len(upper["y"]))
    # The upper fills down to the lower, which comes just before it; one legend entry.
    assert figure["data"].index(upper) == figure["data"].index(lower) + 1
    assert upper["fill"] == "tonexty"
    assert upper["name"] == "target ±10 %"
    assert lower["showlegend"] is False


def test_body_weight_and_reservoir_are_on_the_lower_panel_axes(evaluations):
    figure = timecourse_figure(evaluations["growing rat"])
    layout, timecourse = figure["layout"], evaluations["growing rat"].timecourse
    weight, reservoir = trace(figure, "Body weight"), trace(figure, "Reservoir left")
    assert weight["y"] == timecourse["body_weight_g"].tolist()
    assert reservoir["y"] == timecourse["reservoir_left_ul"].tolist()
    assert (weight["yaxis"], reservoir["yaxis"]) == ("y2", "y3")
    assert layout["yaxis3"]["overlaying"] == "y2"
    assert layout["yaxis2"]["domain"][1] < layout["yaxis"]["domain"][0]  # below the dose panel
    assert layout["yaxis"]["domain"][1] - layout["yaxis"]["domain"][0] == pytest.approx(0.62)
    assert layout["xaxis"]["anchor"] == "y2"  # one day axis, at the bottom, for both panels


def test_two_pumps_in_series_mark_replacement_nominal_ends_and_explant_by(evaluations):
    labels = marker_labels(timecourse_figure(evaluations["two pumps"]))
    assert labels[0] == "implant"
    assert "pump 2 in" in labels[28] and "pump 1 nominal end" in labels[28]
    assert "pump 2 nominal end" in labels[56] and "study end" in labels[56]
    # The last pump went in on day 28 for 28 days: out by 28 + 1.5 x 28 = 70 days.
    assert "explant-by" in labels[70]
    assert sorted(labels) == [0, 28, 56, 70]


def test_explant_by_is_in_view(evaluations):
    x_range = timecourse_figure(evaluations["two pumps"])["layout"]["xaxis"]["range"]
    assert x_range[0] < 0 and x_range[1] > 70


def test_catheter_plan_marks_the_drug_reaching_the_tip(evaluations):
    labels = marker_labels(timecourse_figure(evaluations["catheter"]))
    assert labels[round(182.64 / 24, 2)] == "drug reaches catheter tip, day 7.6"


def test_no_catheter_no_catheter_marker(evaluations):
    labels = marker_labels(timecourse_figure(evaluations["growing rat"]))
    assert not any("catheter" in label for label in labels.values())


def test_markers_on_one_day_share_one_line_and_one_label(evaluations):
    figure = timecourse_figure(evaluations["growing rat"])  # study end = nominal end, day 28
    assert marker_labels(figure)[28] == "study end · nominal end"
    assert [line["x0"] for line in marker_lines(figure)] == [0, 28, 42]


def test_marker_lines_span_both_panels_with_a_distinct_dash_each(evaluations):
    lines = marker_lines(timecourse_figure(evaluations["catheter"]))
    assert all((line["yref"], line["y0"], line["y1"]) == ("paper", 0, 1) for line in lines)
    dashes = [line["line"]["dash"] for line in lines]
    assert len(set(dashes)) == len(dashes) == 4  # implant, catheter tip, study end, explant-by


def test_days_after_the_study_are_shaded(evaluations):
    figure = timecourse_figure(evaluations["default"])  # 7-day study, the 2002 runs 14 days
    (area,) = [shape for shape in figure["layout"]["shapes"] if shape["type"] == "rect"]
    assert area["x0"] == 7
    assert area["x1"] == figure["layout"]["xaxis"]["range"][1]
    assert any("after the study" in note["text"] for note in figure["layout"]["annotations"])
    assert marker_labels(figure) == {
        0: "implant",
        7: "study end",
        14: "nominal end",
        21: "explant-by (1.5×)",
    }


def test_every_trace_has_hover_text_with_units_but_the_lower_band_edge(evaluations):
    figure = timecourse_figure(evaluations["growing rat"])
    units = {
        "Delivered dose": "mg/kg/day",
        "Target": "mg/kg/day",
        "target ±10 %": "mg/kg/day",
        "Body weight": " g",
        "Reservoir left": "µL",
    }
    for name, unit in units.items():
        assert unit in trace(figure, name)["hovertemplate"]
    assert trace(figure, "target −10 %")["hoverinfo"] == "skip"
    assert figure["layout"]["xaxis"]["unifiedhovertitle"]["text"] == "Day %{x:.1f}"


def test_figure_reads_on_a_projector_and_in_print(evaluations):
    layout = timecourse_figure(evaluations["growing rat"])["layout"]
    assert layout["font"]["size"] >= 14
    assert layout["height"] == 520
    assert layout["paper_bgcolor"] == layout["plot_bgcolor"] == "white"
    assert layout["legend"]["orientation"] == "h" and layout["legend"]["y"] > 1
    assert "title" not in layout


def test_empty_timecourse_gives_no_traces_and_says_why(catalog):
    evaluation = evaluate(Plan(pump_model="no such pump"), catalog)
    assert evaluation.timecourse.empty
    figure = timecourse_figure(evaluation)
    assert figure["data"] == []
    assert [note["text"] for note in figure["layout"]["annotations"]] == [
        "No time course: see the findings"
    ]


@pytest.mark.parametrize("name", list(PLANS))
def test_figure_is_json_serialisable(evaluations, name):
    figure = timecourse_figure(evaluations[name])
    assert json.loads(json.dumps(figure, allow_nan=False)) == figure


@pytest.mark.parametrize(
    ("top", "step"),
    # at most three steps above zero, each 1, 2 or 5 times a power of ten:
    # 200 uL / 3 = 66.7 -> 100; 250 g / 3 = 83.3 -> 100; 2000 uL / 3 = 667 -> 1000;
    # 350 g / 3 = 117 -> 200; 0.3 / 3 = 0.1 -> 0.1
    [(200, 100), (250, 100), (2000, 1000), (350, 200), (0.3, 0.1)],
)
def test_lower_panel_ticks_fall_on_round_numbers(top, step):
    assert _round_ticks(top) == {"tick0": 0, "dtick": step}


def test_reservoir_axis_of_a_2002_ticks_at_0_100_200(evaluations):
    layout = timecourse_figure(evaluations["default"])["layout"]
    assert (layout["yaxis3"]["tick0"], layout["yaxis3"]["dtick"]) == (0, 100)


def _label_rows(figure) -> dict[str, float]:
    return {label["text"]: label.get("yshift") for label in figure["layout"]["annotations"]}


def test_marker_labels_take_a_second_row_only_where_the_plot_is_too_narrow(evaluations):
    # A 2002 in a 7-day study: "nominal end" on day 14 and "explant-by (1.5×)" on day 21, on an
    # axis of -0.21 to 21.42 days (21.63). A 390 px figure has 230 px of plot: "nominal end"
    # (11 x 7 = 77 px) centred at 14.21 / 21.63 x 230 = 151 px ends at 189.5 px; "explant-by"
    # (17 x 7 = 119 px) anchored right at 230 px starts at 111 px: they would touch, so a row up.
    # At 1400 px (1240 px of plot) they end at 853 and start at 1121 px: one row.
    narrow = _label_rows(timecourse_figure(evaluations["default"], width_px=390))
    wide = _label_rows(timecourse_figure(evaluations["default"], width_px=1400))
    explant_by = next(text for text in narrow if text.startswith("explant-by"))
    assert narrow[explant_by] > narrow["nominal end"]
    assert wide[explant_by] == wide["nominal end"]


def test_no_plasma_panel_without_pharmacokinetic_inputs(evaluations):
    figure = timecourse_figure(evaluations["default"])
    assert not [trace for trace in figure["data"] if trace["name"].startswith("Plasma")]
    assert "yaxis4" not in figure["layout"]


def test_plasma_level_is_drawn_on_its_own_panel_under_the_dose(catalog):
    # 1 ug/h, CL 10 mL/min/kg to 250 g: 1,000 ng/h / 150 mL/h = 6.67 ng/mL, reached within hours
    plan = Plan(clearance_ml_per_min_per_kg=10.0, volume_of_distribution_l_per_kg=1.0)
    figure = timecourse_figure(evaluate(plan, catalog))
    plasma = trace(figure, "Plasma level")
    assert plasma["yaxis"] == "y4"
    assert max(value for value in plasma["y"] if value is not None) == pytest.approx(6.6667, 1e-4)
    layout = figure["layout"]
    assert layout["yaxis4"]["domain"][1] < layout["yaxis"]["domain"][0]  # under the dose
    assert layout["yaxis2"]["domain"][1] < layout["yaxis4"]["domain"][0]  # over the weight
    json.dumps(figure)


def test_a_clearance_alone_draws_the_steady_state_of_each_day(catalog):
    figure = timecourse_figure(evaluate(Plan(clearance_ml_per_min_per_kg=10.0), catalog))
    assert trace(figure, "Plasma level (steady state each day)")["yaxis"] == "y4"
