"""HTML for the results and findings. Every text a user or a link supplied is escaped here."""

from html import escape

from lib.calc.plasma import ASSUMPTIONS
from lib.documents.protocol import dose_range_text
from lib.documents.render import strength
from lib.evaluate import Evaluation
from lib.findings import Finding
from lib.formatting import counted, format_days, format_number
from lib.tables.presets import shipped_growth_presets
from lib.units import DOSE_UNITS

UNAVAILABLE = "<span class='pd-unavailable'>—</span>"


def concentration_html(evaluation: Evaluation) -> str:
    """The fill concentration in large type, with its other units."""
    concentration = evaluation.concentration_mg_per_ml
    if concentration is None:
        caption = "<div class='pd-caption'>Fill concentration</div>"
        return f"<div class='pd-card'>{caption}{UNAVAILABLE}</div>"
    other_units = [f"{format_number(evaluation.concentration_ug_per_ml)} µg/mL"]
    if evaluation.concentration_mmol_per_l is not None:
        other_units.append(f"{format_number(evaluation.concentration_mmol_per_l)} mM")
    caption = "Fill concentration"
    if evaluation.plan.fixed_concentration_mg_per_ml is not None:
        caption += " (entered)"
    return (
        f"<div class='pd-card'><div class='pd-caption'>{caption}</div>"
        f"<div class='pd-big'><span class='pd-concentration-value' "
        f"data-mg-per-ml='{concentration!r}'>{format_number(concentration)}</span> mg/mL</div>"
        f"<div class='pd-small'>= {' = '.join(other_units)} of "
        f"{escape(evaluation.plan.compound)} in {escape(evaluation.plan.vehicle)}</div>"
        f"{_weighed_html(evaluation)}{_delivered_html(evaluation)}</div>"
    )


def _weighed_html(evaluation: Evaluation) -> str:
    """For a dose of the free base: the salt's own concentration, which the bench weighs."""
    form = evaluation.dose_form
    if form is None or not form.is_salt_conversion:
        return ""
    return (
        f"<div class='pd-small pd-weighed-form'>Weigh for "
        f"{escape(strength(evaluation.concentration_mg_per_ml, form))}: "
        f"{format_number(form.weighed_mg_per_dose_mg)} mg of it holds 1 mg of the base</div>"
    )


def _delivered_html(evaluation: Evaluation) -> str:
    """For an entered concentration: the dose it delivers, per animal and per kg."""
    plan = evaluation.plan
    if plan.fixed_concentration_mg_per_ml is None:
        return ""
    return (
        "<div class='pd-delivered-dose'>Delivers "
        f"<b>{format_number(evaluation.design_dose_mg_per_kg_per_day)} mg/kg/day</b> to a "
        f"{evaluation.design_body_weight_g:g} g {plan.species} = "
        f"{format_number(evaluation.mass_flow_ug_per_hr)} µg/h = "
        f"{format_number(evaluation.mass_mg_per_day)} mg/day</div>"
    )


def formula_html(evaluation: Evaluation) -> str:
    """The formula with this plan's numbers substituted, unit conversions written out."""
    if evaluation.concentration_mg_per_ml is None:
        return ""
    plan = evaluation.plan
    unit = DOSE_UNITS[plan.dose_unit]
    given = f"{format_number(plan.dose)} {unit.label}"
    rate = format_number(evaluation.rate_ul_per_hr)
    concentration = format_number(evaluation.concentration_mg_per_ml)
    if plan.fixed_concentration_mg_per_ml is not None:
        lines = _delivered_formula(evaluation, concentration, rate)
    elif not unit.per_kg:
        mass_flow = format_number(evaluation.mass_flow_ug_per_hr)
        lines = [] if plan.dose_unit == "ug/h" else [f"Mass flow k₀ = {given} = {mass_flow} µg/h"]
        lines += [
            f"C = k₀ / Q = {mass_flow} µg/h ÷ {rate} µL/h = {concentration} µg/µL = "
            f"<b>{concentration} mg/mL</b>",
        ]
    else:
        dose = format_number(evaluation.design_dose_mg_per_kg_per_day)
        weight_kg = format_number(evaluation.design_body_weight_g / 1000)
        mass = format_number(evaluation.mass_mg_per_day)
        rate_ml = format_number(evaluation.rate_ml_per_day)
        lines = [] if plan.dose_unit == "mg/kg/day" else [f"Dose = {given} = {dose} mg/kg/day"]
        lines += [
            f"Mass per day = {dose} mg/kg/day × {weight_kg} kg = {mass} mg/day",
            f"Pumping rate = {rate} µL/h × 24 h ÷ 1000 = {rate_ml} mL/day",
            f"C = {mass} mg/day ÷ {rate_ml} mL/day = <b>{concentration} mg/mL</b>",
        ]
    return "<div class='pd-formula-lines'>" + "<br>".join(lines) + "</div>"


