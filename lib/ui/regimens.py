"""Start from a published regimen: a menu searched by compound (name or synonym) that loads the
paper's plan and shows its citation, what it states and what the app chose where it is silent."""

import ipywidgets as widgets

from lib.tables.compounds import CompoundTable
from lib.tables.pumps import PumpCatalog
from lib.teaching.regimens import Regimen
from lib.ui.render import render_macro
from lib.ui.shared import ROW_WRAP_LAYOUT, SECTION_LAYOUT, html

PROMPT = "Start from a published regimen"


def _names(regimen: Regimen, compounds: CompoundTable) -> str:
    """What a search matches: the compound, its synonyms, the species, route and paper."""
    found = compounds.find(regimen.compound)
    synonyms = " ".join(found.synonyms) if found else ""
    return f"{regimen.label} {synonyms}".lower()


def citation_html(regimen: Regimen, assumed: tuple[str, ...]) -> str:
    """The paper, as its numbers were read, and the app's choices where it is silent."""
    link = (
        f"https://pubmed.ncbi.nlm.nih.gov/{regimen.pmid}/"
        if regimen.pmid
        else f"https://doi.org/{regimen.doi}"
    )
    stated = f"{regimen.dose:g} {regimen.dose_unit} for {regimen.duration_days:g} days"
    if regimen.concentration_as_stated:
        stated += f"; filled at {regimen.concentration_as_stated}"
    chosen = "; ".join(assumed)
    return render_macro("teaching.html.j2", "citation", regimen, link, stated, chosen)


class RegimenPicker(widgets.VBox):
    """A search box and a menu of published regimens; choosing one loads its plan."""

    def __init__(self, regimens: list[Regimen], catalog: PumpCatalog, compounds: CompoundTable):
        self.regimens = {regimen.regimen: regimen for regimen in regimens}
        self.catalog, self._callbacks = catalog, []
        self._names = {regimen.regimen: _names(regimen, compounds) for regimen in regimens}
        self.search = widgets.Text(
            placeholder="find by compound: angiotensin, noradrenaline, morphine…",
            continuous_update=True,
            layout={"width": "22em"},
        )
        self.search.add_class("pd-regimen-search")
        # Its name for a screen reader (a menu without a description): the section's prompt.
        self.menu = widgets.Dropdown(tooltip=PROMPT, layout={"width": "24em"})
        self.menu.add_class("pd-regimen")
        self.note = html(css_class="pd-regimen-note")
        self._fill_menu("")
        self.search.observe(lambda change: self._fill_menu(change["new"]), "value")
        self.menu.observe(self._on_menu, "value")
        row = widgets.HBox([self.menu, self.search], layout=ROW_WRAP_LAYOUT)
        title = html(render_macro("teaching.html.j2", "section_title", PROMPT))
        super().__init__([title, row, self.note], layout=SECTION_LAYOUT)
        self.add_class("pd-regimens")

    def on_choose(self, callback) -> None:
        """Call ``callback(plan)`` when a regimen is chosen."""
        self._callbacks.append(callback)

    def _fill_menu(self, text: str) -> None:
        words = text.lower().split()
        matches = [
            (regimen.label, name)
            for name, regimen in self.regimens.items()
            if all(word in self._names[name] for word in words)
        ]
        count = f"{len(matches)} of {len(self.regimens)}" if words else str(len(matches))
        self.menu.options = [(f"{PROMPT} ({count})", ""), *matches]
        self.menu.value = ""

    def _on_menu(self, change) -> None:
        regimen = self.regimens.get(change["new"])
        if regimen is None:
            return  # back to the prompt: the note of the last one chosen stays
        plan = regimen.plan(self.catalog)
        self.note.value = citation_html(regimen, regimen.assumed(plan))
        for callback in self._callbacks:
            callback(plan)
