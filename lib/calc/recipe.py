"""Recipes a technician can follow: what to weigh (or take from a stock on hand), how to dilute.

The rules, in order of preference (issue 15):

1. A mass that weighs well is weighed into the volume needed. "Weighs well" is USP <41>: a
   weighing is good to an error e when the mass is at least 0.82 x readability / e (Sartorius,
   "USP Chapter 41: summary of changes"): 8.2 mg on a 0.1 mg balance at 1 %.
2. Else the smallest good mass is weighed into a larger batch at the fill concentration, when
   that batch is at most the largest batch (10 mL unless the scientist says otherwise); the rest
   is not used.
3. Else a stock, no stronger than the compound's ceiling for a stock (its caution threshold,
   else its solubility), is diluted at most 10-fold per step, in as many steps as needed; every
   aliquot is at least 10 uL and every stock or intermediate at most 50 mL. A stock the
   scientist has on hand replaces the weighing.

Every amount is rounded as a lab measures it (masses to the balance's readability, volumes and
aliquots to a pipette's or a cylinder's step), each concentration is computed from the rounded
amounts, and the last aliquot is chosen from the concentration actually made before it, so the
recipe's error does not add up: a recipe more than 1 % from its target says so.
"""

import math
from dataclasses import dataclass

from lib.calc.measuring import (
    MAX_STEP_FACTOR,
    SMALLEST_ALIQUOT_UL,
    TOLERANCE_PERCENT,
    dilution_amounts,
    measured_ul,
)
from lib.formatting import format_mass, format_number, format_volume
from lib.units import dissolved_mg, mg_per_ul_to_mg_per_ml, ml_to_ul, ul_to_ml

LARGEST_STOCK_UL = 50_000.0
INTERMEDIATE_UL = 1_000.0
AS_IS_PERCENT = 0.5  # a dilution that feeds the next makes 1 mL, or more if needed


@dataclass(frozen=True)
class Bench:
    """What the lab measures with: the balance's readability, the weighing error allowed, the
    largest batch worth making at the fill concentration, and a stock on hand, if any."""

    readability_mg: float = 0.1
    weighing_error_percent: float = 1.0
    largest_batch_ul: float = 10_000.0
    stock_on_hand_mg_per_ml: float | None = None

    @property
    def smallest_weighable_mg(self) -> float:
        return smallest_weighable_mg(self.readability_mg, self.weighing_error_percent)


@dataclass(frozen=True)
class Step:
    """Weigh ``mass_mg`` (or take ``aliquot_ul`` of the solution before) and make up to
    ``volume_ul`` with vehicle, giving ``concentration_mg_per_ml`` by the rounded amounts."""

    volume_ul: float
    concentration_mg_per_ml: float
    mass_mg: float | None = None
    aliquot_ul: float | None = None

    @property
    def diluent_ul(self) -> float:
        return round(self.volume_ul - (self.aliquot_ul or 0.0), 6)

    @property
    def factor(self) -> float | None:
        return None if self.aliquot_ul is None else self.volume_ul / self.aliquot_ul


@dataclass(frozen=True)
class Recipe:
    """How to make ``needed_ul`` of the fill solution at ``target_mg_per_ml``: ``way`` is
    'weigh', 'batch', 'stock', 'stock on hand' or 'vehicle' (a control's, no compound);
    ``problem`` says why there is none."""

    target_mg_per_ml: float
    needed_ul: float
    way: str
    steps: tuple[Step, ...] = ()
    stock_on_hand_mg_per_ml: float | None = None
    problem: str = ""
    source: str = "the stock on hand"  # what a stock's dilutions start from, as steps name it

    @property
    def achieved_concentration_mg_per_ml(self) -> float:
        return self.steps[-1].concentration_mg_per_ml if self.steps else math.nan

    @property
    def deviation_percent(self) -> float:
        if self.way == "vehicle":
            return 0.0
        return 100.0 * (self.achieved_concentration_mg_per_ml / self.target_mg_per_ml - 1.0)

    @property
    def off_target(self) -> bool:
        """More than 1 % from the target (or no recipe at all)."""
        return not abs(self.deviation_percent) <= TOLERANCE_PERCENT + 1e-9

    @property
    def mass_mg(self) -> float | None:
        """The mass weighed (None with a stock on hand)."""
        return self.steps[0].mass_mg if self.steps else None

    @property
    def volume_ul(self) -> float:
        """The fill solution made: the last step's volume."""
        return self.steps[-1].volume_ul if self.steps else 0.0


def smallest_weighable_mg(readability_mg: float, error_percent: float) -> float:
    """0.82 x readability / allowed error (USP <41>: 820 x readability at 0.10 %).

    >>> round(smallest_weighable_mg(0.1, 1.0), 9)  # 0.82 x 0.1 mg / 0.01
    8.2
    """
    return 0.82 * readability_mg / (error_percent / 100.0)


