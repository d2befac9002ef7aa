"""Tests for lib/calc/advisor.py and lib/calc/advisor_proposals.py: every model judged for a
plan, ranked by what it takes to make the plan work, the first rows with a proposal.

Worked by hand with REFERENCE section 2's nominal rates and lib/data/compounds.csv: baclofen
dissolves to 4.3 mg/mL in water, saline and aCSF (the caution from 80 % of it is 3.44 mg/mL;
on the intrathecal route the marketed 2.0 mg/mL too). C [mg/mL] = mass flow [ug/h] / rate
[uL/h] = dose [mg/kg/day] x weight [kg] / rate [mL/day], rate [mL/day] = uL/h x 24 / 1000.
"""

from dataclasses import replace

import pytest

from lib import Plan, load_pump_catalog
from lib.calc.advisor import rank_pumps
from lib.evaluate import evaluate
from lib.ui.advisor import PumpAdvisor

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
ADDED_COLUMNS = [
    "distance_from_feasible",
    "percent_of_target",
    "proposal",
    "proposal_changes",
    "proposal_label",
]
# Issue 17: subcutaneous baclofen 5 mg/kg/day to a 300 g rat for 28 days: 1.5 mg/day.
SUBCUTANEOUS_BACLOFEN = Plan(
    vehicle="saline",
    dose=5.0,
    dose_unit="mg/kg/day",
    route="sc",
    body_weight_g=300.0,
    study_days=28.0,
)
# Issue 17: a 25 g mouse, intraperitoneal, 1 mg/kg/day for 14 days: 0.025 mg/day.
INTRAPERITONEAL_MOUSE = Plan(
    vehicle="saline",
    dose=1.0,
    dose_unit="mg/kg/day",
    species="mouse",
    route="ip",
    body_weight_g=25.0,
    study_days=14.0,
)


@pytest.fixture(scope="module")
def catalog():
    return load_pump_catalog()


def row_of(table, model):
    return table.set_index("model").loc[model]


def test_rank_pumps_has_one_row_per_model_and_the_documented_columns(catalog):
    table = rank_pumps(Plan(), catalog)
    assert list(table.columns) == COLUMNS + ADDED_COLUMNS
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
    assert "under the recommended 20 g" in too_big["reasons"]


def test_a_dose_above_solubility_ranks_the_faster_pumps_first(catalog):
    # 5 ug/h: 2ML1 (10 uL/h) 0.5 mg/mL, 2ML2 (5) 1.0, 2ML4 (2.5) 2.0; 2001 (1.0) 5.0 > 4.3.
    table = rank_pumps(Plan(dose=5.0, body_weight_g=300.0), catalog)
    assert list(table["model"][:3]) == ["2ML1", "2ML2", "2ML4"]
    assert list(table["concentration_mg_per_ml"][:3]) == pytest.approx([0.5, 1.0, 2.0])
    assert row_of(table, "2001")["verdict"] == "conflict"
    assert "5.00 mg/mL ≥ solubility 4.30" in row_of(table, "2001")["reasons"]


def test_fewest_pumps_come_first_among_the_feasible(catalog):
    # 28 days at 1 ug/h under the skin (into the CSF, a 2ML4's 2.5 uL/h is a caution of its
    # own): 2ML4 lasts alone at 1 / 2.5 = 0.4 mg/mL; 2002 needs two (day 14).
    table = rank_pumps(Plan(study_days=28.0, route="sc"), catalog)
    first = table.iloc[0]
    assert (first["model"], first["pumps_needed"]) == ("2ML4", 1)
    assert row_of(table, "2002")["pumps_needed"] == 2
    assert "replaced on day 14" in row_of(table, "2002")["reasons"]
    # 2004 lasts 28 days but needs 1 / 0.25 = 4.0 mg/mL: above 2.0, under 4.3: a caution.
    assert row_of(table, "2004")["verdict"] == "caution"


