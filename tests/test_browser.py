"""The app in a real browser: Voila serving dashboard.ipynb, driven through its pd-* classes.

Expected concentrations are worked by hand with the brief's formula,
C [mg/mL] = dose [mg/kg/day] x weight [kg] / (rate [uL/h] x 24 / 1000) [mL/day].
"""

import csv
import io
import json
from pathlib import Path

import pytest

from lib import Plan, load_regimens, plan_to_json

pytestmark = pytest.mark.browser

READY_SECONDS = 60_000


def open_app(page, url: str, query: str = "") -> None:
    page.goto(url + (f"?{query}" if query else ""), timeout=READY_SECONDS)
    page.wait_for_selector(".pd-concentration-value", timeout=READY_SECONDS)
    page.wait_for_selector(".pd-timecourse-plot .js-plotly-plot", timeout=READY_SECONDS)


def concentration_mg_per_ml(page) -> float:
    return float(page.get_attribute(".pd-concentration-value", "data-mg-per-ml"))


def wait_for_concentration(page, expected_mg_per_ml: float) -> None:
    page.wait_for_function(
        """expected => {
            const element = document.querySelector('.pd-concentration-value');
            return element && Math.abs(parseFloat(element.dataset.mgPerMl) - expected) < 1e-9;
        }""",
        arg=expected_mg_per_ml,
    )


def type_number(page, name: str, value: str) -> None:
    """Type into a field's number box and press Enter, as a scientist would."""
    box = page.locator(f".pd-{name}-value input")
    box.fill(value)
    box.press("Enter")


def wait_for_findings(page, codes: list[str]) -> None:
    """Wait until the findings shown have exactly these codes, in this order."""
    page.wait_for_function(
        """codes => JSON.stringify(Array.from(
            document.querySelectorAll('.pd-findings .pd-finding[data-code]'),
            element => element.dataset.code)) === JSON.stringify(codes)""",
        arg=codes,
    )


def plotted_dose(page) -> list[float]:
    """The delivered-dose trace as plotly drew it (`_fullData`, not the spec it was given)."""
    return page.evaluate(
        "Array.from(document.querySelector('.pd-timecourse-plot .js-plotly-plot')._fullData[0].y)"
    )


def test_default_plan_is_the_brief_example_at_2_mg_per_ml(page, voila_url):
    open_app(page, voila_url)
    # The brief, Table 2: 1.0 ug/h at 0.5 uL/h -> 2.0 ug/uL = 2.0 mg/mL.
    assert concentration_mg_per_ml(page) == 2.0
    assert "2.00 mg/mL" in page.inner_text(".pd-concentration")
    # Its only finding: the tolerance to intrathecal baclofen from day 5 (the brief, 7 days)
    wait_for_findings(page, ["effect_changes_during_study"])
    # 1 ug/h = 0.024 mg/day to a 0.25 kg rat = 0.096 mg/kg/day on every day of the plot.
    assert plotted_dose(page) == pytest.approx([0.096] * len(plotted_dose(page)))


