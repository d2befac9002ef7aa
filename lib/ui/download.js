// A download button (download.py, DownloadButton): the kernel makes the file on request and the
// browser saves it from a Blob.

function render({ model, el }) {
  const button = document.createElement("button");
  button.className = "jupyter-button widget-button pd-download-button";
  button.textContent = model.get("label");
  button.title = model.get("hint");
  const note = document.createElement("span");
  note.className = "pd-download-note";
  button.addEventListener("click", () => {
    note.textContent = "";
    model.send({ request: "file" });
  });
  // The kernel answers a request with the file's text, or with why it cannot make it.
  const save = (message) => {
    if (message.type === "refused") {
      note.textContent = message.reason;
      return;
    }
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
  el.append(button, note);
  return () => model.off("msg:custom", save);
}
export default { render };
