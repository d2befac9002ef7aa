"""The ALZET pump catalogue: validated records read from ``pump_specs.csv``.

Columns and units are described in ``lib/data/README.md``. A bad file raises `CatalogError`
naming the line, row, column, value and rule, so it can be fixed in a spreadsheet.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from types import MappingProxyType

from lib.errors import CatalogError
from lib.tables.reader import (
    Column,
    Table,
    TableSpec,
    is_positive_finite,
    load_table,
    parse_table,
    rule_message,
)
from lib.units import hours_to_days, per_hour_to_per_day, ul_per_hr_to_ml_per_day

SHIPPED_CATALOG_PATH = Path(__file__).resolve().parents[2] / "pump_specs.csv"
# Intrathecal and ICV pumps sit subcutaneously, so they need the SC minimum.
SC_LIMIT, IP_LIMIT = "min_body_weight_sc_g", "min_body_weight_ip_g"
ROUTE_TO_WEIGHT_FIELD = {"sc": SC_LIMIT, "ip": IP_LIMIT, "it": SC_LIMIT, "icv": SC_LIMIT}
NUMBER_COLUMNS = ("reservoir_ul", "rate_ul_per_hr", "duration_days", SC_LIMIT, IP_LIMIT)
NUMBER_COLUMNS += ("priming_hours",)
PUMP_TABLE = TableSpec(
    title="pump catalogue",
    noun="pump",
    columns={
        "model": Column(),
        **{column: Column("number") for column in NUMBER_COLUMNS},
        "priming_source": Column(),
        "verified": Column("yes_no"),
        "source": Column(),
        "notes": Column(blank=True, optional=True),
    },
    key=("model",),
    error=CatalogError,
)
POSITIVE_NUMBER_RULE = "a finite number above 0"


def run_time_days(volume_ul: float, rate_ul_per_hr: float) -> float:
    """How long a pump takes to push a volume at its rate: volume / rate / 24 h (a reservoir
    runs dry, drug reaches a catheter's tip)."""
    return hours_to_days(volume_ul / rate_ul_per_hr)


@dataclass(frozen=True)
class PumpSpec:
    """Nominal specification of one pump model: one row of ``pump_specs.csv``."""

    model: str
    reservoir_ul: float
    rate_ul_per_hr: float
    duration_days: float
    min_body_weight_sc_g: float
    min_body_weight_ip_g: float
    priming_hours: float
    priming_source: str
    verified: bool
    source: str
    notes: str = ""

    def __post_init__(self) -> None:
        for column in ("model", "source", "priming_source"):
            value = getattr(self, column)
            if not isinstance(value, str) or not value.strip():
                raise CatalogError(rule_message(column, value, "non-empty text"))
        for column in NUMBER_COLUMNS:
            value = getattr(self, column)
            if not is_positive_finite(value):
                raise CatalogError(rule_message(column, value, POSITIVE_NUMBER_RULE))
        if not isinstance(self.verified, bool):
            raise CatalogError(rule_message("verified", self.verified, "True or False"))
        if not isinstance(self.notes, str):
            raise CatalogError(rule_message("notes", self.notes, "text"))
        self._check_capacity()

    def _check_capacity(self) -> None:
        """ALZET: a pump always runs longer than its nominal duration, never shorter."""
        if self.nominal_delivery_volume_ul > self.reservoir_ul * (1 + 1e-9):
            raise CatalogError(
                "rate_ul_per_hr x 24 h x duration_days must not exceed reservoir_ul: "
                f"{self.rate_ul_per_hr:g} uL/h x 24 h x {self.duration_days:g} days = "
                f"{self.nominal_delivery_volume_ul:g} uL exceeds the reservoir of "
                f"{self.reservoir_ul:g} uL."
            )

    @property
    def nominal_delivery_volume_ul(self) -> float:
        """Volume delivered over the nominal duration: rate x 24 h x days."""
        return per_hour_to_per_day(self.rate_ul_per_hr) * self.duration_days

    @property
    def rate_ml_per_day(self) -> float:
        """Pumping rate in mL/day: rate [uL/h] x 24 / 1000 (the brief)."""
        return ul_per_hr_to_ml_per_day(self.rate_ul_per_hr)

    @property
    def delivery_capacity_days(self) -> float:
        """How long a full reservoir lasts at the nominal rate: reservoir / rate / 24 h."""
        return run_time_days(self.reservoir_ul, self.rate_ul_per_hr)

    def min_body_weight_g(self, route: str) -> float:
        """Smallest animal for this pump by route (`sc`, `ip`, `it`, `icv`); it and icv use SC."""
        field = ROUTE_TO_WEIGHT_FIELD.get(route.strip().lower())
        if field is None:
            raise ValueError(f"route {route!r} is not one of {', '.join(ROUTE_TO_WEIGHT_FIELD)}.")
        return getattr(self, field)

    def to_dict(self) -> dict[str, object]:
        """The CSV columns, in file order, as a plain dict."""
        return asdict(self)


class PumpCatalog(Mapping[str, PumpSpec]):
    """Immutable mapping model -> `PumpSpec` in file order.

    Attributes
    ----------
    provenance : str
        The text of the file's `#` line, without the `#`.
    path : Path or None
        The file the catalogue was read from; None for parsed text such as an upload.
    """

    def __init__(
        self, specs: Iterable[PumpSpec], provenance: str, path: Path | None = None
    ) -> None:
        by_model: dict[str, PumpSpec] = {}
        for spec in specs:
            if spec.model.casefold() in (model.casefold() for model in by_model):
                raise CatalogError(f"pump model {spec.model!r} appears twice; give it one row.")
            by_model[spec.model] = spec
        self._specs = MappingProxyType(by_model)
        self.provenance = provenance
        self.path = path

    @property
    def models(self) -> list[str]:
        return list(self._specs)

    def __getitem__(self, model: str) -> PumpSpec:
        if model not in self._specs:
            raise KeyError(f"unknown pump model {model!r}; known: {', '.join(self._specs)}")
        return self._specs[model]

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)

    def __repr__(self) -> str:
        return f"PumpCatalog({self.models!r}, provenance={self.provenance!r})"


def load_pump_catalog(path: str | Path | None = None) -> PumpCatalog:
    """Read and validate a pump catalogue file; None means the shipped ``pump_specs.csv``.

    Raises
    ------
    CatalogError
        The file is missing, over 1 MB, not UTF-8, or breaks a rule of `parse_pump_catalog`.
    """
    file_path = SHIPPED_CATALOG_PATH if path is None else Path(path)
    return _catalog(load_table(file_path, PUMP_TABLE), file_path)


def parse_pump_catalog(
    text: str, name: str = "pump_specs.csv", *, path: Path | None = None
) -> PumpCatalog:
    """Validate catalogue text (a `#` provenance line, a header, one row per model).

    `name` labels the messages; `path` is recorded on the catalogue. Unknown columns are ignored.
    """
    return _catalog(parse_table(text, name, PUMP_TABLE), path)


def _catalog(table: Table, path: Path | None) -> PumpCatalog:
    specs = []
    for row in table.rows:
        try:
            specs.append(PumpSpec(**row.values))
        except CatalogError as error:  # a rule across columns: the capacity
            raise CatalogError(f"{row.where}: {error}") from None
    return PumpCatalog(specs, table.provenance, path)