def test_weight_dose_and_pump_changes_move_the_concentration_and_findings(page, voila_url):
    # 0.096 mg/kg/day for a 250 g rat on a 2002 (0.012 mL/day): 0.024 mg/day -> 2.0 mg/mL.
    # 5 days: short of the tolerance to intrathecal baclofen from day 5 (a note of its own)
    open_app(page, voila_url, "dose=0.096&dose_unit=mg%2Fkg%2Fday&study_days=5")
    wait_for_concentration(page, 2.0)
    # 300 g: 0.096 x 0.3 / 0.012 = 2.4 mg/mL, above the 2 mg/mL marketed intrathecal strengths.
    type_number(page, "body-weight", "300")
    wait_for_concentration(page, 0.096 * 0.3 / 0.012)
    wait_for_findings(page, ["above_intrathecal_strength"])
    # 0.2 mg/kg/day: 0.2 x 0.3 / 0.012 = 5.0 mg/mL, above baclofen's 4.3 mg/mL.
    type_number(page, "dose", "0.2")
    wait_for_concentration(page, 0.2 * 0.3 / 0.012)
    wait_for_findings(page, ["solubility_exceeded"])
    assert "5.00 mg/mL" in page.inner_text(".pd-findings")
    # Model 2ML2 pumps 5 uL/h = 0.12 mL/day: 0.06 mg/day / 0.12 = 0.5 mg/mL, and 300 g >= 200 g.
    page.select_option(".pd-pump-model select", label="2ML2: 5.00 µL/h, 14 days, 2000 µL")
    # 0.5 mg/mL: (1 + 1 spare) x 2000 + 100 uL, + 10 % = 4510 uL hold 2.26 mg, under the 8.2 mg
    # a balance weighs well, and a batch of 8.2 mg would be 16.4 mL: a stock and a dilution.
    # Into the CSF, 5 uL/h is 21 % of the 23.4 uL/h a young rat's CSF makes: a caution too.
    wait_for_concentration(page, 0.2 * 0.3 / 0.12)
    wait_for_findings(page, ["csf_volume_large", "concentration_too_dilute_to_weigh"])
    # A 150 g rat is below the 2ML2's 200 g minimum (SC, which intrathecal pumps use).
    type_number(page, "body-weight", "150")
    wait_for_concentration(page, 0.2 * 0.15 / 0.12)
    wait_for_findings(
        page, ["animal_too_small", "csf_volume_large", "concentration_too_dilute_to_weigh"]
    )
    assert "200 g" in page.inner_text(".pd-findings")


def test_plot_follows_the_inputs(page, voila_url):
    open_app(page, voila_url)
    type_number(page, "dose", "2")
    wait_for_concentration(page, 4.0)
    # 2 ug/h = 0.048 mg/day to a 0.25 kg rat = 0.192 mg/kg/day.
    page.wait_for_function(
        "Math.abs(document.querySelector('.pd-timecourse-plot .js-plotly-plot')"
        "._fullData[0].y[0] - 0.192) < 1e-9"
    )


def test_slider_moves_the_typed_number_by_one_step(page, voila_url):
    open_app(page, voila_url)
    page.focus(".pd-body-weight-slider")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.pd-body-weight-value input').value === '251'")
    # A per-animal dose needs no weight: the concentration stays 2.0 mg/mL.
    assert concentration_mg_per_ml(page) == 2.0


def test_a_typed_exact_weight_is_kept_despite_the_slider_step(page, voila_url):
    open_app(page, voila_url, "dose=0.096&dose_unit=mg%2Fkg%2Fday")
    type_number(page, "body-weight", "237.5")
    wait_for_concentration(page, 0.096 * 0.2375 / 0.012)
    page.wait_for_timeout(300)  # room for a slider echo, which must not change the number
    assert page.input_value(".pd-body-weight-value input") == "237.5"


def test_invalid_input_names_the_field_and_keeps_the_last_result(page, voila_url):
    open_app(page, voila_url)
    type_number(page, "body-weight", "-5")
    message = page.locator(".pd-message .pd-finding-conflict")
    message.wait_for()
    assert "Body weight at implant (g): '-5' is not allowed" in message.inner_text()
    assert "from 1 up to 2000" in message.inner_text()
    assert page.input_value(".pd-body-weight-value input") == "-5"
    assert concentration_mg_per_ml(page) == 2.0
    assert page.locator("text=Traceback").count() == 0


def test_a_share_link_restores_the_plan(page, voila_url):
    open_app(page, voila_url, "pump_model=2ML4&body_weight_g=412.5&study_days=10.5")
    # 1 ug/h at 2.5 uL/h = 0.4 mg/mL.
    wait_for_concentration(page, 0.4)
    assert page.input_value(".pd-body-weight-value input") == "412.5"
    assert page.input_value(".pd-study-days-value input") == "10.5"


def test_a_hostile_link_is_shown_as_text_and_runs_nothing(page, voila_url):
    open_app(page, voila_url, "compound=%3Cimg%20src%3Dx%20onerror%3D%22window.pwned%3D1%22%3E")
    page.wait_for_selector(".pd-findings .pd-finding")
    assert page.evaluate("window.pwned === undefined")
    assert "<img src=x" in page.inner_text(".pd-concentration")


