"""A download button that works inside Voilà without a file server.

The file is made in the kernel only when the button is pressed (not on every input change),
sent as one message, and saved by the browser from a Blob (shared TECH_NOTES.md, Downloads).
A file that cannot be made is never replaced by an older one: the button says why, beside it,
and the reason goes to the server's log.
"""

import logging
import sys

import anywidget
import traitlets

from lib.ui.assets import asset
from lib.ui.shared import PLAIN_LAYOUT


def _server_log() -> logging.Logger:
    """A logger writing to the kernel's own stderr, which Voilà's server log shows."""
    log = logging.getLogger("pump-dashboard")
    if not log.handlers:
        handler = logging.StreamHandler(sys.__stderr__)
        handler.setFormatter(logging.Formatter("[pump-dashboard %(levelname)s] %(message)s"))
        log.addHandler(handler)
        log.propagate = False
    return log


LOG = _server_log()


class DownloadRefused(Exception):
    """A file that should not be made now; the message says why and what to do."""


class DownloadButton(anywidget.AnyWidget):
    """A button that saves ``make_text()`` as ``make_filename()`` (both called on press)."""

    _esm = asset("download.js")
    _css = asset("download.css")
    label = traitlets.Unicode().tag(sync=True)
    # Not "tooltip": DOMWidget has one, and shadowing it stops the view from being created.
    hint = traitlets.Unicode("").tag(sync=True)

    def __init__(self, label: str, mime: str, make_text, make_filename, hint: str = ""):
        super().__init__(label=label, hint=hint, layout=PLAIN_LAYOUT)
        self.mime, self.make_text, self.make_filename = mime, make_text, make_filename
        self.on_msg(self._answer)

    def _answer(self, widget, content, buffers) -> None:
        if content.get("request") != "file":
            return
        try:
            text, filename = self.make_text(), self.make_filename()
        except DownloadRefused as refusal:
            self.send({"type": "refused", "reason": str(refusal)})
            return
        except Exception as error:  # the page must never show a traceback, nor stay silent
            LOG.exception("%s could not be made", self.label)
            self.send({"type": "refused", "reason": f"{self.label} could not be made ({error})."})
            return
        self.send({"type": "file", "content": text, "filename": filename, "mime": self.mime})
