"""Service Performance: scorecard vs targets, SLA and satisfaction over time, provider comparison, coverage."""

from ui.router import ensure_router

ensure_router()

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

from charts import pillars as charts  # noqa: E402
from charts.theme import STATUS_COLORS  # noqa: E402
from data_access import headlines, performance  # noqa: E402
from data_access.formats import percent  # noqa: E402
from data_access.performance import STATUS_LABELS  # noqa: E402
from ui import components, state  # noqa: E402

f = st.session_state["filters"]
components.page_header("Service Performance", "Is the service any good? Measures against targets, and what "
                                               "customers say.", f)
names = state.marketplace_names()

card = state.query(performance.scorecard, f)
if card.empty:
    components.empty(f"No performance data reported for these filters in FY{f.selected_fy}.")
    st.stop()

series = state.query(headlines.headline_series, f)
tiles = {t.headline.key: t for t in headlines.headline_tiles(series, f.selected_fy)}
components.tiles([tiles["sla_attainment"], tiles["customer_satisfaction"]], columns=2)


def _status_style(column: pd.Series) -> list[str]:
    colours = {label: STATUS_COLORS[key] for key, label in STATUS_LABELS.items()}
    return [f"color: {colours.get(v, 'inherit')}; font-weight: 600" for v in column]


def _scorecard_table(df: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Marketplace": df["marketplace"].map(names), "Solution": df["solution"], "Provider": df["provider"],
        "Measure": df["measure"], "Latest month": pd.to_datetime(df["month"]).dt.strftime("%b %Y"),
        "Value": df["value"].round(2), "Target": df["target"],
        "Direction": df["higher_is_better"].map({True: "higher is better", False: "lower is better"}),
        "Unit": df["unit"], "Status": df["status"].map(STATUS_LABELS), "Customers reporting": df["customers_reporting"]})


# ---- scorecard -----------------------------------------------------------------------------------
st.subheader("Scorecard")
counts = card["status"].value_counts()
st.caption(f"Latest month in FY{f.selected_fy} for each solution and measure, averaged over reporting customers: "
           f"{counts.get('meets', 0)} meet target (✓), {counts.get('near', 0)} are near (▲, within the measure's "
           f"tolerance) and {counts.get('misses', 0)} miss (✗).")
table = _scorecard_table(card)
NUMBER_FORMAT = {"Value": "{:,.2f}", "Target": "{:,.2f}"}
st.dataframe(table.style.apply(_status_style, subset=["Status"]).format(NUMBER_FORMAT), hide_index=True,
             width="stretch", column_config={"Marketplace": st.column_config.TextColumn(width="small")})
st.download_button("Download CSV", data=components.safe_csv(table), file_name="scorecard.csv", mime="text/csv",
                   on_click="ignore", icon=":material/download:", key="scorecard-csv")

missed = table[card["status"] == "misses"]
st.subheader(f"Measures that missed target in the latest period ({len(missed)})")
if missed.empty:
    st.success("Every measure met or came near its target in the latest period.", icon=":material/check_circle:")
else:
    st.dataframe(missed[["Solution", "Provider", "Measure", "Latest month", "Value", "Target", "Unit", "Status"]]
                 .style.format(NUMBER_FORMAT), hide_index=True, width="stretch")

# ---- over time -------------------------------------------------------------------------------------
st.subheader("Over time")
by = st.segmented_control("Group lines by", ["Marketplace", "Provider"], default="Marketplace", key="perf-by")
group = "provider" if by == "Provider" else "marketplace"
left, right = st.columns(2)
with left:
    sla = state.query(performance.sla_by_quarter, f, by=group)
    stable = pd.DataFrame({"Quarter": [f"FY{y} Q{q}" for y, q in zip(sla["fiscal_year"], sla["fiscal_quarter"])],
                           "Group": sla["group"].map(lambda g: names.get(g, g)),
                           "Measure-months": sla["measurements"], "Met": sla["met"],
                           "SLA attainment": sla["sla_attainment"].round(4)})
    latest = tiles["sla_attainment"].value
    stitle = f"{percent(latest)} of measure-months met target in FY{f.selected_fy}"
    components.chart_with_table(charts.quarterly_lines(stable, "SLA attainment", stitle, ".0%"), stable, title=stitle,
                                key="perf-sla", alt_text=f"Line chart of SLA attainment per fiscal quarter by "
                                                          f"{group}. {stitle}.")
