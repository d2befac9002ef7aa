"""Tests for lib/documents/protocol.py: the printable protocol sheet of a plan.

Expected values come from the shared REFERENCE.md: the brief's example (1.0 ug/h at 0.5 uL/h
gives 2.0 mg/mL, section 1), model 2002 (200 uL, 14 days, section 2), explant by 1.5 x the nominal
duration (Boston University IACUC, section 2), 10 cm of PE-60 holds 45.66 uL (section 3).
"""

import re
from dataclasses import replace
from html.parser import HTMLParser

import icalendar
import pytest

from lib.documents.protocol import protocol_html
from lib.documents.study import calendar_to_ics
from lib.evaluate import evaluate
from lib.plan import Plan
from lib.tables.pumps import load_pump_catalog

CATALOG = load_pump_catalog()
HOSTILE = "<script>alert(1)</script>"
VOID_TAGS = {"meta", "br", "hr", "img", "input", "link"}


class SheetReader(HTMLParser):
    """The text of every element with an id or a class, and whether the tags balance."""

    def __init__(self, page: str):
        super().__init__()
        self.open_tags: list[tuple[str, list[str]]] = []
        self.texts: dict[str, list[str]] = {}
        self.attributes: dict[str, dict] = {}
        self.unbalanced: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            return
        attributes = dict(attrs)
        keys = [f"#{attributes['id']}"] if "id" in attributes else []
        keys += [f".{name}" for name in (attributes.get("class") or "").split()]
        for key in keys:
            self.texts.setdefault(key, []).append("")
            self.attributes.setdefault(key, attributes)
        self.open_tags.append((tag, keys))

    def handle_endtag(self, tag):
        if not self.open_tags or self.open_tags[-1][0] != tag:
            self.unbalanced.append(tag)
            return
        self.open_tags.pop()

    def handle_data(self, data):
        for _, keys in self.open_tags:
            for key in keys:
                self.texts[key][-1] += data

    def text(self, key: str, index: int = 0) -> str:
        return " ".join(self.texts[key][index].split())


def read_sheet(plan: Plan) -> SheetReader:
    return SheetReader(protocol_html(plan, CATALOG))


def test_default_sheet_shows_two_mg_per_ml_with_the_exact_float_in_a_data_attribute():
    sheet = read_sheet(Plan())
    assert sheet.text("#concentration").startswith("2.00 mg/mL = 2,000 µg/mL = 9.36 mM")
    assert sheet.attributes["#concentration"]["data-mg-per-ml"] == "2.0"


def test_default_sheet_names_model_2002_and_0_400_mg_per_pump():
    sheet = read_sheet(Plan())
    assert sheet.text("#pump-model") == "ALZET 2002, 0.500 µL/h (nominal)"
    # 2.0 mg/mL x 200 uL = 0.400 mg, in the solutions table's "Compound per pump (mg)" column
    assert sheet.text(".pd-mass-per-pump") == "0.400"
    assert "Compound per pump (mg)" in sheet.text("#summary")


def test_default_sheet_primes_six_hours_and_filters_through_0_22_um():
    sheet = read_sheet(Plan())
    assert sheet.text("#priming-hours") == "6 h"
    assert "Filter through a 0.22 µm syringe-end filter" in sheet.text("#preparation")
    assert "solubility counts at the loading temperature" in sheet.text("#preparation")


def test_explant_by_date_is_implant_date_plus_one_and_a_half_nominal_durations():
    sheet = read_sheet(Plan(implant_date="2026-03-20", study_days=7, pump_model="2002"))
    # Friday 20 March 09:00 + 1.5 x 14 days = 21 days: Friday 10 April 09:00
    assert sheet.text(".pd-explant-by") == "Fri 2026-04-10 09:00 (day 21)"
    assert sheet.text(".pd-nominal-end") == "Fri 2026-04-03 09:00 (day 14)"
    assert sheet.text("#study-end") == "Fri 2026-03-27 09:00 (day 7)"


