"""The executive brief as a US Letter portrait PDF, laid out on one grid with an embedded Unicode font.

Portrait, because the PDF is the document of the pair: it is printed on Letter paper, attached and read on
screens and phones, where a portrait page scrolls; the deck is the landscape, projected form. The grid: 0.75 in
margins (7 in of text width); on the first page the title, scope and data-as-of lines, then the six headline
tiles on a 3 x 2 grid; then the sections of `body_sections` flowing down the pages (a chart's heading is its
takeaway and stays on the page with its chart, which is drawn at exactly the text width); a running header
from the second page, and on every page a footer with the data-as-of date, "Illustrative demo data" when it
is, and "Page n of N". Text is set in Carlito (metric-compatible with Calibri, as the deck) with DejaVu Sans
for the symbols Carlito lacks, both embedded, so – — → ✓ ▲ ✗ · … print as themselves. fpdf2 wraps and
measures text with the embedded fonts, and every block is measured before it is placed, so nothing is cut.
"""

from __future__ import annotations

import io

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from fpdf.fonts import FontFace

from reports import fonts
from reports.content import BriefContent, BriefSection, BriefTable, body_sections, chart_png

PAGE_W, PAGE_H = 612.0, 792.0  # Letter, points
MARGIN = 54.0  # 0.75 in
TEXT_W = PAGE_W - 2 * MARGIN
BOTTOM = PAGE_H - 60.0  # content stops here; the footer sits below
CHART_H = round(TEXT_W * 0.46)
PX_PER_PT = 96 / 72  # charts are drawn at 96 CSS px per inch, so their 11 px labels print at 8.25 pt
CHART_SCALE = 2.0  # 192 dpi
GAP = 10.0
TILE_GUTTER, TILE_PAD = 12.0, 9.0

INK, MUTED, ACCENT, TILE_FILL = (27, 27, 27), (86, 92, 101), (0, 94, 162), (238, 243, 248)
FAMILY, SYMBOLS = "Carlito", "DejaVu"


