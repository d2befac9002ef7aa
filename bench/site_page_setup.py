"""The static site's own page work before the kernel: two built sites in turns, each visit stopped
once the page has made the kernel's worker (the rest, in the worker, is the same for both).

    .venv/bin/python bench/site_page_setup.py --site ../site-wait --before ../site-main --visits 20

Reports per site, median and p95 (n), in seconds since navigation start: DOMContentLoaded, the
first contentful paint and the kernel worker's creation (bench/site_timeline.js). Each site has
its own browser profile, warmed by one whole visit, so every measured visit is a later visit; the
order alternates each round. Used for issue 29's wait (bench/README.md).
"""

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import site_timeline  # noqa: E402
from bench.common import chromium_launch_options  # noqa: E402
from bench.perf import summary  # noqa: E402
from bench.static_site import TIMEOUT_MS, serving_site  # noqa: E402

HAS_MARK_JS = "(name) => window.__siteTimeline.some((mark) => mark[0] === name)"
MARKS_JS = """() => ({
  dom_content_loaded_s: performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd,
  first_paint_s: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
  kernel_worker_created_s: window.__siteTimeline.find((m) => m[0] === "kernel worker created")[1],
})"""


def warmed_profile(playwright, url: str):
    context = playwright.chromium.launch_persistent_context(
        tempfile.mkdtemp(), **chromium_launch_options()
    )
    context.add_init_script(path=site_timeline.INIT_SCRIPT)
    page = context.new_page()
    page.goto(url, timeout=TIMEOUT_MS)
    page.wait_for_function(HAS_MARK_JS, arg="kernel ready", timeout=TIMEOUT_MS)
    page.close()
    return context


def page_marks(context, url: str) -> dict:
    page = context.new_page()
    page.goto(url, timeout=TIMEOUT_MS)
    page.wait_for_function(HAS_MARK_JS, arg="kernel worker created", timeout=TIMEOUT_MS)
    marks = {name: ms / 1000 for name, ms in page.evaluate(MARKS_JS).items()}
    page.close()
    return marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--visits", type=int, default=20)
    arguments = parser.parse_args()
    sites = {"site": arguments.site, "before": arguments.before}
    values = {name: {} for name in sites}
    with (
        serving_site(sites["site"]) as site,
        serving_site(sites["before"]) as before,
        sync_playwright() as playwright,
    ):
        urls = {"site": site.url, "before": before.url}
        contexts = {name: warmed_profile(playwright, urls[name]) for name in sites}
        for visit in range(arguments.visits):
            for name in ("site", "before") if visit % 2 == 0 else ("before", "site"):
                for mark, seconds in page_marks(contexts[name], urls[name]).items():
                    values[name].setdefault(mark, []).append(seconds)
        for context in contexts.values():
            context.close()
    for name in sites:
        for mark, seconds in values[name].items():
            result = summary(seconds)
            print(f"{name} {mark}: {result['median']:.3f} / {result['p95']:.3f} s ({result['n']})")


if __name__ == "__main__":
    main()
