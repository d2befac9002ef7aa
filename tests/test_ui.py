"""The view without a browser: build the app from code, set values, read what it renders."""

import pytest

from lib import Plan
from lib.ui.figures import timecourse_figure
from lib.ui.render import findings_html


def test_app_opens_on_the_brief_example(app):
    assert app.inputs.value == Plan()
    assert app.summary.value.concentration_mg_per_ml == 2.0
    assert "2.00</span> mg/mL" in app.summary.parts["concentration"]


# Plans that set every field the inputs show, in each of their modes.
ROUND_TRIP_PLANS = [
    Plan(
        compound="my peptide",
        vehicle="saline",
        dose=0.3,
        dose_unit="ng/kg/min",
        species="mouse",
        route="ip",
        body_weight_g=23.7,
        weight_gain_g_per_day=0.2,
        design_weight="mid",
        pump_model="1004",
        lot_rate_ul_per_hr=0.105,
        lot_fill_volume_ul=97.5,
        study_days=42.0,
        pumps_in_series=2,
        solubility_mg_per_ml=12.5,
        molecular_weight_g_per_mol=1046.2,
        clearance_ml_per_min_per_kg=12.5,
        half_life_h=0.75,
        volume_of_distribution_l_per_kg=0.8,
    ),
    Plan(
        fixed_concentration_mg_per_ml=1.5,
        growth_model="preset",
        growth_preset="wistar_male_juvenile",
        age_at_implant_days=30.0,
        end_body_weight_g=300.0,
        catheter_tubing="PE-10",
        catheter_length_cm=8.5,
        catheter_filled_with="drug",
    ),
    Plan(
        growth_model="measured",
        measured_weights=((0.0, 240.5), (7.0, 262.25), (14.0, 280.0)),
        design_weight="mean",
    ),
]


@pytest.mark.parametrize("plan", ROUND_TRIP_PLANS)
def test_every_plan_field_shown_by_the_inputs_reads_back_unchanged(app, plan):
    app.inputs.value = plan
    assert app.inputs.value == plan
    assert app.summary.value.plan == plan


def browser_says(field, **content):
    """A message from the field's browser side: what the scientist typed or slid."""
    field._on_message(field, content, [])


def test_a_typed_weight_is_kept_exactly_and_only_the_scientists_moves_change_it(app):
    browser_says(app.inputs.body_weight, typed="237.5")
    assert app.inputs.body_weight.value == "237.5"  # as typed; the plan reads it
    assert app.summary.value.plan.body_weight_g == 237.5
    # Showing a plan sends nothing to the kernel (no echo); a drag does, rounded to its step.
    browser_says(app.inputs.body_weight, slid=259.7)
    assert app.inputs.body_weight.value == 260.0 and app.summary.value.plan.body_weight_g == 260.0


def test_a_decimal_comma_is_read_and_the_box_says_how(app):
    browser_says(app.inputs.body_weight, typed="237,5")
    assert app.summary.value.plan.body_weight_g == 237.5
    assert app.inputs.body_weight.note == "read as 237.5 g"


def test_a_log_slider_step_is_rounded_to_three_significant_figures(app):
    browser_says(app.inputs.dose, slid=1.23456)
    assert app.inputs.dose.value == 1.23


def test_changing_the_dose_unit_keeps_the_same_physical_dose(app):
    app.inputs.dose_unit.value = "mg/kg/day"
    # 1 ug/h = 0.024 mg/day, over a 0.25 kg rat = 0.096 mg/kg/day.
    assert app.inputs.dose.value == pytest.approx(0.096)
    assert app.summary.value.concentration_mg_per_ml == pytest.approx(2.0)


def test_switching_to_mouse_moves_a_rat_weight_to_a_typical_mouse_and_says_so(app):
    # 250 g is outside a mouse's 10 to 70 g (lib/data/species.csv): the typical 25.4 g
    # (C57BL/6J males at 96 days, Gall & Kyle), never the slider's 80 g maximum
    app.inputs.species.value = "mouse"
    assert app.inputs.body_weight.value == 25.4
    assert app.summary.value.plan.body_weight_g == 25.4
    assert app.inputs.body_weight.note.startswith("set to 25.4 g, a typical mouse (C57BL/6J")


def test_switching_species_keeps_a_weight_plausible_for_the_new_one(app):
    app.inputs.body_weight.value = 45.0  # a plausible rat (40-700 g) and mouse (10-70 g)
    app.inputs.species.value = "mouse"
    assert app.inputs.body_weight.value == 45.0
    # the default dose is per animal (1 ug/h): said per kg for the new animal,
    # 0.024 mg/day / 0.045 kg = 0.533 mg/kg/day
    assert app.inputs.body_weight.note == (
        "kept 45 g: a plausible mouse weight; the dose stays 1 µg/h per animal, now 0.533 mg/kg/day"
    )


