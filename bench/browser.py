"""Browser-side measurements on a warm server (Playwright, headless Chromium): navigation until every
headline and chart is drawn, a filter change until the new numbers show, N concurrent sessions, and
cold start from an empty database."""

from __future__ import annotations

import asyncio
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from tests.support.servers import CHROMIUM, CHROMIUM_ARGS, Server, start_server

DONE = "[data-testid=stApp][data-test-script-state=notRunning]"
CHOICES = ("All providers", "Federal", "Commercial")  # the provider-type radio; "All providers" is the default
PATHS = {"overview": "/", "adoption": "/adoption", "savings": "/savings", "performance": "/performance",
         "agencies": "/agencies?agency=DOI", "marketplaces": "/marketplaces"}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


@dataclass
class Timings:
    values_ms: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.values_ms) if self.values_ms else float("nan")

    @property
    def p95(self) -> float:
        return _percentile(self.values_ms, 0.95)


async def _wait_drawn(page, timeout_s: float = 60) -> None:
    """Until the script has finished and every headline and chart present is drawn."""
    await page.wait_for_selector("[data-testid=stMain] h1", timeout=timeout_s * 1000)
    await page.wait_for_selector(DONE, timeout=timeout_s * 1000)
    await page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]"
        ".every(c => c.querySelector('svg, canvas'))", timeout=timeout_s * 1000)


async def _metric_text(page) -> str:
    return " | ".join(await page.locator("[data-testid=stMetricValue]").all_inner_texts())


async def _toggle_provider(page, choice: str) -> float:
    """Change the provider-type filter; milliseconds until the headline numbers have changed."""
    before = await _metric_text(page)
    started = time.perf_counter()
    await page.locator("[data-testid=stSidebar] label").filter(has_text=choice).first.click()
    await page.wait_for_function(
        "(before) => [...document.querySelectorAll('[data-testid=stMetricValue]')].map(e => e.innerText)"
        ".join(' | ') !== before", arg=before, timeout=60_000)
    elapsed = (time.perf_counter() - started) * 1000  # the new numbers are on screen
    await page.wait_for_selector(DONE, timeout=60_000)  # let the rest of the run finish before the next change
    return elapsed


async def navigation_and_filters(base_url: str, navigations: int, filter_changes: int) -> tuple[dict, Timings, float]:
    """Per-page navigation timings, filter-change timings, and the very first visit (cold browser cache)."""
    from playwright.async_api import async_playwright

    nav: dict[str, Timings] = {name: Timings() for name in PATHS}
    changes = Timings()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = await browser.new_context(viewport={"width": 1400, "height": 1000})
        page = await context.new_page()
        started = time.perf_counter()
        await page.goto(base_url + "/")  # first visit: the browser fetches and compiles the app's JavaScript
        await _wait_drawn(page)
        first_visit = (time.perf_counter() - started) * 1000
        for name, path in PATHS.items():
            for _ in range(navigations):
                started = time.perf_counter()
                await page.goto(base_url + path)
                await _wait_drawn(page)
                nav[name].values_ms.append((time.perf_counter() - started) * 1000)
        await page.goto(base_url + "/")
        await _wait_drawn(page)
        for i in range(filter_changes):  # always a different option from the one selected, so the numbers change
            changes.values_ms.append(await _toggle_provider(page, CHOICES[(i + 1) % 3]))
        await browser.close()
    return nav, changes, first_visit


@dataclass
class Concurrency:
    sessions: int
    seconds: float
    round_trips: Timings
    timeouts: int  # filter changes whose new numbers did not show within 60 s
    rss_mb: list[float]
    cpu_percent: list[float]  # server process tree, percent of one core


async def concurrency(server: Server, sessions: int, seconds: float) -> Concurrency:
    from playwright.async_api import async_playwright

    trips = Timings()
    timeouts = 0
    rss, cpu = [], []
    proc = psutil.Process(server.pid)

    def tree() -> list[psutil.Process]:
        return [proc, *proc.children(recursive=True)]

    for p in tree():
        p.cpu_percent(None)

    async def sampler(stop: asyncio.Event) -> None:
        while not stop.is_set():
            await asyncio.sleep(1)
            procs = tree()
            rss.append(sum(p.memory_info().rss for p in procs) / 1e6)
            cpu.append(sum(p.cpu_percent(None) for p in procs))

    async def session(browser, index: int, until: float) -> None:
        nonlocal timeouts
        from playwright.async_api import TimeoutError as PlaywrightTimeout

        context = await browser.new_context(viewport={"width": 1400, "height": 1000})
        page = await context.new_page()
        await page.goto(server.url + "/")
        await _wait_drawn(page, 120)
        i = index % 2  # sessions start on Federal or Commercial (never the selected default)
        while time.time() < until:
            try:
                trips.values_ms.append(await _toggle_provider(page, CHOICES[i % 3 + 1 if i % 3 < 2 else 0]))
            except PlaywrightTimeout:
                timeouts += 1
            i += 1
        await context.close()

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        stop = asyncio.Event()
        sampling = asyncio.create_task(sampler(stop))
        until = time.time() + seconds
        await asyncio.gather(*(session(browser, i, until) for i in range(sessions)))
        stop.set()
        await sampling
        await browser.close()
    return Concurrency(sessions, seconds, trips, timeouts, rss, cpu)


async def cold_start() -> float:
    """Seconds from starting the server on an empty database to the Overview's headlines drawn."""
    from playwright.async_api import async_playwright

    work = Path(tempfile.mkdtemp(prefix="qsmo-cold-"))
    started = time.perf_counter()
    server = start_server(f"sqlite:///{work / 'new.db'}", work / "server.log")
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = await browser.new_page()
            await page.goto(server.url + "/")
            await _wait_drawn(page, 120)
            await page.wait_for_selector("[data-testid=stMetricValue]")
            elapsed = time.perf_counter() - started
            await browser.close()
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return elapsed
