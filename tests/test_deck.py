"""The brief as a recipient sees it: the deck rendered by LibreOffice, and the PDF, checked for layout.

Every shape lies on its 16:9 slide, every text box holds its lines (measured with the same Calibri/Carlito
metrics LibreOffice renders with), chart pictures fill the content area exactly, and the rendered pages carry
every takeaway and headline value whole. Page images go to test-results/deck/ for a person to look at.
LibreOffice and pdftoppm are required: the test fails, never skips, without them.
"""

from __future__ import annotations

import html
import io
import math
import re
import shutil
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pptx.util import Emu
from pypdf import PdfReader

from data_access import catalog
from data_access.db import make_engine
from data_access.filters import Filters
from reports import fonts
from reports.brief import brief_content
from reports.content import ILLUSTRATIVE, BriefChart, BriefContent, BriefSection, BriefTable, BriefTile, chart_png
from reports.pdf import to_pdf
from reports.pptx import CONTENT, SLIDE_H, SLIDE_W, TITLE, to_pptx
from seed import seed_database

ROOT = Path(__file__).resolve().parent.parent
PICTURES = ROOT / "test-results" / "deck"
INSTALL = ("bash scripts/install-system-deps.sh (Debian: apt-get install -y --no-install-recommends "
           "libreoffice-impress fonts-crosextra-carlito fonts-dejavu-core poppler-utils)")
SYMBOLS = "– — → ✓ ▲ ✗ · …"
SCOPES = {  # name: filters, their words, the live link's query
    "all": (Filters(fy_from=2020, fy_to=2026), "All agencies", ""),
    "nps": (Filters(fy_from=2020, fy_to=2026, organizations=("NPS",), provider_type="commercial"),
            "agencies: NPS · provider: commercial", "?agency=NPS&provider=commercial"),
}


def _pt(length) -> float:
    return Emu(length).pt


def _stress(base: BriefContent) -> BriefContent:
    """The real content stretched to its limits: long title and scope, takeaways with every symbol we use, and
    the optional sections (projection with chart and table, goals table longer than a slide, long notes)."""
    long = ("Department of the Interior components moved {n} payroll and core financial systems to shared "
            "providers → savings of $12.{n}M a year — ahead of plan (✓ met, ▲ near, ✗ missed · FY2020–FY2026)…")
    goals = BriefTable(("Goal", "Target", "FY2026", "Status"),
                       tuple((f"Goal {i}: customer agencies on a shared {m} service", "90%", f"{80 + i % 15}%",
                              ("✓ meets", "▲ near", "✗ misses")[i % 3]) for i, m in
                             zip(range(1, 25), ["payroll", "financial", "grants", "security"] * 6)))
    return replace(
        base,
        title="QSMO Performance Brief for the Department of the Interior and its bureaus, FY2020 – FY2026",
        scope="agencies: DOI, NPS, FWS, BLM, USGS, BOR, OSMRE, BIA, BSEE, BOEM · marketplaces: FM, HR, GRANTS · "
              "FY2020–FY2026 · provider: commercial",
        tiles=[*base.tiles[:5], BriefTile("Customer satisfaction (7-point mission-support scale)", "5.42 / 7",
                                          "+0.06 vs FY2025 ▲")],
        takeaways=[long.format(n=n) for n in range(5)],
        charts=[replace(c, title=c.title + " across every marketplace and provider in scope") for c in base.charts],
        sections=[
            BriefSection("Scenario: if the 14 engagements in flight go live as forecast, FY2028 net savings reach "
                         "$412.7M, up 38%", paragraphs=("Assumptions: run costs as in FY2026; migration costs as "
                                                        "planned; no further slips.",),
                         bullets=("Baseline cost falls with each go-live.", "One-time migration cost in the go-live year."),
                         chart=base.charts[0], table=BriefTable(("FY", "Net savings"), (("FY2027", "$301.2M"),
                                                                                        ("FY2028", "$412.7M")))),
            BriefSection("Goals with status", table=goals),
            BriefSection("Notes", bullets=tuple(long.format(n=n) + " " + long.format(n=n + 1) for n in range(9))),
        ],
        method=base.method + " " + base.method)


@pytest.fixture(scope="module")
def briefs(tmp_path_factory) -> dict[str, BriefContent]:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('deck') / 'demo.db'}")
    seed_database(engine)
    as_of = catalog.provenance(engine).as_of
    out = {name: brief_content(engine, filters=f, as_of=as_of, scope=words, link=f"http://localhost:8501/{query}")
           for name, (f, words, query) in SCOPES.items()}
    out["stress"] = _stress(out["all"])
    engine.dispose()
    return out


