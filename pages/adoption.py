"""Adoption: who has adopted what — pipeline, organization x marketplace matrix, go-lives, coverage."""

from ui.router import ensure_router

ensure_router()

import dataclasses  # noqa: E402

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

from charts import overview as overview_charts  # noqa: E402
from charts import pillars as charts  # noqa: E402
from data_access import adoption, benchmarks  # noqa: E402
from data_access.models import STAGE_LABELS  # noqa: E402
from ui import components, state  # noqa: E402

f = st.session_state["filters"]
components.page_header("Adoption", "Who has adopted which shared services, and what is still in flight?", f)
names = state.marketplace_names()

stages = state.query(adoption.adoption_by_stage, f)
if stages.empty:
    components.empty("No engagements match these filters. Widen the agency, marketplace or fiscal-year filters.")
    st.stop()

# ---- pipeline (click a bar to narrow the page) ----------------------------------------------
counts = adoption.stage_counts(stages)
in_flight = sum(counts[s] for s in ("discovery", "agreement", "implementing", "at_risk"))
title = (f"{in_flight:,} engagements in flight in FY{f.selected_fy}; {counts['at_risk']:,} at risk, "
         f"{counts['cancelled']:,} cancelled")
table = overview_charts.adoption_stage_frame(stages, names)
event = components.chart_with_table(
    charts.pipeline(table, title), table, title=title, key="adoption-pipeline", on_select="rerun",
    alt_text=f"Stacked bar chart of engagements by M3 stage for each marketplace. {title}.",
    hide=("Stage order", "Marketplace code"))
pick_market = components.picked(event, "Marketplace code")
local = f
if pick_market:
    local = dataclasses.replace(f, marketplaces=(pick_market,))
    st.success(f"This page is narrowed to **{names.get(pick_market, pick_market)}** (click the bar again to clear).")
    components.offer_global_filter(names.get(pick_market, pick_market), local)

# ---- organization x marketplace matrix -----------------------------------------------------
st.subheader("Furthest stage by organization and marketplace")
matrix = state.query(adoption.organization_stage_matrix, local)
if matrix.empty:
    components.empty("No organization has an engagement in this scope.")
else:
    mtable = pd.DataFrame({
        "Organization": matrix["organization"] + " · " + matrix["organization_name"],
        "Organization code": matrix["organization"],
        "Marketplace": matrix["marketplace"].map(names),
        "Marketplace code": matrix["marketplace"],
        "Furthest stage": matrix["stage"].map(STAGE_LABELS),
        "Symbol": matrix["stage"].map(charts.STAGE_SYMBOLS),
        "Engagements": matrix["engagements"],
    })
    operational = (matrix["stage"] == "operational").sum()
    mtitle = f"{operational:,} of {len(matrix):,} organization–marketplace pairs have reached Operational"
    event = components.chart_with_table(
        charts.stage_matrix(mtable, mtitle), mtable, title=mtitle, key="adoption-matrix", on_select="rerun",
        alt_text=f"Heatmap of each organization's furthest stage in each marketplace. {mtitle}.",
        hide=("Organization code", "Marketplace code", "Symbol"))
    pick_org = components.picked(event, "Organization code")
    if pick_org:
        local = dataclasses.replace(local, organizations=(pick_org,))
        st.success(f"The go-lives and engagements below are narrowed to **{pick_org}**.")
        components.offer_global_filter(pick_org, local)

# ---- go-lives over time ----------------------------------------------------------------------
st.subheader("Go-lives over time")
live = state.query(adoption.go_lives_by_month, local)
if live.empty:
    components.empty("No engagement has gone live in this scope.")