with right:
    sat = state.query(performance.satisfaction_by_quarter, f, by=group)
    qtable = charts.quarter_frame(sat, "customer_satisfaction", "Satisfaction (1-7)", names, "responses")
    score = tiles["customer_satisfaction"].value
    qtitle = (f"Customers rate service {score:.2f} of 7 in FY{f.selected_fy}" if score is not None
              else "Customer satisfaction on the 7-point scale")
    components.chart_with_table(charts.quarterly_lines(qtable, "Satisfaction (1-7)", qtitle, ".1f", target=5.5),
                                qtable, title=qtitle, key="perf-sat",
                                alt_text=f"Line chart of customer satisfaction per quarter by {group}, with the "
                                         f"government-wide 5.5 reference line. {qtitle}.")

# ---- provider comparison ----------------------------------------------------------------------------
st.subheader("Compare providers within a marketplace")
comp = state.query(performance.provider_comparison, f)
markets = [m for m in names if m in set(comp["marketplace"])]
market = st.selectbox("Marketplace", markets, format_func=lambda c: names.get(c, c), key="perf-market")
rows = comp[comp["marketplace"] == market]
ptable = pd.DataFrame({"Solution": rows["solution"], "Provider": rows["provider"],
                       "Provider type": rows["provider_type"], "Pricing unit": rows["pricing_unit"],
                       "Unit price ($)": rows["unit_price"], "SLA attainment": rows["sla_attainment"].round(4),
                       "Satisfaction (1-7)": rows["customer_satisfaction"].round(2), "Customers": rows["customers"]})
measured = ptable.dropna(subset=["SLA attainment"])
if measured.empty:
    components.empty("No solution in this marketplace reported performance data for the selected fiscal year.")
else:
    best = measured.sort_values("SLA attainment", ascending=False).iloc[0]
    ctitle = f"{best['Solution']} has the best SLA attainment in {names.get(market, market)} ({percent(best['SLA attainment'])})"
    event = components.chart_with_table(charts.sla_by_solution(measured, ctitle), ptable, title=ctitle,
                                        key="perf-compare", on_select="rerun",
                                        alt_text=f"Bar chart of SLA attainment per solution in {names.get(market)}. "
                                                 f"{ctitle}.")
    st.dataframe(ptable, hide_index=True, width="stretch", column_config={
        "SLA attainment": st.column_config.ProgressColumn("SLA attainment", format="percent", min_value=0, max_value=1),
        "Unit price ($)": st.column_config.NumberColumn(format="dollar")})
    pick = components.picked(event, "Solution")
    if pick:
        st.markdown(f"**{pick}: latest measures**")
        st.dataframe(table[table["Solution"] == pick].style.format(NUMBER_FORMAT), hide_index=True, width="stretch")

# ---- reporting coverage -------------------------------------------------------------------------------
st.subheader("Data coverage")
cov = state.query(performance.reporting_coverage, f)
if cov.empty:
    components.empty("No operational customer is expected to report in this scope.")
else:
    complete = int((cov["coverage"] >= 1).sum())
    none = int((cov["months_reported"] == 0).sum())
    st.markdown(f"**{complete:,} of {len(cov):,} customer–service pairs reported every month of FY{f.selected_fy}**; "
                f"{none:,} reported nothing. Overall {percent(cov['months_reported'].sum() / cov['months_expected'].sum())} "
                f"of expected monthly reports arrived.")
    gaps = cov[cov["coverage"] < 1]
    shown = pd.DataFrame({"Org code": gaps["organization"], "Organization": gaps["organization_name"],
                          "Solution": gaps["solution"], "Marketplace": gaps["marketplace"].map(names),
                          "Months expected": gaps["months_expected"], "Months reported": gaps["months_reported"],
                          "Missing months": gaps["missing_months"], "Coverage": gaps["coverage"].round(3)})
    st.dataframe(shown, hide_index=True, width="stretch", column_config={
        "Coverage": st.column_config.ProgressColumn("Coverage", format="percent", min_value=0, max_value=1)})
    st.download_button("Download CSV", data=components.safe_csv(shown), file_name="reporting-gaps.csv",
                       mime="text/csv", on_click="ignore", icon=":material/download:", key="coverage-csv")
