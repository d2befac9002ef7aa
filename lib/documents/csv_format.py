"""How the CSV files write a number and name a column, for a person reading a spreadsheet.

A computed number gets its quantity's rule (``NUMBER_FORMATS``, chosen by the unit its name
carries): as many digits as the quantity is known to, never float noise (0.6009615384615197).
A number the scientist typed (or a data file gave) is written exactly, in its shortest form
(``exact_number``): a re-read CSV gives back the number entered. A header is the column's
readable label with the unit its machine name carries (``header``); machine names stay in the
saved JSON only.
"""

from collections.abc import Callable

from lib.formatting import format_number

# Units by the ending of a field's name (DESIGN.md: units live in names).
UNIT_ENDINGS = (
    ("_mg_per_kg_per_day", "mg/kg/day"),
    ("_ug_per_hr", "µg/h"),
    ("_ul_per_hr", "µL/h"),
    ("_mg_per_ml", "mg/mL"),
    ("_ug_per_ml", "µg/mL"),
    ("_mmol_per_l", "mM"),
    ("_g_per_mol", "g/mol"),
    ("_g_per_day", "g/day"),
    ("_percent", "%"),
    ("_ul", "µL"),
    ("_mg", "mg"),
    ("_g", "g"),
    ("_cm", "cm"),
    ("_days", "days"),
    ("_hours", "h"),
)


def unit_of(field: str) -> str:
    """The unit a result's or a pump column's name carries, or '' (plan fields declare theirs)."""
    return next((unit for ending, unit in UNIT_ENDINGS if field.endswith(ending)), "")


def significant_figures(value: float) -> str:
    """Three significant figures as the sheets print them (``format_number``), without its
    thousands separator: a comma inside a number splits or garbles it in a spreadsheet."""
    return format_number(value + 0.0).replace(",", "")  # + 0.0: -0.0 becomes 0.0


def decimals(places: int, keep_zeros: bool = False) -> Callable[[float], str]:
    """A fixed number of decimals, trailing zeros dropped unless kept; never '-0'."""

    def write(value: float) -> str:
        text = f"{round(value, places) + 0.0:.{places}f}"  # round first: -0.04 -> 0.0, not -0.0
        return text if keep_zeros or "." not in text else text.rstrip("0").rstrip(".")

    return write


# A computed number's digits, by its unit: the one rule every CSV applies.
NUMBER_FORMATS: dict[str, Callable[[float], str]] = {
    # Concentrations: three figures, as the preparation sheet prints them; a balance and a
    # volumetric flask make a solution to about that, and the sheet and the CSV must agree.
    "mg/mL": significant_figures,
    "µg/mL": significant_figures,
    "mM": significant_figures,
    # Doses and mass flow: no better known than the concentration they come from.
    "mg/kg/day": significant_figures,
    "µg/h": significant_figures,
    # Pumping rates: ALZET states them to two or three figures (0.11, 0.25, 2.5 µL/h).
    "µL/h": significant_figures,
    # Masses: three figures, from a day's micrograms (a fixed 0.1 mg would print the 0.024 mg
    # of the default plan's first day as 0), but never coarser than the balance's 0.1 mg, as
    # the sheets print a mass to weigh: 123.4 mg, not 123.
    "mg": lambda value: significant_figures(value) if abs(value) < 100 else decimals(1)(value),
    # Percentages (deviation from target, rate and dose of expected): 0.1 % resolves the 10 %
    # tolerances; the decimal is kept (0.0, 100.0) so a column reads evenly.
    "%": decimals(1, keep_zeros=True),
    # Weights: 0.01 g, what a mouse balance reads; whole grams stay whole (310, not 310.0).
    "g": decimals(2),
    # Volumes: 0.1 µL, finer than a syringe or pipette measures a fill or a residual volume.
    "µL": decimals(1),
    # Days: 0.001 day (1.4 minutes) is finer than any timing at the bench; whole days stay
    # whole. A time course's point a moment (1e-6 day) before a step reads as the step's day.
    "days": decimals(3),
    # Hours (priming): 0.1 h, six minutes.
    "h": decimals(1),
}


def quantity_number(value: float, unit: str) -> str:
    """A computed number by its unit's rule; a unit without one gets six significant figures
    (float noise sits at the sixteenth)."""
    write = NUMBER_FORMATS.get(unit)
    return write(value) if write else f"{value + 0.0:.6g}"


def exact_number(value: float) -> str:
    """A typed number in its shortest exact form: ``float(text) == value``, without '.0'."""
    text = repr(float(value) + 0.0)
    return text.removesuffix(".0")


