"""Checks of the pump: the animal's size, the study's length, safe explant, lot values."""

from lib.calc.series import EXPLANT_BY_FACTOR, pumps_needed
from lib.checks.common import (
    LOT_RATE_TOLERANCE,
    REPLACE_AT_NOMINAL_END,
    use_model,
    workable,
)
from lib.findings import Finding
from lib.formatting import format_days, format_number
from lib.plan import ROUTE_LABELS


def check_unknown_pump(evaluation, catalog, compounds):
    if evaluation.pump is None:
        return Finding(
            "unknown_pump_model",
            "conflict",
            "pump_model",
            f"Pump model {evaluation.plan.pump_model!r} is not in the pump catalogue, "
            "so no concentration can be computed.",
            f"Choose one of: {', '.join(catalog.models)}.",
        )


def check_animal_size(evaluation, catalog, compounds):
    plan, pump = evaluation.plan, evaluation.pump
    if pump is None or plan.body_weight_g >= pump.min_body_weight_g(plan.route):
        return None
    # Intrathecal and intracerebroventricular pumps sit subcutaneously (REFERENCE section 3).
    side = "intraperitoneal" if plan.route == "ip" else "subcutaneous"
    if plan.route in ("it", "icv"):
        route = ROUTE_LABELS[plan.route]
        side += f" implantation (the pump of an {route} infusion sits under the skin)"
    else:
        side += " implantation"
    options = workable(evaluation, catalog, compounds, lambda option: option.fits_animal)
    models = ", ".join(option.spec.model for option in options)
    return Finding(
        "animal_too_small",
        "conflict",
        "body_weight_g",
        f"At {plan.body_weight_g:g} g the {plan.species} is below model {pump.model}'s "
        f"minimum of {pump.min_body_weight_g(plan.route):g} g for {side}.",
        f"Choose a model that fits: {models}." if options else "Choose a larger animal.",
        **use_model(options),
    )


def _replacement_days(evaluation) -> str:
    return ", ".join(format_days(window.start_day) for window in evaluation.windows[1:])


def check_study_length(evaluation, catalog, compounds):
    plan, pump = evaluation.plan, evaluation.pump
    if pump is None or plan.study_days <= pump.duration_days:
        return None
    longer = workable(evaluation, catalog, compounds, lambda option: option.pumps_needed == 1)
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
        f"{format_days(pump.duration_days)} days.",
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
    needed = pumps_needed(evaluation.plan.study_days, duration)
    return Finding(
        "pump_past_safe_explant",
        "conflict",
        "pumps_in_series",
        f"Pump {last.number} stays in until day {format_days(evaluation.plan.study_days)}, past "
        f"{EXPLANT_BY_FACTOR:g} x its nominal {format_days(duration)} days (day "
        f"{format_days(safe_end_day)}): spent "
        "pumps swell and leak concentrated salt (Boston University IACUC guidance).",
        f"Set pumps in series to {needed} or leave it empty, so each pump is replaced at its "
        f"nominal end; or shorten the study to {format_days(safe_end_day)} days.",
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
                f"{format_days(gap_end_day - window.empty_day)} days.",
                "Replace pumps at their nominal end (leave pumps in series empty), or check the "
                "lot's fill volume and rate.",
                **(REPLACE_AT_NOMINAL_END if evaluation.plan.pumps_in_series else {}),
            )


def check_spec_verified(evaluation, catalog, compounds):
    pump = evaluation.pump
    if pump is None or pump.verified:
        return None
    return Finding(
        "spec_unverified",
        "info",
        "pump_model",
        f"Model {pump.model}'s catalogue row is not from a verified manufacturer source: "
        f"{(pump.notes or pump.source).rstrip('.')}.",
        "Check the values against the instruction sheet in the pump's box, and enter the lot's "
        "rate and fill volume.",
    )


def check_lot_rate(evaluation, catalog, compounds):
    pump, lot_rate = evaluation.pump, evaluation.plan.lot_rate_ul_per_hr
    if pump is None or lot_rate is None:
        return None
    difference = lot_rate / pump.rate_ul_per_hr - 1.0
    # The epsilon keeps exactly 10 % fine: 0.55 / 0.5 - 1 is 0.10000000000000009 in floats.
    if abs(difference) <= LOT_RATE_TOLERANCE + 1e-9:
        return None
    return Finding(
        "lot_rate_differs",
        "info",
        "lot_rate_ul_per_hr",
        f"The lot's rate {format_number(lot_rate)} µL/h differs from model {pump.model}'s nominal "
        f"{format_number(pump.rate_ul_per_hr)} µL/h by {difference:+.0%}.",
        "Check the rate on the lot's instruction sheet; the plan uses the lot's rate.",
    )


def check_lot_fill_volume(evaluation, catalog, compounds):
    pump, fill = evaluation.pump, evaluation.plan.lot_fill_volume_ul
    if pump is None or fill is None or fill <= pump.reservoir_ul:
        return None
    return Finding(
        "lot_fill_exceeds_reservoir",
        "conflict",
        "lot_fill_volume_ul",
        f"The lot's fill volume {format_number(fill)} µL is more than model {pump.model}'s "
        f"reservoir of {format_number(pump.reservoir_ul)} µL.",
        "Enter the mean fill volume from the lot's instruction sheet.",
    )
