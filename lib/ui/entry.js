// A labelled entry (entry.py, Entry), with a slider for a number (number_input.py, NumberInput):
// the browser sends only what the scientist does, never an echo of what the kernel set.
// One labelled field for a screen reader: the label names the box (a <label for>) and the slider,
// with the unit; the note ("read as 2.5 g") describes the box; a field with a slider is a group.

function render({ model, el }) {
  // Ids of its own (anywidget may load this module once per widget: no page-wide counter).
  const id = `pd-entry-${Math.random().toString(36).slice(2, 10)}`;
  const label = document.createElement("label");
  label.className = "pd-label";
  label.id = `${id}-label`;
  // The class on a wrapper, as ipywidgets puts it: `.pd-dose-value input` finds the box.
  const wrapper = document.createElement("span");
  wrapper.className = `pd-entry ${model.get("name")}-value`;
  const box = document.createElement("input");
  box.type = "text";
  box.id = label.htmlFor = `${id}-box`;
  box.autocomplete = "off";
  box.spellcheck = false;
  wrapper.append(box);
  const unit = document.createElement("span");
  unit.className = "pd-unit";
  unit.id = `${id}-unit`;
  const note = document.createElement("span");
  note.className = "pd-entry-note";
  note.id = `${id}-note`;
  box.setAttribute("aria-labelledby", `${label.id} ${unit.id}`);
  box.setAttribute("aria-describedby", note.id);
  let editing = false;  // typed into since the last value was sent: keep what is being typed
  const show = () => {
    label.textContent = model.get("label");
    unit.textContent = model.get("unit");
    note.textContent = model.get("note");
    box.placeholder = model.get("placeholder");
    if (!editing) box.value = model.get("text");
  };
  box.addEventListener("input", () => { editing = true; });
  // "change": on Enter, or on leaving the box after typing; never for a value the kernel set.
  box.addEventListener("change", () => {
    editing = false;
    model.send({ typed: box.value });
  });
  const names = ["text", "note", "label", "unit", "placeholder"];
  for (const name of names) model.on(`change:${name}`, show);
  // anywidget applies a widget's CSS classes once (anywidget issue 618): later ones, such as
  // the outline a finding puts on the field, are applied here.
  let applied = model.get("_dom_classes");
  const classes = () => {
    for (const name of applied) el.classList.remove(name);
    applied = model.get("_dom_classes");
    for (const name of applied) el.classList.add(name);
    // A conflict is said in words too, not in red alone (app.css marks the label).
    box.setAttribute("aria-invalid", String(applied.includes("pd-flagged-conflict")));
  };
  model.on("change:_dom_classes", classes);
  classes();
  show();
  el.classList.add("pd-entry-field");
  const slider = model.get("slider") ? renderSlider(model, box, label, unit) : null;
  if (slider) {
    el.setAttribute("role", "group");
    el.setAttribute("aria-labelledby", label.id);
  }
  el.append(label, ...(slider ? [slider.element] : []), wrapper, unit, note);
  return () => {
    for (const name of names) model.off(`change:${name}`, show);
    model.off("change:_dom_classes", classes);
    slider?.remove();
  };
}

// A number's slider: it follows the kernel's position and sends what is dragged. Named as its
// box is, and read as the value with its unit (a log slider's position is a power of ten).
function renderSlider(model, box, label, unit) {
  box.inputMode = "decimal";
  const slider = document.createElement("input");
  slider.type = "range";
  slider.className = `pd-slider ${model.get("name")}-slider`;
  slider.setAttribute("aria-labelledby", `${label.id} ${unit.id}`);
  // A log slider moves in powers of ten: its position is log10 of the value.
  const toSlider = (value) => (model.get("log") ? Math.log10(value) : value);
  const fromSlider = (position) => (model.get("log") ? 10 ** position : position);
  const say = (value) => {
    const text = `${Number(value.toPrecision(3))} ${model.get("unit")}`;
    slider.setAttribute("aria-valuetext", text.trim());
  };
  const show = () => {
    slider.min = toSlider(model.get("low"));
    slider.max = toSlider(model.get("high"));
    slider.step = model.get("step");
    slider.value = toSlider(model.get("position"));
    say(model.get("position"));
  };
  // A drag sends its steps, at most one each 50 ms, and always its last one.
  let timer = null;
  const slide = () => {
    timer = null;
    model.send({ slid: fromSlider(Number(slider.value)) });
  };
  slider.addEventListener("input", () => {
    say(fromSlider(Number(slider.value)));
    timer ??= setTimeout(slide, 50);
  });
  slider.addEventListener("change", () => { clearTimeout(timer); slide(); });
  const names = ["position", "low", "high", "step"];
  for (const name of names) model.on(`change:${name}`, show);
  show();
  return {
    element: slider,
    remove: () => { for (const name of names) model.off(`change:${name}`, show); },
  };
}
export default { render };
