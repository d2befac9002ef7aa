"""A bounded load test on loopback: N concurrent browser sessions against one standalone voila.

    python bench/load.py --sessions 20 --changes 10

Starts the app the README's way, opens N sessions at once (one headless Chromium, N contexts),
and in each measures the render time (navigation -> concentration shown and plot drawn), then
types `--changes` new doses and measures each response (Enter -> the new concentration in the
page). While all N are still open it samples memory: the voila process, and each kernel.
Every step has a timeout and the whole run a time cap, after which it stops by itself.
Writes bench/results/load-<date>-<N>sessions.json and prints a Markdown table. Linux only.
"""

import argparse
import asyncio
import contextlib
import datetime
import json
import math
import os
import statistics
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Run as a script (`python bench/load.py`), so its own folder is on sys.path.
import common
from playwright.async_api import async_playwright

RESULTS_FOLDER = Path(__file__).resolve().parent / "results"
VIEWPORT = {"width": 1400, "height": 1000}
# The default plan: 1 ug/h on a 0.5 uL/h pump, so a dose of d ug/h needs 2 d mg/mL.
MG_PER_ML_PER_DOSE = 2.0
MACHINE_RAM_GIB = 24
SAMPLE_SECONDS = 1.0
CLOSING_GRACE_SECONDS = 120  # after the cap: sample memory, close N contexts and the browser

# Installed in the page before each change: timestamps the Enter keydown and the moment the
# concentration shows the expected value, both with the page's own clock, so the figure is what a
# user sees and excludes the benchmark's round trips to the browser (which grow under load).
ARM_RESPONSE_PROBE_JS = """expected => {
    const probe = {start: null, end: null};
    window.__loadProbe = probe;
    const shown = () => {
        const element = document.querySelector('.pd-concentration-value');
        if (!element) return false;
        const value = parseFloat(element.dataset.mgPerMl);
        return Math.abs(value - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
    };
    const observer = new MutationObserver(() => {
        if (probe.start !== null && probe.end === null && shown()) {
            probe.end = performance.now();
            observer.disconnect();
        }
    });
    observer.observe(document.body,
        {subtree: true, childList: true, attributes: true, characterData: true});
    document.querySelector('.pd-dose-value input').addEventListener('keydown', event => {
        if (event.key === 'Enter' && probe.start === null) probe.start = performance.now();
    }, {capture: true});
}"""
RESPONSE_DONE_JS = "() => window.__loadProbe && window.__loadProbe.end !== null"
RESPONSE_MS_JS = "() => window.__loadProbe.end - window.__loadProbe.start"
# The other widgets must follow too: the plot (1 ug/h to a 250 g rat = 0.096 mg/kg/day) and the
# address bar. Both are anywidgets, whose front end gives up on a model that takes over 2 s to
# initialize (anywidget 0.11 Runtime) and then drops its updates: a busy CPU can cause that.
PLOT_FOLLOWS_JS = """expected => {
    const plot = document.querySelector('.pd-timecourse-plot .js-plotly-plot');
    return Boolean(plot && plot._fullData && Math.abs(plot._fullData[0].y[0] - expected) < 1e-9);
}"""
ADDRESS_FOLLOWS_JS = """expected => {
    const dose = parseFloat(new URLSearchParams(location.search).get('dose'));
    return Math.abs(dose - expected) < 1e-9;
}"""
PLOTTED_DOSE_PER_DOSE = 0.096
# After a render timeout: how far the page got, to tell a slow page from a stuck one.
PAGE_STATE_JS = """() => {
    const plot = document.querySelector('.pd-timecourse-plot .js-plotly-plot');
    return {
        widgets: document.querySelectorAll('.jupyter-widgets').length,
        concentration: Boolean(document.querySelector('.pd-concentration-value[data-mg-per-ml]')),
        plot_container: Boolean(document.querySelector('.pd-timecourse-plot')),
        plot_drawn: Boolean(plot && plot._fullData && plot._fullData.length),
        plotly_loaded: typeof window.Plotly !== 'undefined',
    };
}"""
# Each poll runs in every waiting page: an interval keeps the benchmark's own CPU use small.
POLLING_MS = 100
PAGE_STATE_SECONDS = 10


