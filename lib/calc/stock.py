"""One stock for every solution of a study: weighed once, or the whole vial as bought.

Without it each solution is made on its own, and a compound needed by the microgram is weighed
at the smallest mass a balance weighs well (8.2 mg on a 0.1 mg balance at 1 %) once per
solution: four solutions of angiotensin II weigh 4 x 8.2 mg. With it:

- the stock is the vials' content (a peptide bought as a 1 mg vial, dissolved whole: a vial
  is not weighed out), or one weighing of the smallest good mass, or of the mass the study
  needs if that is more;
- it is made up to the volume that makes it the strongest fill solution when that volume is
  at most the largest batch (the strongest fill is then the stock itself); else to the volume
  that makes it 10 times the strongest fill (one 10-fold step above it), at least 1 mL, and
  more if needed to stay at or under the compound's ceiling for a stock;
- every fill solution is diluted from it by the rules for a stock on hand (``lib.calc.recipe``),
  from the concentration its rounded amounts give.

The stock is shared when the scientist gives a vial size, or when two or more solutions need
the compound and one of them could not simply be weighed into its own volume.
"""

import math
from dataclasses import dataclass, replace

from lib.calc.measuring import MAX_STEP_FACTOR, on_steps
from lib.calc.recipe import INTERMEDIATE_UL, LARGEST_STOCK_UL, Bench, Recipe, recipe, weighable_mg
from lib.formatting import counted, format_mass, format_number, format_volume
from lib.units import (
    MICROLITRES_PER_MILLILITRE,
    dissolved_mg,
    mg_per_ul_to_mg_per_ml,
    ml_to_ul,
    ul_to_ml,
)

MARGIN = 1.1  # a stock is made with 10 % more than the fills draw from it


@dataclass(frozen=True)
class SharedStock:
    """The stock every fill solution is diluted from: ``mass_mg`` of the compound (the form
    weighed) in ``volume_ul``; ``vials`` of ``vial_mg`` each, or weighed (``vials`` 0)."""

    mass_mg: float
    volume_ul: float
    vials: int
    vial_mg: float | None
    needed_mg: float  # the compound the fill solutions hold, by their targets
    drawn_ul: float  # what the fill solutions' recipes take from the stock
    problem: str = ""
    vial_note: str = ""  # where the vial's size comes from, when not from the scientist

    @property
    def concentration_mg_per_ml(self) -> float:
        return mg_per_ul_to_mg_per_ml(self.mass_mg / self.volume_ul)


def needs_shared_stock(ways: list[str], bench: Bench, vial_mg: float | None) -> bool:
    """A stock is shared with a vial, or for two solutions of the compound (their recipes'
    ``ways``) of which one is not simply weighed; a stock on hand already serves them all."""
    drug = [way for way in ways if way != "vehicle"]
    if not drug or bench.stock_on_hand_mg_per_ml is not None:
        return False
    return vial_mg is not None or (len(drug) > 1 and set(drug) != {"weigh"})


def shared_stock(
    targets: list[tuple[float, float]], bench: Bench, ceiling=None, vial_mg=None
) -> SharedStock:
    """The stock for fill solutions at these (target mg/mL, volume needed uL), each target of
    the form weighed. When the recipes draw more than is made, more is made at the same
    strength (so they draw the same again), and the recipes are checked once more."""
    drug = [(target, needed) for target, needed in targets if target > 0]
    strongest = max(target for target, _ in drug)
    needed_mg = sum(target * needed for target, needed in drug) / MICROLITRES_PER_MILLILITRE
    stock = _made(needed_mg * MARGIN, strongest, bench, ceiling, vial_mg, needed_mg)
    for _ in range(3):
        if stock.problem:
            return stock
        drawn = sum(_drawn_ul(made) for made in stock_recipes(drug, stock, bench))
        stock = replace(stock, drawn_ul=drawn)
        if drawn <= stock.volume_ul:
            return stock
        stock = _more(stock, drawn * MARGIN, bench, strongest)
    return replace(stock, problem="no stock holds what the fill solutions draw from it")


