"""A printable protocol sheet: the preparation and implantation workflow with a plan's numbers.

Every rule on the sheet comes from the shared REFERENCE.md and names its source where it is used;
where a lab's own SOP or IACUC protocol governs, the sheet says so instead of inventing a step.
Everything the user typed (compound, vehicle, outcome measures, and the findings that quote them)
is escaped: the sheet is opened in a browser.
"""

import math
from datetime import UTC, date, datetime, timedelta
from html import escape

from lib.calc.catheter import catheter_volume_ul
from lib.checks.common import LOADING_TEMPERATURE_NOTE, SAFE_EXPLANT_FACTOR
from lib.cohort.animals import Cohort
from lib.cohort.evaluate import evaluate_cohort
from lib.documents.links import plan_to_query
from lib.documents.study import (
    calendar_table_html,
    cohort_table_html,
    preparation_section,
    study_events,
)
from lib.evaluate import Evaluation, evaluate
from lib.formatting import format_days, format_number
from lib.plan import ROUTE_LABELS, Plan
from lib.tables.compounds import CompoundTable
from lib.tables.presets import shipped_growth_presets
from lib.tables.pumps import PumpCatalog, load_pump_catalog
from lib.tables.tubing import shipped_tubing
from lib.units import DOSE_UNITS, HOURS_PER_DAY
from lib.version import APP_VERSION

DESIGN_WEIGHT_LABELS = {
    "implant": "the weight at implant",
    "mid": "the weight at mid-infusion",
    "mean": "the mean weight over the infusion",
}
# Where the pump body sits: IT and ICV pumps sit under the skin with a catheter to the site,
# which is why the catalogue applies the subcutaneous size limit to them.
PUMP_SITES = {
    "sc": "subcutaneously",
    "ip": "in the peritoneal cavity",
    "it": "subcutaneously, with a catheter to the intrathecal site",
    "icv": "subcutaneously, with a catheter to the intracerebroventricular site",
}
RULE_SOURCES = (
    "Explant by 1.5 × the nominal duration; spent pumps swell and leak concentrated salt: "
    "Boston University IACUC guidance.",
    "Filling (room temperature, 0.22 µm filter, filling tube, flow moderator, weighing): ALZET "
    '"Filling & Priming"; the brief.',
    "Priming at least 4-6 h in sterile saline at 37 °C: the brief.",
    'Solubility at the loading temperature: ALZET "Determining the Required Concentration".',
    'Catheter volume and lag; a catheter does not change the rate: ALZET "Catheter use".',
    'Residual volume and mean rate after explant: ALZET "Verifying delivery".',
    "Extra pumps justified to the IACUC; explanted pumps not reused: UCSF IACUC standard "
    "procedure.",
)
INCOMPLETE = "<p>The plan has no fill concentration yet: resolve the findings below first.</p>"
STYLE = """
body { font: 11pt/1.3 "DejaVu Sans", Arial, sans-serif; color: #000; background: #fff;
       max-width: 180mm; margin: 0 auto; padding: 10mm 0; }
h1 { font-size: 17pt; margin: 0; } h2 { font-size: 13pt; margin: 10pt 0 3pt;
     border-bottom: 1.5pt solid #000; break-after: avoid; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; break-inside: avoid; }
th, td { border: 0.75pt solid #000; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #eee; } .pd-summary th { width: 30%; } .pd-record td { height: 20pt; }
tr, li { break-inside: avoid; page-break-inside: avoid; }
ol.pd-steps li { margin: 2pt 0; padding-left: 2pt; }
ol.pd-steps li::before { content: ""; display: inline-block; width: 8pt; height: 8pt;
     border: 0.75pt solid #000; margin-right: 5pt; vertical-align: -1pt; }
.pd-lead { font-size: 12pt; margin: 2pt 0; } .pd-small { font-size: 8pt; overflow-wrap: anywhere; }
#sources { font-size: 9pt; } #sources h2 { font-size: 13pt; }
.pd-severity { font-weight: bold; text-transform: uppercase; font-size: 9pt; }
@page { margin: 15mm; }
@media print { body { max-width: none; padding: 0; } th { background: none; } }
"""


