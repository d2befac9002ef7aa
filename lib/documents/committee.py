"""The numbers an animal-care committee asks about osmotic pumps, from the study's model.

The protocol sheet's committee section follows the structure of ALZET's "IACUC Approval Form
Guide" (2008; REFERENCE section 2): justification of pump use, the animals and the pumps per
animal with the replacement surgeries, route and pump with its size recommendation, vehicle,
concentration and dose, duration and explant schedule, post-operative care. Every number comes
from the plan and its cohort; what only the lab's approved protocol can say, the sheet leaves to it.
"""

from collections import Counter
from dataclasses import dataclass

from lib.documents.model import StudyDocument


@dataclass(frozen=True)
class CommitteeSummary:
    animals: int
    groups: tuple[tuple[str, int], ...]  # (group, animals), in the cohort's order
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
        groups = tuple(
            Counter(
                str(group) for group in study.doses.drop_duplicates("animal_id")["group"]
            ).items()
        )
        # At each animal's own weight when its pump goes in, and the highest any pump gives.
        doses = study.doses
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
