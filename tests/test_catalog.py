"""Tests for lib/tables/pumps.py and reader.py: the shipped pump catalogue, each loader rule.

Expected values come from shared/REFERENCE.md, section 2 (the brief's Table 1 and the
weaker sources named there).
"""

import csv
from pathlib import Path

import pytest

from lib.tables.pumps import (
    CatalogError,
    PumpCatalog,
    PumpSpec,
    load_pump_catalog,
    parse_pump_catalog,
)

SHIPPED_PATH = Path(__file__).resolve().parent.parent / "pump_specs.csv"
TABLE_1_SOURCE = "brief, Table 1 (ALZET specifications)"

# REFERENCE section 2, the brief's Table 1:
# (model, reservoir uL, rate uL/h, duration days, min. SC g, min. IP g)
TABLE_1_ROWS = [
    ("1007D", 100, 0.5, 7, 10, 20),
    ("1002", 100, 0.25, 14, 10, 20),
    ("1004", 100, 0.11, 28, 10, 20),
    ("2001", 200, 1.0, 7, 20, 25),
    ("2002", 200, 0.5, 14, 20, 25),
    ("2004", 200, 0.25, 28, 20, 25),
    ("2ML1", 2000, 10.0, 7, 200, 200),
    ("2ML2", 2000, 5.0, 14, 200, 200),
    ("2ML4", 2000, 2.5, 28, 200, 200),
]

PROVENANCE = "# test pump catalogue, version 1, 2026-11-26\n"
HEADER = (
    "model,reservoir_ul,rate_ul_per_hr,duration_days,min_body_weight_sc_g,"
    "min_body_weight_ip_g,priming_hours,priming_source,verified,source,notes\n"
)
ROW_1007D = "1007D,100,0.5,7,10,20,6,the brief,yes,brief,\n"
ROW_2002 = "2002,200,0.5,14,20,25,6,the brief,yes,brief,\n"


def catalog_text(second_row=ROW_2002, header=HEADER, provenance=PROVENANCE):
    """A small catalogue: line 1 provenance, line 2 header, line 3 row 1, line 4 row 2."""
    return provenance + header + ROW_1007D + second_row


@pytest.fixture(scope="module")
def shipped():
    return load_pump_catalog()


# --- the shipped catalogue -------------------------------------------------------------------


def test_shipped_catalog_has_every_model_of_the_reference(shipped):
    expected = {row[0] for row in TABLE_1_ROWS} | {"1003D", "2006"}
    assert set(shipped.models) == expected


def test_shipped_catalog_leaves_out_2001d_for_want_of_a_source(shipped):
    assert "2001D" not in shipped


@pytest.mark.parametrize(
    ("model", "reservoir_ul", "rate_ul_per_hr", "duration_days", "sc_g", "ip_g"), TABLE_1_ROWS
)
def test_shipped_table_1_rows_match_the_brief(
    shipped, model, reservoir_ul, rate_ul_per_hr, duration_days, sc_g, ip_g
):
    spec = shipped[model]
    assert spec.reservoir_ul == reservoir_ul
    assert spec.rate_ul_per_hr == rate_ul_per_hr
    assert spec.duration_days == duration_days
    assert spec.min_body_weight_sc_g == sc_g
    assert spec.min_body_weight_ip_g == ip_g
    assert spec.verified is True
    assert spec.source == TABLE_1_SOURCE


def test_shipped_2002_is_200_ul_at_half_a_microlitre_per_hour_for_two_weeks(shipped):
    spec = shipped["2002"]
    assert (spec.reservoir_ul, spec.rate_ul_per_hr, spec.duration_days) == (200, 0.5, 14)
    assert (spec.min_body_weight_sc_g, spec.min_body_weight_ip_g) == (20, 25)


def test_shipped_1003d_comes_from_the_sop_and_is_marked_unverified(shipped):
    spec = shipped["1003D"]
    assert (spec.reservoir_ul, spec.rate_ul_per_hr, spec.duration_days) == (100, 1.0, 3)
    assert (spec.min_body_weight_sc_g, spec.min_body_weight_ip_g) == (10, 20)
    assert spec.verified is False
    assert "SOP-9" in spec.source
    assert "unverified" in spec.notes and "min_body_weight_sc_g" in spec.notes


def test_shipped_2006_has_an_unverified_duration_and_size_limits(shipped):
    spec = shipped["2006"]
    assert (spec.reservoir_ul, spec.rate_ul_per_hr, spec.duration_days) == (200, 0.15, 42)
    assert (spec.min_body_weight_sc_g, spec.min_body_weight_ip_g) == (20, 25)
    assert spec.verified is False
    assert "cochlear" in spec.source and "technical tips" in spec.source
    assert "unverified" in spec.notes and "duration_days" in spec.notes


