"""Bench preparation against worked numbers: the itemised volume, then the recipe that makes it,
each checked from the rounded amounts it prints (issue 15, items 2, 3 and 6).

Defaults (``Cohort()``): 1 spare pump, 100 uL filling loss, 10 % overage, a 0.1 mg balance at
1 % (smallest good mass 0.82 x 0.1 / 0.01 = 8.2 mg, USP <41>), batches up to 10 mL.
"""

import pytest

from lib import Plan, evaluate, evaluate_cohort, load_pump_catalog
from lib.calc.preparation import plan_preparations, prepare, volume_lines
from lib.calc.recipe import Bench, instructions, measured_ul, recipe, smallest_weighable_mg
from lib.cohort.animals import Animal, Cohort

DEFAULTS = Cohort()
CATALOG = load_pump_catalog()


def steps(made) -> list[tuple]:
    """(mass, aliquot, volume, concentration) of each step, as the sheet prints them."""
    return [
        (step.mass_mg, step.aliquot_ul, step.volume_ul, pytest.approx(step.concentration_mg_per_ml))
        for step in made.steps
    ]


# -- the volume ---------------------------------------------------------------------------------


def test_volume_is_itemised_pumps_spares_loss_and_overage():
    # Ten model 2002 pumps of 200 uL: 2000 + 1 spare 200 + loss 100 = 2300; 10 % is 230.
    lines = volume_lines(10, 200.0, DEFAULTS)
    assert [(line.item, line.count, line.volume_ul) for line in lines] == [
        ("pumps", 10, 2000.0),
        ("spare pumps", 1, 200.0),
        ("filling tube and syringe loss", None, 100.0),
        ("overage 10 %", None, pytest.approx(230.0)),
    ]
    assert prepare("A", 10.0, 10, 200.0, DEFAULTS).needed_ul == 2530.0


def test_each_line_follows_its_setting():
    cohort = Cohort(spare_pumps=2, filling_loss_ul=50.0, overage_percent=0.0)
    # Three 100 uL pumps: 300 + 200 + 50 = 550, no overage.
    assert [line.volume_ul for line in volume_lines(3, 100.0, cohort)] == [300, 200, 50, 0]


def test_catheters_filled_with_drug_are_part_of_the_volume():
    # Item 3. Ten rats on model 1002 (100 uL), each with 10 cm of PE-60 (4.566 uL/cm, ALZET
    # "Catheter use") filled with drug: 10 x 100 + 1 spare x 100 + 10 x 45.66 + 100 = 1656.6 uL,
    # + 10 % = 1822.26, measured up to 1830 uL. Before: 1320 uL, the catheters left out.
    plan = Plan(pump_model="1002", catheter_tubing="PE-60", catheter_length_cm=10.0,
                catheter_filled_with="drug")  # fmt: skip
    animals = tuple(Animal(f"R{number}", "all", 250.0) for number in range(10))
    (preparation,) = evaluate_cohort(plan, Cohort(animals=animals), CATALOG).preparations
    catheters = [line for line in preparation.lines if line.item == "catheters filled with drug"]
    assert [(line.count, line.volume_ul) for line in catheters] == [(10, pytest.approx(456.6))]
    assert preparation.needed_ul == 1830.0
    # Primed with vehicle, the catheters need none of the solution.
    vehicle = Plan(pump_model="1002", catheter_tubing="PE-60", catheter_length_cm=10.0)
    (primed,) = evaluate_cohort(vehicle, Cohort(animals=animals), CATALOG).preparations
    assert primed.needed_ul == 1320.0  # 1000 + 100 + 100 = 1200, + 10 %


@pytest.mark.parametrize(
    ("volume_ul", "nearest_ul", "up_ul"),
    [
        (35.87, 35.9, 35.9),  # 0.1 uL under 100 uL
        (540.0000001, 540.0, 540.0),  # float noise costs no step
        (1822.26, 1820.0, 1830.0),  # 10 uL from 1 mL
        (9_991.0, 9_990.0, 10_000.0),
        (12_345.0, 12_300.0, 12_400.0),  # 0.1 mL from 10 mL
    ],
)
def test_volumes_are_measured_to_a_pipettes_or_a_cylinders_step(volume_ul, nearest_ul, up_ul):
    assert (measured_ul(volume_ul), measured_ul(volume_ul, up=True)) == (nearest_ul, up_ul)


def test_smallest_weighable_mass_follows_usp_41():
    # USP <41>: 820 x readability at 0.10 %; at 1 % it is 82 x 0.1 mg = 8.2 mg.
    assert smallest_weighable_mg(0.1, 0.10) == pytest.approx(82.0)
    assert smallest_weighable_mg(0.1, 1.0) == pytest.approx(8.2)
    assert smallest_weighable_mg(0.01, 1.0) == pytest.approx(0.82)