def recipe(
    target_mg_per_ml: float, needed_ul: float, bench: Bench, ceiling_mg_per_ml=None
) -> Recipe:
    """The recipe for ``needed_ul`` of solution at the target, by the rules above (a target
    of 0 is a vehicle control's: the vehicle alone, measured)."""
    if target_mg_per_ml == 0:
        needed_ul = measured_ul(needed_ul, up=True)
        return Recipe(0.0, needed_ul, "vehicle", (Step(needed_ul, 0.0),))
    if not (target_mg_per_ml > 0 and math.isfinite(target_mg_per_ml)):
        return Recipe(target_mg_per_ml, needed_ul, "weigh", problem="no fill concentration")
    needed_ul = measured_ul(needed_ul, up=True)
    if bench.stock_on_hand_mg_per_ml is not None:
        return _from_stock_on_hand(target_mg_per_ml, needed_ul, bench)
    readability = bench.readability_mg
    smallest = weighable_mg(bench.smallest_weighable_mg, readability)
    wanted_mg = dissolved_mg(target_mg_per_ml, needed_ul)
    if wanted_mg >= smallest:
        readings = round(wanted_mg / readability)
        mass_mg = round(readings * readability, 9)
        return _weighed(target_mg_per_ml, needed_ul, mass_mg, needed_ul, "weigh")
    batch_ul = measured_ul(ml_to_ul(smallest / target_mg_per_ml))
    if batch_ul <= bench.largest_batch_ul:
        return _weighed(target_mg_per_ml, needed_ul, smallest, batch_ul, "batch")
    return _from_weighed_stock(target_mg_per_ml, needed_ul, smallest, ceiling_mg_per_ml)


def weighable_mg(mass_mg: float, readability_mg: float) -> float:
    """A mass up to the balance's next reading."""
    return round(math.ceil(round(mass_mg / readability_mg, 6)) * readability_mg, 9)


def _weighed(target, needed_ul, mass_mg, volume_ul, way) -> Recipe:
    """Weigh ``mass_mg`` and make up to ``volume_ul`` (the rest of a batch is not used)."""
    step = Step(volume_ul, mass_mg / ul_to_ml(volume_ul), mass_mg=mass_mg)
    return Recipe(target, needed_ul, way, (step,))


def _from_weighed_stock(target, needed_ul, smallest_mg, ceiling) -> Recipe:
    """Rule 3: the smallest good mass in the stock volume that needs the fewest 10-fold steps
    (a larger stock is weaker and nearer the target), and of those the smallest; at least 1 mL,
    no stronger than the ceiling, at most 50 mL."""
    total_factor = smallest_mg / ul_to_ml(LARGEST_STOCK_UL) / target
    steps = max(1, math.ceil(math.log10(total_factor) - 1e-9))
    stock_ul = ml_to_ul(smallest_mg / target / MAX_STEP_FACTOR**steps)
    if ceiling:  # a fill above the ceiling is flagged elsewhere; the stock may be as strong
        stock_ul = max(stock_ul, ml_to_ul(smallest_mg / max(ceiling, target)))
    stock_ul = measured_ul(max(INTERMEDIATE_UL, stock_ul), up=True)
    if stock_ul > LARGEST_STOCK_UL:
        problem = (
            f"the smallest good mass, {smallest_mg:.4g} mg, needs {ul_to_ml(stock_ul):g} mL to "
            f"stay at or under {ceiling:.3g} mg/mL: more than a 50 mL stock"
        )
        return Recipe(target, needed_ul, "stock", problem=problem)
    stock_mg_per_ml = mg_per_ul_to_mg_per_ml(smallest_mg / stock_ul)
    if stock_mg_per_ml <= target * (1 + 1e-9):  # the stock is the fill
        return _weighed(target, needed_ul, smallest_mg, stock_ul, "batch")
    stock = Step(stock_ul, smallest_mg / ul_to_ml(stock_ul), mass_mg=smallest_mg)
    return _checked(
        Recipe(target, needed_ul, "stock", (stock, *_dilutions(stock, target, needed_ul)))
    )


def _checked(made: Recipe) -> Recipe:
    """A recipe whose stock or intermediate would be over 50 mL is refused, with the reason."""
    largest = max((step.volume_ul for step in made.steps[:-1]), default=0.0)
    if largest <= LARGEST_STOCK_UL:
        return made
    problem = f"an intermediate solution of {ul_to_ml(largest):g} mL, more than 50 mL"
    on_hand = made.stock_on_hand_mg_per_ml
    return Recipe(made.target_mg_per_ml, made.needed_ul, made.way, (), on_hand, problem=problem)


