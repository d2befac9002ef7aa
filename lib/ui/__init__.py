"""The view: ipywidgets panels and the plot. The only package that imports widget code."""

from lib.ui.advisor import PumpAdvisor
from lib.ui.app import Dashboard, plan_from_environment
from lib.ui.cohort import CohortPanel
from lib.ui.exports import ExportPanel
from lib.ui.inputs import PlanInputs
from lib.ui.lesson import LessonPanel
from lib.ui.panels import DosePlot, FindingList, ResultSummary
from lib.ui.regimens import RegimenPicker
from lib.ui.teaching import TeachingPanel

__all__ = [
    "CohortPanel",
    "Dashboard",
    "DosePlot",
    "ExportPanel",
    "FindingList",
    "LessonPanel",
    "PlanInputs",
    "PumpAdvisor",
    "RegimenPicker",
    "ResultSummary",
    "TeachingPanel",
    "plan_from_environment",
]
