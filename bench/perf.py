"""Performance of the app, measured the way a scientist meets it.

    .venv/bin/python bench/perf.py            # after `make test` has set up .venv
    /tmp/venv/bin/python bench/perf.py --visits 30 --changes 30 --cold 5
    .venv/bin/python bench/perf.py --smoke --output /tmp/perf.json   # CI: does it run at all
    .venv/bin/python bench/perf.py --server-extension    # the Binder path: Jupyter Server + Voila

Reports, with n: cold start to interactive (server process start -> concentration shown and plot
drawn), a later visit to interactive (warm server, new browser context), input -> concentration
and input -> plot (keypress to the page changing, timed in the page), websocket bytes per page
view and per input change, the widget models a page view fetches (the widget manager asks for
them all in one message), kernel and server memory, and `evaluate()` in-process. Writes
bench/results/perf-<date>[-<label>].json and prints a Markdown table and the machine.
"""

import argparse
import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    MIB,
    chromium_launch_options,
    machine_description,
    machine_line,
    percentile,
    running_voila,
    server_memory,
    wait_until_interactive,
)

# Public names only, so the same script measures an earlier commit of the app too.
from lib import Animal, Cohort, Plan, evaluate, evaluate_cohort, load_pump_catalog  # noqa: E402

try:
    from lib import rank_pumps  # noqa: E402
except ImportError:  # before lib/ became packages (commit 72d0a49 and earlier)
    from lib.advisor import rank_pumps  # noqa: E402

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
RESULTS = REPOSITORY_ROOT / "bench" / "results"
TIMEOUT_MS = 120_000
# In the page: time from the Enter that sends a typed dose to the number and the plot changing.
# The number is the result summary's first change (.pd-results: the panel in every version; its
# parts are redrawn whole, so an element inside it may be replaced rather than changed).
TIMING_JS = """() => {
  window.pdTiming = {};
  const box = document.querySelector('.pd-dose-value input');
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') window.pdTiming = { start: performance.now() };
  }, true);
  new MutationObserver(() => {
    if (window.pdTiming.start && !window.pdTiming.concentration)
      window.pdTiming.concentration = performance.now() - window.pdTiming.start;
  }).observe(document.querySelector('.pd-results'), {subtree: true, childList: true,
                                                      characterData: true, attributes: true});
  document.querySelector('.pd-timecourse-plot .js-plotly-plot').on('plotly_afterplot', () => {
    if (window.pdTiming.start && !window.pdTiming.plot)
      window.pdTiming.plot = performance.now() - window.pdTiming.start;
  });
}"""


def summary(values: list[float]) -> dict:
    return {
        "n": len(values),
        "median": statistics.median(values) if values else None,
        "p95": percentile(values, 0.95),
        "values": values,  # so that runs interleaved with another's can be pooled
    }


def count_websocket_bytes(page, totals: dict) -> None:
    """Add every websocket frame's size to ``totals['bytes']`` (both directions), and the widget
    models the page fetched to ``totals['models']``."""

    def on_received(payload) -> None:
        on_frame(payload)
        if isinstance(payload, bytes) and b"update_states" in payload:
            totals["models"] = totals.get("models", 0) + widget_models_in(payload)

    def on_frame(payload) -> None:
        totals["bytes"] += len(payload if isinstance(payload, bytes | str) else b"")

    def on_socket(socket):
        socket.on("framereceived", on_received)
        socket.on("framesent", on_frame)

    page.on("websocket", on_socket)


def widget_models_in(frame: bytes) -> int:
    """How many widget models a message of the widget manager's boot carries: the kernel answers
    its ``request_states`` with one ``update_states`` message holding every model's state. The
    frame is Jupyter's binary websocket protocol (v1): a count, offsets, then channel, header,
    parent header, metadata, content and buffers."""
    count = int.from_bytes(frame[:8], "little")
    offsets = [int.from_bytes(frame[8 * (1 + i) : 8 * (2 + i)], "little") for i in range(count)]
    content = json.loads(frame[offsets[4] : offsets[5] if count > 5 else len(frame)])
    data = content.get("data", {})
    return len(data.get("states", {})) if data.get("method") == "update_states" else 0


def visit(browser, url: str) -> tuple[float, int, object]:
    """A visit in a new context: seconds to interactive, websocket bytes so far, the page."""
    context = browser.new_context()
    page = context.new_page()
    totals = {"bytes": 0}
    count_websocket_bytes(page, totals)
    started = time.perf_counter()
    page.goto(url, timeout=TIMEOUT_MS)
    wait_until_interactive(page, TIMEOUT_MS)
    seconds = time.perf_counter() - started
    page.wait_for_timeout(500)  # let the last comm messages of the page view arrive
    return seconds, totals, page


