"""Helpers shared by the benchmarks: the app's server, the browser, readiness, memory, the machine.

Linux only: memory and the process tree are read from /proc (no psutil dependency).
The server is started the way the README does (standalone voila from the repository root) and the
browser the way tests/conftest.py does (Debian's Chromium, outside hosts blocked at the resolver,
no request interception: that would turn the HTTP cache off, see the shared TECH_NOTES.md).
"""

import contextlib
import importlib.metadata
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
# The browser tests import this list too (tests/conftest.py): both see the same browser.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
]
# With no internet Voila's page fails to fetch FontAwesome's CSS from its CDN (cdn.jsdelivr.net/npm/
# @fortawesome/fontawesome-free): two console errors per page, expected, not a failure of the app.
EXPECTED_CONSOLE_ERROR_SOURCES = ("fontawesome", "font-awesome")
# The app is interactive once the concentration carries a number and plotly has drawn the plot.
APP_INTERACTIVE_JS = """() => {
    const value = document.querySelector('.pd-concentration-value[data-mg-per-ml]');
    const plot = document.querySelector('.pd-timecourse-plot .js-plotly-plot');
    return Boolean(value && plot && plot._fullData && plot._fullData.length);
}"""
SERVER_START_SECONDS = 60
SERVER_STOP_SECONDS = 15
PACKAGES = ("voila", "ipywidgets", "ipykernel", "anywidget", "playwright")
GIB = 1024**3
MIB = 1024**2


# --- the app's server --------------------------------------------------------------------------


@dataclass
class VoilaServer:
    url: str
    process: subprocess.Popen
    log: Path
    home: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def isolated_jupyter_environment(home: Path) -> dict[str, str]:
    """Jupyter's folders in a temporary home, so a benchmark never reads or writes the user's."""
    environment = dict(os.environ, HOME=str(home))
    for variable, folder in (
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_CONFIG_DIR", "config"),
        ("IPYTHONDIR", "ipython"),
    ):
        environment[variable] = str(home / folder)
    environment.pop("QUERY_STRING", None)
    return environment


def app_environment(home: Path, app_root: Path) -> dict[str, str]:
    """The isolated Jupyter folders, with ``app_root``'s Voila template first on JUPYTER_PATH."""
    environment = isolated_jupyter_environment(home)
    paths = [str(app_root / "share" / "jupyter"), environment.get("JUPYTER_PATH", "")]
    environment["JUPYTER_PATH"] = os.pathsep.join(path for path in paths if path)
    return environment


def voila_command(port: int, extra_arguments: tuple[str, ...] = ()) -> list[str]:
    """The README's command (`voila dashboard.ipynb --no-browser`), bound to loopback."""
    return [
        sys.executable,
        "-m",
        "voila",
        "dashboard.ipynb",
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        *extra_arguments,
    ]


def server_extension_command(port: int) -> list[str]:
    """Jupyter Server with Voila as its extension, as on Binder and JupyterHub (no preheat)."""
    return [
        sys.executable,
        "-m",
        "jupyter_server",
        f"--port={port}",
        "--ServerApp.ip=127.0.0.1",
        "--ServerApp.token=",
        "--ServerApp.password=",
        "--allow-root",
        "--no-browser",
    ]


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"voila exited with {process.returncode}:\n{log.read_text()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"voila did not listen on port {port}:\n{log.read_text()}")


@contextlib.contextmanager
def running_voila(
    extra_arguments: tuple[str, ...] = (),
    server_extension: bool = False,
    app_root: Path = REPOSITORY_ROOT,
):
    """Serve dashboard.ipynb on a free loopback port; stop the server and its kernels after.

    ``server_extension``: through Jupyter Server at /voila/render/dashboard.ipynb (the Binder
    path) instead of standalone Voila. ``app_root``: the checkout whose app is served (another
    worktree, to compare two versions in one run); its own Voila template comes first on
    JUPYTER_PATH, so the page is that checkout's even where the environment holds another's.
    """
    with tempfile.TemporaryDirectory(prefix="bench-voila-") as folder:
        home = Path(folder)
        port = free_port()
        log = home / "voila.log"
        with log.open("w") as output:
            # Its own process group, so stopping it cannot signal the benchmark itself.
            command = (
                server_extension_command(port)
                if server_extension
                else voila_command(port, extra_arguments)
            )
            process = subprocess.Popen(
                command,
                cwd=app_root,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env=app_environment(home, app_root),
            )
        try:
            wait_for_port(port, process, log)
            path = "voila/render/dashboard.ipynb" if server_extension else ""
            yield VoilaServer(f"http://127.0.0.1:{port}/{path}", process, log, home)
        finally:
            stop_voila(process)