# -- rule 1: a mass that weighs well is weighed -------------------------------------------------


def test_a_mass_that_weighs_well_is_weighed_directly():
    # Three pumps of 200 uL: 600 + 200 + 100 = 900, + 10 % = 990 uL; 10 mg/mL x 0.99 mL = 9.9 mg.
    preparation = prepare("A", 10.0, 3, 200.0, DEFAULTS)
    assert preparation.recipe.way == "weigh"
    assert steps(preparation.recipe) == [(9.9, None, 990.0, 10.0)]
    assert preparation.deviation_percent == pytest.approx(0.0)


# -- rule 2: the smallest good mass into a larger batch ---------------------------------------


def test_a_stock_no_longer_ignores_its_own_rounding():
    # Item 2: prepare('x', 7.44, 1, 100): 100 + 100 + 100 = 300, + 10 % = 330 uL; 7.44 x 0.33 =
    # 2.46 mg < 8.2 mg. Before: 8.2 mg up to 120 uL (68.3 mg/mL), 33 uL to 330 uL = 6.83 mg/mL,
    # 8 % low. Now 8.2 mg up to 8.2 / 7.44 = 1.102 -> 1.10 mL: 8.2 / 1.10 = 7.4545 mg/mL, +0.2 %.
    preparation = prepare("x", 7.44, 1, 100.0, DEFAULTS)
    assert preparation.recipe.way == "batch"
    assert steps(preparation.recipe) == [(8.2, None, 1100.0, 8.2 / 1.1)]
    assert preparation.deviation_percent == pytest.approx(100 * (8.2 / 1.1 / 7.44 - 1))
    assert abs(preparation.deviation_percent) < 1.0


def test_six_baclofen_pumps_at_2_mg_per_ml_weigh_8_2_mg_into_4_1_ml():
    # Item 6: six 2002 pumps: 1200 + 200 + 100 = 1500, + 10 % = 1650 uL, 3.3 mg < 8.2 mg.
    # 8.2 mg / 2.0 mg/mL = 4.10 mL <= 10 mL: no stock (before: a 4.0 mg/mL stock, 93 % of an
    # uncertain ceiling, and a twofold dilution).
    preparation = prepare("A", 2.0, 6, 200.0, DEFAULTS, ceiling_mg_per_ml=2.0)
    assert steps(preparation.recipe) == [(8.2, None, 4100.0, 2.0)]
    assert (preparation.needed_ul, preparation.volume_ul) == (1650.0, 4100.0)
    lines = instructions(preparation.recipe, "baclofen", "aCSF")
    assert lines == (
        "Weigh 8.2 mg of baclofen and make up to 4,100 µL with aCSF: the fill solution, "
        "2.00 mg/mL.",
        "Use 1,650 µL of it; the rest is made only so that the mass weighs well.",
    )


def test_ten_angiotensin_mice_come_within_one_percent():
    # Eguchi's regimen (REFERENCE 4): 6.00 mg/mL on a 1002. Ten mice: 1000 + 100 + 100 = 1200,
    # + 10 % = 1320 uL, 7.92 mg < 8.2 mg. 8.2 / 6.0 = 1.367 -> 1.37 mL: 5.985 mg/mL, -0.24 %.
    # Before: 2.4 % low.
    preparation = prepare("A", 6.0, 10, 100.0, DEFAULTS)
    assert steps(preparation.recipe) == [(8.2, None, 1370.0, 8.2 / 1.37)]
    assert preparation.deviation_percent == pytest.approx(100 * (8.2 / 1.37 / 6.0 - 1))


# -- rule 3: a stock and 10-fold steps -------------------------------------------------------


def test_adh_for_one_rat_is_a_stock_and_three_tenfold_steps_in_finding_and_sheet():
    # Item 6: 30 ng/day on a 2001 (1 uL/h = 24 uL/day): 0.030 ug / 0.024 mL = 1.25 ug/mL.
    # One pump: 200 + 200 + 100 = 500, + 10 % = 550 uL. A batch of 8.2 mg would be 6,560 mL.
    # At most 50 mL of stock: 8.2 mg / 50 mL / 0.00125 = 131-fold, three 10-fold steps; the
    # smallest stock for three steps is 8.2 / 0.00125 / 1000 = 6.56 mL (1.25 mg/mL), then
    # 100 uL -> 1 mL (0.125), 100 uL -> 1 mL (0.0125), 55 uL -> 550 uL (0.00125 mg/mL).
    # Before: the sheet said "weigh 8.2 mg, make up to 656 mL", the finding "10 mg in 10 mL,
    # then two 28.3-fold steps".
    plan = Plan(compound="custom peptide", dose=30.0, dose_unit="ng/day", pump_model="2001")
    evaluation = evaluate(plan, CATALOG)
    (preparation,) = plan_preparations(evaluation)
    assert steps(preparation.recipe) == [
        (8.2, None, 6560.0, 1.25),
        (None, 100.0, 1000.0, 0.125),
        (None, 100.0, 1000.0, 0.0125),
        (None, 55.0, 550.0, 0.00125),
    ]
    cohort = Cohort(animals=(Animal("R1", "all", 250.0),))
    (sheet,) = evaluate_cohort(plan, cohort, CATALOG, evaluation=evaluation).preparations
    assert sheet.recipe == preparation.recipe
    (finding,) = [f for f in evaluation.findings if f.code == "concentration_too_dilute_to_weigh"]
    assert finding.suggestion == " ".join(instructions(sheet.recipe, "custom peptide", "aCSF"))
    assert finding.severity == "caution"


