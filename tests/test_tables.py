"""Tests for lib/tables/reader.py on the small data files: every file is read by the one strict
reader (a provenance line, typed cells, one row per key), and a bad one raises a TableError
naming the file, line, row, column and value (the pump catalogue's rules: tests/test_catalog.py)."""

import pytest

from lib.errors import CatalogError, InputError, TableError
from lib.tables.compounds import load_compound_table
from lib.tables.presets import load_growth_presets
from lib.tables.tubing import load_tubing
from lib.tables.vehicles import load_vehicles

COMPOUNDS = (
    "# compounds.csv: test table, version 1, 2026-12-01\n"
    "compound,synonyms,category,weighed_form,molecular_weight_g_per_mol,free_base,"
    "free_base_molecular_weight_g_per_mol,free_base_per_formula_unit,verified,source,notes\n"
    "baclofen,Lioresal,CNS drug,baclofen,213.66,,,,yes,label,\n"
    "norepinephrine,noradrenaline,catecholamine,norepinephrine bitartrate monohydrate,337.28,"
    "norepinephrine,169.18,,yes,USP 32,\n"
)
SOLUBILITY = (
    "# solubility.csv: test table, version 1, 2026-12-01\n"
    "compound,vehicle,solubility_mg_per_ml,figure,solubility_term,temperature_c,form,verified,"
    "source,notes\n"
    "baclofen,water,4.3,saturation,,,,yes,label,\n"
)


def compound_folder(tmp_path, compounds: str = COMPOUNDS, solubility: str = SOLUBILITY):
    write(tmp_path, "compounds.csv", compounds)
    write(tmp_path, "solubility.csv", solubility)
    return tmp_path


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_tables_load():
    assert load_compound_table().lookup("baclofen", "aCSF").solubility_mg_per_ml == 4.3
    assert load_tubing()["PE-60"].volume_ul_per_cm == 4.566  # ALZET, Catheter use
    assert load_growth_presets()["wistar_male_juvenile"].weights_g == (100.0, 250.0)
    vehicles = load_vehicles()
    assert vehicles.lookup("Normal  Saline").name == "saline"  # an alias, any case and spacing
    assert vehicles.lookup("sesame oil").pump_compatible == "no"  # SOP-9: no natural oils


def test_a_vehicle_compatibility_other_than_yes_no_unknown_is_refused(tmp_path):
    text = (
        "# vehicles.csv: test, version 1\nvehicle,aliases,kind,pump_compatible,source,notes\n"
        "hexane,,aliphatic hydrocarbon,maybe,SOP-9,\n"
    )
    with pytest.raises(TableError, match="line 3.*pump_compatible has value 'maybe'"):
        load_vehicles(write(tmp_path, "vehicles.csv", text))


def test_two_rows_for_one_compound_in_one_vehicle_are_refused_not_the_last_kept(tmp_path):
    # Before: the second row silently replaced the first (7.5 mg/mL would have won).
    text = SOLUBILITY + "Baclofen,Water,7.5,saturation,,,,yes,another source,\n"
    with pytest.raises(TableError) as caught:
        load_compound_table(compound_folder(tmp_path, solubility=text))
    message = str(caught.value)
    assert "solubility.csv line 4 (row 2, compound Baclofen, vehicle Water)" in message
    assert "row 1 (line 3) already defines them" in message


def test_a_bad_compounds_file_raises_a_table_error_that_is_not_a_catalog_error(tmp_path):
    text = SOLUBILITY.replace("4.3,", "-4.3,")
    with pytest.raises(TableError) as caught:
        load_compound_table(compound_folder(tmp_path, solubility=text))
    assert not isinstance(caught.value, CatalogError)
    assert isinstance(caught.value, InputError) and isinstance(caught.value, ValueError)
    assert "column solubility_mg_per_ml has value '-4.3'" in str(caught.value)


def test_a_compounds_file_without_its_provenance_line_is_refused(tmp_path):
    folder = compound_folder(tmp_path, compounds=COMPOUNDS.split("\n", 1)[1])
    with pytest.raises(TableError, match="compounds.csv line 1: .*provenance"):
        load_compound_table(folder)


