"""Plans out and back in: saved JSON files and share-link query strings.

Reading never raises for bad content: unknown, missing or invalid fields become findings and
the plan keeps its default for them. Only a text that is not JSON at all, or nests deeper than any
saved file (``MAX_NESTING``), raises ``ValueError``.
"""

import json
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import numpy as np

from lib.evaluate import Evaluation, evaluate
from lib.findings import Finding
from lib.plan import DEFAULTS, PLAN_SPECS, Plan, default_finding, plan_from_values
from lib.tables.pumps import PumpCatalog, load_pump_catalog
from lib.version import APP_VERSION

# A saved study file nests 7 levels deep (its cohort results). A deeper text is refused before it
# is parsed: the parser recurses once a level, and in the static site's browser kernel (Pyodide)
# some thousands of levels overflow the browser's stack, which ends the kernel (no RecursionError).
MAX_NESTING = 64
JSON_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"')  # possessive: no backtracking state
SCHEMA = "osmotic-pump-plan"
SCHEMA_VERSION = 1


def _fields_newer_than(version: Any) -> set[str]:
    """The fields added after the app version that saved a file (all added ones if unknown):
    each field's declaration says since when files hold it (``since``)."""
    saved = _version_key(version)
    return {
        name
        for name, spec in PLAN_SPECS.items()
        if spec.since and (saved is None or _version_key(spec.since) > saved)
    }


def _version_key(version: Any) -> tuple[int, ...] | None:
    try:
        return tuple(int(part) for part in str(version).split("."))
    except ValueError:
        return None


def plan_from_mapping(
    values: Any,
    catalog: PumpCatalog | None = None,
    report_missing: bool = True,
    saved_by: str | None = None,
) -> tuple[Plan, list[Finding]]:
    """A plan from field values, keeping what is valid; every problem becomes a finding."""
    findings: list[Finding] = []
    if not isinstance(values, Mapping):
        message = f"The plan should be a set of named fields, not {type(values).__name__}."
        findings.append(default_finding("invalid_plan", "plan", message))
        values = {}
    plan, read_findings = plan_from_values(values, keep_defaults=True)
    findings += read_findings
    catalog = catalog or load_pump_catalog()
    if plan.pump_model not in catalog:
        message = f"Pump model {plan.pump_model!r} is not in the pump catalogue."
        findings.append(default_finding("invalid_field", "pump_model", message))
        plan = replace(plan, pump_model=DEFAULTS["pump_model"])
    if report_missing:
        newer = _fields_newer_than(saved_by) if saved_by else set()
        for name, spec in PLAN_SPECS.items():
            if name not in values and name not in newer:
                message = f"{spec.title} is missing from the file."
                findings.append(default_finding("missing_field", name, message))
    return plan, findings


def evaluation_results(evaluation: Evaluation) -> dict[str, Any]:
    """The computed numbers of a plan, named with their units (None where not computable)."""
    dose_range = evaluation.dose_range
    return {
        "concentration_mg_per_ml": evaluation.concentration_mg_per_ml,
        "concentration_ug_per_ml": evaluation.concentration_ug_per_ml,
        "concentration_mmol_per_l": evaluation.concentration_mmol_per_l,
        "pump_concentrations_mg_per_ml": list(evaluation.pump_concentrations_mg_per_ml),
        "mass_flow_ug_per_hr": evaluation.mass_flow_ug_per_hr,
        "rate_ul_per_hr": evaluation.rate_ul_per_hr,
        "fill_volume_ul": evaluation.fill_volume_ul,
        "drug_mass_per_pump_mg": evaluation.drug_mass_per_pump_mg,
        "design_body_weight_g": evaluation.design_body_weight_g,
        "design_dose_mg_per_kg_per_day": evaluation.design_dose_mg_per_kg_per_day,
        "pump_count": evaluation.pump_count,
        "pumps_needed": evaluation.pumps_needed,
        "replacement_days": [window.start_day for window in evaluation.windows[1:]],
        "catheter_lag_days": evaluation.catheter_lag_days,
        "lowest_dose_mg_per_kg_per_day": dose_range and dose_range.lowest_mg_per_kg_per_day,
        "highest_dose_mg_per_kg_per_day": dose_range and dose_range.highest_mg_per_kg_per_day,
        "no_drug_days": dose_range and dose_range.no_drug_days,
    }


def _provenance(evaluation: Evaluation) -> dict[str, Any]:
    solubility = evaluation.solubility
    return {
        "findings": [finding.to_dict() for finding in evaluation.findings],
        "pump": evaluation.pump.to_dict() if evaluation.pump else None,
        "compound_source": solubility.source if solubility else None,
    }


def plan_to_json(plan: Plan, catalog: PumpCatalog | None = None) -> str:
    """The plan, its results and findings, the catalogue row used and where it came from."""
    catalog = catalog or load_pump_catalog()
    return json.dumps(
        plan_document(plan, catalog, evaluate(plan, catalog)), indent=2, ensure_ascii=False
    )


def plan_document(
    plan: Plan, catalog: PumpCatalog, evaluation: Evaluation, now: datetime | None = None
) -> dict[str, Any]:
    """What a saved plan file holds, before it is written as JSON (``now``: when it is saved)."""
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "app_version": APP_VERSION,
        "created_utc": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "plan": plan.to_dict(),
        "results": evaluation_results(evaluation),
        **_provenance(evaluation),
        "catalog": catalog.provenance,
    }


def plan_from_json(text: str, catalog: PumpCatalog | None = None) -> tuple[Plan, list[Finding]]:
    """Read a saved plan (or a bare mapping of plan fields); raises ValueError if not JSON."""
    return plan_from_document(read_json(text), catalog)


def plan_from_document(
    document: Any, catalog: PumpCatalog | None = None
) -> tuple[Plan, list[Finding]]:
    """The plan of a parsed saved file (or of a bare mapping of plan fields), and its findings."""
    findings, saved_by = [], None
    if isinstance(document, Mapping) and "plan" in document:
        saved_by = document.get("app_version")
        version = document.get("schema_version")
        if version != SCHEMA_VERSION:
            message = f"The file's schema version is {version!r}; this app reads {SCHEMA_VERSION}."
            findings.append(Finding("schema_version_differs", "info", "plan", message, ""))
        document = document["plan"]
    plan, plan_findings = plan_from_mapping(document, catalog, saved_by=saved_by)
    return plan, findings + plan_findings


def read_json(text: str) -> Any:
    """A saved file's JSON; ValueError for a text that is not JSON or nests deeper than a plan.

    >>> nesting_depth('{"a": [1, "]]"]}')
    2
    """
    depth = nesting_depth(text)
    if depth > MAX_NESTING:
        raise ValueError(f"the text nests {depth} levels deep, a saved plan {MAX_NESTING} at most")
    return json.loads(text)


def nesting_depth(text: str) -> int:
    """How deep a JSON text's arrays and objects nest, brackets inside strings left out."""
    codes = np.frombuffer(JSON_STRING.sub('""', text).encode("utf-8"), dtype=np.uint8)
    # int8 steps and an int32 sum: a 16 MB upload costs 80 MB here, not 300 (the browser's heap).
    steps = np.isin(codes, (ord("["), ord("{"))).astype(np.int8)
    steps -= np.isin(codes, (ord("]"), ord("}")))
    return int(np.cumsum(steps, dtype=np.int32).max(initial=0))