def test_a_stock_stays_at_or_under_its_ceiling():
    # 0.05 mg/mL in 2530 uL: a batch would be 8.2 / 0.05 = 164 mL. A ceiling of 0.2 mg/mL asks
    # 8.2 / 0.2 = 41 mL of stock (0.2 mg/mL), then 2530 x 0.05 / 0.2 = 632.5 -> 633 uL of it,
    # with 2530 - 633 = 1897 uL of vehicle measured up to a 1-10 mL pipette's 10 uL step: 1900
    # uL, so 2533 uL at 0.2 x 633 / 2533 = 0.04998 mg/mL.
    made = recipe(0.05, 2530.0, Bench(), ceiling_mg_per_ml=0.2)
    assert steps(made) == [(8.2, None, 41_000.0, 0.2), (None, 633.0, 2533.0, 0.2 * 633 / 2533)]
    assert all(step.concentration_mg_per_ml <= 0.2 for step in made.steps)


def test_a_stock_larger_than_50_ml_is_refused_with_the_reason():
    # 8.2 mg at most 0.1 mg/mL needs 82 mL of stock.
    made = recipe(0.001, 550.0, Bench(), ceiling_mg_per_ml=0.1)
    assert made.problem and "50 mL" in made.problem
    assert made.off_target


# -- a stock on hand --------------------------------------------------------------------------


def test_the_scientists_own_stock_is_diluted_to_the_fill():
    # Angiotensin II at 10 mg/mL in saline (REFERENCE 4) to 6.00 mg/mL for ten mice on a 1002:
    # 1320 uL needed; 1320 x 6 / 10 = 792 uL of stock + 528 uL of saline.
    cohort = Cohort(stock_on_hand_mg_per_ml=10.0)
    made = prepare("A", 6.0, 10, 100.0, cohort).recipe
    assert made.way == "stock on hand"
    assert steps(made) == [(None, 792.0, 1320.0, 6.0)]
    assert made.steps[0].diluent_ul == 528.0


def test_a_strong_stock_on_hand_takes_tenfold_steps():
    # 10 mg/mL to 0.0125 mg/mL is 800-fold: the 8-fold left over first, 125 uL -> 1 mL (1.25),
    # then 10-fold: 100 uL -> 1 mL (0.125), and 500 x 0.0125 / 0.125 = 50 uL -> 500 uL.
    made = recipe(0.0125, 500.0, Bench(stock_on_hand_mg_per_ml=10.0))
    assert steps(made) == [
        (None, 125.0, 1000.0, 1.25),
        (None, 100.0, 1000.0, 0.125),
        (None, 50.0, 500.0, 0.0125),
    ]


def test_a_stock_on_hand_weaker_than_the_fill_has_no_recipe():
    made = recipe(6.0, 1320.0, Bench(stock_on_hand_mg_per_ml=5.0))
    assert "weaker than the fill" in made.problem
    assert instructions(made, "angiotensin II", "saline")[0].startswith("No recipe")


# -- a recipe off target is flagged -------------------------------------------------------------


def test_a_recipe_more_than_one_percent_off_is_flagged():
    # A 10 % weighing error allowed: the smallest good mass is 0.82 mg, up to the balance's next
    # reading 0.9 mg. 1.7 mg/mL x 0.55 mL = 0.935 mg >= 0.9, weighed as 0.9 mg on a 0.1 mg
    # balance: 0.9 / 0.55 = 1.636 mg/mL, -3.7 %.
    cohort = Cohort(weighing_error_percent=10.0, animals=(Animal("R1", "all", 250.0),))
    made = prepare("A", 1.7, 1, 200.0, cohort).recipe
    assert steps(made) == [(0.9, None, 550.0, 0.9 / 0.55)]
    assert made.deviation_percent == pytest.approx(100 * (0.9 / 0.55 / 1.7 - 1))
    assert made.off_target
    plan = Plan(dose=0.85)  # 0.85 ug/h / 0.5 uL/h = 1.7 mg/mL
    studied = evaluate_cohort(plan, cohort, CATALOG)
    (finding,) = [f for f in studied.findings if f.code == "recipe_off_target"]
    assert "all -3.7 %" in finding.message
