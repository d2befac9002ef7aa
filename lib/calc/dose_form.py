"""Which form of the compound a plan's amounts count, and what is weighed.

A salt weighs more than the free base it holds: norepinephrine bitartrate monohydrate is
337.28 g/mol, norepinephrine 169.18, so 1 mg of the base is in 337.28 / 169.18 = 1.99 mg of the
salt. A paper that doses the base, prepared by weighing the salt as if it were the base, gives half
the dose. With ``dose_basis`` ``free_base`` every amount the plan states (the dose, a stock's
concentration) counts the free base; the bench weighs ``weighed_mg_per_dose_mg`` times as much of
the form weighed. A formula unit may hold more than one base (morphine sulfate holds two).
"""

from dataclasses import dataclass

from lib.plan import Plan
from lib.tables.compounds import CompoundTable


@dataclass(frozen=True)
class DoseForm:
    """``weighed_form``: what is weighed; ``counted_form``: what the plan's amounts count (the
    same as weighed, or the free base); ``molecular_weight_g_per_mol``: the counted form's (molar
    doses and mM count it); ``weighed_mg_per_dose_mg``: mg weighed per mg counted (1 as
    weighed; None when a molecular weight it needs is missing)."""

    weighed_form: str
    counted_form: str
    molecular_weight_g_per_mol: float | None
    weighed_mg_per_dose_mg: float | None = 1.0
    weighed_molecular_weight_g_per_mol: float | None = None

    @property
    def is_salt_conversion(self) -> bool:
        """The counted form is not the weighed one (the sheets then name both)."""
        return self.counted_form != self.weighed_form


def weighed_mg_per_base_mg(
    weighed_g_per_mol: float, base_g_per_mol: float, bases_per_formula_unit: float = 1.0
) -> float:
    """Mass of the salt that holds one mass unit of its free base.

    >>> round(weighed_mg_per_base_mg(337.28, 169.18), 4)  # norepinephrine bitartrate monohydrate
    1.9936
    """
    return weighed_g_per_mol / (bases_per_formula_unit * base_g_per_mol)


def dose_form(plan: Plan, compounds: CompoundTable) -> DoseForm:
    """The plan's dose form: the scientist's molecular weights first, else the compound table's."""
    compound = compounds.find(plan.compound)
    weighed_mw = plan.molecular_weight_g_per_mol or (
        compound.molecular_weight_g_per_mol if compound else None
    )
    weighed = compound.weighed_form if compound else plan.compound
    as_weighed = DoseForm(weighed, weighed, weighed_mw, 1.0, weighed_mw)
    own_base_mw = plan.free_base_molecular_weight_g_per_mol
    if plan.dose_basis != "free_base" or (compound and not compound.is_salt and not own_base_mw):
        return as_weighed  # a free form weighed is its own free base
    base_mw = own_base_mw or (compound.free_base_molecular_weight_g_per_mol if compound else None)
    per_unit = (compound.free_base_per_formula_unit if compound else None) or 1.0
    base = compound.free_base if compound and compound.is_salt else f"{plan.compound} (free base)"
    factor = (
        weighed_mg_per_base_mg(weighed_mw, base_mw, per_unit) if weighed_mw and base_mw else None
    )
    return DoseForm(weighed, base, base_mw, factor, weighed_mw)
