// One question of a lesson (lesson.py, LessonQuestion): the student's answer, checked by the
// kernel on "Check" or Enter; what it says of the answer is announced (a live region).

function render({ model, el }) {
  // Each widget's module is its own (a counter would restart): a random id, as entry.js's.
  const id = `pd-lesson-answer-${Math.random().toString(36).slice(2, 10)}`;
  const ask = document.createElement("label");
  ask.className = "pd-lesson-ask";
  ask.htmlFor = id;
  const box = document.createElement("input");
  Object.assign(box, { id, type: "text", inputMode: "decimal", autocomplete: "off" });
  box.className = "pd-lesson-answer";
  const unit = document.createElement("span");
  unit.className = "pd-unit";
  const check = button("Check", "pd-lesson-check");
  const reveal = button("Show the working", "pd-lesson-reveal");
  const feedback = document.createElement("div");
  feedback.className = "pd-lesson-feedback";
  feedback.setAttribute("role", "status");
  feedback.id = `${id}-feedback`;
  unit.id = `${id}-unit`;
  box.setAttribute("aria-describedby", `${unit.id} ${feedback.id}`);
  const working = document.createElement("div");
  working.className = "pd-lesson-working";
  const send = () => model.send({ check: box.value });
  check.addEventListener("click", send);
  box.addEventListener("keydown", (event) => { if (event.key === "Enter") send(); });
  reveal.addEventListener("click", () => model.send({ reveal: true }));
  const show = () => {
    ask.textContent = model.get("ask");
    unit.textContent = model.get("unit");
    feedback.textContent = model.get("feedback");
    feedback.dataset.verdict = model.get("verdict");
    box.setAttribute("aria-invalid", model.get("verdict") === "wrong" ? "true" : "false");
    const hideReveal = !model.get("feedback") || Boolean(model.get("working"));
    reveal.style.display = hideReveal ? "none" : "";
    working.innerHTML = model.get("working");  // rendered by an autoescaping template
    if (model.get("answer") !== undefined && document.activeElement !== box) {
      box.value = model.get("answer");
    }
  };
  const names = ["ask", "unit", "feedback", "verdict", "working", "answer"];
  for (const name of names) model.on(`change:${name}`, show);
  show();
  const line = document.createElement("div");
  line.className = "pd-lesson-line";
  line.append(box, unit, check, reveal);
  el.classList.add("pd-lesson-question");
  el.append(ask, line, feedback, working);
  return () => { for (const name of names) model.off(`change:${name}`, show); };
}

function button(text, className) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = `jupyter-button widget-button ${className}`;
  element.textContent = text;
  return element;
}

export default { render };