def test_shipped_catalog_primes_every_pump_for_six_hours_and_says_whence(shipped):
    # The brief: at least 4-6 h in sterile saline at 37 C, for every model; no per-model figure
    # was found (REFERENCE 2), so every row says its priming time is unverified for the model.
    assert {spec.priming_hours for spec in shipped.values()} == {6}
    for spec in shipped.values():
        assert "4-6 h" in spec.priming_source and "unverified" in spec.priming_source


def test_shipped_catalog_keeps_the_file_order_and_its_provenance(shipped):
    assert shipped.models[:2] == ["1003D", "1007D"]
    assert shipped.models[-1] == "2ML4"
    assert "version 2" in shipped.provenance and "2026-12-01" in shipped.provenance
    assert not shipped.provenance.startswith("#")
    assert shipped.path == SHIPPED_PATH


def test_every_shipped_pump_can_deliver_its_nominal_duration(shipped):
    for spec in shipped.values():
        assert spec.delivery_capacity_days >= spec.duration_days, spec.model


def test_loading_accepts_a_string_path():
    assert load_pump_catalog(str(SHIPPED_PATH)).models == load_pump_catalog().models


# --- records and derived values --------------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "expected_g"),
    [
        ("sc", 20),  # 2002 Table 1: >= 20 g SC
        ("ip", 25),  # >= 25 g IP
        ("it", 20),  # an intrathecal pump sits subcutaneously: the SC minimum
        ("icv", 20),  # so does an ICV pump
        ("IT", 20),  # route names are not case-sensitive
    ],
)
def test_minimum_body_weight_by_route_uses_sc_for_it_and_icv(shipped, route, expected_g):
    assert shipped["2002"].min_body_weight_g(route) == expected_g


def test_minimum_body_weight_rejects_an_unknown_route(shipped):
    with pytest.raises(ValueError, match="'iv'"):
        shipped["2002"].min_body_weight_g("iv")


def test_rate_in_ml_per_day_for_2ml1(shipped):
    # 10 uL/h x 24 h / 1000 = 0.24 mL/day
    assert shipped["2ML1"].rate_ml_per_day == pytest.approx(0.24)


def test_delivery_capacity_of_2002_is_longer_than_its_two_weeks(shipped):
    # 200 uL / 0.5 uL/h / 24 h = 16.67 days
    assert shipped["2002"].delivery_capacity_days == pytest.approx(16.6667, rel=1e-4)


def test_nominal_delivery_volume_of_2002(shipped):
    # 0.5 uL/h x 24 h x 14 days = 168 uL
    assert shipped["2002"].nominal_delivery_volume_ul == pytest.approx(168)


def test_to_dict_returns_the_csv_columns_in_file_order(shipped):
    with SHIPPED_PATH.open(encoding="utf-8") as file:
        next(file)
        header = next(csv.reader(file))
    row = shipped["2002"].to_dict()
    assert list(row) == header
    assert row["rate_ul_per_hr"] == 0.5 and row["verified"] is True


def test_pump_spec_validates_itself_with_field_value_and_rule():
    with pytest.raises(CatalogError, match=r"rate_ul_per_hr has value -0\.5; .*above 0"):
        PumpSpec("2002", 200, -0.5, 14, 20, 25, 6, "the brief", True, "brief")


def test_pump_spec_rejects_a_verified_flag_that_is_not_a_bool():
    with pytest.raises(CatalogError, match="verified has value 'yes'"):
        PumpSpec("2002", 200, 0.5, 14, 20, 25, 6, "the brief", "yes", "brief")


def test_pump_spec_is_frozen(shipped):
    with pytest.raises(AttributeError):
        shipped["2002"].rate_ul_per_hr = 1.0


def test_catalog_is_an_immutable_mapping(shipped):
    with pytest.raises(TypeError):
        shipped["2002"] = shipped["2001"]


def test_catalog_names_the_known_models_for_an_unknown_one(shipped):
    with pytest.raises(KeyError, match="2001D.*2ML4"):
        shipped["2001D"]


def test_catalog_rejects_two_specs_with_the_same_model():
    spec = PumpSpec("2002", 200, 0.5, 14, 20, 25, 6, "the brief", True, "brief")
    with pytest.raises(CatalogError, match="'2002' appears twice"):
        PumpCatalog([spec, spec], "provenance")


def test_catalog_error_is_a_value_error():
    assert issubclass(CatalogError, ValueError)


# --- what the loader accepts -----------------------------------------------------------------


def test_parse_accepts_quoted_commas_crlf_a_bom_and_capitalised_verified():
    row = '2002,200,0.5,14,20,25,6,the brief,NO,"brief, Table 1","lot 10, rate 0.52"\r\n'
    text = "\ufeff" + catalog_text(second_row=row).replace("\n", "\r\n")
    spec = parse_pump_catalog(text)["2002"]
    assert spec.source == "brief, Table 1"
    assert spec.notes == "lot 10, rate 0.52"
    assert spec.verified is False


