"""The executive brief as an editable 16:9 PowerPoint deck, laid out on one grid with measured text.

Every slide is the blank layout with our own shapes on a 13.33 x 7.5 in page: 0.6 in side margins, a title
band (up to two lines, bottom-aligned over a short accent rule), the content area under it, and a footer with
the scope, the data-as-of date, "Illustrative demo data" when it is, and the slide number. Text is measured
with Calibri's metrics (`reports.fonts`) before it is placed: each box gets the largest size, down to a floor,
at which its lines fit, and text that does not fit at the floor continues on the next slide. Autofit is set
too, so PowerPoint shrinks text that someone later adds. Charts are rendered at exactly the content area's
size, without their title: the takeaway is the slide title. Every slide has speaker notes with the method
and the data-as-of line; the last slide holds the method, provenance and the live link.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from reports import fonts
from reports.content import BriefContent, BriefSection, BriefTable, body_sections, chart_png

# ---- the grid, in points (72 per inch) ---------------------------------------------------------------
SLIDE_W, SLIDE_H = 960.0, 540.0  # 13.333 x 7.5 in, 16:9
MARGIN = 43.2  # 0.6 in
INSET_X, INSET_Y = 3.6, 2.0  # text box insets, set explicitly so that measuring and rendering agree
GUTTER = 18.0
LINE = 1.2  # exact line spacing, times the font size
TITLE_LINE = 1.08
WIDTH_SPARE = 0.985
CHART_SCALE = 2.5  # 1 CSS px = 1 pt on the slide, drawn at 180 dpi

INK, MUTED, ACCENT, TILE_FILL, RULE = "1B1B1B", "565C65", "005EA2", "EEF3F8", "DFE1E2"


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide in points."""

    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.y + self.h


TITLE = Box(MARGIN, 22.0, SLIDE_W - 2 * MARGIN, 90.0)  # two lines at 32 pt, or three at the 24 pt floor
RULE_BAR = Box(MARGIN + INSET_X, 118.0, 72.0, 3.0)
CONTENT = Box(MARGIN, 134.0, SLIDE_W - 2 * MARGIN, 352.0)  # down to 486 pt (6.75 in)
FOOTER = Box(MARGIN, 502.0, SLIDE_W - 2 * MARGIN - 60.0, 22.0)
NUMBER = Box(SLIDE_W - MARGIN - 60.0, 502.0, 60.0, 22.0)

TITLE_SIZES = (32, 30, 28, 26, 24)  # the floor is 24 pt
BODY_SIZES = (28, 26, 24, 22, 20, 18)  # bullets and paragraphs on a full-width slide
SIDE_SIZES = (20, 18, 16)  # text beside a chart
TABLE_SIZES = (16, 14, 12)
FOOTER_SIZES = (12, 11, 10)


@dataclass(frozen=True)
class Para:
    """One paragraph of a text box: a single run (or a link at its end), one size, exact line spacing."""

    text: str
    size: float
    bold: bool = False
    color: str = INK
    bullet: bool = False
    space_before: float = 0.0
    line: float = LINE
    link: str = ""
    mark: bool = True  # False: a bullet's continuation, indented without a bullet

    @property
    def indent(self) -> float:
        return round(self.size * 1.1, 1) if self.bullet else 0.0


def emu(points: float) -> Emu:
    return Emu(round(points * 12700))


def lines_of(para: Para, box_width: float) -> list[str]:
    """The lines `para` takes in a text box `box_width` points wide (insets and hanging indent deducted), with
    1.5% to spare for PowerPoint's own glyph positioning."""
    return fonts.wrap(para.text, para.size, (box_width - 2 * INSET_X - para.indent) * WIDTH_SPARE, para.bold)


def height_of(paras: list[Para], box_width: float) -> float:
    """Height in points that `paras` need in a text box `box_width` wide, insets included."""
    return 2 * INSET_Y + sum((p.space_before if i else 0.0) + len(lines_of(p, box_width)) * p.size * p.line
                             for i, p in enumerate(paras))


