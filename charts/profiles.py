"""Charts for agency profiles and the marketplace catalog (pure builders)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.theme import STAGE_COLORS, marketplace_scale, money_axis, titled
from data_access.models import STAGE_LABELS

TIMELINE_STAGES = ["discovery", "agreement", "implementing", "at_risk", "operational"]


def timeline_frame(df: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """Stage periods per engagement from an `engagement_timeline` frame: Engagement, Stage, Start, End.

    Each stage runs from the date it was entered to the next stage's date (or `day`, the evaluation date).
    """
    rows = []
    columns = {"discovery": "discovery_on", "agreement": "agreement_on", "implementing": "implementing_on",
               "at_risk": "at_risk_on", "operational": "operational_on"}
    for r in df.itertuples():
        label = f"{r.solution} ({r.organization})"
        entered = [(s, pd.Timestamp(getattr(r, c))) for s, c in columns.items() if pd.notna(getattr(r, c))]
        end_all = pd.Timestamp(r.cancelled_on) if pd.notna(r.cancelled_on) else day
        entered.sort(key=lambda x: x[1])
        for i, (stage, start) in enumerate(entered):
            end = entered[i + 1][1] if i + 1 < len(entered) else end_all
            rows.append((label, STAGE_LABELS[stage], start, max(end, start + pd.Timedelta(days=7))))
    return pd.DataFrame(rows, columns=["Engagement", "Stage", "Start", "End"])


def milestones_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Planned and forecast go-live dates per engagement: Engagement, Milestone, Date."""
    rows = []
    for r in df.itertuples():
        label = f"{r.solution} ({r.organization})"
        rows.append((label, "Planned go-live", pd.Timestamp(r.planned_go_live)))
        if pd.notna(r.forecast_go_live) and pd.isna(r.operational_on):
            rows.append((label, "Forecast go-live", pd.Timestamp(r.forecast_go_live)))
    return pd.DataFrame(rows, columns=["Engagement", "Milestone", "Date"])


def timeline(periods: pd.DataFrame, marks: pd.DataFrame, title: str) -> alt.Chart:
    """Gantt chart: actual stage periods as bars; planned (▼) and forecast (◆) go-live as symbols."""
    stages = [STAGE_LABELS[s] for s in TIMELINE_STAGES]
    y = alt.Y("Engagement:N", title=None, sort=None, axis=alt.Axis(labelLimit=320))
    bars = alt.Chart(periods).mark_bar(height=12).encode(
        x=alt.X("Start:T", title=None), x2="End:T", y=y,
        color=alt.Color("Stage:N", scale=alt.Scale(domain=stages, range=[STAGE_COLORS[s] for s in TIMELINE_STAGES]),
                        legend=alt.Legend(orient="bottom", title=None, columns=5)),
        tooltip=["Engagement", "Stage", alt.Tooltip("Start:T", format="%d %b %Y"), alt.Tooltip("End:T", format="%d %b %Y")])
    points = alt.Chart(marks).mark_point(size=90, filled=True, color="#b50909").encode(
        x="Date:T", y=y,
        shape=alt.Shape("Milestone:N", scale=alt.Scale(domain=["Planned go-live", "Forecast go-live"],
                                                        range=["triangle-down", "diamond"]),
                        legend=alt.Legend(orient="top", title=None)),
        tooltip=["Engagement", "Milestone", alt.Tooltip("Date:T", format="%d %b %Y")])
    return titled((bars + points).properties(height=alt.Step(22)), title,
                  "Bars: when each stage was entered; ▼ planned go-live, ◆ current forecast")


PEER_METRICS = (("Services operational", "d"), ("Savings, % of baseline", ".1f"), ("Satisfaction (1-7)", ".1f"))


def peer_strip(table: pd.DataFrame, focus: str, title: str) -> alt.Chart:
    """Strip plots of the 24 CFO Act departments on breadth, savings share and satisfaction (one panel
    each), with the focus department drawn larger, as a diamond and labelled (not by colour alone)."""
    long = table.melt(id_vars=["Department", "Name"], value_vars=[m for m, _ in PEER_METRICS],
                      var_name="Metric", value_name="Value").dropna(subset=["Value"])
    long["Focus"] = long["Department"] == focus
    base = alt.Chart().encode(x=alt.X("Value:Q", title=None, scale=alt.Scale(zero=False)))
    dots = base.mark_point(filled=True, opacity=0.8).encode(
        shape=alt.Shape("Focus:N", scale=alt.Scale(domain=[False, True], range=["circle", "diamond"]), legend=None),
        size=alt.Size("Focus:N", scale=alt.Scale(domain=[False, True], range=[60, 260]), legend=None),
        color=alt.Color("Focus:N", scale=alt.Scale(domain=[False, True], range=["#73a4cf", "#b50909"]), legend=None),
        tooltip=[alt.Tooltip("Department:N"), alt.Tooltip("Name:N"), alt.Tooltip("Metric:N"),
                 alt.Tooltip("Value:Q", format=".3~f")])
    text = base.transform_filter(alt.datum.Focus).mark_text(dy=-14, fontWeight="bold").encode(text="Department:N")
    chart = alt.layer(dots, text, data=long).properties(width=260, height=70).facet(
        column=alt.Column("Metric:N", title=None, sort=[m for m, _ in PEER_METRICS])
    ).resolve_scale(x="independent")
    return titled(chart, title, "Each dot is a CFO Act department; the diamond is this one")


def spend_by_fy(table: pd.DataFrame, title: str) -> alt.Chart:
    """Grouped bars of spend through each marketplace per fiscal year; projected years lighter."""
    codes = list(dict.fromkeys(table["Marketplace code"]))
    names = list(dict.fromkeys(table["Marketplace"]))
    chart = alt.Chart(table).mark_bar().encode(
        x=alt.X("Fiscal year:N", title=None, axis=alt.Axis(labelAngle=0)),
        xOffset="Marketplace:N",
        y=alt.Y("Spend ($):Q", title="Spend through the marketplace", axis=money_axis()),
        color=alt.Color("Marketplace:N", scale=alt.Scale(domain=names, range=marketplace_scale(codes).range),
                        legend=alt.Legend(orient="bottom", title=None)),
        opacity=alt.condition("datum.Status == 'Projected'", alt.value(0.45), alt.value(1.0)),
        tooltip=["Fiscal year", "Marketplace", "Status", alt.Tooltip("Spend ($):Q", format="$,.0f")])
    return titled(chart.properties(height=300), title, "Run and migration cost of engagements ordered through "
                                                       "each marketplace; lighter bars are projections")


def compare_bars(table: pd.DataFrame, field: str, fmt: str, title: str) -> alt.Chart:
    """Horizontal bars of one attribute for up to four solutions, value printed at the bar end."""
    base = alt.Chart(table).encode(y=alt.Y("Solution:N", title=None, sort=None, axis=alt.Axis(labelLimit=260)))
    bars = base.mark_bar(color="#2a6ea8").encode(x=alt.X(f"{field}:Q", axis=alt.Axis(format=fmt)),
                                                 tooltip=["Solution", alt.Tooltip(f"{field}:Q", format=fmt)])
    text = base.mark_text(align="left", dx=3).encode(x=f"{field}:Q", text=alt.Text(f"{field}:Q", format=fmt))
    return titled((bars + text).properties(height=alt.Step(30)), title)
