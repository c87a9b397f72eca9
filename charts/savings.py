"""Cost Savings figures: baseline vs cost by fiscal year, cumulative savings per go-live cohort, who saved
(by marketplace and organization), payroll unit prices against e-Payroll, and OMB's government-wide estimate."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.figure import Figure
from charts.formats import money, percent
from charts.labels import SAVINGS_TYPE_LABELS, status_of_year
from charts.theme import SAVINGS_TYPE_COLORS, category_axis, fiscal_year_axis, framed, money_axis, projected_look
from data_access import benchmarks
from data_access.fiscal import fy_label, period_label

PICK = "pick"
COST_SERIES = {"baseline_cost": "Baseline (legacy) cost", "run_cost": "Run cost", "migration_cost": "Migration cost"}
METHOD = (
    "**Method.** *Baseline* is what the legacy arrangement costs (or would have cost) each year; *run cost* is "
    "what the organization pays to run the function that year (the legacy system while migrating, the shared "
    "service after go-live); *migration cost* is one-time transition spend. **Net savings = baseline − run cost − "
    "migration cost.** Savings are *hard* when budgets fall and *cost avoidance* when future costs are not "
    "incurred. Years after the data-as-of date are projections from each engagement's planned or forecast "
    "go-live and its agreed savings rate. [Full methodology](/about)")


def cost_vs_baseline(costs: pd.DataFrame, selected_fy: int) -> Figure:
    """Grouped bars per FY of baseline, run and migration cost (projected years lighter), from `cost_by_fy`."""
    long = costs.melt(id_vars=["fiscal_year", "projected"], value_vars=list(COST_SERIES),
                      var_name="series", value_name="amount")
    table = pd.DataFrame({"Fiscal year": long["fiscal_year"].map(fy_label), "Series": long["series"].map(COST_SERIES),
                          "Status": long["projected"].map(status_of_year),
                          "Amount ($)": long["amount"].astype(float).round(0)})
    sel = costs[costs["fiscal_year"] == selected_fy]
    title = (f"{fy_label(selected_fy)}: run cost {money(sel['run_cost'].sum())} against a "
             f"{money(sel['baseline_cost'].sum())} baseline" if len(sel) else "Run cost against the legacy baseline")
    series = list(COST_SERIES.values())
    chart = alt.Chart(table).mark_bar().encode(
        x=alt.X("Fiscal year:N", title=None, axis=fiscal_year_axis()),
        xOffset=alt.XOffset("Series:N", sort=series),
        y=alt.Y("Amount ($):Q", title="Dollars", axis=money_axis()),
        color=alt.Color("Series:N", scale=alt.Scale(domain=series, range=["#8c8c8c", "#0072B2", "#E69F00"]),
                        legend=alt.Legend(orient="bottom", title=None)),
        **projected_look(),
        tooltip=["Fiscal year", "Series", "Status", alt.Tooltip("Amount ($):Q", format="$,.0f")],
    )
    return Figure("savings-cost", title, framed(chart), table,
                  f"Grouped bar chart of baseline, run and migration cost per fiscal year. {title}.",
                  subtitle="Projected years are lighter with a dashed outline")


def cohorts(cohort_frame: pd.DataFrame, fy_from: int, fy_to: int) -> Figure | None:
    """Cumulative net savings per go-live cohort live within the range, from `cohort_cumulative_savings`;
    None when no cohort went live in the range."""
    rows = cohort_frame[cohort_frame["cohort"].between(fy_from, fy_to)]
    if rows.empty:
        return None
    table = pd.DataFrame({"Cohort": rows["cohort"].map(lambda y: f"Live in {fy_label(y)}"),
                          "Fiscal year": rows["fiscal_year"].map(fy_label),
                          "Net savings ($)": rows["net_savings"].round(0),
                          "Cumulative net savings ($)": rows["cumulative"].round(0),
                          "Break-even": rows["break_even_fy"].map(lambda y: "not yet" if pd.isna(y) else fy_label(y))})
    even = rows.drop_duplicates("cohort")
    title = (f"{int(even['break_even_fy'].notna().sum())} of {len(even)} go-live cohorts have paid back their "
             f"migration costs by {fy_label(fy_to)}")
    line = alt.Chart(table).mark_line(point=True).encode(
        x=alt.X("Fiscal year:O", title=None, axis=fiscal_year_axis()),
        y=alt.Y("Cumulative net savings ($):Q", title="Cumulative net savings", axis=money_axis()),
        color=alt.Color("Cohort:N", legend=alt.Legend(orient="bottom", title="Go-live cohort")),
        strokeDash=alt.StrokeDash("Cohort:N", legend=None),
        shape=alt.Shape("Cohort:N", legend=None),
        tooltip=["Cohort", "Fiscal year", alt.Tooltip("Cumulative net savings ($):Q", format="$,.0f"), "Break-even"],
    )
    zero = alt.Chart(pd.DataFrame({"Zero": [0]})).mark_rule(color="#1b1b1b").encode(y=alt.Y("Zero:Q", title=None))
    chart = framed(zero + line, height=320)
    return Figure("savings-cohorts", title, chart, table,
                  f"Line chart of cumulative net savings per go-live cohort by fiscal year. {title}.",
                  subtitle="A cohort breaks even where its line crosses zero")


def _split_chart(table: pd.DataFrame, category: str) -> alt.TopLevelMixin:
    """Horizontal stacked bars of net savings by `category`, split hard savings vs cost avoidance; clickable."""
    pick = alt.selection_point(name=PICK, fields=[f"{category} code"], on="click")
    chart = alt.Chart(table).mark_bar(cursor="pointer").encode(
        y=alt.Y(f"{category}:N", title=None, sort=alt.EncodingSortField("Total ($)", order="descending"),
                axis=category_axis()),
        x=alt.X("Net savings ($):Q", title="Net savings", axis=money_axis()),
        color=alt.Color("Savings type:N", scale=alt.Scale(domain=list(SAVINGS_TYPE_LABELS.values()),
                                                          range=list(SAVINGS_TYPE_COLORS.values())),
                        legend=alt.Legend(orient="bottom", title=None)),
        detail=f"{category} code:N",
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.4)),
        tooltip=[f"{category}:N", "Savings type", alt.Tooltip("Net savings ($):Q", format="$,.0f"),
                 alt.Tooltip("Total ($):Q", format="$,.0f")],
    ).add_params(pick)
    return framed(chart, bands=True)


def by_marketplace(split: pd.DataFrame, names: dict[str, str], fy_from: int, fy_to: int) -> Figure:
    """Net savings per marketplace, hard vs avoidance, from `savings_by_marketplace` (click picks a marketplace)."""
    table = pd.DataFrame({"Marketplace": split["marketplace"].map(lambda c: names.get(c, c)),
                          "Marketplace code": split["marketplace"],
                          "Savings type": split["savings_type"].map(SAVINGS_TYPE_LABELS),
                          "Net savings ($)": split["net_savings"].astype(float).round(0)})
    table["Total ($)"] = table.groupby("Marketplace")["Net savings ($)"].transform("sum")
    top = table.sort_values("Total ($)", ascending=False).iloc[0]
    title = f"{top['Marketplace']} leads with {money(top['Total ($)'])} net in {period_label(fy_from, fy_to)}"
    return Figure("savings-market", title, _split_chart(table, "Marketplace"), table,
                  f"Stacked bar chart of net savings per marketplace split into hard savings and cost avoidance. "
                  f"{title}.", hidden=("Marketplace code",), pick="Marketplace code",
                  subtitle="Click a bar to narrow the organizations to one marketplace")


def by_organization(orgs: pd.DataFrame, top: int = 15) -> Figure | None:
    """The `top` organizations by net savings, hard vs avoidance, from `savings_by_organization`; None when
    nothing is in scope. Click picks an organization. A loss is never called a saving."""
    ranked = orgs[orgs["rank"] <= top]
    if ranked.empty:
        return None
    table = pd.DataFrame({"Rank": ranked["rank"], "Organization": ranked["organization_name"],
                          "Organization code": ranked["organization"],
                          "Savings type": ranked["savings_type"].map(SAVINGS_TYPE_LABELS),
                          "Net savings ($)": ranked["net_savings"].astype(float).round(0),
                          "Total ($)": ranked["total_net_savings"].astype(float).round(0)})
    first = table.iloc[0]
    if first["Total ($)"] > 0:
        title = f"{first['Organization']} saved the most ({money(first['Total ($)'])} net)"
    else:
        title = (f"No organization has net savings yet; {first['Organization']} has the smallest net cost "
                 f"({money(-first['Total ($)'])})")
    return Figure("savings-orgs", title, _split_chart(table, "Organization"), table,
                  f"Stacked bar chart of the {top} organizations with the largest net savings, hard vs avoidance. "
                  f"{title}.", hidden=("Organization code",), pick="Organization code",
                  subtitle="Click a bar to offer that organization as the global filter")


def payroll_prices(prices: pd.DataFrame) -> Figure:
    """Payroll prices per employee per year against the e-Payroll average, from `payroll_unit_prices`."""
    benchmark = benchmarks.PAYROLL_PER_EMPLOYEE_AVG
    table = pd.DataFrame({"Solution": prices["solution"], "Provider": prices["provider"],
                          "Price per employee per year ($)": prices["unit_price"]})
    below = int((prices["unit_price"] <= benchmark).sum())
    title = f"{below} of {len(prices)} payroll offerings price at or below the ${benchmark:.0f} e-Payroll average"
    base = alt.Chart(table).encode(y=alt.Y("Solution:N", title=None, sort="x", axis=category_axis()))
    bars = base.mark_bar(color="#2a6ea8").encode(
        x=alt.X("Price per employee per year ($):Q", title="$ per employee per year"),
        tooltip=["Solution", "Provider", "Price per employee per year ($)"])
    text = base.mark_text(align="left", dx=3).encode(x="Price per employee per year ($):Q",
                                                      text=alt.Text("Price per employee per year ($):Q", format="$.0f"))
    rule = alt.Chart(pd.DataFrame({"Benchmark": [benchmark]}))
    line = rule.mark_rule(color="#b50909", strokeDash=[4, 2], size=2).encode(x=alt.X("Benchmark:Q", title=None))
    chart = framed(bars + text + line, bands=True, band=30)
    return Figure("savings-payroll", title, chart, table,
                  f"Bar chart of payroll prices per employee per year with the e-Payroll average marked. {title}.",
                  subtitle=f"Red dashed line: the e-Payroll average of ${benchmark:.0f} per employee per year")


W2_NOTE = (f"Published W-2 production cost: about ${benchmarks.W2_COST_GOVERNMENT:.0f} in government vs "
           f"${benchmarks.W2_COST_INDUSTRY:.0f} in industry (CAP goal *Sharing Quality Services*). "
           "No W-2 unit costs are reported in this dataset yet.")


def omb_context(net: float | None, selected_fy: int, projected: bool = False) -> Figure:
    """A bullet chart of the selected FY's net savings against OMB's $1.25B–$7.5B a year of potential savings."""
    value = net or 0.0
    table = pd.DataFrame({"Label": [f"{fy_label(selected_fy)} net savings"], "Net savings ($)": [round(value, 0)],
                          "OMB low ($)": [benchmarks.OMB_SAVINGS_LOW], "OMB high ($)": [benchmarks.OMB_SAVINGS_HIGH]})
    share = value / benchmarks.OMB_SAVINGS_LOW
    kind = "projected net savings" if projected else "net savings"
    title = (f"{fy_label(selected_fy)} {kind} of {money(value)} are {percent(share, digits=0)} of OMB's low "
             f"estimate")
    band = alt.Chart(table).mark_bar(color="#c9cbcc", size=40).encode(
        x=alt.X("OMB low ($):Q", title="Dollars a year", axis=money_axis(), scale=alt.Scale(domainMin=0)),
        x2="OMB high ($):Q", y=alt.Y("Label:N", title=None, axis=category_axis()),
        tooltip=["OMB low ($)", "OMB high ($)"])
    bar = alt.Chart(table).mark_bar(color="#0b3a63", size=16).encode(
        x="Net savings ($):Q", y="Label:N", tooltip=[alt.Tooltip("Net savings ($):Q", format="$,.0f")])
    chart = framed(band + bar, height=70)
    return Figure("savings-omb", title, chart, table,
                  f"Bullet chart comparing net savings with OMB's $1.25B to $7.5B a year of potential savings on $25B of "
                  f"mission-support spend. {title}.",
                  subtitle="Grey band: OMB's estimated potential, $1.25B–$7.5B a year; dark bar: this scope")
