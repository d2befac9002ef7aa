"""The static site measured as a visitor meets it, beside the Voila server in the same run.

    make site && .venv/bin/python bench/static_site.py --label issue18
    .venv/bin/python bench/static_site.py --smoke --output /tmp/site.json   # CI: does it run at all

    .venv/bin/python bench/static_site.py --no-voila --before /tmp/main-site  # this site and main's

Reports, with n: a first visit to interactive (a new browser profile: nothing cached) and a later
visit (the same profile, a new tab), the bytes a first visit fetches (as served, and gzipped as a
static host would send them), input -> concentration and input -> plot (timed in the page, as
bench/perf.py does for Voila), and the browser's memory (PSS of its processes). The site is served
by Python's http.server on 127.0.0.1, which sends Last-Modified and answers 304 to a revalidation.
Each later visit's timeline (bench/site_timeline.py) says where its time goes. With --before, two
sites are measured in turn, round after round (--first-visits rounds), so both meet the same load.
"""

import argparse
import contextlib
import functools
import gzip
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import site_timeline  # noqa: E402
from bench.common import (  # noqa: E402
    MIB,
    browser_process_ids,
    chromium_launch_options,
    machine_description,
    tree_pss_bytes,
    wait_until_interactive,
)
from bench.perf import input_latencies, measure_server, summary, write_results  # noqa: E402

SITE = Path(__file__).resolve().parent.parent / "_site"
PAGE = "voici/render/dashboard.html"
TIMEOUT_MS = 180_000


@dataclass
class SiteServer:
    url: str  # the app's page
    root: str  # the site's address, to tell its requests from any other
    directory: Path
    requests: list[tuple[str, int]] = field(default_factory=list)  # (path, status)

    def bytes_sent(self, since: int = 0) -> tuple[int, int]:
        """Bytes of the files answered 200 since request number `since`: raw and gzipped."""
        raw = zipped = 0
        for path, status in self.requests[since:]:
            if status != 200:
                continue
            file = self.directory / path.split("?")[0].lstrip("/")
            if file.is_dir():
                file = file / "index.html"
            data = file.read_bytes()
            raw, zipped = raw + len(data), zipped + len(gzip.compress(data, 6))
        return raw, zipped


class _Handler(SimpleHTTPRequestHandler):
    def log_request(self, code="-", size="-"):
        self.server.site.requests.append((self.path, int(code)))

    def log_message(self, format, *arguments):  # quiet: the requests are kept above
        pass


@contextlib.contextmanager
def serving_site(directory: Path = SITE):
    """The built site on a free port of 127.0.0.1, in a thread of this process."""
    if not (directory / PAGE).exists():
        raise RuntimeError(f"{directory} has no {PAGE}: run `make site` first")
    handler = functools.partial(_Handler, directory=str(directory))
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        root = f"http://127.0.0.1:{server.server_port}/"
        server.site = SiteServer(root + PAGE, root, directory)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield server.site
        finally:
            server.shutdown()


def timed_visit(context, url: str) -> tuple[float, object]:
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url, timeout=TIMEOUT_MS)
    wait_until_interactive(page, TIMEOUT_MS)
    return time.perf_counter() - started, page


@dataclass
class SiteFigures:
    """What one site gave over the rounds."""

    first: list[float] = field(default_factory=list)
    later: list[float] = field(default_factory=list)
    raw_mib: list[float] = field(default_factory=list)
    zipped_mib: list[float] = field(default_factory=list)
    later_timelines: list = field(default_factory=list)
    latencies: dict = field(default_factory=dict)
    memory_mib: float = 0.0


def one_profile(playwright, profile: str, site: SiteServer, figures: SiteFigures, later: int):
    """A first visit in a new browser profile, then later visits in it; returns the context."""
    context = playwright.chromium.launch_persistent_context(profile, **chromium_launch_options())
    context.add_init_script(path=site_timeline.INIT_SCRIPT)
    before = len(site.requests)
    seconds, page = timed_visit(context, site.url)
    figures.first.append(seconds)
    page.wait_for_timeout(1000)  # what the page still fetches once interactive
    raw, zipped = site.bytes_sent(before)
    figures.raw_mib.append(raw / MIB)
    figures.zipped_mib.append(zipped / MIB)
    page.close()
    for _ in range(later):
        seconds, page = timed_visit(context, site.url)
        figures.later.append(seconds)
        figures.later_timelines.append(site_timeline.visit_timeline(page))
        page.close()
    return context


def measure_sites(directories: list[Path], rounds: int, later_visits: int, changes: int) -> list:
    """Each site in turn, round after round (A, B, A, B...), so the machine's load falls on all."""
    figures = [SiteFigures() for _ in directories]
    with contextlib.ExitStack() as stack, sync_playwright() as playwright:
        sites = [stack.enter_context(serving_site(directory)) for directory in directories]
        for round_number in range(rounds):
            for site, found in zip(sites, figures, strict=True):
                profile = stack.enter_context(tempfile.TemporaryDirectory())
                context = one_profile(playwright, profile, site, found, later_visits)
                if round_number == rounds - 1:  # input latencies and memory: once per site
                    _seconds, page = timed_visit(context, site.url)
                    found.latencies = input_latencies(page, {"bytes": 0}, changes)
                    found.latencies.pop("websocket_bytes_per_change")  # the kernel is in the page
                    found.memory_mib = tree_pss_bytes(browser_process_ids()) / MIB
                context.close()
    return figures


def site_results(figures: SiteFigures, prefix: str) -> dict:
    return {
        f"{prefix}first_visit_s": summary(figures.first),
        f"{prefix}later_visit_s": summary(figures.later),
        f"{prefix}first_visit_mib": summary(figures.raw_mib),
        f"{prefix}first_visit_gzipped_mib": summary(figures.zipped_mib),
        **{f"{prefix}{name}": value for name, value in figures.latencies.items()},
        f"{prefix}browser_pss_mib": figures.memory_mib,
        f"{prefix}later_visit_timeline": site_timeline.summarise(figures.later_timelines),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--first-visits", type=int, default=3)
    parser.add_argument("--later-visits", type=int, default=5)
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--no-voila", action="store_true", help="the site alone")
    parser.add_argument("--site", type=Path, default=SITE, help="a built site (default _site/)")
    parser.add_argument(
        "--before", type=Path, help="another built site, measured in turn with --site (before_*)"
    )
    parser.add_argument("--smoke", action="store_true", help="one of each: does it run")
    parser.add_argument("--label", default="")
    parser.add_argument("--output", type=Path)
    arguments = parser.parse_args()
    if arguments.smoke:
        arguments.first_visits, arguments.later_visits, arguments.changes = 1, 1, 2
        arguments.no_voila = True
    directories = [arguments.site, *([arguments.before] if arguments.before else [])]
    figures = measure_sites(
        directories, arguments.first_visits, arguments.later_visits, arguments.changes
    )
    results = site_results(figures[0], "site_")
    if arguments.before:
        results |= site_results(figures[1], "before_site_")
    if not arguments.no_voila:
        voila = measure_server(arguments.later_visits, arguments.changes)
        results |= {f"voila_{name}": value for name, value in voila.items()}
    write_results("site", arguments, machine_description(), results)
    for name, rows in results.items():
        if name.endswith("later_visit_timeline"):
            print(f"\n{name}\n{site_timeline.markdown(rows)}")


if __name__ == "__main__":
    main()