def test_infeasible_models_are_ranked_by_how_far_they_are_from_feasible(catalog):
    # 1.5 mg/day over each rate in mL/day, against 4.3 mg/mL (was 2ML4, 2004, 2006, 1004 first):
    #   2ML1 0.24 -> 6.25 mg/mL (145 %, 4 pumps of 7 days)   2ML2 0.12 -> 12.5 (291 %, 2 pumps)
    #   2ML4 0.06 -> 25.0 (581 %, 1)    2001 and 1003D 0.024 -> 62.5 (1453 %; 4 and 9 pumps)
    #   2002 and 1007D 0.012 -> 125 (2907 %; 2 and 4)   2004 and 1002 0.006 -> 250 (5814 %; 1, 2)
    #   2006 0.0036 -> 417 (9690 %)   1004 0.00264 -> 568 (13214 %)
    # Equal distances go to the fewer pumps.
    table = rank_pumps(SUBCUTANEOUS_BACLOFEN, catalog)
    assert set(table["verdict"]) == {"conflict"}
    assert list(table["model"]) == [
        "2ML1", "2ML2", "2ML4", "2001", "1003D", "2002", "1007D", "2004", "1002", "2006", "1004"
    ]  # fmt: skip
    assert list(table["percent_of_solubility"][:3]) == pytest.approx(
        [100 * 6.25 / 4.3, 100 * 12.5 / 4.3, 100 * 25.0 / 4.3]
    )
    assert list(table["pumps_needed"][:3]) == [4, 2, 1]
    # The distance is the factor over the ceiling: 6.25 / 4.3 = 1.45.
    assert table["distance_from_feasible"].iloc[0] == pytest.approx(6.25 / 4.3)


def test_one_pump_for_the_study_comes_before_two_in_series(catalog):
    # 0.025 mg/day: 2002 (0.012 mL/day) 2.08 mg/mL = 48 % of 4.3, one pump for 14 days, and on
    # the intraperitoneal route no intrathecal 2 mg/mL caution (issue 15); 2001 (0.024) 1.04 =
    # 24 % but two pumps; 1007D 2.08 = 48 %, two; 1003D 1.04, five (3-day pumps).
    # 1002 and 2004 (0.006): 4.17 = 97 %, a caution. In conflict: 2006 (0.0036) 6.94 = 161 %,
    # distance 1.61; 1004 (0.00264) 9.47 = 220 %, 2.20; the 2 mL pumps need 200 g: 200 / 25 = 8,
    # fewer pumps first (2ML1 lasts 7 days), then the lower concentration (2ML2 4.8 %, 2ML4 9.7 %).
    table = rank_pumps(INTRAPERITONEAL_MOUSE, catalog)
    assert list(table["model"]) == [
        "2002", "2001", "1007D", "1003D", "1002", "2004", "2006", "1004", "2ML2", "2ML4", "2ML1"
    ]  # fmt: skip
    first = table.iloc[0]
    assert (first["verdict"], first["reasons"], first["pumps_needed"]) == ("feasible", "", 1)
    assert first["percent_of_solubility"] == pytest.approx(100 * (0.025 / 0.012) / 4.3)
    assert row_of(table, "2006")["distance_from_feasible"] == pytest.approx((0.025 / 0.0036) / 4.3)
    assert row_of(table, "2ML2")["distance_from_feasible"] == pytest.approx(8.0)


def test_a_fixed_concentration_gives_each_pump_its_delivered_dose(catalog):
    # 2.0 mg/mL in a 2ML1 (10 uL/h = 0.24 mL/day): 0.48 mg/day / 0.25 kg = 1.92 mg/kg/day.
    table = rank_pumps(Plan(fixed_concentration_mg_per_ml=2.0), catalog)
    assert set(table["concentration_mg_per_ml"]) == {2.0}
    assert row_of(table, "2ML1")["dose_mg_per_kg_per_day"] == pytest.approx(1.92)


# A 2.0 mg/mL stock against the plan's 1 ug/h (0.024 mg/day over 0.25 kg = 0.096 mg/kg/day):
# each model delivers 2.0 mg/mL x its mL/day / 0.25 kg.
DELIVERED = [
    ("1007D", 0.096, 100.0),  # 0.012 mL/day
    ("2002", 0.096, 100.0),  # 0.012 mL/day
    ("1002", 0.048, 50.0),  # 0.006 mL/day
    ("2001", 0.192, 200.0),  # 0.024 mL/day
    ("2ML1", 1.92, 2000.0),  # 0.24 mL/day
]


@pytest.mark.parametrize(("model", "dose", "percent"), DELIVERED)
def test_a_stock_shows_each_models_delivered_dose_and_share_of_the_target(
    catalog, model, dose, percent
):
    row = row_of(rank_pumps(Plan(fixed_concentration_mg_per_ml=2.0), catalog), model)
    assert row["dose_mg_per_kg_per_day"] == pytest.approx(dose)
    assert row["percent_of_target"] == pytest.approx(percent)
    html = advisor_rows(Plan(fixed_concentration_mg_per_ml=2.0), catalog)[model]
    assert f"{percent:.0f} % of target" in html and "delivers " in html


