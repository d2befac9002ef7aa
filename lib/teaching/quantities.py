"""What a lesson may hide, beyond the ``Evaluation``'s own figures: each computed from the lesson
plan's evaluation and the question (its day, its volume, the lesson's explanted pump). The table of
every quantity a question may ask for is ``lib.teaching.answers.QUANTITIES``.
"""

from lib.cohort.delivery import mean_rate_ul_per_hr
from lib.evaluate import Evaluation
from lib.units import HOURS_PER_DAY, dissolved_mg


def day_row(evaluation: Evaluation, day: float):
    """The time course on a day: its last row at or before it (None before any)."""
    table = evaluation.timecourse
    earlier = table[table["day"] <= day + 1e-9]
    return None if earlier.empty else earlier.iloc[-1]


def dose_on_day(evaluation: Evaluation, question) -> float | None:
    row = day_row(evaluation, question.day)
    return None if row is None else float(row["dose_mg_per_kg_per_day"])


def weighed_per_counted(evaluation: Evaluation) -> float:
    """mg of the form weighed per mg the dose counts (above 1 for a salt dosed as its base)."""
    form = evaluation.dose_form
    return (
        1.0 if form is None or form.weighed_mg_per_dose_mg is None else form.weighed_mg_per_dose_mg
    )


def mass_to_weigh_mg(evaluation: Evaluation, question) -> float | None:
    if evaluation.concentration_mg_per_ml is None:
        return None
    weighed = evaluation.concentration_mg_per_ml * weighed_per_counted(evaluation)
    return dissolved_mg(weighed, question.volume_ul)


def catheter_lag_h(evaluation: Evaluation, question) -> float | None:
    """None without a catheter primed with vehicle: nothing to wait for."""
    days = evaluation.catheter_lag_days
    return days * HOURS_PER_DAY if days else None


def percent_of_solubility(evaluation: Evaluation, question) -> float | None:
    limit = evaluation.solubility_limit_mg_per_ml
    highest = evaluation.highest_concentration_mg_per_ml
    return None if not limit or highest is None else 100 * highest / limit


def explant_volumes_ul(evaluation: Evaluation, question) -> tuple[float, float]:
    """What was loaded (weighed, else the fill volume) and what was left."""
    explant = question.explant
    loaded = explant.loaded_volume_ul or evaluation.fill_volume_ul
    return loaded, explant.residual_volume_ul


def mean_rate(evaluation: Evaluation, question) -> float | None:
    if evaluation.fill_volume_ul is None:
        return None
    loaded, residual = explant_volumes_ul(evaluation, question)
    return mean_rate_ul_per_hr(loaded, residual, question.explant.elapsed_days)


def rate_percent(evaluation: Evaluation, question) -> float | None:
    rate = mean_rate(evaluation, question)
    return None if rate is None else 100 * rate / evaluation.rate_ul_per_hr