def protocol_html(
    plan: Plan,
    catalog: PumpCatalog | None = None,
    compounds: CompoundTable | None = None,
    cohort: Cohort | None = None,
) -> str:
    """The plan's protocol sheet as one self-contained, printable HTML page.

    With a cohort of animals, the sheet adds each animal's dose, the solutions to prepare and
    the dated calendar.
    """
    catalog = load_pump_catalog() if catalog is None else catalog
    evaluation = evaluate(plan, catalog, compounds)
    sections = [_title, _summary, _preparation, _filling, _implantation, _schedule]
    sections += [_verification, _outcomes, _findings, _sources]
    body = "\n".join(section(evaluation) for section in sections)
    if cohort is not None and cohort.animals:
        body += "\n" + _study_sections(
            evaluate_cohort(plan, cohort, catalog, compounds, evaluation)
        )
    title = escape(f"Pump protocol: {plan.compound}")
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<style>{STYLE}</style></head>\n<body><main class="pd-protocol">\n{body}\n'
        "</main></body></html>"
    )


def _study_sections(evaluated) -> str:
    events = study_events(evaluated)
    return "\n".join(
        [
            _section("cohort", "Animals and their doses", cohort_table_html(evaluated)),
            _section("bench-preparation", "Bench preparation", preparation_section(evaluated)),
            _section("calendar", "Calendar", calendar_table_html(events)),
        ]
    )


def _section(section_id: str, heading: str, content: str) -> str:
    return f'<section id="{section_id}"><h2>{heading}</h2>\n{content}\n</section>'


def _steps(steps: list[str]) -> str:
    return '<ol class="pd-steps">' + "".join(f"<li>{step}</li>" for step in steps) + "</ol>"