@pytest.fixture(scope="module")
def rendered(briefs, tmp_path_factory) -> dict[str, dict]:
    """Each brief as PPTX bytes, the deck as LibreOffice renders it (PDF), and the PDF brief; page images saved."""
    if not shutil.which("soffice") or not shutil.which("pdftoppm") or not shutil.which("fc-match"):
        pytest.fail(f"LibreOffice (soffice) and pdftoppm are needed to render the brief as a recipient sees it: {INSTALL}")
    calibri = subprocess.run(["fc-match", "Calibri"], capture_output=True, text=True).stdout
    if "Carlito" not in calibri:
        pytest.fail(f"LibreOffice must render Calibri with Carlito (fc-match Calibri gave {calibri!r}): {INSTALL}")
    work = tmp_path_factory.mktemp("render")
    out = {name: {"pptx": to_pptx(c), "pdf": to_pdf(c)} for name, c in briefs.items()}
    for name, r in out.items():
        (work / f"deck-{name}.pptx").write_bytes(r["pptx"])
    subprocess.run(["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(work), *(str(work / f"deck-{n}.pptx") for n in out)],
                   check=True, capture_output=True, timeout=240)
    PICTURES.mkdir(parents=True, exist_ok=True)
    for old in PICTURES.glob("*.png"):
        old.unlink()
    for name, r in out.items():
        r["rendered"] = (work / f"deck-{name}.pdf").read_bytes()
        (work / f"brief-{name}.pdf").write_bytes(r["pdf"])
        r["pages"] = {"rendered": _pages(work / f"deck-{name}.pdf"), "pdf": _pages(work / f"brief-{name}.pdf")}
        for kind in ("deck", "brief"):
            subprocess.run(["pdftoppm", "-r", "60", "-png", str(work / f"{kind}-{name}.pdf"), str(PICTURES / f"{kind}-{name}")],
                           check=True, timeout=120)
    return out


def _paragraph_text(p) -> tuple[str, float, bool]:
    """A paragraph's text, font size and weight as written (runs and fields, e.g. the slide number)."""
    runs = p._p.xpath("./a:r | ./a:fld")
    props = [r.find(qn("a:rPr")) for r in runs]
    sizes, bold = {rpr.get("sz") for rpr in props}, {rpr.get("b") == "1" for rpr in props}
    assert len(sizes) == 1 and None not in sizes and len(bold) == 1, f"one explicit size and weight: {p.text!r}"
    return "".join(r.xpath("string(./a:t)") for r in runs), int(sizes.pop()) / 100, bold.pop()


def _needed_height(paragraphs, width: float, insets: tuple[float, float, float, float]) -> float:
    """Height `paragraphs` need in a box `width` points wide with (left, right, top, bottom) insets, from the
    file's own sizes, exact line spacing and indents, measured with the fonts LibreOffice renders with."""
    left, right, top, bottom = insets
    total = top + bottom
    for i, p in enumerate(paragraphs):
        text, size, bold = _paragraph_text(p)
        assert p.line_spacing is not None and not isinstance(p.line_spacing, float), "exact line spacing"
        indent = _pt(int(p._p.pPr.get("marL", 0))) if p._p.pPr is not None else 0.0
        lines = len(fonts.wrap(text, size, width - left - right - indent, bold))
        total += (p.space_before.pt if i and p.space_before is not None else 0.0) + lines * p.line_spacing.pt
    return total


def _shapes(deck):
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            yield number, slide, shape


def _compact(text: str) -> str:
    return "".join(text.split())


@dataclass(frozen=True)
class _Page:
    width: float
    height: float
    words: list[tuple[float, float, float, float, str]]  # x0, y0, x1, y1 (from the top), text

    @property
    def text(self) -> str:
        return " ".join(w[-1] for w in self.words)


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>')


def _pages(path: Path) -> list[_Page]:
    """Each page's words with their boxes, in poppler's reading order. (Plain pdftotext joins words hyphenated
    at a line end; pypdf puts glyphs drawn in a fallback font, such as ✓, at the end of their line.)"""
    out = subprocess.run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return [_Page(float(w), float(h), [(*map(float, m[:4]), html.unescape(m[4])) for m in _WORD.findall(body)])
            for w, h, body in _PAGE.findall(out)]


def _text_outside(pages: list[_Page]) -> list[str]:
    """Words drawn beyond their page's edges."""
    return [f"page {n}: {w[-1]!r} at {w[:4]}" for n, page in enumerate(pages, start=1) for w in page.words
            if w[0] < 0 or w[1] < 0 or w[2] > page.width or w[3] > page.height]


def _font_sizes(pdf: bytes) -> set[float]:
    sizes: set[float] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: sizes.add(
            round(size * math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1]), 1)) if text.strip() else None)
    return sizes


