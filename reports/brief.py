"""The executive brief: the current view's headline numbers, key charts, generated takeaways, filters,
data-as-of, provenance and method, as a PDF (fpdf2) or an editable PowerPoint deck (python-pptx).

Content comes from the data layer (`brief_content`); the two writers only lay it out, so the numbers in
a brief are the numbers on screen. Charts are the dashboard's own Altair builders rendered by vl-convert.
"""

from __future__ import annotations

import io
from datetime import date

from sqlalchemy import Engine

from charts import overview as overview_figures
from charts import performance as performance_figures
from charts.figure import Figure
from charts.headlines import tile_text
from charts.highlights import highlight_sentences
from charts.labels import provenance_label
from charts.text import plain
from data_access import adoption, catalog, headlines, performance, savings
from data_access.filters import Filters
from data_access.fiscal import as_of_label
from reports.content import BriefChart, BriefContent, BriefTile, chart_png

METHOD_NOTE = (
    "Net savings = legacy baseline cost - run cost - one-time migration cost, per fiscal year (federal fiscal years "
    "start 1 October). Customer agencies count organizations with an operational engagement at year end; SLA "
    "attainment is the share of monthly service-measure values meeting target; satisfaction is the "
    "response-weighted mean on the 7-point mission-support scale. Years after the data-as-of date are projections."
)


def _chart(fig: Figure) -> BriefChart:
    return BriefChart(fig.title, fig.chart.to_dict(), fig.alt_text)


def brief_content(engine: Engine, *, filters: Filters, as_of: date, scope: str, link: str = "") -> BriefContent:
    """The brief for `filters` (`scope` describes them in words): the same figures and numbers as the pages."""
    f = filters
    prov = catalog.provenance(engine)
    markets = catalog.marketplaces(engine)
    names = dict(zip(markets["code"], markets["short_name"]))
    series = headlines.headline_series(engine, filters=f, as_of=as_of)
    tiles = headlines.headline_tiles(series, f.selected_fy)
    texts = [tile_text(t, f.selected_fy) for t in tiles]
    brief_tiles = [BriefTile(t.label, t.value, f"{t.delta} {t.note.split(' · ')[0]}".strip() if t.delta else "")
                   for t in texts]
    sentences = highlight_sentences(savings.savings_by_organization(engine, filters=f, as_of=as_of),
                                    adoption.at_risk_engagements(engine, filters=f, as_of=as_of),
                                    performance.provider_comparison(engine, filters=f, as_of=as_of), f)
    by_key = {t.headline.key: t for t in tiles}
    sla = performance.sla_by_quarter(engine, filters=f, as_of=as_of)
    figures: list[Figure | None] = [
        overview_figures.net_savings(savings.net_savings_by_fy_marketplace(engine, filters=f, as_of=as_of), names,
                                     f.selected_fy),
        overview_figures.stages(adoption.adoption_by_stage(engine, filters=f, as_of=as_of), names, f.selected_fy),
        None if sla.empty else performance_figures.sla_quarters(sla, names, by_key["sla_attainment"].value,
                                                                f.selected_fy)]
    return BriefContent(title="QSMO Performance Brief", scope=scope, as_of=as_of_label(as_of),
                        provenance=provenance_label(prov), tiles=brief_tiles,
                        takeaways=[plain(s) for s in sentences][:5], charts=[_chart(fig) for fig in figures if fig is not None],
                        link=link, method=METHOD_NOTE)


# ---- PDF ---------------------------------------------------------------------------------------
_ASCII = {"–": "-", "—": "-", "→": "->", "−": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "≥": ">=", "≤": "<=",
          "✓": "", "▲": "", "✗": "", "·": "-", "…": "...", "÷": "/", "×": "x"}


def _latin1(text: str) -> str:
    """The PDF's built-in fonts are Latin-1: replace typographic characters with plain equivalents."""
    for k, v in _ASCII.items():
        text = text.replace(k, v)
    return text.encode("latin-1", "replace").decode("latin-1")


