"""The page a scientist works in, in a real browser (issue 17): numbers typed as people type
them, a species switch, the answer in sight at every width, honest stale results, and no
request to another host."""

from urllib.parse import parse_qs, urlparse

import pytest

from lib.ui.plot import PLOTLY_JS_PATH, PLOTLY_JS_VERSION
from tests.test_browser import READY_SECONDS, open_app, type_number, wait_for_concentration

pytestmark = pytest.mark.browser

# Every number box the default page shows (class, plan field); hidden ones (fill concentration,
# end weight, age, catheter length) are the same widgets as these.
NUMBER_BOXES = [
    ("dose", "dose"),
    ("body-weight", "body_weight_g"),
    ("weight-gain", "weight_gain_g_per_day"),
    ("study-days", "study_days"),
    ("solubility", "solubility_mg_per_ml"),
    ("molecular-weight", "molecular_weight_g_per_mol"),
    ("lot-rate", "lot_rate_ul_per_hr"),
    ("lot-fill-volume", "lot_fill_volume_ul"),
    ("priming-hours", "priming_hours"),
]
LABELS = {
    "dose": "Dose",
    "body_weight_g": "Body weight at implant",
    "weight_gain_g_per_day": "Weight gain",
    "study_days": "Study length",
    "solubility_mg_per_ml": "Solubility",
    "molecular_weight_g_per_mol": "Molecular weight",
    "lot_rate_ul_per_hr": "Lot pumping rate",
    "lot_fill_volume_ul": "Lot fill volume",
    "priming_hours": "Priming",
}


def shared_plan(page) -> dict[str, str]:
    """The plan as the share link carries it (the link follows every valid change)."""
    link = page.input_value(".pd-share-link-value")
    return {key: values[0] for key, values in parse_qs(urlparse(link).query).items()}


def in_view(page, selector: str) -> bool:
    """The element is inside the window (and not scrolled out of it)."""
    return page.evaluate(
        """selector => {
            const box = document.querySelector(selector).getBoundingClientRect();
            return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
        }""",
        selector,
    )


@pytest.mark.parametrize(("name", "field"), NUMBER_BOXES)
def test_a_decimal_comma_is_read_as_a_decimal_or_the_field_is_named(page, voila_url, name, field):
    open_app(page, voila_url)
    box = page.locator(f".pd-{name}-value input")
    box.fill("2,5")
    box.press("Enter")
    page.wait_for_function(
        """([field, label]) => {
            const link = document.querySelector('.pd-share-link-value').value;
            const message = document.querySelector('.pd-message').innerText;
            return new URL(link).searchParams.get(field) === '2.5' || message.includes(label);
        }""",
        arg=[field, LABELS[field]],
    )
    if shared_plan(page).get(field) != "2.5":  # refused: named, with what was typed
        assert f"{LABELS[field]}" in page.inner_text(".pd-message")
        assert "2,5" in page.inner_text(".pd-message")
    assert page.input_value(f".pd-{name}-value input") == "2,5"  # what was typed stays
    assert "read as 2.5" in page.inner_text(f".pd-{name}")


def test_a_switch_to_mouse_gives_a_typical_mouse_and_says_so(page, voila_url):
    open_app(page, voila_url)
    page.select_option(".pd-species select", "mouse")
    page.wait_for_function(
        "() => document.querySelector('.pd-body-weight-value input').value === '25.4'"
    )
    page.wait_for_function(
        "() => document.querySelector('.pd-body-weight').innerText.includes('a typical mouse')"
    )
    page.wait_for_function(
        "() => new URL(document.querySelector('.pd-share-link-value').value)"
        ".searchParams.get('body_weight_g') === '25.4'"
    )


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (390, 844)])
def test_the_fill_concentration_stays_in_sight_while_the_study_length_is_edited(
    browser, voila_url, width, height
):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        open_app(page, voila_url)
        assert in_view(page, ".pd-result-bar-concentration")
        box = page.locator(".pd-study-days-value input")
        box.scroll_into_view_if_needed()
        box.fill("28")
        assert in_view(page, ".pd-result-bar-concentration")
        box.press("Enter")
        page.wait_for_function(
            "() => document.querySelector('.pd-result-bar').innerText.includes('2.00 mg/mL')"
        )
        assert in_view(page, ".pd-result-bar-concentration")
        # one column that scrolls without clipping: nothing is wider than the window
        assert page.evaluate("document.getElementById('rendered_cells').scrollWidth") <= width
    finally:
        context.close()