def _delivered_formula(evaluation: Evaluation, concentration: str, rate: str) -> list[str]:
    mass = format_number(evaluation.mass_mg_per_day)
    rate_ml = format_number(evaluation.rate_ml_per_day)
    weight_kg = format_number(evaluation.design_body_weight_g / 1000)
    dose = format_number(evaluation.design_dose_mg_per_kg_per_day)
    return [
        f"Pumping rate = {rate} µL/h × 24 h ÷ 1000 = {rate_ml} mL/day",
        f"Mass per day = {concentration} mg/mL × {rate_ml} mL/day = {mass} mg/day",
        f"Dose = {mass} mg/day ÷ {weight_kg} kg = <b>{dose} mg/kg/day</b>",
    ]


def pump_html(evaluation: Evaluation) -> str:
    """Mass flow and what one pump holds and delivers."""
    pump = evaluation.pump
    if pump is None or evaluation.concentration_mg_per_ml is None:
        return UNAVAILABLE
    lot = " (lot values)" if evaluation.plan.lot_rate_ul_per_hr else ""
    return (
        f"<div>Mass flow: <span class='pd-mass-flow'>"
        f"{format_number(evaluation.mass_flow_ug_per_hr)} µg/h</span> "
        f"({format_number(evaluation.mass_mg_per_day)} mg/day)</div>"
        f"<div class='pd-pump-holds'>One model {escape(pump.model)} pump: fill "
        f"{format_number(evaluation.fill_volume_ul)} µL holding "
        f"{format_number(evaluation.drug_mass_per_pump_mg)} mg; at "
        f"{format_number(evaluation.rate_ul_per_hr)} µL/h{lot} it runs "
        f"{format_days(evaluation.capacity_days)} days "
        f"(nominal {format_days(pump.duration_days)}).</div>"
        f"<div>Pumps for a {format_days(evaluation.plan.study_days)}-day study: "
        f"<span class='pd-pump-count'>{evaluation.pump_count}</span>{_later_pumps(evaluation)}"
        "</div>"
    )


def plasma_html(evaluation: Evaluation) -> str:
    """The predicted steady-state plasma level and its rise, with the model's assumptions;
    nothing without pharmacokinetic inputs."""
    level = evaluation.steady_state_plasma_ng_per_ml
    if level is None:
        return ""
    molar = evaluation.steady_state_plasma_nmol_per_l
    of = f"{format_number(molar)} nM of " if molar is not None else "of "
    hours = evaluation.time_to_90_percent_h
    rise = (
        f"90 % of it after <span class='pd-plasma-rise'>{format_number(hours)} h</span> "
        f"(3.32 half-lives of {format_number(evaluation.kinetics.half_life_h)} h)"
        if hours is not None
        else "the time to 90 % needs the half-life or the volume of distribution"
    )
    plan, solved = evaluation.plan, ""
    if evaluation.dose_from_plasma_target:
        solved = (
            "<div class='pd-small pd-plasma-dose'>Dose from the target: "
            f"{format_number(plan.dose)} {DOSE_UNITS[plan.dose_unit].label}</div>"
        )
    form = escape(evaluation.dose_form.counted_form) if evaluation.dose_form else ""
    assumptions = "".join(f"<li>{escape(text)}</li>" for text in ASSUMPTIONS)
    return (
        "<div class='pd-card'><div class='pd-caption'>Steady-state plasma level "
        "(predicted)</div>"
        f"<div class='pd-big'><span class='pd-plasma-value' data-ng-per-ml='{level!r}'>"
        f"{format_number(level)}</span> ng/mL</div>"
        f"<div class='pd-small'>{of}{form} at {evaluation.design_body_weight_g:g} g; "
        f"{rise}</div>{solved}"
        "<details class='pd-small'><summary>Css = k₀ / CL: what the prediction assumes"
        f"</summary><ul>{assumptions}</ul></details></div>"
    )


def _later_pumps(evaluation: Evaluation) -> str:
    """Each replacement's own concentration, when the animal's growth changes it."""
    concentrations = evaluation.pump_concentrations_mg_per_ml
    if len(set(concentrations)) < 2:
        return ""
    later = [
        f"pump {window.number} (day {format_days(window.start_day)}): "
        f"{format_number(concentration)} mg/mL"
        for window, concentration in zip(evaluation.windows[1:], concentrations[1:], strict=True)
    ]
    return "; each filled for its own window: " + ", ".join(later)


