"""Tests for lib/ui/render.py: the page's HTML from templates, one finding markup with the
protocol, and the formula read from the working (lib/teaching/working.py)."""

from lib.documents.protocol import protocol_html
from lib.evaluate import evaluate
from lib.findings import Finding
from lib.plan import Plan
from lib.tables.pumps import load_pump_catalog
from lib.teaching.working import formula
from lib.ui.render import finding_html, findings_html, formula_html, message_html

CATALOG = load_pump_catalog()


def test_the_protocol_prints_each_finding_in_the_markup_of_the_page():
    plan = Plan(study_days=56, pump_model="2004")
    findings = evaluate(plan, CATALOG).findings
    assert len(findings) >= 2
    sheet = protocol_html(plan, CATALOG)
    for finding in findings:
        # The page writes a quote as html.escape does, the documents as markupsafe does.
        assert finding_html(finding).replace("&#x27;", "&#39;") in sheet


def test_a_finding_without_a_suggestion_has_no_what_to_change_line():
    finding = Finding("code", "info", "dose", "A note.")
    assert "pd-finding-suggestion" not in finding_html(finding)


def test_findings_are_grouped_conflicts_first_with_what_goes_inside_each():
    findings = [
        Finding("later", "caution", "dose", "Check it."),
        Finding("first", "conflict", "dose", "Cannot work."),
    ]
    html = findings_html(findings, after=lambda index: f"<i data-index='{index}'></i>")
    assert html.index("pd-group-conflict") < html.index("pd-group-caution")
    assert "Cannot work.<i data-index='1'></i></div>" in html
    assert "Check it.<i data-index='0'></i></div>" in html


def test_a_typed_text_is_escaped_by_the_view_environment():
    html = message_html("<script>alert('x')</script>", note="")
    assert html == (
        "<div class='pd-input-error'>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</div>"
    )


def test_the_formula_prints_the_workings_equations_the_answer_in_bold():
    evaluation = evaluate(Plan(dose=30.0, dose_unit="ug/kg/h"), CATALOG)
    html = formula_html(evaluation)
    equations = formula(evaluation)
    assert [equation.name for equation in equations] == [
        "Dose",
        "Mass per day",
        "Pumping rate",
        "C",
    ]
    for equation in equations[:-1]:
        assert f"{equation.name} = {equation.arithmetic} = {equation.result}" in html
    # 0.180 mg/day / 0.0120 mL/day
    assert "C = 0.180 mg/day ÷ 0.0120 mL/day = <b>15.0 mg/mL</b>" in html


def test_no_formula_without_a_concentration():
    assert formula_html(evaluate(Plan(pump_model="9999"), CATALOG)) == ""


def test_a_template_compiled_by_the_view_does_not_break_the_documents(tmp_path, monkeypatch):
    # The shared findings template compiles differently in each environment (the view escapes
    # through its own finalize): each must keep its own compiled files. A new kernel (fresh
    # environments) reading the cache the page wrote must render the protocol as before.
    import tempfile

    from lib.documents import render as documents
    from lib.ui import render as view

    plan = Plan(study_days=56, pump_model="2004")
    expected = protocol_html(plan, CATALOG)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    for _kernel in range(2):
        documents.environment.cache_clear()
        view.environment.cache_clear()
        findings_html(evaluate(plan, CATALOG).findings)  # the page renders first
        assert protocol_html(plan, CATALOG) == expected
    assert any(tmp_path.rglob("__pd_view_*")) and any(tmp_path.rglob("__pd_documents_*"))
    documents.environment.cache_clear()
    view.environment.cache_clear()
