"""Shared page components: provenance banner, headline tiles, accessible charts with data and CSV."""

from __future__ import annotations

import functools
import re

import altair as alt
import pandas as pd
import streamlit as st

from data_access import formats
from data_access.export import safe_csv  # noqa: F401 (re-exported for pages)
from data_access.fiscal import as_of_label
from data_access.headlines import Tile
from ui import state
from ui.filters import describe, url_problems


def page_header(title: str, question: str, filters) -> None:
    """Title, the question the page answers, the provenance banner and any problems in the link."""
    st.title(title)
    st.caption(question)
    prov = state.provenance()
    as_of = as_of_label(prov.as_of)
    if prov.is_demo:
        st.info(f"**Illustrative demo data** — generated and calibrated to public sources, not official "
                f"figures. Data as of {as_of}.", icon=":material/info:")
    elif prov.source == "mixed":
        st.info(f"**Illustrative demo data with imported additions** — not official figures. Data as of {as_of}.",
                icon=":material/info:")
    else:
        st.caption(f"Imported data as of {as_of}; last loaded {prov.loaded_at:%d %b %Y %H:%M} UTC.")
    for problem in url_problems():
        st.warning(problem, icon=":material/link_off:")
    st.caption(f"Showing {describe(filters)}")


def tiles(items: list[Tile], columns: int = 3, selected_fy: int | None = None) -> None:
    """Headline metrics with the delta against the prior FY and a text trend over the range.

    The trend is a text sparkline rather than st.metric's chart, which axe flags (svg-img-alt) and which
    a screen reader cannot read.
    """
    cols = st.columns(columns)
    for i, tile in enumerate(items):
        h = tile.headline
        trend = formats.sparkline(tile.trend)
        delta = None if tile.delta is None else formats.by_kind(h.kind, tile.delta, signed=True)
        unchanged = delta is not None and not any(ch in "123456789" for ch in delta)
        note = f"vs prior FY · trend {trend}" if trend else "vs prior FY"
        with cols[i % columns]:
            st.metric(
                h.label,
                formats.by_kind(h.kind, tile.value),
                delta=delta,
                delta_color="off" if unchanged or h.key == "engagements_in_flight" else "normal",
                delta_arrow="off" if unchanged else "auto",
                delta_description=note if tile.delta is not None else None,
                help=h.definition,
                border=True,
            )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "data"


def _without_validation(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Skip Altair's JSON-schema validation when Streamlit serialises the chart: it costs about 100 ms a
    chart, and every builder's spec is validated by tests/test_charts.py instead."""
    object.__setattr__(chart, "to_dict", functools.partial(chart.to_dict, validate=False))
    return chart


def chart_with_table(chart: alt.Chart, table: pd.DataFrame, *, title: str, alt_text: str, key: str,
                     on_select: str | None = None, hide: tuple[str, ...] = ()):
    """An accessible chart: alt text, a 'show data' table of the numbers drawn and a CSV download.

    Returns the selection state when `on_select` is given.
    """
    chart = _without_validation(chart)
    if on_select:
        event = st.altair_chart(chart, alt=alt_text, key=key, on_select=on_select)
    else:
        event = st.altair_chart(chart, alt=alt_text, key=key)
    shown = table.drop(columns=[c for c in hide if c in table.columns])
    with st.expander(f"Show data: {title}", icon=":material/table:"):
        st.dataframe(shown, hide_index=True, width="stretch")
        st.download_button("Download CSV", data=safe_csv(shown), file_name=f"{_slug(title)}.csv",
                           mime="text/csv", key=f"{key}-csv", on_click="ignore", icon=":material/download:")
    return event


def empty(message: str) -> None:
    st.info(message, icon=":material/filter_alt_off:")


def picked(event, field: str) -> str | None:
    """The value of `field` in a chart's point selection (named 'pick'), or None."""
    try:
        points = event["selection"]["pick"]
    except (KeyError, TypeError):
        return None
    if isinstance(points, list) and points and isinstance(points[0], dict):
        value = points[0].get(field)
        return None if value is None else str(value)
    return None


def offer_global_filter(label: str, new_filters) -> None:
    """A button that applies a chart pick as the global filter (URL included)."""
    from ui.filters import apply_filters

    st.button(f"Apply “{label}” as the global filter", icon=":material/filter_alt:",
              on_click=apply_filters, args=(new_filters,), key=f"apply-{_slug(label)}")


PRINT_CSS = """
<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stTopNav"],
  [data-testid="stExpander"], [data-testid="stDownloadButton"], [data-testid="stButton"],
  [data-testid="stSelectbox"] { display: none !important; }
  [data-testid="stMain"] { margin-left: 0 !important; width: 100% !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; }
  [data-testid="stVegaLiteChart"], [data-testid="stTable"], [data-testid="stMetric"] { break-inside: avoid; }
  h2 { break-before: auto; break-after: avoid; }
}
</style>
"""


def print_friendly() -> None:
    """Make the browser's print / save-as-PDF show the whole page without the app chrome."""
    st.html(PRINT_CSS)


def measures_table(card: pd.DataFrame) -> pd.DataFrame:
    """A printable table of a `performance.scorecard` frame: measure, latest month, value, target, status."""
    from data_access.performance import STATUS_LABELS

    return pd.DataFrame({"Solution": card["solution"], "Measure": card["measure"],
                         "Latest": pd.to_datetime(card["month"]).dt.strftime("%b %Y"),
                         "Value": card["value"].map(lambda v: f"{v:,.2f}"), "Target": card["target"].map(lambda v: f"{v:g}"),
                         "Unit": card["unit"], "Status": card["status"].map(STATUS_LABELS)})
