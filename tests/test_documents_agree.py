"""The 8-rat, two-group study: the protocol sheet, the preparation sheet, the cohort CSV and the
saved study file give the same concentrations, masses, volumes and dates (issue 16).

Worked by hand. 2ML4: 2.5 uL/h = 0.06 mL/day. Males 310, 325, 298, 342 g, mean 318.75 g:
0.5 mg/kg/day x 0.31875 kg / 0.06 mL/day = 2.65625 mg/mL, printed 2.66. Females 228, 236, 241,
219 g, mean 231 g: 0.5 x 0.231 / 0.06 = 1.925 mg/mL, printed 1.93. Each solution: 4 pumps + 1
spare x 2000 uL + 100 uL loss = 10,100 uL, + 10 % = 11,110 uL, measured up to 11.2 mL; weighed
to 0.1 mg: 2.65625 x 11.2 = 29.75 -> 29.8 mg, 1.925 x 11.2 = 21.56 -> 21.6 mg. Implants from
Mon 1 March 2027 09:00, 20 min an animal in table order: M1 09:00, M2 09:20, ..., F4 at
09:00 + 7 x 20 min = 11:20. 6 h of priming would start at 03:00 to 05:20, outside 08:00-18:00, and
Sun and Sat are off: every pump filled Fri 26 February 18:00. Explant by 1.5 x 28 days = day 42
after each implant: M1 Mon 12 April 2027 09:00, F4 11:20.
"""

import csv
import html
import importlib.util
import io
import json
import re
from pathlib import Path

from lib import evaluate, load_pump_catalog, plan_to_csv, protocol_html
from lib.formatting import format_mass, format_number, format_volume
from lib.teaching.lessons import find_lesson
from lib.teaching.working import working_steps
from lib.ui.render import dose_range_html, pump_html
from lib.version import APP_VERSION

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"


