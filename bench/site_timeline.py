"""Where a static-site visit's time goes: marks in seconds since the page's navigation started.

The page's marks come from site_timeline.js (an init script: the kernel worker created, the kernel
ready, each notebook cell done, the concentration shown, the plot drawn); the page's own loading
from its Navigation Timing; Pyodide's start-up from the kernel worker's Resource Timing (the files
it fetches, read once the page is interactive), put on the page's clock by the two time origins.
"""

import statistics
from pathlib import Path

from bench.perf import percentile

INIT_SCRIPT = Path(__file__).with_name("site_timeline.js")
KERNEL_WORKER = "pyodide-kernel-extension"
CORE = ("pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
WAIT_FOR_LAST_MARK_MS = 5_000

PAGE_MARKS_JS = """() => {
    const navigation = performance.getEntriesByType("navigation")[0];
    return {
        origin: performance.timeOrigin,
        marks: [
            ["page fetched", navigation.responseEnd],
            ["page scripts run (DOMContentLoaded)", navigation.domContentLoadedEventEnd],
            ...window.__siteTimeline,
        ],
    };
}"""
WORKER_FILES_JS = """() => ({
    origin: performance.timeOrigin,
    files: performance.getEntriesByType("resource").map(
        (entry) => [entry.name.split("?")[0], entry.startTime, entry.responseEnd]),
})"""


def _worker_marks(files: list) -> list[tuple[str, float]]:
    """Pyodide's steps, told apart by what the worker fetches (ms on the worker's clock)."""
    core = [end for name, _, end in files if name.endswith(CORE)]
    wheels = [
        (start, end)
        for name, start, end in files
        if "/static/pyodide/" in name and not name.endswith(CORE)
    ]
    own = [start for name, start, _ in files if "/static/pypi/" in name]
    marks = []
    if core:
        marks.append(("Pyodide's core fetched (wasm, stdlib, lock)", max(core)))
    if wheels:
        marks.append(("packages requested", min(s for s, _ in wheels)))
        marks.append(
            ("packages fetched (then unpacked, Python started)", max(e for _, e in wheels))
        )
    if own:  # only when the kernel installs its own wheels through micropip (before issue 28)
        marks.append(("Pyodide and packages loaded; micropip installs the kernel", min(own)))
    return marks


def visit_timeline(page) -> list[tuple[str, float]]:
    """The marks of the visit in `page` (interactive already), sorted, in seconds."""
    page.wait_for_function(
        "() => window.__siteTimeline.some(([name]) => name === 'plot drawn')",
        timeout=WAIT_FOR_LAST_MARK_MS,
    )
    seen = page.evaluate(PAGE_MARKS_JS)
    marks = list(map(tuple, seen["marks"]))
    worker = next((w for w in page.workers if KERNEL_WORKER in w.url), None)
    if worker is not None:
        fetched = worker.evaluate(WORKER_FILES_JS)
        offset = fetched["origin"] - seen["origin"]
        marks += [(name, at + offset) for name, at in _worker_marks(fetched["files"])]
    return sorted(((name, at / 1000) for name, at in marks), key=lambda mark: mark[1])


def summarise(timelines: list[list[tuple[str, float]]]) -> list[dict]:
    """Each mark's median and p95 over the visits, in the order of the medians."""
    seconds: dict[str, list[float]] = {}
    for timeline in timelines:
        for name, at in timeline:
            seconds.setdefault(name, []).append(at)
    rows = [
        {
            "mark": name,
            "n": len(values),
            "median": statistics.median(values),
            "p95": percentile(values, 0.95),
        }
        for name, values in seconds.items()
    ]
    return sorted(rows, key=lambda row: row["median"])


def markdown(rows: list[dict]) -> str:
    lines = [
        "| mark (s since navigation start) | n | median | p95 | step (median) |",
        "|---|---|---|---|---|",
    ]
    previous = 0.0
    for row in rows:
        step = row["median"] - previous
        previous = row["median"]
        lines.append(
            f"| {row['mark']} | {row['n']} | {row['median']:.2f} | {row['p95']:.2f} | +{step:.2f} |"
        )
    return "\n".join(lines)