def _table(header: list[str], rows: list[list[str]], css_class: str = "") -> str:
    head = "".join(f"<th>{cell}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{css_class}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _day_to_date(plan: Plan, day: float) -> date | None:
    """The calendar date of a day after implant; part days round down, so no deadline is late."""
    if plan.implant_date is None:
        return None
    return date.fromisoformat(plan.implant_date) + timedelta(days=math.floor(day + 1e-9))


def _when(plan: Plan, day: float) -> str:
    """An ISO date with its day after implant, or the day alone when there is no implant date."""
    on_date = _day_to_date(plan, day)
    text = f"day {format_days(day)}"
    if day < 0:  # only priming comes before the implant
        text = "the day before implant" if day == -1 else f"{format_days(-day)} days before implant"
    return text if on_date is None else f"{on_date.isoformat()} ({text})"


def _priming_start_day(start_day: float, priming_hours: float) -> float:
    """The latest day to start priming. The plan has no time of surgery, so priming counts back
    from the start of the implant day: 6 h means the day before, as labs that prime overnight do."""
    return start_day - math.ceil(priming_hours / HOURS_PER_DAY - 1e-9)


def _explant_by_day(window) -> float:
    """Boston University IACUC: a pump must be out by 1.5 x its nominal delivery period."""
    return window.start_day + SAFE_EXPLANT_FACTOR * (window.nominal_end_day - window.start_day)


def _title(evaluation: Evaluation) -> str:
    plan = evaluation.plan
    dose = f"{format_number(plan.dose)} {DOSE_UNITS[plan.dose_unit].label}"
    if plan.fixed_concentration_mg_per_ml is not None:
        dose = f"filled at {format_number(plan.fixed_concentration_mg_per_ml)} mg/mL"
    generated = datetime.now(UTC).date().isoformat()
    return (
        f'<header id="title"><h1>Osmotic pump protocol: {escape(plan.compound)}</h1>'
        f'<p class="pd-lead">{dose} · {ROUTE_LABELS[plan.route]} · {plan.species}</p>'
        f'<p class="pd-small">Dashboard version {APP_VERSION} · generated {generated} (UTC) · '
        f'plan: <span id="plan-query">{escape(plan_to_query(plan))}</span></p></header>'
    )


def _concentration_cell(evaluation: Evaluation) -> str:
    value = evaluation.concentration_mg_per_ml
    if value is None:
        return '<td id="concentration">not computable: see Findings</td>'
    parts = [f"{format_number(value)} mg/mL", f"{format_number(value * 1e3)} µg/mL"]
    if evaluation.concentration_mmol_per_l is not None:
        parts.append(f"{format_number(evaluation.concentration_mmol_per_l)} mM")
    text = " = ".join(parts)
    if evaluation.plan.fixed_concentration_mg_per_ml is not None:
        dose = format_number(evaluation.design_dose_mg_per_kg_per_day)
        weight = format_number(evaluation.design_body_weight_g)
        text += f"; entered as the fill concentration, it delivers {dose} mg/kg/day at {weight} g"
    return f'<td id="concentration" data-mg-per-ml="{value!r}">{text}</td>'


def _dose_range_text(evaluation: Evaluation) -> str:
    """The delivered dose from the drug's arrival to the study's end, and in % of target."""
    doses = evaluation.dose_range
    if doses is None:
        return "—"
    low, high = doses.lowest_mg_per_kg_per_day, doses.highest_mg_per_kg_per_day
    low_percent, high_percent = doses.lowest_percent_of_target, doses.highest_percent_of_target
    if format_number(low) == format_number(high):
        return f"{format_number(low)} mg/kg/day throughout ({low_percent:.0f} % of target)"
    return (
        f"{format_number(low)} to {format_number(high)} mg/kg/day "
        f"({low_percent:.0f} to {high_percent:.0f} % of target)"
    )


def _summary_rows(evaluation: Evaluation) -> list[tuple[str, str, str]]:
    plan, pump, rate = evaluation.plan, evaluation.pump, evaluation.rate_ul_per_hr
    rate_kind = "lot" if plan.lot_rate_ul_per_hr else "nominal"
    fill = f"{format_number(evaluation.fill_volume_ul)} µL"
    fill += " (lot mean fill volume)" if plan.lot_fill_volume_ul else " (nominal reservoir)"
    implants = ", ".join(_when(plan, window.start_day) for window in evaluation.windows)
    weight = f"{format_number(evaluation.design_body_weight_g)} g"
    return [
        ("Mass flow", "mass-flow", f"{format_number(evaluation.mass_flow_ug_per_hr)} µg/h"),
        ("Pump", "pump-model", f"ALZET {pump.model}, {format_number(rate)} µL/h ({rate_kind})"),
        ("Fill volume", "fill-volume", fill),
        ("Pumps in series", "pumps-in-series", f"{evaluation.pump_count}, implanted {implants}"),
        (
            "Design weight",
            "design-weight",
            f"{weight} ({DESIGN_WEIGHT_LABELS[plan.design_weight]})",
        ),
        ("Dose over the infusion", "dose-range", _dose_range_text(evaluation)),
        ("Study length", "study-days", f"{format_days(plan.study_days)} days"),
    ]


def _summary(evaluation: Evaluation) -> str:
    rows = f"<tr><th>Fill concentration</th>{_concentration_cell(evaluation)}</tr>"
    if evaluation.windows:
        rows += "".join(
            f'<tr><th>{label}</th><td id="{cell_id}">{text}</td></tr>'
            for label, cell_id, text in _summary_rows(evaluation)
        )
    return _section("summary", "Summary", f'<table class="pd-summary">{rows}</table>')


def _mass_text(evaluation: Evaluation) -> str:
    """Compound per pump (C x fill volume), once when every pump of the series is the same."""
    fill, concentrations = evaluation.fill_volume_ul, evaluation.pump_concentrations_mg_per_ml
    per_pump = [
        f'<span class="pd-mass-per-pump">{format_number(c * fill / 1000)} mg</span> '
        f"({format_number(c)} mg/mL × {format_number(fill)} µL)"
        for c in concentrations
    ]
    if len(set(concentrations)) == 1:
        text = f"Compound per pump: {per_pump[0]}"
    else:
        text = "Compound per pump: " + "; ".join(
            f"pump {number}: {mass}" for number, mass in enumerate(per_pump, start=1)
        )
    if len(concentrations) > 1:
        total = sum(concentrations) * fill / 1000
        text += f"; for all {len(concentrations)} pumps of the series: {format_number(total)} mg"
    return text + "."


def _preparation(evaluation: Evaluation) -> str:
    if not evaluation.windows:
        return _section("preparation", "Preparation", INCOMPLETE)
    plan, limit = evaluation.plan, evaluation.solubility_limit_mg_per_ml
    steps = [
        _mass_text(evaluation) + " Weigh it and dissolve it in the vehicle, "
        f"<strong>{escape(plan.vehicle)}</strong>.",
        "Filter through a 0.22 µm filter (ALZET, Filling &amp; Priming).",
        "Bring the solution to room temperature before filling: "
        f"{LOADING_TEMPERATURE_NOTE} (ALZET, Determining the Required Concentration)"
        + (f"; the solubility used here is {format_number(limit)} mg/mL." if limit else "."),
        "Prepare more solution than the fill volume: the filling tube and syringe hold some.",
    ]
    steps += [
        f"Too dilute to weigh directly: {escape(finding.suggestion)}"
        for finding in evaluation.findings
        if finding.code == "concentration_too_dilute_to_weigh"
    ]
    if evaluation.solubility and evaluation.solubility.notes:
        steps.append(f"Compound table note: {escape(evaluation.solubility.notes)}")
    return _section("preparation", "Preparation", _steps(steps))


def _priming_text(evaluation: Evaluation) -> str:
    plan, hours = evaluation.plan, evaluation.pump.priming_hours
    text = (
        f'Prime in sterile saline at 37 °C for at least <span id="priming-hours">'
        f"{hours:g} h</span> before implantation (the brief: at least 4-6 h; labs "
        "often prime overnight)."
    )
    if plan.catheter_tubing:
        text += " With a catheter, allow longer (one study primed a 2006 with catheter for 60 h)."
    start = _when(plan, _priming_start_day(0.0, hours))
    return text + (
        f' Start priming pump 1 on <strong id="priming-start">{start}</strong> at the latest: the '
        "plan has no time of surgery, so this covers a surgery early on the implant day."
    )


def _filling(evaluation: Evaluation) -> str:
    if not evaluation.windows:
        return _section("filling", "Filling and priming", INCOMPLETE)
    steps = [
        "Weigh each pump empty; write the weight in the table below.",
        "Fill with the filling tube pushed to the bottom of the pump until the solution "
        "overflows, with no air bubbles; insert the flow moderator.",
        "Weigh the filled pump (ALZET, Filling &amp; Priming; the brief).",
        _priming_text(evaluation),
    ]
    rows = [[str(window.number), "", ""] for window in evaluation.windows]
    record = _table(["Pump", "Empty weight", "Filled weight"], rows, "pd-record")
    return _section("filling", "Filling and priming", _steps(steps) + record)


def _catheter_text(evaluation: Evaluation) -> str:
    plan, volume = evaluation.plan, catheter_volume_ul(evaluation.plan)
    if volume is None:
        return "No catheter is entered in the plan."
    tubing = shipped_tubing()[plan.catheter_tubing]
    text = (
        f"Catheter: {plan.catheter_length_cm:g} cm of {escape(tubing.name)} "
        f"({tubing.volume_ul_per_cm:g} µL/cm, {format_number(volume)} µL), primed with "
        f"{'the drug solution' if plan.catheter_filled_with == 'drug' else 'vehicle'}"
    )
    lag_days = evaluation.catheter_lag_days
    if lag_days > 0:
        hours = format_number(lag_days * HOURS_PER_DAY)
        text += (
            f': drug reaches the tip after <span id="catheter-lag">{hours} h</span>, '
            f"on {_when(plan, lag_days)}"
        )
    return text + ". A catheter does not change the pump's rate (ALZET, Catheter use)."


def _implantation(evaluation: Evaluation) -> str:
    if not evaluation.windows:
        return _section("implantation", "Implantation", INCOMPLETE)
    plan, pump = evaluation.plan, evaluation.pump
    steps = [
        f'Route: <span id="route">{ROUTE_LABELS[plan.route]}</span>; the pump sits '
        f"{PUMP_SITES[plan.route]}. Model {pump.model} needs an animal of at least "
        f"{pump.min_body_weight_g(plan.route):g} g there (catalogue); this one "
        f"weighs {format_number(plan.body_weight_g)} g at implant.",
        _catheter_text(evaluation),
        "Anaesthesia, analgesia, surgical approach and closure: per your approved protocol.",
    ]
    return _section("implantation", "Implantation", _steps(steps))


def _schedule_rows(evaluation: Evaluation) -> list[list[str]]:
    plan, hours, windows = evaluation.plan, evaluation.pump.priming_hours, evaluation.windows
    rows = []
    for window in windows:
        last = window.number == len(windows)
        out = "end of study" if last else f"replaced by pump {window.number + 1}"
        rows.append([
            str(window.number),
            _when(plan, _priming_start_day(window.start_day, hours)),
            f'<span class="pd-implant">{_when(plan, window.start_day)}</span>',
            f'<span class="pd-nominal-end">{_when(plan, window.nominal_end_day)}</span>',
            f"{_when(plan, plan.study_days if last else window.out_day)}, {out}",
            f'<strong class="pd-explant-by">{_when(plan, _explant_by_day(window))}</strong>',
        ])  # fmt: skip
    return rows


def _schedule(evaluation: Evaluation) -> str:
    if not evaluation.windows:
        return _section("schedule", "Schedule", INCOMPLETE)
    plan, count = evaluation.plan, evaluation.pump_count
    header = ["Pump", "Start priming by", "Implant", "Nominal end", "Out", "Explant by (1.5×)"]
    checks = [
        "Explant each pump by its explant-by day at the latest: spent pumps swell and leak "
        "concentrated salt, irritating tissue and risking dehydration (Boston University IACUC).",
        "Explanted pumps are not reused (UCSF IACUC).",
        "Monitor the animal and the wound per your approved protocol.",
    ]
    if count > 1:
        checks.insert(2, f"{count} pumps in one animal: justify each extra pump to your IACUC.")
    study_end = (
        f'<p>Study ends: <strong id="study-end">{_when(plan, plan.study_days)}</strong>.</p>'
    )
    content = _table(header, _schedule_rows(evaluation)) + study_end
    return _section("schedule", "Schedule", content + "<h3>Checks</h3>" + _steps(checks))


def _verification(evaluation: Evaluation) -> str:
    text = (
        "<p>After explant, aspirate the residual volume with a filling tube (not a needle). "
        "Mean rate = (volume loaded − residual volume) / elapsed time. The weight of a spent "
        "pump cannot be used: the pump takes up water (ALZET, Verifying delivery). Plasma levels "
        "at several time points are the other check.</p>"
    )
    if evaluation.rate_ul_per_hr is not None:
        kind = "lot" if evaluation.plan.lot_rate_ul_per_hr else "nominal"
        text += f"<p>Expected rate: {format_number(evaluation.rate_ul_per_hr)} µL/h ({kind}).</p>"
    header = ["Pump", "Volume loaded (µL)", "Residual (µL)", "Elapsed time (h)", "Mean rate (µL/h)"]
    rows = [[str(number), "", "", "", ""] for number in range(1, evaluation.pump_count + 1)]
    table = _table(header, rows or [["", "", "", "", ""]], "pd-record")
    return _section("verification", "Verifying delivery after explant", text + table)


def _outcomes(evaluation: Evaluation) -> str:
    names = evaluation.plan.outcome_measures
    items = "".join(f'<li class="pd-outcome">{escape(name)}</li>' for name in names)
    content = f"<ul>{items}</ul>" if names else "<p>None entered.</p>"
    return _section("outcomes", "Planned outcome measures", content)


def _findings(evaluation: Evaluation) -> str:
    items = "".join(
        f'<li class="pd-finding pd-{finding.severity}" data-code="{escape(finding.code)}">'
        f'<span class="pd-severity">{finding.severity}</span> {escape(finding.message)} '
        f"<em>{escape(finding.suggestion)}</em></li>"
        for finding in evaluation.findings
    )
    content = f"<ul>{items}</ul>" if items else "<p>No conflicts, cautions or notes.</p>"
    return _section("findings", "Findings", content)


def _data_sources(evaluation: Evaluation) -> list[str]:
    plan, pump, row = evaluation.plan, evaluation.pump, evaluation.solubility
    sources = []
    if pump is not None:
        unverified = "" if pump.verified else " (unverified: check the box's instruction sheet)"
        sources.append(f"Pump {pump.model}: {pump.source}{unverified}.")
    if row is not None:
        sources.append(f"{row.compound} in {row.vehicle}: {row.source}.")
    preset = shipped_growth_presets().get(plan.growth_preset or "")
    if plan.growth_model == "preset" and preset is not None:
        sources.append(f"Growth preset {preset.label}: {preset.source}.")
    if catheter_volume_ul(plan) is not None:
        sources.append(f"{plan.catheter_tubing}: {shipped_tubing()[plan.catheter_tubing].source}.")
    return sources


def _sources(evaluation: Evaluation) -> str:
    items = [escape(source) for source in _data_sources(evaluation) + list(RULE_SOURCES)]
    content = "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    return _section("sources", "Sources", content)
