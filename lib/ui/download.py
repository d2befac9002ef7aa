"""A download button that works inside Voilà without a file server.

The file is made in the kernel only when the button is pressed (not on every input change),
sent as one message, and saved by the browser from a Blob (shared TECH_NOTES.md, Downloads).
"""

import anywidget
import traitlets

from lib.ui.shared import PLAIN_LAYOUT

_ESM = r"""
function render({ model, el }) {
  const button = document.createElement("button");
  button.className = "jupyter-button widget-button pd-download-button";
  button.textContent = model.get("label");
  button.title = model.get("hint");
  button.addEventListener("click", () => model.send({ request: "file" }));
  // The kernel answers a request with the file's text; the browser saves it from a Blob.
  const save = (message) => {
    if (message.type !== "file") return;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([message.content], { type: message.mime }));
    link.download = message.filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
  };
  model.on("msg:custom", save);
  el.append(button);
  return () => model.off("msg:custom", save);
}
export default { render };
"""


class DownloadButton(anywidget.AnyWidget):
    """A button that saves ``make_text()`` as ``make_filename()`` (both called on press)."""

    _esm = _ESM
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
        self.send(
            {
                "type": "file",
                "content": self.make_text(),
                "filename": self.make_filename(),
                "mime": self.mime,
            }
        )
