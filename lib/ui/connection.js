// The connection's watch (connection.py, ConnectionWatch): when the page's kernel or its
// connection is gone, the result bar and the results say so, with a link that reopens the plan.

const WORDS = "Not connected: these results do not follow your inputs.";
// A kernel in one of these states is gone for this page: a restarted kernel has none of its
// widgets, so the page stays marked even when the new kernel answers.
const KERNEL_GONE = new Set(["dead", "restarting", "autorestarting", "terminating"]);
// How often the server is asked whether the kernel is still there, while the page is in sight.
const POLL_MS = 10000;
// At most one question at a time, and none sooner than this after the last (typing fast).
const INPUT_POLL_MS = 1000;

function render({ model, el }) {
  const manager = model.widget_manager;
  const kernel = manager && manager.kernel;
  // No kernel to watch (a manager without one): the page is as before.
  if (!kernel || !kernel.connectionStatusChanged || !kernel.statusChanged) return undefined;
  let share = null;
  const reference = model.get("share");
  if (reference && manager.get_model) {
    manager.get_model(String(reference).replace(/^IPY_MODEL_/, "")).then(
      (found) => { share = found; },
      () => {},
    );
  }
  // The address follows the plan (share.js); on Binder the launch link outlives the session.
  const reopenAddress = () => (share && share.get("binder_link")) || location.href;

  const notice = document.createElement("div");
  notice.className = "pd-connection";
  notice.setAttribute("role", "alert");
  const words = document.createElement("span");
  words.className = "pd-connection-words";
  const reopen = document.createElement("a");
  reopen.className = "pd-reopen";
  reopen.textContent = "Reopen this plan";
  reopen.addEventListener("click", () => { reopen.href = reopenAddress(); });
  notice.append(words, " ", reopen);
  const label = document.createElement("div");
  label.className = "pd-connection-label";
  label.textContent = WORDS;

  const show = (state) => {
    const app = el.closest(".pd-app") || document.querySelector(".pd-app");
    if (!app) return;
    app.dataset.connection = state;
    app.classList.toggle("pd-disconnected", state !== "connected");
    if (state === "connected") {
      notice.remove();
      label.remove();
      return;
    }
    words.textContent = state === "reconnecting"
      ? "Not connected (reconnecting): these results do not follow your inputs."
      : WORDS;
    reopen.href = reopenAddress();
    const bar = app.querySelector(".pd-result-bar");
    if (bar && notice.parentNode !== bar) bar.prepend(notice);
    const results = app.querySelector(".pd-results-column");
    if (results && label.parentNode !== results) results.prepend(label);
  };

  // gone: the kernel is over for this page (never undone); unreachable: the server did not
  // answer for it at the last question (undone by an answer).
  let gone = false;
  let unreachable = false;
  const update = () => {
    if (kernel.isDisposed || KERNEL_GONE.has(kernel.status)) gone = true;
    const connection = kernel.connectionStatus;
    if (gone || connection === "disconnected") show("lost");
    else if (unreachable) show("lost");
    else if (connection === "connecting") show("reconnecting");
    else show("connected");
  };

  // A culled kernel (or a server started again) says nothing on the websocket: the server is
  // asked for the kernel (GET api/kernels/<id>), with no_track_activity so that the question
  // does not count as use and keeps no idle server from its culling. Not for a kernel in the
  // browser (the static site), which has no server to ask.
  let timer = null;
  let asking = false;
  let lastAsked = 0;
  const settings = kernel.serverSettings;
  const ask = async () => {
    if (gone || asking || !model.get("asks_server") || !settings || !kernel.id) return;
    asking = true;
    lastAsked = Date.now();
    const address = `${settings.baseUrl.replace(/\/?$/, "/")}api/kernels/` +
      `${encodeURIComponent(kernel.id)}?no_track_activity=1`;
    const headers = settings.token ? { Authorization: `token ${settings.token}` } : {};
    try {
      const response = await fetch(address, { headers, cache: "no-store", redirect: "manual" });
      const answer = response.ok ? await response.json() : null;
      if (answer && answer.id === kernel.id) unreachable = false;
      else {
        unreachable = true;
        // The server answered without the kernel: it is gone for good (culled, a new server).
        if (response.status === 404) gone = true;
      }
    } catch {
      unreachable = true;  // no answer at all: the server or the network is down
    }
    asking = false;
    update();
  };
  const askSoon = () => { if (Date.now() - lastAsked > INPUT_POLL_MS) ask(); };
  const poll = () => { if (!document.hidden) ask(); };
  const visible = () => { if (!document.hidden) askSoon(); };
  timer = setInterval(poll, POLL_MS);
  // Back to the page, or an entry made: asked at once, so the words come before the old answer
  // is read as the new one's.
  document.addEventListener("visibilitychange", visible);
  window.addEventListener("focus", askSoon);
  document.addEventListener("change", askSoon, true);
  document.addEventListener("keydown", askSoon, true);

  kernel.statusChanged.connect(update);
  kernel.connectionStatusChanged.connect(update);
  if (kernel.disposed) kernel.disposed.connect(update);
  // After the view is in the page, where it finds the bar: the kernel may be gone already.
  setTimeout(update, 0);
  return () => {
    clearInterval(timer);
    document.removeEventListener("visibilitychange", visible);
    window.removeEventListener("focus", askSoon);
    document.removeEventListener("change", askSoon, true);
    document.removeEventListener("keydown", askSoon, true);
    kernel.statusChanged.disconnect(update);
    kernel.connectionStatusChanged.disconnect(update);
    if (kernel.disposed) kernel.disposed.disconnect(update);
    notice.remove();
    label.remove();
  };
}
export default { render };
