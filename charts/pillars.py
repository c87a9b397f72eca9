"""Charts for the Adoption, Cost Savings and Service Performance pages (pure builders)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.theme import (
    MARKETPLACE_DASHES,
    MARKETPLACE_SHAPES,
    PERCENT_AXIS,
    SAVINGS_TYPE_COLORS,
    STAGE_COLORS,
    marketplace_scale,
    money_axis,
    stage_scale,
    titled,
)
from data_access.models import STAGE_LABELS, STAGES

STAGE_SYMBOLS = {"discovery": "D", "agreement": "A", "implementing": "I", "operational": "✓",
                 "at_risk": "!", "cancelled": "×"}
PICK = "pick"


def _marketplace_encodings(table: pd.DataFrame, field: str = "Marketplace"):
    names = list(dict.fromkeys(table[field]))
    codes = list(dict.fromkeys(table[f"{field} code"])) if f"{field} code" in table else names
    colors = marketplace_scale(codes).range
    shapes = [MARKETPLACE_SHAPES.get(c, "circle") for c in codes]
    dashes = [MARKETPLACE_DASHES.get(c, [1, 0]) for c in codes]
    return (alt.Color(f"{field}:N", scale=alt.Scale(domain=names, range=colors),
                      legend=alt.Legend(orient="bottom", title=None)),
            alt.Shape(f"{field}:N", scale=alt.Scale(domain=names, range=shapes), legend=None),
            alt.StrokeDash(f"{field}:N", scale=alt.Scale(domain=names, range=dashes), legend=None))


def pipeline(table: pd.DataFrame, title: str, selectable: bool = True) -> alt.Chart:
    """Stacked bars of engagements per marketplace by stage (lifecycle order); when `selectable`,
    clicking a bar selects its marketplace."""
    pick = alt.selection_point(name=PICK, fields=["Marketplace code"], on="click")
    chart = alt.Chart(table).mark_bar(cursor="pointer").encode(
        y=alt.Y("Marketplace:N", title=None, sort="-x"),
        x=alt.X("sum(Engagements):Q", title="Engagements", axis=alt.Axis(format="d", tickMinStep=1)),
        color=alt.Color("Stage:N", scale=stage_scale(), sort=[STAGE_LABELS[s] for s in STAGES],
                        legend=alt.Legend(orient="bottom", title=None, columns=3)),
        order=alt.Order("Stage order:Q"),
        detail="Marketplace code:N",  # keeps the code in the aggregated datum so the click can select it
        tooltip=["Marketplace", "Stage", "Engagements"],
    )
    if not selectable:
        return titled(chart.properties(height=alt.Step(30)), title)
    chart = chart.encode(opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35))).add_params(pick)
    return titled(chart.properties(height=alt.Step(34)), title, "Click a bar to narrow this page to one marketplace")


def stage_matrix(table: pd.DataFrame, title: str) -> alt.Chart:
    """Organization x marketplace heatmap of the furthest stage, with a symbol in each cell."""
    pick = alt.selection_point(name=PICK, fields=["Organization code", "Marketplace code"], on="click")
    base = alt.Chart(table).encode(
        x=alt.X("Marketplace:N", title=None, axis=alt.Axis(orient="top", labelAngle=0)),
        y=alt.Y("Organization:N", title=None, sort=None, axis=alt.Axis(labelLimit=260)),
    )
    cells = base.mark_rect(stroke="white", cursor="pointer").encode(
        color=alt.Color("Furthest stage:N", scale=alt.Scale(domain=[STAGE_LABELS[s] for s in STAGES],
                                                             range=[STAGE_COLORS[s] for s in STAGES]),
                        legend=alt.Legend(orient="bottom", title="Furthest stage (symbol in cell)", columns=3)),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.4)),
        tooltip=["Organization", "Marketplace", "Furthest stage", "Engagements"],
    ).add_params(pick)
    text = base.mark_text(fontSize=11).encode(
        text="Symbol:N",
        color=alt.condition("datum['Furthest stage'] == 'Operational' || datum['Furthest stage'] == 'Implementing'",
                            alt.value("white"), alt.value("#1b1b1b")))
    return titled((cells + text).properties(height=alt.Step(20)), title,
                  "Symbols: D discovery, A agreement, I implementing, ✓ operational, ! at risk, × cancelled")


def go_lives_frame(df: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The table `go_lives` draws, from an `adoption.go_lives_by_month` frame."""
    return pd.DataFrame({"Month": df["month"], "Marketplace": df["marketplace"].map(lambda c: names.get(c, c)),
                         "Marketplace code": df["marketplace"], "Go-lives": df["go_lives"],
                         "Cumulative go-lives": df["cumulative"]})


