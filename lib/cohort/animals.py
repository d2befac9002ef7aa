"""A cohort: the animals of a study in their groups, and how their solutions are prepared.

Every field is declared once (``lib.fields``): its label, unit, bounds and reader. The animals
table as text (pasted, typed or uploaded) is read in ``lib.cohort.table``.
"""

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from lib.calc.bench import BenchSettings
from lib.calc.dosing import DRIFT_TOLERANCE_PERCENT, RATE_TOLERANCE_PERCENT
from lib.calc.series import MAX_PUMPS_IN_SERIES
from lib.cohort.groups import Group, read_flag, read_groups, read_label
from lib.errors import CohortError
from lib.fields import build, choice, custom, number, read_fields, specs_of, validate
from lib.findings import Finding

CONCENTRATION_MODES = {"group": "One concentration per group", "animal": "One per animal"}
MAX_ANIMALS = 5000
DEFAULT_GROUP = "all"
# The largest allocation seed: 2^32 - 1, exact as a float in a saved file and a typed box.
MAX_SEED = 2**32 - 1
E = CohortError
FROM = {"low_inclusive": True}


# The volume that went into a pump, from its filled less its empty weight (ALZET, "Filling &
# Priming"): the lot's mean fill volume is used when it was not recorded.
LOADED = number(None, "volume loaded", 0.0, 10000.0, E, unit="µL", optional=True)


@dataclass(frozen=True)
class Animal:
    """One animal: its weight at implant, and after explant what was left in its pump."""

    animal_id: str = custom(None, "animal ID", read_label, E, max_length=40)
    group: str = custom(DEFAULT_GROUP, "group", read_label, E, max_length=40)
    # No default: an animal without its weight is refused, never given one.
    body_weight_g: float = number(None, "weight", 1.0, 2000.0, E, unit="g", **FROM)
    residual_volume_ul: float | None = number(
        None, "residual volume", 0.0, 10000.0, E, unit="µL", optional=True, **FROM
    )
    elapsed_days: float | None = number(
        None, "elapsed time", 0.0, 3650.0, E, unit="days", optional=True
    )
    loaded_volume_ul: float | None = LOADED

    def __post_init__(self):
        validate(self, ANIMAL_SPECS)


ANIMAL_SPECS = specs_of(Animal)


@dataclass(frozen=True)
class Explant:
    """One explanted pump of an animal's series: what was left in it after how long in the
    animal, and what went in (the filled less the empty weight), if it was recorded."""

    animal_id: str = custom(None, "animal ID", read_label, E, max_length=40)
    pump: int = number(None, "pump", 1, MAX_PUMPS_IN_SERIES, E, whole=True, **FROM)
    residual_volume_ul: float = number(None, "residual volume", 0.0, 10000.0, E, unit="µL", **FROM)
    elapsed_days: float = number(None, "elapsed time", 0.0, 3650.0, E, unit="days")
    loaded_volume_ul: float | None = LOADED

    def __post_init__(self):
        validate(self, EXPLANT_SPECS)


EXPLANT_SPECS = specs_of(Explant)


def read_animals(spec, value: Any) -> tuple[Animal, ...]:
    """Animals from a list of Animals or of their fields, or a saved file's table (``columns``
    and ``rows``), each ID once."""
    key = lambda animal: animal.animal_id  # noqa: E731
    return _read_records(spec, value, Animal, key, "animal", "give each animal its own ID")


def read_explants(spec, value: Any) -> tuple[Explant, ...]:
    """Explanted pumps, as animals are read; each animal's pump once."""
    key = lambda explant: (explant.animal_id, explant.pump)  # noqa: E731
    return _read_records(spec, value, Explant, key, "explanted pump", "give each pump once")


def _read_records(spec, value: Any, record_type: type, key, noun: str, repeated: str) -> tuple:
    if isinstance(value, Mapping) and set(value) == {"columns", "rows"}:
        value = _table_records(spec, value)
    if not isinstance(value, list | tuple):
        raise spec.refuse(value, f"give a list of {noun}s")
    if len(value) > MAX_ANIMALS * 2:
        raise spec.refuse(f"{len(value)} {noun}s", f"give at most {MAX_ANIMALS * 2}")
    names = set(specs_of(record_type))
    records = tuple(
        item if isinstance(item, record_type) else record_type(**_mapping(spec, item, names, noun))
        for item in value
    )
    seen = set()
    for record in records:
        if key(record) in seen:
            raise spec.refuse(record.animal_id, repeated)
        seen.add(key(record))
    return records


