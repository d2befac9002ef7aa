"""The ALZET pump catalogue: validated records read from ``pump_specs.csv``.

Columns and units are described in ``lib/data/README.md``. A bad file raises `CatalogError`
naming the line, row, column, value and rule, so it can be fixed in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from types import MappingProxyType

SHIPPED_CATALOG_PATH = Path(__file__).resolve().parents[2] / "pump_specs.csv"
MAX_FILE_BYTES = 1_000_000
# Intrathecal and ICV pumps sit subcutaneously, so they need the SC minimum.
SC_LIMIT, IP_LIMIT = "min_body_weight_sc_g", "min_body_weight_ip_g"
ROUTE_TO_WEIGHT_FIELD = {"sc": SC_LIMIT, "ip": IP_LIMIT, "it": SC_LIMIT, "icv": SC_LIMIT}
AMOUNT_COLUMNS = ("reservoir_ul", "rate_ul_per_hr", "duration_days")
NUMBER_COLUMNS = (*AMOUNT_COLUMNS, SC_LIMIT, IP_LIMIT, "priming_hours")
REQUIRED_COLUMNS = ("model", *NUMBER_COLUMNS, "verified", "source")
OPTIONAL_COLUMNS = ("notes",)
VERIFIED_WORDS = {"yes": True, "true": True, "no": False, "false": False}
POSITIVE_NUMBER_RULE = "a finite number above 0"


class CatalogError(ValueError):
    """A pump catalogue file or record breaks a rule; the message says where, what and why."""


def _rule_message(column: str, value: object, rule: str) -> str:
    shown = "is blank" if value == "" else f"has value {value!r}"
    return f"column {column} {shown}; it must be {rule}."


def _is_positive_finite(value: object) -> bool:
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return is_number and math.isfinite(value) and value > 0


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
    verified: bool
    source: str
    notes: str = ""

    def __post_init__(self) -> None:
        for column in ("model", "source"):
            value = getattr(self, column)
            if not isinstance(value, str) or not value.strip():
                raise CatalogError(_rule_message(column, value, "non-empty text"))
        for column in NUMBER_COLUMNS:
            value = getattr(self, column)
            if not _is_positive_finite(value):
                raise CatalogError(_rule_message(column, value, POSITIVE_NUMBER_RULE))
        if not isinstance(self.verified, bool):
            raise CatalogError(_rule_message("verified", self.verified, "True or False"))
        if not isinstance(self.notes, str):
            raise CatalogError(_rule_message("notes", self.notes, "text"))
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
        return self.rate_ul_per_hr * 24 * self.duration_days

    @property
    def rate_ml_per_day(self) -> float:
        """Pumping rate in mL/day: rate [uL/h] x 24 / 1000 (the brief)."""
        return self.rate_ul_per_hr * 24 / 1000

    @property
    def delivery_capacity_days(self) -> float:
        """How long a full reservoir lasts at the nominal rate: reservoir / rate / 24 h."""
        return self.reservoir_ul / self.rate_ul_per_hr / 24

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
    data = _read_bytes(file_path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise CatalogError(
            f"{file_path.name} line {line}: byte 0x{data[error.start]:02x} is not UTF-8 text; "
            "save the file as UTF-8 (in Excel: CSV UTF-8)."
        ) from None
    return parse_pump_catalog(text, file_path.name, path=file_path)


def _read_bytes(path: Path) -> bytes:
    try:
        _check_size(path.stat().st_size, path.name)
        return path.read_bytes()
    except FileNotFoundError:
        raise CatalogError(f"pump catalogue file {path} not found.") from None
    except OSError as error:
        raise CatalogError(f"pump catalogue file {path} cannot be read: {error}.") from None


def _check_size(size_bytes: int, name: str) -> None:
    if size_bytes > MAX_FILE_BYTES:
        raise CatalogError(
            f"{name} is {size_bytes:,} bytes; the limit is 1 MB ({MAX_FILE_BYTES:,})."
        )


def parse_pump_catalog(
    text: str, name: str = "pump_specs.csv", *, path: Path | None = None
) -> PumpCatalog:
    """Validate catalogue text (a `#` provenance line, a header, one row per model).

    `name` labels the messages; `path` is recorded on the catalogue. Unknown columns are ignored.
    """
    _check_size(len(text.encode("utf-8", "replace")), name)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise CatalogError(
            f"{name} is empty; it must start with a '#' provenance line, then a header row "
            "and one row per pump model."
        )
    stream = io.StringIO(text, newline="")
    provenance = _read_provenance(stream.readline(), name)
    records = _records(stream, name)
    header = _read_header(records, name)
    return PumpCatalog(_read_rows(records, header, name), provenance, path)


def _read_provenance(first_line: str, name: str) -> str:
    provenance = first_line.strip().removeprefix("#").strip()
    if not first_line.startswith("#") or not provenance:
        raise CatalogError(
            f"{name} line 1: found {first_line.strip()[:60]!r}; the first line must be a '#' "
            "provenance line saying what the file is, its version and its date."
        )
    return provenance


def _records(stream: io.StringIO, name: str) -> Iterator[tuple[int, list[str]]]:
    """Non-blank CSV records with the file line each starts on (line 1 is the provenance)."""
    reader = csv.reader(stream, strict=True)
    start_line = 2
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield start_line, [cell.strip() for cell in cells]
            start_line = reader.line_num + 2
    except csv.Error as error:
        message = f"{name} line {start_line}: not readable as CSV ({error}); check the quotes."
        raise CatalogError(message) from None


def _read_header(records: Iterator[tuple[int, list[str]]], name: str) -> list[str]:
    line, header = next(records, (2, []))
    expected = ", ".join(REQUIRED_COLUMNS)
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        problem = f"required column(s) {', '.join(missing)} missing" if header else "no header"
        raise CatalogError(
            f"{name} line {line} (header): {problem}; the header must name {expected} "
            "(notes and other columns are optional)."
        )
    repeated = sorted({column for column in header if column and header.count(column) > 1})
    if repeated:
        raise CatalogError(f"{name} line {line} (header): column(s) {', '.join(repeated)} repeat.")
    return header


def _read_rows(
    records: Iterator[tuple[int, list[str]]], header: list[str], name: str
) -> list[PumpSpec]:
    specs: list[PumpSpec] = []
    first_seen: dict[str, str] = {}
    for row_number, (line, cells) in enumerate(records, start=1):
        values = dict(zip(header, cells, strict=False))
        model = values.get("model", "")
        label = f"row {row_number}, model {model}" if model else f"row {row_number}"
        try:
            _check_cell_count(cells, header)
            specs.append(_row_to_spec(values))
            _check_unique(model, first_seen)
        except CatalogError as error:
            raise CatalogError(f"{name} line {line} ({label}): {error}") from None
        first_seen[model.casefold()] = f"row {row_number} (line {line})"
    if not specs:
        raise CatalogError(f"{name} has a header but no pump rows; add one row per pump model.")
    return specs


def _check_cell_count(cells: list[str], header: list[str]) -> None:
    if len(cells) > len(header):
        raise CatalogError(
            f"the row has {len(cells)} cells but the header has {len(header)} columns "
            f"(extra value {cells[len(header)]!r}); quote any cell that contains a comma."
        )


def _check_unique(model: str, first_seen: dict[str, str]) -> None:
    if model.casefold() in first_seen:
        rule = f"unique, but {first_seen[model.casefold()]} already defines it"
        raise CatalogError(_rule_message("model", model, rule))


def _row_to_spec(values: dict[str, str]) -> PumpSpec:
    columns = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
    return PumpSpec(**{column: _convert_cell(column, values.get(column, "")) for column in columns})


def _convert_cell(column: str, text: str) -> object:
    if column in NUMBER_COLUMNS:
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not _is_positive_finite(number):
            raise CatalogError(_rule_message(column, text, POSITIVE_NUMBER_RULE))
        return number
    if column == "verified":
        if text.casefold() not in VERIFIED_WORDS:
            raise CatalogError(_rule_message(column, text, "one of yes, no, true, false"))
        return VERIFIED_WORDS[text.casefold()]
    return text
