"""What each pump of the series is filled with across a cohort, as the calendar names it."""

from lib.cohort.blinding import study_codes
from lib.cohort.evaluate import CohortEvaluation
from lib.formatting import counted, format_number


def pump_fillings(evaluated: CohortEvaluation, listed: int = 4) -> dict[int, str]:
    """What each pump of the series is filled with across the cohort, for the calendar."""
    plan, fillings = evaluated.plan, {}
    codes = study_codes(evaluated) if evaluated.cohort.blinded else {}
    by_group = evaluated.cohort.concentration_mode == "group"
    doses = evaluated.doses
    # Each pump's solutions in the order of the dose table, first rows only (plain Python: a
    # pandas group-by cost more than the rest of the calendar for a small cohort).
    solutions: dict[int, dict] = {}
    columns = ("pump", "solution", "group", "animal_id", "concentration_mg_per_ml")
    for pump, solution, group, animal, concentration in zip(
        *(doses[column].tolist() for column in columns), strict=True
    ):
        solutions.setdefault(int(pump), {}).setdefault(solution, (group, animal, concentration))
    for pump in sorted(solutions):
        rows = list(solutions[pump].values())
        if evaluated.cohort.blinded:  # the calendar is the surgeon's: codes only
            rows = list({str(group): None for group, _, _ in rows})
            names = sorted(f"solution {codes[group]}" for group in rows)
        else:
            names = [
                f"{group if by_group else animal} {_strength(concentration)}"
                for group, animal, concentration in rows[:listed]
            ]
        names = names[:listed]
        more = len(rows) - listed
        listing = ", ".join(names) + (f" and {more} more" if more > 0 else "")
        fillings[pump] = (
            f"{plan.compound} in {plan.vehicle}, {counted(len(rows), 'solution')} "
            f"({listing}; see the preparation sheet)"
        )
    return fillings


def _strength(concentration_mg_per_ml: float) -> str:
    """A solution as the calendar names it: '3 mg/mL', or a control's 'vehicle only'."""
    if concentration_mg_per_ml == 0:
        return "vehicle only"
    return f"{format_number(concentration_mg_per_ml)} mg/mL"
