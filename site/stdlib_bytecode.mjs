// Python's standard library with bytecode for the modules a visit imports, at build time: the
// browser starts Python from npm's python_stdlib.zip, which holds no .pyc, so every visit compiled
// the ~225 stdlib modules that the kernel's start-up and `import lib` load. This starts the kernel
// in the site's own Pyodide (Node), imports what the page's first cell imports, and writes a copy
// of the zip with an unchecked-hash .pyc (PEP 552) beside each of those modules, which zipimport
// loads without compiling; every file of npm's zip stays as it is.
// node site/stdlib_bytecode.mjs <pyodide folder> <output zip> <package,package,...>
import path from "node:path";
import { createRequire } from "node:module";

const [pyodideFolder, output, packages] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const { loadPyodide } = require(path.resolve(pyodideFolder, "pyodide.js"));
const pyodide = await loadPyodide({
  indexURL: path.resolve(pyodideFolder) + "/",
  packages: packages.split(","),
});
pyodide.FS.mkdirTree("/output");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: path.dirname(path.resolve(output)) }, "/output");
pyodide.globals.set("output", `/output/${path.basename(output)}`);
await pyodide.runPythonAsync(`
import importlib.util, marshal, sys, zipfile

# What the kernel's worker imports, then the notebook's first cell (lib.ui makes widgets at import,
# which send messages through the kernel: here they go nowhere).
import piplite.piplite, pyodide_kernel
pyodide_kernel.kernel_instance.interpreter.send_comm = lambda *arguments, **options: None
import lib, lib.ui

STDLIB = sys.path[0] if sys.path[0].endswith(".zip") else "/lib/python312.zip"
origins = {getattr(getattr(m, "__spec__", None), "origin", None) for m in list(sys.modules.values())}
imported = sorted(o[len(STDLIB) + 1:] for o in origins if o and o.startswith(STDLIB + "/") and o.endswith(".py"))
UNCHECKED_HASH = (0b01).to_bytes(4, "little")  # hash-based, not checked against the source
with zipfile.ZipFile(STDLIB) as npm, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as site:
    for info in npm.infolist():
        site.writestr(info, npm.read(info))
    for name in imported:
        source = npm.read(name)
        code = compile(source, f"{STDLIB}/{name}", "exec", dont_inherit=True)
        header = importlib.util.MAGIC_NUMBER + UNCHECKED_HASH + importlib.util.source_hash(source)
        pyc = zipfile.ZipInfo(name[:-3] + ".pyc", (2026, 1, 1, 0, 0, 0))
        pyc.compress_type = zipfile.ZIP_DEFLATED
        site.writestr(pyc, header + marshal.dumps(code))
print(f"stdlib: bytecode for {len(imported)} modules")
`);