def test_a_stock_ranks_the_models_closest_to_the_target_first(catalog):
    # 1007D and 2002 deliver the target (100 %); 1002 (50 %) and 2001 (200 %) are a factor of 2
    # off; the 2 mL pumps 5 to 20 times over it come last of the workable.
    table = rank_pumps(Plan(fixed_concentration_mg_per_ml=2.0), catalog)
    assert list(table["model"][:2]) == ["1007D", "2002"]
    assert list(table["model"][-3:]) == ["2ML4", "2ML2", "2ML1"]
    assert row_of(table, "1002")["reasons"] == "delivers 50 % of the target"


def test_a_stock_twice_too_strong_for_the_model_is_diluted(catalog):
    # On the 2001 the stock delivers 200 %: 2.0 x 100 / 200 = 1.00 mg/mL delivers the target.
    plan = Plan(fixed_concentration_mg_per_ml=2.0, pump_model="2001")
    row = row_of(rank_pumps(plan, catalog), "2001")
    assert row["proposal_changes"] == {"fixed_concentration_mg_per_ml": 1.0}
    assert "Dilute the stock to 1.00 mg/mL" in row["proposal"]
    diluted = evaluate(replace(plan, **row["proposal_changes"]), catalog)
    assert diluted.design_dose_mg_per_kg_per_day == pytest.approx(0.096)


def test_the_scientists_count_of_pumps_in_series_is_honoured(catalog):
    # Two pumps in series for 28 days: a 2002 (14 days) covers it with its second on day 14; a
    # 2001 (200 uL at 1 uL/h runs dry after 8.33 days) covers 7 + 8.33 = 15.3 days; a 2ML4 (28
    # days) needs only one, the second would start after the study.
    table = rank_pumps(Plan(study_days=28.0, pumps_in_series=2), catalog)
    assert row_of(table, "2002")["pumps_needed"] == 2
    assert row_of(table, "2002")["verdict"] == "feasible"
    assert row_of(table, "2ML4")["pumps_needed"] == 1
    short = row_of(table, "2001")
    assert (short["verdict"], short["pumps_needed"]) == ("conflict", 2)
    assert "2 pumps in series cover 15.3 of the 28 days" in short["reasons"]


def test_a_count_that_does_not_cover_the_study_gets_the_count_that_does(catalog):
    # Scenario 4: one 2002 for 28 days runs dry on day 200 / 0.5 / 24 = 16.7 (out by day 21).
    # (As needed it was "2 pumps, feasible": the count set was ignored.)
    plan = Plan(study_days=28.0, pumps_in_series=1)
    table = rank_pumps(plan, catalog)
    own = row_of(table, "2002")
    assert (own["verdict"], own["pumps_needed"]) == ("conflict", 1)
    assert "1 pump in series covers 16.7 of the 28 days" in own["reasons"]
    assert own["distance_from_feasible"] == pytest.approx(28.0 / (200 / 0.5 / 24))
    assert own["proposal_changes"] == {"pumps_in_series": 2}
    assert own["proposal_label"] == "Change to 2 pumps in series"
    fixed = rank_pumps(replace(plan, **own["proposal_changes"]), catalog)
    assert row_of(fixed, "2002")["verdict"] == "feasible"
    assert table.iloc[0]["model"] == "2ML4"
    assert table.iloc[0]["proposal"] == "Use model 2ML4 instead of 2002."


@pytest.mark.parametrize(("index", "model", "dose"), [(0, "2ML1", 2.75), (1, "2ML2", 1.37)])
def test_the_highest_dose_that_fits_is_at_most_the_caution_level(catalog, index, model, dose):
    # 80 % of 4.3 = 3.44 mg/mL. 2ML1: 5 x 3.44 / 6.25 = 2.752 -> 2.75 mg/kg/day, then
    # 2.75 x 0.3 / 0.24 = 3.4375 mg/mL (79.9 %). 2ML2: 5 x 3.44 / 12.5 = 1.376 -> 1.37, then
    # 1.37 x 0.3 / 0.12 = 3.425 mg/mL (79.7 %). Rounded down, so the round trip stays under.
    row = rank_pumps(SUBCUTANEOUS_BACLOFEN, catalog).iloc[index]
    assert row["model"] == model
    assert row["proposal_changes"] == {"pump_model": model, "dose": dose}
    # and its share of the planned 5 mg/kg/day: 2.75 / 5 = 55 %, 1.37 / 5 = 27 %
    share = f"{100 * dose / 5:.0f} % of yours"
    assert row["proposal_label"] == f"Use {model} with a dose of {dose:.2f} mg/kg/day ({share})"
    assert f"lower the dose to {dose:.2f} mg/kg/day" in row["proposal"]
    changed = evaluate(replace(SUBCUTANEOUS_BACLOFEN, **row["proposal_changes"]), catalog)
    assert 100 * changed.highest_concentration_mg_per_ml / 4.3 <= 80.0
    codes = {finding.code for finding in changed.findings}
    assert not codes & {"solubility_exceeded", "solubility_near_limit"}


