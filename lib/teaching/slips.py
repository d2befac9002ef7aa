"""The usual slips of each quantity a lesson may hide: the step of the working each is in, what
went wrong and the factor it puts on the right answer (µL/h taken for mL/day: × 0.024 on a
concentration). A slip known by the number it gives (a count rounded down) carries that number
over the right one as its factor.

The steps are named as ``lib.teaching.working`` titles them (tests/test_lessons.py holds them to
it); the delivery after explant, which the working does not show, is ALZET's "Verifying delivery".
"""

import math
from dataclasses import dataclass

from lib.calc.growth import mean_body_weight_g
from lib.calc.series import design_window
from lib.evaluate import Evaluation
from lib.plan import DESIGN_WEIGHT_LABELS
from lib.teaching.quantities import (
    day_row,
    explant_volumes_ul,
    percent_of_solubility,
    rate_percent,
    weighed_per_counted,
)
from lib.units import (
    DOSE_UNITS,
    HOURS_PER_DAY,
    MICROGRAMS_PER_MILLIGRAM,
    MICROLITRES_PER_MILLILITRE,
    MINUTES_PER_DAY,
    MINUTES_PER_HOUR,
    g_to_kg,
)

DOSE_STEP, PER_DAY_STEP = "The dose", "The dose in mg per day"
MASS_STEP, RATE_STEP = "Mass per day", "Pumping rate in mL per day"
CONCENTRATION_STEP, SOLUBILITY_STEP = "Fill concentration", "Will it dissolve?"
PUMP_STEP, GROWTH_STEP = "What one pump holds", "As the animal grows"
CATHETER_STEP, EXPLANT_STEP = "Before the drug arrives", "Verifying delivery"
THOUSAND = MICROLITRES_PER_MILLILITRE  # mL to µL and mg to µg alike


@dataclass(frozen=True)
class Slip:
    """A usual mistake: the step of the working it is in, what went wrong, and the factor it puts
    on the right answer."""

    step: str
    what: str
    factor: float


def _slip(step: str, what: str, wrong: float, right: float) -> Slip:
    """A slip known by the number it gives rather than by a factor (a count rounded down)."""
    return Slip(step, what, wrong / right if right else math.nan)


def rate_slips(evaluation: Evaluation) -> list[Slip]:
    """On a concentration, which the rate divides."""
    per_day = evaluation.rate_ml_per_day / evaluation.rate_ul_per_hr
    return [
        Slip(RATE_STEP, "µL/h taken for mL/day: the rate is × 24 h/day ÷ 1000 µL/mL", per_day),
        Slip(RATE_STEP, "the × 24 h/day left out: µL/h ÷ 1000 is mL per hour", HOURS_PER_DAY),
        Slip(RATE_STEP, "the ÷ 1000 µL/mL left out: µL/h × 24 is µL per day", 1 / THOUSAND),
    ]


def dose_slips(evaluation: Evaluation) -> list[Slip]:
    """Converting the dose into mg (per kg) per day: its mass (or amount) unit and its time."""
    unit = DOSE_UNITS[evaluation.plan.dose_unit]
    mass, per = unit.label.split("/")[0], unit.label.split("/")[-1]
    step = DOSE_STEP if unit.name in ("mg/kg/day", "mg/day") else PER_DAY_STEP
    slips = []
    if unit.molar:
        weight = evaluation.molecular_weight_g_per_mol
        what = f"the molecular weight left out: {mass} × g/mol (mg/mmol) is the mass"
        slips.append(Slip(step, what, 1 / weight))
    elif unit.mg_per_mass != 1.0:
        shown = f"{1 / unit.mg_per_mass:,.0f}"
        slips.append(Slip(step, f"{mass} taken for mg: ÷ {shown} {mass}/mg", 1 / unit.mg_per_mass))
        if mass == "ng":
            what = "ng ÷ 1000 is µg, not mg: ÷ 1,000,000 ng/mg"
            slips.append(Slip(step, what, MICROGRAMS_PER_MILLIGRAM))
    if unit.steps_per_day != 1.0:
        steps = f"{unit.steps_per_day:g}"
        slips.append(Slip(step, f"per {per} taken for per day: × {steps}", 1 / unit.steps_per_day))
    if per == "min":
        hours_only = MINUTES_PER_HOUR / unit.steps_per_day
        slips.append(Slip(step, "× 60 min/h only: a day has 1440 min", hours_only))
        slips.append(
            Slip(step, "× 24 only: a day has 1440 min, not 24", HOURS_PER_DAY / MINUTES_PER_DAY)
        )
    return slips


