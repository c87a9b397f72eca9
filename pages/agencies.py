"""Agency profile: what one organization has adopted, saved, receives and has next, against its peers."""

from ui.router import ensure_router

ensure_router()

import dataclasses  # noqa: E402

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

from charts import overview as overview_charts  # noqa: E402
from charts import pillars  # noqa: E402
from charts import profiles as charts  # noqa: E402
from data_access import adoption, headlines, performance, profiles, savings  # noqa: E402
from data_access.fiscal import reported_through  # noqa: E402
from data_access.formats import money, percent, score  # noqa: E402
from data_access.models import STAGE_LABELS  # noqa: E402
from ui import components, presentation, state  # noqa: E402
from ui.filters import apply_filters, share_link  # noqa: E402

f = st.session_state["filters"]
orgs = state.organizations()
labels = {r.code: f"{r.code} · {r.name}" for r in orgs.itertuples()}

featured = presentation.featured_agency()
if featured:
    f = dataclasses.replace(f, organizations=(featured,))
if not f.organizations:
    components.page_header("Agency profiles", "Pick an organization to see what it has adopted, saved and "
                                              "receives, and how it compares with its peers.", f)
    choice = st.selectbox("Organization", list(labels), format_func=labels.get, index=None,
                          placeholder="Choose a department, component or agency", key="profile-pick")
    if choice:
        apply_filters(dataclasses.replace(f, organizations=(choice,)))
        st.rerun()
    st.stop()

code = f.organizations[0]
info = state.query_value(profiles.organization_info, code)
one = dataclasses.replace(f, organizations=(code,))
components.print_friendly()
components.page_header(info.name, f"Agency profile of {info.code}"
                       + (f", a component of {info.parent_name}" if info.parent_name else "")
                       + (f"; its {len(info.components)} components are rolled up" if info.components else ""), one)
if len(f.organizations) > 1:
    st.caption(f"Several agencies are selected; this profile shows the first, {code}.")

# ---- navigation: drill down / up, share ---------------------------------------------------------
nav_left, nav_right = st.columns([2, 3])
with nav_left:
    if info.components:
        comp = st.selectbox("Drill into a component", [c for c, _ in info.components], index=None,
                            format_func=lambda c: labels.get(c, c), placeholder="All components (rolled up)",
                            key="profile-drill")
        if comp:
            apply_filters(dataclasses.replace(f, organizations=(comp,)))
            st.rerun()
    elif info.parent_code:
        st.button(f"Back to {info.parent_name}", icon=":material/arrow_upward:", on_click=apply_filters,
                  args=(dataclasses.replace(f, organizations=(info.parent_code,)),))
with nav_right:
    st.markdown("**Copy link to this profile**")
    st.code(share_link(one, "agencies"), language=None)
st.markdown("Jump to: [Headlines](#headlines) · [Adopted](#adopted) · [Saved](#saved) · "
            "[Service received](#service) · [What is next](#next) · [Peers](#peers) · [Data coverage](#coverage)")

# ---- headline questions -------------------------------------------------------------------------
series = state.query(headlines.headline_series, one)
tiles = {t.headline.key: t for t in headlines.headline_tiles(series, f.selected_fy)}
everyone = dataclasses.replace(f, organizations=())
gov_sla = state.query(headlines.sla_by_fy, everyone).set_index("fiscal_year")["sla_attainment"].get(f.selected_fy)
gov_sat = state.query(headlines.satisfaction_by_fy, everyone).set_index("fiscal_year")["customer_satisfaction"].get(
    f.selected_fy)
timeline = state.query(profiles.engagement_timeline, one)
flight = state.query(adoption.engagements_in_flight, one)
peers = state.query(profiles.cfo_act_peers, f)
dept = peers[peers["department"] == info.department_code]
span = f"FY{f.fy_from}–FY{f.fy_to}"

st.header("Headlines", anchor="headlines")
live = timeline[timeline["stage"] == "operational"]
cum, net = tiles["cumulative_net_savings"].value, tiles["net_savings"].value
answers = [
    (f"How much has {info.code} saved by using shared services?",
     f"**{money(cum)}** of net savings in {span} ({money(net)} in FY{f.selected_fy}), after "
     f"{money(state.query(savings.cost_by_fy, one)['migration_cost'].sum())} of one-time migration costs."
     + (f" {'It' if info.department_code == info.code else f'Its department ({info.department_code})'} ranks "
        f"**{dept['savings_rank'].iloc[0]} of 24** CFO Act departments on savings as a "
        f"share of baseline." if len(dept) and pd.notna(dept["savings_rank"].iloc[0]) else "")),
    (f"What has {info.code} adopted?",
     f"**{len(live)} services operational** across {live['marketplace'].nunique()} marketplaces, "
     f"{len(flight)} more in flight ({int(flight['at_risk'].sum())} at risk)."),
    (f"Is the service {info.code} receives any good?",
     f"**{percent(tiles['sla_attainment'].value)}** of measure-months met target in FY{f.selected_fy} "
     f"(government-wide {percent(gov_sla)}); customers rate it "
     f"**{score(tiles['customer_satisfaction'].value)}** (government-wide {score(gov_sat)})."),
]
for question, answer in answers:
    with st.container(border=True):
        st.markdown(f"**{question}**  \n{answer}")
components.tiles(list(tiles.values()))

# ---- adopted ------------------------------------------------------------------------------------
st.header("What it has adopted", anchor="adopted")
if timeline.empty:
    components.empty(f"{info.code} has no engagements in this scope.")
