"""Shared page components: the page header with provenance, headline tiles, figures with their data and CSV,
tables with a safe CSV, and chart picks that can become the global filter."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from charts.figure import Figure
from charts.headlines import TileText
from charts.labels import provenance_sentence
from charts.text import md
from data_access.export import safe_csv
from data_access.filters import Filters
from ui import state
from ui.filters import apply_filters, describe, url_problems


def page_header(title: str, question: str, filters: Filters, *, title_is_data: bool = False) -> None:
    """Title, the question the page answers, the provenance banner, any problems in the link and the filters.

    `title_is_data` marks a title that came from the database (an organization's name): it is escaped.
    """
    st.title(md(title) if title_is_data else title)
    st.caption(question)
    prov = state.provenance()
    if prov.source in ("demo", "mixed"):
        sentence = provenance_sentence(prov)
        head, _, rest = sentence.partition(" — ")
        st.info(f"**{head}** — {rest}", icon=":material/info:")
    else:
        st.caption(provenance_sentence(prov))
    for problem in url_problems():
        st.warning(problem, icon=":material/link_off:")
    st.caption(f"Showing {describe(filters)}")  # validated codes only: nothing to escape


def tiles(items: Sequence[TileText], columns: int = 3) -> None:
    """Headline metrics with the change against the prior FY and a text trend.

    The trend is a text sparkline rather than st.metric's chart, which axe flags (svg-img-alt) and which a
    screen reader cannot read.
    """
    cols = st.columns(columns)
    for i, tile in enumerate(items):
        with cols[i % columns]:
            with st.container(border=True):
                st.metric(tile.label, tile.value, delta=tile.delta or None,
                          delta_color="off" if tile.neutral else "normal",
                          delta_arrow="off" if tile.unchanged else "auto", help=tile.definition)
                if tile.note:
                    st.caption(tile.note)


def values(items: Sequence[tuple[str, str]]) -> None:
    """A row of labelled values (already formatted), drawn like the headline tiles but without a change."""
    for col, (label, value) in zip(st.columns(len(items)), items):
        col.metric(label, value, border=True)


def cards(items: Sequence[Sequence[str]]) -> None:
    """A row of bordered cards, each a list of markdown paragraphs (stored values already escaped)."""
    for col, paragraphs in zip(st.columns(max(1, len(items))), items):
        with col, st.container(border=True):
            for paragraph in paragraphs:
                st.markdown(paragraph)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "data"


def _without_validation(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Skip Altair's JSON-schema validation when Streamlit serialises the chart: it costs about 100 ms a chart,
    and every figure builder's spec is validated by tests/test_charts.py instead."""
    object.__setattr__(chart, "to_dict", functools.partial(chart.to_dict, validate=False))
    return chart


def figure(fig: Figure) -> Any:
    """Draw `fig`: its takeaway title and how to read it as text (they wrap at any width), the chart with its alt
    text, then a 'Show data' panel with the table and a safe CSV.

    Returns the chart's selection state when the figure is clickable (`fig.pick`), else None.
    """
    st.markdown(f"#### {md(fig.title, limit=300)}")
    if fig.subtitle:
        st.caption(md(fig.subtitle, limit=600))
    chart: Any = _without_validation(fig.chart)
    event: Any = None
    if fig.pick:
        event = st.altair_chart(chart, alt=fig.alt_text, key=fig.key, on_select="rerun")
    else:
        st.altair_chart(chart, alt=fig.alt_text, key=fig.key)
    with st.expander(f"Show data: {md(fig.title)}", icon=":material/table:"):
        table(fig.shown_table, key=fig.key, name=fig.title)
    return event


def show(fig: Figure | None, empty_message: str) -> Any:
    """Draw `fig` with `figure`, or say `empty_message` when the builder had nothing to draw (None)."""
    if fig is None:
        empty(empty_message)
        return None
    return figure(fig)


# Column formats for tables that show a share 0-1 as a bar ("SLA attainment") and prices in dollars.
MONEY_AND_SHARE: dict[str, Any] = {
    "SLA attainment": st.column_config.ProgressColumn(format="percent", min_value=0, max_value=1),
    "Unit price ($)": st.column_config.NumberColumn(format="dollar")}


def printable(df: pd.DataFrame | None, empty_message: str) -> None:
    """A static table that prints whole (st.table), or `empty_message` when there is nothing to show (None)."""
    if df is None or df.empty:
        empty(empty_message)
    else:
        st.table(df)


def table(df: pd.DataFrame | Any, *, key: str, name: str, column_config: dict[str, Any] | None = None,
          on_select: bool = False) -> Any:
    """A sortable table with a 'Download CSV' button whose formula-like cells are neutralised.

    `df` may be a pandas Styler (the CSV is written from its data). Returns the selection event when
    `on_select` (single-row selection).
    """
    data = df.data if hasattr(df, "data") and not isinstance(df, pd.DataFrame) else df
    kwargs: dict[str, Any] = {"hide_index": True, "width": "stretch", "column_config": column_config}
    if on_select:
        kwargs.update(on_select="rerun", selection_mode="single-row", key=f"{key}-table")
    event = st.dataframe(df, **kwargs)
    st.download_button("Download CSV", data=safe_csv(data), file_name=f"{_slug(name)}.csv", mime="text/csv",
                       key=f"{key}-csv", on_click="ignore", icon=":material/download:")
    return event


def empty(message: str) -> None:
    """The message shown where a figure has nothing to draw for the filters."""
    st.info(message, icon=":material/filter_alt_off:")


def picked(event: Any, field: str) -> str | None:
    """The value of `field` in a chart's point selection (named 'pick'), or None."""
    try:
        points = event["selection"]["pick"]
    except (KeyError, TypeError):
        return None
    if isinstance(points, list) and points and isinstance(points[0], dict):
        value = points[0].get(field)
        return None if value is None else str(value)
    return None


def offer_global_filter(label: str, new_filters: Filters) -> None:
    """A button that applies a chart pick as the global filter (URL included)."""
    st.button(f"Apply “{md(label)}” as the global filter", icon=":material/filter_alt:",
              on_click=apply_filters, args=(new_filters,), key=f"apply-{_slug(label)}")


def narrowed(message: str) -> None:
    """Say that a chart pick narrowed the page (`message` is markdown we wrote, values already escaped)."""
    st.success(message, icon=":material/filter_alt:")


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