def test_verified_must_say_yes_or_no(tmp_path):
    text = COMPOUNDS.replace(",yes,label", ",probably,label")
    with pytest.raises(TableError, match="verified has value 'probably'"):
        load_compound_table(compound_folder(tmp_path, compounds=text))


def test_a_fact_about_a_compound_the_table_lacks_is_refused_naming_it(tmp_path):
    text = SOLUBILITY + "bacofen,saline,4.3,saturation,,,,yes,label,\n"
    with pytest.raises(TableError, match=r"line 4 .*column compound has value 'bacofen'"):
        load_compound_table(compound_folder(tmp_path, solubility=text))


def test_one_name_for_two_compounds_is_refused(tmp_path):
    text = COMPOUNDS.replace("noradrenaline", "Lioresal")
    with pytest.raises(TableError, match="'Lioresal' is given to baclofen and to norepinephrine"):
        load_compound_table(compound_folder(tmp_path, compounds=text))


def test_a_figure_must_say_whether_it_is_a_saturation_or_a_strength_known_to_dissolve(tmp_path):
    text = SOLUBILITY.replace(",saturation,", ",maybe,")
    with pytest.raises(TableError, match="column figure has value 'maybe'"):
        load_compound_table(compound_folder(tmp_path, solubility=text))


def test_a_row_without_a_figure_or_a_term_is_refused(tmp_path):
    text = SOLUBILITY.replace("4.3,saturation,", ",,")
    with pytest.raises(TableError, match="a figure, or a solubility_term given"):
        load_compound_table(compound_folder(tmp_path, solubility=text))


def test_a_compound_is_found_by_a_synonym_in_any_case(tmp_path):
    table = load_compound_table(compound_folder(tmp_path))
    assert table.find("  NorAdrenaline ").compound == "norepinephrine"
    assert table.find("NORADRENALINE").molecular_weight_g_per_mol == 337.28


def test_an_aqueous_vehicle_without_a_figure_takes_the_one_in_water_marked_applied(tmp_path):
    table = load_compound_table(compound_folder(tmp_path))
    row = table.lookup("baclofen", "saline")
    assert (row.solubility_mg_per_ml, row.applied_from, row.verified) == (4.3, "water", False)
    assert table.lookup("baclofen", "DMSO") is None  # a co-solvent takes nothing


def test_every_shipped_compound_fact_names_a_compound_of_the_table_and_a_source():
    table = load_compound_table()
    assert len(table.compounds) >= 40
    rows = [*table.solubility.values(), *table.stability_rows, *table.effect_rows]
    assert all(table.knows(row.compound) and row.source for row in rows)


def test_a_tubing_without_a_volume_is_refused_naming_the_row(tmp_path):
    text = "# catheters.csv: test, version 1\ntubing,volume_ul_per_cm,source\nPE-60,,ALZET\n"
    with pytest.raises(TableError, match=r"line 3 \(row 1, tubing PE-60\): column volume"):
        load_tubing(write(tmp_path, "catheters.csv", text))


def test_two_weights_for_one_age_of_a_preset_are_refused(tmp_path):
    header = "preset,description,species,age_days,body_weight_g,confidence,source\n"
    row = "wistar,Wistar,rat,28,100,moderate,Tauer\n"
    text = "# growth_presets.csv: test, version 1\n" + header + row + row.replace("100", "110")
    with pytest.raises(TableError, match="preset wistar, age_days 28"):
        load_growth_presets(write(tmp_path, "growth_presets.csv", text))


def test_the_catalog_error_is_a_table_error():
    assert issubclass(CatalogError, TableError) and issubclass(TableError, InputError)


def test_the_data_readme_counts_the_rows_and_verified_values_of_each_file():
    # lib/data/README.md states how many values are verified: it must say what the files hold
    import csv
    import io
    import re
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "lib" / "data"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    stated = re.findall(r"^\| (\w+\.csv) \| (\d+) \| (\d+) \|", readme, flags=re.MULTILINE)
    assert len(stated) == 8
    for name, rows, verified in stated:
        lines = (folder / name).read_text(encoding="utf-8").splitlines(keepends=True)[1:]
        table = list(csv.DictReader(io.StringIO("".join(lines))))
        counted = sum(row["verified"] == "yes" for row in table)
        assert (len(table), counted) == (int(rows), int(verified)), name