def test_priming_starts_the_plans_priming_hours_before_the_surgery():
    # 16 h of priming before a surgery at 14:00 on Tuesday 3 March would start at 22:00 on
    # Monday (14:00 - 16 h); outside the working hours 08:00-18:00 it moves to 18:00 Monday,
    # 20 h before. With working hours to 23:00 it stays at 22:00.
    plan = Plan(priming_hours=16, implant_date="2026-03-03", implant_time="14:00")
    sheet = read_sheet(plan)
    assert sheet.text("#priming-start") == "Mon 2026-03-02 18:00 (20 h before implant)"
    assert sheet.text("#priming-hours") == "16 h"
    late = replace(plan, working_day_end="23:00")
    assert read_sheet(late).text("#priming-start") == "Mon 2026-03-02 22:00 (16 h before implant)"
    # On Monday 2 March the fill would fall on Sunday, a day off: Friday 27 Feb 18:00 instead,
    # 3 x 24 - 4 = 68 h before the 14:00 implant.
    monday = replace(plan, implant_date="2026-03-02")
    assert read_sheet(monday).text("#priming-start") == "Fri 2026-02-27 18:00 (68 h before implant)"
    assert "working hours 08:00-18:00, Mon to Fri" in sheet.text("#filling")
    assert "the plan's priming time" in sheet.text("#filling")


def test_without_an_implant_date_the_schedule_counts_days_after_implant():
    sheet = read_sheet(Plan())
    assert sheet.text(".pd-explant-by") == "day 21"
    # The 2002's 6 h before 09:00 is 03:00: filled at 18:00 the day before, 15 h before.
    assert sheet.text("#priming-start") == "15 h before implant"
    assert not re.search(r"\d{4}-\d{2}-\d{2}", sheet.text("#schedule"))


def test_a_56_day_study_on_a_2004_implants_pump_two_on_day_28():
    sheet = read_sheet(Plan(implant_date="2026-03-20", study_days=56, pump_model="2004"))
    # 20 March + 28 days = 17 April; its priming would start 6 h before, at 03:00, outside the
    # working hours (08:00-18:00): at 18:00 the day before, 15 h before.
    assert sheet.text(".pd-implant", 1) == "Fri 2026-04-17 09:00 (day 28)"
    assert "Thu 2026-04-16 18:00 (15 h before day 28)" in sheet.text("#schedule")
    assert "replaced by pump 2" in sheet.text("#schedule")
    # One solution per pump of the series, each 4.00 mg/mL x 200 uL = 0.800 mg.
    assert [sheet.text(".pd-mass-per-pump", index) for index in (0, 1)] == ["0.800", "0.800"]
    assert "for pump 1: 4.00 mg/mL" in sheet.text("#preparation")
    assert "for pump 2: 4.00 mg/mL" in sheet.text("#preparation")


def test_a_hostile_compound_name_appears_escaped_everywhere():
    page = protocol_html(Plan(compound=HOSTILE, vehicle=HOSTILE, outcome_measures=(HOSTILE,)))
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_outcome_measures_are_listed_in_order():
    names = ("Modified Ashworth Scale", "H-reflex")
    sheet = read_sheet(Plan(outcome_measures=names))
    assert [" ".join(text.split()) for text in sheet.texts[".pd-outcome"]] == list(names)


def test_a_plan_without_outcome_measures_says_none_entered():
    assert "None entered." in read_sheet(Plan()).text("#outcomes")


def test_every_finding_is_listed_with_its_message_and_suggestion():
    plan = Plan(study_days=56, pump_model="2004")
    findings = evaluate(plan, CATALOG).findings
    sheet = read_sheet(plan)
    assert len(sheet.texts[".pd-finding"]) == len(findings) >= 2
    for index, finding in enumerate(findings):
        assert finding.message in sheet.text(".pd-finding", index)
        assert finding.suggestion in sheet.text(".pd-finding", index)


def test_a_plan_without_findings_says_no_conflicts():
    assert "No conflicts" in read_sheet(Plan(study_days=5)).text("#findings")


def test_a_catheter_primed_with_vehicle_shows_the_lag_in_hours():
    # 10 cm of PE-60 = 45.66 uL at 0.5 uL/h: 91.3 h
    sheet = read_sheet(Plan(catheter_tubing="PE-60", catheter_length_cm=10))
    assert sheet.text("#catheter-lag") == "91.3 h"
    assert "ALZET, Catheter use" in sheet.text("#sources")


