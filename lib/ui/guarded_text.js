// A text box for a pasted table (guarded.py, GuardedTextarea), refused in the browser when over
// its limit.

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
