"""The static site as `make site` built it into _site/ (`make test` builds it first): its Pyodide
files checked against their sources, the app's wheel, the pages' addresses, and the domain's tests
run once inside the site's own Pyodide (Node), so the site's numbers are the tested numbers.
"""

import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from lib.teaching.lessons import read_lessons

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY / "site"))
import build  # noqa: E402  (site/build.py: not a package, the folder is put on the path above)
import pyodide_dist  # noqa: E402

SITE = REPOSITORY / "_site"
PYODIDE = SITE / "static" / "pyodide"
CACHE = REPOSITORY / ".site-cache"
# What the domain's tests cannot do in a browser kernel, and so are left out there (and only there).
NOT_IN_PYODIDE = {
    "tests/test_site.py": "checks the site from outside, with the build's own tools",
    "tests/test_site_browser.py": "drives Chromium against the site",
    "tests/test_accessibility.py": "drives Chromium (axe-core) against Voila and the site",
    "tests/test_browser_entry.py": "imports playwright (bench/memory.py) to drive a browser",
    "tests/test_notebook.py": "runs the notebook in a server kernel with nbclient",
    "tests/test_assets.py": "runs Node in a subprocess to parse the JavaScript",
    # A preheated kernel exists only under a Voila server (its pool); the browser kernel has no
    # threads and no websockets, and never waits for a visit (lib/ui/preheat.py).
    "tests/test_preheat.py": "waits for Voila's query socket in a thread (a server's pool only)",
    # Run once, in CPython: they fuzz the pure-Python readers with random text and plans (about
    # 25 s of the site's run); the numbers the site shows are the example tests' that run here.
    "tests/test_fuzz.py": "fuzzes the readers with random input (run once, in CPython)",
    "tests/test_robustness.py": "fuzzes plans, files and bytes (run once, in CPython)",
    "tests/test_structure.py::test_importing_lib_loads_no_widget_plot_or_ipython_code": (
        "starts a fresh Python in a subprocess, which Pyodide has not"
    ),
    "tests/test_catalog.py::test_shipped_catalog_keeps_the_file_order_and_its_provenance": (
        "asserts the catalogue is the repository's file; in the site it is the wheel's copy "
        "(its bytes are checked equal in test_the_app_wheel_carries_lib_and_its_data_files)"
    ),
}