else:
    day = pd.Timestamp(state.query_value(adoption.evaluation_day, f))
    periods = charts.timeline_frame(timeline, day)
    marks = charts.milestones_frame(timeline)
    late = int(((pd.to_datetime(timeline["operational_on"]) > pd.to_datetime(timeline["planned_go_live"]))).sum())
    ttitle = f"{len(timeline)} engagements; {len(live)} live, {late} went live later than planned"
    shown = timeline.assign(stage=timeline["stage"].map(STAGE_LABELS))
    components.chart_with_table(charts.timeline(periods, marks, ttitle), shown, title=ttitle, key="profile-timeline",
                                alt_text=f"Gantt chart of each engagement's stages over time with planned and "
                                         f"forecast go-live marked. {ttitle}.")

# ---- saved --------------------------------------------------------------------------------------
st.header("What it has saved", anchor="saved")
by_fy = state.query(savings.net_savings_by_fy_marketplace, one)
if by_fy.empty:
    components.empty(f"No cost data for {info.code} in this scope.")
else:
    stitle = overview_charts.net_savings_takeaway(by_fy, f.selected_fy)
    table = overview_charts.net_savings_frame(by_fy, state.marketplace_names())
    components.chart_with_table(overview_charts.net_savings_by_fy(table, stitle), table, title=stitle,
                                key="profile-savings", hide=("Marketplace code",),
                                alt_text=f"Bar chart of {info.code}'s net savings by fiscal year and marketplace, "
                                         f"realized and projected. {stitle}.")

# ---- service received ---------------------------------------------------------------------------
st.header("The service it receives", anchor="service")
card = state.query(performance.scorecard, one)
if card.empty:
    components.empty(f"No performance data reported for {info.code} in FY{f.selected_fy}.")
else:
    st.table(components.measures_table(card))
sat = state.query(performance.satisfaction_by_quarter, one)
if not sat.empty:
    qtable = pillars.quarter_frame(sat, "customer_satisfaction", "Satisfaction (1-7)", state.marketplace_names(),
                                   "responses")
    qtitle = f"{info.code} rates its services {score(tiles['customer_satisfaction'].value)} in FY{f.selected_fy}"
    components.chart_with_table(pillars.quarterly_lines(qtable, "Satisfaction (1-7)", qtitle, ".1f", target=5.5),
                                qtable, title=qtitle, key="profile-sat",
                                alt_text=f"Line chart of {info.code}'s satisfaction per quarter by marketplace. {qtitle}.")

# ---- what is next -------------------------------------------------------------------------------
st.header("What is next", anchor="next")
if flight.empty:
    st.success(f"Nothing is in flight for {info.code}.", icon=":material/check_circle:")
else:
    soon = flight[pd.to_datetime(flight["forecast_go_live"].fillna(flight["planned_go_live"]))
                  <= pd.Timestamp(state.query_value(adoption.evaluation_day, f)) + pd.DateOffset(months=12)]
    st.markdown(f"**{len(flight)} engagements in flight**, {int(flight['at_risk'].sum())} at risk; "
                f"{len(soon)} forecast to go live in the next 12 months.")
    st.table(pd.DataFrame({"Organization": flight["organization"], "Solution": flight["solution"],
                           "Stage": flight["stage"].map(STAGE_LABELS), "Planned go-live": flight["planned_go_live"],
                           "Forecast go-live": flight["forecast_go_live"], "Slip (months)": flight["slip_months"],
                           "At risk": flight["at_risk"].map({True: "⚠ yes", False: "no"})}))

# ---- peers --------------------------------------------------------------------------------------
st.header("How it compares with CFO Act departments", anchor="peers")
if info.kind == "independent":
    st.info(f"{info.code} is not a CFO Act department; the distribution below shows the 24 departments for "
            f"context.", icon=":material/info:")
ptable = pd.DataFrame({"Department": peers["department"], "Name": peers["department_name"],
                       "Services operational": peers["breadth"],
                       "Savings, % of baseline": (peers["savings_share"] * 100).round(2),
                       "Satisfaction (1-7)": peers["customer_satisfaction"].round(3),
                       "Breadth rank": peers["breadth_rank"], "Savings rank": peers["savings_rank"],
                       "Satisfaction rank": peers["satisfaction_rank"]})
if len(dept):
    d = dept.iloc[0]
    ptitle = (f"{info.department_code} ranks {d['breadth_rank']} on breadth, {d['savings_rank']} on savings share and "
              f"{d['satisfaction_rank']} on satisfaction among 24 departments")
else:
    ptitle = "How the 24 CFO Act departments compare"
components.chart_with_table(charts.peer_strip(ptable, info.department_code, ptitle), ptable, title=ptitle,
                            key="profile-peers",
                            alt_text=f"Three strip plots of the 24 CFO Act departments on services operational, savings "
                                     f"as a share of baseline and satisfaction, with {info.department_code} marked. "
                                     f"{ptitle}.")

# ---- coverage -----------------------------------------------------------------------------------
st.header("Data coverage", anchor="coverage")
cov = state.query(performance.reporting_coverage, one)
prov = state.provenance()
through = reported_through(f.selected_fy, prov.as_of)
if cov.empty:
    st.markdown(f"No performance reports are expected from {info.code} for FY{f.selected_fy}.")
else:
    services = cov.groupby("solution")["months_reported"].sum()
    st.markdown(f"Performance data reported for **{int((services > 0).sum())} of {len(services)} services** in "
                f"FY{f.selected_fy} (through {through}); {percent(cov['months_reported'].sum() / cov['months_expected'].sum())} "
                f"of expected monthly reports arrived. Data as of {prov.as_of:%d %b %Y}.")