def _from_stock_on_hand(target, needed_ul, bench) -> Recipe:
    on_hand = bench.stock_on_hand_mg_per_ml
    if on_hand < target * (1 - 1e-9):
        problem = f"the stock on hand, {on_hand:.3g} mg/mL, is weaker than the fill"
        return Recipe(
            target, needed_ul, "stock on hand", stock_on_hand_mg_per_ml=on_hand, problem=problem
        )
    start = Step(math.inf, on_hand)
    # A stock within half a percent of the fill is the fill: no 1.004-fold dilution.
    as_is = on_hand <= target * (1 + AS_IS_PERCENT / 100.0)
    steps = () if as_is else tuple(_dilutions(start, target, needed_ul))
    if not steps:  # the stock is the fill solution
        steps = (Step(measured_ul(needed_ul, up=True), on_hand, aliquot_ul=None),)
    return _checked(
        Recipe(target, needed_ul, "stock on hand", steps, stock_on_hand_mg_per_ml=on_hand)
    )


def _dilutions(source: Step, target: float, needed_ul: float) -> list[Step]:
    """Steps from a solution to the target: what is left over 10-fold first, then 10-fold steps
    (so the last intermediate is the smallest that feeds the fill); every aliquot is chosen
    from the concentration actually made before it, the last one to hit the target."""
    factor = source.concentration_mg_per_ml / target
    count = max(1, math.ceil(math.log10(factor) - 1e-9))
    factors = [factor / MAX_STEP_FACTOR ** (count - 1)] + [MAX_STEP_FACTOR] * (count - 1)
    volumes = [measured_ul(max(needed_ul, SMALLEST_ALIQUOT_UL * factors[-1]), up=True)]
    for next_factor in reversed(factors[1:]):  # each holds the next aliquot, 10 % to spare
        volumes.insert(
            0, measured_ul(max(INTERMEDIATE_UL, 1.1 * volumes[0] / next_factor), up=True)
        )
    steps, before = [], source
    for index, (volume_ul, step_factor) in enumerate(zip(volumes, factors, strict=True)):
        last = index == len(volumes) - 1
        wanted = target if last else before.concentration_mg_per_ml / step_factor
        least_ul = needed_ul if last else 0.0
        aliquot_ul, diluent_ul = dilution_amounts(
            before.concentration_mg_per_ml, wanted, volume_ul, least_ul
        )
        made_ul = round(aliquot_ul + diluent_ul, 6)
        made = before.concentration_mg_per_ml * aliquot_ul / made_ul
        before = Step(made_ul, made, aliquot_ul=aliquot_ul)
        steps.append(before)
    return steps


def instructions(made: Recipe, compound: str, vehicle: str) -> tuple[str, ...]:
    """The recipe in the words a technician follows, one step a line; the plan's finding and
    every sheet print these same lines."""
    if made.problem:
        return (f"No recipe: {made.problem}.",)
    if made.way == "vehicle":
        return (
            f"Vehicle only: no compound. Measure {format_volume(made.volume_ul)} of {vehicle}: "
            "the fill solution.",
        )
    names = _solution_names(len(made.steps))
    on_hand = made.stock_on_hand_mg_per_ml
    lines, before = [], f"{made.source} ({format_number(on_hand)} mg/mL)" if on_hand else None
    for step, name in zip(made.steps, names, strict=True):
        strength = f"{format_number(step.concentration_mg_per_ml)} mg/mL"
        if step.mass_mg is not None:
            lines.append(
                f"Weigh {format_mass(step.mass_mg)} of {compound} and make up to "
                f"{format_volume(step.volume_ul)} with {vehicle}: {name}, {strength}."
            )
        elif step.aliquot_ul is None:  # the stock on hand is the fill
            lines.append(f"Use {format_volume(step.volume_ul)} of {before} as it is.")
        else:
            lines.append(
                f"Mix {format_volume(step.aliquot_ul)} of {before} with "
                f"{format_volume(step.diluent_ul)} of {vehicle} ({step.factor:.3g}-fold): "
                f"{name}, {format_volume(step.volume_ul)} at {strength}."
            )
        before = name
    if made.way == "batch":
        lines.append(
            f"Use {format_volume(made.needed_ul)} of it; the rest is made only so that the "
            "mass weighs well."
        )
    return tuple(lines)


def _solution_names(count: int) -> list[str]:
    """'the fill solution' last; before it, stock A, B, ... in the order they are made."""
    if count == 1:
        return ["the fill solution"]
    return [f"solution {chr(ord('A') + index)}" for index in range(count - 1)] + [
        "the fill solution"
    ]
