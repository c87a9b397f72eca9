"""Executive Overview: the six headline numbers, highlights, and savings and adoption at a glance."""

from __future__ import annotations

import streamlit as st

from charts import overview as figures
from charts.headlines import tile_text
from charts.highlights import highlight_queries, highlight_sentences
from data_access import adoption, headlines, savings
from data_access.filters import Filters
from ui import components, state
from ui.router import serve


def render(filters: Filters) -> None:
    components.page_header("Executive Overview",
                           "Who has adopted shared services, what did it save, and is the service any good?", filters)
    fy = filters.selected_fy
    series = state.query(headlines.headline_series, filters)
    components.tiles([tile_text(t, fy) for t in headlines.headline_tiles(series, fy)])

    st.subheader("Highlights")
    frames = [state.query(fn, filters, **options) for fn, options in highlight_queries(filters)]
    sentences = highlight_sentences(frames, filters, state.as_of())
    st.markdown("\n".join(f"- {s}" for s in sentences) if sentences else "No highlights for these filters.")

    names = state.marketplace_names()
    components.show(figures.net_savings(state.query(savings.net_savings_by_fy_marketplace, filters), names, fy),
                    "No savings recorded for these filters yet.")
    components.show(figures.stages(state.query(adoption.adoption_by_stage, filters), names, fy, state.as_of()),
                    "No engagements for these filters.")


if __name__ == "__main__":
    serve(render)