def test_a_too_dilute_plan_shows_the_same_recipe_as_its_finding():
    # 0.01 ug/h / 0.5 uL/h = 0.02 mg/mL in 550 uL; a batch of 8.2 mg would be 410 mL. At most
    # 50 mL of stock: 8.2 / 50 / 0.02 = 8.2-fold, one step; the smallest stock for one 10-fold
    # step is 8.2 / 0.02 / 10 = 41 mL (0.2 mg/mL), then 55 uL -> 550 uL (0.02 mg/mL).
    plan = Plan(dose=0.01)
    sheet = read_sheet(plan)
    text = sheet.text("#preparation")
    assert "Weigh 8.2 mg of baclofen and make up to 41 mL with aCSF: solution A, 0.200 mg/mL." in (
        text
    )
    (finding,) = [
        f for f in evaluate(plan, CATALOG).findings if f.code == "concentration_too_dilute_to_weigh"
    ]
    for step in finding.suggestion.split(". "):
        assert step.rstrip(".") in text


def test_a_fixed_concentration_is_marked_as_entered_with_the_dose_it_delivers():
    sheet = read_sheet(Plan(fixed_concentration_mg_per_ml=2.0))
    # 2.0 mg/mL x 0.012 mL/day = 0.024 mg/day for 0.25 kg
    assert "entered as the fill concentration, it delivers 0.0960 mg/kg/day at 250 g" in (
        sheet.text("#concentration")
    )


def test_a_plan_with_an_unknown_pump_still_gives_a_sheet_with_its_findings():
    sheet = read_sheet(Plan(pump_model="9999"))
    assert sheet.text("#concentration") == "not computable: see Findings"
    assert sheet.texts[".pd-finding"]


def test_an_unverified_pump_row_is_marked_in_the_sources():
    assert "(unverified" in read_sheet(Plan(pump_model="2006")).text("#sources")


def test_the_sources_name_the_pump_and_compound_rows_and_the_rules():
    sources = read_sheet(Plan()).text("#sources")
    for source in ("brief, Table 1", "Lioresal", "Boston University IACUC", "Filling & Priming"):
        assert source in sources


def test_the_share_query_is_printed_so_the_sheet_traces_to_its_plan():
    # The link carries what differs from the default plan (the brief's example).
    assert read_sheet(Plan(pump_model="2004")).text("#plan-query") == "?pump_model=2004"
    assert "default plan" in read_sheet(Plan()).text("#plan-query")


CATHETER_SERIES = Plan(
    study_days=56, pump_model="2004", catheter_tubing="PE-60", catheter_length_cm=10
)


@pytest.mark.parametrize("plan", [Plan(), CATHETER_SERIES], ids=["default", "catheter-series"])
def test_the_page_is_one_complete_html_document_with_balanced_tags(plan):
    page = protocol_html(plan)
    sheet = SheetReader(page)
    assert page.startswith("<!doctype html>") and page.endswith("</html>")
    assert sheet.unbalanced == [] and sheet.open_tags == []


def test_sections_follow_the_workflow_in_order():
    page = protocol_html(Plan())
    order = ["title", "summary", "preparation", "filling", "implantation", "schedule"]
    order += ["verification", "outcomes", "findings", "sources"]
    positions = [page.index(f'id="{section}"') for section in order]
    assert positions == sorted(positions)


def test_print_rules_keep_steps_and_table_rows_on_one_page():
    page = protocol_html(Plan())
    assert "@media print" in page and "@page" in page
    assert "tr, li { break-inside: avoid; page-break-inside: avoid; }" in page