def to_pdf(content: BriefContent) -> bytes:
    """A Letter-size PDF brief."""
    from fpdf import FPDF

    pdf = FPDF(format="Letter")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title(content.title)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(0, 10, _latin1(content.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for line in (f"Filters: {content.scope}", f"Data as of {content.as_of}. {content.provenance}."):
        pdf.multi_cell(0, 5, _latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    width = (pdf.w - pdf.l_margin - pdf.r_margin) / 3
    for i, tile in enumerate(content.tiles):
        x, y = pdf.l_margin + (i % 3) * width, pdf.get_y()
        pdf.set_xy(x, y)
        pdf.set_font("Helvetica", "", 9)
        pdf.cell(width - 2, 5, _latin1(tile.label))
        pdf.set_xy(x, y + 5)
        pdf.set_font("Helvetica", "B", 16)
        pdf.cell(width - 2, 8, _latin1(tile.value))
        pdf.set_xy(x, y + 13)
        pdf.set_font("Helvetica", "", 8)
        pdf.cell(width - 2, 4, _latin1(tile.delta))
        pdf.set_xy(pdf.l_margin, y + (20 if i % 3 == 2 else 0))
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(0, 8, "Takeaways", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for sentence in content.takeaways:
        pdf.multi_cell(0, 5, _latin1(f"- {sentence}"), new_x="LMARGIN", new_y="NEXT")
    for chart in content.charts:
        if pdf.get_y() > pdf.h - 110:
            pdf.add_page()
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 11)
        pdf.multi_cell(0, 5, _latin1(chart.title), new_x="LMARGIN", new_y="NEXT")
        png = chart_png(chart, 640, 300)
        pdf.image(io.BytesIO(png), w=pdf.w - pdf.l_margin - pdf.r_margin, alt_text=_latin1(chart.alt_text))
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 6, "Method", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 8)
    pdf.multi_cell(0, 4, _latin1(METHOD_NOTE), new_x="LMARGIN", new_y="NEXT")
    if content.link:
        pdf.multi_cell(0, 4, _latin1(f"Live view: {content.link}"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# ---- PowerPoint --------------------------------------------------------------------------------
def to_pptx(content: BriefContent) -> bytes:
    """An editable 16:9 deck: title, headlines, takeaways, one slide per chart, method."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    title_layout, content_layout, blank_title = deck.slide_layouts[0], deck.slide_layouts[1], deck.slide_layouts[5]

    slide = deck.slides.add_slide(title_layout)
    slide.shapes.title.text = content.title
    slide.placeholders[1].text = f"{content.scope}\nData as of {content.as_of}\n{content.provenance}"

    slide = deck.slides.add_slide(blank_title)
    slide.shapes.title.text = "Headline numbers"
    for i, tile in enumerate(content.tiles):
        box = slide.shapes.add_textbox(Inches(0.6 + (i % 3) * 4.1), Inches(1.8 + (i // 3) * 2.4), Inches(3.9), Inches(2))
        frame = box.text_frame
        frame.text = tile.label
        value = frame.add_paragraph()
        value.text = tile.value
        value.font.size, value.font.bold = Pt(36), True
        delta = frame.add_paragraph()
        delta.text = tile.delta
        delta.font.size = Pt(14)

    slide = deck.slides.add_slide(content_layout)
    slide.shapes.title.text = "Takeaways"
    body = slide.placeholders[1].text_frame
    body.text = content.takeaways[0] if content.takeaways else "No highlights for these filters."
    for sentence in content.takeaways[1:]:
        body.add_paragraph().text = sentence

    for chart in content.charts:
        slide = deck.slides.add_slide(blank_title)
        slide.shapes.title.text = chart.title
        png = chart_png(chart, 1100, 480)
        slide.shapes.add_picture(io.BytesIO(png), Inches(1.2), Inches(1.6), height=Inches(5.4))
        slide.notes_slide.notes_text_frame.text = f"{chart.title}. Filters: {content.scope}."

    slide = deck.slides.add_slide(content_layout)
    slide.shapes.title.text = "Method and data"
    body = slide.placeholders[1].text_frame
    body.text = METHOD_NOTE
    body.add_paragraph().text = f"Data as of {content.as_of}. {content.provenance}."
    if content.link:
        body.add_paragraph().text = f"Live view: {content.link}"
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
