"""Cost Savings: baseline vs cost, cumulative net savings and break-even, who saved, unit costs and OMB's estimate."""

from __future__ import annotations

import dataclasses

import streamlit as st

from charts import savings as figures
from charts.headlines import tile_text
from charts.text import md
from data_access import headlines, savings
from data_access.filters import Filters
from data_access.fiscal import fy_label, period_label
from ui import components, state
from ui.router import serve


def render(filters: Filters) -> None:
    components.page_header("Cost Savings", "What have shared services saved, net of what migrations cost?", filters)
    st.markdown(figures.METHOD)
    names, fy = state.marketplace_names(), filters.selected_fy
    costs = state.query(savings.cost_by_fy, filters)
    if costs.empty:
        components.empty("No cost data for these filters. Widen the agency, marketplace or fiscal-year filters.")
        return
    tiles = {t.headline.key: t for t in headlines.headline_tiles(state.query(headlines.headline_series, filters), fy)}
    components.tiles([tile_text(tiles["net_savings"], fy, f"Net savings {fy_label(fy)}"),
                      tile_text(tiles["cumulative_net_savings"], fy,
                                f"Cumulative net savings {period_label(filters.fy_from, fy)}"),
                      tile_text(savings.run_cost_below_baseline(costs, fy), fy,
                                f"Run cost below baseline {fy_label(fy)}")])
    components.figure(figures.cost_vs_baseline(costs, fy))

    st.subheader("Cumulative net savings and break-even")
    cohorts = figures.cohorts(state.query(savings.cohort_cumulative_savings, filters), filters.fy_from, fy)
    if cohorts is None:
        components.empty("No engagement went live in this fiscal-year range.")
    else:
        components.figure(cohorts)

    st.subheader("Who saved")
    left, right = st.columns(2)
    local = filters
    with left:
        split = state.query(savings.savings_by_marketplace, filters)
        market = components.picked(components.figure(figures.by_marketplace(split, names, filters.fy_from, fy)),
                                   "Marketplace code")
        if market:
            local = dataclasses.replace(filters, marketplaces=(market,))
            components.narrowed(f"Organizations are narrowed to **{md(names.get(market, market))}**.")
            components.offer_global_filter(names.get(market, market), local)
    with right:
        orgs = figures.by_organization(state.query(savings.savings_by_organization, local,
                                                   roll_up=not local.organizations))
        if orgs is None:
            components.empty("No organization has savings in this scope.")
        else:
            org = components.picked(components.figure(orgs), "Organization code")
            if org:
                components.offer_global_filter(org, dataclasses.replace(local, organizations=(org,)))

    st.subheader("Unit costs and the government-wide context")
    left, right = st.columns(2)
    with left:
        prices = state.query(savings.payroll_unit_prices, filters)
        if prices.empty:
            components.empty("No payroll solution in this scope.")
        else:
            components.figure(figures.payroll_prices(prices))
        st.caption(figures.W2_NOTE)
    with right:
        components.figure(figures.omb_context(tiles["net_savings"].value, fy, tiles["net_savings"].projected))


if __name__ == "__main__":
    serve(render)