@dataclass
class SessionResult:
    index: int
    load_seconds: float | None = None  # navigation -> load event: voila has run the notebook
    render_seconds: float | None = None  # navigation -> interactive (number and plot shown)
    response_ms: list[float] = field(default_factory=list)  # Enter -> value shown, page clock
    driver_response_ms: list[float] = field(default_factory=list)  # the same, seen from Python
    errors: list[str] = field(default_factory=list)
    completed: bool = False


@dataclass
class MemoryPeaks:
    server_rss: int = 0
    kernel_rss_total: int = 0
    kernel_count: int = 0
    lowest_available: int = math.inf


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions")
    parser.add_argument("--changes", type=int, default=10, help="dose changes per session")
    parser.add_argument("--pause", type=float, default=0.5, help="seconds between changes")
    parser.add_argument(
        "--ramp-seconds", type=float, default=0, help="spread the arrivals (0: all at once)"
    )
    parser.add_argument("--render-timeout", type=float, default=300, help="seconds per render")
    parser.add_argument("--change-timeout", type=float, default=60, help="seconds per change")
    parser.add_argument(
        "--time-cap", type=float, default=600, help="seconds for the browser part of the run"
    )
    parser.add_argument(
        "--headroom-gib", type=float, default=2.0, help="RAM kept free for the OS in the estimate"
    )
    parser.add_argument(
        "--no-warmup",
        dest="warmup",
        action="store_false",
        help="skip the first visit that warms the server (first-visit costs in the figures)",
    )
    return parser.parse_args()


def dose_for_change(change: int) -> float:
    """1.1, 1.2, ... 2.0, then again: each differs from the one before (and from 1.0 at start)."""
    return 1 + (change % 10 + 1) / 10


def watch_for_errors(page, result: SessionResult) -> None:
    page.on("pageerror", lambda error: result.errors.append(f"page error: {describe(error)}"))

    def on_console(message) -> None:
        if message.type != "error":
            return
        source = message.location.get("url", "")
        if not common.is_expected_console_error(message.text, source):
            result.errors.append(f"console error: {message.text} ({source})")

    page.on("console", on_console)


async def render(page, url: str, result: SessionResult, timeout_seconds: float) -> None:
    started = time.monotonic()
    await page.goto(url, timeout=timeout_seconds * 1000)
    result.load_seconds = time.monotonic() - started
    remaining = max(1.0, timeout_seconds - result.load_seconds)
    await common.wait_until_interactive(page, remaining * 1000, POLLING_MS)
    result.render_seconds = time.monotonic() - started


async def change_dose(page, dose: float, result: SessionResult, timeout_seconds: float) -> None:
    """Type a dose, press Enter, and time it until the page shows the concentration it implies."""
    await page.evaluate(ARM_RESPONSE_PROBE_JS, dose * MG_PER_ML_PER_DOSE)
    box = page.locator(".pd-dose-value input")
    await box.fill(f"{dose:g}", timeout=timeout_seconds * 1000)
    started = time.monotonic()
    await box.press("Enter", timeout=timeout_seconds * 1000)
    await page.wait_for_function(
        RESPONSE_DONE_JS, timeout=timeout_seconds * 1000, polling=POLLING_MS
    )
    result.driver_response_ms.append((time.monotonic() - started) * 1000)
    result.response_ms.append(await page.evaluate(RESPONSE_MS_JS))


async def run_session(context, url: str, result: SessionResult, arguments) -> None:
    """One user: open the app, then change the dose; the context stays open for the sampling."""
    page = await context.new_page()
    watch_for_errors(page, result)
    try:
        await render(page, url, result, arguments.render_timeout)
    except Exception as error:
        state = await page_state(page)
        result.errors.append(f"render failed: {type(error).__name__}: {first_line(error)}; {state}")
        return
    for change in range(arguments.changes):
        try:
            await change_dose(page, dose_for_change(change), result, arguments.change_timeout)
        except Exception as error:
            result.errors.append(f"change failed: {type(error).__name__}: {first_line(error)}")
            return
        await asyncio.sleep(arguments.pause)
    if arguments.changes:
        await check_widgets_follow(page, dose_for_change(arguments.changes - 1), result, arguments)
    result.completed = True


