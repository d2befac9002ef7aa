"""Bench preparation: how much of each solution to make, and the recipe that makes it, with a
study's bench settings (``lib.calc.bench``; a cohort's, or the defaults).

Volume needed = (pumps + spare pumps) x fill volume + catheters filled with drug + filling loss,
plus a percent overage, each line itemised and the sum measured up (``lib.calc.recipe``). The
recipe (weigh, a larger batch, or a stock and its dilutions) comes from ``lib.calc.recipe``; its
amounts are rounded as a lab measures them and its concentration computed from those amounts.
"""

from dataclasses import dataclass, replace

from lib.calc.bench import BenchSettings
from lib.calc.catheter import catheter_drug_volume_ul
from lib.calc.recipe import Bench, Recipe, measured_ul, recipe
from lib.calc.stock import SharedStock, needs_shared_stock, shared_stock, stock_recipes
from lib.tables.compound_facts import Vial
from lib.units import ml_to_ul


@dataclass(frozen=True)
class VolumeLine:
    """One line of the volume: what it is for, how many pumps (None: not pumps), microlitres."""

    item: str
    count: int | None
    volume_ul: float


@dataclass(frozen=True)
class Preparation:
    """One solution to make: its target, the volume it needs (itemised) and its recipe. The
    target and the recipe are of the form weighed; ``weighed_mg_per_dose_mg`` (above 1 for a
    dose of a salt's free base, ``lib.calc.dose_form``) turns them back into the dose's form."""

    solution: str
    concentration_mg_per_ml: float  # the target, of the form weighed
    pumps: int
    lines: tuple[VolumeLine, ...]
    needed_ul: float  # the sum of the lines, measured up
    recipe: Recipe
    weighed_mg_per_dose_mg: float = 1.0

    @property
    def dose_concentration_mg_per_ml(self) -> float:
        """The target in the form the plan's dose counts (the free base, or the form weighed)."""
        return self.concentration_mg_per_ml / self.weighed_mg_per_dose_mg

    @property
    def vehicle_only(self) -> bool:
        """A vehicle control's solution: no compound."""
        return self.recipe.way == "vehicle"

    @property
    def volume_ul(self) -> float:
        """The fill solution made (a batch made to weigh well is more than is needed)."""
        return self.recipe.volume_ul

    @property
    def achieved_concentration_mg_per_ml(self) -> float:
        return self.recipe.achieved_concentration_mg_per_ml

    @property
    def deviation_percent(self) -> float:
        return self.recipe.deviation_percent

    @property
    def mass_mg(self) -> float | None:
        return self.recipe.mass_mg


def bench_of(settings: BenchSettings | None = None, weighed_mg_per_dose_mg: float = 1.0) -> Bench:
    """The bench settings as the recipe reads them (the defaults without a cohort); a
    stock on hand is stated in the dose's form, like every amount of the plan."""
    settings = settings or BenchSettings()
    stock = settings.stock_on_hand_mg_per_ml
    return Bench(
        settings.balance_readability_mg,
        settings.weighing_error_percent,
        ml_to_ul(settings.largest_batch_ml),
        None if stock is None else stock * weighed_mg_per_dose_mg,
    )


def volume_lines(
    pumps: int, fill_volume_ul: float, settings: BenchSettings, catheter_ul: float = 0.0
) -> tuple[VolumeLine, ...]:
    """Pumps, spares, catheters filled with drug and the filling loss, then the overage."""
    lines = [
        VolumeLine("pumps", pumps, pumps * fill_volume_ul),
        VolumeLine("spare pumps", settings.spare_pumps, settings.spare_pumps * fill_volume_ul),
    ]
    if catheter_ul:
        lines.append(VolumeLine("catheters filled with drug", pumps, pumps * catheter_ul))
    lines.append(VolumeLine("filling tube and syringe loss", None, settings.filling_loss_ul))
    subtotal = sum(line.volume_ul for line in lines)
    percent = settings.overage_percent
    lines.append(VolumeLine(f"overage {percent:g} %", None, subtotal * percent / 100.0))
    return tuple(lines)


