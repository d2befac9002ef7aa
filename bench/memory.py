"""Kernel memory after the largest inputs the app accepts, and after a stretch of use.

    .venv/bin/python bench/memory.py                 # the largest paste and file, 10 minutes of use
    .venv/bin/python bench/memory.py --smoke --output /tmp/memory.json    # CI: does it run

One session of the app in Debian's headless Chromium, its kernel's RSS read from /proc at each
step: the page loaded; 5,000 animals pasted (the table's limit) and the table cleared; the
largest study file the app saves (5,000 animals, one solution each, 4 pumps: 20,000 rows of
results) opened and the default plan opened again; then doses typed for ``--minutes``. The
target (issue 19): after the largest input is cleared, the kernel is back within 20 MB of where
it started.
"""

import argparse
import json
import random
import sys
import tempfile
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
    running_voila,
    server_memory,
    wait_until_interactive,
)
from lib import Animal, Cohort, Plan, plan_to_json  # noqa: E402
from lib.documents.study import study_to_json  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
TIMEOUT_MS = 120_000
LARGEST_TABLE = "\n".join(f"R{n:04d}\tgroup {n % 4}\t{200 + n % 150}.5" for n in range(5000))


def kernel_mib(server) -> float:
    (rss,) = server_memory(server.process.pid).kernel_rss.values()  # one session, one kernel
    return rss / MIB


PASTE_JS = """(text) => {
  const box = document.querySelector('.pd-cohort-animals textarea');
  box.value = text;
  box.dispatchEvent(new Event('input'));
  box.dispatchEvent(new Event('change'));
}"""


def paste(page, text: str) -> None:
    """What a paste and leaving the box do (playwright's fill of 100 KB takes minutes)."""
    page.evaluate(PASTE_JS, text)


def open_file(page, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.click(".pd-import")
    chooser.value.set_files(str(path))
    page.locator(".pd-import-message").filter(has_text=f"Opened {path.name}").wait_for()


def largest_study_file(folder: Path) -> Path:
    animals = tuple(Animal(f"R{n:04d}", f"g{n % 4}", 200.0 + n * 0.01) for n in range(5000))
    cohort = Cohort(animals=animals, concentration_mode="animal")
    plan = Plan(dose=0.5, dose_unit="mg/kg/day", study_days=56, pump_model="2002")
    path = folder / "largest-study.json"
    path.write_text(study_to_json(plan, cohort), encoding="utf-8")
    return path


def measure(minutes: float) -> dict:
    steps: dict[str, float] = {}
    # No pool: one session, one kernel. voila.json's preheated kernel is the next visitor's, and
    # its memory is not this session's.
    without_pool = ("--preheat_kernel=False",)
    with tempfile.TemporaryDirectory() as folder, running_voila(without_pool) as server:
        largest = largest_study_file(Path(folder))
        default = Path(folder) / "default-plan.json"
        default.write_text(plan_to_json(Plan()), encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**chromium_launch_options())
            page = browser.new_page()
            page.goto(server.url, timeout=TIMEOUT_MS)
            wait_until_interactive(page, TIMEOUT_MS)
            page.wait_for_timeout(1000)
            steps["start"] = kernel_mib(server)
            paste(page, LARGEST_TABLE)
            rows = page.locator(".pd-cohort-table").filter(has_text="and 4800 more rows")
            rows.wait_for(timeout=TIMEOUT_MS)
            steps["after pasting 5,000 animals"] = kernel_mib(server)
            paste(page, "")
            page.wait_for_timeout(2500)
            steps["after clearing the table"] = kernel_mib(server)
            open_file(page, largest)
            steps[
                f"after opening the largest study file ({largest.stat().st_size / 1e6:.1f} MB)"
            ] = kernel_mib(server)
            open_file(page, default)
            page.wait_for_timeout(2500)  # the kernel frees a large input's memory after 1 s
            steps["after opening the default plan again"] = kernel_mib(server)
            steps[f"after {minutes:g} minutes of typed doses"] = use(page, server, minutes)
            browser.close()
    return {
        "kernel_rss_mib": steps,
        "back_within_mib_of_start": steps["after opening the default plan again"] - steps["start"],
    }


def use(page, server, minutes: float) -> float:
    """Type a new dose about once a second, as a scientist trying plans would."""
    box = page.locator(".pd-dose-value input")
    deadline, randomly = time.monotonic() + minutes * 60, random.Random(1)
    while time.monotonic() < deadline:
        box.fill(f"{randomly.uniform(0.1, 5):.2f}")
        box.press("Enter")
        page.wait_for_timeout(1000)
    return kernel_mib(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--smoke", action="store_true", help="a few seconds of use (CI)")
    parser.add_argument("--output", type=Path, help="write the results JSON here instead")
    arguments = parser.parse_args()
    minutes = 0.05 if arguments.smoke else arguments.minutes
    machine = machine_description()
    results = measure(minutes)
    RESULTS.mkdir(exist_ok=True)
    path = arguments.output or RESULTS / f"memory-{date.today().isoformat()}.json"
    path.write_text(json.dumps({"machine": machine, "results": results}, indent=2) + "\n")
    print(machine_line(machine))
    for step, mib in results["kernel_rss_mib"].items():
        print(f"| {step} | {mib:.1f} MiB |")
    print(f"back within {results['back_within_mib_of_start']:+.1f} MiB of the start")
    print(f"written to {path}")


if __name__ == "__main__":
    main()
