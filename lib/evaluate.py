"""Turn a plan into everything the scientist needs to know about it."""

import functools
from dataclasses import dataclass, field, replace

import pandas as pd

from lib.calc.advisor import PumpOption, options_table, proposed, pump_options
from lib.calc.catheter import catheter_lag_days
from lib.calc.dose_form import DoseForm
from lib.calc.dose_range import DoseRange, delivered_dose_range
from lib.calc.dosing import (
    can_compute_concentration,
    mass_flow_ug_per_hr,
    series_concentrations_mg_per_ml,
    target_dose_mg_per_kg_per_day,
)
from lib.calc.growth import body_weight_g_at, design_body_weight_g
from lib.calc.plasma import (
    Kinetics,
    kinetics,
    ng_per_ml_to_nanomolar,
    plan_for_plasma_target,
    plasma_course,
    steady_state_plasma_ng_per_ml,
)
from lib.calc.series import MAX_PUMPS_IN_SERIES, PumpWindow, series_windows
from lib.calc.series import pumps_needed as pumps_covering_study
from lib.calc.solubility import Limits, form_and_limits
from lib.calc.timecourse import build_timecourse, empty_timecourse
from lib.checks import check_plan
from lib.findings import Finding
from lib.plan import Plan
from lib.tables.compounds import CompoundTable, Solubility, shipped_compounds
from lib.tables.pumps import PumpCatalog, PumpSpec, run_time_days
from lib.units import (
    dissolved_mg,
    g_to_kg,
    mg_per_ml_to_millimolar,
    mg_to_ug,
    ug_per_hr_to_mg_per_day,
    ul_per_hr_to_ml_per_day,
)