def test_parse_ignores_unknown_columns_and_blank_lines():
    header = HEADER.replace(",notes", ",notes,lot_number")
    text = PROVENANCE + header + "\n" + ROW_1007D.replace(",\n", ",,L123\n") + "\n"
    assert parse_pump_catalog(text).models == ["1007D"]


def test_parse_does_not_need_a_notes_column():
    header = HEADER.replace(",notes", "")
    text = PROVENANCE + header + ROW_1007D.removesuffix(",\n") + "\n"
    assert parse_pump_catalog(text)["1007D"].notes == ""


def test_parsed_text_has_no_path():
    assert parse_pump_catalog(catalog_text()).path is None


# --- one case per rule: each message names where, what and which value -----------------------

BAD_FILES = [
    # non-numeric rate
    (
        catalog_text("2002,200,fast,14,20,25,6,the brief,yes,brief,\n"),
        ["line 4", "row 2", "rate_ul_per_hr", "'fast'"],
    ),
    # zero reservoir
    (
        catalog_text("2002,0,0.5,14,20,25,6,the brief,yes,brief,\n"),
        ["line 4", "row 2", "reservoir_ul", "'0'"],
    ),
    # negative rate
    (
        catalog_text("2002,200,-0.5,14,20,25,6,the brief,yes,brief,\n"),
        ["line 4", "row 2", "rate_ul_per_hr", "'-0.5'"],
    ),
    # negative IP size limit
    (
        catalog_text("2002,200,0.5,14,20,-25,6,the brief,yes,brief,\n"),
        ["line 4", "row 2", "min_body_weight_ip_g", "'-25'"],
    ),
    # zero priming time
    (
        catalog_text("2002,200,0.5,14,20,25,0,the brief,yes,brief,\n"),
        ["line 4", "row 2", "priming_hours", "'0'"],
    ),
    # NaN duration
    (
        catalog_text("2002,200,0.5,nan,20,25,6,the brief,yes,brief,\n"),
        ["line 4", "row 2", "duration_days", "'nan'"],
    ),
    # infinite SC size limit
    (
        catalog_text("2002,200,0.5,14,inf,25,6,the brief,yes,brief,\n"),
        ["line 4", "row 2", "min_body_weight_sc_g", "'inf'"],
    ),
    # a number too large for a float is infinite too
    (
        catalog_text("2002,1e999,0.5,14,20,25,6,the brief,yes,brief,\n"),
        ["line 4", "row 2", "reservoir_ul", "'1e999'"],
    ),
    # blank required number
    (
        catalog_text("2002,,0.5,14,20,25,6,the brief,yes,brief,\n"),
        ["line 4", "row 2", "reservoir_ul", "is blank"],
    ),
    # blank model
    (
        catalog_text(",200,0.5,14,20,25,6,the brief,yes,brief,\n"),
        ["line 4", "row 2", "column model", "is blank"],
    ),
    # blank source
    (
        catalog_text("2002,200,0.5,14,20,25,6,the brief,yes,,\n"),
        ["line 4", "row 2", "column source", "is blank"],
    ),
    # a row cut short leaves required cells blank
    (catalog_text("2002,200,0.5\n"), ["line 4", "row 2", "duration_days", "is blank"]),
    # verified must be yes/no/true/false
    (
        catalog_text("2002,200,0.5,14,20,25,6,the brief,maybe,brief,\n"),
        ["line 4", "row 2", "verified", "'maybe'"],
    ),
    # blank verified
    (
        catalog_text("2002,200,0.5,14,20,25,6,the brief,,brief,\n"),
        ["line 4", "row 2", "verified", "is blank"],
    ),
    # duplicate model
    (catalog_text(ROW_1007D), ["line 4", "row 2", "column model", "'1007D'", "row 1 (line 3)"]),
    # duplicate model differing only in case
    (catalog_text(ROW_1007D.replace("D", "d")), ["line 4", "row 2", "'1007d'", "row 1 (line 3)"]),
    # the SOP's impossible 2001: 1 uL/h x 24 h x 14 days = 336 uL > 200 uL
    (
        catalog_text("2001,200,1,14,20,25,6,the brief,yes,SOP,\n"),
        ["line 4", "row 2", "rate_ul_per_hr", "336 uL", "200 uL"],
    ),
    # an unquoted comma makes one cell too many
    (
        catalog_text("2002,200,0.5,14,20,25,6,the brief,yes,brief, Table 1,x\n"),
        ["line 4", "row 2", "12 cells", "'x'"],
    ),
    # an unclosed quote
    (catalog_text('2002,200,0.5,14,20,25,6,the brief,yes,"brief,\n'), ["line 4", "CSV", "quote"]),
    # missing required column
    (
        catalog_text(header=HEADER.replace("priming_hours,", "")),
        ["line 2", "header", "priming_hours"],
    ),
    # a required column named twice
    (
        catalog_text(header=HEADER.replace(",notes", ",source")),
        ["line 2", "header", "source", "repeat"],
    ),
    # no header at all
    (PROVENANCE, ["line 2", "no header"]),
    # a header but no rows
    (PROVENANCE + HEADER, ["no pump rows"]),
    # missing provenance line: the file starts with the header
    (HEADER + ROW_1007D, ["line 1", "provenance", "'model,reservoir_ul"]),
    # a provenance line with no text
    (catalog_text(provenance="#\n"), ["line 1", "provenance", "'#'"]),
    # empty file
    ("", ["pump_specs.csv", "empty"]),
    # a file of blank lines is empty too
    ("\n \n", ["pump_specs.csv", "empty"]),
]


