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
assert "/site-packages/lib/" in lib.__file__, lib.__file__
os.chdir("/home/pyodide")  # pytest's and hypothesis's caches stay out of the repository
# Property tests with 20 examples each (100 on the host): the same properties at a fifth of the
# cost, since this run is about the same numbers on a second interpreter, not about search.
from hypothesis import settings
settings.register_profile("pyodide", max_examples=20)
settings.load_profile("pyodide")
import pytest
# hypothesis is imported above, before pytest could rewrite its asserts: that is expected here.
quiet = ["-W", "ignore::pytest.PytestAssertRewriteWarning"]
int(pytest.main(["--rootdir=/repository", "-p", "no:cacheprovider", "--capture=sys", *quiet, *pytest_arguments]))
`);
process.exit(exitCode);