def _fit(make, sizes, width: float, height: float, *, max_lines: int | None = None):
    """The paragraphs `make(size)` at the first (largest) size in `sizes` that fits `width` x `height`
    (and at most `max_lines` lines per paragraph); None if none does."""
    for size in sizes:
        paras = make(size)
        if height_of(paras, width) <= height and (
                max_lines is None or all(len(lines_of(p, width)) <= max_lines for p in paras)):
            return paras
    return None


# ---- shapes ----------------------------------------------------------------------------------------------
def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour)


def _text_box(slide, box: Box, paras: list[Para], *, anchor=MSO_ANCHOR.TOP, align=PP_ALIGN.LEFT, shape=None):
    """A text box (or the text of `shape`) holding `paras`, with explicit insets, sizes and line spacing."""
    if shape is None:
        shape = slide.shapes.add_textbox(emu(box.x), emu(box.y), emu(box.w), emu(box.h))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # PowerPoint shrinks text added later; ours already fits
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = emu(INSET_X)
    frame.margin_top = frame.margin_bottom = emu(INSET_Y)
    for i, para in enumerate(paras):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.alignment = align
        p.line_spacing = Pt(round(para.size * para.line, 2))
        p.space_before = Pt(para.space_before if i else 0)
        p.space_after = Pt(0)
        head, link = (para.text[: -len(para.link)], para.link) if para.link else (para.text, "")
        for text, url in ((head, ""), (link, link)):
            if not text:
                continue
            run = p.add_run()
            run.text = text
            font = run.font
            font.name, font.size, font.bold = fonts.DECK_TYPEFACE, Pt(para.size), para.bold
            font.color.rgb = _rgb(ACCENT if url else para.color)
            if url:
                run.hyperlink.address = url
        if para.bullet:
            _bullet(p, para.indent, para.mark)
    return shape


def _bullet(paragraph, indent: float, mark: bool) -> None:
    """A '•' bullet with a hanging indent: wrapped lines align with the text, not the bullet."""
    pPr = paragraph._p.get_or_add_pPr()
    pPr.set("marL", str(emu(indent)))
    pPr.set("indent", str(-emu(indent) if mark else 0))
    if mark:
        etree.SubElement(pPr, qn("a:buFont"), typeface=fonts.DECK_TYPEFACE)
        etree.SubElement(pPr, qn("a:buChar"), char="•")
    else:
        etree.SubElement(pPr, qn("a:buNone"))


def _rect(slide, box: Box, fill: str, *, rounded: bool = False):
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE if rounded else MSO_SHAPE.RECTANGLE,
                                   emu(box.x), emu(box.y), emu(box.w), emu(box.h))
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(fill)
    shape.line.fill.background()
    style = shape._element.find(qn("p:style"))  # the theme style adds a shadow and white text
    if style is not None:
        shape._element.remove(style)
    if rounded:
        shape.adjustments[0] = 0.06
    return shape


