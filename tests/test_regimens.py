"""Tests for lib/teaching/regimens.py: published regimens (lib/data/regimens.csv) give plans whose
numbers the app computes as the papers state them."""

import pytest

from lib import Regimen, evaluate, load_pump_catalog, load_regimens
from lib.errors import TableError
from lib.tables.compounds import shipped_compounds
from lib.units import convert_dose

CATALOG = load_pump_catalog()
REGIMENS = load_regimens()
STATED = [regimen for regimen in REGIMENS if regimen.concentration_mg_per_ml is not None]


def by_name(name: str) -> Regimen:
    return next(regimen for regimen in REGIMENS if regimen.regimen == name)


def test_the_table_holds_at_least_25_regimens_of_at_least_12_compounds_each_findable():
    assert len(REGIMENS) >= 25
    assert len({regimen.compound for regimen in REGIMENS}) >= 12
    assert all(shipped_compounds().knows(regimen.compound) for regimen in REGIMENS)
    assert all(regimen.pmid or regimen.doi for regimen in REGIMENS)


@pytest.mark.parametrize("regimen", REGIMENS, ids=lambda regimen: regimen.regimen)
def test_every_regimen_gives_a_plan_with_a_concentration(regimen):
    evaluation = evaluate(regimen.plan(CATALOG), CATALOG)
    assert evaluation.concentration_mg_per_ml is not None
    assert regimen.short_citation and regimen.label.startswith(regimen.compound)


def half_a_unit_of_the_last_digit(value: float) -> float:
    """The rounding a stated figure carries: 21.2 -> 0.05, 630.0 -> 0.05 (tighter than the
    paper's, never looser)."""
    decimals = len(repr(value).split(".")[1]) if "." in repr(value) else 0
    return 0.5 * 10.0**-decimals


@pytest.mark.parametrize("regimen", STATED, ids=lambda regimen: regimen.regimen)
def test_a_stated_concentration_is_what_the_app_computes_within_the_paper_s_rounding(regimen):
    # Dose stated: the app computes the concentration from it (Milne et al. 1985: 10 ug/h at
    # 1 uL/h = 10 mg/mL, at 0.5 uL/h = 20 mg/mL; 15 ug/h of norepinephrine = 15 mg/mL;
    # Campagnole-Santos 2008: 200 ng/h at 0.5 uL/h = 0.4 mg/mL). Dose not stated (a stock and a
    # rate): the app delivers the dose the paper's figures give (Smith & Amdisen 1981: 21.2 mg/mL
    # x 1.08 uL/h = 22.9 ug/h; Bernstein 1983: 630 mg/mL x 1 uL/h x 24 = 15.12 mg/day).
    plan = regimen.plan(CATALOG)
    evaluation = evaluate(plan, CATALOG)
    stated = regimen.concentration_mg_per_ml
    assert evaluation.concentration_mg_per_ml == pytest.approx(
        stated, abs=half_a_unit_of_the_last_digit(stated)
    )
    delivered_ug_per_hr = evaluation.mass_flow_ug_per_hr
    dose_ug_per_hr = convert_dose(
        regimen.dose, regimen.dose_unit, "ug/h", plan.body_weight_g,
        evaluation.molecular_weight_g_per_mol,
    )  # fmt: skip
    assert delivered_ug_per_hr == pytest.approx(dose_ug_per_hr, rel=0.005)


def test_mcquade_lithium_is_12_5_molar_as_the_reference_works_it():
    # REFERENCE 4: 3 mmol/kg/day for a predicted 250 g = 0.75 mmol/day; a 2ML4 pumps 2.5 uL/h
    # = 0.06 mL/day: 12.5 mmol/mL = 12.5 M, x 42.39 g/mol = 529.9 mg/mL
    evaluation = evaluate(by_name("lithium-chloride-rat-mcquade-2004").plan(CATALOG), CATALOG)
    assert evaluation.concentration_mg_per_ml == pytest.approx(529.875, rel=1e-9)
    assert evaluation.concentration_mmol_per_l == pytest.approx(12_500.0, rel=1e-9)


