"""A printable protocol sheet: the preparation and implantation workflow with a plan's numbers.

Every rule on the sheet comes from the shared REFERENCE.md and names its source where it is used;
where a lab's own SOP or IACUC protocol governs, the sheet says so instead of inventing a step.
Dates and times come from the study schedule (``lib.documents.calendar``), the one date logic,
so the sheet and the calendar file cannot disagree. The page renders from
``templates/protocol.html.j2`` with autoescape: nothing the user typed can become markup.
"""

from datetime import datetime

from lib.calc.catheter import catheter_volume_ul
from lib.calc.plasma import ASSUMPTIONS, PLASMA_FIELDS
from lib.calc.series import EXPLANT_BY_FACTOR
from lib.checks.common import LOADING_TEMPERATURE_NOTE
from lib.cohort.animals import Cohort
from lib.documents.calendar import priming_hours, priming_whose, when_on
from lib.documents.committee import committee_summary
from lib.documents.delivery_words import dose_range_text, pump_cover_text
from lib.documents.filling_time import fill_words, working_time_text
from lib.documents.model import StudyDocument, study_document
from lib.documents.render import render
from lib.evaluate import Evaluation
from lib.formatting import format_number
from lib.plan import DESIGN_WEIGHT_LABELS, PLAN_SPECS, ROUTE_LABELS, Plan
from lib.tables.compounds import CompoundTable
from lib.tables.presets import shipped_growth_presets
from lib.tables.pumps import PumpCatalog, load_pump_catalog
from lib.tables.tubing import shipped_tubing
from lib.units import DOSE_UNITS

# Where the pump body sits: IT and ICV pumps sit under the skin with a catheter to the site,
# which is why the catalogue applies the subcutaneous size limit to them.
PUMP_SITES = {
    "sc": "subcutaneously",
    "ip": "in the peritoneal cavity",
    "it": "subcutaneously, with a catheter to the intrathecal site",
    "icv": "subcutaneously, with a catheter to the intracerebroventricular site",
}
RULE_SOURCES = (
    f"Explant by {EXPLANT_BY_FACTOR:g} × the nominal duration; spent pumps swell and leak "
    "concentrated salt: Boston University IACUC guidance.",
    "Filling (room temperature, 0.22 µm filter, filling tube, flow moderator, weighing): ALZET "
    '"Filling & Priming".',
    "Priming at least 4-6 h in sterile saline at 37 °C; labs often prime overnight: the "
    "project's reference notes (the brief).",
    "Fill volume from the weights: the filled minus the empty weight in mg is the volume in µL "
    "for a solution of density 1 g/mL (a dilute aqueous solution); divide by the density "
    "otherwise.",
    'Continuous dosing without handling the animal during the dosing period: ALZET "IACUC '
    'Approval Form Guide" (2008); a pump as an alternative to repeated SC or IP injections: '
    "Boston University IACUC.",
    'Solubility at the loading temperature: ALZET "Determining the Required Concentration".',
    'Residual volume and mean rate after explant: ALZET "Verifying delivery".',
    "Extra pumps justified to the IACUC; explanted pumps not reused: UCSF IACUC standard "
    "procedure.",
)


CATHETER_SOURCE = (
    'Catheter volume and lag; a catheter does not change the rate: ALZET "Catheter use".'
)


def rule_sources(plan: Plan) -> list[str]:
    """The rules' sources, the catheter's only for a plan with a catheter."""
    return list(RULE_SOURCES) + ([CATHETER_SOURCE] if plan.catheter_tubing else [])


def protocol_html(
    plan: Plan,
    catalog: PumpCatalog | None = None,
    compounds: CompoundTable | None = None,
    cohort: Cohort | None = None,
    issued: datetime | None = None,
) -> str:
    """The plan's protocol sheet as one self-contained, printable HTML page.

    With a cohort of animals, the sheet speaks of the cohort's solutions and pumps throughout,
    and adds each animal's dose and the dated calendar.
    """
    catalog = load_pump_catalog() if catalog is None else catalog
    document = study_document(plan, catalog, compounds, cohort, issued)
    return render("protocol.html.j2", **sheet_context(document))


def sheet_context(document: StudyDocument) -> dict:
    """What the protocol template prints: the document model and the sheet's own words."""
    evaluation = document.evaluation
    plan = evaluation.plan
    context = {
        "title": f"Pump protocol: {plan.study_title or plan.compound}",
        "doc": document,
        "evaluation": evaluation,
        "committee": committee_summary(document),
        "dose_unit": DOSE_UNITS[plan.dose_unit].label,
        "route": ROUTE_LABELS[plan.route],
        "pump_site": PUMP_SITES[plan.route],
        "design_weight": DESIGN_WEIGHT_LABELS[plan.design_weight],
        "dose_range": dose_range_text(evaluation),
        "pump_cover": pump_cover_text(evaluation),
        "loading_note": LOADING_TEMPERATURE_NOTE,
        "explant_factor": EXPLANT_BY_FACTOR,
        "sources": data_sources(evaluation) + rule_sources(plan),
        "catheter": catheter_context(evaluation),
        "study": document.study,
        "study_events": document.calendar,
        "pumps": document.pump_steps,
        "study_end": next((e for e in document.schedule if e.kind == "study_end"), None),
        "fill_words": fill_words,
        "plasma_assumptions": ASSUMPTIONS,
        "plasma_inputs": plasma_inputs(plan),
        "working_time": working_time_text(plan),
    }
    if evaluation.pump is not None:
        whose = priming_whose(plan, evaluation.pump)
        context |= {"priming_hours": priming_hours(plan, evaluation.pump), "priming_whose": whose}
    return context


def plasma_inputs(plan: Plan) -> list[str]:
    """The pharmacokinetic inputs entered, each with its unit."""
    entered = [
        (PLAN_SPECS[name], getattr(plan, name))
        for name in PLASMA_FIELDS
        if getattr(plan, name) is not None
    ]
    return [f"{spec.label.lower()} {format_number(value)} {spec.unit}" for spec, value in entered]


def catheter_context(evaluation: Evaluation) -> dict | None:
    plan, volume = evaluation.plan, catheter_volume_ul(evaluation.plan)
    if volume is None:
        return None
    return {
        "tubing": shipped_tubing()[plan.catheter_tubing],
        "volume_ul": volume,
        "arrival": when_on(plan, evaluation.catheter_lag_days),
    }


def data_sources(evaluation: Evaluation) -> list[str]:
    plan, pump, row = evaluation.plan, evaluation.pump, evaluation.solubility
    sources = []
    if pump is not None:
        unverified = "" if pump.verified else " (unverified: check the box's instruction sheet)"
        sources.append(f"Pump {pump.model}: {pump.source}{unverified}.")
    if row is not None:
        sources.append(f"{row.compound} in {row.vehicle}: {row.source}.")
    preset = shipped_growth_presets().get(plan.growth_preset or "")
    if plan.growth_model == "preset" and preset is not None:
        sources.append(f"Growth preset {preset.label}: {preset.source}.")
    if catheter_volume_ul(plan) is not None:
        sources.append(f"{plan.catheter_tubing}: {shipped_tubing()[plan.catheter_tubing].source}.")
    return sources
