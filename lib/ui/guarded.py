"""Inputs that check a size in the browser before anything is sent: a file to open, and a text
box for a pasted table.

A message over the server's websocket limit drops the connection, and a large one ties up the
kernel: so a file or a text over its limit is refused where it was chosen or pasted, with its
size and the limit, and nothing is sent (issue 19).
"""

import anywidget
import traitlets

from lib.ui.shared import PLAIN_LAYOUT

CHUNK_BYTES = 1 << 20
_FILE_ESM = (
    f"const CHUNK_BYTES = {CHUNK_BYTES};\n"
    + r"""
function render({ model, el }) {
  const input = document.createElement("input");
  input.type = "file";
  input.accept = model.get("accept");
  input.style.display = "none";
  const button = document.createElement("button");
  button.className = "jupyter-button widget-button pd-file-button";
  button.textContent = model.get("label");
  button.addEventListener("click", () => input.click());
  const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
  input.addEventListener("change", async () => {
    const file = input.files[0];
    input.value = "";  // the same file can be chosen again
    if (!file) return;
    if (file.size > model.get("limit")) {
      model.send({ refused: file.name, size: file.size });
      return;
    }
    // In pieces of 1 MB: no message near the server's websocket limit, and the kernel, which
    // keeps the message it is handling until the next one, keeps 1 MB, not the file.
    const data = await file.arrayBuffer();
    const chunks = Math.max(1, Math.ceil(data.byteLength / CHUNK_BYTES));
    for (let chunk = 0; chunk < chunks; chunk++) {
      const piece = data.slice(chunk * CHUNK_BYTES, (chunk + 1) * CHUNK_BYTES);
      model.send({ name: file.name, size: file.size, chunk, chunks }, undefined, [piece]);
    }
  });
  el.append(button, input);
}
export default { render };
"""
)

_TEXT_ESM = r"""
function render({ model, el }) {
  const box = document.createElement("textarea");
  box.placeholder = model.get("placeholder");
  box.spellcheck = false;
  const note = document.createElement("div");
  note.className = "pd-guard-note";
  const show = () => { box.value = model.get("value"); note.textContent = ""; };
  // Sent on leaving the box (or Ctrl+Enter), like a Textarea without continuous updates.
  const send = () => {
    if (box.value === model.get("value")) return;
    if (box.value.length > model.get("limit")) {
      note.textContent = `${box.value.length.toLocaleString("en")} characters: the limit is ` +
        `${model.get("limit").toLocaleString("en")}. Nothing was sent; split the table.`;
      return;
    }
    note.textContent = "";
    model.set("value", box.value);
    model.save_changes();
  };
  box.addEventListener("change", send);
  box.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) send();
  });
  model.on("change:value", show);
  show();
  el.append(box, note);
  return () => model.off("change:value", show);
}
export default { render };
"""


class FileOpen(anywidget.AnyWidget):
    """A button that opens a file of at most ``limit`` bytes: ``on_open(name, data)`` gets its
    bytes, ``on_refuse(name, size)`` a file over the limit (which was not sent)."""

    _esm = _FILE_ESM
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
    """A text box whose ``value`` reaches the kernel only when at most ``limit`` characters."""

    _esm = _TEXT_ESM
    _css = """
    .pd-guarded textarea { width: 100%; height: 9em; font: 13px Menlo, Consolas, monospace; }
    .pd-guard-note { color: #b00020; }
    """
    value = traitlets.Unicode("").tag(sync=True)
    placeholder = traitlets.Unicode("").tag(sync=True)
    limit = traitlets.Int().tag(sync=True)

    def __init__(self, placeholder: str, limit: int):
        super().__init__(placeholder=placeholder, limit=limit, layout=PLAIN_LAYOUT)
        self.add_class("pd-guarded")