def test_after_an_invalid_dose_nothing_on_the_page_reassures(page, voila_url):
    open_app(page, voila_url, "study_days=5")  # short of the tolerance from day 5: no finding
    assert "No conflicts" in page.inner_text(".pd-result-bar")
    type_number(page, "dose", "abc")
    page.wait_for_selector(".pd-results-column.pd-stale")
    text = page.inner_text(".pd-app")
    assert "No conflicts" not in text and "fits this plan" not in text
    assert "Last valid plan" in page.inner_text(".pd-result-bar")
    # (a caption: the page shows it in capitals)
    assert "the results below are for the last valid plan" in (
        page.inner_text(".pd-results-column").lower()
    )
    type_number(page, "dose", "2")
    wait_for_concentration(page, 4.0)  # 2 ug/h / 0.5 uL/h
    page.wait_for_selector(".pd-results-column:not(.pd-stale)")


def test_no_request_goes_to_a_host_other_than_the_apps(browser, voila_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    try:
        open_app(page, voila_url)
        type_number(page, "dose", "2")
        wait_for_concentration(page, 4.0)
        page.wait_for_timeout(1000)  # late requests (fonts, icons) have had their chance
    finally:
        context.close()
    assert hosts - {""} == {urlparse(voila_url).netloc}  # "": data: URLs the page makes


def test_plotly_js_is_asked_for_once_from_the_pages_head_before_the_widgets(page, voila_url):
    # The app's Voila template starts it while the kernel runs the notebook (share/.../pd);
    # the plot's view takes that load and does not fetch the file a second time.
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("websocket", lambda socket: requested.append(socket.url))
    open_app(page, voila_url)
    plotly = [url for url in requested if "plotly-basic" in url]
    assert len(plotly) == 1, plotly
    kernel = next(url for url in requested if url.startswith("ws"))
    assert requested.index(plotly[0]) < requested.index(kernel)  # before the widget manager
    assert plotly[0].endswith(f"/voila/files/{PLOTLY_JS_PATH}?v={PLOTLY_JS_VERSION}")
    assert page.evaluate("document.querySelectorAll('script[src*=plotly-basic]').length") == 1


def test_the_plots_toolbar_keeps_the_png_download_and_nothing_that_leaves(page, voila_url):
    open_app(page, voila_url)
    page.hover(".pd-timecourse-plot .js-plotly-plot")
    titles = page.eval_on_selector_all(
        ".pd-timecourse-plot .modebar-btn", "buttons => buttons.map(b => b.dataset.title)"
    )
    assert "Download plot as a PNG" in " ".join(titles)
    assert not [title for title in titles if "Chart Studio" in title or "Share" in title]


def test_a_fix_button_sits_in_the_finding_it_fixes_and_appears_once(page, voila_url):
    open_app(page, voila_url, "study_days=28&pumps_in_series=1")
    # Past the safe explant day and a gap in delivery: one change fixes both, one button
    button = page.locator(".pd-findings .pd-finding .pd-fix", has_text="Replace each pump")
    button.wait_for(timeout=READY_SECONDS)
    assert button.count() == 1
    button.click()
    page.wait_for_function(
        "() => !document.querySelector('.pd-findings [data-code=pump_past_safe_explant]')"
    )


def test_a_clearance_draws_the_plasma_curve_under_the_dose_and_shows_the_level(page, voila_url):
    open_app(page, voila_url)
    assert page.inner_text(".pd-plasma").strip() == ""  # nothing without kinetics
    type_number(page, "clearance", "10")
    type_number(page, "volume-of-distribution", "1")
    # 1 ug/h = 1,000 ng/h over 10 mL/min/kg x 0.25 kg x 60 = 150 mL/h: 6.67 ng/mL; t½ =
    # ln 2 x 1 L/kg / 0.6 L/h/kg = 1.155 h, 90 % after 3.32 x 1.155 = 3.84 h
    page.wait_for_function(
        "() => document.querySelector('.pd-plasma').innerText.includes('3.84 h')"
    )
    assert "6.67 ng/mL" in page.inner_text(".pd-plasma")
    plasma = page.wait_for_function(
        """() => {
            const plot = document.querySelector('.pd-timecourse-plot .js-plotly-plot');
            const trace = plot._fullData.find(trace => trace.name === 'Plasma level');
            return trace && Math.max(...trace.y);
        }"""
    ).json_value()
    assert abs(plasma - 6.6667) < 1e-3
    # its own axis, drawn under the dose's
    assert page.text_content(".pd-timecourse-plot .g-y4title") == "Plasma (ng/mL)"
    assert shared_plan(page)["clearance_ml_per_min_per_kg"] == "10.0"
