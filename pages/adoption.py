"""Adoption: who has adopted what — pipeline, organization x marketplace matrix, go-lives, coverage, work in flight."""

from __future__ import annotations

import dataclasses

import streamlit as st

from charts import adoption as figures
from charts.text import md
from data_access import adoption
from data_access.benchmarks import GAO_COUNT_DATE
from data_access.filters import Filters
from ui import components, state
from ui.router import serve


def render(filters: Filters) -> None:
    components.page_header("Adoption", "Who has adopted which shared services, and what is still in flight?", filters)
    names, fy = state.marketplace_names(), filters.selected_fy
    stages = state.query(adoption.adoption_by_stage, filters)
    if stages.empty:
        components.empty("No engagements match these filters. Widen the agency, marketplace or fiscal-year filters.")
        return
    local = filters
    market = components.picked(components.figure(figures.pipeline(stages, names, fy, state.as_of())), "Marketplace code")
    if market:
        local = dataclasses.replace(filters, marketplaces=(market,))
        components.narrowed(f"This page is narrowed to **{md(names.get(market, market))}** (click the bar again to clear).")
        components.offer_global_filter(names.get(market, market), local)

    st.subheader("Furthest stage by organization and marketplace")
    matrix = state.query(adoption.organization_stage_matrix, local)
    if matrix.empty:
        components.empty("No organization has an engagement in this scope.")
    else:
        org = components.picked(components.figure(figures.stage_matrix(matrix, names)), "Organization code")
        if org:
            local = dataclasses.replace(local, organizations=(org,))
            components.narrowed(f"The go-lives and engagements below are narrowed to **{md(org)}**.")
            components.offer_global_filter(org, local)

    st.subheader("Go-lives over time")
    live = state.query(adoption.go_lives_by_month, local)
    if live.empty:
        components.empty("No engagement has gone live in this scope.")
    else:
        components.figure(figures.go_lives(live, names, state.marketplaces(), fy, state.as_of()))

    st.subheader("Coverage")
    left, right = st.columns(2)
    with left:
        components.figure(figures.coverage(state.query(adoption.cfo_act_coverage, local), names))
    with right:
        on = min(GAO_COUNT_DATE, state.as_of())
        components.figure(figures.customers_vs_gao(state.query(adoption.customers_by_marketplace, local, on=on), names, on))

    st.subheader("Engagements in flight")
    flight = state.query(adoption.engagements_in_flight, local)
    if flight.empty:
        components.empty("Nothing is in flight in this scope.")
    else:
        st.caption(figures.in_flight_summary(flight))
        components.table(figures.in_flight_table(flight, names), key="flight", name="engagements in flight",
                         column_config={"At risk": st.column_config.CheckboxColumn("At risk", help="Paused or at risk")})


if __name__ == "__main__":
    serve(render)
