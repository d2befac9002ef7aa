// A plotly plot (plot.py, PlotlyPlot) whose plotly.js comes once per page from the server's files.

// The toolbar keeps what stays on this machine: a PNG download, zoom, pan and reset. Nothing
// that sends the figure elsewhere (Chart Studio's "Edit in" and "Share", the plotly link).
const CONFIG = {
  responsive: true,
  displaylogo: false,
  showLink: false,
  showSendToCloud: false,
  showEditInChartStudio: false,
  modeBarButtons: [["toImage", "zoom2d", "pan2d", "autoScale2d", "resetScale2d"]],
  toImageButtonOptions: { format: "png", filename: "delivered-dose", scale: 2 },
};

// Voila serves the notebook's folder at <base>voila/files/, Jupyter at <base>files/. Every Voila
// template marks its <body> with data-voila; JupyterLab and Notebook pages do not. The static
// site's voici pages carry data-voila too, but JupyterLite serves the folder at <base>files/.
function plotlyUrl(path) {
  const config = JSON.parse(document.getElementById("jupyter-config-data").textContent);
  const voila = document.body.dataset.voila && config.appName !== "JupyterLite";
  const filesRoute = voila ? "voila/files/" : "files/";
  return `${config.baseUrl}${filesRoute}${path}`;
}

// One <script> per page however many plots there are: the promise is shared on window.
function loadPlotly(path) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  window.pdPlotlyLoad ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.onload = () => resolve(window.Plotly);
    script.onerror = () => reject(new Error(`cannot load ${script.src}`));
    script.src = plotlyUrl(path);
    document.head.append(script);
  }).catch((error) => {
    delete window.pdPlotlyLoad; // let the next plot try again
    throw error;
  });
  return window.pdPlotlyLoad;
}

// anywidget awaits render() and calls the function it resolves to when the view goes away.
async function render({ model, el }) {
  // Plotly marks its own div with .js-plotly-plot; a child keeps the widget's classes outside it.
  const plotElement = document.createElement("div");
  el.append(plotElement);
  let Plotly;
  try {
    Plotly = await loadPlotly(model.get("plotly_path"));
  } catch (error) {
    console.warn("[PlotlyPlot]", error.message);
    plotElement.textContent = "The plot cannot be shown: plotly.js did not load.";
    return;
  }
  // Plotly.react mutates what it is given; a copy keeps the model's state clean for other views.
  const draw = () => {
    const { data = [], layout = {} } = structuredClone(model.get("figure"));
    return Plotly.react(plotElement, data, layout, CONFIG);
  };
  model.on("change:figure", draw);
  await draw();
  // The kernel places the marker labels for the plot's width: tell it the width, on a change
  // of 20 px or more, once the resizing has settled.
  let timer = null;
  const report = () => {
    const width = Math.round(el.clientWidth);
    if (width > 0 && Math.abs(width - model.get("width_px")) >= 20) {
      model.set("width_px", width);
      model.save_changes();
    }
  };
  const observer = new ResizeObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(report, 150);
  });
  observer.observe(el);
  return () => { observer.disconnect(); Plotly.purge(plotElement); };
}

export default { render };