def weight_slips(evaluation: Evaluation) -> list[Slip]:
    """Per kg or per animal, the weight's unit, and which weight the fill is designed for."""
    plan = evaluation.plan
    if not DOSE_UNITS[plan.dose_unit].per_kg:
        what = "a per-animal dose multiplied by the body weight: it needs none"
        return [Slip(MASS_STEP, what, g_to_kg(plan.body_weight_g))]
    design_g, implant_g = evaluation.design_body_weight_g, plan.body_weight_g
    slips = [
        Slip(MASS_STEP, "a per-kg dose not multiplied by the body weight", 1 / g_to_kg(design_g)),
        Slip(MASS_STEP, "the body weight in g, not kg (÷ 1000 g/kg)", 1000.0),
    ]
    if plan.design_weight != "implant":
        label = DESIGN_WEIGHT_LABELS[plan.design_weight]
        what = f"the weight at implant used: this plan fills for {label}"
        return slips + [Slip(MASS_STEP, what, implant_g / design_g)]
    mean_g = mean_body_weight_g(plan, *design_window(evaluation.windows[0], plan.study_days))
    what = "the mean weight over the infusion used: this plan fills for the weight at implant"
    return slips + [Slip(MASS_STEP, what, mean_g / implant_g)]


def concentration_slips(evaluation: Evaluation, question) -> list[Slip]:
    answered_in = "the answer in µg/mL: the question asks for mg/mL (1 mg/mL = 1000 µg/mL)"
    return [
        *dose_slips(evaluation),
        *weight_slips(evaluation),
        *rate_slips(evaluation),
        Slip(CONCENTRATION_STEP, answered_in, THOUSAND),
    ]


def mass_per_day_slips(evaluation: Evaluation, question) -> list[Slip]:
    return [*dose_slips(evaluation), *weight_slips(evaluation)]


def dose_on_day_slips(evaluation: Evaluation, question) -> list[Slip]:
    row = day_row(evaluation, question.day)
    dose = float(row["dose_mg_per_kg_per_day"])
    if not dose:
        return []
    weight_g = float(row["body_weight_g"])
    on_day = f"day {question.day:g}"
    return [
        Slip(
            GROWTH_STEP,
            f"the weight at implant used, not the weight on {on_day}: the pump delivers a "
            "constant mass, and the animal grows",
            weight_g / evaluation.plan.body_weight_g,
        ),
        _slip(
            GROWTH_STEP,
            "the target dose given: the dose falls as the animal grows (a constant mass)",
            float(row["target_dose_mg_per_kg_per_day"]),
            dose,
        ),
        Slip(GROWTH_STEP, "the body weight in g, not kg (÷ 1000 g/kg)", 1 / 1000),
        Slip(GROWTH_STEP, "the mass per day not divided by the body weight", g_to_kg(weight_g)),
    ]