def _badge(kind: str) -> str:
    """A round coloured mark drawn by CSS: emoji fonts are missing on many lab machines."""
    return f"<span class='pd-badge pd-badge-{kind}'>{BADGE_MARKS[kind]}</span>"


BADGE_MARKS = {"conflict": "✗", "caution": "!", "info": "i", "feasible": "✓", "none": "✓"}
SEVERITY_GROUPS = {
    "conflict": (_badge("conflict"), "Conflicts: the plan cannot work as entered"),
    "caution": (_badge("caution"), "Cautions: check before you prepare"),
    "info": (_badge("info"), "Notes"),
}


def finding_html(finding: Finding, after: str = "") -> str:
    """One finding; ``after`` (made here or escaped) goes inside it, e.g. its fix's button."""
    suggestion = (
        f"<div class='pd-finding-suggestion'>What to change: {escape(finding.suggestion)}</div>"
        if finding.suggestion
        else ""
    )
    icon, _ = SEVERITY_GROUPS[finding.severity]
    return (
        f"<div class='pd-finding pd-finding-{finding.severity}' data-code='{escape(finding.code)}' "
        f"data-field='{escape(finding.field)}'>{icon} "
        f"{escape(finding.message)}{suggestion}{after}</div>"
    )


NO_CONFLICTS = "No conflicts: this plan can be prepared as entered."


def findings_html(findings, heading: str = "", titles=None, after=None) -> str:
    """Findings grouped by severity, conflicts first; a clear line when there are none.

    ``titles`` replaces a group's title (severity -> text: findings after an explant are no
    cautions before preparing); ``after(index)`` gives what goes inside finding ``index``.
    """
    parts = [f"<div class='pd-caption'>{escape(heading)}</div>"] if heading else []
    if not findings:
        parts.append(
            f"<div class='pd-finding pd-finding-none'>{_badge('none')} {NO_CONFLICTS}</div>"
        )
    indexed = list(enumerate(findings))
    for severity, (icon, title) in SEVERITY_GROUPS.items():
        group = [(index, finding) for index, finding in indexed if finding.severity == severity]
        if group:
            title = (titles or {}).get(severity, title)
            parts.append(
                f"<div class='pd-group pd-group-{severity}'><div class='pd-group-title'>"
                f"{icon} {escape(title)} ({len(group)})</div>"
                + "".join(finding_html(finding, after(index) if after else "")
                          for index, finding in group)
                + "</div>"
            )  # fmt: skip
    return "".join(parts)


KEEPS_LAST_PLAN = " The results show the last valid plan; what you typed is kept."


def message_html(text: str, note: str = KEEPS_LAST_PLAN) -> str:
    """A problem with what was entered: what, why it cannot be used, and what to do."""
    if not text:
        return ""
    return f"<div class='pd-input-error'>{escape(text)}{escape(note)}</div>"


def page_heading_html(title: str) -> str:
    """The heading of one part of the page (cohort and bench, calendar, ...); it goes into the
    first HTML of that part rather than a widget of its own (fewer models per page view)."""
    return f"<h2 class='pd-page-group-title'>{escape(title)}</h2>"


def caption_html(text: str) -> str:
    return f"<div class='pd-caption'>{escape(text)}</div>"


ADVISOR_HEADING = (
    "<div class='pd-caption'>Pump advisor: every model for this plan, ranked by what it takes to "
    "make the plan work (nominal rates and volumes)</div>"
)


def _optional(value, unit: str, digits: str = "") -> str:
    if value is None or value != value:  # None or NaN
        return "—"
    return f"{value:{digits}} {unit}" if digits else f"{format_number(value)} {unit}"


