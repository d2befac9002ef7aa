"""HTML for the results and findings, from the templates in ``lib/ui/templates/``.

The view renders through one Jinja2 environment, an overlay of the documents' (autoescape, the
number filters, ``lib/documents/render.py``): its loader looks in ``lib/ui/templates/`` first and
then in ``lib/documents/templates/``, where the one markup of a finding lives
(``findings.html.j2``), shared with the protocol. Every text a user or a link supplied is
escaped by the environment; a template marks markup made elsewhere with ``|safe`` or receives
it as ``Markup``.
"""

import functools
from pathlib import Path

import jinja2
from markupsafe import Markup

from lib.calc.plasma import ASSUMPTIONS
from lib.documents import render as documents
from lib.documents.delivery_words import dose_range_text, pump_cover_text
from lib.evaluate import Evaluation
from lib.findings import Finding
from lib.formatting import counted, format_number
from lib.tables.presets import shipped_growth_presets
from lib.teaching.working import formula
from lib.units import DOSE_UNITS

TEMPLATES = Path(__file__).resolve().parent / "templates"

# html.escape's replacements: the page has always written a quote as &#x27; (markupsafe writes
# &#39;), and tests and saved pages read it so.
HTML_ENTITIES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
)


def _escaped(value) -> Markup:
    """Every value a template prints: markup (a macro's, or ``Markup``) as it is, the rest
    escaped."""
    if hasattr(value, "__html__"):
        return Markup(value)
    return Markup(str(value).translate(HTML_ENTITIES))


def _optional(value, unit: str, digits: str = "") -> str:
    if value is None or value != value:  # None or NaN
        return "—"
    return f"{value:{digits}} {unit}" if digits else f"{format_number(value)} {unit}"


def _first_sentence(text: str) -> str:
    """The first sentence, at most 110 characters: the bar must stay one or two lines."""
    sentence = text.split(". ")[0].rstrip(".")
    return sentence if len(sentence) <= 110 else sentence[:107].rstrip() + "…"


@functools.cache
def environment() -> jinja2.Environment:
    """The view's one environment, built on the first render."""
    base = documents.environment()
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(TEMPLATES), base.loader])
    view = base.overlay(
        loader=loader, finalize=_escaped, bytecode_cache=documents.bytecode_cache("view")
    )
    # Its own dictionaries: what the view adds stays out of the documents' environment.
    view.filters = {**base.filters, "first_sentence": _first_sentence}
    view.globals = {
        **base.globals,
        "optional": _optional,
        "dose_label": lambda unit: DOSE_UNITS[unit].label,
    }
    return view


def render_macro(template: str, macro: str, *arguments, **keywords) -> str:
    """One macro of a view template, called with the arguments, as a plain string (callers
    join pieces with ``+``)."""
    module = environment().get_template(template).module
    return str(getattr(module, macro)(*arguments, **keywords))


def _results(macro: str, *arguments) -> str:
    return render_macro("results.html.j2", macro, *arguments)


UNAVAILABLE = _results("unavailable")


def concentration_html(evaluation: Evaluation) -> str:
    """The fill concentration in large type, with its other units."""
    return _results("concentration", evaluation)


def formula_html(evaluation: Evaluation) -> str:
    """The formula with this plan's numbers substituted, unit conversions written out: the
    working's equations (``lib.teaching.working``)."""
    return _results("formula", formula(evaluation))


def pump_html(evaluation: Evaluation) -> str:
    """Mass flow, what one pump holds and delivers, and how many pumps the study takes (with
    what too few leave uncovered, in the words of the sheets)."""
    return _results("pump", evaluation, pump_cover_text(evaluation))


def plasma_html(evaluation: Evaluation) -> str:
    """The predicted steady-state plasma level and its rise, with the model's assumptions;
    nothing without pharmacokinetic inputs."""
    return _results("plasma", evaluation, ASSUMPTIONS)


