"""The cohort panel's "Randomise to groups" control: group names and a seed in, the animals
table's group column rewritten, and each group's n, mean and SD of weight shown side by side.

The callback follows the house rule: read the inputs, call ``allocate_groups``, render.
"""

import secrets

import ipywidgets as widgets

from lib.cohort.allocation import allocate_groups, group_weights, read_group_names
from lib.cohort.animals import COHORT_SPECS, MAX_SEED
from lib.cohort.table import animals_to_text, parse_animals
from lib.documents.sheets import allocation_html
from lib.errors import CohortError
from lib.findings import Finding
from lib.ui.render import findings_html
from lib.ui.shared import WIDE_LABEL_STYLE, html, row


class AllocationControl(widgets.VBox):
    """Group names, a seed (drawn fresh when empty, then shown so the study records it) and a
    button that allocates the animals of ``animals`` (the panel's table box) to the groups."""

    def __init__(self, animals):
        self.animals = animals
        self.groups = widgets.Text(
            description="Allocate to", placeholder="saline, low, high", style=WIDE_LABEL_STYLE,
            layout=widgets.Layout(width="24em"),
        )  # fmt: skip
        self.groups.add_class("pd-allocation-groups")
        self.seed = widgets.Text(
            description=COHORT_SPECS["allocation_seed"].title, placeholder="drawn when empty",
            style=WIDE_LABEL_STYLE, layout=widgets.Layout(width="19em"),
        )  # fmt: skip
        self.seed.add_class("pd-allocation-seed")
        self.button = widgets.Button(description="Randomise to groups", icon="random")
        self.button.add_class("pd-allocate")
        self.button.on_click(lambda button: self.allocate())
        self.message = html(css_class="pd-allocation-message")
        self.summary = html(css_class="pd-allocation-summary")
        super().__init__([row([self.groups, self.seed, self.button]), self.message, self.summary])
        self.add_class("pd-allocation")

    def allocate(self) -> None:
        """Rewrite the animals' groups: random, balanced by weight, the same for the same seed."""
        names, problems = read_group_names(self.groups.value)
        seed, seed_problems = read_seed(self.seed.value)
        animals, table_problems = parse_animals(self.animals.value)
        problems += seed_problems
        if not animals:
            message = "There are no animals to allocate: paste the animals table first."
            problems.append(Finding("invalid_input", "conflict", "animals", message, ""))
        if problems or table_problems:
            heading = "Fix these first: the groups were not changed"
            self.message.value = findings_html([*problems, *table_problems], heading)
            return
        allocated = allocate_groups(animals, names, seed)
        self.message.value = ""
        self.seed.value = str(seed)  # shown, so the study file records the seed drawn
        self.animals.value = animals_to_text(allocated)
        self.summary.value = allocation_html(group_weights(allocated))


def read_seed(text: str) -> tuple[int | None, list[Finding]]:
    """The seed typed, or a fresh one when the box is empty; a finding for anything else."""
    if not text.strip():
        return secrets.randbelow(MAX_SEED + 1), []
    spec = COHORT_SPECS["allocation_seed"]
    try:
        return spec.read(spec, text), []
    except CohortError as error:
        rule = error.rule[0].upper() + error.rule[1:] + "."
        return None, [Finding("invalid_input", "conflict", "allocation_seed", str(error), rule)]