@dataclass(frozen=True)
class Evaluation:
    """What a plan comes to. Quantities are ``None`` when the plan cannot give them."""

    plan: Plan
    pump: PumpSpec | None = None
    rate_ul_per_hr: float | None = None
    fill_volume_ul: float | None = None
    design_body_weight_g: float | None = None
    # What molar doses and mM count: the form weighed, or its free base (``dose_form``).
    molecular_weight_g_per_mol: float | None = None
    dose_form: DoseForm | None = None
    solubility: Solubility | None = None  # the compound table's row
    limits: Limits = Limits()  # what stays dissolved, the scientist's own figure first
    concentration_mg_per_ml: float | None = None
    # One per pump of a series, each for the design weight in its own infusion window.
    pump_concentrations_mg_per_ml: tuple[float, ...] = ()
    mass_flow_ug_per_hr: float | None = None
    windows: tuple[PumpWindow, ...] = ()
    catheter_lag_days: float = 0.0
    # Every model of the catalogue judged for the plan (its own count of pumps in series, its
    # stock), ranked by what it takes to make the plan work: judged once per evaluation, read
    # by the checks' suggestions and, with proposals, shown by the advisor.
    pump_options: tuple[PumpOption, ...] = ()
    compounds: CompoundTable | None = field(default=None, repr=False, compare=False)
    findings: tuple[Finding, ...] = ()
    timecourse: pd.DataFrame = field(default_factory=empty_timecourse, compare=False)

    @property
    def concentration_ug_per_ml(self) -> float | None:
        return (
            None if self.concentration_mg_per_ml is None else mg_to_ug(self.concentration_mg_per_ml)
        )

    @property
    def concentration_mmol_per_l(self) -> float | None:
        if self.concentration_mg_per_ml is None or not self.molecular_weight_g_per_mol:
            return None
        return mg_per_ml_to_millimolar(
            self.concentration_mg_per_ml, self.molecular_weight_g_per_mol
        )

    @property
    def drug_mass_per_pump_mg(self) -> float | None:
        """Mass of compound in one filled pump: mg/mL x uL / 1000."""
        if self.concentration_mg_per_ml is None:
            return None
        return dissolved_mg(self.concentration_mg_per_ml, self.fill_volume_ul)

    @property
    def mass_mg_per_day(self) -> float | None:
        """Mass delivered per day: ug/h x 24 h / 1000."""
        if self.mass_flow_ug_per_hr is None:
            return None
        return ug_per_hr_to_mg_per_day(self.mass_flow_ug_per_hr)

    @property
    def rate_ml_per_day(self) -> float | None:
        return None if self.rate_ul_per_hr is None else ul_per_hr_to_ml_per_day(self.rate_ul_per_hr)

    @property
    def design_dose_mg_per_kg_per_day(self) -> float | None:
        """The dose at the design weight, in mg/kg/day."""
        if self.mass_mg_per_day is None:
            return None
        return self.mass_mg_per_day / g_to_kg(self.design_body_weight_g)

    @property
    def capacity_days(self) -> float | None:
        """How long one filled pump runs at this rate: fill volume / rate / 24."""
        if self.rate_ul_per_hr is None:
            return None
        return run_time_days(self.fill_volume_ul, self.rate_ul_per_hr)

    @property
    def highest_concentration_mg_per_ml(self) -> float | None:
        """The most concentrated fill of the series (later pumps of a growing animal)."""
        return max(self.pump_concentrations_mg_per_ml, default=self.concentration_mg_per_ml)

    @functools.cached_property  # read by the checks, the page and the documents
    def dose_range(self) -> "DoseRange | None":
        """Lowest and highest delivered dose from the drug's arrival to the end of the study,
        read from the time course the plot draws (``lib.calc.dose_range``): the days a pump
        has run dry count, at 0 mg/kg/day; those past a nominal end while it pumps do not."""
        return delivered_dose_range(self.timecourse, self.catheter_lag_days, self.plan.study_days)

    @functools.cached_property
    def kinetics(self) -> Kinetics | None:
        """The plan's pharmacokinetics, completed (None without any input)."""
        return kinetics(self.plan)

    @property
    def steady_state_plasma_ng_per_ml(self) -> float | None:
        """Css = k0 / CL at the design weight (the first pump's); None without a clearance."""
        pharmacokinetics = self.kinetics
        if pharmacokinetics is None or self.mass_flow_ug_per_hr is None:
            return None
        clearance = pharmacokinetics.clearance_ml_per_min_per_kg
        if clearance is None:
            return None
        return steady_state_plasma_ng_per_ml(
            self.mass_flow_ug_per_hr, clearance, self.design_body_weight_g
        )

    @property
    def steady_state_plasma_nmol_per_l(self) -> float | None:
        """The same level in nM, with the molecular weight of the form the dose counts."""
        level = self.steady_state_plasma_ng_per_ml
        if level is None or not self.molecular_weight_g_per_mol:
            return None
        return ng_per_ml_to_nanomolar(level, self.molecular_weight_g_per_mol)

    @property
    def dose_from_plasma_target(self) -> bool:
        """The dose was solved from the target level: the level is the target."""
        target, level = self.plan.target_plasma_ng_per_ml, self.steady_state_plasma_ng_per_ml
        return target is not None and level is not None and abs(level / target - 1) < 1e-6

    @property
    def time_to_90_percent_h(self) -> float | None:
        """3.32 half-lives; None without a half-life (given, or from CL and Vd)."""
        return None if self.kinetics is None else self.kinetics.time_to_90_percent_h

    @functools.cached_property  # only the plot and the documents ask: nothing without kinetics
    def plasma_course(self) -> pd.DataFrame | None:
        """The plasma level over the pumps' life (``lib.calc.plasma.plasma_course``)."""
        if self.steady_state_plasma_ng_per_ml is None or self.timecourse.empty:
            return None
        return plasma_course(self.timecourse, self.kinetics)

    @property
    def advisor_table(self) -> pd.DataFrame:
        """The pump advisor's table (``rank_pumps``, with its proposals), from the options
        judged once."""
        options = list(self.pump_options)
        return options_table(proposed(self.plan, options, self.dose_form, self.limits))

    @property
    def pump_count(self) -> int:
        return len(self.windows)

    @property
    def pumps_needed(self) -> int | None:
        """The fewest pumps in series that cover the study, each replaced at its nominal end
        (the series rule, ``pumps_needed``), whatever count the plan sets; None without a rate."""
        if self.pump is None or self.rate_ul_per_hr is None:
            return None
        needed = pumps_covering_study(
            self.plan.study_days, self.pump.duration_days, self.capacity_days
        )
        return min(needed, MAX_PUMPS_IN_SERIES)

    @property
    def solubility_limit_mg_per_ml(self) -> float | None:
        return self.limits.solubility_mg_per_ml