async def check_widgets_follow(page, dose: float, result: SessionResult, arguments) -> None:
    """After the last change: the plot and the address bar must show the last dose too."""
    checks = (
        ("plot stale", PLOT_FOLLOWS_JS, dose * PLOTTED_DOSE_PER_DOSE),
        ("address bar stale", ADDRESS_FOLLOWS_JS, dose),
    )
    for name, script, expected in checks:
        try:
            await page.wait_for_function(
                script, arg=expected, timeout=arguments.change_timeout * 1000, polling=POLLING_MS
            )
        except Exception as error:
            result.errors.append(f"{name}: {type(error).__name__}: {first_line(error)}")


async def page_state(page) -> str:
    try:
        return str(await asyncio.wait_for(page.evaluate(PAGE_STATE_JS), PAGE_STATE_SECONDS))
    except Exception as error:
        return f"page state unknown ({type(error).__name__})"


def describe(error) -> str:
    """A page error's message and where it was thrown (the first frames of its stack)."""
    frames = [line.strip() for line in (error.stack or "").splitlines()[1:3]]
    return " | ".join([error.message, *frames])[:500]


def first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [""])[0][:120]


@dataclass
class Snapshot:
    """The machine at one moment: memory held now, CPU time used so far."""

    memory: common.ServerMemory
    server_cpu: float
    kernel_cpu: dict[int, float]
    browser_cpu: float
    harness_cpu: float
    browser_pss: int
    available: int
    cpu_ticks: tuple[int, int]
    load_average: float
    taken: float


def take_snapshot(server_id: int) -> Snapshot:
    memory = common.server_memory(server_id)
    browser = common.browser_process_ids()
    return Snapshot(
        memory=memory,
        server_cpu=common.cpu_seconds(server_id),
        kernel_cpu={kernel: common.cpu_seconds(kernel) for kernel in memory.kernel_rss},
        browser_cpu=sum(common.cpu_seconds(process_id) for process_id in browser),
        harness_cpu=common.harness_cpu_seconds(server_id),
        browser_pss=common.tree_pss_bytes(browser),
        available=common.meminfo_bytes("MemAvailable"),
        cpu_ticks=common.cpu_times(),
        load_average=os.getloadavg()[0],
        taken=time.monotonic(),
    )


async def sample_peaks(server_id: int, peaks: MemoryPeaks) -> None:
    """Track the highest memory seen during the run (the final sample may come after a peak)."""
    while True:
        memory = await asyncio.to_thread(common.server_memory, server_id)
        peaks.server_rss = max(peaks.server_rss, memory.server_rss)
        peaks.kernel_rss_total = max(peaks.kernel_rss_total, sum(memory.kernel_rss.values()))
        peaks.kernel_count = max(peaks.kernel_count, len(memory.kernel_rss))
        available = common.meminfo_bytes("MemAvailable")
        peaks.lowest_available = min(peaks.lowest_available, available)
        await asyncio.sleep(SAMPLE_SECONDS)


async def warm_up(browser, url: str, timeout_seconds: float) -> None:
    """One visit first, so the N sessions meet a warm server (cold start is another benchmark)."""
    context = await browser.new_context(viewport=VIEWPORT)
    try:
        page = await context.new_page()
        await page.goto(url, timeout=timeout_seconds * 1000)
        await common.wait_until_interactive(page, timeout_seconds * 1000)
    finally:
        await context.close()


async def arrive(delay_seconds: float, session) -> None:
    """Start a session after a delay: users of a class do not all press Enter in the same second."""
    await asyncio.sleep(delay_seconds)
    await session


async def run_sessions(
    browser, url: str, results: list[SessionResult], arguments, deadline: float
) -> list:
    """Open the sessions (all at once unless ramped); stop whatever still runs at the time cap."""
    contexts = [await browser.new_context(viewport=VIEWPORT) for _ in results]
    spacing = arguments.ramp_seconds / len(results)
    tasks = [
        asyncio.create_task(
            arrive(result.index * spacing, run_session(context, url, result, arguments))
        )
        for context, result in zip(contexts, results, strict=True)
    ]
    _, pending = await asyncio.wait(tasks, timeout=max(1.0, deadline - time.monotonic()))
    for task in pending:
        task.cancel()
    for result, task in zip(results, tasks, strict=True):
        if task in pending:
            result.errors.append(f"stopped at the time cap of {arguments.time_cap:g} s")
    await asyncio.gather(*pending, return_exceptions=True)
    return contexts