def _slide_number(slide, box: Box, number: int, size: float) -> None:
    """A slide-number field (it renumbers when slides move), right-aligned."""
    shape = _text_box(slide, box, [Para(str(number), size, color=MUTED)], anchor=MSO_ANCHOR.BOTTOM,
                      align=PP_ALIGN.RIGHT)
    p = shape.text_frame.paragraphs[0]._p
    run = p.find(qn("a:r"))
    fld = etree.Element(qn("a:fld"), id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", type="slidenum")
    fld.append(run.find(qn("a:rPr")))
    etree.SubElement(fld, qn("a:t")).text = str(number)
    p.replace(run, fld)


# ---- slides ----------------------------------------------------------------------------------------------
def _widen_template(prs) -> None:
    """16:9 pages, and the default template's 4:3 master and layouts stretched to match, so a slide someone
    adds later in PowerPoint gets placeholders that span the page."""
    factor = emu(SLIDE_W) / prs.slide_width
    prs.slide_width, prs.slide_height = emu(SLIDE_W), emu(SLIDE_H)
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for shape in owner.shapes:
            if shape._element.xfrm is not None:  # its own position, not one inherited from the master
                shape.left, shape.width = Emu(round(shape.left * factor)), Emu(round(shape.width * factor))


class _Deck:
    """Adds slides on the grid and keeps the footer and notes consistent."""

    def __init__(self, content: BriefContent):
        self.content = content
        self.prs = Presentation()
        _widen_template(self.prs)
        self.blank = self.prs.slide_layouts[6]
        self.notes_tail = (f"Data as of {content.as_of}. {content.provenance}. Filters: {content.scope}."
                           + (f"\nMethod: {content.method}" if content.method else ""))

    def slide(self, title: str | None, notes: str):
        slide = self.prs.slides.add_slide(self.blank)
        if title is not None:
            def make(size: float) -> list[Para]:
                return [Para(title, size, bold=True, line=TITLE_LINE)]

            # two lines down to the floor; only a title too long for that gets a third line or a smaller size
            paras = (_fit(make, TITLE_SIZES, TITLE.w, TITLE.h, max_lines=2)
                     or _fit(make, (24, 22, 20, 18, 16), TITLE.w, TITLE.h) or make(16))
            _text_box(slide, TITLE, paras, anchor=MSO_ANCHOR.BOTTOM).name = "Title"
            _rect(slide, RULE_BAR, ACCENT)
        self._footer(slide)
        slide.notes_slide.notes_text_frame.text = f"{notes}\n\n{self.notes_tail}"
        return slide

    def _footer(self, slide) -> None:
        number = len(self.prs.slides)
        texts = [f"{self.content.scope} · {self.content.as_of_line}", self.content.as_of_line]
        for text in texts:  # the scope goes when it would not fit on the line
            paras = _fit(lambda s, t=text: [Para(t, s, color=MUTED)], FOOTER_SIZES, FOOTER.w, FOOTER.h, max_lines=1)
            if paras:
                break
        else:
            paras = [Para(texts[-1], FOOTER_SIZES[-1], color=MUTED)]
        _text_box(slide, FOOTER, paras, anchor=MSO_ANCHOR.BOTTOM).name = "Footer"
        _slide_number(slide, NUMBER, number, paras[0].size)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return buffer.getvalue()


def _title_slide(deck: _Deck) -> None:
    c = deck.content
    slide = deck.slide(None, f"{c.title}: {c.scope}.")
    area = Box(MARGIN + 24.0, 90.0, SLIDE_W - 2 * MARGIN - 24.0, 370.0)

    def make(scale: float) -> list[Para]:
        return [Para(c.title, round(44 * scale), bold=True, line=TITLE_LINE),
                Para(c.scope, round(28 * scale), color=INK, space_before=round(18 * scale)),
                Para(f"Data as of {c.as_of}", round(20 * scale), color=MUTED, space_before=round(14 * scale)),
                Para(c.provenance, round(18 * scale), color=MUTED, space_before=round(6 * scale))]

    paras = _fit(make, (1.0, 0.9, 0.8, 0.7, 0.6), area.w, area.h) or make(0.5)
    h = min(area.h, height_of(paras, area.w) + 12.0)  # room to spare, so no renderer's autofit finds it tight
    box = Box(area.x, area.y + (area.h - h) / 2, area.w, h)
    _rect(slide, Box(MARGIN, box.y, 6.0, box.h), ACCENT)
    _text_box(slide, box, paras).name = "Title"


def _headlines_slide(deck: _Deck) -> None:
    c = deck.content
    tiles = c.tiles
    slide = deck.slide("Headline numbers", "Headline numbers: " + "; ".join(
        f"{t.label} {t.value}" + (f" ({t.delta})" if t.delta else "") for t in tiles) + ".")
    cols, rows = 3, max(1, -(-len(tiles) // 3))
    w = (CONTENT.w - (cols - 1) * GUTTER) / cols
    h = (CONTENT.h - (rows - 1) * GUTTER) / rows
    for i, tile in enumerate(tiles):
        box = Box(CONTENT.x + (i % cols) * (w + GUTTER), CONTENT.y + (i // cols) * (h + GUTTER), w, h)

        def make(scale: float, tile=tile) -> list[Para]:
            paras = [Para(tile.label, round(18 * scale), color=MUTED),
                     Para(tile.value, round(44 * scale), bold=True, space_before=round(4 * scale))]
            # a blank delta line when there is none keeps label and value level with the other tiles
            return paras + [Para(tile.delta or "\u00a0", round(16 * scale), color=MUTED, space_before=round(4 * scale))]

        inner = Box(box.x, box.y, box.w - 2 * 12.0, box.h - 2 * 8.0)  # the tile's own padding
        paras = _fit(make, (1.0, 0.9, 0.8, 0.7, 0.6, 0.5), inner.w, inner.h, max_lines=2) or make(0.5)
        shape = _rect(slide, box, TILE_FILL, rounded=True)
        _text_box(slide, box, paras, anchor=MSO_ANCHOR.MIDDLE, shape=shape)
        frame = shape.text_frame
        frame.margin_left = frame.margin_right = emu(12.0 + INSET_X)
        frame.margin_top = frame.margin_bottom = emu(8.0 + INSET_Y)
        shape.name = f"Tile {i + 1}"


# ---- sections: text, table and chart on the content area, continued when they do not fit ---------------
def _paras(section: BriefSection, size: float) -> list[Para]:
    gap = round(size * 0.5)
    paras = [Para(t, size, space_before=gap) for t in section.paragraphs]
    paras += [Para(t, size, bullet=True, space_before=gap) for t in section.bullets]
    if section.link:
        paras.append(Para(f"Live view: {section.link}", size, space_before=gap, link=section.link))
    return paras


def _table_height(table: BriefTable, rows: list[tuple[str, ...]], widths: list[float], size: float) -> float:
    return sum(_row_height(row, widths, size, bold=(i == 0)) for i, row in enumerate([table.columns, *rows]))


def _row_height(row, widths, size, *, bold=False) -> float:
    lines = max(len(fonts.wrap(cell, size, (w - 2 * INSET_X - 4.0) * WIDTH_SPARE, bold)) for cell, w in zip(row, widths))
    return lines * size * LINE + 2 * (INSET_Y + 2.0)


def _column_widths(table: BriefTable, width: float, size: float) -> list[float]:
    """Each column as wide as its longest text, all narrowed in proportion when the table would be wider
    than `width` (cells then wrap)."""
    need = [max(fonts.text_width(str(cell), size, bold=(i == 0)) + 2 * INSET_X + 8.0
                for i, cell in enumerate(col)) for col in zip(table.columns, *table.rows)]
    scale = min(1.0, width / sum(need))
    return [n * scale for n in need]


def _add_table(slide, box: Box, table: BriefTable, rows: list[tuple[str, ...]], size: float) -> None:
    widths = _column_widths(table, box.w, size)
    heights = [_row_height(r, widths, size, bold=(i == 0)) for i, r in enumerate([table.columns, *rows])]
    frame = slide.shapes.add_table(len(rows) + 1, len(table.columns), emu(box.x), emu(box.y), emu(sum(widths)),
                                   emu(sum(heights)))
    numeric = table.numeric
    grid = frame.table
    for j, w in enumerate(widths):
        grid.columns[j].width = emu(w)
    for i, (row, h) in enumerate(zip([table.columns, *rows], heights)):
        grid.rows[i].height = emu(h)
        for j, text in enumerate(row):
            cell = grid.cell(i, j)
            cell.margin_left = cell.margin_right = emu(INSET_X + 2.0)
            cell.margin_top = cell.margin_bottom = emu(INSET_Y + 2.0)
            _text_box(slide, box, [Para(str(text), size, bold=(i == 0), color=INK if i else "FFFFFF")],
                      align=PP_ALIGN.RIGHT if numeric[j] else PP_ALIGN.LEFT, shape=cell)
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb(ACCENT if i == 0 else ("FFFFFF" if i % 2 else TILE_FILL))


@dataclass
class _Page:
    """What one slide of a section holds: paragraphs, table rows and (on the first) the chart; `width` is its
    text column."""

    paras: list[Para]
    rows: list[tuple[str, ...]]
    size: float
    width: float


def _table_size(size: float) -> float:
    return max(TABLE_SIZES[-1], min(TABLE_SIZES[0], size - 4))


def _paginate(section: BriefSection, width: float, sizes) -> list[_Page]:
    """Paragraphs and table rows spread over the fewest slides, at the largest size giving that many: the
    first slide's text column is `width` wide, later slides use the whole content area."""
    best: list[_Page] = []
    for size in sizes:
        pages = _pack(section, size, width)
        if not best or len(pages) < len(best):
            best = pages
    return best


def _pack(section: BriefSection, size: float, first_width: float) -> list[_Page]:
    pages: list[_Page] = []

    def new_page() -> float:
        pages.append(_Page([], [], size, first_width if not pages else CONTENT.w))
        return CONTENT.h

    room = new_page()
    queue = _paras(section, size)
    while queue:
        para, page = queue.pop(0), pages[-1]
        if not page.paras:
            para = replace(para, space_before=0.0)
        base = 0.0 if page.paras else 2 * INSET_Y
        lines = lines_of(para, page.width)
        line_h = para.size * para.line
        if base + para.space_before + len(lines) * line_h <= room:
            page.paras.append(para)
            room -= base + para.space_before + len(lines) * line_h
        elif page.paras:
            queue.insert(0, para)
            room = new_page()
        else:  # taller than a whole slide: as many lines as fit here, the rest continues unmarked
            keep = max(1, int((room - base) // line_h))
            page.paras.append(replace(para, text=" ".join(lines[:keep])))
            queue.insert(0, replace(para, text=" ".join(lines[keep:]), mark=False))
            room = new_page()
    if section.table:
        table, tsize = section.table, _table_size(size)
        if pages[-1].paras:
            room -= GUTTER
        for row in table.rows:
            widths = _column_widths(table, pages[-1].width, tsize)
            header = _row_height(table.columns, widths, tsize, bold=True)
            h = _row_height(row, widths, tsize)
            if room < h + (0.0 if pages[-1].rows else header) and (pages[-1].rows or pages[-1].paras):
                room = new_page()
                widths = _column_widths(table, pages[-1].width, tsize)
                header = _row_height(table.columns, widths, tsize, bold=True)
                h = _row_height(row, widths, tsize)
            if not pages[-1].rows:
                room -= header
            pages[-1].rows.append(row)
            room -= h
    return pages


def _section_slides(deck: _Deck, section: BriefSection) -> None:
    chart = section.chart
    has_text = bool(section.paragraphs or section.bullets or section.table or section.link)
    side = (CONTENT.w - GUTTER) / 3 if chart and has_text else CONTENT.w
    pages = _paginate(section, side, SIDE_SIZES if chart else BODY_SIZES) if has_text else [
        _Page([], [], 0, side)]
    notes = f"{section.heading}." + (f" Chart: {chart.alt_text}." if chart else "")
    for n, page in enumerate(pages):
        heading = section.heading if n == 0 else f"{section.heading} (continued)"
        slide = deck.slide(heading, notes)
        y = CONTENT.y
        if page.paras:
            need = height_of(page.paras, page.width)
            table = 0.0
            if page.rows and section.table:
                tsize = _table_size(page.size)
                table = GUTTER + _table_height(section.table, page.rows,
                                               _column_widths(section.table, page.width, tsize), tsize)
            # the box takes the room left (a line's worth above a table), so LibreOffice's autofit never
            # finds it tight
            h = need + min(CONTENT.h - need - table, page.size * LINE) if table else CONTENT.h
            _text_box(slide, Box(CONTENT.x, y, page.width, h), page.paras).name = "Text"
            y += h + GUTTER
        if page.rows and section.table:
            _add_table(slide, Box(CONTENT.x, y, page.width, CONTENT.bottom - y), section.table, page.rows,
                       _table_size(page.size))
        if n == 0 and chart:
            box = Box(CONTENT.x + (side + GUTTER if has_text else 0.0), CONTENT.y,
                      CONTENT.w - (side + GUTTER if has_text else 0.0), CONTENT.h)
            png = chart_png(chart, round(box.w), round(box.h), scale=CHART_SCALE)
            picture = slide.shapes.add_picture(io.BytesIO(png), emu(box.x), emu(box.y), emu(box.w), emu(box.h))
            picture.name = "Chart"
            picture._element.nvPicPr.cNvPr.set("descr", chart.alt_text)


def to_pptx(content: BriefContent) -> bytes:
    """An editable 16:9 deck: title, headline numbers, takeaways, one slide per chart (its takeaway is the slide
    title), any further sections, then method, provenance and live link. Text that does not fit its slide at
    the floor size continues on a following slide."""
    deck = _Deck(content)
    _title_slide(deck)
    _headlines_slide(deck)
    for section in body_sections(content):
        _section_slides(deck, section)
    return deck.save()
