"""The one Jinja2 environment every HTML document renders through, with autoescape on.

Templates and the print CSS are files in ``lib/documents/templates/``. Everything a template
prints is escaped unless the template marks it ``|safe`` (as MNE-Python's html_templates do);
numbers are printed through the filters below, as people read them.
"""

import functools
from pathlib import Path

import jinja2

from lib.calc.preparation import bench_of
from lib.calc.recipe import instructions
from lib.calc.stock import stock_instructions
from lib.documents.calendar import clock_changes
from lib.documents.calendar_steps import calendar_rows
from lib.formatting import (
    counted,
    format_days,
    format_mass,
    format_number,
    format_volume,
    in_dose_unit,
)
from lib.units import days_to_hours, dissolved_mg, ul_to_ml

TEMPLATES = Path(__file__).resolve().parent / "templates"


def signed_percent(value: float) -> str:
    """+9.5 %, -8.0 %, and 0.0 % rather than -0.0 % for a rounding of nothing; a dash without a
    target."""
    if value != value:
        return "—"
    text = f"{value:+.1f} %"
    return "0.0 %" if text in ("+0.0 %", "-0.0 %") else text


def fill_volume_source(plan) -> str:
    """Whose fill volume a sheet prints: the lot's, entered, or the nominal reservoir."""
    if plan.lot_fill_volume_ul:
        return "the lot's mean fill volume"
    return "the nominal reservoir; the lot's mean fill volume is on the box's instruction sheet"


def strength(dose_concentration_mg_per_ml: float, form) -> str:
    """A solution's strength as the bench reads it, naming the form weighed when the dose counts
    its free base: '46.5 mg/mL norepinephrine bitartrate monohydrate (23.3 mg/mL as
    norepinephrine)'; otherwise '2.00 mg/mL'."""
    if form is None or not form.is_salt_conversion:
        return f"{format_number(dose_concentration_mg_per_ml)} mg/mL"
    weighed = dose_concentration_mg_per_ml * form.weighed_mg_per_dose_mg
    return (
        f"{format_number(weighed)} mg/mL {form.weighed_form} "
        f"({format_number(dose_concentration_mg_per_ml)} mg/mL as {form.counted_form})"
    )


def bytecode_cache(environment_name: str) -> jinja2.BytecodeCache | None:
    """The templates compiled once per machine, not once per kernel: compiling them is about
    0.1 s of every page's first render. Jinja keeps them in the temporary directory, checked
    against each template's source; each environment has its own files, since a template
    compiles differently in each (the view's escapes through its own ``finalize``). Without a
    writable directory, each kernel compiles its own."""
    try:
        return jinja2.FileSystemBytecodeCache(pattern=f"__pd_{environment_name}_%s.cache")
    except (OSError, RuntimeError):
        return None


@functools.cache
def environment() -> jinja2.Environment:
    """Built once per process, on the first document."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=bytecode_cache("documents"),
        # The templates ship with the code: a kernel never sees one change, so no render needs
        # to look at its file again (a page renders about 17 macros per change).
        auto_reload=False,
    )
    environment.filters.update(
        number=format_number,
        days=format_days,
        volume=format_volume,
        mass=format_mass,
        signed_percent=signed_percent,
        plural=counted,
        pyrepr=repr,  # every digit of a float, for data-* attributes that scripts read
    )
    environment.globals.update(
        clock_changes=clock_changes,
        calendar_rows=calendar_rows,
        instructions=instructions,
        stock_instructions=stock_instructions,
        cohort_bench=bench_of,
        fill_volume_source=fill_volume_source,
        in_dose_unit=in_dose_unit,
        strength=strength,
        days_to_hours=days_to_hours,
        dissolved_mg=dissolved_mg,
        ul_to_ml=ul_to_ml,
    )
    return environment


def render(template: str, **context) -> str:
    """The named template filled with the context."""
    return environment().get_template(template).render(**context)


def render_macro(template: str, macro: str, *arguments) -> str:
    """One macro of a template, called with the arguments (a table the page shows)."""
    return str(getattr(environment().get_template(template).module, macro)(*arguments))
