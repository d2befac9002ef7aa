"""Issue 15's properties over random plans and cohorts (hypothesis): every recipe lands within
1 % of its target by the amounts it lists, every volume is the sum of its lines, each animal's
concentration follows its own design weight under every growth model, and no series plans a pump
that starts after the study ends.

Examples per property: ``PROPERTY`` below (200 in CI; set HYPOTHESIS_EXAMPLES to run more).
"""

import math
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib import Plan, evaluate, load_pump_catalog
from lib.calc.preparation import prepare
from lib.calc.recipe import (
    LARGEST_STOCK_UL,
    MAX_STEP_FACTOR,
    SMALLEST_ALIQUOT_UL,
    Bench,
    measured_ul,
    recipe,
)
from lib.cohort.animals import Animal, Cohort
from lib.cohort.doses import cohort_doses

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "200"))
PROPERTY = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
CATALOG = load_pump_catalog()


def log_uniform(low: float, high: float):
    return st.floats(math.log10(low), math.log10(high)).map(lambda power: 10.0**power)


targets = log_uniform(1e-6, 500.0)  # 1 ng/mL to 500 mg/mL
volumes = log_uniform(50.0, 250_000.0)  # one 1000-series pump to a hundred 2 mL pumps
benches = st.builds(
    Bench,
    readability_mg=st.sampled_from([0.001, 0.01, 0.1, 1.0]),
    weighing_error_percent=st.sampled_from([0.1, 0.5, 1.0]),
    largest_batch_ul=st.sampled_from([1_000.0, 10_000.0, 50_000.0]),
)
ceilings = st.none() | log_uniform(1e-3, 1000.0)


@PROPERTY
@given(target=targets, needed_ul=volumes, bench=benches, ceiling=ceilings)
def test_every_recipe_lands_within_one_percent_by_its_rounded_amounts(
    target, needed_ul, bench, ceiling
):
    made = recipe(target, needed_ul, bench, ceiling)
    if made.problem:  # a stock or intermediate over 50 mL: refused with its reason, and flagged
        assert made.off_target and "50 mL" in made.problem
        return
    # The concentration each step gives, recomputed here from the amounts the sheet prints.
    before = None
    for step in made.steps:
        if step.mass_mg is not None:
            concentration = step.mass_mg / (step.volume_ul / 1000.0)
        else:
            concentration = before * step.aliquot_ul / step.volume_ul
            assert step.aliquot_ul >= SMALLEST_ALIQUOT_UL - 1e-9
            assert step.factor <= MAX_STEP_FACTOR * 1.01  # 10-fold, give or take a pipette step
        assert concentration == pytest.approx(step.concentration_mg_per_ml, rel=1e-12)
        before = concentration
    for step in made.steps[:-1]:  # every stock and intermediate
        assert step.volume_ul <= LARGEST_STOCK_UL
        assert ceiling is None or step.concentration_mg_per_ml <= max(ceiling, target) * 1.000001
    assert abs(before / target - 1) <= 0.01
    assert not made.off_target
    assert made.volume_ul >= made.needed_ul


@PROPERTY
@given(target=targets, needed_ul=volumes, stock_factor=log_uniform(1.0, 1e6))
def test_a_stock_on_hand_is_diluted_to_within_one_percent(target, needed_ul, stock_factor):
    made = recipe(target, needed_ul, Bench(stock_on_hand_mg_per_ml=target * stock_factor))
    if made.problem:  # an intermediate over 50 mL (a fill of over half a litre)
        assert "50 mL" in made.problem and made.needed_ul > 450_000 and made.off_target
        return
    assert abs(made.deviation_percent) <= 1.0
    assert made.volume_ul >= made.needed_ul


