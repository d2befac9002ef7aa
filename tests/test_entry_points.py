"""Issue 19's cases, one test each: a value is read exactly or refused with a message naming the
field, the value and the fix; nothing is filled in, dropped or reinterpreted without a word.

Every entry point reads through the same declarations (lib/fields.py) and number reader
(lib/numbers.py): typed fields (plan_from_values), links (plan_from_query), saved files
(plan_from_json) and pasted tables (parse_animals).
"""

import json

import pytest

from lib import Animal, Plan, load_pump_catalog, plan_from_json, plan_from_query, plan_to_query
from lib.cohort.table import MAX_TABLE_CHARACTERS, parse_animals
from lib.documents.links import MAX_QUERY_CHARACTERS
from lib.errors import CohortError, PlanError
from lib.numbers import parse_number
from lib.plan import plan_from_values

CATALOG = load_pump_catalog()


def codes_and_fields(findings):
    return [(finding.code, finding.field) for finding in findings]


# -- 2. the animals table never makes up a weight --------------------------------------------


def test_a_line_without_its_weight_is_refused_not_given_250_g():
    # Before: R2 (group "low", no weight) and R3 (nothing but an ID) both got 250 g, silently.
    text = "animal_id\tgroup\tbody_weight_g\nR1\tlow\t212.5\nR2\tlow\nR3\n"
    animals, problems = parse_animals(text)
    assert [animal.animal_id for animal in animals] == ["R1"]
    assert [problem.message for problem in problems] == [
        "Animals, line 3: weight (g) is missing (the line has 2 of the table's 3 columns: "
        "animal ID, group, weight (g)).",
        "Animals, line 4: weight (g) is missing (the line has 1 of the table's 3 columns: "
        "animal ID, group, weight (g)).",
    ]


def test_a_short_line_without_a_header_is_refused_not_read_as_a_group():
    # Before: with three columns set by the first line, "R2 260" became group "260" and 250 g.
    animals, problems = parse_animals("R1\tlow\t212.5\nR2\t260\n")
    assert [animal.animal_id for animal in animals] == ["R1"]
    assert "line 2: weight (g) is missing" in problems[0].message


def test_a_stray_quote_spoils_its_own_line_only():
    # Before: one unclosed quote merged the next animals into one cell (one animal at 250 g).
    text = 'R1\tlow\t"212.5\nR2\tlow\t230\nR3\tlow\t240\n'
    animals, problems = parse_animals(text)
    assert [animal.animal_id for animal in animals] == ["R2", "R3"]
    assert problems[0].message.startswith("Animals, line 1: ")


def test_a_cell_past_the_last_column_is_refused():
    animals, problems = parse_animals("R1\tlow\t212.5\nR2\tlow\t230\t999\n")
    assert [animal.animal_id for animal in animals] == ["R1"]
    assert "line 2: cell 4 '999' is not allowed" in problems[0].message


def test_an_animal_id_with_a_line_break_is_refused_so_no_file_can_split_it():
    # Before: saved and reopened, such an ID split into two animals with the wrong weights.
    with pytest.raises(CohortError, match="line break"):
        Animal("R1\nR2", "low", 250.0)


