"""Marketplace catalog: what each marketplace offers, at what price and quality, with solution details and
side-by-side comparison. URL: ?solution=CODE opens a solution; ?compare=A&compare=B compares up to four."""

from ui.router import ensure_router

ensure_router()

import dataclasses  # noqa: E402

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

from charts import pillars  # noqa: E402
from charts import profiles as charts  # noqa: E402
from data_access import adoption, marketplace, performance  # noqa: E402
from data_access.filters import CODE_PATTERN  # noqa: E402
from data_access.formats import money, percent, score  # noqa: E402
from data_access.models import STAGE_LABELS  # noqa: E402
from ui import components, state  # noqa: E402

MAX_COMPARE = 4
f = st.session_state["filters"]
names = state.marketplace_names()
components.page_header("Marketplace Catalog", "What can an agency buy through each marketplace, from whom, at what "
                                              "price, and how well is it delivered?", f)
comp = state.query(performance.provider_comparison, f)
known = dict(zip(comp["code"], comp["solution"]))


def _url_codes(key: str) -> tuple[list[str], list[str]]:
    """Valid solution codes in the URL parameter `key`, and a message for each unknown one."""
    good, problems = [], []
    for raw in st.query_params.get_all(key):
        code = raw.strip().upper()
        if code in known and code not in good:
            good.append(code)
        elif code not in good:
            shown = raw if len(raw) <= 40 else raw[:40] + "..."
            reason = "is not a solution in the catalog" if CODE_PATTERN.match(code) else "is not a valid code"
            problems.append(f"“{shown}” ({key}) {reason} for these filters; it was ignored.")
    return good, problems


solution_codes, problems = _url_codes("solution")
compare_codes, more = _url_codes("compare")
for p in problems + more:
    st.warning(p, icon=":material/link_off:")

# ---- marketplace summaries -----------------------------------------------------------------------
summary = state.query(marketplace.marketplace_summary, f)
cols = st.columns(max(1, len(summary)))
for col, r in zip(cols, summary.itertuples()):
    with col, st.container(border=True):
        st.markdown(f"**{names.get(r.marketplace, r.marketplace)}**  \n{r.lead_agency}  \n"
                    f"Designated {pd.Timestamp(r.designated_on):%d %b %Y}")
        st.markdown(f"{r.offerings} offerings · {r.providers} providers  \n**{r.customers}** customer agencies")
spend = state.query(marketplace.marketplace_spend_by_fy, f)
if not spend.empty:
    stable = pd.DataFrame({"Fiscal year": spend["fiscal_year"].map(lambda y: f"FY{y}"),
                           "Marketplace": spend["marketplace"].map(names), "Marketplace code": spend["marketplace"],
                           "Status": spend["projected"].map({True: "Projected", False: "Realized"}),
                           "Spend ($)": spend["spend"].round(0)})
    sel = spend[spend["fiscal_year"] == f.selected_fy]
    stitle = (f"{money(sel['spend'].sum())} was spent through the marketplaces in FY{f.selected_fy}" if len(sel)
              else "Spend through the marketplaces by fiscal year")
    components.chart_with_table(charts.spend_by_fy(stable, stitle), stable, title=stitle, key="catalog-spend",
                                hide=("Marketplace code",),
                                alt_text=f"Grouped bar chart of spend through each marketplace per fiscal year. {stitle}.")

# ---- browse and search -------------------------------------------------------------------------------
st.subheader("Offerings")
query = st.text_input("Search offerings", placeholder="Name, provider or service area, e.g. payroll",
                      key="catalog-search")
table = pd.DataFrame({"Code": comp["code"], "Marketplace": comp["marketplace"].map(names), "Solution": comp["solution"],
                      "Provider": comp["provider"], "Provider type": comp["provider_type"].str.title(),
                      "Service area": comp["service_area"], "Pricing unit": comp["pricing_unit"],
                      "Unit price ($)": comp["unit_price"], "Customers": comp["customers"],
                      "SLA attainment": comp["sla_attainment"], "Satisfaction (1-7)": comp["customer_satisfaction"].round(2)})
if query:
    hay = (table["Solution"] + " " + table["Provider"] + " " + table["Service area"] + " " + table["Code"]).str.lower()
    table = table[hay.str.contains(query.strip().lower(), regex=False)]
st.caption(f"{len(table)} offerings. Select a row to open its details; SLA attainment and satisfaction are for "
           f"FY{f.selected_fy}.")
event = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                     key="catalog-table", column_config={
                         "SLA attainment": st.column_config.ProgressColumn(format="percent", min_value=0, max_value=1),
                         "Unit price ($)": st.column_config.NumberColumn(format="dollar")})
st.download_button("Download CSV", data=components.safe_csv(table), file_name="marketplace-catalog.csv",
                   mime="text/csv", on_click="ignore", icon=":material/download:", key="catalog-csv")
rows = event.selection.rows if event and event.selection else []
if rows:
    picked = table.iloc[rows[0]]["Code"]
    if picked not in solution_codes:
        st.query_params["solution"] = picked
        solution_codes = [picked]

