"""Real-browser tests: `streamlit run app.py` on a free port, driven by Playwright in Debian's Chromium.

The server starts on an empty database (so the first request also proves the cold-start seed) and the
very first request is a deep link, which is the case Streamlit's legacy pages/ mode breaks.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, sync_playwright

from tests.conftest import ROOT
from tests.support.servers import CHROMIUM, CHROMIUM_ARGS, start_server
from tests.support.soak import soak

pytestmark = pytest.mark.browser
ARGS = CHROMIUM_ARGS
SHOTS = ROOT / "test-results"
ADMIN_TOKEN = "e2e-admin-token-for-tests"
SERVER_DB: dict[str, object] = {}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium not found at /usr/bin/chromium: apt-get install -y chromium (bash .ci/run does this)")
    SERVER_DB["url"] = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'qsmo.db'}"
    running = start_server(SERVER_DB["url"], tmp_path_factory.mktemp("log") / "streamlit.log",
                           {"QSMO_ADMIN_TOKEN": ADMIN_TOKEN})
    SERVER_DB["pid"] = running.pid
    yield running.url
    running.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    p = context.new_page()
    p.requests = []
    p.on("request", lambda r: p.requests.append(r.url))
    yield p
    context.close()


def wait_ready(page: Page, timeout: float = 60) -> None:
    page.wait_for_selector("[data-testid=stApp]", timeout=timeout * 1000)
    deadline, quiet_since = time.time() + timeout, None
    while time.time() < deadline:
        busy = page.locator("[data-testid=stStatusWidget]").count() > 0 or \
            page.locator("[data-testid=stSkeleton]").count() > 0
        if busy:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.time()
        elif time.time() - quiet_since > 1.0 and page.locator("[data-testid=stMain] h1").count():
            return
        time.sleep(0.2)
    raise AssertionError("page did not finish running")


def check_page(page: Page, title: str) -> None:
    assert page.locator("[data-testid=stException]").count() == 0, "an exception is shown"
    assert page.locator("[data-testid=stMain] h1").first.inner_text().strip() == title
    assert page.locator("[data-testid=stSidebarNav]").count() == 0, "legacy pages/ menu must not appear"
    external = [u for u in page.requests if not u.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:"))]
    assert external == [], f"requests left the machine: {external[:5]}"


def test_deep_link_first_request_then_overview(page, server):
    # The very first request to this fresh server is a filtered deep link to a non-default page.
    page.goto(f"{server}/adoption?agency=DOI&marketplace=FM")
    wait_ready(page, timeout=120)  # includes creating and seeding the database
    check_page(page, "Adoption")
    assert page.locator("[data-testid=stVegaLiteChart]").count() >= 3
    assert "agency=DOI" in page.url and "marketplace=FM" in page.url
    assert "DOI" in page.locator("[data-testid=stSidebar]").inner_text()
    page.goto(f"{server}/")
    wait_ready(page)
    check_page(page, "Executive Overview")
    labels = page.locator("[data-testid=stMetricLabel]").all_inner_texts()
    assert {"Customer agencies", "Engagements in flight", "Net savings", "Cumulative net savings", "SLA attainment",
            "Customer satisfaction"} <= {t.strip() for t in labels}


def test_shared_link_reproduces_the_view(browser, server):
    values = []
    for _ in range(2):  # two fresh browser contexts: a link shared with a colleague
        context = browser.new_context()
        p = context.new_page()
        p.goto(f"{server}/?agency=DOI&marketplace=FM&fy_to=2025")
        wait_ready(p)
        values.append(p.locator("[data-testid=stMetricValue]").all_inner_texts())
        context.close()
    assert values[0] == values[1]
    context = browser.new_context()
    p = context.new_page()
    p.goto(f"{server}/")
    wait_ready(p)
    assert p.locator("[data-testid=stMetricValue]").all_inner_texts() != values[0]
    context.close()


@pytest.mark.parametrize(("path", "title"), [("/", "Executive Overview"), ("/adoption", "Adoption"),
                                             ("/savings", "Cost Savings"), ("/performance", "Service Performance")])
def test_pages_render_and_pass_axe(page, server, path, title):
    page.goto(f"{server}{path}?agency=HHS&fy_from=2022")
    wait_ready(page)
    check_page(page, title)
    assert page.locator("[data-testid=stVegaLiteChart]").count() >= 2
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{title.replace(' ', '_').lower()}.png"), full_page=True)
    violations = Axe().run(page).response["violations"]
    bad = [(v["id"], v["impact"], v["help"]) for v in violations if v["impact"] in ("serious", "critical")]
    assert bad == [], bad


def test_chart_click_narrows_the_page(page, server):
    page.goto(f"{server}/adoption")
    wait_ready(page)
    bars = page.locator("[data-testid=stVegaLiteChart]").first.locator("g.mark-rect path")
    if bars.count():  # SVG renderer: click the middle of the widest bar segment
        widest = max(range(bars.count()), key=lambda i: (bars.nth(i).bounding_box() or {"width": 0})["width"])
        box = bars.nth(widest).bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    else:  # canvas renderer: the first (top) bar starts at the left of the plot
        box = page.locator("[data-testid=stVegaLiteChart] canvas").first.bounding_box()
        page.mouse.click(box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.25)
    time.sleep(1.5)
    wait_ready(page)
    assert page.get_by_text("This page is narrowed to").count() == 1
    assert page.get_by_role("button", name="as the global filter").count() == 1


PROFILE_SECTIONS = ["Headlines", "What it has adopted", "What it has saved", "The service it receives",
                    "What is next", "How it compares with CFO Act departments", "Data coverage"]


def test_agency_profile_deep_link_print_and_axe(page, server, tmp_path):
    from pypdf import PdfReader

    page.goto(f"{server}/agencies?agency=DOI")
    wait_ready(page)
    check_page(page, "Department of the Interior")
    main = page.locator("[data-testid=stMain]").inner_text()
    for section in PROFILE_SECTIONS:
        assert section in main, section
    values = dict(zip(page.locator("[data-testid=stMetricLabel]").all_inner_texts(),
                      page.locator("[data-testid=stMetricValue]").all_inner_texts()))
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")] == []
    page.emulate_media(media="print")
    pdf = tmp_path / "profile.pdf"
    page.pdf(path=str(pdf), format="Letter", print_background=True)
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Department of the Interior" in text and "How much has DOI saved" in text
    for label in ("Customer agencies", "Net savings", "SLA attainment"):
        assert values[label] in text, (label, values[label])
    assert "Filters" not in text.split("Department of the Interior")[0]  # the sidebar is not printed


@pytest.mark.parametrize(("path", "title"), [
    ("/marketplaces?solution=PDNS&compare=ARC-FM&compare=ESC-DELPHI&compare=GH-FM", "Marketplace Catalog"),
    ("/about", "Methodology and data sources"), ("/data", "Your data")])
def test_catalog_methodology_and_data_render_and_pass_axe(page, server, path, title):
    page.goto(f"{server}{path}")
    wait_ready(page)
    check_page(page, title)
    if "compare" in path:
        main = page.locator("[data-testid=stMain]").inner_text()
        assert "Protective DNS Resolver" in main and "Guidehouse Financial Management Cloud" in main
        assert "compare=GH-FM" in page.url
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")] == []


def test_presentation_mode_runs_offline_loops_and_holds_memory(browser, server):
    """The playlist with a short interval: chrome hidden, slides advance and loop with the filters, no request
    leaves the machine, no exception, no steady memory growth (the CI variant of `python -m bench.soak`)."""
    page = browser.new_page(viewport={"width": 1600, "height": 900})
    page.goto(f"{server}/?present=1&interval=30&agency=DOI&playlist=overview,adoption")
    wait_ready(page)
    assert not page.locator("[data-testid=stSidebar]").is_visible()
    assert page.locator("[data-testid=stTopNav]").count() == 0 or not page.locator("[data-testid=stTopNav]").is_visible()
    assert "agencies: DOI" in page.locator("[data-testid=stMain]").inner_text()
    page.get_by_role("button", name="Pause").click()
    page.get_by_role("button", name="Resume").wait_for(timeout=10_000)
    page.get_by_role("button", name="Next").click()
    page.wait_for_url("**/adoption?**", timeout=15_000)
    assert "agency=DOI" in page.url and "present=1" in page.url
    page.close()
    report = soak(browser, server, "present=1&interval=2&agency=DOI&playlist=overview,adoption,savings,performance",
                  duration_s=36, server_pid=SERVER_DB["pid"])
    assert report.exceptions == 0 and report.external_requests == []
    assert len(report.slides) >= 12, report.slides  # three or more full cycles
    assert report.slides[:5] == ["/", "/adoption", "/savings", "/performance", "/"]  # advances and loops
    assert report.memory_growth <= 0.15, report.rss_mb


def test_import_through_the_page_updates_every_page(page, server, tmp_path):
    """Last in this module: it changes the server's data."""
    from sqlalchemy import text

    from data_access.db import make_engine

    page.goto(f"{server}/")
    wait_ready(page)
    before = dict(zip(page.locator("[data-testid=stMetricLabel]").all_inner_texts(),
                      page.locator("[data-testid=stMetricValue]").all_inner_texts()))
    with make_engine(SERVER_DB["url"]).connect() as conn:
        org, sol = conn.execute(text(
            "SELECT o.code, s.code FROM engagement e JOIN organization o ON o.id = e.organization_id "
            "JOIN solution s ON s.id = e.solution_id WHERE e.operational_on < '2025-10-01' ORDER BY e.id LIMIT 1")).one()
    upload = tmp_path / "costs.csv"
    upload.write_text("organization,solution,fiscal_year,baseline_cost,run_cost,migration_cost,savings_type\n"
                      f"{org},{sol},2026,900000000,100000000,0,hard\n")
    page.goto(f"{server}/data")
    wait_ready(page)
    page.get_by_label("Admin token", exact=True).fill(ADMIN_TOKEN)
    page.get_by_role("button", name="Sign in to import").click()
    page.wait_for_selector("[data-testid=stFileUploader]", timeout=30_000)
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(upload))
    page.get_by_role("button", name="Commit import").click(timeout=30_000)
    page.get_by_text("Imported costs.csv").wait_for(timeout=30_000)
    assert page.locator("[data-testid=stException]").count() == 0
    page.goto(f"{server}/")
    wait_ready(page)
    after = dict(zip(page.locator("[data-testid=stMetricLabel]").all_inner_texts(),
                     page.locator("[data-testid=stMetricValue]").all_inner_texts()))
    assert after["Net savings"] != before["Net savings"]
    assert "imported additions" in page.locator("[data-testid=stMain]").inner_text()
