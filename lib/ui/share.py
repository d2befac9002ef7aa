"""The address bar follows the plan, and a share link that reopens it (shared TECH_NOTES.md).

Voilà hands the page's query string to the kernel, so a copied address restores the plan. On
Binder a user's own address dies with their session: the link is built from the launch URL. A
browser kernel (the static site, Pyodide) has no server to hand it over: the view sends the
page's own query string once, and the dashboard opens its plan.
"""

import sys

import anywidget
import traitlets

from lib.ui.assets import asset

# The static site's kernel runs in the visitor's browser (Pyodide), where sys.platform says so.
BROWSER_KERNEL = sys.platform == "emscripten"


class ShareLink(anywidget.AnyWidget):
    """Keeps the address bar at ``?<query>`` and shows the link to copy."""

    _esm = asset("share.js")
    query = traitlets.Unicode("").tag(sync=True)
    # Set on Binder: the launch URL that opens this plan for anyone.
    binder_link = traitlets.Unicode("").tag(sync=True)
    # Why there is no link (the plan is too long for one), shown in its place.
    message = traitlets.Unicode("").tag(sync=True)
    # In a browser kernel the view sends the page's query string (without "?") into page_query.
    reads_page_query = traitlets.Bool(BROWSER_KERNEL).tag(sync=True)
    page_query = traitlets.Unicode("").tag(sync=True)
    # Set once the dashboard has opened page_query's plan: the address may follow the inputs.
    page_query_read = traitlets.Bool(False).tag(sync=True)
