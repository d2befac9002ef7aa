"""The cohort panel without a browser: paste animals, read doses, fix entries, save and open."""

import json

from lib import Plan
from lib.cohort.animals import Animal, Cohort

TEN_RATS = "\n".join(
    ["animal_id\tgroup\tbody_weight_g"]
    + [f"R{n:02d}\t{'low' if n <= 5 else 'high'}\t{200 + 10 * n}" for n in range(1, 11)]
)


def download(panel, css_class):
    (button,) = [b for b in panel.downloads if css_class in b._dom_classes]
    return button.make_text()


def test_pasted_animals_get_their_doses_in_the_table(app):
    app.inputs.value = Plan(dose=0.048, dose_unit="mg/kg/day")
    app.cohort.animals.value = TEN_RATS
    doses = app.cohort.result.doses
    assert list(doses["animal_id"]) == [f"R{n:02d}" for n in range(1, 11)]
    # Group low: 210-250 g, mean 230 g: 0.048 x 0.23 / 0.012 = 0.92 mg/mL.
    assert doses["concentration_mg_per_ml"].iloc[0] == 0.92
    assert "R10" in app.cohort.table.value and "0.92" in app.cohort.groups.value
    assert app.exports.cohort.animals[0] == Animal("R01", "low", 210.0)


def test_a_plan_change_recomputes_the_cohort(app):
    app.cohort.animals.value = TEN_RATS
    app.inputs.value = Plan(dose=0.096, dose_unit="mg/kg/day")
    assert app.cohort.result.doses["concentration_mg_per_ml"].iloc[0] == 1.84


def test_a_bad_line_is_named_and_the_rest_of_the_table_is_used(app):
    app.cohort.animals.value = TEN_RATS + "\nR11\tlow\theavy"
    assert "line 12: weight (g) &#x27;heavy&#x27;" in app.cohort.message.value
    assert len(app.cohort.result.doses) == 10
    assert app.cohort.animals.value.endswith("heavy")  # what was typed stays


def test_a_bad_setting_keeps_the_last_result_and_says_which_box(app):
    app.cohort.animals.value = TEN_RATS
    app.cohort.settings["overage_percent"].value = "lots"
    assert "Overage (%): &#x27;lots&#x27; is not allowed" in app.cohort.message.value
    assert "last valid cohort" in app.cohort.message.value
    assert len(app.cohort.result.doses) == 10


def test_the_preparation_and_calendar_follow_the_plan(app):
    app.inputs.value = Plan(implant_date="2026-03-30", implant_time="10:00")
    app.cohort.animals.value = TEN_RATS
    assert "For 5 pumps (" in app.cohort.preparation.value
    assert "Mon 2026-03-30 10:00" in app.cohort.calendar.value
    assert "BEGIN:VCALENDAR" in download(app.cohort, "pd-export-ics")
    assert download(app.cohort, "pd-export-calendar-csv").startswith("Kind,Title,Start")
    assert download(app.cohort, "pd-export-cohort-csv").count("\n") == 11
    assert "Preparation sheet" in download(app.cohort, "pd-export-preparation")


def opened(file_open, name: str, data: bytes) -> None:
    """What the browser sends when a file under the limit is chosen: its name and bytes."""
    file_open._on_message(file_open, {"name": name, "size": len(data)}, [memoryview(data)])


def test_a_file_over_the_limit_is_refused_where_it_was_chosen(app):
    # The browser does not send it (lib/ui/guarded.py); the page says why.
    app.exports.upload._on_message(app.exports.upload, {"refused": "big.json", "size": 25e6}, [])
    assert "big.json is 25.0 MB" in app.exports.message.value
    assert "nothing was sent" in app.exports.message.value


def test_the_saved_file_carries_the_cohort_and_opens_it_again(app):
    app.inputs.value = Plan(dose=0.048, dose_unit="mg/kg/day")
    app.cohort.animals.value = TEN_RATS
    app.cohort.mode.value = "animal"
    (json_button,) = [b for b in app.exports.downloads if "pd-export-json" in b._dom_classes]
    text = json_button.make_text()
    assert json.loads(text)["cohort"]["concentration_mode"] == "animal"
    app.cohort.value = Cohort()
    assert app.cohort.animals.value == ""
    opened(app.exports.upload, "study.json", text.encode())
    assert app.cohort.value.concentration_mode == "animal"
    assert len(app.cohort.value.animals) == 10
    assert app.inputs.value == Plan(dose=0.048, dose_unit="mg/kg/day")