async def stop_task(task: asyncio.Task) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def load_test(server: common.VoilaServer, arguments) -> dict:
    server_id = server.process.pid
    deadline = time.monotonic() + arguments.time_cap
    results = [SessionResult(index) for index in range(arguments.sessions)]
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**common.chromium_launch_options())
        try:
            if arguments.warmup:
                timeout = min(arguments.render_timeout, arguments.time_cap)
                await warm_up(browser, server.url, timeout)
            # Closed tabs leave their kernel running (TECH_NOTES): the warm-up's is left out below.
            before = take_snapshot(server_id)
            peaks = MemoryPeaks()
            sampler = asyncio.create_task(sample_peaks(server_id, peaks))
            contexts = await run_sessions(browser, server.url, results, arguments, deadline)
            # All N sessions are still open here: this is what they hold together.
            during = take_snapshot(server_id)
            await stop_task(sampler)
            for context in contexts:
                await context.close()
        finally:
            await browser.close()
    return {"results": results, "before": before, "during": during, "peaks": peaks}


def kernel_cpu_growth(before: Snapshot, during: Snapshot) -> float:
    """CPU seconds the kernels used between two snapshots, counted over all kernels.

    With a preheated pool the sessions take kernels that already existed and the pool starts
    others, so "the new kernels" would not be the sessions' ones; the sum over all is.
    """
    return sum(
        seconds - before.kernel_cpu.get(kernel, 0) for kernel, seconds in during.kernel_cpu.items()
    )


def total_growth(before: dict[int, int], during: dict[int, int]) -> int:
    return sum(during.values()) - sum(before.values())


def session_memory(before: Snapshot, during: Snapshot, sessions: int) -> dict:
    """Memory per session: what the kernels and the server grew by, divided by the sessions."""
    rss, pss = during.memory.kernel_rss, during.memory.kernel_pss
    server_growth = during.memory.server_rss - before.memory.server_rss
    return {
        "kernels_before": len(before.memory.kernel_rss),
        "kernels_during": len(rss),
        # Every kernel runs the same notebook, so the mean over all of them is one session's.
        "kernel_rss_mean": statistics.mean(rss.values()) if rss else None,
        "kernel_rss_max": max(rss.values(), default=None),
        "kernel_pss_mean": statistics.mean(pss.values()) if pss else None,
        # Summed over all kernels, for the same reason as kernel_cpu_growth.
        "kernel_rss_growth_per_session": total_growth(before.memory.kernel_rss, rss) / sessions,
        "kernel_pss_growth_per_session": total_growth(before.memory.kernel_pss, pss) / sessions,
        "server_rss_before": before.memory.server_rss,
        "server_rss_during": during.memory.server_rss,
        "server_growth_per_session": server_growth / sessions,
        "browser_pss_per_session": during.browser_pss / sessions,
        "machine_used_per_session": (before.available - during.available) / sessions,
    }


def cpu_usage(before: Snapshot, during: Snapshot, sessions: int) -> dict:
    """Where the CPU went while the sessions ran: kernels, server, browser, the benchmark."""
    return {
        "wall_seconds": during.taken - before.taken,
        "busy_fraction": common.busy_fraction(before.cpu_ticks, during.cpu_ticks),
        # Other work on the machine skews the figures: a high value here says so.
        "load_average_before": before.load_average,
        "kernel_seconds_per_session": kernel_cpu_growth(before, during) / sessions,
        "server_seconds_per_session": (during.server_cpu - before.server_cpu) / sessions,
        "browser_seconds_per_session": (during.browser_cpu - before.browser_cpu) / sessions,
        "harness_seconds_per_session": (during.harness_cpu - before.harness_cpu) / sessions,
    }