def _written_sizes(deck) -> set[float]:
    return {round(int(rpr) / 100, 1) for slide in deck.slides for rpr in slide.shapes._spTree.xpath(".//a:rPr/@sz")}


@pytest.mark.parametrize("name", ["all", "nps", "stress"])
def test_every_shape_lies_on_its_slide(rendered, name):
    deck = Presentation(io.BytesIO(rendered[name]["pptx"]))
    assert (_pt(deck.slide_width), _pt(deck.slide_height)) == pytest.approx((SLIDE_W, SLIDE_H), abs=0.01)
    for number, _, shape in _shapes(deck):
        box = (_pt(shape.left), _pt(shape.top), _pt(shape.left + shape.width), _pt(shape.top + shape.height))
        assert box[0] >= 0 and box[1] >= 0 and box[2] <= SLIDE_W + 0.01 and box[3] <= SLIDE_H + 0.01, (
            f"slide {number}: {shape.name} at {box} is off the page")


@pytest.mark.parametrize("name", ["all", "nps", "stress"])
def test_no_text_box_needs_more_lines_than_it_holds(rendered, name):
    deck = Presentation(io.BytesIO(rendered[name]["pptx"]))
    for number, _, shape in _shapes(deck):
        if shape.has_text_frame and shape.text_frame.text.strip():
            frame = shape.text_frame
            assert frame.word_wrap and frame.auto_size is not None, "wrapping and autofit are set"
            insets = tuple(_pt(m) for m in (frame.margin_left, frame.margin_right, frame.margin_top, frame.margin_bottom))
            need = _needed_height(frame.paragraphs, _pt(shape.width), insets)
            has = _pt(shape.height)
            assert need <= has + 0.01, f"slide {number}: {shape.name} needs {need:.1f} of {has:.1f} pt"
        if shape.has_table:
            widths = [_pt(column.width) for column in shape.table.columns]
            for r, row in enumerate(shape.table.rows):
                for cell, width in zip(row.cells, widths):
                    insets = tuple(_pt(m) for m in (cell.margin_left, cell.margin_right, cell.margin_top, cell.margin_bottom))
                    need = _needed_height(cell.text_frame.paragraphs, width, insets)
                    assert need <= _pt(row.height) + 0.01, f"slide {number}: table row {r}, {cell.text!r}"


@pytest.mark.parametrize("name", ["all", "nps", "stress"])
def test_recipient_sees_every_takeaway_and_headline_whole(rendered, briefs, name):
    content, deck = briefs[name], Presentation(io.BytesIO(rendered[name]["pptx"]))
    for kind in ("rendered", "pdf"):
        pages = rendered[name]["pages"][kind]
        text = _compact(" ".join(page.text for page in pages))
        for sentence in content.takeaways:
            assert _compact(sentence) in text, (kind, sentence)
        for tile in content.tiles:
            assert _compact(tile.value) in text and _compact(tile.label) in text, (kind, tile)
        for chart in content.charts:
            assert _compact(chart.title) in text, (kind, chart.title)
        assert _compact(content.method) in text and _compact(content.link) in text, kind
        for number, page in enumerate(pages, start=1):  # every page says what it is, wherever it is forwarded
            assert _compact(f"Data as of {content.as_of}") in _compact(page.text), (kind, number)
            assert (_compact(ILLUSTRATIVE) in _compact(page.text)) == content.illustrative, (kind, number)
        assert _text_outside(pages) == []
    assert len(rendered[name]["pages"]["rendered"]) == len(deck.slides)
    # LibreOffice drew every run at the size written: its autofit found nothing to shrink
    assert _font_sizes(rendered[name]["rendered"]) <= _written_sizes(deck)


def test_long_text_continues_on_further_slides_and_symbols_survive(rendered, briefs):
    deck = Presentation(io.BytesIO(rendered["stress"]["pptx"]))
    titles = [s.shapes[0].text_frame.text for s in deck.slides if s.shapes[0].name == "Title"]
    assert "Goals with status (continued)" in titles and "Notes (continued)" in titles
    for kind in ("rendered", "pdf"):
        text = " ".join(page.text for page in rendered["stress"]["pages"][kind])
        assert all(symbol in text for symbol in SYMBOLS.split()), kind
        rows = briefs["stress"].sections[1].table.rows
        assert all(_compact(row[0]) in _compact(text) for row in rows), kind  # no goal lost across slides or pages
    embedded = _fonts(rendered["stress"]["pdf"])
    assert all(embedded.values()), embedded
    assert any(n.startswith("Carlito") for n in embedded) and any(n.startswith("DejaVu") for n in embedded), embedded