def _more(stock: SharedStock, volume_ul: float, bench: Bench, strongest: float) -> SharedStock:
    """The stock at the same strength, at least ``volume_ul`` of it: more vials, or more
    weighed (the volume measured down when the stock is the strongest fill, else up)."""
    strength = stock.concentration_mg_per_ml
    wanted_mg = dissolved_mg(strength, volume_ul)
    if stock.vials:
        vials = math.ceil(round(wanted_mg / stock.vial_mg, 9))
        mass_mg = vials * stock.vial_mg
    else:
        vials, mass_mg = 0, weighable_mg(wanted_mg, bench.readability_mg)
    volume_ul = ml_to_ul(mass_mg / strength)
    volume_ul = on_steps(volume_ul)[0 if strength <= strongest * 1.005 else -1]
    problem = ""
    if volume_ul > LARGEST_STOCK_UL:
        drawn_ml = ul_to_ml(volume_ul)
        problem = f"the fill solutions draw {drawn_ml:g} mL of it: more than a 50 mL stock"
    return replace(stock, mass_mg=mass_mg, volume_ul=volume_ul, vials=vials, problem=problem)


def _made(wanted_mg, strongest, bench: Bench, ceiling, vial_mg, needed_mg) -> SharedStock:
    if vial_mg is not None:
        vials = max(1, math.ceil(round(wanted_mg / vial_mg, 9)))
        mass_mg = vials * vial_mg
    else:
        vials, mass_mg = (
            0,
            weighable_mg(max(bench.smallest_weighable_mg, wanted_mg), bench.readability_mg),
        )
    volume_ul = ml_to_ul(mass_mg / strongest)
    if volume_ul <= bench.largest_batch_ul:  # the strongest fill: measured down, not weaker
        volume_ul = on_steps(volume_ul)[0]
    else:  # measured up: not above the ceiling, nor more than 10-fold the strongest fill
        weakest_ul = ml_to_ul(mass_mg / (MAX_STEP_FACTOR * strongest))
        volume_ul = max(INTERMEDIATE_UL, weakest_ul, ml_to_ul(mass_mg / ceiling) if ceiling else 0)
        volume_ul = on_steps(volume_ul)[-1]
    problem = ""
    if volume_ul > LARGEST_STOCK_UL:
        limit = min(ceiling or math.inf, MAX_STEP_FACTOR * strongest)
        problem = (
            f"{mass_mg:.4g} mg needs {ul_to_ml(volume_ul):g} mL to stay at or under "
            f"{limit:.3g} mg/mL: more than a 50 mL stock"
        )
    return SharedStock(mass_mg, volume_ul, vials, vial_mg, needed_mg, 0.0, problem)


def stock_recipes(drug, stock: SharedStock, bench: Bench) -> list[Recipe]:
    """Each fill solution diluted from the stock, by the rules for a stock on hand."""
    from_stock = replace(bench, stock_on_hand_mg_per_ml=stock.concentration_mg_per_ml)
    return [
        replace(recipe(target, needed, from_stock), way="shared stock", source="the stock")
        for target, needed in drug
    ]


def _drawn_ul(made: Recipe) -> float:
    """What a recipe takes from the stock: its first step's aliquot (or the whole fill)."""
    if not made.steps:
        return 0.0
    first = made.steps[0]
    return first.volume_ul if first.aliquot_ul is None else first.aliquot_ul


def stock_instructions(stock: SharedStock, compound: str, vehicle: str) -> tuple[str, ...]:
    """The stock in the words a technician follows; the mass used beside the mass needed."""
    volume, strength = format_volume(stock.volume_ul), format_number(stock.concentration_mg_per_ml)
    if stock.vials:
        vials = f"{counted(stock.vials, 'vial')} of {format_mass(stock.vial_mg)}"
        made = f"Dissolve {vials} of {compound} whole in {vehicle} and make up to {volume}"
    else:
        made = f"Weigh {format_mass(stock.mass_mg)} of {compound} and make up to {volume} with "
        made += vehicle
    used = (
        f"Compound used: {format_mass(stock.mass_mg)}; the fill solutions need "
        f"{_needed(stock.needed_mg)} and draw {format_volume(stock.drawn_ul)} of the stock."
    )
    return (
        f"{made}: the stock, {strength} mg/mL.",
        " ".join(filter(None, (used, stock.vial_note))),
    )


def _needed(mass_mg: float) -> str:
    """A mass needed, not weighed: three figures ('10.9 mg'), micrograms under 0.1 mg."""
    return format_mass(mass_mg) if mass_mg < 0.1 else f"{format_number(mass_mg)} mg"