def test_invalid_typed_weight_shows_a_message_and_keeps_the_last_result(app):
    app.inputs.body_weight.value = 0.0
    assert "Body weight at implant (g): 0.0 is not allowed" in app.message.value
    assert app.summary.value.plan.body_weight_g == 250.0
    app.inputs.body_weight.value = 300.0
    assert app.message.value == ""


def test_unparseable_lot_rate_names_the_field_and_the_text(app):
    app.inputs.lot_rate.value = "0.5 uL/h"
    assert "Lot pumping rate (µL/h): &#x27;0.5 uL/h&#x27; is not allowed" in app.message.value


def test_a_custom_compound_name_is_escaped_in_the_page(app):
    app.inputs.value = Plan(compound="<script>alert(1)</script>")
    assert "<script>" not in app.summary.parts["concentration"]
    assert "&lt;script&gt;" in app.summary.parts["concentration"]
    assert "<script>" not in findings_html(app.findings.value)


def test_findings_are_rendered_with_their_code_and_severity(app):
    app.inputs.dose.value = 5.0  # 5 ug/h / 0.5 uL/h = 10 mg/mL > 4.3 mg/mL
    html = app.findings.markup
    assert "data-code='solubility_exceeded'" in html
    assert "pd-finding-conflict" in html
    assert "What to change:" in html


def test_plot_first_trace_is_the_delivered_dose(app):
    figure = timecourse_figure(app.summary.value)
    dose = figure["data"][0]
    assert dose["name"] == "Delivered dose"
    # 0.024 mg/day to a 0.25 kg rat = 0.096 mg/kg/day.
    assert dose["y"] == pytest.approx([0.096] * len(dose["y"]))
    assert app.plot.plot.figure == figure


def test_a_fix_button_applies_its_finding_fix(app):
    app.inputs.study_days.value = 5  # short of the tolerance from day 5: no other finding
    app.inputs.vehicle.value = "water"  # intrathecal in water: a caution with a fix
    (fix,) = app.findings.fixes
    assert fix == {"code": "vehicle-unsuited-to-route", "label": "Use aCSF"}
    # the button sits inside its finding
    finding = app.findings.markup.split("data-code='vehicle_unsuited_to_route'")[1]
    assert finding.split("</div>")[1].endswith("<div data-fix='0'>")
    app.findings._on_message(app.findings, {"fix": "0", "code": fix["code"]}, [])
    assert app.inputs.vehicle.value == "aCSF"
    assert app.findings.value == ()


def test_two_findings_with_one_fix_share_one_button(app):
    # A 2002 kept 28 days: past its safe explant day and a gap, both fixed by replacing it
    app.inputs.value = Plan(study_days=28, pumps_in_series=1)
    labels = [fix["label"] for fix in app.findings.fixes]
    assert labels.count("Replace each pump at its nominal end") == 1


def test_a_fix_button_drawn_for_other_findings_does_nothing(app):
    app.inputs.vehicle.value = "water"
    app.findings._on_message(app.findings, {"fix": "0", "code": "other-code"}, [])
    app.findings._on_message(app.findings, {"fix": "7", "code": "vehicle-unsuited-to-route"}, [])
    app.findings._on_message(app.findings, {"fix": "x"}, [])
    assert app.inputs.vehicle.value == "water"


def test_while_an_entry_is_invalid_nothing_reassures_and_nothing_acts_on_the_old_plan(app):
    app.inputs.dose.value = "2,5 mg"  # no plan: the results are the last valid plan's
    assert "No conflicts" not in app.findings.markup + app.bar.value
    assert "Last valid plan: <b>2.00 mg/mL</b>" in app.bar.value
    assert "Fix the entries: Dose: &#x27;2,5 mg&#x27; is not allowed" in app.bar.value
    assert "pd-stale" in app.results._dom_classes
    app.advisor.choose("2001")  # a button pressed on the grey table: the typed text stays
    assert app.inputs.dose.value == "2,5 mg" and app.inputs.pump_model.value == "2002"
    app.inputs.dose.value = "2,5"
    assert "pd-stale" not in app.results._dom_classes
    assert "5.00 mg/mL" in app.bar.value  # 2.5 ug/h / 0.5 uL/h