def test_the_highest_dose_that_fits_on_the_level_itself_is_at_or_under_it(catalog):
    # 2ML4: 5 x 3.44 / 25 = 0.688 mg/kg/day, exactly three figures: 0.688 x 0.3 / 0.06 =
    # 3.44 mg/mL, the caution level itself (within float), which the grading clears.
    row = rank_pumps(SUBCUTANEOUS_BACLOFEN, catalog).iloc[2]
    assert row["proposal_changes"] == {"pump_model": "2ML4", "dose": 0.688}
    changed = evaluate(replace(SUBCUTANEOUS_BACLOFEN, **row["proposal_changes"]), catalog)
    assert 100 * changed.highest_concentration_mg_per_ml / 4.3 == pytest.approx(80.0)
    assert "solubility_near_limit" not in {finding.code for finding in changed.findings}


def test_an_intrathecal_dose_is_lowered_to_the_marketed_strength_only_if_no_model_keeps_it(
    catalog,
):
    # 1 ug/h on a 2004 (0.25 uL/h) = 4.0 mg/mL, over the 2.0 mg/mL intrathecal strength:
    # 1 x 2.0 / 4.0 = 0.500 ug/h would give 2.00 mg/mL. But for 14 days a 2002 (0.5 uL/h,
    # 2.00 mg/mL) delivers the full 1 ug/h: the dose is not cut to fit the 2004.
    row = row_of(rank_pumps(Plan(study_days=14.0, pumps_in_series=1), catalog), "2004")
    assert "lower the dose" not in row["proposal"] and "dose" not in row["proposal_changes"]
    # 3 ug/h for 28 days on one pump: 2ML4 6 x 0.40 = 1.20 mg/mL is fine, so the same; on a
    # lot the scientist cannot change (only 2004s in the catalogue), the cut is proposed with
    # its share: 0.500 of 1.00 ug/h = 50 %
    only_2004 = {"2004": catalog["2004"]}
    row = rank_pumps(Plan(study_days=28.0, pumps_in_series=1), only_2004).iloc[0]
    assert row["proposal_changes"] == {"pump_model": "2004", "dose": 0.5}
    assert "0.500 µg/h, 50 % of the planned 1.00 µg/h" in row["proposal"]
    assert "within the strongest marketed intrathecal 2.00 mg/mL" in row["proposal"]
    assert row["proposal_label"] == "Use 2004 with a dose of 0.500 µg/h (50 % of yours)"


def test_a_stock_is_not_diluted_below_the_target_when_another_model_delivers_it(catalog):
    # A 4 mg/mL stock, 1 ug/h: a 1002 (0.25 uL/h) delivers it exactly (1 ug/h = 4 mg/mL x
    # 0.25 uL/h); no row may propose diluting to 2 mg/mL (50 % of the target) on a 1002
    table = rank_pumps(Plan(fixed_concentration_mg_per_ml=4.0, study_days=14.0), catalog)
    for row in table.itertuples(index=False):
        changes = row.proposal_changes or {}
        stock = changes.get("fixed_concentration_mg_per_ml")
        assert (
            stock is None
            or row.percent_of_target * 4.0 / 100.0 / stock >= 0.999
            or (abs(100 * (stock / 4.0) * row.percent_of_target / 100 - 100) < 1)
        )


def test_a_stock_that_misses_the_target_with_a_model_is_a_caution_for_it(catalog):
    # 2.0 mg/mL on a 2001 delivers 200 % of the 1 ug/h target: outside +-10 %, a caution;
    # on a 2002 exactly 100 %: feasible
    table = rank_pumps(Plan(fixed_concentration_mg_per_ml=2.0), catalog)
    assert row_of(table, "2001")["verdict"] == "caution"
    assert row_of(table, "2002")["verdict"] == "feasible"


