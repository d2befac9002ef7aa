"""What the compound table knows of the solution's life and the drug's effect over the study.

ALZET asks that the agent be stable at 37 °C for the whole time it sits in the pump (up to six
weeks, "Sterility: solutions and pumps"); ``lib/data/stability.csv`` holds what sources measured
at body temperature. ``lib/data/effects.csv`` holds changes of effect reported during chronic
infusion (tolerance, sensitisation, dependence), such as the tolerance to intrathecal baclofen
from day 5 to 7 in rats (the brief).
"""

from lib.calc.series import days_at_body_temperature
from lib.findings import Finding
from lib.formatting import counted, format_days, without_urls
from lib.tables.compound_facts import EffectChange, Stability

# Body temperature, as the sources state it (37 ± 3 °C: a 40 °C accelerated study counts).
BODY_TEMPERATURE_C = (34.0, 40.0)


def _at_body_temperature(rows: list[Stability]) -> list[Stability]:
    low, high = BODY_TEMPERATURE_C
    return [row for row in rows if low <= row.temperature_c <= high]


def _cited(row) -> str:
    return without_urls(row.source) + ("" if row.verified else ", a weak source")


def check_stability(evaluation, catalog, compounds):
    """Longer at 37 °C than any source showed the solution stable, or a source that showed it
    unstable: a caution; no figure at 37 °C for a known compound: a note."""
    plan, pump = evaluation.plan, evaluation.pump
    if pump is None or not evaluation.windows or not compounds.knows(plan.compound):
        return None
    days = days_at_body_temperature(plan, pump, evaluation.windows)
    rows = _at_body_temperature(compounds.stability(plan.compound))
    unstable = [row for row in rows if row.unstable]
    stable = [row for row in rows if not row.unstable and row.stable_days is not None]
    longest = max(stable, key=lambda row: row.stable_days, default=None)
    held = f"The solution sits at 37 °C for up to {counted(days, 'day')} (priming and one pump)"
    if unstable:
        row = unstable[0]
        return Finding(
            "solution_unstable_at_37c",
            "caution",
            "vehicle",
            f"{held}; {plan.compound} in {row.vehicle} at {row.temperature_c:g} °C: "
            f"{row.criterion} (source: {_cited(row)}).",
            "Check the stability of your solution at 37 °C for that long (ALZET asks it to be "
            "stable for the whole infusion), change the vehicle, or replace pumps sooner.",
        )
    if longest is not None and days > longest.stable_days:
        return Finding(
            "solution_outlasts_known_stability",
            "caution",
            "study_days",
            f"{held}, longer than {plan.compound} is known to stay stable at 37 °C: "
            f"{counted(longest.stable_days, 'day')} in {longest.vehicle}, {longest.criterion} "
            f"(source: {_cited(longest)}).",
            "Use shorter pumps replaced in series, or check the stability of your solution at "
            "37 °C for the whole time (ALZET asks it to be stable for the whole infusion).",
        )
    if longest is None:
        return Finding(
            "stability_unknown",
            "info",
            "compound",
            f"{held}; no measurement of {plan.compound}'s stability in solution at 37 °C was "
            "found in the sources searched.",
            "ALZET asks that the solution be stable at 37 °C for the whole infusion: check it, "
            "or cite a source that did.",
        )
    return None


def _applies(row: EffectChange, plan) -> bool:
    return row.route in ("", plan.route) and row.species in ("", plan.species)


def check_effect_change(evaluation, catalog, compounds):
    """A study that runs past the first day a source saw tolerance (or sensitisation, or
    dependence) on this route and species: a note naming it."""
    plan = evaluation.plan
    rows = [row for row in compounds.effects(plan.compound) if _applies(row, plan)]
    dated = [row for row in rows if row.onset_days is not None]
    first = min(dated, key=lambda row: row.onset_days, default=None)
    if first is None or plan.study_days <= first.onset_days:
        return None
    where = " ".join(part for part in (first.route.upper(), first.species) if part) or "any route"
    others = len(rows) - 1
    more = f", and {counted(others, 'other report')} on this route" if others else ""
    return Finding(
        "effect_changes_during_study",
        "info",
        "study_days",
        f"The study runs {counted(plan.study_days, 'day')}; {first.change} to {plan.compound} "
        f"({where}) was reported from day {format_days(first.onset_days)} "
        f"(source: {_cited(first)}{more}).",
        f"Plan outcome measures before day {format_days(first.onset_days)} as well, or allow "
        f"for {first.change} in the design.",
    )
