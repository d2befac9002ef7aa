"""Where each input of the page stands: one line per input, section by section.

Each line is an input's name (its attribute on ``PlanInputs`` and its ``pd-<name>`` class) and
the plan field it shows; the widget, its label, unit, range and hint come from the field's
declaration in ``lib/plan.py`` (``lib.ui.fields.field_input``). ``None`` marks an input of the
page's own, built by ``PlanInputs``: a note, the entry mode, the name typed with '(other)'.
Adding a plan field is its declaration and one line here.
"""

LAYOUT = {
    "Compound": {
        "compound": "compound",
        "custom_compound": None,
        "vehicle": "vehicle",
        "solubility": "solubility_mg_per_ml",
        "molecular_weight": "molecular_weight_g_per_mol",
        "free_base_molecular_weight": "free_base_molecular_weight_g_per_mol",
    },
    "Dose": {
        "dose_mode": None,
        "fixed_concentration": "fixed_concentration_mg_per_ml",
        "target_note": None,
        "dose": "dose",
        "dose_unit": "dose_unit",
        "dose_basis": "dose_basis",
    },
    "Animal": {
        "species": "species",
        "route": "route",
        "body_weight": "body_weight_g",
    },
    "Weight over time": {
        "growth_model": "growth_model",
        "weight_gain": "weight_gain_g_per_day",
        "end_body_weight": "end_body_weight_g",
        "growth_preset": "growth_preset",
        "age_at_implant": "age_at_implant_days",
        "preset_note": None,
        "measured_weights": "measured_weights",
        "design_weight": "design_weight",
    },
    "Pump": {
        "pump_model": "pump_model",
        "lot_rate": "lot_rate_ul_per_hr",
        "lot_fill_volume": "lot_fill_volume_ul",
    },
    "Catheter (intrathecal, ICV)": {
        "catheter_tubing": "catheter_tubing",
        "catheter_length": "catheter_length_cm",
        "catheter_filled_with": "catheter_filled_with",
    },
    "Plasma level (optional)": {
        "plasma_note": None,
        "clearance": "clearance_ml_per_min_per_kg",
        "half_life": "half_life_h",
        "volume_of_distribution": "volume_of_distribution_l_per_kg",
        "target_plasma": "target_plasma_ng_per_ml",
    },
    "Study": {
        "study_title": "study_title",
        "investigator": "investigator",
        "protocol_number": "protocol_number",
        "study_days": "study_days",
        "pumps_in_series": "pumps_in_series",
        "outcome_measures": "outcome_measures",
    },
    # Shown with the calendar, under the page heading below.
    "Dates and times": {
        "implant_date": "implant_date",
        "implant_time": "implant_time",
        "time_zone": "time_zone",
        "priming_hours": "priming_hours",
        "working_day_start": "working_day_start",
        "working_day_end": "working_day_end",
        "working_days": "working_days",
        "surgery_minutes": "surgery_minutes_per_animal",
        "outcome_days": "outcome_days",
    },
}
CALENDAR_SECTION, CALENDAR_HEADING = "Dates and times", "Calendar"

# Plan field -> the name of the input that shows it, in the page's order.
FIELD_INPUTS = {
    field: name for section in LAYOUT.values() for name, field in section.items() if field
}

# The cohort panel's settings, in its order: input name -> cohort field (``lib.cohort.animals``).
COHORT_SETTINGS = {
    "cohort_tolerance": "dose_tolerance_percent",
    "cohort_spare_pumps": "spare_pumps",
    "cohort_filling_loss": "filling_loss_ul",
    "cohort_overage": "overage_percent",
    "cohort_readability": "balance_readability_mg",
    "cohort_weighing_error": "weighing_error_percent",
    "cohort_largest_batch": "largest_batch_ml",
    "cohort_stock_on_hand": "stock_on_hand_mg_per_ml",
    "cohort_vial": "vial_mg",
    "cohort_rate_tolerance": "rate_tolerance_percent",
}