def input_latencies(page, totals: dict, changes: int) -> dict:
    """Type ``changes`` doses; return keypress->number and keypress->plot times and bytes."""
    page.evaluate(TIMING_JS)
    to_number, to_plot, bytes_per_change = [], [], []
    for index in range(changes):
        dose = f"{1 + (index + 1) / 100:.2f}"
        before = totals["bytes"]
        box = page.locator(".pd-dose-value input")
        box.fill(dose)
        box.press("Enter")
        page.wait_for_function(
            "window.pdTiming.concentration && window.pdTiming.plot", timeout=TIMEOUT_MS
        )
        timing = page.evaluate("window.pdTiming")
        to_number.append(timing["concentration"])
        to_plot.append(timing["plot"])
        page.wait_for_timeout(300)  # the rest of the change's messages
        bytes_per_change.append(totals["bytes"] - before)
    return {
        "input_to_concentration_ms": summary(to_number),
        "input_to_plot_ms": summary(to_plot),
        "websocket_bytes_per_change": summary(bytes_per_change),
    }


def measure_server(
    visits: int,
    changes: int,
    extra_arguments=(),
    server_extension=False,
    interval_s=0.0,
    app_root=REPOSITORY_ROOT,
) -> dict:
    """Warm visits (``interval_s`` of idle server between them), input latencies and memory."""
    serving = running_voila(tuple(extra_arguments), server_extension, app_root)
    with serving as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(**chromium_launch_options())
        visit(browser, server.url)[2].context.close()  # warm the server and the browser cache
        time.sleep(interval_s)  # each measured visit after the same idle time
        seconds, view_bytes, models = [], [], []
        for _ in range(visits):
            elapsed, totals, page = visit(browser, server.url)
            seconds.append(elapsed)
            view_bytes.append(totals["bytes"])
            models.append(totals.get("models", 0))
            page.context.close()
            time.sleep(interval_s)
        elapsed, totals, page = visit(browser, server.url)
        latencies = input_latencies(page, totals, changes)
        memory = server_memory(server.process.pid)
        browser.close()
    return {
        "warm_visit_s": summary(seconds),
        "websocket_bytes_per_view": summary(view_bytes),
        "widget_models_per_view": summary(models),
        **latencies,
        "kernel_rss_mib": summary([rss / MIB for rss in memory.kernel_rss.values()]),
        "server_rss_mib": memory.server_rss / MIB,
    }


def measure_cold_starts(
    runs: int, extra_arguments=(), server_extension=False, app_root=REPOSITORY_ROOT
) -> dict:
    """Server process start to an interactive first page, a new server each time."""
    seconds = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**chromium_launch_options())
        for _ in range(runs):
            started = time.perf_counter()
            with running_voila(tuple(extra_arguments), server_extension, app_root) as server:
                page = browser.new_context().new_page()
                page.goto(server.url, timeout=TIMEOUT_MS)
                wait_until_interactive(page, TIMEOUT_MS)
                seconds.append(time.perf_counter() - started)
                page.context.close()
        browser.close()
    return {"cold_start_s": summary(seconds)}


def measure_evaluate(runs: int) -> dict:
    """evaluate() and the advisor in-process, each call on an animal not seen before (no cache)."""
    catalog = load_pump_catalog()
    growing = dict(
        dose=7.2,
        dose_unit="mg/kg/day",
        body_weight_g=100.0,
        growth_model="preset",
        growth_preset="wistar_male_juvenile",
        age_at_implant_days=28.0,
        study_days=56.0,
        pump_model="2004",
        design_weight="mean",
    )
    results = {}
    for name, fields in (("default", {}), ("growing_rat_two_pumps", growing)):
        evaluate_ms, refresh_ms = [], []
        for index in range(runs):
            # A new weight each call: no cache (of plans or of weight curves) helps.
            weight = fields.get("body_weight_g", 250.0) + index * 1e-6
            plan = Plan(**{**fields, "body_weight_g": weight})
            started = time.perf_counter()
            evaluation = evaluate(plan, catalog)
            evaluate_ms.append((time.perf_counter() - started) * 1000)
            # The advisor's table: judged inside evaluate() since it carries it, else anew.
            if hasattr(type(evaluation), "advisor_table"):  # on the class: not built twice
                table = evaluation.advisor_table  # noqa: F841 (built, as the page builds it)
            else:
                rank_pumps(plan, catalog)
            refresh_ms.append((time.perf_counter() - started) * 1000)
        results[f"evaluate_ms_{name}"] = summary(evaluate_ms)
        results[f"evaluate_and_advisor_ms_{name}"] = summary(refresh_ms)
    return results


def notebook_app():
    """The dashboard as the notebook builds it, in this process: every cell run, the last one
    (the app) evaluated. Widgets without a front end send nothing, so a change costs what it
    costs the kernel."""
    notebook = json.loads((REPOSITORY_ROOT / "dashboard.ipynb").read_text())
    cells = ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]
    namespace: dict = {}
    for source in cells[:-1]:
        exec(source, namespace)
    return eval(cells[-1], namespace)


