"""The executive brief: the current view's headline numbers, key charts, generated takeaways, filters,
data-as-of, provenance and method, as a PDF (fpdf2) or an editable PowerPoint deck (python-pptx).

Content comes from the data layer (`brief_content`); the two writers only lay it out, so the numbers in
a brief are the numbers on screen. Charts are the dashboard's own Altair builders rendered by vl-convert.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from charts import overview as overview_figures
from charts import performance as performance_figures
from charts.figure import Figure
from charts.headlines import brief_delta, tile_text
from charts.highlights import highlight_queries, highlight_sentences
from charts.labels import provenance_label
from charts.text import plain
from data_access import adoption, catalog, headlines, performance, savings
from data_access.filters import Filters
from data_access.fiscal import as_of_label
from reports.content import BriefChart, BriefContent, BriefTile
from reports.pdf import to_pdf
from reports.pptx import to_pptx

__all__ = ["brief_content", "to_pdf", "to_pptx"]

METHOD_NOTE = (
    "Net savings = legacy baseline cost - run cost - one-time migration cost, per fiscal year (federal fiscal years "
    "start 1 October). Customer agencies are counted as GAO counts them. A service meets its target when at least "
    "90 % of its customer-months met it (SLA attainment is that share). Satisfaction is the response-weighted mean "
    "on the 7-point mission-support scale. Years after the data-as-of date are projections, marked as such."
)


def _chart(fig: Figure) -> BriefChart:
    """The figure for the brief: its takeaway becomes the slide or section title; how to read it stays under it."""
    spec = fig.chart.to_dict()
    if fig.subtitle:
        spec["title"] = {"text": "", "subtitle": fig.subtitle, "anchor": "start", "subtitleFontSize": 12}
    return BriefChart(fig.title, spec, fig.alt_text)


def brief_content(engine: Engine, *, filters: Filters, as_of: date, scope: str, link: str = "") -> BriefContent:
    """The brief for `filters` (`scope` describes them in words): the same figures and numbers as the pages."""
    f = filters
    prov = catalog.provenance(engine)
    markets = catalog.marketplaces(engine)
    names = dict(zip(markets["code"], markets["short_name"]))
    series = headlines.headline_series(engine, filters=f, as_of=as_of)
    tiles = headlines.headline_tiles(series, f.selected_fy)
    texts = [tile_text(t, f.selected_fy) for t in tiles]
    brief_tiles = [BriefTile(t.label, t.value, brief_delta(t, f.selected_fy)) for t in texts]
    frames = [fn(engine, filters=f, as_of=as_of, **options) for fn, options in highlight_queries(f)]
    sentences = highlight_sentences(frames, f, as_of)
    by_key = {t.headline.key: t for t in tiles}
    sla = performance.sla_by_quarter(engine, filters=f, as_of=as_of)
    figures: list[Figure | None] = [
        overview_figures.net_savings(savings.net_savings_by_fy_marketplace(engine, filters=f, as_of=as_of), names,
                                     f.selected_fy),
        overview_figures.stages(adoption.adoption_by_stage(engine, filters=f, as_of=as_of), names, f.selected_fy,
                                as_of),
        None if sla.empty else performance_figures.sla_quarters(sla, names, by_key["sla_attainment"].value,
                                                                f.selected_fy)]
    return BriefContent(title="QSMO Performance Brief", scope=scope, as_of=as_of_label(as_of),
                        provenance=provenance_label(prov), tiles=brief_tiles,
                        takeaways=[plain(s) for s in sentences][:5], charts=[_chart(fig) for fig in figures if fig is not None],
                        link=link, method=METHOD_NOTE)
