"""Bench preparation: how much of each solution to make, what to weigh, and how to dilute.

Total volume = (pumps + spare pumps) x fill volume + filling loss, plus a percent overage, each
line itemised. The mass is concentration x volume. A mass too small to weigh well becomes a
stock and a dilution. What a lab can measure: masses to the balance's readability, volumes up to
the next 10 uL (0.1 mL from 10 mL up), pipetted aliquots to 1 uL.

Smallest mass worth weighing (USP <41>, as summarised by Sartorius, "USP Chapter 41: summary of
changes"): a weighing is good to an error e when 2 x s / m <= e, with the repeatability s taken
as at least 0.41 x readability d, so m >= 0.82 x d / e (820 d at e = 0.10 %).
"""

import math
from dataclasses import dataclass

import pandas as pd

from lib.cohort.animals import Cohort

# Dilution factors tried for a stock, largest first: a tenfold dilution is the usual step.
DILUTION_FACTORS = (10.0, 5.0, 2.0)
SMALLEST_ALIQUOT_UL = 10.0  # below this a pipetting error of 0.1 uL is over 1 %


@dataclass(frozen=True)
class VolumeLine:
    """One line of the volume: what it is for, how many pumps (None: not pumps), microlitres."""

    item: str
    count: int | None
    volume_ul: float


@dataclass(frozen=True)
class Stock:
    """A stock solution and the dilution that gives the fill concentration from it."""

    mass_mg: float
    volume_ul: float
    concentration_mg_per_ml: float
    dilution_factor: float
    aliquot_ul: float
    diluent_ul: float


@dataclass(frozen=True)
class Preparation:
    """One solution to make: its volume, itemised, and the mass (or stock) it needs."""

    solution: str
    concentration_mg_per_ml: float
    pumps: int
    lines: tuple[VolumeLine, ...]
    volume_ul: float  # the sum of the lines, rounded up to what a lab measures
    mass_mg: float  # the compound in that volume, to the balance's readability
    smallest_weighable_mg: float
    stock: Stock | None  # when the mass is below what the balance weighs well
    achieved_concentration_mg_per_ml: float

    @property
    def deviation_percent(self) -> float:
        """How far rounding moves the concentration from the one computed."""
        return 100.0 * (self.achieved_concentration_mg_per_ml / self.concentration_mg_per_ml - 1)


def smallest_weighable_mg(readability_mg: float, error_percent: float) -> float:
    """0.82 x readability / allowed error (USP <41>: 820 x readability at 0.10 %).

    >>> round(smallest_weighable_mg(0.1, 1.0), 9)  # 0.82 x 0.1 mg / 0.01
    8.2
    """
    return 0.82 * readability_mg / (error_percent / 100.0)


def round_volume_ul(volume_ul: float) -> float:
    """Up to the next 10 uL, or 100 uL from 10 mL up (a pipette's or a cylinder's step).

    >>> round_volume_ul(1320.2), round_volume_ul(10_020.0)
    (1330.0, 10100.0)
    """
    step = 100.0 if volume_ul >= 10_000 else 10.0
    # Rounded first so float noise (540.0000001) does not cost a whole step.
    return math.ceil(round(volume_ul / step, 6)) * step


def round_mass_mg(mass_mg: float, readability_mg: float) -> float:
    """To the balance's readability, never to nothing."""
    return max(readability_mg, round(mass_mg / readability_mg) * readability_mg)


def volume_lines(pumps: int, fill_volume_ul: float, cohort: Cohort) -> tuple[VolumeLine, ...]:
    """Pumps, spares and the filling loss, then the overage on their sum."""
    lines = [
        VolumeLine("pumps", pumps, pumps * fill_volume_ul),
        VolumeLine("spare pumps", cohort.spare_pumps, cohort.spare_pumps * fill_volume_ul),
        VolumeLine("filling tube and syringe loss", None, cohort.filling_loss_ul),
    ]
    subtotal = sum(line.volume_ul for line in lines)
    percent = cohort.overage_percent
    lines.append(VolumeLine(f"overage {percent:g} %", None, subtotal * percent / 100.0))
    return tuple(lines)


def prepare(
    solution: str,
    concentration_mg_per_ml: float,
    pumps: int,
    fill_volume_ul: float,
    cohort: Cohort,
    solubility_mg_per_ml: float | None = None,
) -> Preparation:
    """The volume, mass and, if the mass is too small to weigh well, the stock for a solution."""
    lines = volume_lines(pumps, fill_volume_ul, cohort)
    volume_ul = round_volume_ul(sum(line.volume_ul for line in lines))
    readability = cohort.balance_readability_mg
    smallest = smallest_weighable_mg(readability, cohort.weighing_error_percent)
    needed_mg = concentration_mg_per_ml * volume_ul / 1000.0
    stock = None
    if needed_mg < smallest:
        stock = make_stock(
            concentration_mg_per_ml, volume_ul, smallest, readability, solubility_mg_per_ml
        )
    if stock is None:
        mass_mg = round_mass_mg(needed_mg, readability)
        achieved = mass_mg / (volume_ul / 1000.0)
    else:
        mass_mg = stock.mass_mg
        achieved = stock.concentration_mg_per_ml * stock.aliquot_ul / volume_ul
    return Preparation(
        solution,
        concentration_mg_per_ml,
        pumps,
        lines,
        volume_ul,
        mass_mg,
        smallest,
        stock,
        achieved,
    )


def make_stock(
    concentration_mg_per_ml: float,
    volume_ul: float,
    smallest_mg: float,
    readability_mg: float,
    solubility_mg_per_ml: float | None,
) -> Stock:
    """Weigh the smallest good mass into a stock F times the fill concentration, then dilute.

    F is the largest of 10, 5, 2 that keeps the stock dissolved and the aliquot pipettable;
    when none does, the stock is the fill solution itself (F = 1): make more and discard the rest.
    """
    mass_mg = math.ceil(smallest_mg / readability_mg - 1e-9) * readability_mg
    factor = next(
        (
            factor
            for factor in DILUTION_FACTORS
            if (
                solubility_mg_per_ml is None
                or factor * concentration_mg_per_ml <= solubility_mg_per_ml
            )
            and volume_ul / factor >= SMALLEST_ALIQUOT_UL
        ),
        1.0,
    )
    stock_volume_ul = round_volume_ul(mass_mg / (factor * concentration_mg_per_ml) * 1000.0)
    stock_concentration = mass_mg / (stock_volume_ul / 1000.0)
    aliquot_ul = volume_ul if factor == 1.0 else round(volume_ul / factor)
    return Stock(
        mass_mg,
        stock_volume_ul,
        stock_concentration,
        factor,
        aliquot_ul,
        volume_ul - aliquot_ul,
    )


def cohort_preparations(
    doses: pd.DataFrame, fill_volume_ul: float, cohort: Cohort, solubility_mg_per_ml=None
) -> tuple[Preparation, ...]:
    """One preparation per solution of the cohort's dose table (pumps = animals using it)."""
    if doses.empty:
        return ()
    solutions = doses.groupby("solution", sort=False).agg(
        pumps=("animal_id", "size"), concentration_mg_per_ml=("concentration_mg_per_ml", "first")
    )
    return tuple(
        prepare(
            row.Index,
            float(row.concentration_mg_per_ml),
            int(row.pumps),
            fill_volume_ul,
            cohort,
            solubility_mg_per_ml,
        )
        for row in solutions.itertuples()
    )
