"""Worked scenarios for teaching: saved plans with a sentence on what each one teaches.

They are plan files like any the app saves, and load through ``plan_from_json``; each adds a
``scenario`` block with its title, the lesson, and what the app must show (tests check it).
"""

import json
from dataclasses import dataclass
from pathlib import Path

from lib.documents.saved import plan_from_json
from lib.plan import Plan
from lib.tables.reader import DATA_FOLDER

SCENARIO_FOLDER = DATA_FOLDER / "scenarios"


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    teaches: str
    plan: Plan
    expected_concentration_mg_per_ml: float
    expected_finding_codes: tuple[str, ...]


def load_scenario(path: Path) -> Scenario:
    """One scenario file; its plan goes through the same reader as a saved plan."""
    text = path.read_text(encoding="utf-8")
    plan, findings = plan_from_json(text)
    if findings:
        raise ValueError(f"{path.name}: {findings[0].message}")
    about = json.loads(text)["scenario"]
    return Scenario(
        name=path.stem,
        title=about["title"],
        teaches=about["teaches"],
        plan=plan,
        expected_concentration_mg_per_ml=about["expect"]["concentration_mg_per_ml"],
        expected_finding_codes=tuple(about["expect"]["finding_codes"]),
    )


def load_scenarios(folder: Path = SCENARIO_FOLDER) -> list[Scenario]:
    """Every scenario, in file-name order (the files are numbered)."""
    return [load_scenario(path) for path in sorted(folder.glob("*.json"))]
