// Byte-compile wheels with Pyodide's own Python (3.12), in Node, at build time: a browser kernel
// imports from a fresh file system on every visit, so a wheel of .py files is compiled again on
// every visit (pandas: 3.5 s). The .py files stay as they are; each gains an unchecked-hash .pyc
// in __pycache__ (PEP 552), which Python loads without comparing it with the source. A package's
// tests folders are left out.
// node site/compile_in_pyodide.mjs <pyodide folder> <output folder> <wheel>...
import path from "node:path";
import { createRequire } from "node:module";

const [pyodideFolder, output, ...wheels] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const { loadPyodide } = require(path.resolve(pyodideFolder, "pyodide.js"));
const pyodide = await loadPyodide({ indexURL: path.resolve(pyodideFolder) + "/" });
const site = path.dirname(new URL(import.meta.url).pathname);
const mounts = [[path.resolve(output), "/output"], [site, "/site"]];
for (const [index, wheel] of wheels.entries()) mounts.push([path.dirname(path.resolve(wheel)), `/in${index}`]);
for (const [folder, mountPoint] of mounts) {
  pyodide.FS.mkdirTree(mountPoint);
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: folder }, mountPoint);
}
pyodide.globals.set("wheels", pyodide.toPy(wheels.map((wheel, index) => `/in${index}/${path.basename(wheel)}`)));
await pyodide.runPythonAsync(`
import compileall, py_compile, shutil, sys, zipfile
from pathlib import Path

sys.path.insert(0, "/site")
from wheels import write_archive  # site/wheels.py: the RECORD and the fixed dates, as for our wheels

SITE_PACKAGES = f"/lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages"

for wheel in map(Path, wheels):
    tree = Path("/tmp/tree")
    shutil.rmtree(tree, ignore_errors=True)
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tree)
        names = archive.namelist()
    # A package's own tests (pandas/tests: 3 MB of 7.5) are never imported by the app: left out,
    # as Pyodide's own builds leave them out of its packages ("unvendored_tests").
    for folder in sorted(tree.rglob("tests"), reverse=True):
        if folder.is_dir() and not any(part.endswith(".dist-info") for part in folder.parts):
            shutil.rmtree(folder)
    if not compileall.compile_dir(tree, ddir=SITE_PACKAGES, quiet=1,
                                  invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH):
        raise SystemExit(f"{wheel.name}: a module does not compile (above)")
    record = next(name for name in names if name.endswith(".dist-info/RECORD"))
    files = sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_file())
    contents = {name: (tree / name).read_bytes() for name in files if name != record}
    write_archive(Path("/output") / wheel.name, contents, record)
`);
