"""Numbers as a scientist reads them: three significant figures, no float noise."""


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
    return f"{volume_ul / 1000:g} mL" if volume_ul >= 10_000 else f"{volume_ul:,g} µL"


def format_mass(mass_mg: float) -> str:
    """A mass as weighed: to the 0.1 mg of an analytical balance (finer digits kept when a finer
    balance gave them), so 9.0 mg never reads as "9 mg" beside 9.4 mg; micrograms under 0.1 mg.

    >>> format_mass(8.2), format_mass(9.0), format_mass(1250.0), format_mass(9.37)
    ('8.2 mg', '9.0 mg', '1250.0 mg', '9.37 mg')
    >>> format_mass(0.0006875)
    '0.688 µg'
    """
    if mass_mg < 0.1:
        return f"{mass_mg * 1000:.3g} µg"
    text = f"{mass_mg:.1f}"
    return f"{text if abs(float(text) - mass_mg) < 1e-9 else f'{mass_mg:.6g}'} mg"