def test_a_table_over_the_size_limit_is_refused_before_it_is_parsed():
    text = "R1\tlow\t250\n" * (MAX_TABLE_CHARACTERS // 11 + 1)
    animals, (problem,) = parse_animals(text)
    assert animals == () and "the planner reads up to 1,000,000 characters" in problem.message


# -- 3. a link's time zone is a zone or a message, never a crash ------------------------------


@pytest.mark.parametrize("zone", ["America", "Europe", "Asia", "Etc", "../etc/passwd", "UTC/x"])
def test_a_time_zone_that_is_a_folder_of_the_zone_database_is_refused_by_name(zone):
    # Before: ZoneInfo("America") raised IsADirectoryError and took the page down.
    plan, findings = plan_from_query(f"time_zone={zone}", CATALOG)
    assert plan.time_zone is None
    assert codes_and_fields(findings) == [("invalid_field", "time_zone")]
    with pytest.raises(PlanError, match="Time zone"):
        Plan(time_zone=zone)


def test_a_saved_file_with_a_bad_time_zone_opens_with_a_finding():
    text = json.dumps({"plan": {**Plan().to_dict(), "time_zone": "America"}})
    plan, findings = plan_from_json(text, CATALOG)
    assert plan.time_zone is None and ("invalid_field", "time_zone") in codes_and_fields(findings)


# -- 4. the app's own link restores any plan, or says it cannot -------------------------------


def test_a_plan_with_eight_long_japanese_measures_round_trips_through_its_link():
    # The case: 8 measures of 57 characters each (3 bytes each in UTF-8, 9 characters
    # percent-encoded): 8 x 57 x 9 = 4,104 characters, past the old 4,000 limit.
    measures = tuple(f"{index}" + "歩行解析の測定" * 8 for index in range(8))
    plan = Plan(outcome_measures=measures, outcome_days=(0, 7, 14), time_zone="Asia/Tokyo")
    query = plan_to_query(plan)
    assert 4_000 < len(query) <= MAX_QUERY_CHARACTERS
    assert plan_from_query(query, CATALOG) == (plan, [])


def test_a_link_longer_than_a_plan_has_is_refused_whole_not_read_in_part():
    query = "dose=2&outcome_measures=" + "x" * MAX_QUERY_CHARACTERS
    plan, findings = plan_from_query(query, CATALOG)
    assert plan == Plan() and codes_and_fields(findings) == [("link_too_long", "plan")]
    assert "save the plan" in findings[0].suggestion.lower()


def test_a_field_given_twice_with_different_values_keeps_its_default_and_says_so():
    # Before: the last of repeated keys won, silently.
    plan, findings = plan_from_query("dose=1&dose=2&body_weight_g=300", CATALOG)
    assert (plan.dose, plan.body_weight_g) == (1.0, 300.0)
    assert codes_and_fields(findings) == [("repeated_field", "dose")]
    assert plan_from_query("dose=2&dose=2", CATALOG) == (Plan(dose=2.0), [])


def test_the_default_plans_link_is_empty_and_restores_the_default_plan():
    assert plan_to_query(Plan()) == ""
    assert plan_from_query("", CATALOG) == (Plan(), [])


# -- 6 and 8. odd numerals and characters ------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("study_days", "1_4", "write it as digits with one decimal mark"),  # was 14
        ("lot_rate_ul_per_hr", "1_0", "write it as digits with one decimal mark"),  # was 10
        ("dose", "1e-320", "too small to compute with"),  # was 'dilute it inf-fold'
        ("dose", "5e-324", "too small to compute with"),  # broke the JSON download
        ("dose", 5e-324, "too small to compute with"),
        ("body_weight_g", "1,000", "write 1000, or 1"),  # one or a thousand?
        ("body_weight_g", "٢٥٠", "write it as digits"),  # Arabic-Indic 250
        ("implant_time", "٠٩:٣٠", "enter a time as HH:MM"),  # was accepted, broke the calendar
        ("compound", "bac\nlofen", "line break"),  # broke the .ics
        ("vehicle", "saline\u202e", "right-to-left override"),
    ],
)
def test_an_odd_value_is_refused_naming_field_value_and_fix(field, value, expected):
    plan, (finding,) = plan_from_values({field: value})
    assert plan is None and (finding.code, finding.field) == ("invalid_input", field)
    assert repr(value)[:20] in finding.message and expected in finding.message


@pytest.mark.parametrize(
    ("text", "number"),
    [("2,5", 2.5), ("2.5", 2.5), (" +2.5 ", 2.5), ("1e-3", 0.001), ("0,25", 0.25), (".5", 0.5)],
)
def test_a_number_is_read_with_a_decimal_comma_or_point(text, number):
    assert parse_number(text) == number
    assert plan_from_values({"dose": text}) == (Plan(dose=number), [])


