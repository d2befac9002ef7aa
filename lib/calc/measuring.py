"""What a lab measures: each volume to its pipette's or cylinder's step, and the amounts of a
dilution (an aliquot and its vehicle) each on its own step."""

import math

MAX_STEP_FACTOR = 10.0
SMALLEST_ALIQUOT_UL = 10.0  # below this a pipetting error of 0.1 uL is over 1 %
TOLERANCE_PERCENT = 1.0


def volume_step_ul(volume_ul: float) -> float:
    """What a pipette or a cylinder measures to at this volume: 0.1 uL to 100 uL, 1 uL to 1 mL,
    10 uL to 10 mL, then 0.1 mL."""
    for limit_ul, step_ul in ((100.0, 0.1), (1_000.0, 1.0), (10_000.0, 10.0)):
        if volume_ul < limit_ul:
            return step_ul
    return 100.0


def measured_ul(volume_ul: float, up: bool = False) -> float:
    """A volume as measured: to the nearest step (or up to it, for 'at least this much').

    >>> measured_ul(35.87), measured_ul(1101.9, up=True), measured_ul(12_345.0)
    (35.9, 1110.0, 12300.0)
    """
    step = volume_step_ul(volume_ul)
    steps = round(volume_ul / step, 6)  # 540.0000001 is 540
    counted = math.ceil(steps) if up else math.floor(steps + 0.5)  # half up, as a lab rounds
    return round(counted * step, 6)  # no 83.80000000000001


def on_steps(volume_ul: float) -> tuple[float, ...]:
    """The measurable volumes just below and just above a volume (its pipette's steps)."""
    step = volume_step_ul(volume_ul)
    below = round(math.floor(round(volume_ul / step, 6)) * step, 6)
    return (below,) if below == volume_ul else (below, round(below + step, 6))


def dilution_amounts(before: float, wanted: float, volume_ul: float, least_ul: float):
    """The aliquot of the solution before and the vehicle to add, each to its own pipette's
    step (the volume made is what they add up to): of the measurable pairs around the plan, the
    one nearest the wanted strength that makes at least ``least_ul`` and at most a 10-fold step.

    >>> dilution_amounts(6.1806, 0.61527, 116.0, 116.0)  # 11.5 + 105 would be 10.13-fold
    (11.6, 105.0)
    """
    aliquot = volume_ul * wanted / before
    pairs = [
        (a, d)
        for a in on_steps(aliquot)
        for d in on_steps(volume_ul - a)
        if a + d >= least_ul - 1e-9 and (a + d) / a <= MAX_STEP_FACTOR * (1 + 1e-9) + 0.1
    ]
    pairs = pairs or [
        (measured_ul(aliquot), measured_ul(volume_ul - measured_ul(aliquot), up=True))
    ]
    return min(pairs, key=lambda pair: abs(before * pair[0] / (pair[0] + pair[1]) / wanted - 1))
