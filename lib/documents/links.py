"""Share links: a plan as a query string and back, and the Binder launch link.

A link carries the fields that differ from the defaults (``Plan()`` is fixed by DESIGN.md as the
brief's example), so a realistic plan's link is a few hundred characters. A link either restores
its plan exactly or is refused whole with a message: never read in part.
"""

from collections import Counter
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from lib.documents.saved import plan_from_mapping
from lib.errors import shown_value
from lib.findings import Finding
from lib.plan import PLAN_SPECS, Plan, default_finding
from lib.tables.pumps import PumpCatalog

# The longest query a link of the app may have. Measured (bench/README.md): standalone Voila
# (tornado) serves queries up to about 64 KB; Binder's and JupyterHub's proxies (nginx ingress,
# 8 KB request lines by default) cut well before that, and a Binder link carries the query encoded
# once more inside ``urlpath``. 8,000 characters fit the longest realistic plan (4.4 KB).
MAX_QUERY_CHARACTERS = 8000
DEFAULT_VALUES = Plan().to_dict()
# A lesson's link names it first (``?lesson=<file stem>``, lib/teaching/lessons.py), then the
# plan's fields only when the student changed the lesson's plan.
LESSON_PARAMETER = "lesson"


def _query_value(value: Any) -> str:
    """Floats keep every digit (``repr``); measured weights read ``day:grams;day:grams``."""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):  # weights (pairs), outcome measures (names) or days (numbers)
        return ";".join(_query_item(item) for item in value)
    return str(value)


def _query_item(item: Any) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, float):
        return repr(item)
    return f"{item[0]!r}:{item[1]!r}"


def plan_to_query(plan: Plan) -> str:
    """The plan as a query string (no leading ``?``): the fields that differ from the defaults.

    >>> plan_to_query(Plan(dose=1.5, body_weight_g=237.5))
    'dose=1.5&body_weight_g=237.5'
    """
    values = plan.to_dict().items()
    return urlencode(
        {
            name: "" if value is None else _query_value(value)
            for name, value in values
            if value != DEFAULT_VALUES[name]
        }
    )


def lesson_query(lesson_name: str, plan_query: str | None) -> str:
    """A lesson's link: its name, then the page's plan when it is not the lesson's (``None``).

    >>> lesson_query("1-brief-baclofen", None), lesson_query("1-brief-baclofen", "dose=2.0")
    ('lesson=1-brief-baclofen', 'lesson=1-brief-baclofen&dose=2.0')
    """
    query = urlencode({LESSON_PARAMETER: lesson_name})
    return f"{query}&{plan_query}" if plan_query else query


def split_lesson(query: str) -> tuple[str | None, str]:
    """The lesson a link names (None) and the rest of its query, the plan's fields.

    >>> split_lesson("?lesson=1-brief-baclofen&dose=2.0")
    ('1-brief-baclofen', 'dose=2.0')
    """
    text = str(query or "").lstrip("?")
    if not text.startswith(f"{LESSON_PARAMETER}="):  # the app writes it first: else no lesson
        return None, text
    pairs = parse_qsl(text[:MAX_QUERY_CHARACTERS], keep_blank_values=True)
    names = [value for name, value in pairs if name == LESSON_PARAMETER]
    rest = urlencode([(name, value) for name, value in pairs if name != LESSON_PARAMETER])
    return (names[0] if names else None), rest


def plan_from_query(query: str, catalog: PumpCatalog | None = None) -> tuple[Plan, list[Finding]]:
    """Read a share link's query string (with or without ``?``); missing fields keep defaults.

    A link longer than the app makes, or naming a field twice with different values, is not
    guessed at: the first is refused whole, the field of the second keeps its default.
    """
    text = str(query or "").lstrip("?")
    if len(text) > MAX_QUERY_CHARACTERS:
        message = (
            f"The link has {len(text):,} characters, more than the {MAX_QUERY_CHARACTERS:,} a "
            "plan's link holds, so it was not read."
        )
        return Plan(), [too_long_finding(message)]
    try:
        pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=2 * len(PLAN_SPECS))
    except ValueError:  # more fields than any plan has
        message = "The link has more parameters than a plan has fields; it was not read."
        return Plan(), [default_finding("invalid_plan", "plan", message)]
    values, findings = _once_each(pairs)
    plan, plan_findings = plan_from_mapping(values, catalog, report_missing=False)
    return plan, findings + plan_findings


def _once_each(pairs: list[tuple[str, str]]) -> tuple[dict[str, str], list[Finding]]:
    """The link's fields; one given twice with different values keeps its default, and says so."""
    values, findings = {}, []
    counts = Counter(name for name, _ in pairs)
    for name, value in pairs:
        given = [other for key, other in pairs if key == name]
        if counts[name] > 1 and len(set(given)) > 1:
            if name not in {finding.field for finding in findings}:
                title = PLAN_SPECS[name].title if name in PLAN_SPECS else repr(name[:40])
                shown = ", ".join(shown_value(other) for other in given[:3])
                message = f"The link gives {title} {counts[name]} times ({shown})."
                findings.append(default_finding("repeated_field", name[:40], message))
            continue
        values[name] = value
    return values, findings


def too_long_finding(message: str) -> Finding:
    return Finding(
        "link_too_long",
        "conflict",
        "plan",
        message,
        "Save the plan with 'Plan (JSON)' and send the file; it opens the same plan.",
    )


def binder_share_link(query: str, launch_host: str, persistent_request: str) -> str:
    """A Binder launch URL that opens the app at this plan for anyone.

    BinderHub gives each session ``BINDER_LAUNCH_HOST`` (``https://mybinder.org/``) and
    ``BINDER_PERSISTENT_REQUEST`` (``v2/gh/<org>/<repo>/<commit>``); the plan travels inside
    ``urlpath``, encoded, as shared TECH_NOTES.md says.
    """
    urlpath = quote(f"voila/render/dashboard.ipynb?{query}", safe="")
    return f"{launch_host.rstrip('/')}/{persistent_request.strip('/')}?urlpath={urlpath}"