def quarter_frame(df: pd.DataFrame, value: str, label: str, names: dict[str, str], extra: str) -> pd.DataFrame:
    """The table `quarterly_lines` draws: Quarter, Group, the `extra` count column and `label` (from `value`)."""
    return pd.DataFrame({"Quarter": [f"FY{y} Q{q}" for y, q in zip(df["fiscal_year"], df["fiscal_quarter"])],
                         "Group": df["group"].map(lambda g: names.get(g, g)), extra.title(): df[extra],
                         label: df[value].round(4)})


def go_lives(table: pd.DataFrame, milestones: pd.DataFrame | None, title: str) -> alt.Chart:
    """Cumulative operational engagements by month per marketplace, with policy milestones (if given) as rules."""
    color, shape, dash = _marketplace_encodings(table)
    lines = alt.Chart(table).mark_line(point=alt.OverlayMarkDef(size=18)).encode(
        x=alt.X("Month:T", title=None),
        y=alt.Y("Cumulative go-lives:Q", title="Operational engagements (cumulative)"),
        color=color, strokeDash=dash, shape=shape,
        tooltip=[alt.Tooltip("Month:T", format="%b %Y"), "Marketplace", "Go-lives", "Cumulative go-lives"],
    )
    if milestones is None or milestones.empty:
        return titled(lines.properties(height=300), title)
    rules = alt.Chart(milestones).mark_rule(color="#565c65", strokeDash=[3, 3]).encode(
        x="Date:T", tooltip=[alt.Tooltip("Date:T", format="%d %b %Y"), "Milestone:N"])
    labels = alt.Chart(milestones).mark_text(align="left", dx=3, dy=0, angle=270, fontSize=10, color="#3d4551",
                                             baseline="top").encode(x="Date:T", y=alt.value(4), text="Milestone")
    return titled((lines + rules + labels).properties(height=340), title,
                  "Dashed vertical lines mark QSMO designations and policy milestones")


def coverage(table: pd.DataFrame, title: str) -> alt.Chart:
    """Share of CFO Act departments covered per marketplace, with the share printed on each bar."""
    base = alt.Chart(table).encode(y=alt.Y("Marketplace:N", title=None, sort="-x"),
                                   x=alt.X("Coverage:Q", title="CFO Act departments covered",
                                           scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=PERCENT_AXIS)))
    bars = base.mark_bar(color="#2a6ea8").encode(
        tooltip=["Marketplace", "Departments covered", alt.Tooltip("Coverage:Q", format=".0%")])
    text = base.mark_text(align="left", dx=4).encode(text=alt.Text("Coverage:Q", format=".0%"))
    return titled((bars + text).properties(height=200), title)


def customers_vs_gao(table: pd.DataFrame, title: str) -> alt.Chart:
    """Customer agencies per marketplace and provider type (bars) against GAO's counts (black ticks)."""
    base = alt.Chart(table).encode(y=alt.Y("Marketplace:N", title=None),
                                   yOffset=alt.YOffset("Provider type:N"))
    bars = base.mark_bar().encode(
        x=alt.X("Customers:Q", title="Customer agencies"),
        color=alt.Color("Provider type:N", scale=alt.Scale(range=["#0b3a63", "#73a4cf"]),
                        legend=alt.Legend(orient="bottom", title=None)),
        tooltip=["Marketplace", "Provider type", "Customers", "GAO count"])
    ticks = base.mark_tick(color="black", thickness=3, size=14).encode(x="GAO count:Q")
    return titled((bars + ticks).properties(height=240), title, "Black ticks: GAO-26-108014 counts")