def capacity_estimate(memory: dict, headroom_gib: float) -> dict:
    """Sessions one 24 GiB machine holds by memory: (24 GiB - server - headroom) / per session.

    RSS counts the shared libraries in every kernel, so the RSS figure is the cautious one; PSS
    splits them between the kernels. The browsers are left out: they run on the users' machines.
    """
    budget = MACHINE_RAM_GIB * common.GIB - memory["server_rss_before"] - headroom_gib * common.GIB
    share = max(0.0, memory["server_growth_per_session"])
    estimate = {"budget_bytes": budget, "headroom_gib": headroom_gib}
    for measure in ("rss", "pss"):
        kernel = memory[f"kernel_{measure}_mean"]
        per_session = kernel + share if kernel else None
        estimate[f"per_session_{measure}"] = per_session
        estimate[f"sessions_by_{measure}"] = (
            math.floor(budget / per_session) if per_session else None
        )
    return estimate


def timing_summary(results: list[SessionResult]) -> dict:
    renders = [result.render_seconds for result in results if result.render_seconds is not None]
    loads = [result.load_seconds for result in results if result.load_seconds is not None]
    responses = [value for result in results for value in result.response_ms]
    driver = [value for result in results for value in result.driver_response_ms]
    return {
        "render_n": len(renders),
        "render_median_s": common.percentile(renders, 0.5),
        "render_p95_s": common.percentile(renders, 0.95),
        "render_max_s": max(renders, default=None),
        "load_median_s": common.percentile(loads, 0.5),
        "response_n": len(responses),
        "response_p50_ms": common.percentile(responses, 0.5),
        "response_p95_ms": common.percentile(responses, 0.95),
        "response_max_ms": max(responses, default=None),
        "driver_response_p50_ms": common.percentile(driver, 0.5),
        "driver_response_p95_ms": common.percentile(driver, 0.95),
    }


def error_summary(results: list[SessionResult]) -> dict:
    errors = [error for result in results for error in result.errors]
    kinds: dict[str, int] = {}
    for error in errors:
        kind = error.split(":", 1)[0]
        kinds[kind] = kinds.get(kind, 0) + 1
    return {
        "count": len(errors),
        "sessions_with_errors": sum(1 for result in results if result.errors),
        "sessions_completed": sum(1 for result in results if result.completed),
        "by_kind": kinds,
        "first": errors[:20],
    }


def mib(value: float | None) -> str:
    return "-" if value is None else f"{value / common.MIB:.0f} MiB"


def number(value: float | None, unit: str, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f} {unit}"


def markdown_table(report: dict) -> str:
    lines = ["| measure | value | n |", "|---|---|---|"]
    rows = timing_rows(report) + cpu_rows(report) + memory_rows(report)
    lines += [f"| {measure} | {value} | {count} |" for measure, value, count in rows]
    return "\n".join(lines)


def timing_rows(report: dict) -> list[tuple[str, str, str]]:
    timing, errors, sessions = report["timing"], report["errors"], report["arguments"]["sessions"]
    renders = f"{timing['render_n']} of {sessions} sessions"
    return [
        (
            "render, navigation -> number and plot shown: median / p95",
            f"{number(timing['render_median_s'], 's')} / {number(timing['render_p95_s'], 's')}",
            renders,
        ),
        (
            "of which voila runs the notebook (page load event): median",
            number(timing["load_median_s"], "s"),
            renders,
        ),
        (
            "response, Enter -> new concentration shown: p50 / p95",
            f"{number(timing['response_p50_ms'], 'ms', 0)} / "
            f"{number(timing['response_p95_ms'], 'ms', 0)}",
            f"{timing['response_n']} changes",
        ),
        (
            "errors (sessions affected; sessions that finished)",
            f"{errors['count']} ({errors['sessions_with_errors']}; {errors['sessions_completed']})",
            f"{sessions} sessions",
        ),
    ]


