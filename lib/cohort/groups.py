"""Dose groups: each group of a cohort with its own dose, or a vehicle control.

A group is named as the animals table names it (case does not count: "Control" and "control"
are one group). A group without a dose takes the plan's; a vehicle control (marked vehicle only,
or a dose of 0) gets the vehicle alone, and its pumps are still filled, weighed and verified.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from lib.errors import CohortError
from lib.fields import custom, number, read_text, specs_of, validate
from lib.findings import Finding
from lib.formatting import counted, format_number, verb_for

E = CohortError
MAX_GROUPS = 50
# How a groups table marks a vehicle control in its dose column.
VEHICLE_WORDS = ("vehicle", "vehicle only", "control", "none")
# Words a control group's name holds: such a group given a dose is most likely a slip.
CONTROL_NAMES = ("vehicle", "control", "saline", "sham", "placebo", "ctrl", "ctl")
HEADER_WORDS = ("group", "name", "group name", "treatment")


def read_label(spec, value: Any) -> str:
    """An ID or group name of 1 to 40 characters (a number in a saved file is taken as text)."""
    return read_text(spec, value if isinstance(value, str) else str(value))


def read_flag(spec, value: Any) -> bool:
    """Yes or no: a bool, or the words a saved file or a table may hold."""
    if isinstance(value, bool):
        return value
    words = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}
    text = str(value).strip().casefold()
    if text not in words:
        raise spec.refuse(value, "enter yes or no")
    return words[text]


@dataclass(frozen=True)
class Group:
    """A dose group: its name, its dose in the plan's dose unit (None: the plan's dose), and
    whether it is a vehicle control."""

    name: str = custom(None, "group", read_label, E, max_length=40)
    dose: float | None = number(None, "group dose", 0.0, 1e6, E, optional=True, low_inclusive=True)
    vehicle_only: bool = custom(False, "vehicle only", read_flag, E)

    def __post_init__(self):
        validate(self, GROUP_SPECS)

    @property
    def is_vehicle(self) -> bool:
        return self.vehicle_only or self.dose == 0

    def described(self, dose_unit: str, plan_dose: float | None) -> str:
        """'vehicle only', '500 ng/kg/min' or '1 ug/h (the plan's dose)'."""
        if self.is_vehicle:
            return "vehicle only"
        if self.dose is None and plan_dose is not None:
            return f"{format_number(plan_dose)} {dose_unit} (the plan's dose)"
        return f"{format_number(self.dose)} {dose_unit}"


GROUP_SPECS = specs_of(Group)


def read_groups(spec, value: Any) -> tuple[Group, ...]:
    """Groups from a list of Groups or of their fields, or a saved file's table (``columns``
    and ``rows``); each name once (case does not count)."""
    if isinstance(value, Mapping) and set(value) == {"columns", "rows"}:
        columns, rows = value["columns"], value["rows"]
        if not isinstance(rows, list) or any(not isinstance(row, list) for row in rows):
            raise spec.refuse(value, "give the groups as lists of columns and rows")
        value = [dict(zip(columns, row, strict=False)) for row in rows]
    if not isinstance(value, list | tuple) or len(value) > MAX_GROUPS:
        raise spec.refuse(value, f"give a list of at most {MAX_GROUPS} groups")
    groups = tuple(item if isinstance(item, Group) else _group(spec, item) for item in value)
    names = [group.name.casefold() for group in groups]
    repeated = next((name for name in names if names.count(name) > 1), None)
    if repeated is not None:
        raise spec.refuse(repeated, "give each group one line")
    return groups


def _group(spec, item: Any) -> Group:
    if not isinstance(item, Mapping) or not set(item) <= set(GROUP_SPECS) or "name" not in item:
        raise spec.refuse(item, f"give each group as fields {', '.join(GROUP_SPECS)}")
    return Group(**item)


def group_plan(plan, group: Group | None):
    """The plan a dose group is given: its own dose (a vehicle control has none; the callers
    give it the vehicle), else the plan's. A group's dose replaces a fill concentration the
    plan was given, since that concentration was for the plan's dose."""
    if group is None or group.dose is None or group.is_vehicle:
        return plan
    return replace(plan, dose=group.dose, fixed_concentration_mg_per_ml=None)


def groups_by_name(groups: tuple[Group, ...]) -> dict[str, Group]:
    return {group.name.casefold(): group for group in groups}


