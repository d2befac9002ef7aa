"""The dose time course as a plain plotly figure spec: dicts, so the kernel never imports plotly.

Two panels share the day axis: the delivered dose against its target on top, and what moves it
below (body weight, the reservoir draining). Vertical lines across both mark the pumps' events.
With pharmacokinetic inputs a third panel under the dose draws the predicted plasma level.
"""

import math

from lib.calc.dosing import DRIFT_TOLERANCE_PERCENT
from lib.calc.series import EXPLANT_BY_FACTOR
from lib.evaluate import Evaluation
from lib.formatting import format_days

# Colours differ in lightness as well as hue, and lines in dash: greyscale print keeps them apart.
DOSE_LINE = {"color": "#0b3d91", "width": 3.5}
TARGET_LINE = {"color": "#333333", "width": 2, "dash": "dash"}
UNCERTAIN_LINE = {"color": "#0b3d91", "width": 2.5, "dash": "dot"}
WEIGHT_LINE = {"color": "#c4620a", "width": 3}
RESERVOIR_LINE = {"color": "#6a3d9a", "width": 3, "dash": "dot"}
PLASMA_LINE = {"color": "#1b7837", "width": 3}
BAND_FILL = "rgba(11, 61, 145, 0.13)"
# The band is the tolerance the drift check uses.
BAND_FRACTION = DRIFT_TOLERANCE_PERCENT / 100
FONT = {"family": "Arial, Helvetica, sans-serif", "size": 15, "color": "#222222"}
HEIGHT_PX, MARGIN_BOTTOM_PX = 520, 60
# The panels' vertical extents (and where the after-study note sits between the lower two);
# with a plasma panel the figure is this much taller.
PANELS = {"dose": [0.38, 1], "lower": [0, 0.3], "between": 0.34}
PLASMA_PANELS = {"dose": [0.57, 1], "plasma": [0.3, 0.5], "lower": [0, 0.22], "between": 0.26}
PLASMA_EXTRA_PX = 180
# Below this width the legend goes under the plot (its three rows need this much more height).
NARROW_FIGURE_PX, NARROW_LEGEND_PX = 560, 120
# plotly's toolbar sits in the figure's top right corner, over the top margin: on a narrow plot
# (no legend above) the margin keeps this much above the marker labels for it (a phone shows it
# when the plot is touched, and it hid the explant-by label).
TOOLBAR_PX = 30
PAGE = {"font": FONT, "height": HEIGHT_PX, "paper_bgcolor": "white", "plot_bgcolor": "white"}
# Marker kinds as (dash, colour, width). Labels of one day are joined in this order, and the
# first kind styles the merged line.
MARKER_STYLES = {
    "study end": ("solid", "#111111", 2.5),
    "explant-by": ("longdashdot", "#a50f15", 2.5),
    "nominal end": ("dash", "#444444", 2),
    "replacement": ("dashdot", "#444444", 2),
    "catheter": ("dot", "#444444", 2),
    "implant": ("longdash", "#444444", 1.5),
}
# A shape from the bottom of the lower panel to the top of the upper one, at days on the x axis.
ACROSS_PANELS = {"xref": "x", "yref": "paper", "y0": 0, "y1": 1}
LABEL_FONT_PX, LABEL_ROW_PX, LABEL_CHAR_PX, LABEL_GAP_PX = 13, 18, 7, 10
# Labels are spread over rows for the plot's width, which the page reports (``PlotlyPlot``);
# before it does, this one. The plot area is the figure less its left and right margins.
ASSUMED_PLOT_WIDTH_PX = 620
SIDE_MARGINS_PX = 160


def _trace(name: str, y: list, hover: str | None, line: dict, **extra) -> dict:
    """A line trace; `hover` is its one line in the unified hover box, with units."""
    trace = {"type": "scatter", "mode": "lines", "name": name, "y": y, "line": line, **extra}
    if hover:  # a template, even an empty one, would add a blank line to the hover box
        trace["hovertemplate"] = hover + "<extra></extra>"
    return trace


