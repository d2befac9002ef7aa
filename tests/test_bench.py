"""The benchmark runs end to end in its short smoke mode (figures are measured in bench/, not
asserted here: this only checks that the script still works and reports every measure)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
MEASURES = (
    "evaluate_ms_default",
    "cohort_1000_animals_ms_per_group",
    "cold_start_s",
    "warm_visit_s",
    "websocket_bytes_per_view",
    "input_to_concentration_ms",
    "input_to_plot_ms",
    "websocket_bytes_per_change",
    "kernel_rss_mib",
    "kernel_ms_per_change_default",
    "kernel_ms_per_change_conflicts",
)

SITE_MEASURES = (
    "site_first_visit_s",
    "site_later_visit_s",
    "site_first_visit_mib",
    "site_first_visit_gzipped_mib",
    "site_input_to_concentration_ms",
    "site_input_to_plot_ms",
)


@pytest.mark.browser
@pytest.mark.parametrize(
    "script, measures", [("bench/perf.py", MEASURES), ("bench/static_site.py", SITE_MEASURES)]
)
def test_the_benchmark_runs_in_smoke_mode_and_reports_every_measure(tmp_path, script, measures):
    output = tmp_path / "results.json"
    command = [sys.executable, script, "--smoke", "--output", str(output)]
    finished = subprocess.run(
        command, cwd=REPOSITORY_ROOT, capture_output=True, text=True, timeout=600
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    results = json.loads(output.read_text())["results"]
    for measure in measures:
        assert results[measure]["n"] >= 1, measure
    assert "| measure | n | median | p95 |" in finished.stdout


@pytest.mark.browser
def test_the_memory_benchmark_runs_in_smoke_mode_and_reports_each_step(tmp_path):
    output = tmp_path / "memory.json"
    command = [sys.executable, "bench/memory.py", "--smoke", "--output", str(output)]
    finished = subprocess.run(
        command, cwd=REPOSITORY_ROOT, capture_output=True, text=True, timeout=600
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    steps = json.loads(output.read_text())["results"]["kernel_rss_mib"]
    assert len(steps) == 6 and all(mib > 0 for mib in steps.values())
