// The domain's tests inside Pyodide, in Node, with the site's own files: its Pyodide, its lock and
// the app's wheel (not the repository's lib/), so the site's numbers are the tested numbers.
// node site/test_in_pyodide.mjs <site folder> <repository> <test wheels folder> [pytest arguments]
import path from "node:path";
import { createRequire } from "node:module";

const [site, repository, testWheels, ...pytestArguments] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const { loadPyodide } = require(path.resolve(site, "static/pyodide/pyodide.js"));

const pyodide = await loadPyodide({ indexURL: path.resolve(site, "static/pyodide") + "/" });
// The app's package brings what the site ships for it; pytest needs packaging and pygments too.
await pyodide.loadPackage(["pump-dashboard", "packaging", "pygments"], { messageCallback: () => {} });
for (const [folder, mountPoint] of [[repository, "/repository"], [testWheels, "/test-wheels"]]) {
  pyodide.FS.mkdirTree(mountPoint);
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: path.resolve(folder) }, mountPoint);
}
pyodide.globals.set("pytest_arguments", pyodide.toPy(pytestArguments));
const exitCode = await pyodide.runPythonAsync(`
import glob, os, sys
sys.path[:0] = sorted(glob.glob("/test-wheels/*.whl"))  # pure wheels import as zip files
import lib  # the site's wheel, imported before pytest puts /repository on sys.path
assert lib.__file__.startswith(sys.prefix), lib.__file__
os.chdir("/home/pyodide")  # pytest's and hypothesis's caches stay out of the repository
import pytest
int(pytest.main(["--rootdir=/repository", "-p", "no:cacheprovider", "--capture=sys", *pytest_arguments]))
`);
process.exit(exitCode);