def _dose_traces(timecourse) -> list[dict]:
    """Delivered dose first (browser tests read it there), then the target and its band."""
    target = timecourse["target_dose_mg_per_kg_per_day"]
    low = _gaps(target * (1 - BAND_FRACTION))
    high = _gaps(target * (1 + BAND_FRACTION))
    band = {"legendgroup": "band", "fillcolor": BAND_FILL}
    tolerance = f"{DRIFT_TOLERANCE_PERCENT:g} %"
    band_hover = f"Target ±{tolerance}: " + "%{customdata:.3g}–%{y:.3g} mg/kg/day"
    delivered, uncertain = _split_by_certainty(timecourse)
    traces = [
        _trace("Delivered dose", delivered, "Delivered %{y:.3g} mg/kg/day", DOSE_LINE),
        _trace("Target", _gaps(target), "Target %{y:.3g} mg/kg/day", TARGET_LINE),
        # Two traces: the upper one fills down to the lower one and carries the hover.
        _trace(
            f"target −{tolerance}",
            low,
            None,
            {"width": 0},
            showlegend=False,
            hoverinfo="skip",
            **band,
        ),
        _trace(
            f"target ±{tolerance}",
            high,
            band_hover,
            {"width": 0},
            fill="tonexty",
            customdata=low,
            **band,
        ),
    ]
    if any(value is not None for value in uncertain):
        hover = "Past the nominal end: %{y:.3g} mg/kg/day, rate not guaranteed"
        traces.insert(1, _trace("Rate not guaranteed", uncertain, hover, UNCERTAIN_LINE))
    return traces


def _gaps(values) -> list:
    """Values for plotly, None where there is none (no target): NaN is no JSON."""
    return [None if value != value else value for value in values.tolist()]


def _split_by_certainty(timecourse) -> tuple[list, list]:
    """The delivered dose while the rate is guaranteed, and after a pump's nominal end (None
    elsewhere); the second starts at the last guaranteed point, so the line joins up."""
    doses = timecourse["dose_mg_per_kg_per_day"].tolist()
    certain = timecourse["certain"].tolist()
    sure = [dose if known else None for dose, known in zip(doses, certain, strict=True)]
    unsure = [None if known else dose for dose, known in zip(doses, certain, strict=True)]
    for index in range(1, len(doses)):
        if certain[index - 1] and not certain[index]:
            unsure[index - 1] = doses[index - 1]
    return sure, unsure


def _lower_traces(timecourse) -> list[dict]:
    """Body weight on the lower panel's left axis, the reservoir on its right axis."""
    weight = timecourse["body_weight_g"].tolist()
    left = timecourse["reservoir_left_ul"].tolist()
    return [
        _trace("Body weight", weight, "Body weight %{y:.1f} g", WEIGHT_LINE, yaxis="y2"),
        _trace("Reservoir left", left, "Reservoir %{y:.1f} µL left", RESERVOIR_LINE, yaxis="y3"),
    ]


def _plasma_trace(evaluation: Evaluation) -> list[dict]:
    """The predicted plasma level on its own panel under the dose; none without kinetics."""
    course = evaluation.plasma_course
    if course is None:
        return []
    quasi = bool(course["quasi_steady"].iloc[0])
    name = "Plasma level (steady state each day)" if quasi else "Plasma level"
    values = _gaps(course["plasma_ng_per_ml"])
    trace = _trace(name, values, "Plasma %{y:.3g} ng/mL", PLASMA_LINE, yaxis="y4")
    return [trace | {"x": course["day"].tolist()}]


def _events(evaluation: Evaluation) -> list[tuple[float, str, str]]:
    """(day, label, kind) of every marker, in no particular order."""
    windows, last = evaluation.windows, evaluation.windows[-1]
    events = [(0.0, "implant", "implant"), (evaluation.plan.study_days, "study end", "study end")]
    for window in windows:
        name = f"pump {window.number} nominal end" if len(windows) > 1 else "nominal end"
        events.append((window.nominal_end_day, name, "nominal end"))
        if window.number > 1:
            events.append((window.start_day, f"pump {window.number} in", "replacement"))
    events.append((last.explant_by_day, f"explant-by ({EXPLANT_BY_FACTOR:g}×)", "explant-by"))
    if evaluation.catheter_lag_days > 0:
        lag = evaluation.catheter_lag_days
        events.append((lag, f"drug reaches catheter tip, day {format_days(lag)}", "catheter"))
    return events


def _merged(events: list[tuple[float, str, str]]) -> list[tuple[float, str, str]]:
    """One marker per day, sorted by day: the labels of one day joined, as (day, label, kind)."""
    kinds = list(MARKER_STYLES)
    by_day: dict[float, list[tuple[str, str]]] = {}
    for day, label, kind in events:
        by_day.setdefault(round(float(day), 6), []).append((label, kind))
    markers = []
    for day, labelled in sorted(by_day.items()):
        labelled.sort(key=lambda pair: kinds.index(pair[1]))
        markers.append((day, " · ".join(label for label, _ in labelled), labelled[0][1]))
    return markers


