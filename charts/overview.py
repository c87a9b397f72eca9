"""Executive Overview figures: net savings by fiscal year and marketplace; engagements by marketplace and stage.
Both also appear in the executive brief (and net savings on agency profiles)."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from charts import adoption as adoption_figures
from charts.figure import Figure
from charts.formats import money
from charts.labels import snapshot_label, status_of_year
from charts.theme import fiscal_year_axis, framed, marketplace_scale, money_axis, projected_look
from data_access.adoption import in_flight_count, stage_counts
from data_access.fiscal import fy_label

NET_SAVINGS_SUBTITLE = "Baseline − run cost − migration cost; projected years are lighter with a dashed outline"


def net_savings_table(by_fy: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """What `net_savings_chart` draws, from a `savings.net_savings_by_fy_marketplace` frame."""
    return pd.DataFrame({
        "Fiscal year": by_fy["fiscal_year"].map(fy_label),
        "Marketplace": by_fy["marketplace"].map(lambda c: names.get(c, c)),
        "Marketplace code": by_fy["marketplace"],
        "Status": by_fy["projected"].map(status_of_year),
        "Net savings ($)": by_fy["net_savings"].astype(float).round(0),
    })


def net_savings_takeaway(by_fy: pd.DataFrame, selected_fy: int) -> str:
    """'Net savings of $X in FY2026; the highest year is FY2029 ($Y)'."""
    totals = by_fy.groupby("fiscal_year")["net_savings"].sum()
    if totals.empty:
        return "No savings recorded for these filters"
    best_fy = int(totals.index[int(totals.to_numpy().argmax())])
    value = totals.get(selected_fy)
    if value is None:
        return f"Net savings peak in {fy_label(best_fy)} at {money(totals.max())}"
    if best_fy == selected_fy:
        return f"Net savings of {money(value)} in {fy_label(selected_fy)}, the highest year in the range"
    return (f"Net savings of {money(value)} in {fy_label(selected_fy)}; the highest year is {fy_label(best_fy)} "
            f"({money(totals.max())})")


def net_savings_chart(table: pd.DataFrame) -> alt.TopLevelMixin:
    """Stacked bars of net savings per fiscal year by marketplace; projected years lighter with a dashed outline."""
    codes = list(dict.fromkeys(table["Marketplace code"]))
    names = list(dict.fromkeys(table["Marketplace"]))
    chart = alt.Chart(table).mark_bar().encode(
        x=alt.X("Fiscal year:N", sort=None, title=None, axis=fiscal_year_axis()),
        y=alt.Y("sum(Net savings ($)):Q", title="Net savings", axis=money_axis()),
        color=alt.Color("Marketplace:N", scale=alt.Scale(domain=names, range=marketplace_scale(codes).range),
                        legend=alt.Legend(orient="bottom", title=None, columns=3)),
        **projected_look(),
        tooltip=["Fiscal year", "Marketplace", "Status", alt.Tooltip("Net savings ($):Q", format="$,.0f")],
    )
    return framed(chart)


def net_savings(by_fy: pd.DataFrame, names: dict[str, str], selected_fy: int, *, key: str = "overview-savings",
                who: str = "") -> Figure | None:
    """Net savings by fiscal year, stacked by marketplace (`who` names the organization on a profile); None when
    there are no cost rows."""
    if by_fy.empty:
        return None
    title = net_savings_takeaway(by_fy, selected_fy)
    table = net_savings_table(by_fy, names)
    subject = f"{who}'s net savings" if who else "net savings"
    return Figure(key, title, net_savings_chart(table), table,
                  f"Bar chart of {subject} by fiscal year, stacked by marketplace; projected years lighter. {title}.",
                  hidden=("Marketplace code",), subtitle=NET_SAVINGS_SUBTITLE)


def stages(stages_frame: pd.DataFrame, names: dict[str, str], selected_fy: int, as_of: date) -> Figure | None:
    """Engagements per marketplace by lifecycle stage on the selected FY's evaluation date (not clickable); None
    when there are none."""
    if stages_frame.empty:
        return None
    counts = stage_counts(stages_frame)
    title = (f"{counts['operational']:,} engagements operational, {in_flight_count(counts):,} in flight "
             f"{snapshot_label(selected_fy, as_of)}")
    table = adoption_figures.stage_table(stages_frame, names)
    return Figure("overview-stages", title, adoption_figures.pipeline_chart(table, selectable=False), table,
                  f"Stacked bar chart of engagements per marketplace by lifecycle stage {snapshot_label(selected_fy, as_of)}. "
                  f"{title}.", hidden=("Stage order", "Marketplace code"))
