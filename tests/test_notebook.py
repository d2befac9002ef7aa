"""The notebook runs top to bottom in a real kernel, as Voila and JupyterLab run it."""

import nbformat
from nbclient import NotebookClient

from tests.conftest import REPOSITORY_ROOT, isolated_jupyter_environment

CHECKS = """
plan, link_findings = link.plan, link.problems
assert plan.pump_model == "2ML4" and plan.body_weight_g == 412.5, plan
assert link_findings == [], link_findings
# 1 ug/h at 2.5 uL/h = 0.4 ug/uL = 0.4 mg/mL
assert summary.value.concentration_mg_per_ml == 0.4, summary.value.concentration_mg_per_ml
print("checked")
"""


def test_notebook_executes_headless_and_restores_a_share_link(tmp_path):
    notebook = nbformat.read(REPOSITORY_ROOT / "dashboard.ipynb", as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(CHECKS))
    environment = isolated_jupyter_environment(tmp_path)
    environment["QUERY_STRING"] = "pump_model=2ML4&body_weight_g=412.5"
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(REPOSITORY_ROOT)}},
    )
    client.execute(env=environment)
    last_output = notebook.cells[-1].outputs[0]
    assert last_output["text"].strip() == "checked"
    app_output = notebook.cells[-2].outputs[0]["data"]
    assert "application/vnd.jupyter.widget-view+json" in app_output


def test_notebook_is_committed_without_outputs():
    notebook = nbformat.read(REPOSITORY_ROOT / "dashboard.ipynb", as_version=4)
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(not cell.outputs and cell.execution_count is None for cell in code_cells)
