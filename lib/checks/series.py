"""Checks of the pumps in series: the study's length, each pump out in time and never dry, none
past the study's end, and delivery past a pump's nominal end."""

from lib.calc.series import EXPLANT_BY_FACTOR
from lib.checks.common import REPLACE_AT_NOMINAL_END, use_model, workable
from lib.findings import Finding
from lib.formatting import count_is, counted, format_days


def _replacement_days(evaluation) -> str:
    return ", ".join(format_days(window.start_day) for window in evaluation.windows[1:])


def check_study_length(evaluation, catalog, compounds):
    plan, pump = evaluation.plan, evaluation.pump
    if pump is None or plan.study_days <= pump.duration_days:
        return None

    def lasts(option) -> bool:  # nominally, not stretched past its nominal end
        return option.spec.duration_days >= plan.study_days and option.spec.model != pump.model

    longer = workable(evaluation, catalog, compounds, lasts)
    names = ", ".join(option.spec.model for option in longer)
    alternative = f"; or one pump that lasts: {names}" if longer else ""
    series = "one pump for the whole study"
    if evaluation.pump_count > 1:
        series = f"{evaluation.pump_count} pumps in series, replaced on day "
        series += _replacement_days(evaluation)
    return Finding(
        "study_longer_than_pump",
        "caution",
        "study_days",
        f"The {format_days(plan.study_days)}-day study outlasts model {pump.model}'s nominal "
        f"{counted(pump.duration_days, 'day')}.",
        f"This plan uses {series}{alternative}.",
        **use_model(longer),
    )


def check_safe_explant(evaluation, catalog, compounds):
    if not evaluation.windows:
        return None
    last, duration = evaluation.windows[-1], evaluation.pump.duration_days
    safe_end_day = last.explant_by_day
    if evaluation.plan.study_days <= safe_end_day + 1e-9:
        return None
    return Finding(
        "pump_past_safe_explant",
        "conflict",
        "pumps_in_series",
        f"Pump {last.number} stays in until day {format_days(evaluation.plan.study_days)}, past "
        f"{EXPLANT_BY_FACTOR:g} x its nominal {counted(duration, 'day')} (day "
        f"{format_days(safe_end_day)}): spent "
        "pumps swell and leak concentrated salt (Boston University IACUC guidance).",
        f"Set pumps in series to {evaluation.pumps_needed} or leave it empty, so each pump is "
        f"replaced at its nominal end; or shorten the study to {counted(safe_end_day, 'day')}.",
        **REPLACE_AT_NOMINAL_END,
    )


def check_delivery_gap(evaluation, catalog, compounds):
    study_days = evaluation.plan.study_days
    for window in evaluation.windows:
        gap_end_day = min(window.out_day, study_days)
        if window.empty_day < gap_end_day - 1e-9:
            return Finding(
                "delivery_gap",
                "conflict",
                "pumps_in_series",
                f"Pump {window.number} runs dry on day {format_days(window.empty_day)} but is "
                f"replaced or explanted only on day {format_days(gap_end_day)}: no drug for "
                f"{counted(gap_end_day - window.empty_day, 'day')}.",
                "Replace pumps at their nominal end (leave pumps in series empty), or check the "
                "lot's fill volume and rate.",
                **(REPLACE_AT_NOMINAL_END if evaluation.plan.pumps_in_series else {}),
            )


def check_past_nominal_end(evaluation, catalog, compounds):
    """The last pump may stay in past its nominal end to spare a surgery: its rate is then
    no longer guaranteed (ALZET: actual duration is longer than nominal, the reservoir still
    holds solution), so the plot shows that part as uncertain and it counts toward no target."""
    if not evaluation.windows:
        return None
    last, study_days = evaluation.windows[-1], evaluation.plan.study_days
    extra_days = study_days - last.nominal_end_day
    # Past the explant-by day or dry before the end, a conflict says more.
    if extra_days <= 1e-9 or study_days > min(last.explant_by_day, last.empty_day) + 1e-9:
        return None
    return Finding(
        "pump_past_nominal_end",
        "caution",
        "study_days",
        f"Pump {last.number} stays in until day {format_days(study_days)}, "
        f"{counted(extra_days, 'day')} past its nominal end (day "
        f"{format_days(last.nominal_end_day)}), within the explant-by day "
        f"{format_days(last.explant_by_day)}: this spares a surgery, but ALZET guarantees the "
        "rate only to the nominal end. The dose after it is shown as uncertain and not counted "
        "toward the target.",
        "Take your outcome measures by the nominal end, add a pump (set pumps in series one "
        f"higher), or end the study on day {format_days(last.nominal_end_day)}.",
    )


def check_pumps_past_study_end(evaluation, catalog, compounds):
    """A pump set to go in when the study is over is not planned; say so."""
    asked, planned = evaluation.plan.pumps_in_series, evaluation.pump_count
    if asked is None or not evaluation.windows or asked <= planned:
        return None
    first_unplanned_day = evaluation.windows[-1].out_day
    study_days = evaluation.plan.study_days
    return Finding(
        "pumps_past_study_end",
        "caution",
        "pumps_in_series",
        f"Pumps in series is {asked}, but a {format_days(study_days)}-day study has room for "
        f"{planned}: the next would go in on day {format_days(first_unplanned_day)} or later. "
        f"{count_is(planned, 'pump')} planned and prepared.",
        f"Set pumps in series to {planned}, or leave it empty for the fewest that cover the study.",
        fix=(("pumps_in_series", None),),
        fix_label="Plan the fewest pumps that cover the study",
    )
