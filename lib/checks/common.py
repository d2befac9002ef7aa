"""What the checks share: limits with their sources, and the advisor's choices as fixes."""

from lib.calc.advisor import PumpOption
from lib.formatting import format_number

LOADING_TEMPERATURE_NOTE = "solubility counts at the loading temperature, about 23 °C"
REPLACE_AT_NOMINAL_END = {
    "fix": (("pumps_in_series", None),),
    "fix_label": "Replace each pump at its nominal end",
}


def mg_per_ml(value: float) -> str:
    return f"{format_number(value)} mg/mL"


def workable(evaluation, catalog, compounds, keep) -> list[PumpOption]:
    """Ranked models that are not in conflict and pass ``keep`` (the advisor's order)."""
    options = evaluation.pump_options
    return [option for option in options if option.verdict != "conflict" and keep(option)]


def use_model(options: list[PumpOption]) -> dict:
    """The one-click fix that switches to the advisor's first choice, if there is one."""
    if not options:
        return {}
    model = options[0].spec.model
    return {"fix": (("pump_model", model),), "fix_label": f"Use model {model}"}