def pump_count_slips(evaluation: Evaluation, question) -> list[Slip]:
    study, duration = evaluation.plan.study_days, evaluation.pump.duration_days
    right = evaluation.pump_count
    wrong = [
        (
            math.ceil(study / duration - 1e-9),
            "each pump counted for its nominal period only: the last may stay in until the study "
            "ends, while it still runs and before 1.5 × its nominal period",
        ),
        (
            math.ceil(study / evaluation.capacity_days - 1e-9),
            "the longest run (fill ÷ rate) used for the nominal duration: each pump of a series "
            "is replaced at its nominal end",
        ),
        (math.floor(study / duration), "rounded down: the days left over still need a pump"),
        (study / duration, "a part of a pump: pumps come whole, round up"),
    ]
    return [_slip(PUMP_STEP, what, value, right) for value, what in wrong]


def run_days_slips(evaluation: Evaluation, question) -> list[Slip]:
    nominal = evaluation.pump.duration_days / evaluation.capacity_days
    return [
        Slip(PUMP_STEP, "in hours: µL ÷ µL/h gives hours, ÷ 24 h/day for days", HOURS_PER_DAY),
        Slip(PUMP_STEP, "the nominal duration given: the reservoir lasts longer", nominal),
    ]


def mass_slips(evaluation: Evaluation, question) -> list[Slip]:
    """A mass dissolved in a volume: mg/mL × µL ÷ 1000 µL/mL (and a salt weighed as itself)."""
    slips = [
        Slip(PUMP_STEP, "µL × mg/mL without ÷ 1000 µL/mL", THOUSAND),
        Slip(PUMP_STEP, "÷ 1000 once too often: µL × mg/mL ÷ 1000 is mg", 1 / THOUSAND),
    ]
    weighed = weighed_per_counted(evaluation)
    if question.volume_ul is not None and weighed != 1.0:
        slips.append(Slip(CONCENTRATION_STEP, "the free base's mass: weigh the salt", 1 / weighed))
    return slips


def catheter_slips(evaluation: Evaluation, question) -> list[Slip]:
    plan, rate = evaluation.plan, evaluation.rate_ul_per_hr
    return [
        Slip(CATHETER_STEP, "the answer in days: × 24 h/day for hours", 1 / HOURS_PER_DAY),
        Slip(CATHETER_STEP, "the rate taken per day: it is per hour", 1 / HOURS_PER_DAY),
        Slip(CATHETER_STEP, "the volume per cm not × the length", 1 / plan.catheter_length_cm),
        Slip(CATHETER_STEP, "the volume × the rate: hours = µL ÷ µL/h", rate * rate),
    ]


def solubility_slips(evaluation: Evaluation, question) -> list[Slip]:
    share = percent_of_solubility(evaluation, question) / 100
    return [
        Slip(SOLUBILITY_STEP, "the solubility ÷ the concentration: the other way", 1 / share**2),
        Slip(SOLUBILITY_STEP, "a fraction, not a percent (× 100)", 1 / 100),
    ]


def explant_slips(evaluation: Evaluation, question) -> list[Slip]:
    loaded, residual = explant_volumes_ul(evaluation, question)
    delivered = loaded - residual
    nominal = question.explant.elapsed_days / evaluation.pump.duration_days
    return [
        Slip(
            EXPLANT_STEP,
            "the residual not subtracted: delivered = loaded − residual",
            loaded / delivered,
        ),
        Slip(EXPLANT_STEP, "the residual taken for what was delivered", residual / delivered),
        Slip(EXPLANT_STEP, "the nominal duration used, not the time the pump was in", nominal),
    ]


def mean_rate_slips(evaluation: Evaluation, question) -> list[Slip]:
    per_day = Slip(EXPLANT_STEP, "µL per day: ÷ 24 h/day for µL/h", HOURS_PER_DAY)
    return [*explant_slips(evaluation, question), per_day]


def rate_percent_slips(evaluation: Evaluation, question) -> list[Slip]:
    percent = rate_percent(evaluation, question)
    difference = "the difference from the pump's rate, not the share of it"
    return [
        *explant_slips(evaluation, question),
        _slip(EXPLANT_STEP, difference, percent - 100, percent),
        Slip(EXPLANT_STEP, "a fraction, not a percent (× 100)", 1 / 100),
    ]
