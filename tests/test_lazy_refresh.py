"""Issue 28: a change computes and draws only what it reaches, and a part folded away is
computed when it is opened. Counted, never timed."""

from dataclasses import replace

import pandas as pd
import pytest

from lib import Plan, evaluate, evaluate_cohort, load_compound_table, load_pump_catalog
from lib.cohort.animals import Cohort
from lib.cohort.table import parse_animals
from lib.ui.changes import DOCUMENT_FIELDS, changed_fields, relabelled

TEN_RATS = "\n".join(
    f"R{n:02d}\t{'low' if n <= 5 else 'high'}\t{200 + 10 * n}" for n in range(1, 11)
)
# A value other than the default for each field only the documents read.
OTHER_VALUES = {
    "study_title": "Baclofen in SCI",
    "investigator": "A. Scientist",
    "protocol_number": "IACUC-2026-01",
    "outcome_measures": ("H-reflex",),
    "implant_date": "2026-03-30",
    "implant_time": "14:30",
    "time_zone": "Europe/London",
    "working_day_start": "07:00",
    "working_day_end": "16:00",
    "working_days": ("Mon", "Wed"),
    "surgery_minutes_per_animal": 45.0,
}
# A plan with a plasma target (the evaluation's plan is the solved one) and a growing rat.
PLANS = [
    Plan(),
    Plan(dose=0.5, dose_unit="mg/kg/day", growth_model="gain", weight_gain_g_per_day=3.0,
         study_days=28.0),
    Plan(clearance_ml_per_min_per_kg=10.0, half_life_h=2.0, target_plasma_ng_per_ml=50.0,
         dose_unit="mg/kg/day"),
]  # fmt: skip


def test_every_field_the_documents_only_read_has_another_value_here():
    assert set(OTHER_VALUES) == DOCUMENT_FIELDS


@pytest.mark.parametrize("plan", PLANS)
@pytest.mark.parametrize("field", sorted(DOCUMENT_FIELDS))
def test_no_evaluation_reads_a_field_that_only_the_documents_read(plan, field):
    # What lets the page keep its evaluations when one of these changes (lib/ui/changes.py).
    catalog, compounds = load_pump_catalog(), load_compound_table()
    other = replace(plan, **{field: OTHER_VALUES[field]})
    before, after = evaluate(plan, catalog, compounds), evaluate(other, catalog, compounds)
    kept = relabelled(before, other, changed_fields(plan, other))
    assert kept == after and kept.plan == after.plan
    pd.testing.assert_frame_equal(kept.timecourse, after.timecourse)
    assert kept.dose_range == after.dose_range
    animals, _ = parse_animals(TEN_RATS)
    cohort = Cohort(animals=animals)
    study = evaluate_cohort(plan, cohort, catalog, compounds, before)
    again = evaluate_cohort(other, cohort, catalog, compounds, after)
    pd.testing.assert_frame_equal(study.doses, again.doses)
    pd.testing.assert_frame_equal(study.deliveries, again.deliveries)
    assert (study.preparations, study.findings) == (again.preparations, again.findings)


def count_calls(monkeypatch, module, name: str) -> list:
    calls = []
    original = getattr(module, name)

    def counted(*arguments, **keywords):
        calls.append(arguments)
        return original(*arguments, **keywords)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_a_title_change_redraws_neither_the_plot_nor_the_summary_and_evaluates_nothing(
    app, monkeypatch
):
    import lib.ui.app as app_module
    import lib.ui.panels as panels

    app.cohort.animals.value = TEN_RATS
    evaluations = count_calls(monkeypatch, app_module, "evaluate")
    figures = count_calls(monkeypatch, panels, "timecourse_figure")
    sent = []
    app.plot.plot.observe(sent.append, "figure")
    cohort_evaluations = app.cohort.evaluations
    app.inputs.study_title.value = "Baclofen in SCI"
    assert (evaluations, figures, sent) == ([], [], [])
    assert app.cohort.evaluations == cohort_evaluations
    # What shows the title follows it: the bench cards, the files, the evaluation kept.
    assert "Baclofen in SCI" in app.cohort.preparation.value
    assert app.evaluation.plan.study_title == "Baclofen in SCI"
    assert app.cohort.result.plan.study_title == "Baclofen in SCI"
    app.inputs.dose.value = 2.0
    assert len(evaluations) == 1 and len(figures) == 1 and len(sent) == 1


def test_a_field_the_cohort_does_not_read_does_not_evaluate_it_again(app):
    app.cohort.animals.value = TEN_RATS
    count = app.cohort.evaluations
    app.inputs.value = replace(app.inputs.value, implant_date="2026-03-30")
    assert app.cohort.evaluations == count
    assert "Mon 2026-03-30" in app.cohort.calendar.value  # the calendar follows the date
    app.inputs.dose.value = 2.0
    assert app.cohort.evaluations == count + 1


def test_the_cohort_folded_is_computed_when_opened(app):
    assert not app.cohort.fold.opened and app.cohort.evaluations == 0
    app.inputs.dose.value = 2.0
    assert app.cohort.evaluations == 0 and app.cohort.table.value == ""
    app.cohort.fold.toggle.value = True
    assert app.cohort.evaluations == 1
    assert "<td>1</td>" in app.cohort.table.value  # the plan's own animal
    assert app.cohort.preparation.value


def test_animals_entered_open_the_cohort_and_a_fold_keeps_it_from_being_computed(app):
    app.cohort.animals.value = TEN_RATS
    assert app.cohort.fold.opened and app.cohort.evaluations == 1
    app.cohort.fold.toggle.value = False  # the scientist folds it away
    app.inputs.dose.value = 0.5
    app.inputs.body_weight.value = 300.0
    assert app.cohort.evaluations == 1
    # A file asked for meanwhile is of the plan shown: computed then.
    from tests.test_cohort_ui import download

    rows = download(app.cohort, "pd-export-cohort-csv").splitlines()
    assert app.cohort.evaluations == 2 and len(rows) == 11
    assert app.cohort.result.plan == app.plan and app.plan.body_weight_g == 300.0
    app.cohort.fold.toggle.value = True  # opened: drawn from what was computed
    assert app.cohort.evaluations == 2 and "R10" in app.cohort.table.value


def test_the_calendar_folded_is_computed_when_opened(app):
    app.cohort.animals.value = TEN_RATS
    app.inputs.implant_date.value = "2026-03-30"
    assert "Mon 2026-03-30" in app.cohort.calendar.value
    app.cohort.calendar_fold.toggle.value = False  # the scientist folds it away
    app.inputs.implant_date.value = "2026-05-04"
    assert "2026-05-04" not in app.cohort.calendar.value
    app.cohort.calendar_fold.toggle.value = True
    assert "Mon 2026-05-04" in app.cohort.calendar.value


def test_a_plan_with_an_implant_date_opens_the_calendar(app):
    assert not app.cohort.calendar_fold.opened
    app.inputs.value = Plan(implant_date="2026-03-30")
    assert app.cohort.calendar_fold.opened
    assert "Mon 2026-03-30" in app.cohort.calendar.value