def measure_refresh(runs: int) -> dict:
    """Kernel time of one input change, the whole refresh (read, evaluate, render every panel)
    with a 10-rat cohort: a typed dose that differs each time. Two plans: the brief's, and one
    with conflicts whose findings each suggest other pumps (SC baclofen 5 mg/kg/day to a 300 g
    rat in saline for 28 days: above the solubility on every model that lasts)."""
    app = notebook_app()
    app.cohort.animals.value = "\n".join(f"R{n}\tall\t{240 + n}" for n in range(10))
    conflicts = Plan(
        dose=5.0, dose_unit="mg/kg/day", route="sc", vehicle="saline", body_weight_g=300.0,
        study_days=28.0,
    )  # fmt: skip
    results = {}
    for name, plan in (("default", Plan()), ("conflicts", conflicts)):
        app.inputs.value = plan
        milliseconds = []
        for index in range(runs):
            started = time.perf_counter()
            app.inputs.dose.value = plan.dose + (index + 1) / 1000
            milliseconds.append((time.perf_counter() - started) * 1000)
        results[f"kernel_ms_per_change_{name}"] = summary(milliseconds)
    return results


def measure_cohort(runs: int, animals: int = 1000) -> dict:
    """A cohort of 1,000 rats in 4 groups, evaluated whole (the plan too), per group and per
    animal; each run a new dose, so no cache helps."""
    catalog = load_pump_catalog()
    cohort_animals = tuple(
        Animal(f"R{number:04d}", f"group {number % 4}", 200.0 + (number * 37) % 150)
        for number in range(animals)
    )
    results = {}
    for mode in ("group", "animal"):
        cohort, milliseconds = Cohort(animals=cohort_animals, concentration_mode=mode), []
        for index in range(runs):
            plan = Plan(dose=0.048 + index * 1e-6, dose_unit="mg/kg/day")
            started = time.perf_counter()
            evaluate_cohort(plan, cohort, catalog)
            milliseconds.append((time.perf_counter() - started) * 1000)
        results[f"cohort_{animals}_animals_ms_per_{mode}"] = summary(milliseconds)
    return results


def markdown(results: dict) -> str:
    rows = ["| measure | n | median | p95 |", "|---|---|---|---|"]
    for name, value in results.items():
        if isinstance(value, dict) and "median" in value and value["median"] is not None:
            p95 = f"{value['p95']:.3g}" if value["p95"] is not None else ""
            rows.append(f"| {name} | {value['n']} | {value['median']:.3g} | {p95} |")
        elif isinstance(value, float):
            rows.append(f"| {name} | 1 | {value:.3g} | |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=30)
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--cold", type=int, default=5, help="cold starts (a new server each)")
    parser.add_argument("--evaluations", type=int, default=1000)
    parser.add_argument("--cohorts", type=int, default=30, help="1,000-animal cohort runs")
    parser.add_argument("--label", default="", help="added to the results file name")
    parser.add_argument(
        "--server-only",
        action="store_true",
        help="only what the served app gives (visits, latencies, bytes, models, memory): no "
        "in-process figures, which are this checkout's whatever --app serves",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="a short run that only checks the benchmark works (CI): n of 2 or 3, figures "
        "meaningless, results written to --output only",
    )
    parser.add_argument("--output", type=Path, help="write the results JSON here instead")
    parser.add_argument(
        "--server-extension",
        action="store_true",
        help="serve through Jupyter Server's Voila extension (the Binder path), not standalone",
    )
    parser.add_argument(
        "--visit-interval",
        type=float,
        default=0.0,
        help="seconds the server idles between later visits (0: back to back); a preheated "
        "pool (--preheat_kernel=True) refills in these",
    )
    parser.add_argument(
        "--app",
        type=Path,
        default=REPOSITORY_ROOT,
        help="the checkout whose app is served (a worktree of another commit); the in-process "
        "figures are this checkout's",
    )
    parser.add_argument("voila_arguments", nargs="*", help="extra arguments for voila")
    arguments = parser.parse_args()
    if arguments.smoke:
        arguments.visits = arguments.changes = arguments.cohorts = 2
        arguments.cold, arguments.evaluations = 1, 3
    machine = machine_description()
    in_process = {} if arguments.server_only else {
        **measure_evaluate(arguments.evaluations),
        **measure_refresh(arguments.changes * 5),
        **measure_cohort(arguments.cohorts),
    }  # fmt: skip
    results = {
        **in_process,
        **measure_cold_starts(
            arguments.cold, arguments.voila_arguments, arguments.server_extension, arguments.app
        ),
        **measure_server(
            arguments.visits,
            arguments.changes,
            arguments.voila_arguments,
            arguments.server_extension,
            arguments.visit_interval,
            arguments.app,
        ),
    }
    write_results("perf", arguments, machine, results)


def write_results(kind: str, arguments, machine: dict, results: dict) -> None:
    """bench/results/<kind>-<date>[-<label>].json (or --output), and the table printed."""
    RESULTS.mkdir(exist_ok=True)
    suffix = f"-{arguments.label}" if arguments.label else ""
    path = arguments.output or RESULTS / f"{kind}-{date.today().isoformat()}{suffix}.json"
    path.write_text(json.dumps({"machine": machine, "results": results}, indent=2) + "\n")
    print(machine_line(machine))
    print(markdown(results))
    print(f"written to {path}")


if __name__ == "__main__":
    main()