def cpu_rows(report: dict) -> list[tuple[str, str, str]]:
    cpu, sessions = report["cpu"], report["arguments"]["sessions"]
    return [
        (
            "all sessions done, wall clock; CPU busy (load average before)",
            f"{number(cpu['wall_seconds'], 's')}; {cpu['busy_fraction']:.0%} of "
            f"{report['machine']['cores']} cores ({cpu['load_average_before']:.1f})",
            f"{sessions} sessions",
        ),
        (
            "CPU per session: kernel / server / browser / benchmark (last two: test only)",
            f"{number(cpu['kernel_seconds_per_session'], 's')} / "
            f"{number(cpu['server_seconds_per_session'], 's')} / "
            f"{number(cpu['browser_seconds_per_session'], 's')} / "
            f"{number(cpu['harness_seconds_per_session'], 's')}",
            f"{sessions} sessions",
        ),
    ]


def memory_rows(report: dict) -> list[tuple[str, str, str]]:
    memory, capacity = report["memory"], report["capacity"]
    sessions = report["arguments"]["sessions"]
    return [
        (
            "kernel RSS per session: mean (PSS)",
            f"{mib(memory['kernel_rss_mean'])} ({mib(memory['kernel_pss_mean'])})",
            f"{memory['kernels_during']} kernels",
        ),
        (
            "voila server RSS: before -> all open (growth per session)",
            f"{mib(memory['server_rss_before'])} -> {mib(memory['server_rss_during'])} "
            f"({mib(memory['server_growth_per_session'])})",
            f"{sessions} sessions",
        ),
        (
            "browser PSS per session (test only: users bring their own)",
            mib(memory["browser_pss_per_session"]),
            f"{sessions} contexts",
        ),
        (
            f"sessions per {MACHINE_RAM_GIB} GiB by memory, RSS (PSS)",
            f"{capacity['sessions_by_rss']} ({capacity['sessions_by_pss']})",
            f"{capacity['headroom_gib']:g} GiB headroom",
        ),
    ]


def to_json(value):
    """JSON for the report: dataclasses as dicts, infinities as null."""
    if isinstance(value, float) and math.isinf(value):
        return None
    if hasattr(value, "__dataclass_fields__"):
        return to_json(asdict(value))
    if isinstance(value, dict):
        return {str(key): to_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    return value


def build_report(run: dict, arguments, machine: dict) -> dict:
    before, during, sessions = run["before"], run["during"], arguments.sessions
    memory = session_memory(before, during, sessions)
    return {
        "date": datetime.date.today().isoformat(),
        "machine": machine,
        "arguments": vars(arguments),
        "timing": timing_summary(run["results"]),
        "errors": error_summary(run["results"]),
        "cpu": cpu_usage(before, during, sessions),
        "memory": memory,
        "capacity": capacity_estimate(memory, arguments.headroom_gib),
        "peaks": run["peaks"],
        "sessions": run["results"],
    }


def write_report(report: dict) -> Path:
    RESULTS_FOLDER.mkdir(exist_ok=True)
    arguments = report["arguments"]
    ramp = f"-ramp{arguments['ramp_seconds']:g}s" if arguments["ramp_seconds"] else ""
    path = RESULTS_FOLDER / f"load-{report['date']}-{arguments['sessions']}sessions{ramp}.json"
    path.write_text(json.dumps(to_json(report), indent=2) + "\n")
    return path


async def capped(work, time_cap: float):
    """A last resort: the sessions stop at the cap; this catches a hang in sampling or closing."""
    try:
        return await asyncio.wait_for(work, timeout=time_cap + CLOSING_GRACE_SECONDS)
    except TimeoutError:
        raise SystemExit(f"load test hung past its cap of {time_cap:g} s; no report") from None


def main() -> None:
    arguments = parse_arguments()
    machine = common.machine_description()
    print(f"Machine: {common.machine_line(machine)}", flush=True)
    with common.running_voila() as server:
        run = asyncio.run(capped(load_test(server, arguments), arguments.time_cap))
    report = build_report(run, arguments, machine)
    path = write_report(report)
    print(f"\n{arguments.sessions} sessions x {arguments.changes} changes, {report['date']}\n")
    print(markdown_table(report))
    if report["errors"]["count"]:
        print("\nErrors by kind:", report["errors"]["by_kind"])
        for error in report["errors"]["first"][:5]:
            print(f"  {error}")
    print(f"\nWritten: {path.relative_to(common.REPOSITORY_ROOT)}")


if __name__ == "__main__":
    main()
