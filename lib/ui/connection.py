"""A lost kernel said in words where the answer is (issue 28, item 6).

When the page's kernel ends (a hub culls an idle server, the server restarts, the kernel
crashes), the page stays on the screen and takes input, but nothing answers: the result bar
would keep the old plan's concentration. Only the browser can tell, with no kernel left to ask,
so this widget's view watches, and sends the kernel nothing:

- the kernel connection of the page's widget manager (``widget_manager.kernel``, in Voila's and
  Voici's managers): its ``statusChanged`` (a crashed kernel is restarted: "restarting", and the
  new one has none of the page's widgets) and ``connectionStatusChanged`` ("connecting" while the
  websocket is down, "disconnected" when it gave up);
- the server, asked whether it still has the kernel (``GET api/kernels/<id>``, with
  ``no_track_activity`` so that the question does not count as use and keeps no idle server from
  its culling): a culled kernel says nothing on its websocket, which stays open. Asked every 10 s
  while the page is in sight, and at once on an entry (a key, a change) or a return to the page.
  Not for a kernel in the browser (the static site), which has no server and cannot be culled.

Then the result bar and the results are greyed and say "not connected: these results do not
follow your inputs", with a link that reopens the plan: the page's own address, which the share
link keeps at the plan's query string, or on Binder the launch link (a Binder session's own
address dies with it).
"""

import anywidget
import ipywidgets as widgets
import traitlets

from lib.ui.assets import asset
from lib.ui.share import BROWSER_KERNEL, ShareLink
from lib.ui.shared import PLAIN_LAYOUT


class ConnectionWatch(anywidget.AnyWidget):
    """Shows nothing while connected; marks the page when its kernel or connection is lost."""

    _esm = asset("connection.js")
    _css = asset("connection.css")
    # The share link whose Binder link reopens the plan (read in the browser, never sent again).
    share = traitlets.Instance(ShareLink, allow_none=True).tag(
        sync=True, **widgets.widget_serialization
    )

    # A server's kernel is asked after (GET api/kernels/<id>); a browser kernel has no server.
    asks_server = traitlets.Bool(not BROWSER_KERNEL).tag(sync=True)

    def __init__(self, share: ShareLink | None = None):
        super().__init__(share=share, layout=PLAIN_LAYOUT)
        self.add_class("pd-connection-watch")
