"""Marketplace catalog: what each marketplace offers, at what price and quality, with solution details and a
side-by-side comparison. URL: ?solution=CODE opens a solution; ?compare=A&compare=B compares up to four."""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from charts import adoption as adoption_figures
from charts import marketplaces as figures
from charts import performance as performance_figures
from data_access import adoption, marketplace, performance
from data_access.filters import Filters
from data_access.fiscal import fy_label
from ui import components, state
from ui.filters import keep_in_url, page_codes
from ui.router import serve

MAX_COMPARE = 4


def render(filters: Filters) -> None:
    components.page_header("Marketplace Catalog", "What can an agency buy through each marketplace, from whom, at "
                                                  "what price, and how well is it delivered?", filters)
    names, fy = state.marketplace_names(), filters.selected_fy
    comp = state.query(performance.provider_comparison, filters)
    known = dict(zip(comp["code"], comp["solution"]))
    solutions = page_codes("solution", known, limit=1)
    compare = page_codes("compare", known, limit=MAX_COMPARE)
    components.cards([figures.summary_card(row, names)
                      for _, row in state.query(marketplace.marketplace_summary, filters).iterrows()])
    components.show(figures.spend(state.query(marketplace.marketplace_spend_by_fy, filters), names, fy),
                    "No spend through the marketplaces in this scope.")

    st.subheader("Offerings")
    query = st.text_input("Search offerings", placeholder="Name, provider or service area, e.g. payroll", key="catalog-search")
    table = figures.offerings_table(comp, names, query)
    st.caption(f"{len(table)} offerings. Select a row to open its details; SLA attainment and satisfaction are for "
               f"{fy_label(fy)}.")
    event = components.table(table, key="catalog", name="marketplace catalog", on_select=True,
                             column_config=components.MONEY_AND_SHARE)
    rows = event.selection.rows if event and event.selection else []
    if rows and table.iloc[rows[0]]["Code"] not in solutions:
        solutions = [table.iloc[rows[0]]["Code"]]
        keep_in_url("solution", solutions)
    if solutions:
        _solution(filters, comp[comp["code"] == solutions[0]].iloc[0], names)

    st.subheader("Compare solutions side by side")
    chosen = st.multiselect(f"Choose two to {MAX_COMPARE} solutions", list(known), default=compare, key="catalog-compare",
                            format_func=lambda c: known.get(c, c), max_selections=MAX_COMPARE)
    keep_in_url("compare", chosen)
    if len(chosen) < 2:
        st.caption("Pick at least two solutions to compare price, performance, satisfaction and customers — "
                   "the comparison GAO reports customers cannot get today. The link then reproduces it.")
        return
    st.table(figures.side_by_side(comp, chosen, names, fy))
    for col, fig in zip(st.columns(2), figures.compare(comp, chosen)):
        with col:
            components.figure(fig)


def _solution(filters: Filters, row: pd.Series, names: dict[str, str]) -> None:
    info = state.lookup(marketplace.solution_info, row["code"])
    one, fy = dataclasses.replace(filters, solutions=(info.code,)), filters.selected_fy
    st.header(info.name, anchor="solution")
    st.markdown(figures.solution_heading(info, names))
    components.values(figures.solution_values(row, fy))
    left, right = st.columns(2)
    with left:
        components.show(adoption_figures.solution_go_lives(state.query(adoption.go_lives_by_month, one), names, info.name),
                        "No customer has gone live on this solution in scope yet.")
    with right:
        components.show(performance_figures.satisfaction_quarters(
            state.query(performance.satisfaction_by_quarter, one), {info.marketplace: info.name},
            row["customer_satisfaction"], fy, key="solution-sat", phrase=f"Customers rate {info.name}"),
            "No satisfaction scores for this solution in scope.")
    st.markdown("**Measures against targets (latest month)**")
    components.printable(performance_figures.measures_table(state.query(performance.scorecard, one), with_solution=False),
                         "No measures reported in the selected fiscal year.")
    customers = state.query(marketplace.solution_customers, one)
    with st.expander(f"Customers ({len(customers)})", icon=":material/groups:"):
        st.dataframe(figures.customers_table(customers), hide_index=True, width="stretch")


if __name__ == "__main__":
    serve(render)