def test_an_uploaded_csv_fills_the_table_and_a_binary_file_is_refused(app):
    text = "animal,weight\nM1,24.5\nM2,26\n"
    opened(app.cohort.upload, "mice.csv", text.encode())
    assert app.cohort.animals.value == text
    assert [a.animal_id for a in app.cohort.value.animals] == ["M1", "M2"]
    opened(app.cohort.upload, "mice.xlsx", b"\xff\xfe\x00\x81")
    assert "mice.xlsx is not a UTF-8 text file" in app.cohort.message.value
    assert app.cohort.animals.value == text


def test_a_thousand_animals_show_the_first_rows_and_say_where_the_rest_are(app):
    app.inputs.value = Plan(dose=0.048, dose_unit="mg/kg/day")
    lines = [f"A{n:04d}\tG{n % 4}\t{200 + n % 100}" for n in range(1000)]
    app.cohort.animals.value = "\n".join(lines)
    app.cohort.mode.value = "animal"
    assert len(app.cohort.result.doses) == 1000
    assert "and 800 more rows: all are in the cohort CSV" in app.cohort.table.value
    assert "and 988 more solutions" in app.cohort.preparation.value
    assert len(app.cohort.table.value) + len(app.cohort.preparation.value) < 200_000
    assert download(app.cohort, "pd-export-cohort-csv").count("\n") == 1001


def test_each_pump_of_a_series_is_verified_from_the_explants_box(app):
    # 28 days on 2002s: two pumps. Pump 1 of R01: 36 uL left of 204 uL loaded after 14 days:
    # 168 / 336 h = 0.500 uL/h, 100 %; pump 2: 90 uL left of 200: 110 / 336 = 65 %, flagged.
    app.inputs.value = Plan(study_days=28.0)
    app.cohort.animals.value = TEN_RATS
    app.cohort.explants.value = (
        "animal_id\tpump\tresidual_volume_ul\telapsed_days\tloaded_volume_ul\n"
        "R01\t1\t36\t14\t204\nR01\t2\t90\t14\n"
    )
    deliveries = app.cohort.result.deliveries
    assert list(deliveries["pump"]) == [1, 2]
    assert list(deliveries["rate_outside_tolerance"]) == [False, True]
    # after explant, not among the cautions to check before preparing
    assert "pump_rate_outside_tolerance" not in app.cohort.message.value
    assert "After explant: check these pumps (1)" in app.cohort.delivery.value
    assert "data-code='pump_rate_outside_tolerance'" in app.cohort.delivery.value
    assert "Cautions: check before you prepare" not in app.cohort.delivery.value
    assert "204 (weighed)" in app.cohort.delivery.value


def test_a_stock_on_hand_changes_the_recipe(app):
    # Group low at 0.92 mg/mL (above): from a 10 mg/mL stock, 10.9-fold: more than 10-fold, so two
    # steps; without it, 8.2 mg is weighed into a batch.
    app.inputs.value = Plan(dose=0.048, dose_unit="mg/kg/day")
    app.cohort.animals.value = TEN_RATS
    assert "Weigh 8.2 mg of baclofen" in app.cohort.preparation.value
    app.cohort.settings["stock_on_hand_mg_per_ml"].value = "10"
    assert app.cohort.result.cohort.stock_on_hand_mg_per_ml == 10.0
    assert "of the stock on hand (10.0 mg/mL)" in app.cohort.preparation.value
    assert "Weigh" not in app.cohort.preparation.value
    saved = json.loads(download(app.exports, "pd-export-json"))
    assert saved["cohort"]["stock_on_hand_mg_per_ml"] == 10.0


def test_randomise_to_groups_rewrites_the_group_column_and_records_the_seed(app):
    app.cohort.animals.value = TEN_RATS
    control = app.cohort.allocation
    control.groups.value = "vehicle, drug"
    control.seed.value = "2026"
    control.button.click()
    groups = [animal.group for animal in app.cohort.value.animals]
    assert sorted(groups) == ["drug"] * 5 + ["vehicle"] * 5  # 5 blocks of 2: 5 each
    assert app.cohort.value.allocation_seed == 2026
    assert "vehicle" in control.summary.value and "Mean weight (g)" in control.summary.value
    control.button.click()  # the same seed: the same groups
    assert [animal.group for animal in app.cohort.value.animals] == groups


def test_an_empty_seed_is_drawn_and_shown(app):
    app.cohort.animals.value = TEN_RATS
    app.cohort.allocation.groups.value = "a, b, c"
    app.cohort.allocation.button.click()
    assert app.cohort.allocation.seed.value.isdigit()
    assert app.cohort.value.allocation_seed == int(app.cohort.allocation.seed.value)


def test_bad_group_names_leave_the_groups_as_they_were(app):
    app.cohort.animals.value = TEN_RATS
    app.cohort.allocation.groups.value = "low, low"
    app.cohort.allocation.button.click()
    assert "give each group name once" in app.cohort.allocation.message.value
    assert app.cohort.animals.value == TEN_RATS