def test_no_two_pumps_at_once_for_a_mouse(catalog):
    # 22 g mouse, SC 3 mg/kg/day, 28 days: no source gives a weight for two pumps in a mouse
    plan = Plan(species="mouse", route="sc", vehicle="saline", body_weight_g=22.0, dose=3.0,
                dose_unit="mg/kg/day", study_days=28.0, pump_model="2004")  # fmt: skip
    assert not any("at once" in words for words in rank_pumps(plan, catalog)["proposal"])


def test_a_2_ml_pump_for_a_mouse_ranks_after_models_whose_problem_can_be_solved(catalog):
    # 25 g mouse, SC 20 mg/kg/day: 0.5 mg/day. 2ML2 (6 uL/h, 0.144 mL/day) is 3.5 mg/mL but
    # needs a 200 g animal, which no mouse reaches (at most 70 g, species.csv): after the
    # 2002 (0.012 mL/day, 41.7 mg/mL, a dose that can be lowered)
    plan = Plan(species="mouse", route="sc", vehicle="saline", body_weight_g=25.0, dose=20.0,
                dose_unit="mg/kg/day", study_days=14.0)  # fmt: skip
    models = list(rank_pumps(plan, catalog)["model"])
    assert models.index("2ML2") > models.index("2002")
    assert "In a cohort" not in row_of(rank_pumps(plan, catalog), "2ML2")["proposal"]


def test_two_pumps_at_once_are_proposed_in_words_under_twice_the_ceiling(catalog):
    # 2ML1 at 6.25 mg/mL is 145 % of 4.3: two at once are each filled at 3.125 mg/mL (73 %).
    # 2ML2 at 291 % would still be 145 % with two: not proposed.
    table = rank_pumps(SUBCUTANEOUS_BACLOFEN, catalog)
    words = row_of(table, "2ML1")["proposal"]
    assert "implant two 2ML1 at once at each of the 4 implantations" in words
    assert "3.12 mg/mL (73 % of solubility)" in words
    assert "the rat must be large enough for two (ALZET technical tips)" in words
    assert "no source gives a weight for two (200 g is the minimum for one)" in words
    assert "4 vs 1 rats, Wedel et al., Lab Anim 2014" in words
    assert "at once" not in row_of(table, "2ML2")["proposal"]


def test_only_the_first_rows_and_the_plans_own_model_get_a_proposal(catalog):
    table = rank_pumps(SUBCUTANEOUS_BACLOFEN, catalog)  # the plan's own model is the 2002
    proposed = list(table.loc[table["proposal"] != "", "model"])
    assert proposed == ["2ML1", "2ML2", "2ML4", "2002"]
    # 2002: 5 x 3.44 / 125 = 0.1376 -> 0.137 mg/kg/day; no model to change.
    assert row_of(table, "2002")["proposal_changes"] == {"dose": 0.137}


def test_a_model_too_big_for_the_animal_is_proposed_per_group_in_words(catalog):
    # A 150 g rat with baclofen too strong for every pump: the 2 mL pumps need 200 g.
    plan = replace(SUBCUTANEOUS_BACLOFEN, body_weight_g=150.0)
    table = rank_pumps(plan, catalog)
    words = row_of(table, "2ML1")
    assert words["proposal_changes"] == {}
    assert (
        "is for animals of 200 g or more (pump_specs.csv); this rat weighs 150 g"
        in (words["proposal"])
    )
    assert "In a cohort" in words["proposal"]


def advisor_rows(plan, catalog, listen=False) -> dict:
    """The advisor widget's rows for a plan, told of its findings: model -> HTML."""
    advisor = PumpAdvisor(catalog.models)
    advisor.expanded = True  # every row, as "Show all" asks
    if listen:
        advisor.on_apply(lambda changes: None)
    evaluation = evaluate(plan, catalog)
    advisor.show(evaluation.advisor_table, plan, evaluation.findings)
    return {row["model"]: row["html"] for row in advisor.rows}


def test_no_row_fits_this_plan_while_the_plan_has_a_conflict(catalog):
    # Corn oil: the reservoir does not hold natural oils (SOP-9), whichever pump: 1 conflict.
    plan = Plan(route="sc", vehicle="corn oil", solubility_mg_per_ml=4.3)
    rows = advisor_rows(plan, catalog)
    assert not any("fits this plan" in html for html in rows.values())
    assert (
        "workable for this dose and animal; the plan has 1 conflict: see the findings"
        in (rows["2002"])
    )
    assert "workable for this dose and animal</span>" in rows["2ML1"]
    assert "fits this plan" in advisor_rows(replace(plan, vehicle="saline"), catalog)["2002"]


