"""Executive Overview: the six headline numbers, savings and adoption at a glance, and highlights."""

from ui.router import ensure_router

ensure_router()

import streamlit as st  # noqa: E402

from charts import overview as charts  # noqa: E402
from charts import pillars as pillar_charts  # noqa: E402
from data_access import adoption, headlines, highlights, savings  # noqa: E402
from ui import components, state  # noqa: E402

f = st.session_state["filters"]
components.page_header("Executive Overview",
                       "Who has adopted shared services, what did it save, and is the service any good?", f)

series = state.query(headlines.headline_series, f)
components.tiles(headlines.headline_tiles(series, f.selected_fy))

st.subheader("Highlights")
sentences = state.query(highlights.highlights, f)
st.markdown("\n".join(f"- {s}" for s in sentences) if sentences else "No highlights for these filters.")


names = state.marketplace_names()
by_fy = state.query(savings.net_savings_by_fy_marketplace, f)
if by_fy.empty:
    components.empty("No savings recorded for these filters yet.")
else:
    title = charts.net_savings_takeaway(by_fy, f.selected_fy)
    table = charts.net_savings_frame(by_fy, names)
    components.chart_with_table(
        charts.net_savings_by_fy(table, title), table, title=title, key="overview-savings",
        alt_text=f"Bar chart of net savings by fiscal year, stacked by marketplace. {title}.",
        hide=("Marketplace code",))
stages = state.query(adoption.adoption_by_stage, f)
if stages.empty:
    components.empty("No engagements for these filters.")
else:
    counts = adoption.stage_counts(stages)
    title = (f"{counts['operational']:,} engagements operational, "
             f"{sum(counts[s] for s in ('discovery', 'agreement', 'implementing', 'at_risk')):,} in flight")
    table = charts.adoption_stage_frame(stages, names)
    components.chart_with_table(
        pillar_charts.pipeline(table, title, selectable=False), table, title=title, key="overview-stages",
        alt_text=f"Stacked bar chart of engagements per marketplace by lifecycle stage in FY{f.selected_fy}. "
                 f"{title}.", hide=("Stage order", "Marketplace code"))

