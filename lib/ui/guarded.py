"""Inputs that check a size in the browser before anything is sent: a file to open, and a text
box for a pasted table.

A message over the server's websocket limit drops the connection, and a large one ties up the
kernel: so a file or a text over its limit is refused where it was chosen or pasted, with its
size and the limit, and nothing is sent (issue 19).
"""

import anywidget
import traitlets

from lib.ui.assets import asset
from lib.ui.shared import PLAIN_LAYOUT

CHUNK_BYTES = 1 << 20


class FileOpen(anywidget.AnyWidget):
    """A button that opens a file of at most ``limit`` bytes: ``on_open(name, data)`` gets its
    bytes, ``on_refuse(name, size)`` a file over the limit (which was not sent)."""

    # The size of a piece comes from here, ahead of the code that sends the pieces.
    _esm = f"const CHUNK_BYTES = {CHUNK_BYTES};\n" + asset("guarded_file.js")
    label = traitlets.Unicode().tag(sync=True)
    accept = traitlets.Unicode().tag(sync=True)
    limit = traitlets.Int().tag(sync=True)

    def __init__(self, label: str, accept: str, limit: int):
        super().__init__(label=label, accept=accept, limit=limit, layout=PLAIN_LAYOUT)
        self._open, self._refuse, self._pieces = [], [], []
        self.on_msg(self._on_message)

    def on_open(self, callback) -> None:
        self._open.append(callback)

    def on_refuse(self, callback) -> None:
        self._refuse.append(callback)

    def _on_message(self, widget, content, buffers) -> None:
        name = str(content.get("name") or content.get("refused") or "the file")[:200]
        if "refused" in content or not buffers:
            for callback in self._refuse:
                callback(name, int(content.get("size") or 0))
            return
        if content.get("chunk", 0) == 0:
            self._pieces = []
        self._pieces.append(bytes(buffers[0]))
        received = sum(len(piece) for piece in self._pieces)
        if received > self.limit:  # the browser checked the size; the kernel checks too
            self._pieces = []
            for callback in self._refuse:
                callback(name, received)
            return
        if len(self._pieces) < content.get("chunks", 1):
            return
        data, self._pieces = b"".join(self._pieces), []
        for callback in self._open:
            callback(name, data)


class GuardedTextarea(anywidget.AnyWidget):
    """A text box whose ``value`` reaches the kernel only when at most ``limit`` characters.

    With a ``storage_key`` the browser keeps the box's text in its own storage (localStorage,
    under ``pump-dashboard:<storage_key>``, on this machine only): a page opened again after its
    kernel was lost (connection.py) gets the table back, sent to its kernel as if typed. Nothing
    more goes to the server than the text the box sends anyway; clearing the box forgets it.
    """

    _esm = asset("guarded_text.js")
    _css = asset("guarded_text.css")
    value = traitlets.Unicode("").tag(sync=True)
    placeholder = traitlets.Unicode("").tag(sync=True)
    limit = traitlets.Int().tag(sync=True)
    storage_key = traitlets.Unicode("").tag(sync=True)

    def __init__(self, placeholder: str, limit: int, storage_key: str = ""):
        super().__init__(
            placeholder=placeholder, limit=limit, storage_key=storage_key, layout=PLAIN_LAYOUT
        )
        self.add_class("pd-guarded")