def _fonts(pdf: bytes) -> dict[str, bool]:
    """The PDF's fonts (subset prefix dropped) and whether each is embedded."""
    found = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)["/FontDescriptor"]
            found[str(font["/BaseFont"]).split("+")[-1]] = "/FontFile2" in descriptor.get_object()
    return found


@pytest.mark.parametrize("name", ["all", "stress"])
def test_titles_fit_and_charts_fill_the_content_area(rendered, briefs, name):
    deck = Presentation(io.BytesIO(rendered[name]["pptx"]))
    charts = 0
    for number, _slide, shape in _shapes(deck):
        if shape.name == "Title" and number > 1:
            (text, size, bold), = [_paragraph_text(p) for p in shape.text_frame.paragraphs]
            assert size >= 24 and len(fonts.wrap(text, size, _pt(shape.width) - 7.2, bold)) <= 2, (number, text)
            assert (_pt(shape.top), _pt(shape.height)) == pytest.approx((TITLE.y, TITLE.h), abs=0.01)
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
            charts += 1
            box = (_pt(shape.left), _pt(shape.top), _pt(shape.width), _pt(shape.height))
            assert box[1] == pytest.approx(CONTENT.y, abs=0.01) and box[1] + box[3] == pytest.approx(CONTENT.bottom, abs=0.01)
            assert box[0] + box[2] == pytest.approx(CONTENT.x + CONTENT.w, abs=0.01)
            width_px, height_px = Image.open(io.BytesIO(shape.image.blob)).size
            assert width_px / height_px == pytest.approx(box[2] / box[3], rel=0.01), "drawn at the box's shape"
            assert shape._element.nvPicPr.cNvPr.get("descr"), "alt text"
    assert charts == len(briefs[name].charts) + (1 if name == "stress" else 0)


def test_chart_picture_leaves_the_takeaway_title_to_the_slide(briefs):
    chart = next(c for c in briefs["all"].charts if not (c.spec.get("title") or {}).get("subtitle"))
    untitled = BriefChart(chart.title, {k: v for k, v in chart.spec.items() if k != "title"}, chart.alt_text)
    assert chart_png(chart, 400, 200, scale=1) == chart_png(untitled, 400, 200, scale=1)
    assert Image.open(io.BytesIO(chart_png(chart, 400, 200, scale=2))).size == (800, 400)


@pytest.mark.parametrize("name", ["all", "nps"])
def test_every_slide_has_notes_and_the_last_gives_method_provenance_and_link(rendered, briefs, name):
    content, deck = briefs[name], Presentation(io.BytesIO(rendered[name]["pptx"]))
    for slide in deck.slides:
        notes = slide.notes_slide.notes_text_frame.text
        assert content.method in notes and f"Data as of {content.as_of}" in notes
    last = " ".join(s.text_frame.text for s in deck.slides[-1].shapes if s.has_text_frame)
    assert content.method in last and content.provenance in last and content.link in last
    links = [r.hyperlink.address for s in deck.slides[-1].shapes if s.has_text_frame
             for p in s.text_frame.paragraphs for r in p.runs if r.hyperlink.address]
    assert links == [content.link]


def test_every_slide_is_numbered_by_a_field(rendered):
    deck = Presentation(io.BytesIO(rendered["all"]["pptx"]))
    numbers = [slide.shapes._spTree.xpath('.//a:fld[@type="slidenum"]/a:t/text()') for slide in deck.slides]
    assert numbers == [[str(n)] for n in range(1, len(deck.slides) + 1)]


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("Net savings", 1000, ["Net savings"]),
    ("Net savings", None, ["Net savings"]),  # exactly its own width
    ("Net savings rose", "Net savings", ["Net savings", "rose"]),
    ("a 30\u00a0Sep", "30\u00a0Sep", ["a", "30\u00a0Sep"]),  # a no-break space keeps its words together
    ("http://localhost:8501", "http://localhost:", ["http://localhost:", "8501"]),  # too long: between characters
    ("a\nb", 1000, ["a", "b"]),
    ("", 1000, [""]),
])
def test_wrap_breaks_at_spaces_within_the_measured_width(text, width, lines):
    if width is None:
        width = fonts.text_width(text, 20)
    elif isinstance(width, str):
        width = fonts.text_width(width, 20)
    assert fonts.wrap(text, 20, width) == lines


def test_widths_are_carlitos_with_dejavu_for_symbols():
    assert fonts.text_width("M", 2048) == pytest.approx(1751)  # Carlito's advance in font units (2048 per em)
    assert fonts.text_width("M", 10, bold=True) > fonts.text_width("M", 10)
    assert fonts.text_width("✓", 2048) == pytest.approx(1716)  # DejaVu Sans; Carlito has no ✓
