// The result bar (panels.py, ResultBar): the kernel's markup in a live region, so a screen reader
// says the new concentration and worst finding after each change, without moving the focus.

function render({ model, el }) {
  el.setAttribute("role", "status");
  el.setAttribute("aria-live", "polite");
  el.setAttribute("aria-atomic", "true");  // the whole bar, not only the part that changed
  const content = document.createElement("div");
  content.className = "widget-html-content";  // as an HTML widget's: app.css and the tests
  const draw = () => { content.innerHTML = model.get("value"); };  // escaped by the kernel
  model.on("change:value", draw);
  draw();
  el.append(content);
  return () => model.off("change:value", draw);
}
export default { render };
