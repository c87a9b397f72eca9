"""Agency profile: what one organization has adopted, saved, receives and has next, against its peers."""

from __future__ import annotations

import dataclasses

import streamlit as st

from charts import agencies as figures
from charts import overview as overview_figures
from charts import performance as performance_figures
from charts.headlines import tile_text
from data_access import adoption, headlines, performance, profiles, savings
from data_access.filters import Filters
from data_access.fiscal import evaluation_date, reported_through
from ui import components, navigation, state
from ui.router import serve


def render(filters: Filters) -> None:
    if not filters.organizations:
        return navigation.pick_organization(filters)
    info = state.lookup(profiles.organization_info, filters.organizations[0])
    one, fy = dataclasses.replace(filters, organizations=(info.code,)), filters.selected_fy
    components.print_friendly()
    components.page_header(info.name, figures.subtitle(info), one, title_is_data=True)
    if len(filters.organizations) > 1:
        st.caption(f"Several agencies are selected; this profile shows the first, {info.code}.")
    navigation.profile_links(filters, info, one)
    names, day = state.marketplace_names(), evaluation_date(fy, state.as_of())
    tiles = headlines.headline_tiles(state.query(headlines.headline_series, one), fy)
    everyone = dataclasses.replace(filters, organizations=())
    gov_tiles = headlines.headline_tiles(state.query(headlines.headline_series, everyone), fy)
    timeline = state.query(profiles.engagement_timeline, one)
    flight = state.query(adoption.engagements_in_flight, one)
    peers = state.query(profiles.cfo_act_peers, filters)
    facts = figures.profile_facts(info, tiles, gov_tiles, fy_from=filters.fy_from, selected_fy=fy, peers=peers,
                                  migration_cost=float(state.query(savings.cost_by_fy, one)["migration_cost"].sum()),
                                  timeline_frame_=timeline, flight=flight)

    st.header("Headlines", anchor="headlines")
    for question, answer in figures.answers(facts):
        with st.container(border=True):
            st.markdown(f"**{question}**  \n{answer}")
    components.tiles([tile_text(t, fy) for t in tiles])
    st.header("What it has adopted", anchor="adopted")
    components.show(figures.timeline_figure(timeline, day, info.code), f"{info.code} has no engagements in this scope.")
    st.header("What it has saved", anchor="saved")
    components.show(overview_figures.net_savings(state.query(savings.net_savings_by_fy_marketplace, one), names, fy,
                                                 key="profile-savings", who=info.code),
                    f"No cost data for {info.code} in this scope.")
    st.header("The service it receives", anchor="service")
    components.printable(performance_figures.measures_table(state.query(performance.scorecard, one)),
                         f"No performance data reported for {info.code} in this fiscal year.")
    sat = performance_figures.satisfaction_quarters(state.query(performance.satisfaction_by_quarter, one), names,
                                                    facts.satisfaction, fy, key="profile-sat",
                                                    phrase=f"{info.code} rates its services")
    if sat is not None:
        components.figure(sat)
    st.header("What is next", anchor="next")
    if flight.empty:
        st.success(f"Nothing is in flight for {info.code}.", icon=":material/check_circle:")
    else:
        st.markdown(figures.next_summary(flight, day))
        st.table(figures.next_table(flight))
    st.header("How it compares with CFO Act departments", anchor="peers")
    if info.kind == "independent":
        st.info(f"{info.code} is not a CFO Act department; the distribution below shows the departments for context.",
                icon=":material/info:")
    components.figure(figures.peers_figure(peers, info.department_code))
    st.header("Data coverage", anchor="coverage")
    cov = state.query(performance.reporting_coverage, one)
    st.markdown(figures.coverage_sentence(cov, info.code, fy, reported_through(fy, state.as_of()), state.as_of()))


if __name__ == "__main__":
    serve(render)