def prepare(
    solution: str,
    concentration_mg_per_ml: float,
    pumps: int,
    fill_volume_ul: float,
    settings: BenchSettings,
    ceiling_mg_per_ml: float | None = None,
    catheter_ul: float = 0.0,
    weighed_mg_per_dose_mg: float = 1.0,
) -> Preparation:
    """The volume a solution needs and its recipe; a stock stays at or under the ceiling. The
    concentration and ceiling come in the dose's form; the recipe weighs the form weighed."""
    lines = volume_lines(pumps, fill_volume_ul, settings, catheter_ul)
    needed_ul = measured_ul(sum(line.volume_ul for line in lines), up=True)
    factor = weighed_mg_per_dose_mg
    target = concentration_mg_per_ml * factor
    ceiling = None if ceiling_mg_per_ml is None else ceiling_mg_per_ml * factor
    made = recipe(target, needed_ul, bench_of(settings, factor), ceiling)
    return Preparation(solution, target, pumps, lines, needed_ul, made, factor)


def with_shared_stock(
    preparations: tuple[Preparation, ...],
    settings: BenchSettings,
    ceiling_mg_per_ml: float | None,
    weighed_mg_per_dose_mg: float = 1.0,
    vial: Vial | None = None,
) -> tuple[tuple[Preparation, ...], SharedStock | None]:
    """The preparations diluted from one shared stock (``lib.calc.stock``) when one is needed;
    with a stock that cannot be made, each keeps its own recipe and the stock says why. The
    scientist's vial (0: weighed from a jar) comes first, then the ``vial`` the compound is sold
    in; both are masses of the form sold, the form weighed."""
    factor = weighed_mg_per_dose_mg
    bench = bench_of(settings, factor)
    vial_mg, note = _vial_mg(settings, vial)
    if not needs_shared_stock([prep.recipe.way for prep in preparations], bench, vial_mg):
        return preparations, None
    drug = [prep for prep in preparations if not prep.vehicle_only]
    targets = [(prep.concentration_mg_per_ml, prep.needed_ul) for prep in drug]
    ceiling = None if ceiling_mg_per_ml is None else ceiling_mg_per_ml * factor
    stock = replace(shared_stock(targets, bench, ceiling, vial_mg), vial_note=note)
    if stock.problem:
        return preparations, stock
    recipes = iter(stock_recipes(targets, stock, bench))  # one per solution of the compound
    shared = tuple(
        prep if prep.vehicle_only else replace(prep, recipe=next(recipes)) for prep in preparations
    )
    return shared, stock


def _vial_mg(settings: BenchSettings, vial: Vial | None) -> tuple[float | None, str]:
    """The vial mass a stock is made from (None: weighed), and where it comes from. A vial's
    label gives the mass of what is in it, the form sold (the form weighed), salt and all."""
    if settings.vial_mg is not None:
        return (settings.vial_mg or None), ""
    if vial is None:
        return None, ""
    weak = "" if vial.verified else ", a weak source"
    return vial.vial_mg, (
        f"The vial size is the compound table's: {vial.product} ({vial.source.split(' (')[0]}"
        f"{weak}); enter your own under Vial size, or 0 to weigh from a jar."
    )


def plan_preparations(evaluation, settings: BenchSettings | None = None) -> tuple[Preparation, ...]:
    """The plan's own animal: one solution per pump of its series, each for one pump, with the
    bench settings (the defaults without a cohort), as the settings panel makes them."""
    settings = settings or BenchSettings()
    catheter_ul = catheter_drug_volume_ul(evaluation.plan)
    ceiling = evaluation.limits.stock_ceiling_mg_per_ml
    concentrations = evaluation.pump_concentrations_mg_per_ml
    factor = weighed_mg_per_dose(evaluation)
    return tuple(
        prepare(plan_solution_name(number, len(concentrations)), concentration, 1,
                evaluation.fill_volume_ul, settings, ceiling, catheter_ul, factor)
        for number, concentration in enumerate(concentrations, 1)
    )  # fmt: skip


def weighed_mg_per_dose(evaluation) -> float:
    """The mg weighed per mg the dose counts (1 but for a dose of a salt's free base)."""
    form = evaluation.dose_form
    return (form.weighed_mg_per_dose_mg if form else None) or 1.0


def plan_solution_name(number: int, pumps: int) -> str:
    """The plan's own animal's solutions: 'fill solution', or 'for pump 2' in a series."""
    return "fill solution" if pumps == 1 else f"for pump {number}"