def _table_records(spec, table: Mapping) -> list:
    columns, rows = table["columns"], table["rows"]
    if not isinstance(columns, list) or not isinstance(rows, list):
        raise spec.refuse(table, "give the table as lists of columns and rows")
    if any(not isinstance(row, list) or len(row) != len(columns) for row in rows):
        raise spec.refuse(table, "give each row a value for every column")
    return [dict(zip(columns, row, strict=True)) for row in rows]


def records_table(records: tuple, record_type: type) -> dict[str, list]:
    """Records as a saved file keeps them: one list of column names, one row per record
    (about 40 bytes an animal, where a mapping per animal took 120)."""
    columns = list(specs_of(record_type))
    return {"columns": columns, "rows": [[getattr(r, name) for name in columns] for r in records]}


def _mapping(spec, value: Any, names: set, noun: str) -> dict:
    if not isinstance(value, dict) or not set(value) <= names or "animal_id" not in value:
        raise spec.refuse(value, f"give each {noun} as fields {', '.join(sorted(names))}")
    return value


@dataclass(frozen=True)
class Cohort(BenchSettings):
    """The animals, their groups and the study's choices; the bench choices (spares, losses, the
    balance, a stock, a vial) are ``BenchSettings``'s, declared in the calc layer that uses them."""

    animals: tuple[Animal, ...] = custom((), "Animals", read_animals, E)
    # Each explanted pump of a series, verified by its own residual volume (a residual in the
    # animals table is the last pump's).
    explants: tuple[Explant, ...] = custom((), "Explanted pumps", read_explants, E)
    concentration_mode: str = choice("group", "Concentration", CONCENTRATION_MODES, E)
    dose_tolerance_percent: float = number(
        DRIFT_TOLERANCE_PERCENT, "Dose tolerance", 0.0, 100.0, E, unit="%"
    )
    rate_tolerance_percent: float = number(
        RATE_TOLERANCE_PERCENT, "Rate tolerance", 0.0, 100.0, E, unit="%"
    )
    # Each group's dose (lib.cohort.groups); a group of the animals table not listed takes the
    # plan's dose.
    groups: tuple[Group, ...] = custom((), "Groups", read_groups, E)
    # Coded sheets: the surgeon's and assessor's documents name solutions A, B, C; the key sheet
    # for whoever prepares the solutions holds the code.
    blinded: bool = custom(False, "Blinded sheets", read_flag, E)
    # The seed of the randomised allocation to groups (lib.cohort.allocation): recorded so the
    # same allocation can be drawn again. None: the groups were not allocated by the app.
    allocation_seed: int | None = number(
        None, "Allocation seed", 0, MAX_SEED, E, whole=True, optional=True, **FROM
    )

    def __post_init__(self):
        validate(self, COHORT_SPECS)

    def to_dict(self) -> dict[str, Any]:
        """The cohort as a saved file keeps it: its settings, and its animals as a table."""
        values = asdict(self)
        values["animals"] = records_table(self.animals, Animal)
        values["explants"] = records_table(self.explants, Explant)
        values["groups"] = records_table(self.groups, Group)
        return values

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> "Cohort":
        unknown = sorted(set(values) - set(COHORT_SPECS))
        if unknown:
            raise CohortError(unknown[0], values[unknown[0]], "this is not a cohort field")
        return cls(**values)


COHORT_SPECS = specs_of(Cohort)


def cohort_from_values(
    values: Mapping[str, Any], *, keep_defaults: bool = False
) -> tuple[Cohort | None, list[Finding]]:
    """A cohort from raw field values (the panel's boxes, a saved file), each read once.

    Without ``keep_defaults`` (the panel) a value that cannot be read means no cohort and is a
    conflict; with it (a saved file) the field keeps its default and the finding is a caution.
    """
    reading = read_fields(COHORT_SPECS, values)
    refused = {error.field: _refused(error, keep_defaults) for error in reading.errors}
    refused |= {name: _unknown(name) for name in reading.unknown}
    findings = [refused[str(name)] for name in values if str(name) in refused]
    if reading.errors and not keep_defaults:
        return None, findings
    notes = [Finding("value_cleaned", "info", name, text, "") for name, text in reading.notes]
    return build(Cohort, reading.accepted), findings + notes


def _refused(error: CohortError, keep_defaults: bool) -> Finding:
    if keep_defaults:
        message = f"{COHORT_SPECS[error.field].title}: {error.rule}; the default is used."
        return Finding("invalid_cohort_field", "caution", error.field, message, "")
    rule = error.rule[0].upper() + error.rule[1:] + "."
    return Finding("invalid_input", "conflict", error.field, str(error), rule)


def _unknown(name: str) -> Finding:
    shown = str(name)[:40]
    message = f"{shown!r} is not a cohort field; it was ignored."
    return Finding("invalid_cohort_field", "caution", shown, message, "")