def test_zero_width_characters_are_removed_with_a_note():
    # Before: a zero-width space made "saline" an unknown vehicle, without a word.
    plan, findings = plan_from_values({"vehicle": "sal\u200bine"})
    assert plan == Plan(vehicle="saline")
    assert codes_and_fields(findings) == [("value_cleaned", "vehicle")]
    assert "1 invisible zero-width character removed" in findings[0].message


def test_a_900_kb_value_is_shortened_in_its_message():
    plan, (finding,) = plan_from_values({"compound": "x" * 900_000})
    assert plan is None and len(finding.message) < 200


def test_a_saved_file_with_a_byte_order_mark_opens():
    # Before: a UTF-8 file with a BOM was refused as 'not UTF-8' (read in lib/ui/exports.py).
    from lib.ui.exports import ExportPanel

    document = {"schema_version": 1, "plan": Plan(dose=2.0).to_dict()}
    content = ("\ufeff" + json.dumps(document)).encode("utf-8")
    plan, _, findings = ExportPanel(CATALOG)._read("p.json", content)
    assert plan == Plan(dose=2.0) and findings == []


# -- 5 and 6. files and downloads, on the page (the app built in-process) ----------------------


def pressed(button) -> dict:
    """What the kernel answers when the button is pressed in the browser."""
    sent = []
    button.send = sent.append
    button._answer(button, {"request": "file"}, [])
    (answer,) = sent
    return answer


def button(panel, css_class: str):
    (found,) = [item for item in panel.downloads if css_class in item._dom_classes]
    return found


def test_no_download_serves_an_earlier_plan_while_an_entry_is_invalid(app):
    # Before: with the weight box at 0, "Plan (JSON)" saved the last valid plan (250 g), unsaid.
    app.inputs.body_weight.value = 0.0
    for css_class in ("pd-export-json", "pd-export-csv", "pd-export-protocol"):
        answer = pressed(button(app.exports, css_class))
        assert answer["type"] == "refused" and "Fix the entries" in answer["reason"]
    assert pressed(button(app.cohort, "pd-export-cohort-csv"))["type"] == "refused"
    app.inputs.body_weight.value = 250.0
    assert pressed(button(app.exports, "pd-export-json"))["type"] == "file"


def test_a_download_that_fails_says_why_and_is_not_an_empty_file(app, monkeypatch):
    # Before: a failure in the cohort's evaluation left the cohort CSV downloading empty.
    import lib.ui.cohort as cohort_panel

    def broken(*arguments, **keywords):
        raise RuntimeError("simulated")

    monkeypatch.setattr(cohort_panel, "evaluate_cohort", broken)
    app.cohort.animals.value = "R1\tlow\t250"
    for css_class in ("pd-export-cohort-csv", "pd-export-preparation", "pd-export-ics"):
        answer = pressed(button(app.cohort, css_class))
        assert answer == {
            "type": "refused",
            "reason": "The cohort could not be evaluated (simulated).",
        }


def test_the_calendar_download_asks_for_the_implant_date_rather_than_an_empty_file(app):
    answer = pressed(button(app.cohort, "pd-export-ics"))
    assert answer["type"] == "refused" and "implant date" in answer["reason"]


def test_a_plan_too_long_for_a_link_says_so_and_offers_the_file(app):
    # 20 names of 90 Japanese characters, 9 characters each in a link: 16,200 characters.
    names = tuple(f"{number}" + "測定" * 45 for number in range(20))
    app.inputs.value = Plan(outcome_measures=names)
    from lib import plan_to_query

    assert len(plan_to_query(app.inputs.value)) > MAX_QUERY_CHARACTERS
    assert app.exports.share.query == ""
    assert "too long for a link" in app.exports.share.message
    assert "Plan (JSON)" in app.exports.share.message
