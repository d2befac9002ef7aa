"""What each pump of the series is filled with across a cohort, as the calendar names it."""

from lib.cohort.blinding import study_codes
from lib.cohort.evaluate import CohortEvaluation
from lib.formatting import counted, format_number


def pump_fillings(evaluated: CohortEvaluation, listed: int = 4) -> dict[int, str]:
    """What each pump of the series is filled with across the cohort, for the calendar."""
    plan, fillings = evaluated.plan, {}
    codes = study_codes(evaluated) if evaluated.cohort.blinded else {}
    for pump, rows in evaluated.doses.groupby("pump"):
        solutions = rows.drop_duplicates("solution")
        if evaluated.cohort.blinded:  # the calendar is the surgeon's: codes only
            solutions = solutions.drop_duplicates("group")
            names = [f"solution {codes[str(row.group)]}" for row in solutions.itertuples()]
            names.sort()
        else:
            names = [
                f"{row.group if evaluated.cohort.concentration_mode == 'group' else row.animal_id}"
                f" {_strength(row.concentration_mg_per_ml)}"
                for row in solutions.head(listed).itertuples()
            ]
        names = names[:listed]
        more = len(solutions) - listed
        listing = ", ".join(names) + (f" and {more} more" if more > 0 else "")
        fillings[int(pump)] = (
            f"{plan.compound} in {plan.vehicle}, {counted(len(solutions), 'solution')} "
            f"({listing}; see the preparation sheet)"
        )
    return fillings


def _strength(concentration_mg_per_ml: float) -> str:
    """A solution as the calendar names it: '3 mg/mL', or a control's 'vehicle only'."""
    if concentration_mg_per_ml == 0:
        return "vehicle only"
    return f"{format_number(concentration_mg_per_ml)} mg/mL"
