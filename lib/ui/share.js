// The share link (share.py, ShareLink): the address bar follows the plan's query string.

function render({ model, el }) {
  // A browser kernel learns the page's query string from here, before the address follows it.
  const opened = model.get("reads_page_query") ? location.search.slice(1) : "";
  if (opened) {
    model.set("page_query", opened);
    model.save_changes();
  }
  const box = document.createElement("input");
  box.readOnly = true;
  box.className = "pd-share-link-value";
  box.setAttribute("aria-label", "Share link");
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
  const note = document.createElement("div");
  note.className = "pd-share-link-message";
  const show = (followAddress) => {
    const query = model.get("query");
    const address = query ? `${location.pathname}?${query}` : location.pathname;
    if (followAddress) history.replaceState(history.state, "", address);
    // Before the kernel has read the page's link, no link to copy: it would be the default plan's.
    const waiting = opened && !model.get("page_query_read");
    box.value = waiting ? "" : model.get("binder_link") || `${location.origin}${address}`;
    // A plan too long for a link: no link to copy, and the reason (the file carries it).
    const message = model.get("message");
    note.textContent = message;
    box.style.display = copy.style.display = message ? "none" : "";
  };
  const update = () => show(true);
  const names = ["query", "binder_link", "message", "page_query_read"];
  for (const name of names) model.on(`change:${name}`, update);
  // Until the kernel has opened the page's plan, the address keeps the link the visitor opened.
  show(!opened);
  el.append(box, copy, note);
  return () => {
    for (const name of names) model.off(`change:${name}`, update);
  };
}
export default { render };
