"""Adoption figures: the pipeline by stage, the organization x marketplace matrix, go-lives over time,
CFO Act coverage, customers against GAO's counts, and the table of engagements in flight."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from charts.figure import Figure
from charts.labels import STAGE_LABELS, STAGE_ORDER, STAGE_SYMBOLS, snapshot_label
from charts.theme import (
    PERCENT_AXIS,
    STAGE_COLORS,
    TURN_WHEN_NARROW,
    category_axis,
    framed,
    series_encodings,
    stage_scale,
)
from data_access import benchmarks
from data_access.adoption import in_flight_count, stage_counts
from data_access.fiscal import fy_end, fy_label, fy_start
from data_access.models import STAGES

PICK = "pick"  # the name of every clickable chart's selection parameter


def stage_table(stages: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """What `pipeline_chart` draws, from an `adoption.adoption_by_stage` frame."""
    order = {s: i for i, s in enumerate(STAGES)}
    out = pd.DataFrame({
        "Marketplace": stages["marketplace"].map(lambda c: names.get(c, c)),
        "Marketplace code": stages["marketplace"],
        "Stage": stages["stage"].map(STAGE_LABELS),
        "Stage order": stages["stage"].map(order),
        "Engagements": stages["engagements"].astype(int),
    })
    return out.sort_values(["Marketplace", "Stage order"], ignore_index=True)


def pipeline_chart(table: pd.DataFrame, selectable: bool = True) -> alt.TopLevelMixin:
    """Stacked bars of engagements per marketplace by stage (lifecycle order); when `selectable`, clicking a
    bar selects its marketplace."""
    chart = alt.Chart(table).mark_bar(cursor="pointer" if selectable else "default").encode(
        y=alt.Y("Marketplace:N", title=None, sort="-x", axis=category_axis()),
        x=alt.X("sum(Engagements):Q", title="Engagements", axis=alt.Axis(format="d", tickMinStep=1)),
        color=alt.Color("Stage:N", scale=stage_scale(), sort=STAGE_ORDER,
                        legend=alt.Legend(orient="bottom", title=None, columns=3)),
        order=alt.Order("Stage order:Q"),
        detail="Marketplace code:N",  # keeps the code in the aggregated datum so the click can select it
        tooltip=["Marketplace", "Stage", "Engagements"],
    )
    if not selectable:
        return framed(chart, bands=True, band=32)
    pick = alt.selection_point(name=PICK, fields=["Marketplace code"], on="click")
    chart = chart.encode(opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35))).add_params(pick)
    return framed(chart, bands=True, band=34)


def pipeline(stages: pd.DataFrame, names: dict[str, str], selected_fy: int, as_of: date) -> Figure:
    """The migration pipeline by stage and marketplace (click a bar to pick a marketplace)."""
    counts = stage_counts(stages)
    title = (f"{in_flight_count(counts):,} engagements in flight {snapshot_label(selected_fy, as_of)}; "
             f"{counts['at_risk']:,} at risk, {counts['cancelled']:,} cancelled")
    table = stage_table(stages, names)
    return Figure("adoption-pipeline", title, pipeline_chart(table), table,
                  f"Stacked bar chart of engagements by M3 stage for each marketplace. {title}.",
                  hidden=("Stage order", "Marketplace code"), pick="Marketplace code",
                  subtitle="Click a bar to narrow this page to one marketplace")


def stage_matrix(matrix: pd.DataFrame, names: dict[str, str]) -> Figure:
    """Each organization's furthest stage per marketplace, from `adoption.organization_stage_matrix`; a symbol in
    each cell says the stage without colour. Clicking a cell picks its organization."""
    table = pd.DataFrame({
        "Organization": matrix["organization"] + " · " + matrix["organization_name"],
        "Organization code": matrix["organization"],
        "Marketplace": matrix["marketplace"].map(lambda c: names.get(c, c)),
        "Marketplace code": matrix["marketplace"],
        "Furthest stage": matrix["stage"].map(STAGE_LABELS),
        "Symbol": matrix["stage"].map(STAGE_SYMBOLS),
        "Engagements": matrix["engagements"],
    })
    operational = int((matrix["stage"] == "operational").sum())
    title = f"{operational:,} of {len(matrix):,} organization–marketplace pairs have reached Operational"
    pick = alt.selection_point(name=PICK, fields=["Organization code", "Marketplace code"], on="click")
    base = alt.Chart(table).encode(
        x=alt.X("Marketplace:N", title=None, axis=category_axis(orient="top", labelAngle=TURN_WHEN_NARROW)),
        y=alt.Y("Organization:N", title=None, sort=None, axis=category_axis()),
    )
    cells = base.mark_rect(stroke="white", cursor="pointer").encode(
        color=alt.Color("Furthest stage:N", scale=alt.Scale(domain=STAGE_ORDER, range=[STAGE_COLORS[s] for s in STAGES]),
                        legend=alt.Legend(orient="bottom", title="Furthest stage (symbol in cell)", columns=3)),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.4)),
        tooltip=["Organization", "Marketplace", "Furthest stage", "Engagements"],
    ).add_params(pick)
    text = base.mark_text(fontSize=11).encode(
        text="Symbol:N",
        color=alt.condition("datum['Furthest stage'] == 'Operational' || datum['Furthest stage'] == 'Implementing'",
                            alt.value("white"), alt.value("#1b1b1b")))
    chart = framed(cells + text, bands=True, band=22)
    return Figure("adoption-matrix", title, chart, table,
                  f"Heatmap of each organization's furthest stage in each marketplace. {title}.",
                  hidden=("Organization code", "Marketplace code", "Symbol"), pick="Organization code",
                  subtitle="Symbols: D discovery, A agreement, I implementing, ✓ operational, ! at risk, × cancelled. "
                           "Click a cell to narrow the charts below to one organization")


def go_lives_table(live: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """What `go_lives_chart` draws, from an `adoption.go_lives_by_month` frame."""
    return pd.DataFrame({"Month": live["month"], "Marketplace": live["marketplace"].map(lambda c: names.get(c, c)),
                         "Marketplace code": live["marketplace"], "Go-lives": live["go_lives"],
                         "Cumulative go-lives": live["cumulative"]})


def milestones_table(marketplaces: pd.DataFrame, since: pd.Timestamp) -> pd.DataFrame:
    """QSMO designations (from a `catalog.marketplaces` frame) and the policy milestones, on or after `since`."""
    rows = [(d, f"{short} QSMO designated") for short, d in zip(marketplaces["short_name"], marketplaces["designated_on"])]
    rows += [(d, label) for d, label in benchmarks.POLICY_MILESTONES]
    table = pd.DataFrame(rows, columns=["Date", "Milestone"])
    table["Date"] = pd.to_datetime(table["Date"])
    return table[table["Date"] >= since].reset_index(drop=True)


def go_lives_chart(table: pd.DataFrame, milestones: pd.DataFrame | None) -> alt.TopLevelMixin:
    """Cumulative operational engagements by month per marketplace, with milestones (if given) as dashed rules
    topped by a ▼ marker whose tooltip names the milestone (labels inside the plot would cover the lines)."""
    color, shape, dash = series_encodings(table, "Marketplace", "Marketplace code")
    lines = alt.Chart(table).mark_line(point=alt.OverlayMarkDef(size=18)).encode(
        x=alt.X("Month:T", title=None),
        y=alt.Y("Cumulative go-lives:Q", title="Live engagements"),
        color=color, strokeDash=dash, shape=shape,
        tooltip=[alt.Tooltip("Month:T", format="%b %Y"), "Marketplace", "Go-lives", "Cumulative go-lives"],
    )
    if milestones is None or milestones.empty:
        return framed(lines)
    tooltip = [alt.Tooltip("Date:T", format="%d %b %Y"), "Milestone:N"]
    rules = alt.Chart(milestones).mark_rule(color="#565c65", strokeDash=[3, 3]).encode(x="Date:T", tooltip=tooltip)
    marks = alt.Chart(milestones).mark_point(shape="triangle-down", filled=True, size=90, color="#565c65").encode(
        x="Date:T", y=alt.value(0), tooltip=tooltip)
    return framed(lines + rules + marks)


def go_lives(live: pd.DataFrame, names: dict[str, str], marketplaces: pd.DataFrame, selected_fy: int,
             as_of: date) -> Figure:
    """Cumulative go-lives by month and marketplace with designations and policy milestones."""
    table = go_lives_table(live, names)
    milestones = milestones_table(marketplaces, pd.Timestamp(table["Month"].min()))
    total = int(live.groupby("marketplace")["cumulative"].max().sum())
    recent = int(live[live["month"] >= pd.Timestamp(fy_start(selected_fy))]["go_lives"].sum())
    if fy_end(selected_fy) <= as_of:
        title = f"{total:,} engagements live; {recent:,} went live in {fy_label(selected_fy)}"
    else:
        title = f"{total:,} engagements live as of {as_of:%d %b %Y}; {recent:,} went live since {fy_start(selected_fy):%d %b %Y}"
    listed = "; ".join(f"{d:%b %Y} {m}" for d, m in zip(milestones["Date"], milestones["Milestone"]))
    return Figure("adoption-golives", title, go_lives_chart(table, milestones), table,
                  f"Line chart of cumulative operational engagements by month for each marketplace, with policy "
                  f"milestones. {title}.", hidden=("Marketplace code",),
                  subtitle=f"▼ and dashed lines mark milestones: {listed}" if listed else "")


def solution_go_lives(live: pd.DataFrame, names: dict[str, str], solution: str) -> Figure | None:
    """Customers going live on one solution over time (the catalog's solution detail); None when none has."""
    if live.empty:
        return None
    table = go_lives_table(live, names)
    title = f"{int(live['cumulative'].max())} customers live on {solution}"
    return Figure("solution-golives", title, go_lives_chart(table, None), table,
                  f"Line chart of customers going live on {solution} over time. {title}.", hidden=("Marketplace code",))


def coverage(cov: pd.DataFrame, names: dict[str, str]) -> Figure:
    """Share of CFO Act departments covered per marketplace, from `adoption.cfo_act_coverage`."""
    table = pd.DataFrame({"Marketplace": cov["marketplace"].map(lambda c: names.get(c, c)),
                          "Departments covered": cov["departments_covered"],
                          "CFO Act departments": cov["departments"], "Coverage": cov["coverage"]})
    best = table.sort_values("Coverage", ascending=False).iloc[0] if len(table) else None
    title = (f"{best['Marketplace']} reaches {best['Departments covered']} of {best['CFO Act departments']} "
             f"CFO Act departments" if best is not None else "CFO Act coverage")
    base = alt.Chart(table).encode(y=alt.Y("Marketplace:N", title=None, sort="-x", axis=category_axis()),
                                   x=alt.X("Coverage:Q", title="CFO Act departments covered",
                                           scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=PERCENT_AXIS)))
    bars = base.mark_bar(color="#2a6ea8").encode(
        tooltip=["Marketplace", "Departments covered", alt.Tooltip("Coverage:Q", format=".0%")])
    text = base.mark_text(align="left", dx=4).encode(text=alt.Text("Coverage:Q", format=".0%"))
    return Figure("adoption-coverage", title, framed(bars + text, bands=True), table,
                  f"Bar chart of the share of CFO Act departments with an operational component, per marketplace. "
                  f"{title}.")