@pytest.fixture(scope="module")
def site_lock() -> dict:
    if not (SITE / "voici" / "render" / "dashboard.html").exists():
        pytest.fail("_site/ is not built: run `make site` (make test does it first)")
    return json.loads((PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def official_lock() -> dict:
    """pyodide-lock.json of the npm package, whose integrity the build checked (and so here)."""
    tarball = CACHE / "npm" / f"pyodide-{pyodide_dist.PYODIDE_VERSION}.tgz"
    assert pyodide_dist.npm_integrity(tarball) == pyodide_dist.PYODIDE_NPM_INTEGRITY
    with tarfile.open(tarball) as archive:
        return json.load(archive.extractfile("package/pyodide-lock.json"))


def test_every_pyodide_file_has_the_sha256_its_lock_gives(site_lock):
    pyodide_dist.verify(PYODIDE)
    assert len(site_lock["packages"]) == 34  # what the kernel and `import lib` load, no more


def test_the_binary_packages_are_pyodides_own(site_lock, official_lock):
    # numpy and the kernel's stack come from the carrier wheel: each file and digest must be
    # exactly the official lock's. pandas is pandas' own wasm build (PyPI, hash-pinned by pip).
    official = official_lock["packages"]
    files = {entry["file_name"]: entry["sha256"] for entry in official.values()}
    from_official = [e for e in site_lock["packages"].values() if e["file_name"] in files]
    assert len(from_official) == 14  # numpy, micropip and the kernel's IPython stack
    for name in ("numpy", "micropip", "ipython"):
        assert site_lock["packages"][name]["file_name"] == official[name]["file_name"]
    for entry in from_official:
        assert entry["sha256"] == files[entry["file_name"]], entry["name"]
    assert site_lock["info"] == official_lock["info"]
    pandas = site_lock["packages"]["pandas"]["file_name"]
    assert pandas == "pandas-3.1.1-cp312-cp312-pyemscripten_2024_0_wasm32.whl"
    digest = pyodide_dist.sha256_of(CACHE / "wheels" / pandas)  # before bytecode was added
    pinned = (REPOSITORY / "site" / "browser-wheels.txt").read_text(encoding="utf-8")
    assert f"pandas==3.1.1 --hash=sha256:{digest}" in pinned


def test_the_core_files_are_npms(site_lock):
    tarball = CACHE / "npm" / f"pyodide-{pyodide_dist.PYODIDE_VERSION}.tgz"
    with tarfile.open(tarball) as archive:
        for name in pyodide_dist.CORE_FILES:
            if name != "python_stdlib.zip":  # npm's files and bytecode: the test below
                assert (PYODIDE / name).read_bytes() == archive.extractfile(
                    f"package/{name}"
                ).read()


def test_the_stdlib_keeps_npms_files_and_gains_bytecode_for_what_a_visit_imports(site_lock):
    # site/stdlib_bytecode.mjs: every file of npm's python_stdlib.zip as it was, and an
    # unchecked-hash .pyc of Python 3.12 beside each module the kernel and `import lib` load.
    tarball = CACHE / "npm" / f"pyodide-{pyodide_dist.PYODIDE_VERSION}.tgz"
    with tarfile.open(tarball) as archive:
        npm = zipfile.ZipFile(io.BytesIO(archive.extractfile("package/python_stdlib.zip").read()))
    site = zipfile.ZipFile(PYODIDE / "python_stdlib.zip")
    assert all(site.read(name) == npm.read(name) for name in npm.namelist())
    added = sorted(set(site.namelist()) - set(npm.namelist()))
    assert 150 < len(added) < 400 and all(name.endswith(".pyc") for name in added)
    assert all(name[:-1] in npm.namelist() for name in added)  # beside its .py, as zipimport looks
    assert {"asyncio/__init__.pyc", "json/decoder.pyc", "typing.pyc"} <= set(added)
    header = site.read("typing.pyc")[:16]
    assert header[:4] == (3531).to_bytes(2, "little") + b"\r\n"  # Python 3.12's magic number
    assert header[4:8] == (0b01).to_bytes(4, "little")  # hash-based, not checked


def test_the_registry_wheels_gain_bytecode_and_keep_their_files_but_tests(site_lock):
    # Each wheel as PyPI has it (hash-pinned), each of its files unchanged but its tests (left
    # out, as Pyodide leaves them out of its own packages), a .pyc of Python 3.12 for each module
    # (pandas: 297), so the browser does not compile them on every visit, and a RECORD that
    # lists exactly what the wheel holds.
    shipped = {entry["file_name"] for entry in site_lock["packages"].values()}
    registry = [w for w in (CACHE / "wheels").glob("*.whl") if w.name in shipped]
    assert len(registry) == 11
    for wheel in registry:
        with zipfile.ZipFile(wheel) as original, zipfile.ZipFile(PYODIDE / wheel.name) as site:
            names = [n for n in original.namelist() if not n.endswith(".dist-info/RECORD")]
            kept = [n for n in names if "/tests/" not in n]
            assert all(site.read(n) == original.read(n) for n in kept), wheel.name
            assert not any("/tests/" in n for n in site.namelist()), wheel.name
            modules = [n for n in kept if n.endswith(".py")]
            compiled = [n for n in site.namelist() if n.endswith(".cpython-312.pyc")]
            assert len(compiled) == len(modules), wheel.name
            record = next(n for n in site.namelist() if n.endswith(".dist-info/RECORD"))
            listed = {line.split(",")[0] for line in site.read(record).decode().splitlines()}
            assert listed == set(site.namelist()), wheel.name
            if wheel.name.startswith("pandas-"):
                assert len(names) - len(kept) > 1000 and len(modules) == 297
                assert "pandas/core/__pycache__/frame.cpython-312.pyc" in compiled


def test_jedi_ssl_and_sqlite3_are_stand_ins_and_openssl_and_parso_are_gone(site_lock):
    # The kernel's worker loads them on every start; the page never completes code (jedi), nothing
    # imports ssl, and the kernel's history is off (sqlite3): site/wheels.py's stand-ins.
    packages = site_lock["packages"]
    assert "openssl" not in packages and "parso" not in packages
    for name in ("jedi", "ssl", "sqlite3"):
        entry = packages[name]
        assert entry["version"] == pyodide_dist.wheels.STAND_IN_VERSION, name
        assert entry["depends"] == [], name
        with zipfile.ZipFile(PYODIDE / entry["file_name"]) as wheel:
            modules = [n for n in wheel.namelist() if n.endswith(".py")]
        assert modules == (["sqlite3/__init__.py"] if name == "sqlite3" else []), name
    with zipfile.ZipFile(PYODIDE / packages["sqlite3"]["file_name"]) as wheel:
        assert wheel.read("sqlite3/__init__.py") == pyodide_dist.wheels.SQLITE3_STAND_IN


def test_the_page_preloads_every_package_the_kernels_worker_would_install(site_lock):
    # jupyterlite-pyodide-kernel's worker installs each name of its list that the page does not
    # preload, through micropip, on every visit; the page preloads them all from the site's lock.
    extension = SITE / "extensions" / "@jupyterlite" / "pyodide-kernel-extension" / "static"
    worker_list = re.compile(
        r"initKernel\(\w+\)\{let \w+=\(\w+\.loadPyodideOptions\|\|\{\}\)"
        r"\.packages\|\|\[\],\w+=(\[[^\]]*\])"
    )
    found = [worker_list.search(f.read_text(encoding="utf-8")) for f in extension.glob("*.js")]
    installed = json.loads(next(match for match in found if match).group(1))
    kernel = _page_config(SITE / "voici" / "render" / "dashboard.html")["litePluginSettings"]
    preloaded = kernel[build.KERNEL_SETTINGS]["loadPyodideOptions"]["packages"]
    assert set(installed) | {"micropip", "piplite"} <= set(preloaded)
    assert all(pyodide_dist.canonicalize_name(name) in site_lock["packages"] for name in preloaded)


def test_the_kernel_starts_on_the_stand_ins_inside_the_sites_pyodide():
    # What the worker runs once the page's packages are loaded, in the site's Pyodide (Node).
    command = ["node", str(REPOSITORY / "site" / "kernel_in_pyodide.mjs"), str(SITE)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["kernel"] == "PyodideKernel" and seen["result"] == 42
    assert not seen["jedi"] and not seen["ssl"] and not seen["jedi_installed"]
    assert not seen["history_enabled"]
    assert seen["sqlite3"].endswith("/site-packages/sqlite3/__init__.py")


def _carrier_with(path: Path, file_name: str, data: bytes) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(pyodide_dist.CARRIER_FOLDER + file_name, data)
    return path


def test_the_build_stops_on_a_file_that_is_not_the_official_one(official_lock, tmp_path):
    numpy = official_lock["packages"]["numpy"]["file_name"]
    real = (PYODIDE / numpy).read_bytes()
    tampered = _carrier_with(tmp_path / "carrier.whl", numpy, real[:-1] + b"x")
    with pytest.raises(pyodide_dist.ChecksumMismatch, match=re.escape(numpy)):
        pyodide_dist._carrier_files(tampered, official_lock, ["numpy"], tmp_path)
    genuine = _carrier_with(tmp_path / "genuine.whl", numpy, real)
    pyodide_dist._carrier_files(genuine, official_lock, ["numpy"], tmp_path)
    assert (tmp_path / numpy).read_bytes() == real


def test_verify_refuses_a_changed_or_an_unlisted_file(tmp_path):
    copy = tmp_path / "pyodide"
    shutil.copytree(PYODIDE, copy)
    pyodide_dist.verify(copy)
    (copy / "stray.whl").write_bytes(b"")
    with pytest.raises(pyodide_dist.ChecksumMismatch, match="stray.whl"):
        pyodide_dist.verify(copy)
    (copy / "stray.whl").unlink()
    wheel = next(copy.glob("pump_dashboard-*.whl"))
    wheel.write_bytes(wheel.read_bytes() + b"\0")
    with pytest.raises(pyodide_dist.ChecksumMismatch, match=wheel.name):
        pyodide_dist.verify(copy)


def test_the_app_wheel_carries_lib_and_its_data_files(site_lock):
    entry = site_lock["packages"]["pump-dashboard"]
    assert entry["imports"] == ["lib"]
    assert set(entry["depends"]) == set(pyodide_dist.APP_REQUIRES)
    tracked = pyodide_dist.wheels.tracked_app_files(REPOSITORY)
    with zipfile.ZipFile(PYODIDE / entry["file_name"]) as wheel:
        for name in tracked:  # every file of lib/ (data, templates, CSS) and the catalogue
            assert wheel.read(name) == (REPOSITORY / name).read_bytes(), name
        packed = {n for n in wheel.namelist() if "dist-info" not in n and "__pycache__" not in n}
    assert packed == set(tracked)  # and nothing git does not track


def test_the_app_wheel_is_the_same_bytes_when_built_again(tmp_path):
    first = pyodide_dist.wheels.app_wheel(REPOSITORY, tmp_path, "0.0.0", ["pandas"])
    again = tmp_path / "again"
    again.mkdir()
    second = pyodide_dist.wheels.app_wheel(REPOSITORY, again, "0.0.0", ["pandas"])
    assert first.read_bytes() == second.read_bytes()


def _page_config(page: Path) -> dict:
    match = build.CONFIG_DATA.search(page.read_text(encoding="utf-8"))
    return json.loads(match.group(2))


def test_the_page_loads_pyodide_from_the_site_and_never_from_pypi(site_lock):
    page = SITE / "voici" / "render" / "dashboard.html"
    kernel = _page_config(page)["litePluginSettings"][build.KERNEL_SETTINGS]
    assert kernel["disablePyPIFallback"] is True
    # Resolved against the page's own address, as the kernel does: files of this site.
    base = "http://127.0.0.1/course/voici/render/dashboard.html"  # a site in any folder
    for address in [kernel["pyodideUrl"], *kernel["pipliteUrls"]]:
        path = urlparse(urljoin(base, address)).path.removeprefix("/course/")
        assert (SITE / path).is_file(), address


def test_the_domain_tests_pass_inside_the_sites_pyodide(tmp_path):
    # About 1,230 tests in 100-120 s on this machine (in CPython: 50 s).
    wheels = pyodide_dist.browser_wheels(
        REPOSITORY / "site" / "browser-test-wheels.txt", CACHE / "test-wheels"
    )
    assert wheels
    # --ignore takes a path; --deselect a node id, which pytest names from its rootdir.
    left_out = [
        f"--deselect={test}" if "::" in test else f"--ignore=/repository/{test}"
        for test in NOT_IN_PYODIDE
    ]
    command = ["node", str(REPOSITORY / "site" / "test_in_pyodide.mjs"), str(SITE)]
    command += [str(REPOSITORY), str(CACHE / "test-wheels"), "/repository/tests", "-q"]
    command += ["-m", "not browser and not binder", *left_out]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    passed = int(re.search(r"(\d+) passed", summary).group(1))
    assert passed > 1200 and "failed" not in summary, summary


def test_the_build_stops_on_a_requirement_the_shipped_version_does_not_meet(site_lock, tmp_path):
    # The site ships numpy 2.0.2 (Pyodide's): a wheel that needs numpy >= 3 must not be shipped.
    lock = pyodide_dist.PyodideLockSpec(**site_lock)
    markers = pyodide_dist.browser_markers(site_lock["info"]["python"])
    fine = pyodide_dist.wheels.write_wheel(tmp_path, "fine", "1.0", {}, ["numpy>=2.0.2"])
    pyodide_dist.check_versions([fine], lock.packages, markers)
    too_new = pyodide_dist.wheels.write_wheel(tmp_path, "too-new", "1.0", {}, ["numpy>=3"])
    with pytest.raises(RuntimeError, match=r"too_new-1.0-py3-none-any.whl needs numpy>=3"):
        pyodide_dist.check_versions([too_new], lock.packages, markers)


def test_the_page_carries_every_lesson_for_its_wait():
    # site/build.py writes the lessons lib's reader gives (site/lessons_in_pyodide.mjs) in the page.
    page = (SITE / "voici" / "render" / "dashboard.html").read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="pd-lessons">(.*?)</script>', page, re.S)
    embedded = json.loads(data.group(1))
    lessons = {each.name: {"title": each.title, "text": each.text} for each in read_lessons()[0]}
    assert embedded == lessons and lessons  # at least the brief's example
