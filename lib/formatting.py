"""Numbers as a scientist reads them: three significant figures, no float noise."""

import re

from lib.units import DOSE_UNITS, convert_dose, mg_to_ug, ul_to_ml


def format_number(value: float) -> str:
    """Three significant figures, keeping trailing zeros.

    >>> [format_number(value) for value in (2.0, 0.1234, 45.66, 2000.0, 0.00012)]
    ['2.00', '0.123', '45.7', '2,000', '1.20e-04']
    """
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 100:
        return f"{value:.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 1 or magnitude == 0:
        return f"{value:.2f}"
    return f"{value:#.3g}" if magnitude >= 1e-3 else f"{value:.2e}"


def format_days(days: float) -> str:
    """Days as a whole number when they are one, else to one decimal."""
    return f"{days:.0f}" if abs(days - round(days)) < 1e-9 else f"{days:.1f}"


def format_volume(volume_ul: float) -> str:
    """A volume as a lab measures it: µL (thousands grouped, as ``format_number`` prints them,
    so a sheet never shows "2,000 µL" beside "8000 µL"), or mL from 10 mL up.

    >>> format_volume(770.0), format_volume(83.8), format_volume(8000.0), format_volume(11200.0)
    ('770 µL', '83.8 µL', '8,000 µL', '11.2 mL')
    """
    return f"{ul_to_ml(volume_ul):g} mL" if volume_ul >= 10_000 else f"{volume_ul:,g} µL"


def format_mass(mass_mg: float) -> str:
    """A mass as weighed: to the 0.1 mg of an analytical balance (finer digits kept when a finer
    balance gave them), so 9.0 mg never reads as "9 mg" beside 9.4 mg; micrograms under 0.1 mg.

    >>> format_mass(8.2), format_mass(9.0), format_mass(1250.0), format_mass(9.37)
    ('8.2 mg', '9.0 mg', '1250.0 mg', '9.37 mg')
    >>> format_mass(0.0006875)
    '0.688 µg'
    """
    if mass_mg < 0.1:
        return f"{mg_to_ug(mass_mg):.3g} µg"
    text = f"{mass_mg:.1f}"
    return f"{text if abs(float(text) - mass_mg) < 1e-9 else f'{mass_mg:.6g}'} mg"


# Nouns whose plural no rule gives; the last word of a phrase is the one that changes.
IRREGULAR_PLURALS = {"mouse": "mice", "analysis": "analyses", "criterion": "criteria"}


def plural(noun: str, count: float) -> str:
    """The noun for a count, the one home of plurals: the last word changes.

    >>> [plural(noun, 2) for noun in ("pump", "mouse", "replacement surgery", "box", "day")]
    ['pumps', 'mice', 'replacement surgeries', 'boxes', 'days']
    >>> plural("rat", 1), plural("day", 1.0), plural("day", 1.5)
    ('rat', 'day', 'days')
    """
    if count == 1:
        return noun
    head, _, last = noun.rpartition(" ")
    if last in IRREGULAR_PLURALS:
        last = IRREGULAR_PLURALS[last]
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def counted(count: float, noun: str) -> str:
    """A count with its noun: '1 mouse', '4 mice', '1,200 rats', '1.5 days'.

    >>> counted(4, "mouse"), counted(1, "day"), counted(1200, "rat"), counted(1.5, "day")
    ('4 mice', '1 day', '1,200 rats', '1.5 days')
    """
    shown = f"{count:,}" if float(count).is_integer() else format_days(count)
    shown = shown.removesuffix(".0")
    return f"{shown} {plural(noun, count)}"


def verb_for(count: float, singular: str, plural_verb: str) -> str:
    """The verb that agrees with a count (no rule makes a verb's plural, so both are given).

    >>> verb_for(1, "covers", "cover"), verb_for(3, "covers", "cover")
    ('covers', 'cover')
    """
    return singular if count == 1 else plural_verb


def count_is(count: float, noun: str) -> str:
    """'1 animal is', '3 animals are'."""
    return f"{counted(count, noun)} {verb_for(count, 'is', 'are')}"


def without_urls(source: str) -> str:
    """A source as a message cites it: its addresses left to the data file and the protocol.

    >>> without_urls('USP 32 "Baclofen" (https://example.org/a) ; label (http://x.y/z)')
    'USP 32 "Baclofen"; label'
    >>> without_urls("Sitaram, Int J Pharm 1997;153:13-24 (abstract https://a.b/1 ; record https://c.d/2)")
    'Sitaram, Int J Pharm 1997;153:13-24; record'
    """
    parts = []
    for part in re.split(r"\s*;\s+", source):
        part = re.sub(r"\s*\([^()]*https?://.*$", "", part)  # from a '(' that holds an address
        part = re.sub(r"\s*https?://\S+", "", part).strip()
        if part:
            parts.append(part)
    return "; ".join(parts)


def in_dose_unit(mg_per_kg_per_day: float, unit: str, molecular_weight_g_per_mol=None) -> str:
    """A dose in mg/kg/day with its value in a paper's per-kg unit beside it, so a sheet never
    leaves the conversion to the reader: '1.44 mg/kg/day (1,000 ng/kg/min)'. A per-animal unit,
    or one that needs a molecular weight it lacks, is left out.

    >>> in_dose_unit(1.44, "ng/kg/min"), in_dose_unit(0.096, "mg/kg/day")
    ('1.44 mg/kg/day (1,000 ng/kg/min)', '0.0960 mg/kg/day')
    """
    text = f"{format_number(mg_per_kg_per_day)} mg/kg/day"
    dose_unit = DOSE_UNITS[unit]
    if unit == "mg/kg/day" or not dose_unit.per_kg:
        return text
    try:
        value = convert_dose(mg_per_kg_per_day, "mg/kg/day", unit, None, molecular_weight_g_per_mol)
    except ValueError:
        return text
    return f"{text} ({format_number(value)} {dose_unit.label})"
