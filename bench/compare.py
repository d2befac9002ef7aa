"""Two checkouts' apps measured in turns in one run, bench/perf.py's server figures pooled.

    .venv/bin/python bench/compare.py --before ../wt-main --after . --rounds 5 \\
        --label page -- --visits 2 --changes 6 --cold 0
    .venv/bin/python bench/compare.py --before . --after . \\
        --after-voila="--preheat_kernel=True --pool_size=1" -- --visits 2 --visit-interval 6

On a shared 2-core machine the speed drifts through the day by more than most changes gain:
before and after are therefore run in turns (before, after, before, ...), each a whole
`bench/perf.py` run with its own server (``--app``), and each measure's values are pooled over
the rounds. Writes bench/results/compare-<date>[-<label>].json and prints a Markdown table.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine_description, machine_line, percentile  # noqa: E402

HERE = Path(__file__).resolve().parent


def run_once(app: Path, perf_arguments: list[str], voila: str, output: Path) -> dict:
    """One bench/perf.py run of ``app``'s server (in-process figures are this checkout's
    whichever app is served: left out)."""
    command = [sys.executable, str(HERE / "perf.py"), "--app", str(app.resolve())]
    command += ["--server-only", "--output", str(output), *perf_arguments]
    command += ["--", *voila.split()] if voila else []
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return json.loads(output.read_text())["results"]


def pooled(runs: list[dict]) -> dict:
    """Each measure's values from every run, with their median, p95 and n."""
    values: dict[str, list] = {}
    for results in runs:
        for name, summary in results.items():
            if isinstance(summary, dict) and summary.get("values"):
                values.setdefault(name, []).extend(summary["values"])
    return {
        name: {"n": len(found), "median": percentile(found, 0.5), "p95": percentile(found, 0.95)}
        for name, found in values.items()
    }


def commit_of(checkout: Path) -> str:
    """The checkout's commit, short, with "+changes" when its tracked files differ from it."""

    def git(*command: str) -> str:
        found = subprocess.run(
            ["git", "-C", str(checkout), *command], capture_output=True, text=True
        )
        return found.stdout.strip()

    return git("rev-parse", "--short", "HEAD") + (
        "+changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    )


def table(before: dict, after: dict) -> str:
    rows = ["| measure | before median / p95 (n) | after median / p95 (n) |", "|---|---|---|"]
    for name in before:
        cells = [
            f"{side[name]['median']:.4g} / {side[name]['p95']:.4g} ({side[name]['n']})"
            if name in side
            else ""
            for side in (before, after)
        ]
        rows.append(f"| {name} | {cells[0]} | {cells[1]} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="a checkout (worktree)")
    parser.add_argument("--after", type=Path, required=True, help="a checkout (worktree)")
    parser.add_argument("--before-voila", default="", help="extra voila arguments, one string")
    parser.add_argument("--after-voila", default="", help="extra voila arguments, one string")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--label", default="")
    parser.add_argument("perf_arguments", nargs="*", help="for bench/perf.py, after --")
    arguments = parser.parse_args()
    runs = {"before": [], "after": []}
    with tempfile.TemporaryDirectory() as folder:
        for round_number in range(arguments.rounds):
            for side in runs:
                app, voila = getattr(arguments, side), getattr(arguments, f"{side}_voila")
                output = Path(folder) / f"{side}-{round_number}.json"
                runs[side].append(run_once(app, arguments.perf_arguments, voila, output))
                print(f"round {round_number + 1}/{arguments.rounds}: {side} done", flush=True)
    results = {side: pooled(found) for side, found in runs.items()}
    machine = machine_description()
    suffix = f"-{arguments.label}" if arguments.label else ""
    path = HERE / "results" / f"compare-{date.today().isoformat()}{suffix}.json"
    # Each checkout by its commit, not its folder (a path of this machine says nothing elsewhere).
    named = vars(arguments) | {side: commit_of(getattr(arguments, side)) for side in runs}
    record = {
        "machine": machine,
        "arguments": {key: str(value) for key, value in named.items()},
        "results": results,
        "runs": runs,
    }
    path.write_text(json.dumps(record, indent=2) + "\n")
    print(machine_line(machine))
    print(table(results["before"], results["after"]))
    print(f"written to {path}")


if __name__ == "__main__":
    main()
