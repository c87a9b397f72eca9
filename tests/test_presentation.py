"""Presentation mode and the executive brief: AppTest, the show configuration, and brief contents."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from charts import formats
from data_access import headlines
from data_access.db import make_engine
from data_access.filters import Filters
from reports.brief import brief_content, to_pdf, to_pptx
from seed import seed_database
from seed.anchors import AS_OF
from ui.presentation import load_show

APP = str(Path(__file__).resolve().parent.parent / "app.py")
ORGS = frozenset({"DOI", "NPS"})


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('present') / 'demo.db'}"
    engine = make_engine(url)
    seed_database(engine)
    old = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    yield engine
    os.environ.pop("DATABASE_URL") if old is None else os.environ.__setitem__("DATABASE_URL", old)


def test_show_configuration_from_file_and_url():
    show, problems = load_show({}, ORGS)
    assert show.interval == 20 and show.playlist[0] == "overview" and show.featured == "DOI" and problems == []
    show, problems = load_show({"interval": "5", "playlist": "savings,adoption", "featured": "nps"}, ORGS)
    assert (show.interval, show.playlist, show.featured) == (5, ("savings", "adoption"), "NPS")
    show, problems = load_show({"interval": "0", "playlist": "savings,<b>,nope", "featured": "ZZZ"}, ORGS)
    assert show.interval == 20 and show.playlist == ("savings",) and show.featured is None
    assert len(problems) == 3 and all(len(p) < 200 for p in problems)


def run(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def test_presentation_mode_controls_and_filters_carry(demo):
    at = run(present="1", interval="30", agency=["DOI"], playlist="overview,adoption,agencies", featured="NPS")
    assert not at.exception and at.title[0].value == "Executive Overview"
    assert any("agencies: DOI" in c.value for c in at.caption)  # the filters stay visible as a caption
    assert not at.get("download_button") or all(d.label != "PDF" for d in at.get("download_button"))
    assert at.get("image"), "the QR code is shown"
    at.button(key="slide-next").click().run()
    assert at.title[0].value == "Adoption" and any("agencies: DOI" in c.value for c in at.caption)
    at.button(key="slide-next").click().run()
    assert at.title[0].value == "National Park Service"  # the featured agency slide
    at.button(key="slide-next").click().run()
    assert at.title[0].value == "Executive Overview"  # loops
    at.button(key="slide-prev").click().run()
    assert at.title[0].value == "National Park Service"
    at.button(key="slide-pause").click().run()
    assert at.button(key="slide-pause").label == "Resume"
    assert not at.exception


def test_bad_presentation_parameters_explain(demo):
    at = run(present="1", interval="abc", playlist="nowhere")
    text = " ".join(w.value for w in at.warning)
    assert "Slide interval" in text and "Unknown slides ignored" in text and not at.exception


def _text_of_pptx(data: bytes) -> str:
    deck = Presentation(io.BytesIO(data))
    return " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)


@pytest.mark.parametrize("f", [Filters(fy_from=2020, fy_to=2026),
                               Filters(fy_from=2022, fy_to=2025, organizations=("DOI",), marketplaces=("FM", "HR"))])
def test_brief_numbers_are_the_data_layer_numbers(demo, f):
    content = brief_content(demo, filters=f, as_of=AS_OF, scope="scope words", link="http://localhost/x")
    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(to_pdf(content))).pages)
    pptx_text = _text_of_pptx(to_pptx(content))
    tiles = headlines.headline_tiles(headlines.headline_series(demo, filters=f, as_of=AS_OF), f.selected_fy)
    for tile in tiles:
        value = formats.by_kind(tile.headline.kind, tile.value)
        for text in (pdf_text, pptx_text):
            assert tile.headline.label in text and value in text, (tile.headline.label, value)
    for text in (pdf_text, pptx_text):
        assert "Illustrative demo data" in text and "scope words" in text and "30 Sep 2026" in text
        assert "Net savings = legacy baseline cost" in text  # the method note
    assert 3 <= len(content.takeaways) <= 5 and len(content.charts) == 3
    deck = Presentation(io.BytesIO(to_pptx(content)))
    assert len(deck.slides) == 3 + len(content.charts) + 1  # title, headlines, takeaways, charts, method


@pytest.mark.parametrize(("params", "f"), [
    ({"fy_to": ["2030"]}, Filters(fy_from=2020, fy_to=2030)),
    ({"agency": ["NPS"], "provider": ["commercial"]}, Filters(fy_from=2020, fy_to=2026, organizations=("NPS",),
                                                              provider_type="commercial")),
])
def test_overview_and_brief_give_the_same_answers(demo, params, f):
    """The same question gets the same answer on the Overview, in the brief and on a slide (any FY, any scope):
    the tiles' labels and values (projected years marked) and the highlight sentences."""
    from charts.text import plain

    at = run(**params)
    assert not at.exception
    content = brief_content(demo, filters=f, as_of=AS_OF, scope="s")
    on_page = {m.label: m.value for m in at.metric}
    assert on_page == {t.label: t.value for t in content.tiles}
    if f.fy_to == 2030:
        assert "Net savings (projected)" in on_page and on_page["SLA attainment"] == "—"
    bullets = next(m.value for m in at.markdown if m.value.startswith("- "))
    assert [plain(b.removeprefix("- ")) for b in bullets.split("\n")] == content.takeaways
    slide = run(present="1", interval="600", **params)
    assert {m.label: m.value for m in slide.metric} == on_page
