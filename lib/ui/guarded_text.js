// A text box for a pasted table (guarded.py, GuardedTextarea), refused in the browser when over
// its limit; with a storage key, kept in the browser's own storage and restored on a new page.

const STORAGE_PREFIX = "pump-dashboard:";

// The browser's storage, or null where it is refused (privacy settings, a sandboxed frame).
function browserStorage() {
  try { return window.localStorage; } catch { return null; }
}

function render({ model, el }) {
  const box = document.createElement("textarea");
  box.placeholder = model.get("placeholder");
  box.spellcheck = false;
  const note = document.createElement("div");
  note.className = "pd-guard-note";
  const restored = document.createElement("div");
  restored.className = "pd-guard-restored";
  const key = model.get("storage_key") ? STORAGE_PREFIX + model.get("storage_key") : "";
  const storage = key ? browserStorage() : null;
  // The box's text kept for a page opened again; an empty box forgets it. Over the storage's
  // quota, nothing is kept (an older table must not come back in place of this one).
  const remember = () => {
    if (!storage) return;
    const text = model.get("value");
    try {
      if (text) storage.setItem(key, text);
      else storage.removeItem(key);
    } catch {
      try { storage.removeItem(key); } catch { /* storage refused */ }
    }
  };
  const show = () => {
    box.value = model.get("value");
    note.textContent = "";
    if (!box.value) restored.textContent = "";
  };
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
  const changed = () => { show(); remember(); };
  model.on("change:value", changed);
  show();
  // A new page's empty box takes the table this browser kept, and sends it as if typed.
  let kept = null;
  try { kept = storage && !model.get("value") ? storage.getItem(key) : null; } catch { kept = null; }
  if (kept && kept.length <= model.get("limit")) {
    box.value = kept;
    send();
    restored.textContent = "Restored from this browser's storage; clear the box to forget it.";
  }
  el.append(box, note, restored);
  return () => model.off("change:value", changed);
}
export default { render };