def dose_text(plan, groups: tuple[Group, ...], name: str) -> str:
    """A group's dose as the documents print it: 'vehicle only', '200 ng/kg/min', or the
    plan's dose for a group the table does not list."""
    group = groups_by_name(groups).get(str(name).casefold())
    if group is not None:
        return group.described(plan.dose_unit, plan.dose)
    if plan.dose is None:
        return f"filled at {format_number(plan.fixed_concentration_mg_per_ml)} mg/mL"
    return f"{format_number(plan.dose)} {plan.dose_unit}"


def parse_groups(text: str) -> tuple[tuple[Group, ...], list[Finding]]:
    """Groups from text, one a line: a name, then its dose in the plan's unit, empty for the
    plan's dose, or 'vehicle' (or 0) for a vehicle control; tabs, ';' or ',' between them."""
    groups, findings = [], []
    for number_of_line, line in enumerate(str(text or "").splitlines(), start=1):
        cells = [cell.strip() for cell in _cells(line)]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if number_of_line == 1 and cells[0].casefold() in HEADER_WORDS:
            continue
        try:
            groups.append(_group_of_cells(cells))
        except CohortError as error:
            findings.append(_line_finding(number_of_line, error))
    return tuple(groups), findings  # a name given twice is refused where the cohort is read


def _cells(line: str) -> list[str]:
    for mark in ("\t", ";", ","):
        if mark in line:
            return line.split(mark)
    return line.rsplit(None, 1) if len(line.split()) > 1 else [line]


def _group_of_cells(cells: list[str]) -> Group:
    if len(cells) > 2:
        raise CohortError("groups", cells[2], "give a name and a dose, nothing more", "Groups")
    dose = cells[1] if len(cells) > 1 else ""
    if dose.casefold() in VEHICLE_WORDS:
        return Group(cells[0], None, True)
    return Group(cells[0], dose or None)


def _line_finding(line: int, error: CohortError) -> Finding:
    message = f"Groups, line {line}: {error.label} {error.value!r} is not allowed."
    rule = error.rule[0].upper() + error.rule[1:] + "; the line was left out."
    return Finding("invalid_group", "conflict", "groups", message, rule)


def groups_to_text(groups: tuple[Group, ...]) -> str:
    """The groups as the panel shows them: 'name<TAB>dose', 'vehicle' for a control."""
    return "\n".join(
        f"{group.name}\t{'vehicle' if group.vehicle_only else _plain(group.dose)}"
        for group in groups
    )


def _plain(dose: float | None) -> str:
    """A dose as it would be typed: 500 for 500.0, every digit kept."""
    return "" if dose is None else repr(dose).removesuffix(".0")


def group_findings(plan, cohort) -> list[Finding]:
    """What the groups table leaves unclear: a group no animal is in (misspelt, most likely),
    animals in a group the table lacks (they get the plan's dose), and a group named like a
    control that is given the compound (with or without a groups table)."""
    if not cohort.animals:
        return []
    named = {animal.group.casefold(): animal.group for animal in cohort.animals}
    by_name = groups_by_name(cohort.groups)
    unused = [group.name for group in cohort.groups if group.name.casefold() not in named]
    # Without a groups table every group takes the plan's dose: only a control's name is odd.
    unlisted = [name for key, name in named.items() if key not in by_name and by_name]
    dosed = [
        name
        for key, name in named.items()
        if any(word in key for word in (*CONTROL_NAMES, plan.vehicle.casefold()))
        and not (key in by_name and by_name[key].is_vehicle)
    ]
    findings = []
    if unused:
        findings.append(
            _finding(
                "group_without_animals",
                unused,
                ("has", "have"),
                "no animals",
                "Spell each group as the animals table does, or remove it.",
            )
        )
    if unlisted:
        findings.append(
            _finding(
                "group_not_in_table",
                unlisted,
                ("is not in the groups table and gets", "are not in the groups table and get"),
                "the plan's dose",
                "Give each group a line in the groups table: its dose, or 'vehicle'.",
                "info",
            )
        )
    if dosed:
        findings.append(
            _finding(
                "control_given_compound",
                dosed,
                ("is", "are"),
                "named like a control but given the compound",
                "Mark a control 'vehicle' in the groups table.",
            )
        )
    return findings  # fmt: skip


def _finding(code, names: list[str], verbs: tuple[str, str], rest, fix, severity="caution"):
    """'1 group has no animals: Hihg.', '2 groups get the plan's dose: ...'."""
    shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
    verb = verb_for(len(names), *verbs)
    message = f"{counted(len(names), 'group')} {verb} {rest}: {shown}."
    return Finding(code, severity, "groups", message, fix)
