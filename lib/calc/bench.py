"""The bench settings a study's solutions are made with: spares, losses, the balance, a stock
or a vial. Declared here, in the layer whose recipes read them; a cohort carries them (its
``Cohort`` extends these), and a plan without a cohort is made with the defaults."""

from dataclasses import dataclass

from lib.errors import CohortError
from lib.fields import number, specs_of, validate

E = CohortError
FROM = {"low_inclusive": True}


@dataclass(frozen=True)
class BenchSettings:
    """The bench choices. Defaults that are planning choices, not facts, say so.

    ``filling_loss_ul``: solution left in the syringe and filling tube per solution; 100 uL is
    what one lab protocol draws extra (400 uL for three 100 uL model 1004 pumps; OpenWetWare,
    "Bitan: make subQ pumps"). ``spare_pumps``: a planning choice, one pump per solution in case a
    fill fails the weight check (ALZET, "Filling & Priming"). ``overage_percent``: a planning
    choice. ``balance_readability_mg``: an analytical balance (0.1 mg); set your own.
    ``weighing_error_percent``: the repeatability allowed for a weighing; USP <41> asks 0.10 %
    for assays, here 1 % by default (a planning choice for research solutions).
    ``largest_batch_ml``: the most solution worth making at the fill concentration only so that
    the mass weighs well (10 mL, a planning choice); beyond it a stock is diluted.
    ``stock_on_hand_mg_per_ml``: a stock the lab already has (for example angiotensin II at
    10 mg/mL in saline); it is diluted to each fill concentration instead of weighing.
    ``vial_mg``: the mass of one vial as bought (a peptide's 1 mg), as its label gives it (the
    form sold, salt and all, not converted to a free base): the whole vial is dissolved for a
    stock. Empty: the vial the compound table lists (supply.csv), if any; 0: weighed from a jar.
    """

    spare_pumps: int = number(1, "Spare pumps per solution", 0, 100, E, whole=True, **FROM)
    filling_loss_ul: float = number(
        100.0, "Filling loss per solution", 0.0, 100000.0, E, unit="µL", **FROM
    )
    overage_percent: float = number(10.0, "Overage", 0.0, 500.0, E, unit="%", **FROM)
    balance_readability_mg: float = number(0.1, "Balance readability", 0.0, 1000.0, E, unit="mg")
    weighing_error_percent: float = number(1.0, "Weighing error allowed", 0.0, 100.0, E, unit="%")
    largest_batch_ml: float = number(10.0, "Largest batch", 0.0, 1000.0, E, unit="mL")
    stock_on_hand_mg_per_ml: float | None = number(
        None, "Stock on hand", 0.0, 1000.0, E, unit="mg/mL", optional=True
    )
    vial_mg: float | None = number(
        None, "Vial size", 0.0, 100000.0, E, unit="mg", optional=True, **FROM
    )

    def __post_init__(self):
        validate(self, BENCH_SPECS)


BENCH_SPECS = specs_of(BenchSettings)