# The readable names of the columns of the cohort CSV (one row per animal and pump).
COHORT_LABELS = {
    "animal_id": "Animal",
    "group": "Group",
    # Which pump of the series ("Pump", as the explants table names it, so the reader knows it).
    "pump": "Pump",
    "solution": "Solution",
    # "Weight at implant" is a header the animals table reads: the CSV opens again as animals.
    "body_weight_g": "Weight at implant",
    # The animal's weight at the design time (implant, mid-infusion or mean); its group's
    # solution is made for the group's mean of these ("Made for" on the sheets).
    "design_body_weight_g": "Weight at design time",
    "concentration_mg_per_ml": "Concentration",
    # Q x 24 x C / design weight: the dose at the weight the solution is made for.
    "dose_mg_per_kg_per_day": "Dose at that weight",
    # The same at the animal's weight when this pump goes in, and at its lightest in the pump.
    "dose_at_implant_mg_per_kg_per_day": "Dose at implant",
    "highest_dose_mg_per_kg_per_day": "Highest dose",
    "target_dose_mg_per_kg_per_day": "Target dose",
    "deviation_percent": "Deviation from target",
    "outside_tolerance": "Outside dose tolerance",
    # The weighed volume loaded, or else the fill volume (``Loaded volume weighed`` says which).
    "loaded_volume_ul": "Volume loaded",
    "loaded_weighed": "Loaded volume weighed",
    "residual_volume_ul": "Residual volume",
    "elapsed_days": "Elapsed time",
    "mean_rate_ul_per_hr": "Mean rate",
    "rate_percent": "Rate (% of expected)",
    "delivered_mg": "Delivered",
    "delivered_dose_mg_per_kg_per_day": "Delivered dose",
    "dose_percent": "Delivered dose (% of target)",
    "rate_outside_tolerance": "Rate outside tolerance",
    "ran_dry": "Ran dry",
    # The solution's bench amounts and the pump's dates, as the sheets print them.
    "compound_weighed_mg": "Compound to weigh for its solution",
    "solution_made_ul": "Solution to make",
    "fill_by": "Fill and start priming by",
    "implanted": "Implanted",
    "explant_by": "Explant by",
}
# The time course's columns: each is the value on that day.
TIMECOURSE_LABELS = {
    "day": "Day",
    "pump": "Pump",
    "body_weight_g": "Body weight",
    "dose_mg_per_kg_per_day": "Dose",
    "target_dose_mg_per_kg_per_day": "Target dose",
    "cumulative_mg": "Cumulative",
    "reservoir_left_ul": "Reservoir left",
    # ALZET guarantees the rate to the pump's nominal end only.
    "certain": "Rate guaranteed",
}
# The plan CSV's results and the pump catalogue's columns (the unit is in the Unit column).
RESULT_LABELS = {
    "concentration_mg_per_ml": "Fill concentration",
    "concentration_ug_per_ml": "Fill concentration",
    "concentration_mmol_per_l": "Fill concentration",
    "pump_concentrations_mg_per_ml": "Fill concentration of each pump",
    "mass_flow_ug_per_hr": "Mass flow",
    "rate_ul_per_hr": "Pumping rate",
    "fill_volume_ul": "Fill volume",
    "drug_mass_per_pump_mg": "Drug per pump",
    # The animal's weight at the design time (implant, mid-infusion or mean); its group's
    # solution is made for the group's mean of these ("Made for" on the sheets).
    "design_body_weight_g": "Weight at design time",
    "design_dose_mg_per_kg_per_day": "Dose at design weight",
    "pump_count": "Pumps",
    # The series rule's count, each replaced at its nominal end: more than "Pumps" when the
    # plan keeps fewer (one pump for a study longer than it runs).
    "pumps_needed": "Pumps the study needs",
    "replacement_days": "Pumps replaced on day",
    "catheter_lag_days": "Catheter lag",
    "lowest_dose_mg_per_kg_per_day": "Lowest dose",
    "highest_dose_mg_per_kg_per_day": "Highest dose",
    # The infusion's days on which no drug reaches the animal (a pump run dry).
    "no_drug_days": "Days without drug",
    "model": "Model",
    "reservoir_ul": "Reservoir",
    "duration_days": "Duration",
    "min_body_weight_sc_g": "Smallest animal, subcutaneous",
    "min_body_weight_ip_g": "Smallest animal, intraperitoneal",
    "priming_hours": "Priming",
    "priming_source": "Priming source",
    "verified": "Verified",
    "source": "Source",
    "notes": "Notes",
}


def header(name: str, labels: dict[str, str]) -> str:
    """A column's label with the unit its name carries: 'Design weight (g)'. A label that
    places the unit itself keeps it there: 'Rate (% of expected)'. A name without a label (a
    column added later) stays itself rather than failing the export."""
    label, unit = labels.get(name, name), unit_of(name)
    return label if not unit or f"({unit}" in label else f"{label} ({unit})"