def load_maker():
    spec = importlib.util.spec_from_file_location("maker", EXAMPLES / "make_cohort_example.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FILES = load_maker().study_files()
PROTOCOL, PREPARATION = FILES["study-8-rats-protocol.html"], FILES["study-8-rats-preparation.html"]
ROWS = list(csv.DictReader(io.StringIO(FILES["study-8-rats.csv"])))
SAVED = json.loads(FILES["study-8-rats.json"])
EXPECTED = {  # solution: (concentration, mass weighed, volume made), as the sheets print them
    "male": ("2.66", "29.8 mg", "11.2 mL"),
    "female": ("1.93", "21.6 mg", "11.2 mL"),
}
FILLED, EXPLANT_BY = "2027-02-26 18:00", "2027-04-12 09:00"
LAST_EXPLANT_BY = "2027-04-12 11:20"  # F4, the 8th animal: 09:00 + 7 x 20 min


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def overview_row(page: str, solution: str) -> list[str]:
    """The cells of a solution's row in the solutions table."""
    row = re.search(rf'<tr class="pd-solution-row" data-solution="{solution}">(.*?)</tr>', page)
    return [text_of(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row[1])]


def card_recipe(page: str, solution: str) -> tuple[str, str]:
    """The mass and volume of a solution's bench card: 'Weigh 29.8 mg ... make up to 11.2 mL'."""
    card = re.search(
        rf'<div class="pd-solution pd-bench-card" data-solution="{solution}">(.*?)</div>',
        page,
        re.S,
    )
    found = re.search(r"Weigh (\S+ mg) of \S+ and make up to (\S+ m?[µm]?L)", text_of(card[1]))
    return found[1], found[2]


def saved_preparations() -> dict[str, dict]:
    table = SAVED["cohort_results"]["preparations"]
    return {row[0]: dict(zip(table["columns"], row, strict=True)) for row in table["rows"]}


def test_the_four_documents_give_the_same_concentrations_masses_and_volumes():
    saved = saved_preparations()
    for solution, (concentration, mass, volume) in EXPECTED.items():
        for page in (PROTOCOL, PREPARATION):
            cells = overview_row(page, solution)
            assert cells[3] == concentration, solution
            # Made for the group's mean weight: 318.75 g -> 319, 231 g.
            assert cells[4] == {"male": "319", "female": "231"}[solution]
            assert card_recipe(page, solution) == (mass, volume), solution
        rows = [row for row in ROWS if row["Solution"] == solution]
        assert len(rows) == 4  # four animals per group
        assert {row["Concentration (mg/mL)"] for row in rows} == {concentration}
        assert {
            format_mass(float(row["Compound to weigh for its solution (mg)"])) for row in rows
        } == {mass}
        assert {format_volume(float(row["Solution to make (µL)"])) for row in rows} == {volume}
        kept = saved[solution]
        assert format_number(kept["concentration_mg_per_ml"]) == concentration
        assert format_mass(kept["steps"][0]["mass_mg"]) == mass
        assert format_volume(kept["volume_ul"]) == volume


def test_the_four_documents_give_the_same_dates():
    for page in (PROTOCOL, PREPARATION):
        for solution in EXPECTED:
            assert overview_row(page, solution)[6].startswith(f"Fri {FILLED}")
        assert f"Mon {EXPLANT_BY}" in text_of(page)
    assert f"Mon {LAST_EXPLANT_BY}" in text_of(PREPARATION)  # the calendar has each animal's
    assert {row["Fill and start priming by"] for row in ROWS} == {FILLED}
    explant_by = {row["Animal"]: row["Explant by"] for row in ROWS}
    assert (explant_by["M1"], explant_by["F4"]) == (EXPLANT_BY, LAST_EXPLANT_BY)
    schedule = {(event["kind"], event["pump"]): event["start"] for event in SAVED["schedule"]}
    assert schedule[("fill", 1)] == FILLED.replace(" ", "T") + ":00"
    assert schedule[("explant_by", 1)] == EXPLANT_BY.replace(" ", "T") + ":00"


def test_every_pump_has_a_row_in_the_weighing_and_verification_tables():
    for page, tables in ((PROTOCOL, ("weighing", "verification")), (PREPARATION, ("weighing",))):
        for table in tables:
            body = re.search(rf'class="pd-record pd-sheet-{table}">(.*?)</table>', page, re.S)[1]
            names = [
                text_of(cell)
                for cell in re.findall(r'<tr class="pd-pump-row[^"]*"><td>(.*?)</td>', body)
            ]
            animals = [
                f"{animal}, pump 1" for animal in ("M1", "M2", "M3", "M4", "F1", "F2", "F3", "F4")
            ]
            spares = ["spare 1 of male", "spare 1 of female"] if table == "weighing" else []
            assert names == animals + spares, (table, names)


def test_the_header_carries_the_study_and_a_place_to_sign():
    for page in (PROTOCOL, PREPARATION):
        header = text_of(re.search(r'<header id="title".*?</header>', page, re.S)[0])
        assert "Baclofen and spasticity after spinal cord injury" in header
        assert "Dr A. Example" in header and "IACUC-2026-014" in header
        assert f"version {APP_VERSION}" in header and "2026-11-26" in header  # the date of issue
        assert "?dose=0.5&" in header  # the share link that reopens the plan
        assert re.search(r'<table class="pd-record pd-signatures">.*Signature.*Date', page, re.S)


def test_the_study_file_has_no_concentration_no_animal_receives():
    # The plan's own 250 g animal would get 0.5 x 0.25 / 0.06 = 2.08 mg/mL: no solution of
    # this study. The saved file points to the cohort's results instead.
    assert "concentration_mg_per_ml" not in SAVED["results"]
    assert "2.08 mg/mL" not in text_of(PROTOCOL) and "2.08 mg/mL" not in text_of(PREPARATION)
    assert {row["solution"] for row in saved_preparations().values()} == set(EXPECTED)


def test_the_elapsed_time_is_asked_for_in_the_unit_the_app_reads_back():
    # The explant box and the cohort CSV take elapsed days: the sheet's table asks for days.
    assert "Elapsed time (days)" in text_of(PROTOCOL)
    assert "Elapsed time (days)" in ROWS[0]


# A pump kept past its reservoir (issue 29): the lesson "One pump kept for a study longer than it
# runs" keeps
# one 2002 (pumps in series 1) for a 28-day study. pump_specs.csv, 2002: 200 uL at 0.5 uL/h,
# nominal 14 days, so it runs 200 / 0.5 = 400 h = 16.67 days at most, printed 16.7. It delivers
# 1 ug/h x 24 / 1000 = 0.024 mg/day / 0.25 kg = 0.096 mg/kg/day (100 % of the target) to day
# 16.67, then nothing for 28 - 16.67 = 11.33 days (0 mg/kg/day, 0 %): the findings and the plot
# say so, and every other statement must too. The series rule (each pump replaced at its nominal
# end, the last kept while it pumps and is inside 1.5 x 14 = 21 days): the last may run
# min(21, 16.67) = 16.67 days, so ceil((28 - 16.67) / 14) + 1 = 1 + 1 = 2 pumps.
KEPT_PUMP_LESSON = "9-one-pump-kept-too-long"
COVER = "covering only 16.7 of the 28 days (no drug after day 16.7); the study needs 2"
RANGE = (
    "0.00 mg/kg/day to 0.0960 mg/kg/day (0.00 to 100 % of the target); no drug from day 16.7 to 28"
    " (11.3 days)"
)


def kept_pump_documents() -> dict[str, str]:
    """What the page, the working, the protocol sheet and the plan CSV say of the lesson's plan."""
    plan = find_lesson(KEPT_PUMP_LESSON).plan
    evaluation = evaluate(plan, load_pump_catalog())
    steps = dict(working_steps(evaluation))
    return {
        # The count and what it leaves uncovered are two spans of one line.
        "page": text_of(pump_html(evaluation) + " " + dose_range_html(evaluation)).replace(
            " ,", ","
        ),
        "working": steps["What one pump holds"] + " " + steps["As the animal grows"],
        "protocol": text_of(protocol_html(plan)),
        "csv": plan_to_csv(plan),
        "findings": " ".join(finding.message for finding in evaluation.findings),
    }


def test_every_document_says_a_kept_pump_runs_dry_as_the_plot_shows():
    documents = kept_pump_documents()
    assert "runs dry on day 16.7" in documents["findings"]
    assert "no drug for 11.3 days" in documents["findings"]
    for name in ("page", "working", "protocol"):
        assert COVER in documents[name], name
        assert RANGE in documents[name], name
        assert "100 to 100 %" not in documents[name] and "needs 1 pump" not in documents[name]
    assert "Pumps for a 28-day study: 1, " + COVER in documents["page"]
    rows = {tuple(row[:2]): row[2] for row in csv.reader(io.StringIO(documents["csv"]))}
    assert rows[("Result", "Pumps")] == "1"
    assert rows[("Result", "Pumps the study needs")] == "2"
    assert (rows[("Result", "Lowest dose")], rows[("Result", "Highest dose")]) == ("0.00", "0.0960")
    assert rows[("Result", "Days without drug")] == "11.333"  # 28 - 16.667, days to 0.001