# ---- solution detail ---------------------------------------------------------------------------------
if solution_codes:
    code = solution_codes[0]
    info = state.query_value(marketplace.solution_info, code)
    one = dataclasses.replace(f, solutions=(code,))
    st.header(info.name, anchor="solution")
    st.markdown(f"{info.description}  \n**Provider:** {info.provider} ({info.provider_type}) · **Marketplace:** "
                f"{names.get(info.marketplace, info.marketplace)} · **Service area:** {info.service_area} · "
                f"**Price:** {money(info.unit_price) if info.unit_price else 'no cost to FCEB agencies'} "
                f"{info.pricing_unit if info.unit_price else ''}")
    row = comp[comp["code"] == code].iloc[0]
    m1, m2, m3 = st.columns(3)
    m1.metric("Customer agencies", f"{row['customers']:,}", border=True)
    m2.metric(f"SLA attainment FY{f.selected_fy}", percent(row["sla_attainment"]), border=True)
    m3.metric(f"Customer satisfaction FY{f.selected_fy}", score(row["customer_satisfaction"]), border=True)
    left, right = st.columns(2)
    with left:
        live = state.query(adoption.go_lives_by_month, one)
        if live.empty:
            components.empty("No customer has gone live on this solution in scope yet.")
        else:
            ltable = pillars.go_lives_frame(live, names)
            ltitle = f"{int(live['cumulative'].max())} customers live on {info.name}"
            components.chart_with_table(pillars.go_lives(ltable, None, ltitle),
                                        ltable, title=ltitle, key="solution-golives", hide=("Marketplace code",),
                                        alt_text=f"Line chart of customers going live on {info.name} over time. {ltitle}.")
    with right:
        sat = state.query(performance.satisfaction_by_quarter, one)
        if sat.empty:
            components.empty("No satisfaction scores for this solution in scope.")
        else:
            qtable = pillars.quarter_frame(sat, "customer_satisfaction", "Satisfaction (1-7)",
                                           {info.marketplace: info.name}, "responses")
            qtitle = f"Customers rate {info.name} {score(row['customer_satisfaction'])} in FY{f.selected_fy}"
            components.chart_with_table(pillars.quarterly_lines(qtable, "Satisfaction (1-7)", qtitle, ".1f", target=5.5),
                                        qtable, title=qtitle, key="solution-sat",
                                        alt_text=f"Line chart of {info.name} satisfaction per quarter. {qtitle}.")
    card = state.query(performance.scorecard, one)
    st.markdown("**Measures against targets (latest month)**")
    if card.empty:
        components.empty("No measures reported in the selected fiscal year.")
    else:
        st.table(components.measures_table(card).drop(columns=["Solution"]))
    customers = state.query(marketplace.solution_customers, one)
    with st.expander(f"Customers ({len(customers)})", icon=":material/groups:"):
        st.dataframe(customers.assign(stage=customers["stage"].map(STAGE_LABELS)), hide_index=True, width="stretch")

# ---- compare ------------------------------------------------------------------------------------------
st.subheader("Compare solutions side by side")
chosen = st.multiselect(f"Choose two to {MAX_COMPARE} solutions", list(known), default=compare_codes[:MAX_COMPARE],
                        format_func=lambda c: known.get(c, c), max_selections=MAX_COMPARE, key="catalog-compare")
if st.query_params.get_all("compare") != chosen:
    if chosen:
        st.query_params["compare"] = chosen
    else:
        del st.query_params["compare"]
if len(chosen) < 2:
    st.caption("Pick at least two solutions to compare price, performance, satisfaction and customers — "
               "the comparison GAO reports customers cannot get today. The link then reproduces it.")
else:
    picked = comp.set_index("code").loc[chosen]
    side = pd.DataFrame({
        "Marketplace": picked["marketplace"].map(names), "Provider": picked["provider"],
        "Provider type": picked["provider_type"].str.title(), "Pricing unit": picked["pricing_unit"],
        "Unit price": picked["unit_price"].map(lambda v: money(v) if v else "no cost"),
        f"SLA attainment FY{f.selected_fy}": picked["sla_attainment"].map(percent),
        f"Satisfaction FY{f.selected_fy}": picked["customer_satisfaction"].map(score),
        "Customer agencies": picked["customers"].astype(str)}, index=picked["solution"]).T
    st.table(side)
    bars = pd.DataFrame({"Solution": picked["solution"], "SLA attainment": picked["sla_attainment"],
                         "Satisfaction (1-7)": picked["customer_satisfaction"], "Customers": picked["customers"]})
    c1, c2 = st.columns(2)
    with c1:
        best = bars.sort_values("SLA attainment", ascending=False).iloc[0]
        t1 = f"{best['Solution']} meets its targets most often"
        components.chart_with_table(charts.compare_bars(bars, "SLA attainment", ".0%", t1), bars, title=t1,
                                    key="compare-sla", alt_text=f"Bar chart comparing SLA attainment. {t1}.")
    with c2:
        best = bars.sort_values("Satisfaction (1-7)", ascending=False).iloc[0]
        t2 = f"{best['Solution']} has the most satisfied customers"
        components.chart_with_table(charts.compare_bars(bars, "Satisfaction (1-7)", ".2f", t2), bars, title=t2,
                                    key="compare-sat", alt_text=f"Bar chart comparing satisfaction. {t2}.")