@pytest.mark.parametrize(("text", "fragments"), BAD_FILES)
def test_bad_file_raises_catalog_error_naming_line_column_and_value(tmp_path, text, fragments):
    path = tmp_path / "pump_specs.csv"
    path.write_text(text, encoding="utf-8", newline="")
    with pytest.raises(CatalogError) as caught:
        load_pump_catalog(path)
    for fragment in fragments:
        assert fragment in str(caught.value)


@pytest.mark.parametrize(("text", "fragments"), BAD_FILES)
def test_bad_upload_text_raises_the_same_catalog_error(text, fragments):
    with pytest.raises(CatalogError) as caught:
        parse_pump_catalog(text, "upload.csv")
    for fragment in fragments:
        assert fragment.replace("pump_specs.csv", "upload.csv") in str(caught.value)


def test_message_for_a_bad_cell_reads_as_a_sentence():
    with pytest.raises(CatalogError) as caught:
        parse_pump_catalog(catalog_text("2002,200,-0.5,14,20,25,6,the brief,yes,brief,\n"))
    assert str(caught.value) == (
        "pump_specs.csv line 4 (row 2, model 2002): column rate_ul_per_hr has value '-0.5'; "
        "it must be a finite number above 0."
    )


def test_message_for_the_impossible_2001_gives_the_numbers():
    with pytest.raises(CatalogError) as caught:
        parse_pump_catalog(catalog_text("2001,200,1.0,14,20,25,6,the brief,yes,SOP,\n"))
    assert "1 uL/h x 24 h x 14 days = 336 uL exceeds the reservoir of 200 uL" in str(caught.value)


def test_line_numbers_count_the_lines_of_a_multiline_cell():
    note_over_two_lines = '2002,200,0.5,14,20,25,6,the brief,yes,brief,"first\nsecond"\n'
    text = catalog_text(note_over_two_lines) + "2004,200,0.25,28,20,25,6,sure,brief,\n"
    with pytest.raises(CatalogError, match=r"line 6 \(row 3, model 2004\)"):
        parse_pump_catalog(text)


def test_non_utf8_bytes_raise_catalog_error_naming_the_line_and_byte(tmp_path):
    path = tmp_path / "pump_specs.csv"
    path.write_bytes(
        catalog_text("2002,200,0.5,14,20,25,6,the brief,yes,brief,caf\xe9\n").encode("latin-1")
    )
    with pytest.raises(CatalogError, match=r"pump_specs\.csv line 4: byte 0xe9 is not UTF-8"):
        load_pump_catalog(path)


def test_file_over_one_megabyte_raises_catalog_error_with_its_size(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text(
        catalog_text(f"2002,200,0.5,14,20,25,6,the brief,yes,brief,{'x' * 1_000_000}\n")
    )
    with pytest.raises(CatalogError, match=r"big\.csv is 1,000,\d{3} bytes; the limit is 1 MB"):
        load_pump_catalog(path)


def test_upload_text_over_one_megabyte_raises_catalog_error():
    text = catalog_text(f"2002,200,0.5,14,20,25,6,the brief,yes,brief,{'x' * 1_000_000}\n")
    with pytest.raises(CatalogError, match="upload.csv is 1,000,"):
        parse_pump_catalog(text, "upload.csv")


def test_missing_file_raises_catalog_error_naming_the_path(tmp_path):
    path = tmp_path / "no_such_catalogue.csv"
    with pytest.raises(CatalogError, match=r"no_such_catalogue\.csv not found"):
        load_pump_catalog(path)


def test_a_directory_instead_of_a_file_raises_catalog_error(tmp_path):
    with pytest.raises(CatalogError, match="cannot be read"):
        load_pump_catalog(tmp_path)