def test_the_pump_in_use_for_a_study_longer_than_it_runs_is_not_called_fit(catalog):
    # One 2002 kept for 28 days: two conflicts (past the explant-by day, a delivery gap).
    plan = Plan(study_days=28.0, pumps_in_series=1)
    html = advisor_rows(plan, catalog)["2002"]
    assert "fits" not in html
    assert "covers 16.7 of the 28 days" in html and "the plan has 2 conflicts" in html


def test_a_proposals_button_applies_the_changes_the_kernel_made(catalog):
    advisor = PumpAdvisor(catalog.models)
    applied = []
    advisor.on_apply(applied.append)
    evaluation = evaluate(SUBCUTANEOUS_BACLOFEN, catalog)
    advisor.show(evaluation.advisor_table, SUBCUTANEOUS_BACLOFEN, evaluation.findings)
    labels = {row["model"]: row["proposal_label"] for row in advisor.rows}
    assert labels["2ML1"] == "Use 2ML1 with a dose of 2.75 mg/kg/day (55 % of yours)"
    assert labels["2001"] == ""  # no proposal past the first rows
    advisor._on_message(advisor, {"apply": "2ML1"}, [])  # what its button sends
    advisor._on_message(advisor, {"apply": "2001"}, [])  # no proposal: nothing
    advisor._on_message(advisor, {"apply": {"dose": 1e6}}, [])  # not a model: nothing
    assert applied == [{"pump_model": "2ML1", "dose": 2.75}]


def test_a_proposal_has_no_button_until_someone_listens(catalog):
    advisor = PumpAdvisor(catalog.models)
    advisor.show(rank_pumps(SUBCUTANEOUS_BACLOFEN, catalog), SUBCUTANEOUS_BACLOFEN)
    assert all(row["proposal_label"] == "" for row in advisor.rows)
    assert "lower the dose to 2.75 mg/kg/day" in advisor.rows[0]["html"]


def test_advisor_buttons_keep_their_full_labels_and_rows_wrap():
    # The widgets' buttons have a fixed width and cut their text with an ellipsis ("Use 100…").
    css = PumpAdvisor._css
    assert "flex-wrap: wrap" in css and "text-overflow: clip" in css
    assert "width: auto" in css and "white-space: normal" in css


def test_a_molar_dose_without_molecular_weight_is_judged_not_crashed(catalog):
    table = rank_pumps(Plan(compound="custom", dose_unit="mmol/kg/day", dose=1e-4), catalog)
    assert table["concentration_mg_per_ml"].isna().all()
    assert set(table["verdict"]) == {"conflict"}


def test_the_first_rows_and_the_pump_in_use_are_sent_until_all_are_asked_for(catalog):
    # fewer bytes per change: 4 first rows (2ML1, 2ML2, 2ML4, 2001 for the default plan) and
    # the 2002 in use; "Show all" sets expanded and the kernel sends the 11
    advisor = PumpAdvisor(catalog.models)
    plan = Plan(route="sc")  # under the skin: the 2 mL pumps first, as into the CSF they are not
    evaluation = evaluate(plan, catalog)
    advisor.show(evaluation.advisor_table, plan, evaluation.findings)
    models = [row["model"] for row in advisor.rows]
    assert len(models) == 5 and models[-1] == "2002" and advisor.count == 11
    advisor.expanded = True
    assert len(advisor.rows) == 11


def test_the_findings_highest_dose_is_the_advisors(catalog):
    # 300 g rat, SC 5 mg/kg/day on the 2002s: 125 mg/mL; to 80 % of 4.3 = 3.44 mg/mL:
    # 5 x 3.44 / 125 = 0.1376, rounded down to 0.137 in both (0.138 would be 3.45 mg/mL, 80.2 %)
    evaluation = evaluate(SUBCUTANEOUS_BACLOFEN, catalog)
    (finding,) = [f for f in evaluation.findings if f.code == "solubility_exceeded"]
    assert finding.suggestion.startswith("Lower the dose to at most 0.137 mg/kg/day")
    proposal = row_of(rank_pumps(SUBCUTANEOUS_BACLOFEN, catalog), "2002")["proposal"]
    assert proposal.startswith("Lower the dose to 0.137 mg/kg/day, 3 % of the planned 5.00")