def test_the_result_bar_shows_the_worst_finding_and_how_many_of_its_kind(app):
    app.inputs.study_days.value = 5  # short of the tolerance from day 5: no finding
    assert "No conflicts" in app.bar.value and "mass flow 1.00 µg/h" in app.bar.value
    app.inputs.dose.value = 5.0  # 10 mg/mL > 4.3 mg/mL: a conflict
    assert "1 conflict: " in app.bar.value and "pd-result-bar-conflict" in app.bar.value


def test_choosing_a_pump_in_the_advisor_selects_it(app):
    app.inputs.species.value = "mouse"
    app.inputs.body_weight.value = 18.0  # under the 2002's 20 g: 1007D is the first feasible
    first = app.advisor.rows[0]
    assert first["model"] == "1007D" and "<b>1007D</b>" in first["html"]
    app.advisor._on_message(app.advisor, {"choose": "1007D"}, [])  # what its button sends
    assert app.inputs.pump_model.value == "1007D"
    assert "animal_too_small" not in [finding.code for finding in app.findings.value]
    assert app.advisor.rows[0]["current"]  # the pump in use: its button is disabled


def test_the_advisor_ignores_a_model_it_does_not_show(app):
    app.advisor._on_message(app.advisor, {"choose": "<script>"}, [])
    app.advisor._on_message(app.advisor, {"other": 1}, [])
    assert app.inputs.pump_model.value == "2002"


def test_entering_a_concentration_reports_the_delivered_dose(app):
    app.inputs.dose_mode.value = "concentration"
    app.inputs.fixed_concentration.value = 1.0
    # 1.0 mg/mL x 0.012 mL/day = 0.012 mg/day over a 0.25 kg rat = 0.048 mg/kg/day.
    assert app.summary.value.design_dose_mg_per_kg_per_day == pytest.approx(0.048)
    assert "0.0480 mg/kg/day" in app.summary.parts["concentration"]
    assert app.inputs.value.fixed_concentration_mg_per_ml == 1.0
    app.inputs.dose_mode.value = "dose"
    assert app.inputs.value == Plan()


def test_every_invalid_entry_is_listed_and_its_input_flagged(app):
    app.inputs.dose.value = 0.0
    app.inputs.body_weight.value = -5.0
    assert app.message.value.count("data-code='invalid_input'") == 2
    assert "pd-flagged-conflict" in app.inputs.body_weight._dom_classes
    assert "pd-flagged-conflict" in app.inputs.dose._dom_classes
    app.inputs.dose.value = 1.0
    app.inputs.body_weight.value = 250.0
    assert app.message.value == ""
    assert "pd-flagged-conflict" not in app.inputs.body_weight._dom_classes


def test_growth_inputs_show_for_their_model_and_feed_the_plan(app):
    app.inputs.growth_model.value = "preset"
    assert app.inputs.growth_preset.layout.display != "none"  # shown
    assert app.inputs.weight_gain.layout.display == "none"
    app.inputs.growth_preset.value = "wistar_male_juvenile"
    assert "Tauer" in app.inputs.preset_note.value
    app.inputs.age_at_implant.value = "28"
    assert app.inputs.value.age_at_implant_days == 28.0
    # 250 g at 28 days, +150 g over the preset's 28 days: 400 g at day 28 of a 28-day study.
    assert "growth_incomplete" not in [finding.code for finding in app.findings.value]


def test_measured_weights_are_typed_one_per_line(app):
    app.inputs.growth_model.value = "measured"
    app.inputs.measured_weights.value = "0: 250\n7: 262.5"
    assert app.inputs.value.measured_weights == ((0.0, 250.0), (7.0, 262.5))
    app.inputs.measured_weights.value = "7 262"
    assert "Measured weights (day: g)" in app.message.value


def test_a_catheter_shows_its_lag(app):
    app.inputs.pump_model.value = "2004"
    app.inputs.catheter_tubing.value = "PE-60"
    app.inputs.catheter_length.value = "10"
    # 45.66 uL at 0.25 uL/h = 182.64 h (REFERENCE 3)
    assert app.summary.value.catheter_lag_days * 24 == pytest.approx(182.64)
    assert "catheter_lag" in [finding.code for finding in app.findings.value]


def test_every_input_is_labelled_with_its_fields_declared_label(app):
    # One declaration per field (lib/plan.py): the page's label is the field's label.
    from lib.plan import PLAN_SPECS
    from lib.ui.inputs import FIELD_INPUTS

    def shown_label(field_input):  # a menu's label is its description (its .label: the choice's)
        return getattr(field_input, "description", None) or field_input.label

    shown = {field: shown_label(getattr(app.inputs, name)) for field, name in FIELD_INPUTS.items()}
    assert shown == {field: PLAN_SPECS[field].label for field in FIELD_INPUTS}
    assert set(FIELD_INPUTS) == set(PLAN_SPECS)  # and every field has its input