def _resolve(plan: Plan, catalog: PumpCatalog, compounds: CompoundTable) -> Evaluation:
    pump, (form, limits) = catalog.get(plan.pump_model), form_and_limits(plan, compounds)
    molecular_weight = form.molecular_weight_g_per_mol
    base = Evaluation(
        plan=plan,
        pump=pump,
        molecular_weight_g_per_mol=molecular_weight,
        dose_form=form,
        solubility=compounds.lookup(plan.compound, plan.vehicle),
        limits=limits,
    )
    if pump is None:
        return base
    rate = plan.lot_rate_ul_per_hr or pump.rate_ul_per_hr
    fill_volume = plan.lot_fill_volume_ul or pump.reservoir_ul
    windows = series_windows(plan, pump.duration_days, rate, fill_volume)
    # A target plasma level sets the dose (k0 = Css x CL at the design weight); the plan the
    # evaluation holds is then the solved one, so every figure and document shows that dose.
    if plan.target_plasma_ng_per_ml is not None:
        weight = design_body_weight_g(plan, windows[0])
        plan = plan_for_plasma_target(plan, weight, molecular_weight)
        base = replace(base, plan=plan)
    if not can_compute_concentration(plan, form):
        return base
    concentrations = series_concentrations_mg_per_ml(plan, windows, rate, molecular_weight)
    return replace(
        base,
        rate_ul_per_hr=rate,
        fill_volume_ul=fill_volume,
        design_body_weight_g=design_body_weight_g(plan, windows[0]),
        concentration_mg_per_ml=concentrations[0],
        pump_concentrations_mg_per_ml=concentrations,
        mass_flow_ug_per_hr=mass_flow_ug_per_hr(concentrations[0], rate),
        windows=tuple(windows),
        catheter_lag_days=catheter_lag_days(plan, rate),
    )


def evaluate(
    plan: Plan, catalog: PumpCatalog, compounds: CompoundTable | None = None
) -> Evaluation:
    """Concentration, mass flow, fill, findings and the dose time course of a plan.

    Each pump of a series is filled for the design weight in its own infusion window (the
    headline concentration and mass flow are the first pump's).
    """
    compounds = compounds or shipped_compounds()
    evaluation = _resolve(plan, catalog, compounds)
    plan = evaluation.plan  # with a target plasma level, the dose solved from it
    if evaluation.concentration_mg_per_ml is not None:
        timecourse = build_timecourse(
            list(evaluation.windows),
            list(evaluation.pump_concentrations_mg_per_ml),
            evaluation.rate_ul_per_hr,
            evaluation.fill_volume_ul,
            lambda days: body_weight_g_at(plan, days),
            lambda days: target_dose_mg_per_kg_per_day(
                plan, body_weight_g_at(plan, days), evaluation.molecular_weight_g_per_mol
            ),
            evaluation.catheter_lag_days,
        )
        evaluation = replace(evaluation, timecourse=timecourse)
    options = tuple(pump_options(plan, catalog, evaluation.dose_form, evaluation.limits))
    evaluation = replace(evaluation, pump_options=options, compounds=compounds)
    findings = check_plan(evaluation, catalog, compounds)
    final = replace(evaluation, findings=tuple(findings))
    # What the checks computed once (the dose range, the kinetics) is the final evaluation's
    # too: only the findings differ, and the page reads them again.
    for name in ("dose_range", "kinetics", "plasma_course"):
        if name in vars(evaluation):
            vars(final)[name] = vars(evaluation)[name]
    return final