def test_a_too_small_mouse_is_flagged_and_the_advisors_first_pump_clears_it(page, voila_url):
    # 1 ug/h in a 2001 (1 uL/h) = 1.0 mg/mL; the 2001 needs a 20 g animal under the skin.
    open_app(page, voila_url, "species=mouse&route=sc&body_weight_g=25&pump_model=2001")
    wait_for_concentration(page, 1.0)
    wait_for_findings(page, [])
    type_number(page, "body-weight", "19")
    wait_for_findings(page, ["animal_too_small"])
    page.wait_for_selector(".pd-body-weight.pd-flagged-conflict")
    # The advisor's first row: 1007D (10 g minimum), 1 ug/h / 0.5 uL/h = 2.0 mg/mL, one pump.
    first_row = page.locator(".pd-advisor .pd-advisor-row").first
    assert "1007D" in first_row.inner_text()
    first_row.locator(".pd-advisor-use").click()
    wait_for_concentration(page, 2.0)
    wait_for_findings(page, [])
    assert page.inner_text(".pd-pump-model select option:checked").startswith("1007D")


def test_a_one_click_fix_changes_the_plan(page, voila_url):
    open_app(page, voila_url, "vehicle=water&study_days=5")  # 5 days: short of the tolerance
    wait_for_findings(page, ["vehicle_unsuited_to_route"])
    page.click(".pd-fix-vehicle-unsuited-to-route")
    wait_for_findings(page, [])
    assert page.inner_text(".pd-vehicle select option:checked").endswith("(aCSF)")


JUVENILE_WISTAR = (
    "compound=lithium%20chloride&vehicle=saline&route=sc&dose=7.2&dose_unit=mg%2Fkg%2Fday"
    "&body_weight_g=100&growth_model=preset&growth_preset=wistar_male_juvenile"
    "&age_at_implant_days=28&study_days=28&pump_model=2ML4"
)


def plotted_dose_by_day(page) -> dict[float, float]:
    points = page.evaluate(
        """() => { const trace = document.querySelector(
            '.pd-timecourse-plot .js-plotly-plot')._fullData[0];
            return Array.from(trace.x, (x, i) => [x, trace.y[i]]); }"""
    )
    return {round(day, 6): dose for day, dose in points}


def test_a_growing_rat_sees_the_dose_fall_and_the_mean_weight_centre_it(page, voila_url):
    # Juvenile Wistar preset: 100 g at 28 days to 250 g at 56 days (Tauer et al. 2013).
    # Filled for 100 g: 7.2 mg/kg/day on day 0, 7.2 x 100/250 = 2.88 on day 28.
    open_app(page, voila_url, JUVENILE_WISTAR)
    wait_for_concentration(page, 7.2 * 0.1 / 0.06)  # 2ML4: 2.5 uL/h = 0.06 mL/day -> 12 mg/mL
    dose = plotted_dose_by_day(page)
    assert dose[0.0] == pytest.approx(7.2)
    assert dose[28.0] == pytest.approx(2.88)
    assert dose[14.0] < dose[7.0] < dose[0.0]
    # The mean weight over days 0-28 is 175 g: 7.2 x 175/100 = 12.6 at the start,
    # 7.2 x 175/250 = 5.04 at the end: the 7.2 target now lies inside the delivered range.
    page.select_option(".pd-design-weight select", label="the mean weight over the infusion")
    wait_for_concentration(page, 7.2 * 0.175 / 0.06)
    page.wait_for_function(
        "Math.abs(document.querySelector('.pd-timecourse-plot .js-plotly-plot')"
        "._fullData[0].y[0] - 12.6) < 1e-9"
    )
    dose = plotted_dose_by_day(page)
    assert dose[28.0] == pytest.approx(5.04)
    study = [value for day, value in dose.items() if day <= 28]
    assert min(study) < 7.2 < max(study)
    assert "70.0 to 175 % of the target" in page.inner_text(".pd-dose-range")


def download(page, css_class: str) -> str:
    """Press an export button and return the text of the file the browser saves."""
    with page.expect_download() as info:
        page.click(f".{css_class} button")
    return Path(info.value.path()).read_text(encoding="utf-8")


def shown_finding_codes(page) -> list[str]:
    return page.eval_on_selector_all(
        ".pd-findings .pd-finding[data-code]", "elements => elements.map(e => e.dataset.code)"
    )


