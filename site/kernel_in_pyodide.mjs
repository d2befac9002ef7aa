// The browser kernel's start-up inside the site's own Pyodide, in Node: Pyodide loads the packages
// the page preloads (jupyter-lite.json's loadPyodideOptions), then Python runs what
// jupyterlite-pyodide-kernel 0.6.1's worker runs once none is left to install (`import
// piplite.piplite`, `import pyodide_kernel`) and prints what it sees, as JSON.
// node site/kernel_in_pyodide.mjs <site folder>
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const [site] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const settings = JSON.parse(fs.readFileSync(path.resolve(site, "jupyter-lite.json"), "utf-8"));
const kernel = settings["jupyter-config-data"].litePluginSettings["@jupyterlite/pyodide-kernel-extension:kernel"];
const { loadPyodide } = require(path.resolve(site, "static/pyodide/pyodide.js"));
const pyodide = await loadPyodide({
  indexURL: path.resolve(site, "static/pyodide") + "/",
  packages: kernel.loadPyodideOptions.packages,
});
console.log(await pyodide.runPythonAsync(`
import importlib.util, json, sys
import piplite.piplite
import pyodide_kernel
import IPython.core.completer, IPython.core.history

shell = pyodide_kernel.kernel_instance.interpreter
json.dumps({
    "kernel": type(pyodide_kernel.kernel_instance).__name__,
    "jedi": importlib.util.find_spec("jedi") is not None,
    "ssl": importlib.util.find_spec("ssl") is not None,
    "jedi_installed": IPython.core.completer.JEDI_INSTALLED,
    "history_enabled": shell.history_manager.enabled,
    "sqlite3": sys.modules["sqlite3"].__file__,
    "result": shell.run_cell("6 * 7").result,
})
`));
