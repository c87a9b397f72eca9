"""AppTest through app.py's router: every page renders, filters change numbers, bad links explain."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from charts import formats
from data_access import headlines
from data_access.db import make_engine
from data_access.filters import Filters
from seed import seed_database
from seed.anchors import AS_OF

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = ["pages/overview.py", "pages/adoption.py", "pages/savings.py", "pages/performance.py"]  # the pillars


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('app') / 'demo.db'}"
    seed_database(make_engine(url))
    old = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    yield url
    if old is None:
        os.environ.pop("DATABASE_URL", None)
    else:
        os.environ["DATABASE_URL"] = old


def run(page: str | None = None, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label == label)


def test_overview_renders_six_headlines(demo_url):
    at = run()
    assert at.title[0].value == "Executive Overview"
    assert {m.label for m in at.metric} == {h.label for h in headlines.HEADLINES}
    assert any("Illustrative demo data" in i.value for i in at.info)
    assert len(at.get("vega_lite_chart")) == 2


def test_headlines_match_the_data_layer_and_follow_filters(demo_url):
    engine = make_engine(demo_url)
    for params, f in [({}, Filters(fy_from=2020, fy_to=2026)),
                      ({"agency": ["DOI"], "marketplace": ["FM"]},
                       Filters(fy_from=2020, fy_to=2026, organizations=("DOI",), marketplaces=("FM",)))]:
        at = run(**params)
        tiles = {t.headline.label: t for t in headlines.headline_tiles(headlines.headline_series(engine, filters=f,
                                                                                                 as_of=AS_OF), 2026)}
        for label, tile in tiles.items():
            assert metric(at, label).value == formats.by_kind(tile.headline.kind, tile.value), label
    assert run().metric[0].value != run(agency=["DOI"]).metric[0].value


def test_bad_query_parameters_explain_and_fall_back(demo_url):
    at = run(agency=["NOPE"], fy_to=["1900"], marketplace=["<script>"], provider=["x"])
    warnings = " ".join(w.value for w in at.warning)
    assert "Unknown agency code “NOPE”" in warnings and "FY2026 was used" in warnings
    assert "Unknown marketplace code" in warnings and "Provider type" in warnings
    assert metric(at, "Customer agencies").value == run().metric[0].value  # unfiltered view


@pytest.mark.parametrize("page", PAGES[1:])
@pytest.mark.parametrize("params", [{}, {"agency": ["DOI"], "fy_from": ["2023"]},
                                    {"agency": ["ABMC"], "marketplace": ["ACQ"]}])
def test_pillar_pages_render(demo_url, page, params):
    at = run(page, **params)
    assert at.title and at.title[0].value in {"Adoption", "Cost Savings", "Service Performance"}
    if params.get("marketplace") == ["ACQ"]:  # ABMC has no Acquisition engagement: a message, not an error
        assert any("No " in i.value for i in at.info)
    else:
        assert at.get("vega_lite_chart"), "charts expected"
        for chart in at.get("vega_lite_chart"):
            assert chart.proto.alt, "every chart needs alt text"


def test_same_number_on_every_page(demo_url):
    overview = run(agency=["DOI"])
    savings = run("pages/savings.py", agency=["DOI"])
    performance = run("pages/performance.py", agency=["DOI"])
    assert metric(savings, "Net savings FY2026").value == metric(overview, "Net savings").value
    assert metric(performance, "SLA attainment").value == metric(overview, "SLA attainment").value
    assert metric(performance, "Customer satisfaction").value == metric(overview, "Customer satisfaction").value


def test_unreachable_database_gives_a_clear_message(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody:secret@127.0.0.1:1/qsmo")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    text = " ".join(e.value for e in at.error)
    assert "cannot reach its database" in text and "secret" not in text and "DATABASE_URL" in text


def test_malformed_database_url(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "not a url")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception and "not a valid database URL" in " ".join(e.value for e in at.error)


PROFILE_SECTIONS = ["Headlines", "What it has adopted", "What it has saved", "The service it receives",
                    "What is next", "How it compares with CFO Act departments", "Data coverage"]


def test_agency_profile_has_every_section(demo_url):
    at = run("pages/agencies.py", agency=["DOI"])
    assert at.title[0].value == "Department of the Interior"
    headers = [h.value for h in at.header]
    assert all(section in headers for section in PROFILE_SECTIONS), headers
    text = " ".join(m.value for m in at.markdown)
    assert "How much has DOI saved by using shared services?" in text
    assert "Performance data reported for" in text
    assert any("agencies?agency=DOI" in c.value for c in at.code)  # the copy-link box


def test_agency_profile_without_or_with_unknown_agency(demo_url):
    at = run("pages/agencies.py")
    assert at.selectbox(key="profile-pick") is not None
    at = run("pages/agencies.py", agency=["ZZZ"])
    assert any("Unknown agency code “ZZZ”" in w.value for w in at.warning)
    assert at.title[0].value == "Agency profiles"


def test_component_profile_links_back_to_department(demo_url):
    at = run("pages/agencies.py", agency=["NPS"])
    assert at.title[0].value == "National Park Service"
    assert any("Back to Department of the Interior" in b.label for b in at.button)


def test_marketplace_catalog_detail_and_compare(demo_url):
    at = run("pages/marketplaces.py", solution=["PDNS"], compare=["ARC-FM", "ESC-DELPHI", "GH-FM"])
    assert "Protective DNS Resolver" in [h.value for h in at.header]
    table = at.table[-1]  # the side-by-side comparison
    assert table.value.shape[1] == 3 and "Customer agencies" in table.value.index
    at = run("pages/marketplaces.py", solution=["NOPE"], compare=["<b>x</b>"])
    warnings = " ".join(w.value for w in at.warning)
    assert "“NOPE” (solution) is not a solution in the catalog" in warnings and "is not a valid code" in warnings


def test_methodology_defines_every_overview_headline(demo_url):
    overview_labels = {m.label for m in run().metric}
    about = run("pages/about.py")
    text = " ".join(m.value for m in about.markdown)
    for label in overview_labels:
        assert f"**{label}** —" in text, f"{label} has no definition on the methodology page"


def test_data_page_without_admin_credential_explains_how_to_enable(demo_url, monkeypatch):
    monkeypatch.delenv("QSMO_ADMIN_TOKEN", raising=False)
    at = run("pages/data.py")
    assert any("Imports are disabled" in i.value and "QSMO_ADMIN_TOKEN" in i.value for i in at.info)
    assert len(at.get("download_button")) >= 4  # templates and exports need no login


def test_data_page_admin_sign_in(demo_url, monkeypatch):
    monkeypatch.setenv("QSMO_ADMIN_TOKEN", "s3cret-token-for-tests")
    at = run("pages/data.py")
    assert not at.get("file_uploader")
    at.text_input[0].input("wrong")
    at.get("form_submit_button")[0].click()
    at.run()
    assert any("not right" in e.value for e in at.error) and not at.get("file_uploader")
    at.text_input[0].input("s3cret-token-for-tests")
    at.get("form_submit_button")[0].click()
    at.run()
    assert not at.exception
    assert at.get("file_uploader"), "signed-in admins get the uploader"
