"""The committed worked examples are what the app's export code makes today."""

import importlib.util
from pathlib import Path

import icalendar
import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"


def load_maker():
    spec = importlib.util.spec_from_file_location(
        "make_cohort_example", EXAMPLES / "make_cohort_example.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKER = load_maker()
FILES = MAKER.example_files()


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_committed_cohort_example_matches_the_export_code(name):
    committed = (EXAMPLES / name).read_bytes().decode("utf-8")  # CRLF in .ics kept
    assert committed == FILES[name], f"run: python docs/examples/make_cohort_example.py ({name})"


def test_the_example_calendar_has_priming_implant_and_explant_events():
    calendar = icalendar.Calendar.from_ical((EXAMPLES / "cohort-10-rats-calendar.ics").read_bytes())
    titles = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    # Each animal's own, in surgery order: F01 first, M05 the tenth.
    assert "F01: Priming pump 1 (2002)" in titles
    assert "F01: Implant pump 1 (2002)" in titles
    assert "M05: Explant pump 1 (2002) by now" in titles
    assert sum(title.endswith("Implant pump 1 (2002)") for title in titles) == 10


def test_the_example_cohort_has_ten_animals_with_their_doses():
    lines = (EXAMPLES / "cohort-10-rats.csv").read_text().splitlines()
    assert len(lines) == 11
    # Females 204.5-241 g, mean 220.2 g: 0.09 x 0.2202 / 0.012 = 1.6515 mg/mL, printed to three
    # figures as the preparation sheet does; the weights as entered.
    assert lines[1].startswith("F01,female,1,female,204.5,204.5,1.65,")


def test_the_dose_response_documents_agree_with_each_other():
    # One study, four files: each group's concentration is the same in the saved study, the
    # cohort CSV, the preparation sheet and the protocol; the control gets the vehicle only.
    import csv
    import io
    import json

    stem = MAKER.DOSE_RESPONSE_STEM
    saved = json.loads(FILES[f"{stem}.json"])
    table = saved["cohort_results"]["preparations"]
    solutions = {row[0]: dict(zip(table["columns"], row, strict=True)) for row in table["rows"]}
    assert set(solutions) == {"saline", "low", "high"}
    assert solutions["saline"]["way"] == "vehicle"
    rows = list(csv.DictReader(io.StringIO(FILES[f"{stem}.csv"])))
    for row in rows:
        target = solutions[row["Solution"]]["concentration_mg_per_ml"]
        assert float(row["Concentration (mg/mL)"]) == pytest.approx(target, abs=0.006)
    sheet, protocol = FILES[f"{stem}-preparation.html"], FILES[f"{stem}-protocol.html"]
    assert "saline: vehicle only: no compound" in sheet
    assert "Dissolve 3 vials of 5.0 mg" in sheet  # the vial route, weighing nothing
    for name in ("low", "high"):
        shown = f"{solutions[name]['concentration_mg_per_ml']:.3g} mg/mL"
        assert shown in sheet and shown in protocol
    assert "500 ng/kg/min" in protocol and "1,000 ng/kg/min" in protocol
    groups = [row["Group"] for row in rows]
    assert sorted(groups.count(name) for name in set(groups)) == [4, 4, 4]  # balanced
    assert saved["cohort"]["allocation_seed"] == MAKER.DOSE_RESPONSE_SEED
