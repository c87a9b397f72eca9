"""Cost Savings: baseline vs cost, cumulative net savings and break-even, who saved, benchmarks."""

from ui.router import ensure_router

ensure_router()

import dataclasses  # noqa: E402

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

from charts import pillars as charts  # noqa: E402
from data_access import benchmarks, headlines, savings  # noqa: E402
from data_access.formats import money, percent  # noqa: E402
from ui import components, state  # noqa: E402

f = st.session_state["filters"]
components.page_header("Cost Savings", "What have shared services saved, net of what migrations cost?", f)
st.markdown(
    "**Method.** *Baseline* is what the legacy arrangement costs (or would have cost) each year; *run cost* is "
    "what the organization pays to run the function that year (the legacy system while migrating, the shared "
    "service after go-live); *migration cost* is one-time transition spend. **Net savings = baseline − run cost − "
    "migration cost.** Savings are *hard* when budgets fall and *cost avoidance* when future costs are not "
    "incurred. Years after the data-as-of date are projections from each engagement's planned or forecast "
    "go-live and its agreed savings rate. [Full methodology](/about)")
names = state.marketplace_names()

by_fy = state.query(savings.cost_by_fy, f)
if by_fy.empty:
    components.empty("No cost data for these filters. Widen the agency, marketplace or fiscal-year filters.")
    st.stop()

series = state.query(headlines.headline_series, f)
tile = {t.headline.key: t for t in headlines.headline_tiles(series, f.selected_fy)}
c1, c2, c3 = st.columns(3)
with c1:
    st.metric(f"Net savings FY{f.selected_fy}", money(tile["net_savings"].value),
              delta=money(tile["net_savings"].delta, signed=True) if tile["net_savings"].delta is not None else None,
              help=headlines.HEADLINE_BY_KEY["net_savings"].definition, border=True)
with c2:
    st.metric(f"Cumulative net savings FY{f.fy_from}–FY{f.fy_to}", money(tile["cumulative_net_savings"].value),
              help=headlines.HEADLINE_BY_KEY["cumulative_net_savings"].definition, border=True)
with c3:
    row = by_fy[by_fy["fiscal_year"] == f.selected_fy]
    rate = (1 - row["run_cost"].sum() / row["baseline_cost"].sum()) if len(row) and row["baseline_cost"].sum() else None
    st.metric(f"Run cost below baseline FY{f.selected_fy}", percent(rate), border=True,
              help="1 − run cost ÷ baseline cost (before migration costs). OMB estimates 5–30 %.")

# ---- baseline vs cost --------------------------------------------------------------------------
long = by_fy.melt(id_vars=["fiscal_year", "projected"], value_vars=["baseline_cost", "run_cost", "migration_cost"],
                  var_name="series", value_name="amount")
ctable = pd.DataFrame({
    "Fiscal year": long["fiscal_year"].map(lambda y: f"FY{y}"),
    "Series": long["series"].map({"baseline_cost": "Baseline (legacy) cost", "run_cost": "Run cost",
                                  "migration_cost": "Migration cost"}),
    "Status": long["projected"].map({True: "Projected", False: "Realized"}),
    "Amount ($)": long["amount"].round(0)})
sel = by_fy[by_fy["fiscal_year"] == f.selected_fy]
ctitle = (f"FY{f.selected_fy}: run cost {money(sel['run_cost'].sum())} against a {money(sel['baseline_cost'].sum())} "
          f"baseline" if len(sel) else "Run cost against the legacy baseline")
components.chart_with_table(charts.cost_vs_baseline(ctable, ctitle), ctable, title=ctitle, key="savings-cost",
                            alt_text=f"Grouped bar chart of baseline, run and migration cost per fiscal year. {ctitle}.")

# ---- cumulative and break-even -------------------------------------------------------------------
st.subheader("Cumulative net savings and break-even")
cohorts = state.query(savings.cohort_cumulative_savings, f)
cohorts = cohorts[cohorts["cohort"].between(f.fy_from, f.fy_to)]
if cohorts.empty:
    components.empty("No engagement went live in this fiscal-year range.")
else:
    htable = pd.DataFrame({"Cohort": cohorts["cohort"].map(lambda y: f"Live in FY{y}"),
                           "Fiscal year": cohorts["fiscal_year"].map(lambda y: f"FY{y}"),
                           "Net savings ($)": cohorts["net_savings"].round(0),
                           "Cumulative net savings ($)": cohorts["cumulative"].round(0),
                           "Break-even": cohorts["break_even_fy"].map(lambda y: "not yet" if pd.isna(y) else f"FY{y}")})
    even = cohorts.drop_duplicates("cohort")
    broke = even["break_even_fy"].notna().sum()
    htitle = f"{broke} of {len(even)} go-live cohorts have paid back their migration costs by FY{f.fy_to}"
    components.chart_with_table(charts.cumulative_savings(htable, htitle), htable, title=htitle, key="savings-cohorts",
                                alt_text=f"Line chart of cumulative net savings per go-live cohort by fiscal year. {htitle}.")