else:
    ltable = charts.go_lives_frame(live, names)
    milestones = pd.DataFrame(
        [(d, f"{names.get(code, code)} QSMO designated") for code, d in
         zip(state.marketplaces()["code"], state.marketplaces()["designated_on"])] +
        [(d, label) for d, label in benchmarks.POLICY_MILESTONES], columns=["Date", "Milestone"])
    milestones["Date"] = pd.to_datetime(milestones["Date"])
    milestones = milestones[milestones["Date"] >= ltable["Month"].min()]
    total = int(live.groupby("marketplace")["cumulative"].max().sum())
    recent = int(live[live["month"] >= pd.Timestamp(f"{f.selected_fy - 1}-10-01")]["go_lives"].sum())
    gtitle = f"{total:,} engagements live; {recent:,} went live in FY{f.selected_fy}"
    components.chart_with_table(
        charts.go_lives(ltable, milestones, gtitle), ltable, title=gtitle, key="adoption-golives",
        alt_text=f"Line chart of cumulative operational engagements by month for each marketplace, with policy "
                 f"milestones. {gtitle}.", hide=("Marketplace code",))

# ---- coverage ---------------------------------------------------------------------------------
st.subheader("Coverage")
left, right = st.columns(2)
with left:
    cov = state.query(adoption.cfo_act_coverage, local)
    ctable = pd.DataFrame({"Marketplace": cov["marketplace"].map(names),
                           "Departments covered": cov["departments_covered"],
                           "CFO Act departments": cov["departments"], "Coverage": cov["coverage"]})
    best = ctable.sort_values("Coverage", ascending=False).iloc[0] if len(ctable) else None
    ctitle = (f"{best['Marketplace']} reaches {best['Departments covered']} of {best['CFO Act departments']} "
              f"CFO Act departments" if best is not None else "CFO Act coverage")
    components.chart_with_table(charts.coverage(ctable, ctitle), ctable, title=ctitle, key="adoption-coverage",
                                alt_text=f"Bar chart of the share of CFO Act departments with an operational "
                                         f"component, per marketplace. {ctitle}.")
with right:
    cust = state.query(adoption.customers_by_marketplace, local)
    rows = []
    for code in cust["marketplace"].unique():
        for ptype in ("federal", "commercial"):
            ours = cust[(cust["marketplace"] == code) & (cust["provider_type"] == ptype)]["customers"].sum()
            gao = benchmarks.GAO_CUSTOMERS.get(code, {}).get(ptype)
            if ours or gao:
                rows.append((names.get(code, code), ptype.title(), int(ours), gao))
    gtable = pd.DataFrame(rows, columns=["Marketplace", "Provider type", "Customers", "GAO count"])
    gtitle = "Customer agencies per marketplace against GAO's 2026 counts"
    components.chart_with_table(charts.customers_vs_gao(gtable, gtitle), gtable, title=gtitle,
                                key="adoption-gao",
                                alt_text="Grouped bar chart of customer agencies per marketplace and provider type, "
                                         "with GAO-26-108014 counts marked as ticks.")

# ---- engagements in flight ---------------------------------------------------------------------
st.subheader("Engagements in flight")
flight = state.query(adoption.engagements_in_flight, local)
if flight.empty:
    components.empty("Nothing is in flight in this scope.")
else:
    late = int((flight["slip_months"] > 0).sum())
    st.caption(f"{len(flight):,} engagements in flight; {late:,} forecast to go live later than planned; "
               f"{int(flight['at_risk'].sum()):,} at risk. Sort by any column; slip is forecast minus planned "
               f"go-live in months.")
    shown = flight.assign(stage=flight["stage"].map(STAGE_LABELS), marketplace=flight["marketplace"].map(names))
    shown.columns = ["Org code", "Organization", "Solution", "Marketplace", "Provider", "Stage", "Discovery",
                     "Agreement signed", "Implementing", "Planned go-live", "Forecast go-live", "Slip (months)",
                     "At risk"]
    st.dataframe(shown, hide_index=True, width="stretch",
                 column_config={"At risk": st.column_config.CheckboxColumn("At risk", help="Paused or at risk")})
    st.download_button("Download CSV", data=components.safe_csv(shown), file_name="engagements-in-flight.csv",
                       mime="text/csv", on_click="ignore", icon=":material/download:", key="flight-csv")