def test_every_cohort_setting_is_labelled_with_its_fields_declared_title(app):
    from lib.cohort.animals import COHORT_SPECS

    shown = {field: box.description for field, box in app.cohort.settings.items()}
    assert shown == {field: COHORT_SPECS[field].title for field in app.cohort.settings}


def test_a_bad_entry_names_the_field_by_the_label_the_page_shows(app):
    app.inputs.body_weight.value = 0.0
    # The box is labelled "Body weight at implant" with its unit "g" beside it.
    assert "Body weight at implant (g): 0.0 is not allowed" in app.message.value


def test_a_dose_unit_switch_that_cannot_convert_empties_the_dose_and_says_why(app):
    # A compound of the scientist's own has no molecular weight: 1 ug/h cannot become mmol
    app.inputs.compound.value = "(other)"
    app.inputs.custom_compound.value = "peptide X"
    app.inputs.dose_unit.value = "mmol/kg/day"
    assert app.inputs.dose.value == ""  # never 1 mmol/kg/day, 3,000-fold more here
    assert app.inputs.dose.note == (
        "1 µg/h not converted to mmol/kg/day without the molecular weight (under Compound): "
        "enter the dose in mmol/kg/day"
    )


def test_choosing_other_compound_asks_for_its_name_without_marking_it_wrong(app):
    # Issue 25: "(other)" showed a red "Compound: '' is not allowed" before anything was typed
    app.inputs.compound.value = "(other)"
    assert "Type your compound" in app.message.value
    assert "pd-finding-conflict" not in app.message.value
    assert "pd-flagged-conflict" not in app.inputs.compound._dom_classes
    app.inputs.custom_compound.value = "compound X"
    assert app.plan.compound == "compound X"
    # a compound without a figure in the table: the empty boxes say there is none to use
    assert app.inputs.solubility.placeholder == "none known: enter it"


def test_the_empty_solubility_box_says_what_the_table_holds(app):
    app.inputs.compound.value = "morphine"
    app.inputs.vehicle.value = "water"
    assert app.inputs.solubility.placeholder == "table: at least 50"
    assert app.inputs.molecular_weight.placeholder == "table: 758.83"


def test_a_published_regimen_is_found_by_a_synonym_and_loads_its_plan_and_citation(app):
    from lib import load_pump_catalog, load_regimens

    picker = app.regimens
    picker.search.value = "noradrenaline"  # a synonym of norepinephrine (compounds.csv)
    names = [value for _, value in picker.menu.options if value]
    assert names and all(name.startswith("norepinephrine") for name in names)
    picker.menu.value = "norepinephrine-mouse-cassis-2009"
    (regimen,) = [r for r in load_regimens() if r.regimen == "norepinephrine-mouse-cassis-2009"]
    assert app.inputs.value == regimen.plan(load_pump_catalog())
    assert "PMID 19252100" in picker.note.value and "Not stated in the paper" in picker.note.value
    # 5.6 mg/kg/day x 0.0254 kg / (0.25 uL/h x 24 / 1000 = 0.006 mL/day) = 23.7 mg/mL
    assert "23.7" in app.bar.value


def test_a_clearance_shows_the_plasma_level_and_a_target_solves_the_dose(app):
    assert app.summary.parts["plasma"] == ""  # nothing without pharmacokinetic inputs
    app.inputs.clearance.value = "10"
    app.inputs.half_life.value = "2"
    # 1 ug/h = 1,000 ng/h over 10 mL/min/kg x 0.25 kg x 60 = 150 mL/h: 6.67 ng/mL (31.2 nM of
    # baclofen, 213.66 g/mol); 90 % after 3.32 x 2 h = 6.64 h
    shown = app.summary.parts["plasma"]
    assert "6.67</span> ng/mL" in shown
    assert "31.2 nM of baclofen" in shown
    assert "6.64 h" in shown
    assert "one compartment" in shown
    # A target of 20 ng/mL: 20 x 150 = 3,000 ng/h = 3.00 ug/h
    app.inputs.target_plasma.value = "20"
    assert app.summary.value.steady_state_plasma_ng_per_ml == pytest.approx(20.0)
    assert "Dose from the target: 3.00 µg/h" in app.summary.parts["plasma"]
    assert app.inputs.value.target_plasma_ng_per_ml == 20.0
