"""What an input change changes: the plan fields that differ, and the work they call for.

A change of fields that only the documents read (the study's identity, its dates and times)
leaves the evaluation of the plan and of the cohort as they were: the page keeps them, with the
new plan, and redraws only what shows those fields (the bench cards, the calendar, the files).
tests/test_lazy_refresh.py checks that ``evaluate`` and ``evaluate_cohort`` read none of them.
"""

from dataclasses import fields, replace

from lib.evaluate import Evaluation
from lib.plan import Plan

# Read by lib/documents only: never by evaluate(), the checks or evaluate_cohort().
DOCUMENT_FIELDS = frozenset(
    {
        "study_title",
        "investigator",
        "protocol_number",
        "outcome_measures",
        "implant_date",
        "implant_time",
        "time_zone",
        "working_day_start",
        "working_day_end",
        "working_days",
        "surgery_minutes_per_animal",
    }
)
PLAN_FIELDS = tuple(field.name for field in fields(Plan))
# What an evaluation computes once and keeps (functools.cached_property): from fields above, none.
CACHED = ("dose_range", "kinetics", "plasma_course")


def changed_fields(old: Plan | None, new: Plan) -> frozenset[str] | None:
    """The fields that differ; None when there is no earlier plan (everything is new)."""
    if old is None:
        return None
    return frozenset(name for name in PLAN_FIELDS if getattr(old, name) != getattr(new, name))


def documents_only(changed: frozenset[str] | None) -> bool:
    """Whether only fields the documents read changed (or none): no evaluation is needed."""
    return changed is not None and changed <= DOCUMENT_FIELDS


def relabelled(evaluation: Evaluation, plan: Plan, changed: frozenset[str]) -> Evaluation:
    """``evaluation`` of a plan that differs from ``plan`` in document fields only, with those
    fields of ``plan`` (its own plan may be the one solved for a plasma target: kept so)."""
    values = {name: getattr(plan, name) for name in changed}
    new = replace(evaluation, plan=replace(evaluation.plan, **values))
    for name in CACHED:  # computed already: from fields that did not change
        if name in vars(evaluation):
            vars(new)[name] = vars(evaluation)[name]
    return new
