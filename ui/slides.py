"""Presentation mode's slides: designed for a 16:9 screen (1280×720 and up), built from the same figures and
numbers as the pages, at projector size, never taller than the screen.

A page without a slide of its own (the catalog, your data, methodology) is shown as a slide of its headline
numbers and highlights, so a playlist never scrolls.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import altair as alt
import streamlit as st

from charts import adoption as adoption_figures
from charts import overview as overview_figures
from charts import performance as performance_figures
from charts import savings as savings_figures
from charts.figure import Figure
from charts.headlines import tile_text
from charts.highlights import highlight_queries, highlight_sentences
from charts.text import md
from data_access import adoption, headlines, profiles, savings
from data_access import performance as performance_queries
from data_access.filters import Filters
from ui import state
from ui.filters import describe

LABEL_PX = 16  # axis and legend labels readable from the back of a room


def projector_size(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """A figure's chart at projector size: larger labels, and the whole chart fitted to the slide's chart box
    (whose height follows the screen's), instead of sized by its content."""
    sized: alt.TopLevelMixin = chart.properties(autosize=alt.AutoSizeParams(type="fit", contains="padding"))
    configured: alt.TopLevelMixin = (sized.configure_axis(labelFontSize=LABEL_PX, titleFontSize=LABEL_PX)
                                     .configure_legend(labelFontSize=LABEL_PX, symbolSize=160, columns=3)
                                     .configure_text(fontSize=LABEL_PX))
    return configured


def _figure(fig: Figure | None, empty: str) -> None:
    if fig is None:
        st.markdown(empty)
        return
    st.markdown(f"#### {md(fig.title, limit=160)}")
    with st.container(key=f"slide-chart-{fig.key}"):
        chart: Any = projector_size(fig.chart)
        st.altair_chart(chart, alt=fig.alt_text, key=f"slide-{fig.key}", height="stretch")


def _header(title: str, filters: Filters) -> None:
    st.title(title)
    st.caption(f"{describe(filters)} · data as of {state.as_of():%d %b %Y}")


def _tiles(filters: Filters, columns: int = 3) -> None:
    fy = filters.selected_fy
    items = [tile_text(t, fy) for t in headlines.headline_tiles(state.query(headlines.headline_series, filters), fy)]
    cols = st.columns(columns)
    for i, tile in enumerate(items):
        with cols[i % columns]:
            st.metric(tile.label, tile.value, delta=tile.delta or None,
                      delta_color="off" if tile.neutral else "normal", delta_arrow="off" if tile.unchanged else "auto",
                      border=True)


def overview(filters: Filters) -> None:
    """The six headlines, large, and the first two highlights."""
    _header("Executive Overview", filters)
    _tiles(filters)
    frames = [state.query(fn, filters, **options) for fn, options in highlight_queries(filters)]
    sentences = highlight_sentences(frames, filters, state.as_of())[:2]
    st.markdown("\n".join(f"- {s}" for s in sentences))


def adoption_slide(filters: Filters) -> None:
    """The pipeline and go-lives over time, side by side."""
    _header("Adoption", filters)
    names, fy, as_of = state.marketplace_names(), filters.selected_fy, state.as_of()
    left, right = st.columns(2, gap="large")
    with left:
        stages = state.query(adoption.adoption_by_stage, filters)
        _figure(None if stages.empty else adoption_figures.pipeline(stages, names, fy, as_of),
                "No engagements in this scope.")
    with right:
        live = state.query(adoption.go_lives_by_month, filters)
        _figure(None if live.empty else adoption_figures.go_lives(live, names, state.marketplaces(), fy, as_of),
                "No go-lives in this scope.")


def savings_slide(filters: Filters) -> None:
    """Net savings by fiscal year beside the government-wide context."""
    _header("Cost Savings", filters)
    names, fy = state.marketplace_names(), filters.selected_fy
    tiles = {t.headline.key: t for t in headlines.headline_tiles(state.query(headlines.headline_series, filters), fy)}
    left, right = st.columns([3, 2], gap="large")
    with left:
        _figure(overview_figures.net_savings(state.query(savings.net_savings_by_fy_marketplace, filters), names, fy),
                "No cost data in this scope.")
    with right:
        for key in ("net_savings", "cumulative_net_savings"):
            text = tile_text(tiles[key], fy)
            st.metric(text.label, text.value, delta=text.delta or None, border=True)
        omb = savings_figures.omb_context(tiles["net_savings"].value, fy, tiles["net_savings"].projected)
        st.markdown(f"**{omb.title}** (OMB estimates $1.25B–$7.5B a year of potential savings).")


def performance_slide(filters: Filters) -> None:
    """SLA attainment and satisfaction by quarter, side by side."""
    _header("Service Performance", filters)
    names, fy = state.marketplace_names(), filters.selected_fy
    tiles = {t.headline.key: t for t in headlines.headline_tiles(state.query(headlines.headline_series, filters), fy)}
    left, right = st.columns(2, gap="large")
    with left:
        sla = state.query(performance_queries.sla_by_quarter, filters)
        _figure(None if sla.empty else performance_figures.sla_quarters(sla, names, tiles["sla_attainment"].value, fy),
                "No performance data in this scope.")
    with right:
        _figure(performance_figures.satisfaction_quarters(
            state.query(performance_queries.satisfaction_by_quarter, filters), names,
            tiles["customer_satisfaction"].value, fy), "No satisfaction scores in this scope.")


def agency_slide(filters: Filters) -> None:
    """The featured (or first selected) organization: its headlines and net savings."""
    if not filters.organizations:
        overview(filters)
        return
    info = state.lookup(profiles.organization_info, filters.organizations[0])
    one = dataclasses.replace(filters, organizations=(info.code,))
    _header(md(info.name), one)  # a stored name: escaped
    left, right = st.columns([3, 2], gap="large")
    with left:
        _tiles(one, columns=2)
    with right:
        _figure(overview_figures.net_savings(state.query(savings.net_savings_by_fy_marketplace, one),
                                             state.marketplace_names(), filters.selected_fy,
                                             key="slide-profile-savings", who=info.code),
                f"No cost data for {info.code} in this scope.")


def headlines_slide(title: str) -> Callable[[Filters], None]:
    """A slide of headline numbers and highlights for a page without its own slide."""
    def slide(filters: Filters) -> None:
        _header(title, filters)
        _tiles(filters)
    return slide


SLIDES: dict[str, Callable[[Filters], None]] = {
    "overview": overview, "adoption": adoption_slide, "savings": savings_slide, "performance": performance_slide,
    "agencies": agency_slide,
}


def slide_for(path: str, title: str) -> Callable[[Filters], None]:
    """The slide that presents the page at `path` (titled `title`)."""
    return SLIDES.get(path, headlines_slide(title))
