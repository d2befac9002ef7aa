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