def dose_range_html(evaluation: Evaluation) -> str:
    """The lowest and highest delivered dose over the infusion, each in percent of the target,
    in the words of the sheets (``dose_range_text``)."""
    if evaluation.dose_range is None:
        return ""
    return _results("dose_range", evaluation, dose_range_text(evaluation))


def finding_html(finding: Finding, after: str = "") -> str:
    """One finding; ``after`` (made here or escaped) goes inside it, e.g. its fix's button."""
    return render_macro("findings.html.j2", "finding", finding, Markup(after))


def findings_html(findings, heading: str = "", titles=None, after=None) -> str:
    """Findings grouped by severity, conflicts first; a clear line when there are none.

    ``titles`` replaces a group's title (severity -> text: findings after an explant are no
    cautions before preparing); ``after(index)`` gives what goes inside finding ``index``.
    """
    inside = (lambda index: Markup(after(index))) if after else None
    return render_macro(
        "findings.html.j2", "findings", list(findings), heading, titles or {}, inside
    )


KEEPS_LAST_PLAN = " The results show the last valid plan; what you typed is kept."


def _messages(macro: str, *arguments) -> str:
    return render_macro("messages.html.j2", macro, *arguments)


def message_html(text: str, note: str = KEEPS_LAST_PLAN) -> str:
    """A problem with what was entered: what, why it cannot be used, and what to do."""
    return _messages("message", text, note)


def page_heading_html(title: str) -> str:
    """The heading of one part of the page (cohort and bench, calendar, ...)."""
    return _messages("page_heading", title)


def section_title_html(title: str, page_heading: str = "") -> str:
    """A section's title, under its part's heading when the section opens that part."""
    return _messages("section_title", title, page_heading)


def caption_html(text: str) -> str:
    return _messages("caption", text)


ADVISOR_HEADING = caption_html(
    "Pump advisor: every model for this plan, ranked by what it takes to make the plan work "
    "(nominal rates and volumes)"
)


def _reasons(row, current: bool, plan_conflicts: int, stale: bool) -> str:
    """'Fits this plan' only while the plan has no conflict: a conflict the pump does not touch
    (the vehicle, say) stays whichever model is chosen, and the pump in use says how many."""
    fits = "fits this plan"
    if plan_conflicts:
        fits = "workable for this dose and animal"
    if stale:  # the entries are no plan: the table is of the last valid one
        fits = "workable for the last valid plan"
    reasons = row.reasons or fits
    if current and plan_conflicts:
        reasons += f"; the plan has {counted(plan_conflicts, 'conflict')}: see the findings"
    return reasons


def advisor_row_html(
    row,
    current: bool,
    plan_conflicts: int = 0,
    concentration_entered: bool = False,
    stale: bool = False,
) -> str:
    """One model: its verdict, concentration and share of the solubility ceiling (for a fill
    concentration entered: the dose it delivers at implant and its share of the target), its
    pumps, its reasons and, for the first rows, what it takes to make the plan work."""
    percent = getattr(row, "percent_of_target", None)
    no_target = percent is None or percent != percent  # None or NaN
    return render_macro(
        "advisor.html.j2",
        "advisor_row",
        row,
        current,
        concentration_entered,
        None if no_target else percent,
        _reasons(row, current, plan_conflicts, stale),
        getattr(row, "proposal", ""),
    )


def preset_note_html(preset_name: str | None) -> str:
    """Where a growth preset comes from and how far to trust it."""
    preset = shipped_growth_presets().get(preset_name)
    if preset is None:
        return ""
    points = list(zip(preset.ages_days, preset.weights_g, strict=True))
    return render_macro("advisor.html.j2", "preset_note", preset, points)


def result_bar_html(evaluation: Evaluation | None, problems=()) -> str:
    """The answer in one line: fill concentration, mass flow, the worst finding and the count
    of its kind; with ``problems`` (entries that are no plan), the entry to fix first, and the
    numbers marked as the last valid plan's."""
    return _messages("result_bar", evaluation, list(problems))
