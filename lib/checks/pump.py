"""Checks of the pump: a known model, the animal's size, verified figures, lot values."""

from lib.calc.cns_volume import CSF_SHARE_LIMIT_PERCENT, csf_share_percent, too_much_for_csf
from lib.calc.dosing import RATE_TOLERANCE_PERCENT
from lib.checks.common import use_model, workable
from lib.findings import Finding
from lib.formatting import format_number, without_urls
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
        f"At {plan.body_weight_g:g} g the {plan.species} is below the "
        f"{pump.min_body_weight_g(plan.route):g} g that model {pump.model} is recommended "
        f"for in {side} ({pump.source}; published work sometimes goes below it, REFERENCE "
        "section 4).",
        f"Choose a model that fits: {models}." if options else "Choose a larger animal.",
        **use_model(options),
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
    if abs(difference) <= RATE_TOLERANCE_PERCENT / 100 + 1e-9:
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
    """A lot's mean fill volume above the nominal one: lots vary and the lot's sheet rules (ALZET,
    "Filling & Priming"), so a note, not a conflict; the plan uses the lot's figure."""
    pump, fill = evaluation.pump, evaluation.plan.lot_fill_volume_ul
    if pump is None or fill is None or fill <= pump.reservoir_ul:
        return None
    return Finding(
        "lot_fill_exceeds_reservoir",
        "info",
        "lot_fill_volume_ul",
        f"The lot's fill volume {format_number(fill)} µL is more than model {pump.model}'s "
        f"nominal {format_number(pump.reservoir_ul)} µL; the plan uses the lot's figure.",
        "Check the figure against the lot's instruction sheet, which rules over the nominal one.",
    )


def check_csf_volume(evaluation, catalog, compounds):
    """Into the CNS, a pump adding more than 10 % of the fluid the CSF makes: a caution
    (``lib.calc.cns_volume``)."""
    plan, rate = evaluation.plan, evaluation.rate_ul_per_hr
    share = None if rate is None else csf_share_percent(plan, rate)
    if share is None or not too_much_for_csf(plan, rate):
        return None
    percent, production = share
    slower = workable(
        evaluation, catalog, compounds, lambda o: not too_much_for_csf(plan, o.spec.rate_ul_per_hr)
    )
    names = ", ".join(option.spec.model for option in slower[:3])
    return Finding(
        "csf_volume_large",
        "caution",
        "pump_model",
        f"Model {evaluation.pump.model} puts {format_number(rate)} µL/h into the CSF, "
        f"{percent:.0f} % of the {format_number(production.value_ul_per_hr)} µL/h a "
        f"{plan.species}'s CSF makes ({without_urls(production.source)}); published chronic "
        "infusions into a rat's CSF run at 0.5 to 1 µL/h (Milne et al. 1985; Williams et al. "
        f"1987). This app flags more than {CSF_SHARE_LIMIT_PERCENT:g} %, a planning choice.",
        f"Use a slower model{': ' + names if names else ''}, at a higher concentration.",
        **use_model(slower),
    )
