"""What the pumps deliver, in one wording for the page, the working and the sheets: the dose
over the infusion, the days without drug, and the pumps a series lacks.

Every number comes from the evaluation (the dose range from the time course the plot draws, the
pump count from the series rule), so no statement can tell a student something the plot does not.
"""

from lib.calc.dose_range import DoseRange
from lib.evaluate import Evaluation
from lib.formatting import counted, format_days, format_number, in_dose_unit


def dose_range_text(evaluation: Evaluation) -> str:
    """The delivered dose from the drug's arrival to the study's end, in mg/kg/day and in the
    plan's own unit, and in % of the target ("0.0960 mg/kg/day throughout" when it does not
    change, never "0.0960 to 0.0960"); then the days on which no drug reaches the animal."""
    doses = evaluation.dose_range
    if doses is None:
        return "—"
    plan, weight = evaluation.plan, evaluation.molecular_weight_g_per_mol
    low, high = doses.lowest_mg_per_kg_per_day, doses.highest_mg_per_kg_per_day
    low_percent, high_percent = doses.lowest_percent_of_target, doses.highest_percent_of_target
    if low_percent is None:
        text = f"{format_number(low)} to {format_number(high)} mg/kg/day (no target dose entered)"
    elif format_number(low) == format_number(high):
        text = (
            f"{in_dose_unit(low, plan.dose_unit, weight)} throughout "
            f"({format_number(low_percent)} % of the target)"
        )
    else:
        text = (
            f"{in_dose_unit(low, plan.dose_unit, weight)} to "
            f"{in_dose_unit(high, plan.dose_unit, weight)} "
            f"({format_number(low_percent)} to {format_number(high_percent)} % of the target)"
        )
    return text + no_drug_text(doses)


def no_drug_text(doses: DoseRange) -> str:
    """'; no drug from day 16.7 to 28 (11.3 days)', or '' when the drug never stops."""
    if not doses.days_without_drug:
        return ""
    spans = " and ".join(
        f"from day {format_days(start)} to {format_days(end)}"
        for start, end in doses.days_without_drug
    )
    return f"; no drug {spans} ({counted(doses.no_drug_days, 'day')})"


def pump_cover_text(evaluation: Evaluation) -> str:
    """What the plan's pumps leave uncovered, to follow their count: ', covering only 16.7 of the
    28 days (no drug after day 16.7); the study needs 2, each replaced at its nominal end'; ''
    when they cover the study (the series rule's count, or more)."""
    needed, doses = evaluation.pumps_needed, evaluation.dose_range
    if needed is None or evaluation.pump_count >= needed:
        return ""
    needs = f"; the study needs {needed}, each replaced at its nominal end"
    if doses is None or not doses.days_without_drug:
        return needs  # in past the explant-by day, but not dry
    covered = format_days(doses.days_without_drug[0][0])
    study = format_days(evaluation.plan.study_days)
    return f", covering only {covered} of the {study} days (no drug after day {covered}){needs}"