def _label_places(markers, x_range: list[float], plot_px: float) -> list[tuple[str, int]]:
    """(xanchor, row) per marker label: centred on its line unless that runs off the plot, and a
    row up when it would touch a label to its left."""
    span, row_ends, places = x_range[1] - x_range[0], [], []
    for day, label, _ in markers:
        centre = (day - x_range[0]) / span * plot_px
        width = len(label) * LABEL_CHAR_PX
        anchor = "left" if centre < width / 2 else "center"
        if centre + width / 2 > plot_px:
            anchor = "right"
        start = centre - {"left": 0, "center": width / 2, "right": width}[anchor]
        rows = [row for row, end in enumerate(row_ends) if start > end + LABEL_GAP_PX]
        row = rows[0] if rows else len(row_ends)
        row_ends[row : row + 1] = [start + width]
        places.append((anchor, row))
    return places


def _marker_shapes(markers, places) -> tuple[list[dict], list[dict]]:
    """A line across both panels and its label above the plot, per marker."""
    lines, labels = [], []
    for (day, label, kind), (anchor, row) in zip(markers, places, strict=True):
        dash, colour, width = MARKER_STYLES[kind]
        line = {"color": colour, "width": width, "dash": dash}
        lines.append({"type": "line", "x0": day, "x1": day, "line": line} | ACROSS_PANELS)
        text = {"text": label, "showarrow": False, "font": {"size": LABEL_FONT_PX, "color": colour}}
        place = {"xanchor": anchor, "yanchor": "bottom", "yshift": 2 + row * LABEL_ROW_PX}
        labels.append({"x": day, "y": 1, "xref": "x", "yref": "paper"} | text | place)
    return lines, labels


def _after_study(
    study_days: float, x_range: list[float], between: float
) -> tuple[list[dict], list[dict]]:
    """Grey over the pump's life after the study, named in the gap between the panels."""
    if x_range[1] <= study_days:
        return [], []
    area = {"type": "rect", "x0": study_days, "x1": x_range[1], "layer": "below"} | ACROSS_PANELS
    area |= {"fillcolor": "#000000", "opacity": 0.06, "line": {"width": 0}}
    if x_range[1] - study_days < 0.12 * (x_range[1] - x_range[0]):  # too narrow to name
        return [area], []
    name = {"text": "<i>after the study →</i>", "showarrow": False, "font": {"size": LABEL_FONT_PX}}
    name |= {"x": study_days, "xanchor": "left", "xshift": 6, "xref": "x"}
    return [area], [name | {"y": between, "yref": "paper"}]


def _axis(title: str, colour: str = "#222222", **extra) -> dict:
    """An axis in the figure's style; `colour` ties a lower-panel axis to its trace."""
    axis = {"title": {"text": title, "font": {"size": 14, "color": colour}}, "zeroline": False}
    axis |= {"gridcolor": "#e3e3e3", "showline": True, "linecolor": "#888888", "ticks": "outside"}
    return axis | extra


def _from_zero(top: float) -> list[float]:
    """A range from just below zero, so a line at zero is not half hidden by the frame."""
    top = float(top) or 1.0
    return [-0.03 * top, 1.06 * top]


def _round_ticks(top: float, most: int = 3) -> dict:
    """Ticks on round numbers (1, 2 or 5 times a power of ten) from zero, at most ``most`` above
    it: a short panel's own choice can fall on thirds (83.3, 166.7 µL)."""
    raw = (float(top) or 1.0) / most
    power = 10 ** math.floor(math.log10(raw))
    step = next(factor * power for factor in (1, 2, 5, 10) if factor * power >= raw)
    return {"tick0": 0, "dtick": step}


def _x_axis(x_range: list[float]) -> dict:
    hover_title = {"text": "Day %{x:.1f}"}
    axis = _axis("Days after implant", anchor="y2", range=x_range, unifiedhovertitle=hover_title)
    span = x_range[1] - x_range[0]
    if span >= 14:  # in weeks: ALZET durations are whole weeks, so markers fall on ticks
        axis |= {"tick0": 0, "dtick": 7 * max(1, round(span / 84))}
    return axis