def stop_voila(process: subprocess.Popen) -> None:
    """Stop the server, then any kernel it left behind.

    jupyter_client starts each kernel in a session of its own, so signalling the server's process
    group does not reach them: the kernels are listed first and stopped by id if they outlive it.
    """
    kernels = kernel_process_ids(process.pid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=SERVER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    for kernel in kernels:
        stop_process(kernel)


def stop_process(process_id: int) -> None:
    """SIGTERM, a short grace period, then SIGKILL; a process already gone is fine."""
    try:
        os.kill(process_id, signal.SIGTERM)
        for _ in range(50):
            time.sleep(0.1)
            os.kill(process_id, 0)
        os.kill(process_id, signal.SIGKILL)
    except ProcessLookupError:
        return


# --- the browser --------------------------------------------------------------------------------


def chromium_launch_options() -> dict:
    """Keyword arguments for `playwright.chromium.launch`, sync or async API alike."""
    executable = shutil.which("chromium")
    if executable is None:
        raise RuntimeError("Debian's chromium is not installed: run `apt-get install -y chromium`")
    return {"executable_path": executable, "args": CHROMIUM_ARGS}


def wait_until_interactive(page, timeout_ms: float, polling: float | str = "raf"):
    """Wait until the concentration is shown and the plot drawn (await it with the async API).

    Polling on every animation frame is the most precise; many pages waiting at once do better
    with an interval in ms, since each poll costs CPU on the machine being measured.
    """
    return page.wait_for_function(APP_INTERACTIVE_JS, timeout=timeout_ms, polling=polling)


def is_expected_console_error(message_text: str, source_url: str) -> bool:
    """True for the FontAwesome CDN failures that loopback-only browsing always produces."""
    where = f"{message_text} {source_url}".lower()
    return any(source in where for source in EXPECTED_CONSOLE_ERROR_SOURCES)


# --- statistics ---------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float | None:
    """The `fraction` quantile (0.95 for p95) by linear interpolation, as numpy's default does."""
    if not values:
        return None
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


# --- processes and memory (Linux /proc) ---------------------------------------------------------


def read_proc(process_id: int, name: str) -> str | None:
    """A /proc file's text, or None when the process has gone (it may exit at any time)."""
    try:
        return Path(f"/proc/{process_id}/{name}").read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None


def parent_id(process_id: int) -> int | None:
    stat = read_proc(process_id, "stat")
    if stat is None:
        return None
    # The command name sits in parentheses and may itself hold spaces or parentheses.
    return int(stat.rsplit(")", 1)[1].split()[1])


def command_line(process_id: int) -> str:
    raw = read_proc(process_id, "cmdline") or ""
    return raw.replace("\0", " ").strip()


def all_process_ids() -> list[int]:
    return [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()]


def children_of(process_id: int) -> list[int]:
    return [child for child in all_process_ids() if parent_id(child) == process_id]


def descendants_of(process_id: int) -> list[int]:
    found, frontier = [], [process_id]
    while frontier:
        children = children_of(frontier.pop())
        found.extend(children)
        frontier.extend(children)
    return found


def kernel_process_ids(server_id: int) -> list[int]:
    """The server's kernels: its children started with `ipykernel_launcher`."""
    return [
        child for child in children_of(server_id) if "ipykernel_launcher" in command_line(child)
    ]


def cpu_seconds(process_id: int) -> float:
    """User plus system CPU time a process has used so far (0 once it has gone)."""
    stat = read_proc(process_id, "stat")
    if stat is None:
        return 0.0
    # After the parenthesised name: state is field 3, utime field 14 and stime field 15.
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_bytes(process_id: int) -> int | None:
    """Resident set size (VmRSS); counts shared library pages in every process that maps them."""
    status = read_proc(process_id, "status")
    if status is None:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return None


def pss_bytes(process_id: int) -> int | None:
    """Proportional set size: shared pages split between their users, so PSS values add up."""
    rollup = read_proc(process_id, "smaps_rollup")
    if rollup is None:
        return None
    for line in rollup.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return None


@dataclass
class ServerMemory:
    server_rss: int
    kernel_rss: dict[int, int] = field(default_factory=dict)
    kernel_pss: dict[int, int] = field(default_factory=dict)


def server_memory(server_id: int) -> ServerMemory:
    """RSS of the voila process and RSS and PSS of each of its kernels, in bytes."""
    memory = ServerMemory(server_rss=rss_bytes(server_id) or 0)
    for kernel in kernel_process_ids(server_id):
        rss, pss = rss_bytes(kernel), pss_bytes(kernel)
        if rss is not None:
            memory.kernel_rss[kernel] = rss
        if pss is not None:
            memory.kernel_pss[kernel] = pss
    return memory


def tree_pss_bytes(process_ids: list[int]) -> int:
    """Memory of a group of processes that share pages (a browser), without counting them twice."""
    return sum(pss_bytes(process_id) or 0 for process_id in process_ids)


def browser_process_ids() -> list[int]:
    """Chromium processes started from this benchmark (through playwright's driver)."""
    return [
        process_id
        for process_id in descendants_of(os.getpid())
        if "chromium" in command_line(process_id).split(" ", 1)[0]
    ]


def harness_cpu_seconds(server_id: int) -> float:
    """CPU used by the benchmark itself: this process and playwright's driver, not the browser
    nor the server (the server is a child of this process too, so its tree is left out)."""
    own = os.times()
    excluded = {server_id, *descendants_of(server_id), *browser_process_ids()}
    helpers = [pid for pid in descendants_of(os.getpid()) if pid not in excluded]
    return own.user + own.system + sum(cpu_seconds(pid) for pid in helpers)


def meminfo_bytes(key: str) -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) * 1024
    raise KeyError(key)


