"""Wheels the site packs itself: the app's `lib/` and MarkupSafe's pure-Python implementation.

A wheel is a zip with a `.dist-info` folder (PEP 427); writing its three small files by hand keeps
the build free of a packaging backend for what is a copy of files.
"""

import base64
import hashlib
import subprocess
import tarfile
import zipfile
from pathlib import Path

# A fixed timestamp: the same files give the same wheel, byte for byte, on every build.
ZIP_DATE = (2026, 1, 1, 0, 0, 0)


def _record_hash(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def write_wheel(
    folder: Path, name: str, version: str, files: dict[str, bytes], requires: list[str]
) -> Path:
    """Write `<name>-<version>-py3-none-any.whl` holding `files` (archive name -> bytes)."""
    distribution = name.replace("-", "_")
    info = f"{distribution}-{version}.dist-info"
    metadata = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    metadata += [f"Requires-Dist: {requirement}" for requirement in requires]
    wheel_info = "Wheel-Version: 1.0\nGenerator: site/wheels.py\nRoot-Is-Purelib: true\n"
    wheel_info += "Tag: py3-none-any\n"
    contents = dict(sorted(files.items()))
    contents[f"{info}/METADATA"] = ("\n".join(metadata) + "\n").encode()
    contents[f"{info}/WHEEL"] = wheel_info.encode()
    path = folder / f"{distribution}-{version}-py3-none-any.whl"
    write_archive(path, contents, f"{info}/RECORD")
    return path


def write_archive(path: Path, contents: dict[str, bytes], record: str) -> None:
    """A wheel's zip: `contents` in order, then the RECORD (at `record`) that lists them."""
    lines = [f"{name},{_record_hash(data)},{len(data)}" for name, data in contents.items()]
    listing = ("\n".join(lines + [f"{record},,"]) + "\n").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [*contents.items(), (record, listing)]:
            archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), data, zipfile.ZIP_DEFLATED)


def tracked_app_files(repository: Path) -> list[str]:
    """The files of the app's wheel: what git tracks of `lib/`, and the pump catalogue."""
    command = ["git", "ls-files", "lib", "pump_specs.csv"]
    listing = subprocess.run(command, cwd=repository, capture_output=True, text=True, check=True)
    return sorted(listing.stdout.split())


def app_wheel(repository: Path, folder: Path, version: str, requires: list[str]) -> Path:
    """`lib/` with its data files and templates (as git tracks them), and `pump_specs.csv` beside
    it, where `lib.tables.pumps` looks for the shipped catalogue (the folder above `lib/`)."""
    # The files git tracks, and only those: a scratch file in lib/ is never published.
    files = {name: (repository / name).read_bytes() for name in tracked_app_files(repository)}
    return write_wheel(folder, "pump-dashboard", version, files, requires)


def pure_markupsafe_wheel(source_archive: Path, folder: Path) -> Path:
    """MarkupSafe's Python files from its source archive, without the C speedups (`_speedups.c`):
    MarkupSafe then escapes with `_native.py`, as on any platform it was not compiled for."""
    version = source_archive.name.removesuffix(".tar.gz").rsplit("-", 1)[1]
    prefix = f"markupsafe-{version}/src/"
    files = {}
    with tarfile.open(source_archive) as archive:
        for member in archive.getmembers():
            inside = member.name.removeprefix(prefix)
            # Its egg-info is setuptools' metadata: the wheel's dist-info is the package's.
            if ".egg-info/" in inside or inside.endswith(".c"):
                continue
            if member.isfile() and member.name.startswith(prefix):
                files[inside] = archive.extractfile(member).read()
    if "markupsafe/_native.py" not in files:
        raise RuntimeError(f"{source_archive.name} has no markupsafe/_native.py")
    return write_wheel(folder, "markupsafe", version, files, [])


# jupyterlite-pyodide-kernel 0.6.1's worker loads jedi, ssl and sqlite3 on every start (a list fixed
# in its code; a name the site's lock serves is loaded from the lock). The page never asks for a
# completion (jedi, with parso: 1.7 MB), nothing fetches over TLS (ssl, with openssl: 2.1 MB of
# WebAssembly), and the kernel's history is off, so these stand-ins take their places in the lock.
# `import jedi` and `import ssl` then fail as where a package is not installed, which IPython's
# completer and the standard library modules that import ssl at start-up handle. IPython's history
# imports sqlite3 and names its errors: that stand-in has the names (and opens no database).
STAND_IN_VERSION = "0+stand.in"
SQLITE3_STAND_IN = b'''"""sqlite3 on the static site: a stand-in (site/wheels.py), no database.

IPython 8.23's history imports sqlite3 and names these; the browser kernel's history is off
(pyodide_kernel's CustomHistoryManager), so no database is ever opened here.
"""

PARSE_DECLTYPES = 1
PARSE_COLNAMES = 2


class Error(Exception):
    pass


class DatabaseError(Error):
    pass


class OperationalError(DatabaseError):
    pass


class IntegrityError(DatabaseError):
    pass


class NotSupportedError(DatabaseError):
    pass


class Connection:
    """Never made: connect() refuses."""


def connect(*arguments, **options):
    raise NotSupportedError("this static site has no sqlite3 (a stand-in: site/wheels.py)")
'''


def stand_in_wheels(folder: Path) -> list[Path]:
    """The stand-ins for jedi, ssl (no modules) and sqlite3 (the names IPython's history uses)."""
    return [
        write_wheel(folder, "jedi", STAND_IN_VERSION, {}, []),
        write_wheel(folder, "ssl", STAND_IN_VERSION, {}, []),
        write_wheel(
            folder, "sqlite3", STAND_IN_VERSION, {"sqlite3/__init__.py": SQLITE3_STAND_IN}, []
        ),
    ]
