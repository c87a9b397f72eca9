"""Service Performance: scorecard against targets, SLA and satisfaction over time, providers side by side, coverage."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from charts import performance as figures
from charts.headlines import tile_text
from charts.text import md
from data_access import headlines, performance
from data_access.filters import Filters
from data_access.fiscal import fy_label
from ui import components, state
from ui.router import serve


def _progress(label: str) -> Any:
    return st.column_config.ProgressColumn(label, format="percent", min_value=0, max_value=1)


def render(filters: Filters) -> None:
    components.page_header("Service Performance", "Is the service any good? Measures against targets, and what "
                                                   "customers say.", filters)
    names, fy = state.marketplace_names(), filters.selected_fy
    card = state.query(performance.scorecard, filters)
    if card.empty:
        components.empty(f"No performance data reported for these filters in {fy_label(fy)}.")
        return
    tiles = {t.headline.key: t for t in headlines.headline_tiles(state.query(headlines.headline_series, filters), fy)}
    components.tiles([tile_text(tiles["sla_attainment"], fy), tile_text(tiles["customer_satisfaction"], fy)], columns=2)

    st.subheader("Scorecard")
    st.markdown(figures.scorecard_summary(card, state.query(performance.provider_comparison, filters), fy))
    components.table(figures.styled(figures.scorecard_table(card, names)), key="scorecard", name="scorecard")
    missed = figures.missed_table(card, names)
    st.subheader(f"Measures that missed target in {fy_label(fy)} ({len(missed)})")
    if missed.empty:
        st.success(f"Every measure met or came near its target in {fy_label(fy)}.", icon=":material/check_circle:")
    else:
        components.table(figures.styled(missed), key="missed", name="measures that missed target")

    st.subheader("Over time")
    by = st.segmented_control("Group lines by", ["Marketplace", "Provider"], default="Marketplace", key="perf-by")
    group = "provider" if by == "Provider" else "marketplace"
    left, right = st.columns(2)
    with left:
        components.figure(figures.sla_quarters(state.query(performance.sla_by_quarter, filters, by=group), names,
                                               tiles["sla_attainment"].value, fy, group))
    with right:
        components.show(figures.satisfaction_quarters(state.query(performance.satisfaction_by_quarter, filters, by=group),
                                                      names, tiles["customer_satisfaction"].value, fy, group=group),
                        "No satisfaction scores for these filters.")
    _providers(filters, names, card)

    st.subheader("Data coverage")
    cov = state.query(performance.reporting_coverage, filters)
    if cov.empty:
        components.empty("No operational customer is expected to report in this scope.")
        return
    st.markdown(figures.coverage_summary(cov, fy))
    components.table(figures.coverage_gaps(cov, names), key="coverage", name="reporting gaps",
                     column_config={"Coverage": _progress("Coverage")})


def _providers(filters: Filters, names: dict[str, str], card: pd.DataFrame) -> None:
    st.subheader("Compare providers within a marketplace")
    comp = state.query(performance.provider_comparison, filters)
    markets = [m for m in names if m in set(comp["marketplace"])]
    market = st.selectbox("Marketplace", markets, format_func=lambda c: names.get(c, c), key="perf-market")
    rows = comp[comp["marketplace"] == market]
    fig = figures.providers(rows, names.get(market, market))
    if fig is None:
        components.empty("No solution in this marketplace reported performance data for the selected fiscal year.")
        return
    pick = components.picked(components.figure(fig), "Solution")
    st.dataframe(figures.provider_table(rows), hide_index=True, width="stretch", column_config=components.MONEY_AND_SHARE)
    if pick:
        st.markdown(f"**{md(pick)}: latest measures**")
        table = figures.scorecard_table(card, names)
        st.dataframe(figures.styled(table[table["Solution"] == pick]), hide_index=True, width="stretch")


if __name__ == "__main__":
    serve(render)
