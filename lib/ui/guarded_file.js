// A file to open (guarded.py, FileOpen), refused in the browser when over its limit.
// CHUNK_BYTES is defined ahead of this file by guarded.py: the kernel's size of one piece.

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