# ---- who saved ---------------------------------------------------------------------------------
st.subheader("Who saved")
left, right = st.columns(2)
local = f
with left:
    bm = state.query(savings.savings_by_marketplace, f)
    mtable = pd.DataFrame({"Marketplace": bm["marketplace"].map(names), "Marketplace code": bm["marketplace"],
                           "Savings type": bm["savings_type"].map({"hard": "Hard savings", "avoidance": "Cost avoidance"}),
                           "Net savings ($)": bm["net_savings"].round(0)})
    mtable["Total ($)"] = mtable.groupby("Marketplace")["Net savings ($)"].transform("sum")
    top = mtable.sort_values("Total ($)", ascending=False).iloc[0]
    mtitle = f"{top['Marketplace']} leads with {money(top['Total ($)'])} net in FY{f.fy_from}–FY{f.fy_to}"
    event = components.chart_with_table(charts.savings_split(mtable, "Marketplace", mtitle), mtable, title=mtitle,
                                        key="savings-market", on_select="rerun", hide=("Marketplace code",),
                                        alt_text=f"Stacked bar chart of net savings per marketplace split into hard "
                                                 f"savings and cost avoidance. {mtitle}.")
    pick = components.picked(event, "Marketplace code")
    if pick:
        local = dataclasses.replace(f, marketplaces=(pick,))
        st.success(f"Organizations are narrowed to **{names.get(pick, pick)}**.")
        components.offer_global_filter(names.get(pick, pick), local)
with right:
    orgs = state.query(savings.savings_by_organization, local)
    ranked = orgs[orgs["rank"] <= 15]
    otable = pd.DataFrame({"Rank": ranked["rank"], "Organization": ranked["organization_name"],
                           "Organization code": ranked["organization"],
                           "Savings type": ranked["savings_type"].map({"hard": "Hard savings", "avoidance": "Cost avoidance"}),
                           "Net savings ($)": ranked["net_savings"].round(0), "Total ($)": ranked["total_net_savings"].round(0)})
    if otable.empty:
        components.empty("No organization has savings in this scope.")
    else:
        first = otable.iloc[0]
        otitle = f"{first['Organization']} is the largest saver ({money(first['Total ($)'])})"
        event = components.chart_with_table(charts.savings_split(otable, "Organization", otitle, height=420), otable,
                                            title=otitle, key="savings-orgs", on_select="rerun",
                                            hide=("Organization code",),
                                            alt_text=f"Stacked bar chart of the 15 organizations with the largest net "
                                                     f"savings, hard vs avoidance. {otitle}.")
        pick_org = components.picked(event, "Organization code")
        if pick_org:
            components.offer_global_filter(pick_org, dataclasses.replace(local, organizations=(pick_org,)))

# ---- benchmarks and context --------------------------------------------------------------------
st.subheader("Unit costs and the government-wide context")
left, right = st.columns(2)
with left:
    prices = state.query(savings.payroll_unit_prices, f)
    if prices.empty:
        components.empty("No payroll solution in this scope.")
    else:
        ptable = pd.DataFrame({"Solution": prices["solution"], "Provider": prices["provider"],
                               "Price per employee per year ($)": prices["unit_price"]})
        below = (prices["unit_price"] <= benchmarks.PAYROLL_PER_EMPLOYEE_AVG).sum()
        ptitle = f"{below} of {len(prices)} payroll offerings price at or below the $77 e-Payroll average"
        components.chart_with_table(charts.unit_prices(ptable, benchmarks.PAYROLL_PER_EMPLOYEE_AVG, ptitle), ptable,
                                    title=ptitle, key="savings-payroll",
                                    alt_text=f"Bar chart of payroll prices per employee per year with the e-Payroll "
                                             f"average marked. {ptitle}.")
    st.caption(f"Published W-2 production cost: about ${benchmarks.W2_COST_GOVERNMENT:.0f} in government vs "
               f"${benchmarks.W2_COST_INDUSTRY:.0f} in industry (CAP goal *Sharing Quality Services*). "
               "No W-2 unit costs are reported in this dataset yet.")
with right:
    net = tile["net_savings"].value or 0.0
    otable = pd.DataFrame({"Label": [f"FY{f.selected_fy} net savings"], "Net savings ($)": [round(net, 0)],
                           "OMB low ($)": [benchmarks.OMB_SAVINGS_LOW], "OMB high ($)": [benchmarks.OMB_SAVINGS_HIGH]})
    share = net / benchmarks.OMB_SAVINGS_LOW
    gtitle = f"FY{f.selected_fy} net savings of {money(net)} are {percent(share, digits=0)} of OMB's low estimate"
    components.chart_with_table(charts.omb_context(otable, gtitle), otable, title=gtitle, key="savings-omb",
                                alt_text=f"Bullet chart comparing net savings with OMB's $1.25B to $7.5B a year of "
                                         f"potential savings on $25B of mission-support spend. {gtitle}.")
