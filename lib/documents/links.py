"""Share links: a plan as a query string and back, and the Binder launch link."""

from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from lib.documents.saved import plan_from_mapping
from lib.findings import Finding
from lib.plan import Plan, default_finding
from lib.tables.pumps import PumpCatalog

# A share link longer than this is not one of ours; reading stops there.
MAX_QUERY_CHARACTERS = 4000


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
    """The plan as a query string (no leading ``?``); empty fields are left out."""
    values = plan.to_dict().items()
    return urlencode(
        {name: _query_value(value) for name, value in values if value not in (None, [])}
    )


def plan_from_query(query: str, catalog: PumpCatalog | None = None) -> tuple[Plan, list[Finding]]:
    """Read a share link's query string (with or without ``?``); missing fields keep defaults."""
    text = str(query or "")[:MAX_QUERY_CHARACTERS].lstrip("?")
    try:
        values = dict(parse_qsl(text, keep_blank_values=True, max_num_fields=100))
    except ValueError:  # more fields than any plan has
        message = "The link has more parameters than a plan has fields; it was not read."
        return Plan(), [default_finding("invalid_plan", "plan", message)]
    return plan_from_mapping(values, catalog, report_missing=False)


def binder_share_link(query: str, launch_host: str, persistent_request: str) -> str:
    """A Binder launch URL that opens the app at this plan for anyone.

    BinderHub gives each session ``BINDER_LAUNCH_HOST`` (``https://mybinder.org/``) and
    ``BINDER_PERSISTENT_REQUEST`` (``v2/gh/<org>/<repo>/<commit>``); the plan travels inside
    ``urlpath``, encoded, as shared TECH_NOTES.md says.
    """
    urlpath = quote(f"voila/render/dashboard.ipynb?{query}", safe="")
    return f"{launch_host.rstrip('/')}/{persistent_request.strip('/')}?urlpath={urlpath}"