def test_downloads_carry_what_the_screen_shows(page, voila_url):
    # 1.5 ug/h / 0.5 uL/h = 3.0 mg/mL: above the 2 mg/mL intrathecal strengths, a caution.
    open_app(page, voila_url, "dose=1.5&body_weight_g=237.5&study_days=5")
    wait_for_concentration(page, 3.0)
    wait_for_findings(page, ["above_intrathecal_strength"])
    document = json.loads(download(page, "pd-export-json"))
    assert document["plan"]["body_weight_g"] == 237.5
    assert document["results"]["concentration_mg_per_ml"] == concentration_mg_per_ml(page)
    assert [finding["code"] for finding in document["findings"]] == shown_finding_codes(page)
    # The plan CSV names fields for a person; section, field and unit together name one row.
    rows = csv.reader(io.StringIO(download(page, "pd-export-csv")))
    table = {(row[0], row[1], row[3]): row[2] for row in rows}
    assert float(table[("Result", "Fill concentration", "mg/mL")]) == concentration_mg_per_ml(page)
    assert table[("Plan", "Body weight at implant", "g")] == "237.5"
    timecourse = download(page, "pd-export-timecourse")
    assert timecourse.startswith("Day,Pump,Body weight (g),Dose (mg/kg/day)")
    sheet = download(page, "pd-export-protocol")
    assert "data-mg-per-ml='3.0'" in sheet or 'data-mg-per-ml="3.0"' in sheet


def test_the_share_link_reopens_the_plan_in_a_fresh_browser(page, browser, voila_url):
    open_app(page, voila_url)
    type_number(page, "dose", "1.5")
    wait_for_concentration(page, 3.0)
    page.wait_for_function("location.search.includes('dose=1.5')")
    link = page.input_value(".pd-share-link-value")
    assert link == page.url
    context = browser.new_context()
    try:
        other = context.new_page()
        open_app(other, link)
        wait_for_concentration(other, 3.0)
        assert other.input_value(".pd-dose-value input") == "1.5"
    finally:
        context.close()


def test_a_saved_plan_opens_again_exactly(page, voila_url, tmp_path):
    saved = tmp_path / "plan.json"
    saved.write_text(plan_to_json(Plan(dose=1.5, body_weight_g=237.5, study_days=10.5)))
    open_app(page, voila_url)
    with page.expect_file_chooser() as chooser:
        page.click(".pd-import")
    chooser.value.set_files(str(saved))
    wait_for_concentration(page, 3.0)
    assert page.input_value(".pd-body-weight-value input") == "237.5"
    assert page.input_value(".pd-study-days-value input") == "10.5"
    assert "opened plan.json" in page.inner_text(".pd-import-message").lower()


def test_a_pump_kept_past_its_reservoir_reads_the_same_in_the_results_the_working_and_plot(
    page, voila_url
):
    # pump_specs.csv, 2002: 200 uL / 0.5 uL/h = 400 h = 16.67 days. Kept for a 28-day study
    # (pumps in series 1): 0.096 mg/kg/day to day 16.67, then none for 11.33 days; the series
    # rule asks for ceil((28 - 16.67) / 14) + 1 = 2 pumps.
    open_app(page, voila_url, "study_days=28&pumps_in_series=1")
    wait_for_findings(
        page,
        [
            "pump_past_safe_explant",
            "delivery_gap",
            "study_longer_than_pump",
            "effect_changes_during_study",
        ],
    )
    assert page.inner_text(".pd-pump-count") == "1"
    cover = "covering only 16.7 of the 28 days (no drug after day 16.7); the study needs 2"
    assert cover in page.inner_text(".pd-pump-cover")
    assert page.get_attribute(".pd-dose-range span", "data-lowest") == "0.0"
    assert "no drug from day 16.7 to 28 (11.3 days)" in page.inner_text(".pd-dose-range")
    plotted = page.evaluate(
        "Array.from(document.querySelector('.pd-timecourse-plot .js-plotly-plot')._fullData,"
        " trace => trace.y).flat()"
    )
    assert 0.0 in plotted  # the plot's dose after the pump runs dry
    page.click(".pd-teaching")
    page.wait_for_selector(".pd-working li")
    assert cover in page.inner_text(".pd-working")


