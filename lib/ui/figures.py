"""The dose time course as a plain plotly figure spec: dicts, so the kernel never imports plotly."""

from lib.evaluate import Evaluation
from lib.formatting import format_days

DOSE_COLOUR = "#1f5fa8"
TARGET_COLOUR = "#6b6b6b"
WEIGHT_COLOUR = "#b3590b"
FONT = {"family": "Arial, Helvetica, sans-serif", "size": 15, "color": "#222"}


def _vertical_line(day: float, label: str, dash: str) -> tuple[dict, dict]:
    line = {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": day,
        "x1": day,
        "y0": 0,
        "y1": 1,
        "line": {"color": "#444", "width": 1.5, "dash": dash},
    }
    note = {"x": day, "y": 1, "xref": "x", "yref": "paper", "text": label, "showarrow": False}
    note.update({"xanchor": "right", "yanchor": "top", "textangle": -90, "font": {"size": 12}})
    return line, note


def _markers(evaluation: Evaluation) -> tuple[list, list]:
    """Lines for each replacement, each pump's nominal end and the end of the study."""
    marks = [
        (window.start_day, f"pump {window.number} in", "dot") for window in evaluation.windows[1:]
    ]
    last, study_days = evaluation.windows[-1], evaluation.plan.study_days
    study_end = f"study end, day {format_days(study_days)}"
    if abs(last.nominal_end_day - study_days) < 1e-9:  # one line, one label
        study_end += f" = nominal end of pump {last.number}"
    else:
        marks.append((last.nominal_end_day, f"nominal end, pump {last.number}", "dash"))
    marks.append((study_days, study_end, "solid"))
    pairs = [_vertical_line(day, label, dash) for day, label, dash in marks]
    return [line for line, _ in pairs], [note for _, note in pairs]


def _trace(name, x, y, colour, hover, **extra) -> dict:
    trace = {"type": "scatter", "mode": "lines", "name": name, "x": x, "y": y}
    trace.update(
        {"line": {"color": colour, "width": 3}, "hovertemplate": hover + "<extra></extra>"}
    )
    trace.update(extra)
    return trace


def timecourse_figure(evaluation: Evaluation) -> dict:
    """Delivered dose (first trace), target, and body weight when the animal grows."""
    layout = {
        "font": FONT,
        "height": 380,
        "margin": {"l": 70, "r": 70, "t": 40, "b": 60},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "legend": {"orientation": "h", "x": 0, "y": 1.12},
        "xaxis": {"title": {"text": "Days after implant"}, "gridcolor": "#ddd", "zeroline": False},
        "yaxis": {
            "title": {"text": "Dose (mg/kg/day)"},
            "gridcolor": "#ddd",
            "rangemode": "tozero",
        },
    }
    timecourse = evaluation.timecourse
    if timecourse.empty:
        layout["annotations"] = [{"text": "No time course: see the findings", "showarrow": False}]
        return {"data": [], "layout": layout}
    days = timecourse["day"].tolist()
    data = [
        _trace(
            "Delivered dose",
            days,
            timecourse["dose_mg_per_kg_per_day"].tolist(),
            DOSE_COLOUR,
            "Day %{x:.1f}<br>Delivered %{y:.3g} mg/kg/day",
        ),
        _trace(
            "Target",
            days,
            timecourse["target_dose_mg_per_kg_per_day"].tolist(),
            TARGET_COLOUR,
            "Day %{x:.1f}<br>Target %{y:.3g} mg/kg/day",
            line={"color": TARGET_COLOUR, "width": 2, "dash": "dash"},
        ),
    ]
    if evaluation.plan.weight_gain_g_per_day > 0:
        data.append(
            _trace(
                "Body weight",
                days,
                timecourse["body_weight_g"].tolist(),
                WEIGHT_COLOUR,
                "Day %{x:.1f}<br>%{y:.1f} g",
                yaxis="y2",
            )
        )
        layout["yaxis2"] = {
            "title": {"text": "Body weight (g)"},
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "showgrid": False,
        }
    layout["shapes"], layout["annotations"] = _markers(evaluation)
    return {"data": data, "layout": layout}
