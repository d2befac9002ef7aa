"""Bench preparation against worked numbers: itemised volume, mass, rounding, stock and dilution."""

import pytest

from lib.cohort.animals import Cohort
from lib.cohort.preparation import (
    prepare,
    round_mass_mg,
    round_volume_ul,
    smallest_weighable_mg,
    volume_lines,
)

DEFAULTS = Cohort()  # 1 spare pump, 100 uL filling loss, 10 % overage, 0.1 mg balance, 1 %


def test_volume_is_itemised_pumps_spares_loss_and_overage():
    # Ten model 2002 pumps of 200 uL: 2000 + 1 spare 200 + loss 100 = 2300; 10 % is 230.
    lines = volume_lines(10, 200.0, DEFAULTS)
    assert [(line.item, line.count, line.volume_ul) for line in lines] == [
        ("pumps", 10, 2000.0),
        ("spare pumps", 1, 200.0),
        ("filling tube and syringe loss", None, 100.0),
        ("overage 10 %", None, pytest.approx(230.0)),
    ]
    assert prepare("A", 10.0, 10, 200.0, DEFAULTS).volume_ul == 2530.0


def test_each_line_follows_its_setting():
    cohort = Cohort(spare_pumps=2, filling_loss_ul=50.0, overage_percent=0.0)
    # Three 100 uL pumps: 300 + 200 + 50 = 550, no overage.
    assert [line.volume_ul for line in volume_lines(3, 100.0, cohort)] == [300, 200, 50, 0]


@pytest.mark.parametrize(
    ("volume_ul", "rounded_ul"),
    [
        (535.0, 540.0),
        (540.0, 540.0),
        (540.0000001, 540.0),
        (9_991.0, 10_000.0),
        (12_345.0, 12_400.0),
    ],
)
def test_volumes_round_up_to_what_a_pipette_or_cylinder_measures(volume_ul, rounded_ul):
    assert round_volume_ul(volume_ul) == rounded_ul


def test_masses_round_to_the_balance_and_never_to_nothing():
    assert round_mass_mg(5.06, 0.1) == pytest.approx(5.1)
    assert round_mass_mg(0.02, 0.1) == pytest.approx(0.1)
    assert round_mass_mg(12.34, 1.0) == pytest.approx(12.0)


def test_smallest_weighable_mass_follows_usp_41():
    # USP <41>: 820 x readability at 0.10 %; at 1 % it is 82 x 0.1 mg = 8.2 mg.
    assert smallest_weighable_mg(0.1, 0.10) == pytest.approx(82.0)
    assert smallest_weighable_mg(0.1, 1.0) == pytest.approx(8.2)
    assert smallest_weighable_mg(0.01, 1.0) == pytest.approx(0.82)


def test_a_mass_that_weighs_well_is_weighed_directly():
    # Three pumps of 200 uL: 600 + 200 + 100 = 900, + 10 % = 990 uL; 10 mg/mL x 0.99 mL = 9.9 mg.
    preparation = prepare("A", 10.0, 3, 200.0, DEFAULTS)
    assert preparation.volume_ul == 990.0
    assert preparation.mass_mg == pytest.approx(9.9)
    assert preparation.stock is None
    assert preparation.achieved_concentration_mg_per_ml == pytest.approx(10.0)


def test_a_small_mass_becomes_a_tenfold_stock_when_nothing_limits_it():
    # 2 mg/mL x 2.53 mL = 5.06 mg < 8.2 mg: weigh 8.2 mg into a 20 mg/mL stock (410 uL),
    # then 2530 / 10 = 253 uL of stock + 2277 uL of vehicle = 2530 uL at 2.0 mg/mL.
    preparation = prepare("A", 2.0, 10, 200.0, DEFAULTS)
    stock = preparation.stock
    assert (stock.mass_mg, stock.volume_ul) == (pytest.approx(8.2), 410.0)
    assert stock.concentration_mg_per_ml == pytest.approx(20.0)
    assert (stock.dilution_factor, stock.aliquot_ul, stock.diluent_ul) == (10.0, 253, 2277)
    assert preparation.achieved_concentration_mg_per_ml == pytest.approx(2.0)


def test_the_stock_stays_below_the_solubility():
    # Baclofen's 4.3 mg/mL ceiling: 20 and 10 mg/mL stocks would not dissolve, 2 x 2 = 4 does.
    # 8.2 mg / 4 mg/mL = 2050 uL of stock; 1265 uL of it + 1265 uL of vehicle.
    stock = prepare("A", 2.0, 10, 200.0, DEFAULTS, solubility_mg_per_ml=4.3).stock
    assert stock.dilution_factor == 2.0
    assert (stock.volume_ul, stock.aliquot_ul, stock.diluent_ul) == (2050.0, 1265, 1265)
    assert stock.concentration_mg_per_ml == pytest.approx(4.0)


def test_near_the_solubility_the_stock_is_the_fill_solution_made_larger():
    # 4.2 mg/mL: even a twofold stock (8.4) is above 4.3. One 200 uL pump: 500 + 10 % = 550 uL,
    # 2.31 mg < 8.2 mg: weigh 8.2 mg and make 8.2 / 4.2 = 1.952 -> 1.96 mL, use 550 uL of it.
    preparation = prepare("A", 4.2, 1, 200.0, DEFAULTS, solubility_mg_per_ml=4.3)
    stock = preparation.stock
    assert (stock.dilution_factor, stock.volume_ul, stock.aliquot_ul) == (1.0, 1960.0, 550.0)
    # The rounding up of the volume costs 0.4 %, and the sheet says so.
    assert preparation.deviation_percent == pytest.approx(100 * (8.2 / 1.96 / 4.2 - 1))


def test_a_tiny_batch_keeps_the_aliquot_pipettable():
    # 1 pump of 100 uL, no spare, no loss, no overage: 100 uL; a tenfold aliquot is 10 uL,
    # which is allowed; at 50 uL it would be 5 uL, so the factor drops to 5 (10 uL).
    cohort = Cohort(spare_pumps=0, filling_loss_ul=0.0, overage_percent=0.0)
    assert prepare("A", 0.5, 1, 100.0, cohort).stock.dilution_factor == 10.0
    assert prepare("A", 0.5, 1, 50.0, cohort).stock.dilution_factor == 5.0
