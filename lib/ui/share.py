"""The address bar follows the plan, and a share link that reopens it (shared TECH_NOTES.md).

Voilà hands the page's query string to the kernel, so a copied address restores the plan. On
Binder a user's own address dies with their session: the link is built from the launch URL.
"""

import anywidget
import traitlets

_ESM = r"""
function render({ model, el }) {
  const box = document.createElement("input");
  box.readOnly = true;
  box.className = "pd-share-link-value";
  const copy = document.createElement("button");
  copy.className = "jupyter-button widget-button pd-share-copy";
  copy.textContent = "Copy link";
  copy.addEventListener("click", async () => {
    box.select();
    try { await navigator.clipboard.writeText(box.value); }
    catch { document.execCommand("copy"); }  // older browsers, or no clipboard permission
    copy.textContent = "Copied";
    setTimeout(() => { copy.textContent = "Copy link"; }, 1500);
  });
  const update = () => {
    const query = model.get("query");
    history.replaceState(history.state, "", `${location.pathname}?${query}`);
    box.value = model.get("binder_link") || `${location.origin}${location.pathname}?${query}`;
  };
  model.on("change:query", update);
  model.on("change:binder_link", update);
  update();
  el.append(box, copy);
  return () => { model.off("change:query", update); model.off("change:binder_link", update); };
}
export default { render };
"""


class ShareLink(anywidget.AnyWidget):
    """Keeps the address bar at ``?<query>`` and shows the link to copy."""

    _esm = _ESM
    query = traitlets.Unicode("").tag(sync=True)
    # Set on Binder: the launch URL that opens this plan for anyone.
    binder_link = traitlets.Unicode("").tag(sync=True)
