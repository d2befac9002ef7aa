"""Tests for lib/calc/dose_form.py: a dose of the free base, prepared by weighing a salt.

Molecular weights from lib/data/compounds.csv with their sources: norepinephrine bitartrate
monohydrate 337.28 g/mol (USP 32) against norepinephrine 169.18; morphine sulfate pentahydrate
758.83 (USP 32), which holds two morphines of 285.34.
"""

from dataclasses import replace

import pytest

from lib import Plan, evaluate, load_pump_catalog
from lib.calc.dose_form import dose_form, weighed_mg_per_base_mg
from lib.calc.preparation import plan_preparations
from lib.documents.protocol import protocol_html
from lib.tables.compounds import shipped_compounds

CATALOG = load_pump_catalog()
# Cassis et al. 2009: norepinephrine 5.6 mg/kg/day for 28 days to a 25 g mouse on a 2004
NOREPINEPHRINE = Plan(
    compound="norepinephrine", vehicle="saline", route="sc", species="mouse", dose=5.6,
    dose_unit="mg/kg/day", body_weight_g=25.0, pump_model="2004", study_days=28.0,
)  # fmt: skip
AS_THE_BASE = replace(NOREPINEPHRINE, dose_basis="free_base")


def test_the_salt_that_holds_one_mg_of_norepinephrine_weighs_1_99_mg():
    # 337.28 / 169.18 = 1.99362
    assert weighed_mg_per_base_mg(337.28, 169.18) == pytest.approx(1.99362, rel=1e-5)


def test_morphine_sulfate_holds_two_morphines_per_formula_unit():
    # 758.83 / (2 x 285.34) = 1.32970
    form = dose_form(Plan(compound="morphine", dose_basis="free_base"), shipped_compounds())
    assert form.weighed_mg_per_dose_mg == pytest.approx(758.83 / 570.68, rel=1e-12)
    assert (form.weighed_form, form.counted_form) == ("morphine sulfate pentahydrate", "morphine")


def test_a_dose_as_weighed_weighs_what_it_says():
    form = dose_form(NOREPINEPHRINE, shipped_compounds())
    assert form.weighed_mg_per_dose_mg == 1.0 and not form.is_salt_conversion
    assert form.molecular_weight_g_per_mol == 337.28


def test_the_base_concentration_and_the_salt_to_weigh_for_norepinephrine_as_the_base():
    # 5.6 mg/kg/day x 0.025 kg = 0.14 mg/day of the base; a 2004 pumps 0.25 uL/h = 0.006 mL/day:
    # 0.14 / 0.006 = 23.33 mg/mL as the base, x 1.99362 = 46.52 mg/mL of the bitartrate.
    evaluation = evaluate(AS_THE_BASE, CATALOG)
    assert evaluation.concentration_mg_per_ml == pytest.approx(23.3333, rel=1e-4)
    (preparation,) = plan_preparations(evaluation)
    assert preparation.concentration_mg_per_ml == pytest.approx(46.5178, rel=1e-4)
    assert preparation.dose_concentration_mg_per_ml == pytest.approx(23.3333, rel=1e-4)
    # The recipe weighs the salt: recomputed from the amounts it prints, within 1 %
    first = preparation.recipe.steps[0]
    assert first.mass_mg / (first.volume_ul / 1000) == pytest.approx(46.5178, rel=0.01)


def test_the_sheets_name_the_salt_and_the_base():
    sheet = protocol_html(AS_THE_BASE, CATALOG)
    assert (
        "46.5 mg/mL norepinephrine bitartrate monohydrate (23.3 mg/mL as norepinephrine)" in sheet
    )


def test_a_molar_dose_of_the_base_counts_moles_of_the_base():
    # 100 umol/kg/day of norepinephrine x 169.18 ug/umol = 16.918 mg/kg/day of the base; a 25 g
    # mouse on a 2004: 16.918 x 0.025 / 0.006 = 70.49 mg/mL as the base, x 1.99362 = 140.5 of
    # the salt (the same number of moles: 70.49 / 169.18 = 0.4167 mmol/mL).
    plan = replace(AS_THE_BASE, dose=100.0, dose_unit="umol/kg/day")
    evaluation = evaluate(plan, CATALOG)
    assert evaluation.concentration_mg_per_ml == pytest.approx(70.4917, rel=1e-4)
    (preparation,) = plan_preparations(evaluation)
    assert preparation.concentration_mg_per_ml == pytest.approx(140.532, rel=1e-4)


def test_solubility_of_the_salt_is_compared_in_the_dose_s_form():
    # Norepinephrine bitartrate dissolves at least at 50 mg/mL (USP 32 test solution), which
    # holds 50 / 1.99362 = 25.08 mg/mL of the base: the limit the base's concentration meets.
    limits = evaluate(AS_THE_BASE, CATALOG).limits
    assert limits.solubility_mg_per_ml == pytest.approx(25.080, rel=1e-4)


def test_a_free_base_dose_of_a_compound_the_table_lacks_asks_for_the_base_weight():
    plan = Plan(compound="my peptide", dose_basis="free_base", molecular_weight_g_per_mol=1200)
    evaluation = evaluate(plan, CATALOG)
    assert evaluation.concentration_mg_per_ml is None
    codes = [finding.code for finding in evaluation.findings]
    assert "dose_form_incomplete" in codes
    given = replace(plan, free_base_molecular_weight_g_per_mol=1000)
    # 1.0 ug/h / 0.5 uL/h = 2.0 mg/mL of the base; x 1200 / 1000 = 2.4 of the form weighed
    (preparation,) = plan_preparations(evaluate(given, CATALOG))
    assert preparation.concentration_mg_per_ml == pytest.approx(2.4, rel=1e-12)


def test_a_free_form_counted_as_its_free_base_is_the_same_dose():
    # Baclofen is weighed as itself: its free base is the form weighed
    plan = Plan(dose_basis="free_base")
    assert evaluate(plan, CATALOG).concentration_mg_per_ml == pytest.approx(2.0, rel=1e-12)


def test_dose_basis_survives_a_saved_file_and_a_link():
    from lib import plan_from_json, plan_from_query, plan_to_json, plan_to_query

    plan = AS_THE_BASE
    assert plan_from_json(plan_to_json(plan, CATALOG), CATALOG)[0] == plan
    assert plan_from_query(plan_to_query(plan), CATALOG)[0] == plan