@PROPERTY
@given(
    pumps=st.integers(1, 200),
    fill_ul=st.sampled_from([100.0, 200.0, 2000.0]),
    catheter_ul=st.sampled_from([0.0, 45.66, 26.79]),
    cohort=st.builds(
        Cohort,
        spare_pumps=st.integers(0, 5),
        filling_loss_ul=st.floats(0.0, 1000.0, allow_subnormal=False),
        overage_percent=st.floats(0.0, 50.0, allow_subnormal=False),
    ),
)
def test_every_volume_is_the_sum_of_its_lines(pumps, fill_ul, catheter_ul, cohort):
    preparation = prepare("A", 1.0, pumps, fill_ul, cohort, catheter_ul=catheter_ul)
    total = sum(line.volume_ul for line in preparation.lines)
    assert preparation.needed_ul == measured_ul(total, up=True)
    # Up to the next step (float noise of a millionth of a step is not a step)
    assert total - 1e-3 <= preparation.needed_ul < total + 100.0
    pumps_line = preparation.lines[0]
    assert (pumps_line.count, pumps_line.volume_ul) == (pumps, pumps * fill_ul)


def growth(species: str):
    """Every growth model, with the inputs it needs (a preset of the plan's own species)."""
    preset = {"rat": ("wistar_male_juvenile", 28.0), "mouse": ("outbred_mouse_young", 20.0)}
    name, age = preset[species]
    return st.one_of(
        st.builds(dict, growth_model=st.just("gain"),
                  weight_gain_g_per_day=st.floats(-1.0, 8.0, allow_subnormal=False)),
        st.builds(dict, growth_model=st.just("end_weight"),
                  end_body_weight_g=st.floats(150.0, 400.0)),
        st.builds(dict, growth_model=st.just("preset"), growth_preset=st.just(name),
                  age_at_implant_days=st.floats(age, age + 10)),
        st.builds(dict, growth_model=st.just("measured"),
                  measured_weights=st.just(((7.0, 280.0), (14.0, 300.0)))),
    )  # fmt: skip


@PROPERTY
@given(
    weights=st.lists(st.floats(150.0, 450.0), min_size=1, max_size=12),
    changes=growth("rat"),
    design_weight=st.sampled_from(["implant", "mid", "mean"]),
    study_days=st.floats(3.0, 40.0),
)
def test_each_animals_concentration_follows_its_own_design_weight(
    weights, changes, design_weight, study_days
):
    # Per kg: concentration = dose x design weight / rate, so concentration / design weight is
    # the same for every animal of a pump, and each design weight is the animal's own weight at
    # implant plus the grams the plan's growth adds (the same for all).
    plan = Plan(
        dose=1.0, dose_unit="mg/kg/day", route="sc", vehicle="saline", compound="lithium chloride",
        pump_model="2ML2", study_days=study_days, design_weight=design_weight, **changes,
    )  # fmt: skip
    animals = tuple(Animal(f"R{i}", "all", weight) for i, weight in enumerate(weights))
    evaluation = evaluate(plan, CATALOG)
    doses = cohort_doses(plan, Cohort(animals=animals, concentration_mode="animal"), evaluation)
    for _, rows in doses.groupby("pump"):
        ratio = rows["concentration_mg_per_ml"] / rows["design_body_weight_g"]
        assert ratio.max() == pytest.approx(ratio.min(), rel=1e-9)
        gained = rows["design_body_weight_g"] - rows["body_weight_g"]
        assert gained.max() == pytest.approx(gained.min(), abs=1e-9)
        assert (rows["deviation_percent"].abs() < 1e-6).all()


@PROPERTY
@given(
    model=st.sampled_from(CATALOG.models),
    study_days=st.floats(0.5, 400.0),
    pumps_in_series=st.none() | st.integers(1, 20),
    lot_rate_factor=st.none() | st.floats(0.7, 1.3),
    lot_fill_factor=st.none() | st.floats(0.7, 1.1),
)
def test_no_series_plans_a_pump_that_starts_after_the_study_ends(
    model, study_days, pumps_in_series, lot_rate_factor, lot_fill_factor
):
    spec = CATALOG[model]
    rate = None if lot_rate_factor is None else spec.rate_ul_per_hr * lot_rate_factor
    fill = None if lot_fill_factor is None else spec.reservoir_ul * lot_fill_factor
    plan = Plan(
        pump_model=model, study_days=study_days, pumps_in_series=pumps_in_series,
        lot_rate_ul_per_hr=rate, lot_fill_volume_ul=fill,
    )  # fmt: skip
    windows = evaluate(plan, CATALOG).windows
    assert windows[0].start_day == 0.0
    assert all(window.start_day < study_days for window in windows)
