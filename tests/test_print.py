"""Each sheet printed to PDF by Chromium fits A4 and US Letter, with no table cut off."""

import importlib.util
import re
from dataclasses import replace
from pathlib import Path

import pytest

from lib import protocol_html

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
pytestmark = pytest.mark.browser
# Printable widths at 96 px per inch: the page less the print CSS's 15 mm margins each side.
# A4: 210 - 30 = 180 mm = 680 px; US Letter: 215.9 - 30 = 185.9 mm = 702 px.
PAPERS = {"A4": 680, "Letter": 702}


def load_maker():
    spec = importlib.util.spec_from_file_location("maker", EXAMPLES / "make_cohort_example.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKER = load_maker()
SHEETS = {name: text for name, text in MAKER.study_files().items() if name.endswith(".html")}
# The longest names the fields take, without a space to break at: they must wrap, not overflow.
LONG = replace(
    MAKER.STUDY_PLAN, study_title="X" * 120, investigator="Y" * 80, protocol_number="Z" * 40
)
SHEETS["long-names-protocol.html"] = protocol_html(LONG, cohort=MAKER.study_cohort())
# Every element wider than the printable width, or a table whose content overflows its box.
OVERFLOWING = """(width) => [...document.querySelectorAll('table, h1, h2, h3, p, li')]
  .filter(element => element.getBoundingClientRect().right > width + 0.5
                  || element.scrollWidth > element.clientWidth + 1)
  .map(element => element.tagName + ': ' + element.textContent.slice(0, 60))"""


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("name", sorted(SHEETS))
def test_each_sheet_prints_within_the_paper_with_no_table_cut_off(browser, name, paper):
    page = browser.new_page(viewport={"width": PAPERS[paper], "height": 1000})
    try:
        page.emulate_media(media="print")
        page.set_content(SHEETS[name], wait_until="load")
        assert page.evaluate(OVERFLOWING, PAPERS[paper]) == []
        assert page.locator("table").count() >= 5  # the sheet's tables were all laid out
        assert page.locator("table:not(:has(thead))").count() == 0  # each with a header row
        pdf = page.pdf(format=paper, print_background=False)
    finally:
        page.close()
    assert pdf.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 2 <= pages <= 12, pages  # a real document, not a blank page or a runaway layout