def _y_axes(timecourse, panels: dict) -> dict:
    """Dose on top (62 % of the height); weight (left) and reservoir (right) below."""
    target_top = timecourse["target_dose_mg_per_kg_per_day"].max()  # NaN: no target
    dose_top = timecourse["dose_mg_per_kg_per_day"].max()
    if target_top == target_top:
        dose_top = max(dose_top, (1 + BAND_FRACTION) * target_top)
    weight_top, reservoir_top = timecourse[["body_weight_g", "reservoir_left_ul"]].max()
    lower = {"domain": panels["lower"], "range": _from_zero(weight_top), **_round_ticks(weight_top)}
    reservoir = {"overlaying": "y2", "side": "right", "showgrid": False}
    reservoir |= _round_ticks(reservoir_top)
    return {
        "yaxis": _axis("Dose (mg/kg/day)", domain=panels["dose"], range=_from_zero(dose_top)),
        "yaxis2": _axis("Weight (g)", WEIGHT_LINE["color"], **lower),
        "yaxis3": _axis(
            "Reservoir (µL)", RESERVOIR_LINE["color"], range=_from_zero(reservoir_top), **reservoir
        ),
    }


def _plasma_axis(plasma: list[dict]) -> dict:
    top = max((value for value in plasma[0]["y"] if value is not None), default=0.0)
    panel = {"domain": PLASMA_PANELS["plasma"], "range": _from_zero(top), **_round_ticks(top)}
    return {"yaxis4": _axis("Plasma (ng/mL)", PLASMA_LINE["color"], **panel)}


def _layout(x_range: list[float], label_rows: int, narrow: bool = False, extra_px: int = 0) -> dict:
    """White, a light grid, one hover box for both panels; marker labels above. The legend
    goes above too, or on a narrow plot (a phone) below the day axis, where it has the width."""
    top_px = 44 + label_rows * LABEL_ROW_PX
    height = HEIGHT_PX + extra_px
    legend_y = 1 + (label_rows * LABEL_ROW_PX + 4) / (height - top_px - MARGIN_BOTTOM_PX)
    legend = {"orientation": "h", "x": 0, "y": legend_y, "yanchor": "bottom"}
    margin = {"l": 80, "r": 80, "t": top_px, "b": MARGIN_BOTTOM_PX}
    if narrow:
        top_px = 12 + TOOLBAR_PX + label_rows * LABEL_ROW_PX
        height = HEIGHT_PX + extra_px + NARROW_LEGEND_PX + TOOLBAR_PX
        bottom_px = MARGIN_BOTTOM_PX + NARROW_LEGEND_PX
        # Below the day axis's ticks and title (about 90 px), in the plot area's height.
        legend_y = -(MARGIN_BOTTOM_PX + 30) / (height - top_px - bottom_px)
        legend = {"orientation": "h", "x": 0, "y": legend_y, "yanchor": "top"}
        margin = {"l": 60, "r": 60, "t": top_px, "b": bottom_px}
    return PAGE | {
        "height": height,
        "margin": margin,
        "hovermode": "x unified",
        "hoversubplots": "axis",
        "legend": legend,
        "xaxis": _x_axis(x_range),
    }


def _empty_figure() -> dict:
    """No axes, only the reason, where the plot would be."""
    note = {"text": "No time course: see the findings", "showarrow": False, "font": {"size": 16}}
    note |= {"xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5}
    hidden = {"visible": False}
    return {"data": [], "layout": PAGE | {"annotations": [note], "xaxis": hidden, "yaxis": hidden}}


def timecourse_figure(evaluation: Evaluation, width_px: float | None = None) -> dict:
    """Delivered dose (the first trace) against its target, weight and reservoir, pump events;
    ``width_px``: the figure's width on the page, which decides the rows of marker labels."""
    timecourse = evaluation.timecourse
    if timecourse.empty:
        return _empty_figure()
    days = timecourse["day"].tolist()
    data = [trace | {"x": days} for trace in _dose_traces(timecourse) + _lower_traces(timecourse)]
    plasma = _plasma_trace(evaluation)
    panels = PLASMA_PANELS if plasma else PANELS
    markers = _merged(_events(evaluation))
    last_day = max(days[-1], markers[-1][0])
    x_range = [-0.01 * last_day, 1.02 * last_day]  # every marker in view, none on the frame
    narrow = bool(width_px) and width_px < NARROW_FIGURE_PX
    plot_px = width_px - SIDE_MARGINS_PX * (0.75 if narrow else 1) if width_px else None
    places = _label_places(markers, x_range, max(plot_px or ASSUMED_PLOT_WIDTH_PX, 100))
    lines, labels = _marker_shapes(markers, places)
    shade, shade_name = _after_study(evaluation.plan.study_days, x_range, panels["between"])
    extra_px = PLASMA_EXTRA_PX if plasma else 0
    layout = _layout(x_range, 1 + max(row for _, row in places), narrow, extra_px)
    layout |= _y_axes(timecourse, panels) | (_plasma_axis(plasma) if plasma else {})
    layout |= {"shapes": shade + lines, "annotations": labels + shade_name}
    return {"data": data + plasma, "layout": layout}