def test_a_published_regimen_is_searched_by_compound_and_loads_with_its_citation(page, voila_url):
    # Cassis et al. 2009: angiotensin II 1000 ng/kg/min; a 25.4 g mouse (the typical weight: not
    # stated) on a 2004 (0.25 uL/h = 0.006 mL/day): 1.44 mg/kg/day x 0.0254 kg / 0.006 = 6.096
    open_app(page, voila_url)
    page.fill(".pd-regimen-search input", "angiotensin ii mouse")
    page.keyboard.press("Tab")
    page.wait_for_function(
        "() => document.querySelectorAll('.pd-regimen select option').length === 3"
    )
    (regimen,) = [r for r in load_regimens() if r.regimen == "angiotensin-ii-mouse-cassis-2009"]
    page.select_option(".pd-regimen select", label=regimen.label)
    wait_for_concentration(page, 1000 * 1440 * 1e-6 * 0.0254 / 0.006)
    note = page.inner_text(".pd-regimen-note")
    assert "Cassis LA et al." in note and "PMID 19252100" in note
    assert "Not stated in the paper, chosen here" in note


TEN_RATS = "\n".join(
    ["animal_id\tgroup\tbody_weight_g"]
    + [f"R{n:02d}\t{'low' if n <= 5 else 'high'}\t{200 + 10 * n}" for n in range(1, 11)]
)


def test_a_pasted_ten_animal_cohort_shows_each_animals_dose(page, voila_url):
    # 0.048 mg/kg/day on a 2002 (0.012 mL/day). Group low (210-250 g) is made for its mean,
    # 230 g: 0.048 x 0.23 / 0.012 = 0.92 mg/mL; R01 (210 g) gets 0.92 x 0.012 / 0.21 = 0.0526
    # mg/kg/day, +9.5 %; R05 (250 g) 0.0442, -8.0 %. Group high (260-300 g, mean 280 g): 1.12.
    open_app(page, voila_url, "dose=0.048&dose_unit=mg/kg/day")
    box = page.locator(".pd-cohort-animals textarea")
    box.click()
    page.keyboard.insert_text(TEN_RATS)  # what a paste from a spreadsheet puts in: tabs
    box.blur()
    rows = page.locator(".pd-cohort-table-rows tbody tr")
    rows.nth(9).wait_for()
    assert rows.count() == 10
    cells = [rows.nth(n).locator("td").all_inner_texts() for n in (0, 4, 5)]
    # at implant and at its highest the same: the weight is constant
    assert cells[0] == ["R01", "low", "1", "210", "0.920", "0.0526", "0.0526", "+9.5 %"]
    assert cells[1] == ["R05", "low", "1", "250", "0.920", "0.0442", "0.0442", "-8.0 %"]
    assert cells[2][:5] == ["R06", "high", "1", "260", "1.12"]
    assert "For 5 pumps (" in page.inner_text(".pd-preparation")


def test_a_groups_table_gives_a_control_the_vehicle_and_a_group_its_own_dose(page, voila_url):
    # The ten rats above; group low is now a vehicle control and high is given 0.096 mg/kg/day,
    # twice the plan's: 0.096 x 0.28 kg / 0.012 mL/day = 2.24 mg/mL for its mean of 280 g.
    open_app(page, voila_url, "dose=0.048&dose_unit=mg/kg/day")
    animals = page.locator(".pd-cohort-animals textarea")
    animals.click()
    page.keyboard.insert_text(TEN_RATS)
    animals.blur()
    groups = page.locator(".pd-cohort-group-doses textarea")
    groups.click()
    page.keyboard.insert_text("low\tvehicle\nhigh\t0.096")
    groups.blur()
    page.wait_for_function(
        "document.querySelector('.pd-cohort-groups')?.innerText.includes('vehicle only')"
    )
    table = page.inner_text(".pd-cohort-groups")
    assert "0.0960 mg/kg/day" in table and "2.24 mg/mL" in table
    preparation = page.inner_text(".pd-preparation")
    assert "low: vehicle only: no compound" in preparation