def test_a_saturated_lithium_chloride_fill_is_no_conflict():
    # Bernstein & Goehler 1983 filled a saturated solution (63 g/100 mL = 630 mg/mL): under the
    # Merck Index's 769 mg/mL it is 82 % of it, a caution, not a conflict (issue 25)
    evaluation = evaluate(by_name("lithium-chloride-rat-bernstein-1983").plan(CATALOG), CATALOG)
    codes = {finding.code: finding.severity for finding in evaluation.findings}
    assert codes.get("solubility_near_limit") == "caution"
    assert "solubility_exceeded" not in codes


def test_thornton_pups_are_planned_as_pups_not_as_typos():
    # P14 rats: age 14 days under the 21-day weaning age (species.csv)
    plan = by_name("morphine-rat-thornton-1997").plan(CATALOG)
    assert plan.age_at_implant_days == 14
    codes = [finding.code for finding in evaluate(plan, CATALOG).findings]
    assert "weight_implausible_for_species" not in codes


def test_what_the_paper_does_not_state_is_listed_as_chosen():
    regimen = by_name("norepinephrine-mouse-cassis-2009")
    assumed = regimen.assumed(regimen.plan(CATALOG))
    assert "route: subcutaneous" in assumed and "body weight: 25.4 g" in assumed
    assert any(choice.startswith("pump: model") for choice in assumed)
    milne = by_name("morphine-rat-milne-1985-05ulh")
    assert "pump: model 2002 at the stated rate" in milne.assumed(milne.plan(CATALOG))
    assert milne.plan(CATALOG).pump_model == "2002"  # 0.5 uL/h for 14 days


def test_a_lot_rate_the_paper_measured_is_kept():
    # Smith & Amdisen 1981: a 2001 measured at 1.08 uL/h (nominal 1.0)
    plan = by_name("lithium-chloride-rat-smith-1981").plan(CATALOG)
    assert (plan.pump_model, plan.lot_rate_ul_per_hr) == ("2001", 1.08)


def test_intrathecal_baclofen_without_a_stated_pump_is_not_given_a_2_ml_pump():
    # Kroin et al. 1993, 1 ug/h intrathecally: a 2ML1's 10 uL/h is 43 % of a rat's CSF
    plan = by_name("baclofen-rat-kroin-1993").plan(CATALOG)
    assert CATALOG[plan.pump_model].rate_ul_per_hr <= 1.0


HEADER = (
    "regimen,compound,species,strain,sex,age,age_days,body_weight_g,body_weight_stated,route,"
    "pump_model,rate_ul_per_hr,dose,dose_unit,dose_basis,dose_stated,duration_days,vehicle,"
    "concentration_mg_per_ml,concentration_as_stated,citation,pmid,doi,verified,source,notes\n"
)
ROW = "r1,baclofen,rat,,,,,,,it,,,1,ug/h,as_weighed,yes,7,saline,,,A et al. 1993,8410224,,yes,x,\n"


def test_a_regimen_in_a_unit_the_app_lacks_is_refused_naming_the_row(tmp_path):
    path = tmp_path / "regimens.csv"
    path.write_text("# test\n" + HEADER + ROW.replace("ug/h", "U/kg/day"), encoding="utf-8")
    with pytest.raises(TableError, match=r"regimens.csv line 3 \(row 1, regimen r1\).*U/kg/day"):
        load_regimens(path)


def test_a_regimen_without_a_pmid_or_doi_is_refused(tmp_path):
    path = tmp_path / "regimens.csv"
    path.write_text("# test\n" + HEADER + ROW.replace("8410224", ""), encoding="utf-8")
    with pytest.raises(TableError, match="PMID or a DOI"):
        load_regimens(path)