def test_the_sheet_and_the_calendar_file_give_the_same_priming_start_and_explant_by():
    # London, surgery Saturday 24 October 2026 at 14:00 BST (13:00 UTC), 20 h of priming, 20 days
    # on 14-day 2002 pumps: pump 2 goes in on day 14. Fill: 13:00 UTC - 20 h = 17:00 UTC on the
    # 23rd = 18:00 BST. Explant-by of pump 1: 1.5 x 14 = 21 days = 504 h after 13:00 UTC on the
    # 24th = 13:00 UTC on 14 November = 13:00 GMT (the clocks went back on 25 October).
    # Pump 2: day 14 + 21 = day 35, 28 November 13:00 GMT.
    plan = Plan(
        implant_date="2026-10-24",
        implant_time="14:00",
        time_zone="Europe/London",
        priming_hours=20,
        study_days=20,
    )
    sheet = read_sheet(plan)
    entries = icalendar.Calendar.from_ical(calendar_to_ics(plan)).events
    fill = next(e for e in entries if str(e["SUMMARY"]).startswith("Fill pump 1"))
    explants = [e for e in entries if str(e["SUMMARY"]).startswith("Explant pump")]
    assert fill.start.strftime("%a %Y-%m-%d %H:%M %Z") == "Fri 2026-10-23 18:00 BST"
    assert sheet.text("#priming-start") == "Fri 2026-10-23 18:00 BST (20 h before implant)"
    expected = ["Sat 2026-11-14 13:00 GMT (day 21)", "Sat 2026-11-28 13:00 GMT (day 35)"]
    assert [sheet.text(".pd-explant-by", index) for index in (0, 1)] == expected
    from_calendar = sorted(e.start.strftime("%a %Y-%m-%d %H:%M %Z") for e in explants)
    assert from_calendar == [text.split(" (")[0] for text in expected]


def test_the_rounding_check_prints_four_figures_with_their_zeros():
    # 8.2 mg made up to 4100 uL is 2.000 mg/mL exactly: printed "2.000", not "2" beside "2.00".
    text = read_sheet(Plan()).text("#preparation")
    assert "By these amounts: 2.000 mg/mL, 0.0 % from the target 2.000 mg/mL" in text


def test_the_catheter_source_is_listed_only_with_a_catheter():
    assert '"Catheter use"' not in read_sheet(Plan(route="sc")).text("#sources")
    plan = Plan(catheter_tubing="PE-60", catheter_length_cm=10.0)
    assert '"Catheter use"' in read_sheet(plan).text("#sources")


def test_nouns_agree_with_their_numbers():
    # Issue 25: "4 mouses", "replacement surgerys", "1 days past" (one home: lib.formatting)
    from lib.cohort.animals import Animal, Cohort

    mice = Cohort(animals=tuple(Animal(f"M{n}", "a", 24.0 + n) for n in range(4)))
    plan = Plan(species="mouse", route="sc", body_weight_g=25.0, pump_model="1002", study_days=5)
    sheet = protocol_html(plan, cohort=mice)
    assert "4 mice" in sheet and "mouses" not in sheet
    series = protocol_html(Plan(study_days=28.0), cohort=Cohort(animals=(Animal("R1", "a", 250),)))
    assert "1 replacement surgery in all" in series and "surgerys" not in series


def test_the_plasma_section_appears_only_with_pharmacokinetic_inputs():
    assert "#plasma" not in read_sheet(Plan()).texts
    # 1 ug/h = 1,000 ng/h over 10 mL/min/kg x 0.25 kg x 60 = 150 mL/h: 6.67 ng/mL; 90 % after
    # 3.32 x 2 h = 6.64 h
    sheet = read_sheet(Plan(clearance_ml_per_min_per_kg=10.0, half_life_h=2.0))
    assert sheet.text("#plasma-level") == "6.67 ng/mL"
    assert sheet.text("#plasma-rise") == "6.64 h"
    assert "31.2 nM of baclofen" in sheet.text("#plasma")
    assert "one compartment" in sheet.text("#plasma")


def test_the_plasma_section_says_the_dose_is_solved_from_the_target():
    # 20 ng/mL x 150 mL/h = 3,000 ng/h = 3.00 ug/h
    sheet = read_sheet(Plan(clearance_ml_per_min_per_kg=10.0, target_plasma_ng_per_ml=20.0))
    assert "the dose, 3.00 µg/h, is solved from the target" in sheet.text("#plasma")
    assert sheet.text("#plasma-level") == "20.0 ng/mL"
