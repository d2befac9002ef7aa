"""HTML for the cohort panel: groups and delivery after explant. Text is escaped here."""

from html import escape

import pandas as pd

from lib.cohort.evaluate import CohortEvaluation
from lib.documents.study import html_table, signed_percent
from lib.formatting import format_number

# A page stays light: the CSV and the preparation sheet have every row and solution.
SHOWN_ROWS = 200
SHOWN_SOLUTIONS = 12


def groups_html(evaluated: CohortEvaluation) -> str:
    """One row per solution: how many animals, their weights and the spread of their doses."""
    doses = evaluated.doses
    if doses.empty:
        return ""
    rows = []
    for solution, group in doses.groupby("solution", sort=False):
        deviations = group["deviation_percent"]
        rows.append(
            [
                escape(solution),
                str(len(group)),
                f"{group['body_weight_g'].min():g}-{group['body_weight_g'].max():g} g",
                f"{format_number(group['concentration_mg_per_ml'].iloc[0])} mg/mL",
                f"{signed_percent(deviations.min())} to {signed_percent(deviations.max())}",
            ]
        )
    header = ["Solution", "Animals", "Weights", "Concentration", "Dose vs target"]
    if evaluated.cohort.concentration_mode == "animal":
        return f"<p class='pd-small'>{len(rows)} solutions, one per animal and pump.</p>"
    return html_table("pd-cohort-groups", header, rows)


def deliveries_html(deliveries: pd.DataFrame) -> str:
    """After explant: the mean rate and dose each pump delivered."""
    if deliveries.empty:
        return (
            "<p class='pd-small'>After explant, add residual_volume_ul and elapsed_days "
            "columns to the animals table: the actual rate and dose appear here.</p>"
        )
    header = ["Animal", "Residual (µL)", "Days", "Mean rate (µL/h)", "% of rate", "mg/kg/day",
              "% of target", ""]  # fmt: skip
    rows = [
        [
            escape(row.animal_id),
            f"{row.residual_volume_ul:g}",
            f"{row.elapsed_days:g}",
            format_number(row.mean_rate_ul_per_hr),
            f"{row.rate_percent:.0f} %",
            format_number(row.delivered_dose_mg_per_kg_per_day),
            f"{row.dose_percent:.0f} %",
            "ran dry" if row.ran_dry else "under-delivered" if row.under_delivered else "",
        ]
        for row in deliveries.head(SHOWN_ROWS).itertuples()
    ]
    return html_table("pd-delivery-rows", header, rows)