def customers_vs_gao(customers: pd.DataFrame, names: dict[str, str], on: date) -> Figure:
    """Customer agencies per marketplace and provider type on the day `on` (bars), from
    `customers_by_marketplace(..., on=GAO_COUNT_DATE)`, against GAO-26-108014's counts of that date (ticks)."""
    rows = []
    for code in customers["marketplace"].unique():
        for ptype in ("federal", "commercial"):
            ours = customers[(customers["marketplace"] == code) & (customers["provider_type"] == ptype)]["customers"].sum()
            gao = benchmarks.GAO_CUSTOMERS.get(code, {}).get(ptype)
            if ours or gao:
                rows.append((names.get(code, code), ptype.title(), int(ours), gao))
    table = pd.DataFrame(rows, columns=["Marketplace", "Provider type", "Customers", "GAO count"])
    title = f"Customer agencies per marketplace on {on:%d %b %Y}, against GAO's counts of that date"
    base = alt.Chart(table).encode(y=alt.Y("Marketplace:N", title=None, axis=category_axis()),
                                   yOffset=alt.YOffset("Provider type:N"))
    bars = base.mark_bar().encode(
        x=alt.X("Customers:Q", title="Customer agencies"),
        color=alt.Color("Provider type:N", scale=alt.Scale(range=["#0b3a63", "#73a4cf"]),
                        legend=alt.Legend(orient="bottom", title=None)),
        tooltip=["Marketplace", "Provider type", "Customers", "GAO count"])
    ticks = base.mark_tick(color="black", thickness=3, size=14).encode(x="GAO count:Q")
    chart = framed(bars + ticks, bands=True, band=44)
    return Figure("adoption-gao", title, chart, table,
                  f"Grouped bar chart of customer agencies per marketplace and provider type on {on:%d %b %Y}, with "
                  f"GAO-26-108014 counts marked as ticks.",
                  subtitle="Black ticks: GAO-26-108014 counts; each department office, component and independent "
                           "agency counts once")


def in_flight_table(flight: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Engagements in flight as shown, from an `adoption.engagements_in_flight` frame."""
    return pd.DataFrame({
        "Org code": flight["organization"], "Organization": flight["organization_name"], "Solution": flight["solution"],
        "Marketplace": flight["marketplace"].map(lambda c: names.get(c, c)), "Provider": flight["provider"],
        "Stage": flight["stage"].map(STAGE_LABELS), "Discovery": flight["discovery_on"],
        "Agreement signed": flight["agreement_on"], "Implementing": flight["implementing_on"],
        "Planned go-live": flight["planned_go_live"], "Forecast go-live": flight["forecast_go_live"],
        "Slip (months)": flight["slip_months"], "At risk": flight["at_risk"]})


def in_flight_summary(flight: pd.DataFrame) -> str:
    """One sentence over the in-flight table."""
    late = int((flight["slip_months"] > 0).sum())
    return (f"{len(flight):,} engagements in flight; {late:,} forecast to go live later than planned; "
            f"{int(flight['at_risk'].sum()):,} at risk. Sort by any column; slip is forecast minus planned go-live in "
            f"months.")