def cpu_times() -> tuple[int, int]:
    """(busy, total) clock ticks of all cores since boot, from /proc/stat's first line."""
    ticks = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = ticks[3] + ticks[4]  # idle and iowait
    return sum(ticks) - idle, sum(ticks)


def busy_fraction(before: tuple[int, int], after: tuple[int, int]) -> float:
    """Share of all cores' time spent busy between two `cpu_times()` readings."""
    total = after[1] - before[1]
    return (after[0] - before[0]) / total if total else 0.0


# --- the machine --------------------------------------------------------------------------------


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def operating_system() -> str:
    with contextlib.suppress(FileNotFoundError):
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                name = line.split("=", 1)[1].strip('"')
                return f"{name}, kernel {platform.release()}"
    return f"{platform.system()} {platform.release()}"


def package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def chromium_version() -> str:
    executable = shutil.which("chromium")
    if executable is None:
        return "not installed"
    # Debian's wrapper script prints a harmless shell warning on stderr: only stdout is kept.
    result = subprocess.run(
        [executable, "--version"], capture_output=True, text=True, timeout=30, check=False
    )
    return result.stdout.strip() or "unknown"


def machine_description() -> dict:
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "ram_gib": round(meminfo_bytes("MemTotal") / GIB, 1),
        "os": operating_system(),
        "python": platform.python_version(),
        "packages": {name: package_version(name) for name in PACKAGES},
        "plotly_js": ", ".join(
            path.name for path in (REPOSITORY_ROOT / "static").glob("plotly*.js")
        ),
        "chromium": chromium_version(),
    }


def machine_line(machine: dict) -> str:
    """One line for a results table: what the figures were measured on."""
    packages = ", ".join(f"{name} {version}" for name, version in machine["packages"].items())
    return (
        f"{machine['cpu']}, {machine['cores']} cores, {machine['ram_gib']} GiB RAM; "
        f"{machine['os']}; Python {machine['python']}; {packages}; "
        f"{machine['plotly_js']}; {machine['chromium']}"
    )