class _BriefPDF(FPDF):
    def __init__(self, content: BriefContent):
        super().__init__(orientation="portrait", unit="pt", format="Letter")
        self.content = content
        self.add_font(FAMILY, "", fonts.CARLITO)
        self.add_font(FAMILY, "B", fonts.CARLITO_BOLD)
        self.add_font(SYMBOLS, "", fonts.DEJAVU)
        self.set_fallback_fonts([SYMBOLS], exact_match=False)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=PAGE_H - BOTTOM)
        self.set_title(content.title)
        self.set_subject(content.scope)
        self.set_lang("en-US")
        self.set_creator("QSMO Performance Dashboard")
        self.alias_nb_pages()

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.style(8.5, color=MUTED)
        self.set_xy(MARGIN, 24.0)
        text = f"{self.content.title} · {self.content.scope}"
        if fonts.text_width(text, 8.5) > TEXT_W:  # the scope is on the first page; the title always fits
            text = self.content.title
        self.multi_cell(TEXT_W, 10.0, text, align=Align.L)
        self.set_y(MARGIN)

    def footer(self) -> None:
        self.style(8.5, color=MUTED)
        y = PAGE_H - 44.0
        self.set_draw_color(223, 225, 226)
        self.line(MARGIN, y - 4.0, PAGE_W - MARGIN, y - 4.0)
        self.set_xy(MARGIN, y)
        self.cell(TEXT_W - 90.0, 12.0, self.content.as_of_line, align=Align.L)
        self.set_xy(PAGE_W - MARGIN - 90.0, y)
        self.cell(90.0, 12.0, f"Page {self.page_no()} of {{nb}}", align=Align.R)

    def style(self, size: float, *, bold: bool = False, color=INK) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        self.set_text_color(*color)

    def paragraph(self, text: str, size: float, *, bold: bool = False, color=INK, indent: float = 0.0,
                  line: float = 1.3, link: str = "") -> None:
        """Wrapped text at the left margin plus `indent`; it continues on the next page if it must."""
        self.style(size, bold=bold, color=color)
        self.set_x(MARGIN + indent)
        self.multi_cell(TEXT_W - indent, size * line, text, align=Align.L, link=link or None,
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def height_of(self, text: str, size: float, *, bold: bool = False, indent: float = 0.0, line: float = 1.3) -> float:
        self.style(size, bold=bold)
        return float(self.multi_cell(TEXT_W - indent, size * line, text, align=Align.L, dry_run=True,  # type: ignore[arg-type]
                                     output="HEIGHT"))

    def room(self) -> float:
        return BOTTOM - self.get_y()

    def keep(self, height: float) -> None:
        """Start a new page unless `height` points fit on this one."""
        if height > self.room():
            self.add_page()


def _cover(pdf: _BriefPDF) -> None:
    c = pdf.content
    pdf.set_y(MARGIN)
    pdf.paragraph(c.title, 24, bold=True, line=1.15)
    pdf.ln(2)
    pdf.paragraph(c.scope, 13)
    pdf.ln(2)
    pdf.paragraph(f"Data as of {c.as_of}. {c.provenance}.", 10, color=MUTED)
    y = pdf.get_y() + 6.0
    pdf.set_fill_color(*ACCENT)
    pdf.rect(MARGIN, y, 54.0, 2.5, style="F")
    pdf.set_y(y + 14.0)


def _tiles(pdf: _BriefPDF) -> None:
    """The headline tiles on a 3-column grid; every tile as tall as the tallest, label, value and delta level."""
    tiles = pdf.content.tiles
    if not tiles:
        return
    w = (TEXT_W - 2 * TILE_GUTTER) / 3
    inner = w - 2 * TILE_PAD
    labels = [fonts.wrap(t.label, 9.5, inner) for t in tiles]
    deltas = [fonts.wrap(t.delta, 8.5, inner) for t in tiles]
    values = [next((s for s in (20, 18, 16, 14, 12, 10) if fonts.text_width(t.value, s, True) <= inner), 10)
              for t in tiles]
    label_h, delta_h = max(map(len, labels)) * 9.5 * 1.2, max(map(len, deltas)) * 8.5 * 1.2
    value_h = 20 * 1.2
    tile_h = 2 * TILE_PAD + label_h + 2.0 + value_h + 2.0 + delta_h
    rows = -(-len(tiles) // 3)
    pdf.keep(rows * tile_h + (rows - 1) * TILE_GUTTER)
    top = pdf.get_y()
    for i, tile in enumerate(tiles):
        x, y = MARGIN + (i % 3) * (w + TILE_GUTTER), top + (i // 3) * (tile_h + TILE_GUTTER)
        pdf.set_fill_color(*TILE_FILL)
        pdf.rect(x, y, w, tile_h, style="F", round_corners=True, corner_radius=4.0)
        pdf.style(9.5, color=MUTED)
        pdf.set_xy(x + TILE_PAD, y + TILE_PAD)
        pdf.multi_cell(inner, 9.5 * 1.2, "\n".join(labels[i]), align=Align.L)
        pdf.style(values[i], bold=True)
        pdf.set_xy(x + TILE_PAD, y + TILE_PAD + label_h + 2.0 + (value_h - values[i] * 1.2))
        pdf.cell(inner, values[i] * 1.2, tile.value, align=Align.L)
        pdf.style(8.5, color=MUTED)
        pdf.set_xy(x + TILE_PAD, y + TILE_PAD + label_h + 2.0 + value_h + 2.0)
        pdf.multi_cell(inner, 8.5 * 1.2, "\n".join(deltas[i]), align=Align.L)
    pdf.set_xy(MARGIN, top + rows * tile_h + (rows - 1) * TILE_GUTTER + 16.0)


def _heading(pdf: _BriefPDF, text: str, then: float) -> None:
    """A section heading, on a new page if it and the first `then` points of what follows would not fit."""
    pdf.keep(pdf.height_of(text, 14, bold=True, line=1.2) + 4.0 + then)
    pdf.paragraph(text, 14, bold=True, line=1.2)
    pdf.ln(4.0)


def _table(pdf: _BriefPDF, table: BriefTable) -> None:
    widths = [max(fonts.text_width(str(cell), 9.5, bold=(i == 0)) for i, cell in enumerate(col)) + 12.0
              for col in zip(table.columns, *table.rows)]
    pdf.style(9.5)
    pdf.set_draw_color(223, 225, 226)
    heading = FontFace(family=FAMILY, emphasis="BOLD", color=(255, 255, 255), fill_color=ACCENT)
    with pdf.table(col_widths=widths, width=min(TEXT_W, sum(widths)), align="LEFT", line_height=9.5 * 1.3, padding=3,
                   text_align=tuple("RIGHT" if n else "LEFT" for n in table.numeric), headings_style=heading,
                   cell_fill_color=TILE_FILL, cell_fill_mode="ROWS", first_row_as_headings=True,
                   repeat_headings=1) as grid:
        for row in [table.columns, *table.rows]:
            cells = grid.row()
            for cell in row:
                cells.cell(str(cell))
    pdf.ln(GAP)


def _section(pdf: _BriefPDF, section: BriefSection) -> None:
    body = [(t, 0.0) for t in section.paragraphs] + [(t, 12.0) for t in section.bullets]
    heights = [pdf.height_of(text, 10.5, indent=indent) + 4.0 for text, indent in body]
    heights += [10.5 * 1.3 + 4.0] if section.link else []
    whole = sum(heights) + (CHART_H if section.chart else 0.0)
    # a section that fits on a page stays together; a longer one keeps its heading with what comes first
    _heading(pdf, section.heading, whole if whole <= BOTTOM - MARGIN - 60.0 else (heights or [CHART_H])[0])
    for text, indent in body:
        pdf.keep(min(pdf.height_of(text, 10.5, indent=indent), 3 * 10.5 * 1.3))  # at least three lines together
        if indent:
            y = pdf.get_y()
            pdf.style(10.5)
            pdf.set_xy(MARGIN, y)
            pdf.cell(indent, 10.5 * 1.3, "•")
            pdf.set_xy(MARGIN + indent, y)
        pdf.paragraph(text, 10.5, indent=indent)
        pdf.ln(4.0)
    if section.link:
        pdf.keep(10.5 * 1.3)
        pdf.paragraph(f"Live view: {section.link}", 10.5, color=ACCENT, link=section.link)
        pdf.ln(4.0)
    if section.table:
        _table(pdf, section.table)
    if section.chart:
        pdf.keep(CHART_H)
        png = chart_png(section.chart, round(TEXT_W * PX_PER_PT), round(CHART_H * PX_PER_PT), scale=CHART_SCALE)
        pdf.image(io.BytesIO(png), x=MARGIN, y=pdf.get_y(), w=TEXT_W, h=CHART_H, alt_text=section.chart.alt_text)
        pdf.set_y(pdf.get_y() + CHART_H)
    pdf.ln(18.0)


def to_pdf(content: BriefContent) -> bytes:
    """A Letter portrait PDF brief: title, scope and data-as-of; headline tiles; takeaways; one section per
    chart with its takeaway as heading; further sections; method, provenance and the live link."""
    pdf = _BriefPDF(content)
    pdf.add_page()
    _cover(pdf)
    _tiles(pdf)
    for section in body_sections(content):
        _section(pdf, section)
    return bytes(pdf.output())
