"""Tests for lib/calc/advisor.py: every model judged for a plan, the workable ones first.

Worked by hand with REFERENCE section 2's nominal rates and baclofen's 4.3 mg/mL ceiling and
2.0 mg/mL caution (section 4). C [mg/mL] = mass flow [ug/h] / rate [uL/h].
"""

import pytest

from lib import Plan, load_pump_catalog
from lib.calc.advisor import rank_pumps

COLUMNS = [
    "model",
    "rate_ul_per_hr",
    "duration_days",
    "concentration_mg_per_ml",
    "percent_of_solubility",
    "dose_mg_per_kg_per_day",
    "fits_animal",
    "pumps_needed",
    "verdict",
    "reasons",
]


@pytest.fixture(scope="module")
def catalog():
    return load_pump_catalog()


def row_of(table, model):
    return table.set_index("model").loc[model]


def test_rank_pumps_has_one_row_per_model_and_the_documented_columns(catalog):
    table = rank_pumps(Plan(), catalog)
    assert list(table.columns) == COLUMNS
    assert sorted(table["model"]) == sorted(catalog.models)


def test_a_small_mouse_is_steered_to_a_100_ul_pump(catalog):
    # An 18 g mouse, SC: 200 uL pumps need 20 g. 1007D: 1 ug/h / 0.5 uL/h = 2.0 mg/mL for 7 days,
    # 2.0 / 4.3 = 46.5 % of the ceiling, one pump.
    table = rank_pumps(Plan(species="mouse", route="sc", body_weight_g=18.0), catalog)
    first = table.iloc[0]
    assert (first["model"], first["verdict"], first["pumps_needed"]) == ("1007D", "feasible", 1)
    assert first["percent_of_solubility"] == pytest.approx(100 * 2.0 / 4.3)
    too_big = row_of(table, "2001")
    assert (too_big["verdict"], bool(too_big["fits_animal"])) == ("conflict", False)
    assert "20 g minimum" in too_big["reasons"]


def test_a_dose_above_solubility_ranks_the_faster_pumps_first(catalog):
    # 5 ug/h: 2ML1 (10 uL/h) 0.5 mg/mL, 2ML2 (5) 1.0, 2ML4 (2.5) 2.0; 2001 (1.0) 5.0 > 4.3.
    table = rank_pumps(Plan(dose=5.0, body_weight_g=300.0), catalog)
    assert list(table["model"][:3]) == ["2ML1", "2ML2", "2ML4"]
    assert list(table["concentration_mg_per_ml"][:3]) == pytest.approx([0.5, 1.0, 2.0])
    assert row_of(table, "2001")["verdict"] == "conflict"
    assert "5.00 mg/mL ≥ solubility 4.30" in row_of(table, "2001")["reasons"]


def test_fewest_pumps_come_first_among_the_feasible(catalog):
    # 28 days at 1 ug/h: 2ML4 lasts alone at 1 / 2.5 = 0.4 mg/mL; 2002 needs two (day 14).
    table = rank_pumps(Plan(study_days=28.0), catalog)
    first = table.iloc[0]
    assert (first["model"], first["pumps_needed"]) == ("2ML4", 1)
    assert row_of(table, "2002")["pumps_needed"] == 2
    assert "replaced on day 14" in row_of(table, "2002")["reasons"]
    # 2004 lasts 28 days but needs 1 / 0.25 = 4.0 mg/mL: above 2.0, under 4.3: a caution.
    assert row_of(table, "2004")["verdict"] == "caution"


def test_a_fixed_concentration_gives_each_pump_its_delivered_dose(catalog):
    # 2.0 mg/mL in a 2ML1 (10 uL/h = 0.24 mL/day): 0.48 mg/day / 0.25 kg = 1.92 mg/kg/day.
    table = rank_pumps(Plan(fixed_concentration_mg_per_ml=2.0), catalog)
    assert set(table["concentration_mg_per_ml"]) == {2.0}
    assert row_of(table, "2ML1")["dose_mg_per_kg_per_day"] == pytest.approx(1.92)


def test_a_molar_dose_without_molecular_weight_is_judged_not_crashed(catalog):
    table = rank_pumps(Plan(compound="custom", dose_unit="mmol/kg/day", dose=1e-4), catalog)
    assert table["concentration_mg_per_ml"].isna().all()
    assert set(table["verdict"]) == {"conflict"}
