"""What the explanted pumps say: the cohort's findings on delivery after explant (ALZET,
"Verifying delivery"): residuals that cannot be, pumps off their rate, pumps that ran dry."""

import pandas as pd

from lib.cohort.animals import Cohort
from lib.cohort.doses import cohort_animals
from lib.cohort.listing import listed
from lib.evaluate import Evaluation
from lib.findings import Finding
from lib.formatting import count_is, counted, format_number
from lib.plan import Plan
from lib.tables.pumps import PumpSpec


def _explants_unmatched(plan: Plan, cohort: Cohort, evaluation: Evaluation) -> Finding | None:
    """Explanted pumps of no animal of the table or no pump of the series, and pumps whose
    residual both tables give (the explants table's is used)."""
    ids = {animal.animal_id for animal in cohort_animals(plan, cohort)}
    count, last = len(evaluation.windows), evaluation.windows[-1].number
    unknown = [e for e in cohort.explants if e.animal_id not in ids or e.pump > count]
    twice = {(e.animal_id, e.pump) for e in cohort.explants if e.pump == last} & {
        (a.animal_id, last) for a in cohort.animals if a.residual_volume_ul is not None
    }
    if not unknown and not twice:
        return None
    parts = []
    if unknown:
        named = listed(unknown, lambda e: f"{e.animal_id} pump {e.pump}")
        pumps = f"{counted(count, 'pump')} each"
        text = f"{count_is(len(unknown), 'explanted pump')} of no animal or pump of the plan"
        parts.append(f"{text} ({pumps}), left out: {named}.")
    if twice:
        named = listed(sorted(twice), lambda key: f"{key[0]} pump {key[1]}")
        parts.append(f"Both tables give the residual of {named}: the explants table's is used.")
    return Finding(
        "explant_unmatched",
        "caution",
        "explants",
        " ".join(parts),
        "Check the animal IDs and pump numbers of the explanted pumps.",
    )


def _residual_above_reservoir(
    cohort: Cohort, pump: PumpSpec, holds: float, deliveries: pd.DataFrame
) -> Finding | None:
    """A residual volume larger than the pump holds is a typo, not a delivery to verify."""
    typos = deliveries[deliveries["residual_volume_ul"] > holds]
    if typos.empty:
        return None
    explants = {(explant.animal_id, explant.pump) for explant in cohort.explants}

    def describe(row) -> str:
        table = "explants" if (row.animal_id, row.pump) in explants else "animals"
        return f"{row.animal_id} pump {row.pump} ({table} table) {row.residual_volume_ul:g} µL"

    one, keys = len(typos) == 1, set(zip(typos["animal_id"], typos["pump"], strict=True))
    return Finding(
        "residual_above_reservoir",
        "conflict",
        "explants" if keys <= explants else "animals",
        f"{count_is(len(typos), 'residual volume')} more than model {pump.model} holds "
        f"({holds:g} µL), so {'it looks' if one else 'they look'} like a typo: "
        f"{listed(typos.itertuples(), describe)}.",
        f"Correct the residual volume (µL) of {'this line' if one else 'these lines'}: the "
        f"volume aspirated from the pump, at most {holds:g} µL.",
    )


def _residual_above_fill(deliveries: pd.DataFrame, holds: float) -> Finding | None:
    """More left than was loaded, though the pump could hold it: the volume loaded is to check."""
    possible = deliveries["residual_volume_ul"] <= holds
    impossible = deliveries[(deliveries["delivered_volume_ul"] < 0) & possible]
    if impossible.empty:
        return None
    names = listed(
        impossible.itertuples(),
        lambda row: (
            f"{row.animal_id} pump {row.pump} ({row.residual_volume_ul:g} of "
            f"{row.loaded_volume_ul:g} µL)"
        ),
    )
    return Finding(
        "residual_above_fill",
        "conflict",
        "animals",
        f"{count_is(len(impossible), 'residual volume')} more than the volume loaded: {names}.",
        "Check these entries; enter the volume loaded from the pump's filled less its empty "
        "weight, or the lot's fill volume.",
    )


def _rate_outside_tolerance(cohort: Cohort, deliveries: pd.DataFrame) -> Finding | None:
    outside = deliveries[deliveries["rate_outside_tolerance"]]
    if outside.empty:
        return None
    names = listed(
        outside.itertuples(),
        lambda row: (
            f"{row.animal_id} pump {row.pump} {format_number(row.mean_rate_ul_per_hr)} µL/h "
            f"({row.rate_percent:.0f} %)"
        ),
    )
    tolerance = cohort.rate_tolerance_percent
    return Finding(
        "pump_rate_outside_tolerance",
        "caution",
        "animals",
        f"{count_is(len(outside), 'pump')} outside {100 - tolerance:g}-{100 + tolerance:g} % of "
        f"the expected rate by the residual volume: {names}.",
        "Below: check the catheter (blocked or kinked), a leak, an air bubble at filling. "
        "Above: check that the residual was fully aspirated, the elapsed time, and the volume "
        "loaded (the filled less the empty weight). Check before using these animals' data.",
    )


def _ran_dry(deliveries: pd.DataFrame) -> Finding | None:
    dry = deliveries[deliveries["ran_dry"]]
    if dry.empty:
        return None
    return Finding(
        "pump_ran_dry",
        "info",
        "animals",
        f"{count_is(len(dry), 'pump')} empty at explant after longer in the animal than it can "
        f"pump: "
        f"{listed(dry['animal_id'])}.",
        "Their mean rate over the whole time understates the rate; the dose stopped when the "
        "pump emptied.",
    )
