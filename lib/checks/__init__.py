"""Every way a plan can fail, each returned as a Finding that says why and what to change.

Each check takes an Evaluation, the pump catalogue and the compound table, and returns a
Finding or None; ``check_plan`` runs them all (typed values are read before, by
``plan_from_values``). The limits and their sources are in shared REFERENCE.md, sections 2 to 5.
"""

from lib.checks.compound import (
    check_dose_form,
    check_dose_missing,
    check_molecular_weight,
    check_too_dilute_to_weigh,
    check_unknown_compound,
    check_vehicle_for_route,
    check_vehicle_in_pump,
)
from lib.checks.course import (
    check_catheter,
    check_dose_drift,
    check_growth_inputs,
    check_growth_preset_range,
    check_outcome_days,
    check_weight_plausible,
    check_weight_stays_positive,
)
from lib.checks.plasma import (
    check_plasma_inputs,
    check_plasma_level,
    check_plasma_rise,
    check_plasma_target,
)
from lib.checks.pump import (
    check_animal_size,
    check_csf_volume,
    check_lot_fill_volume,
    check_lot_rate,
    check_spec_verified,
    check_unknown_pump,
)
from lib.checks.series import (
    check_delivery_gap,
    check_past_nominal_end,
    check_pumps_past_study_end,
    check_safe_explant,
    check_study_length,
)
from lib.checks.solubility import check_solubility, check_solubility_unknown
from lib.checks.solution import check_effect_change, check_stability
from lib.findings import Finding
from lib.tables.compounds import CompoundTable
from lib.tables.pumps import PumpCatalog

CHECKS = (
    check_unknown_pump,
    check_dose_missing,
    check_dose_form,
    check_molecular_weight,
    check_unknown_compound,
    check_solubility_unknown,
    check_solubility,
    check_animal_size,
    check_study_length,
    check_safe_explant,
    check_delivery_gap,
    check_pumps_past_study_end,
    check_past_nominal_end,
    check_vehicle_in_pump,
    check_vehicle_for_route,
    check_csf_volume,
    check_spec_verified,
    check_lot_rate,
    check_lot_fill_volume,
    check_too_dilute_to_weigh,
    check_growth_inputs,
    check_weight_stays_positive,
    check_weight_plausible,
    check_growth_preset_range,
    check_outcome_days,
    check_catheter,
    check_dose_drift,
    check_stability,
    check_effect_change,
    check_plasma_inputs,
    check_plasma_target,
    check_plasma_rise,
    check_plasma_level,
)


SEVERITY_ORDER = {"conflict": 0, "caution": 1, "info": 2}


def check_plan(evaluation, catalog: PumpCatalog, compounds: CompoundTable) -> list[Finding]:
    """Every finding about the plan, conflicts first."""
    findings = [check(evaluation, catalog, compounds) for check in CHECKS]
    present = [finding for finding in findings if finding is not None]
    return sorted(present, key=lambda finding: SEVERITY_ORDER[finding.severity])
