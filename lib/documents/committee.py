"""The numbers an animal-care committee asks about osmotic pumps, from the study's model.

The protocol sheet's committee section follows the structure of ALZET's "IACUC Approval Form
Guide" (2008; REFERENCE section 2): justification of pump use, the animals and the pumps per
animal with the replacement surgeries, route and pump with its size recommendation, vehicle,
concentration and dose, duration and explant schedule, post-operative care. Every number comes
from the plan and its cohort; what only the lab's approved protocol can say, the sheet leaves to it.
"""

from dataclasses import dataclass

from lib.cohort.groups import dose_text, groups_by_name
from lib.documents.model import StudyDocument


@dataclass(frozen=True)
class GroupLine:
    """One group of the study: its animals, its dose as planned, and the dose at each animal's
    own weight at implant (the lowest) to the highest any of its pumps gives."""

    name: str
    animals: int
    dose: str  # "vehicle only", "200 ng/kg/min", "1 ug/h (the plan's dose)"
    lowest_dose_mg_per_kg_per_day: float
    highest_dose_mg_per_kg_per_day: float
    # The steady-state plasma level at the group's dose (None without kinetics): linear in the
    # dose, the plan's level times the group's dose over the plan's.
    plasma_ng_per_ml: float | None = None
    vehicle: bool = False  # a vehicle control (lib.cohort.groups)


@dataclass(frozen=True)
class CommitteeSummary:
    animals: int
    groups: tuple[GroupLine, ...]  # in the cohort's order
    lightest_g: float
    heaviest_g: float
    pumps_per_animal: int
    replacement_days: tuple[float, ...]
    pumps_implanted: int
    spares: int
    lowest_dose_mg_per_kg_per_day: float | None
    highest_dose_mg_per_kg_per_day: float | None

    @property
    def replacement_surgeries(self) -> int:
        return len(self.replacement_days) * self.animals


def committee_summary(document: StudyDocument) -> CommitteeSummary:
    evaluation, study = document.evaluation, document.study
    if study is not None:
        animals = study.cohort.animals
        weights = [animal.body_weight_g for animal in animals]
        groups = group_lines(study)
        # At each animal's own weight when its pump goes in, and the highest any pump gives
        # (a vehicle control's none are not doses).
        vehicle = {group.name for group in groups if group.vehicle}
        doses = study.doses[~study.doses["group"].isin(vehicle)]
        low, high = (
            (
                float(doses["dose_at_implant_mg_per_kg_per_day"].min()),
                float(doses["highest_dose_mg_per_kg_per_day"].max()),
            )
            if len(doses)
            else (None, None)
        )
    else:
        weights, groups = [evaluation.plan.body_weight_g], ()
        dose_range = evaluation.dose_range
        low = dose_range and dose_range.lowest_mg_per_kg_per_day
        high = dose_range and dose_range.highest_mg_per_kg_per_day
    return CommitteeSummary(
        animals=len(weights),
        groups=groups,
        lightest_g=min(weights),
        heaviest_g=max(weights),
        pumps_per_animal=len(evaluation.windows),
        replacement_days=tuple(window.start_day for window in evaluation.windows[1:]),
        pumps_implanted=len(document.implanted),
        spares=len(document.pumps) - len(document.implanted),
        lowest_dose_mg_per_kg_per_day=low,
        highest_dose_mg_per_kg_per_day=high,
    )


def group_lines(study) -> tuple[GroupLine, ...]:
    """Each group of the cohort: its animals, its dose and the doses its animals get."""
    plan, groups = study.plan, study.cohort.groups
    by_name, level = groups_by_name(groups), study.evaluation.steady_state_plasma_ng_per_ml
    lines = []
    for name, rows in study.doses.groupby("group", sort=False):
        group = by_name.get(str(name).casefold())
        lines.append(
            GroupLine(
                str(name),
                rows["animal_id"].nunique(),
                dose_text(plan, groups, name),
                float(rows["dose_at_implant_mg_per_kg_per_day"].min()),
                float(rows["highest_dose_mg_per_kg_per_day"].max()),
                _group_level(level, plan.dose, group),
                group is not None and group.is_vehicle,
            )
        )
    return tuple(lines)


def _group_level(level: float | None, plan_dose: float | None, group) -> float | None:
    if level is None or not plan_dose:
        return None
    if group is None or group.dose is None:
        return 0.0 if group is not None and group.vehicle_only else level
    return level * group.dose / plan_dose
