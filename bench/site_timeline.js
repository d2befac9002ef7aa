// Marks of a static-site visit, in the page's own clock (ms since navigation start), added before
// any of the page's scripts runs (bench/site_timeline.py). The kernel is a Web Worker that the page
// talks to by postMessage (comlink): watching those messages times the kernel's start-up
// ("initialize") and each notebook cell ("execute"), and nothing in the site changes.
(() => {
  const marks = (window.__siteTimeline = []);
  const mark = (name) => marks.push([name, performance.now()]);
  const PageWorker = window.Worker;
  const pending = new Map(); // comlink id -> what its reply ends
  let cells = 0;
  window.Worker = function (url, options) {
    const worker = new PageWorker(url, options);
    mark("kernel worker created");
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (message, ...rest) => {
      const call = message && message.type === "APPLY" && message.path && message.path[0];
      if (call === "initialize") pending.set(message.id, "kernel ready");
      if (call === "execute") {
        cells += 1;
        const code = String(message.argumentList[0].value.code || "");
        const label = code.split("\n").find((line) => line.trim()) || "";
        pending.set(message.id, `cell ${cells} done: ${label.slice(0, 60)}`);
      }
      return post(message, ...rest);
    };
    worker.addEventListener("message", (event) => {
      const name = event.data && pending.get(event.data.id);
      if (name) {
        pending.delete(event.data.id);
        mark(name);
      }
    });
    return worker;
  };
  window.Worker.prototype = PageWorker.prototype;
  // The two halves of "interactive" (bench/common.py APP_INTERACTIVE_JS), each when first seen.
  const shown = { concentration: false, plot: false };
  const watch = setInterval(() => {
    if (!shown.concentration && document.querySelector(".pd-concentration-value[data-mg-per-ml]")) {
      shown.concentration = true;
      mark("concentration shown");
    }
    const plot = document.querySelector(".pd-timecourse-plot .js-plotly-plot");
    if (!shown.plot && plot && plot._fullData && plot._fullData.length) {
      shown.plot = true;
      mark("plot drawn");
    }
    if (shown.concentration && shown.plot) clearInterval(watch);
  }, 10);
})();
