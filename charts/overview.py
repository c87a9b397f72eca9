"""Overview charts: net savings by fiscal year and marketplace; adoption by marketplace and stage."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.theme import marketplace_scale, money_axis, titled
from data_access.formats import money
from data_access.models import STAGE_LABELS, STAGES


def net_savings_frame(df: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Tidy table drawn by `net_savings_by_fy`: Fiscal year, Marketplace, Status, Net savings ($)."""
    out = pd.DataFrame({
        "Fiscal year": [f"FY{y}" + (" (projected)" if p else "") for y, p in zip(df["fiscal_year"], df["projected"])],
        "Marketplace": df["marketplace"].map(lambda c: names.get(c, c)),
        "Marketplace code": df["marketplace"],
        "Status": df["projected"].map({True: "Projected", False: "Realized"}),
        "Net savings ($)": df["net_savings"].round(0),
    })
    return out


def net_savings_takeaway(df: pd.DataFrame, selected_fy: int) -> str:
    """A one-line takeaway for the net savings chart."""
    totals = df.groupby("fiscal_year")["net_savings"].sum()
    if totals.empty:
        return "No savings recorded for these filters"
    best_fy = int(totals.idxmax())
    value = totals.get(selected_fy)
    if value is None:
        return f"Net savings peak in FY{best_fy} at {money(totals.max())}"
    return f"Net savings of {money(value)} in FY{selected_fy}; the highest year is FY{best_fy} ({money(totals.max())})"


def net_savings_by_fy(table: pd.DataFrame, title: str) -> alt.Chart:
    """Stacked bars of net savings per fiscal year by marketplace; projected years drawn lighter."""
    codes = list(dict.fromkeys(table["Marketplace code"]))
    names = list(dict.fromkeys(table["Marketplace"]))
    scale = marketplace_scale(codes)
    chart = alt.Chart(table).mark_bar().encode(
        x=alt.X("Fiscal year:N", sort=None, title=None, axis=alt.Axis(labelAngle=0, labelLimit=120)),
        y=alt.Y("sum(Net savings ($)):Q", title="Net savings", axis=money_axis()),
        color=alt.Color("Marketplace:N", scale=alt.Scale(domain=names, range=scale.range),
                        legend=alt.Legend(orient="bottom", title=None)),
        opacity=alt.condition("datum.Status == 'Projected'", alt.value(0.45), alt.value(1.0)),
        tooltip=["Fiscal year", "Marketplace", "Status", alt.Tooltip("Net savings ($):Q", format="$,.0f")],
    )
    return titled(chart.properties(height=320), title, "Baseline − run cost − migration cost; lighter bars are projections")


def adoption_stage_frame(df: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Tidy table drawn by `adoption_by_stage`: Marketplace, Stage, Engagements."""
    order = {s: i for i, s in enumerate(STAGES)}
    out = pd.DataFrame({
        "Marketplace": df["marketplace"].map(lambda c: names.get(c, c)),
        "Marketplace code": df["marketplace"],
        "Stage": df["stage"].map(STAGE_LABELS),
        "Stage order": df["stage"].map(order),
        "Engagements": df["engagements"].astype(int),
    })
    return out.sort_values(["Marketplace", "Stage order"], ignore_index=True)
