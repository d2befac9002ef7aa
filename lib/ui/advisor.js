// The pump advisor's table (advisor.py, PumpAdvisor): a row per pump model, its buttons
// sending the model's name back to the kernel.

function button(className, label, message, model) {
  const element = document.createElement("button");
  element.className = `jupyter-button widget-button ${className}`;
  element.textContent = label;
  element.title = label;
  element.addEventListener("click", () => model.send(message));
  return element;
}
function render({ model, el }) {
  const heading = document.createElement("div");
  const table = document.createElement("div");
  table.className = "pd-advisor-rows";
  const more = document.createElement("button");
  more.className = "jupyter-button widget-button pd-advisor-all";
  // The kernel sends the first rows only, until all are asked for: fewer bytes per change.
  more.addEventListener("click", () => {
    model.set("expanded", !model.get("expanded"));
    model.save_changes();
  });
  const draw = () => {
    heading.innerHTML = model.get("heading");
    const rows = model.get("rows");
    table.replaceChildren(...rows.map((row, index) => {
      const line = document.createElement("div");
      line.className = "pd-advisor-row";
      line.style.display = "flex";
      const use = button(`pd-advisor-use pd-advisor-use-${row.model}`, `Use ${row.model}`,
        { choose: row.model }, model);
      use.disabled = row.current;
      const cells = document.createElement("div");
      cells.className = "pd-advisor-body";
      cells.innerHTML = row.html;  // made and escaped by the kernel (lib/ui/render.py)
      line.append(use, cells);
      if (row.proposal_label) {
        line.append(button(`pd-advisor-apply pd-advisor-apply-${row.model}`,
          row.proposal_label, { apply: row.model }, model));
      }
      return line;
    }));
    const expanded = model.get("expanded");
    more.textContent = expanded ? "Show the first rows" : `Show all ${model.get("count")} models`;
  };
  model.on("change:rows", draw);
  model.on("change:expanded", draw);
  draw();
  el.append(heading, table, more);
  return () => { model.off("change:rows", draw); model.off("change:expanded", draw); };
}
export default { render };