def advisor_row_html(
    row,
    current: bool,
    plan_conflicts: int = 0,
    concentration_entered: bool = False,
    stale: bool = False,
) -> str:
    """One model: its verdict, concentration and share of the solubility ceiling (for a fill
    concentration entered: the dose it delivers at implant and its share of the target), its
    pumps, its reasons and, for the first rows, what it takes to make the plan work.

    'Fits this plan' only while the plan has no conflict: a conflict the pump does not touch
    (the vehicle, say) stays whichever model is chosen, and the pump in use says how many.
    """
    in_use = " <i>(in use)</i>" if current else ""
    if concentration_entered:
        percent = getattr(row, "percent_of_target", None)
        no_target = percent is None or percent != percent  # None or NaN
        measures = (
            "<span class='pd-cell pd-advisor-delivered'>delivers "
            f"{_optional(row.dose_mg_per_kg_per_day, 'mg/kg/day')}</span>"
            "<span class='pd-cell pd-advisor-target'>"
            f"{'no target' if no_target else f'{percent:.0f} % of target'}</span>"
        )
    else:
        measures = (
            f"<span class='pd-cell'>{_optional(row.concentration_mg_per_ml, 'mg/mL')}</span>"
            f"<span class='pd-cell'>"
            f"{_optional(row.percent_of_solubility, '% of solubility', '.0f')}</span>"
        )
    fits = "fits this plan"
    if plan_conflicts:
        fits = "workable for this dose and animal"
    if stale:  # the entries are no plan: the table is of the last valid one
        fits = "workable for the last valid plan"
    reasons = row.reasons or fits
    if current and plan_conflicts:
        reasons += f"; the plan has {counted(plan_conflicts, 'conflict')}: see the findings"
    proposal = getattr(row, "proposal", "")
    proposal_html = f"<div class='pd-advisor-proposal'>{escape(proposal)}</div>" if proposal else ""
    pumps = counted(row.pumps_needed, "pump")
    return (
        f"<div class='pd-advisor-cells pd-verdict-{row.verdict}' data-model='{escape(row.model)}'>"
        f"<span class='pd-cell-wide'>{_badge(row.verdict)} <b>{escape(row.model)}</b>{in_use}"
        f"</span>{measures}<span class='pd-cell'>{pumps}</span>"
        f"<span class='pd-reasons'>{escape(reasons)}</span></div>{proposal_html}"
    )


def preset_note_html(preset_name: str | None) -> str:
    """Where a growth preset comes from and how far to trust it."""
    preset = shipped_growth_presets().get(preset_name)
    if preset is None:
        return ""
    pairs = zip(preset.ages_days, preset.weights_g, strict=True)
    points = ", ".join(f"{weight:g} g at {age:g} days" for age, weight in pairs)
    return (
        f"<div class='pd-small'>{escape(points)}. Confidence: <b>{escape(preset.confidence)}</b>. "
        f"Source: {escape(preset.source)}. The curve's shape is applied from the weight at "
        "implant you entered.</div>"
    )


def dose_range_html(evaluation: Evaluation) -> str:
    """The lowest and highest delivered dose over the infusion, each in percent of the target,
    in the words of the sheets (``dose_range_text``)."""
    dose_range = evaluation.dose_range
    if dose_range is None:
        return ""
    return (
        "<div class='pd-dose-range'>Delivered over the infusion: <span "
        f"data-lowest='{dose_range.lowest_percent_of_target!r}' "
        f"data-highest='{dose_range.highest_percent_of_target!r}'>"
        f"{escape(dose_range_text(evaluation))}</span></div>"
    )


SEVERITY_NOUNS = {"conflict": "conflict", "caution": "caution", "info": "note"}


def result_bar_html(evaluation: Evaluation | None, problems=()) -> str:
    """The answer in one line: fill concentration, mass flow, the worst finding and the count
    of its kind; with ``problems`` (entries that are no plan), the entry to fix first, and the
    numbers marked as the last valid plan's."""
    parts = []
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        parts.append(
            f"<span class='pd-result-bar-problem'>{_badge('conflict')} Fix the entries: "
            f"{escape(first.message)}{more}</span>"
        )
    if evaluation is not None and evaluation.concentration_mg_per_ml is not None:
        last = "Last valid plan: " if problems else ""
        parts.append(
            f"<span class='pd-result-bar-concentration'>{last}<b>"
            f"{format_number(evaluation.concentration_mg_per_ml)} mg/mL</b></span>"
        )
    if evaluation is not None and evaluation.mass_flow_ug_per_hr is not None:
        parts.append(
            f"<span class='pd-result-bar-mass-flow'>mass flow "
            f"{format_number(evaluation.mass_flow_ug_per_hr)} µg/h</span>"
        )
    if evaluation is not None and not problems:
        parts.append(_worst_finding_html(evaluation.findings))
    return "".join(parts)


def _worst_finding_html(findings) -> str:
    if not findings:
        return f"<span class='pd-result-bar-finding'>{_badge('none')} {NO_CONFLICTS}</span>"
    worst = findings[0]  # conflicts first (check_plan)
    count = sum(finding.severity == worst.severity for finding in findings)
    return (
        f"<span class='pd-result-bar-finding pd-result-bar-{worst.severity}'>"
        f"{_badge(worst.severity)} {counted(count, SEVERITY_NOUNS[worst.severity])}: "
        f"{escape(_first_sentence(worst.message))}</span>"
    )


def _first_sentence(text: str) -> str:
    """The first sentence, at most 110 characters: the bar must stay one or two lines."""
    sentence = text.split(". ")[0].rstrip(".")
    return sentence if len(sentence) <= 110 else sentence[:107].rstrip() + "…"
