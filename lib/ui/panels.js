// The findings (panels.py, FindingList): the kernel's markup, each fix's button put in its place.

function render({ model, el }) {
  const draw = () => {
    el.innerHTML = model.get("markup");  // made and escaped by the kernel (lib/ui/render.py)
    // Each fix's button sits inside the finding it fixes, where the kernel left its place.
    for (const place of el.querySelectorAll("[data-fix]")) {
      const fix = model.get("fixes")[Number(place.dataset.fix)];
      const button = document.createElement("button");
      button.className = `jupyter-button widget-button pd-fix pd-fix-${fix.code}`;
      button.textContent = fix.label;
      button.title = `Fix: ${fix.label}`;
      const message = { fix: place.dataset.fix, code: fix.code };
      button.addEventListener("click", () => model.send(message));
      place.replaceWith(button);
    }
  };
  model.on("change:markup", draw);
  draw();
  return () => model.off("change:markup", draw);
}
export default { render };