def cost_vs_baseline(table: pd.DataFrame, title: str) -> alt.Chart:
    """Grouped bars per FY: baseline, run cost and migration cost; projected years lighter."""
    chart = alt.Chart(table).mark_bar().encode(
        x=alt.X("Fiscal year:N", title=None, axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("Series:N", sort=["Baseline (legacy) cost", "Run cost", "Migration cost"]),
        y=alt.Y("Amount ($):Q", title="Dollars", axis=money_axis()),
        color=alt.Color("Series:N", scale=alt.Scale(domain=["Baseline (legacy) cost", "Run cost", "Migration cost"],
                                                    range=["#8c8c8c", "#0072B2", "#E69F00"]),
                        legend=alt.Legend(orient="bottom", title=None)),
        opacity=alt.condition("datum.Status == 'Projected'", alt.value(0.45), alt.value(1.0)),
        tooltip=["Fiscal year", "Series", "Status", alt.Tooltip("Amount ($):Q", format="$,.0f")],
    )
    return titled(chart.properties(height=300), title, "Lighter bars are projections")


def cumulative_savings(table: pd.DataFrame, title: str) -> alt.Chart:
    """Cumulative net savings per go-live cohort, with a zero line; break-even is where a line crosses it."""
    line = alt.Chart(table).mark_line(point=True).encode(
        x=alt.X("Fiscal year:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("Cumulative net savings ($):Q", axis=money_axis()),
        color=alt.Color("Cohort:N", legend=alt.Legend(orient="bottom", title="Go-live cohort")),
        strokeDash=alt.StrokeDash("Cohort:N", legend=None),
        shape=alt.Shape("Cohort:N", legend=None),
        tooltip=["Cohort", "Fiscal year", alt.Tooltip("Cumulative net savings ($):Q", format="$,.0f"),
                 "Break-even"],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#1b1b1b").encode(y="y:Q")
    return titled((zero + line).properties(height=320), title, "A cohort breaks even where its line crosses zero")


def savings_split(table: pd.DataFrame, category: str, title: str, height: int = 240) -> alt.Chart:
    """Horizontal stacked bars of net savings by `category`, split hard savings vs cost avoidance."""
    pick = alt.selection_point(name=PICK, fields=[f"{category} code"], on="click")
    chart = alt.Chart(table).mark_bar(cursor="pointer").encode(
        y=alt.Y(f"{category}:N", title=None, sort=alt.EncodingSortField("Total ($)", order="descending"),
                axis=alt.Axis(labelLimit=240)),
        x=alt.X("Net savings ($):Q", title="Net savings", axis=money_axis()),
        color=alt.Color("Savings type:N", scale=alt.Scale(domain=["Hard savings", "Cost avoidance"],
                                                          range=list(SAVINGS_TYPE_COLORS.values())),
                        legend=alt.Legend(orient="bottom", title=None)),
        detail=f"{category} code:N",
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.4)),
        tooltip=[f"{category}:N", "Savings type", alt.Tooltip("Net savings ($):Q", format="$,.0f"),
                 alt.Tooltip("Total ($):Q", format="$,.0f")],
    ).add_params(pick)
    return titled(chart.properties(height=height), title, f"Click a bar to narrow this page to one {category.lower()}")


def unit_prices(table: pd.DataFrame, benchmark: float, title: str) -> alt.Chart:
    """Per-employee payroll prices per solution against the published average (rule)."""
    base = alt.Chart(table).encode(y=alt.Y("Solution:N", title=None, sort="x", axis=alt.Axis(labelLimit=240)))
    bars = base.mark_bar(color="#2a6ea8").encode(
        x=alt.X("Price per employee per year ($):Q", title="$ per employee per year"),
        tooltip=["Solution", "Provider", "Price per employee per year ($)"])
    text = base.mark_text(align="left", dx=3).encode(x="Price per employee per year ($):Q",
                                                      text=alt.Text("Price per employee per year ($):Q", format="$.0f"))
    rule = alt.Chart(pd.DataFrame({"x": [benchmark], "label": [f"e-Payroll average ${benchmark:.0f}"]}))
    line = rule.mark_rule(color="#b50909", strokeDash=[4, 2], size=2).encode(x="x:Q")
    note = rule.mark_text(align="left", dx=4, dy=-6, color="#b50909").encode(x="x:Q", y=alt.value(0), text="label")
    return titled((bars + text + line + note).properties(height=max(120, 28 * len(table))), title)


def omb_context(table: pd.DataFrame, title: str) -> alt.Chart:
    """Bullet chart: this scope's net savings against OMB's $1.25B-$7.5B a year potential."""
    band = alt.Chart(table).mark_bar(color="#dfe1e2", size=36).encode(
        x=alt.X("OMB low ($):Q", title="Dollars a year", axis=money_axis()), x2="OMB high ($):Q",
        y=alt.Y("Label:N", title=None), tooltip=["OMB low ($)", "OMB high ($)"])
    bar = alt.Chart(table).mark_bar(color="#0b3a63", size=14).encode(
        x="Net savings ($):Q", y="Label:N", tooltip=[alt.Tooltip("Net savings ($):Q", format="$,.0f")])
    return titled((band + bar).properties(height=90), title, "Grey band: OMB's estimated potential, $1.25B–$7.5B a year")


def quarterly_lines(table: pd.DataFrame, value: str, title: str, axis_format: str | None = None,
                    target: float | None = None) -> alt.Chart:
    """One line per group over fiscal quarters, told apart by colour, dash and marker shape."""
    y = alt.Y(f"{value}:Q", axis=alt.Axis(format=axis_format) if axis_format else alt.Axis(),
              scale=alt.Scale(zero=False))
    lines = alt.Chart(table).mark_line(point=alt.OverlayMarkDef(size=30)).encode(
        x=alt.X("Quarter:O", title=None, sort=None, axis=alt.Axis(labelAngle=-45)),
        y=y,
        color=alt.Color("Group:N", legend=alt.Legend(orient="bottom", title=None, columns=3, labelLimit=260)),
        strokeDash=alt.StrokeDash("Group:N", legend=None),
        shape=alt.Shape("Group:N", legend=None),
        tooltip=["Quarter", "Group", alt.Tooltip(f"{value}:Q", format=axis_format or ".2f")],
    )
    if target is None:
        return titled(lines.properties(height=300), title)
    rule = alt.Chart(pd.DataFrame({value: [target]})).mark_rule(color="#565c65", strokeDash=[4, 3]).encode(
        y=alt.Y(f"{value}:Q"))
    return titled((rule + lines).properties(height=300), title)


def sla_by_solution(table: pd.DataFrame, title: str) -> alt.Chart:
    """Horizontal bars of SLA attainment per solution, with the value printed; click picks a solution."""
    pick = alt.selection_point(name=PICK, fields=["Solution"], on="click")
    base = alt.Chart(table).encode(y=alt.Y("Solution:N", title=None, sort="-x", axis=alt.Axis(labelLimit=260)))
    bars = base.mark_bar(color="#2a6ea8", cursor="pointer").encode(
        x=alt.X("SLA attainment:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=PERCENT_AXIS)),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.4)),
        tooltip=["Solution", "Provider", alt.Tooltip("SLA attainment:Q", format=".1%"),
                 alt.Tooltip("Satisfaction (1-7):Q", format=".2f"), "Customers"],
    ).add_params(pick)
    text = base.mark_text(align="left", dx=3).encode(x="SLA attainment:Q",
                                                      text=alt.Text("SLA attainment:Q", format=".0%"))
    return titled((bars + text).properties(height=max(120, 30 * len(table))), title,
                  "Click a bar to see that solution's measures")
