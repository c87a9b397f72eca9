"""Soak the presentation playlist: run it in headless Chromium for many cycles, and report exceptions,
requests to other hosts and the server's memory over time.

    python -m bench.soak --cycles 200 --interval 5      # about 80 minutes with the default 5 slides

Exit code 0 when no exception was shown, no request left the machine and memory did not keep growing.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import psutil

from bench.server import CHROMIUM, CHROMIUM_ARGS, start_server

MEMORY_GROWTH_LIMIT = 0.15  # late-run median RSS may exceed the settled median by at most 15 % (+ 30 MB)


@dataclass
class SoakReport:
    slides: list[str] = field(default_factory=list)  # path of each slide seen, in order
    exceptions: int = 0
    external_requests: list[str] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)  # server memory, sampled about once a slide

    @property
    def memory_growth(self) -> float:
        """Growth of the median RSS in the last third over the middle third (the first third warms up)."""
        if len(self.rss_mb) < 6:
            return 0.0
        third = len(self.rss_mb) // 3
        settled = statistics.median(self.rss_mb[third:2 * third])
        late = statistics.median(self.rss_mb[2 * third:])
        return (late - settled - 30) / settled

    @property
    def ok(self) -> bool:
        return self.exceptions == 0 and not self.external_requests and self.memory_growth <= MEMORY_GROWTH_LIMIT


def _rss_mb(pid: int) -> float:
    proc = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)]) / 1e6


def soak(browser, base_url: str, query: str, duration_s: float, server_pid: int | None = None) -> SoakReport:
    """Open `base_url/?present=1&...` and watch the playlist for `duration_s` seconds."""
    report = SoakReport()
    page = browser.new_page(viewport={"width": 1600, "height": 900})
    host = urlsplit(base_url).netloc
    page.on("request", lambda r: None if urlsplit(r.url).netloc in (host, "") or r.url.startswith(("data:", "blob:"))
            else report.external_requests.append(r.url))
    page.goto(f"{base_url}/?{query}")
    end = time.time() + duration_s
    while time.time() < end:
        time.sleep(0.5)
        path = urlsplit(page.url).path or "/"
        if not report.slides or report.slides[-1] != path:
            report.slides.append(path)
            if server_pid:
                report.rss_mb.append(_rss_mb(server_pid))
        report.exceptions += page.locator("[data-testid=stException]").count()
    page.close()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cycles", type=int, default=20)
    parser.add_argument("--interval", type=int, default=5)
    parser.add_argument("--playlist", default="overview,adoption,savings,performance,agencies")
    parser.add_argument("--agency", default="", help="a global agency filter to carry through every slide")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="qsmo-soak-"))
    server = start_server(f"sqlite:///{work / 'qsmo.db'}", work / "server.log")
    slides = len(args.playlist.split(","))
    query = f"present=1&interval={args.interval}&playlist={args.playlist}" + (f"&agency={args.agency}" if args.agency else "")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            report = soak(browser, server.url, query, args.cycles * slides * args.interval + 5, server.pid)
            browser.close()
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"slides shown: {len(report.slides)} ({len(report.slides) / slides:.1f} cycles); exceptions: "
          f"{report.exceptions}; requests to other hosts: {len(report.external_requests)}")
    if report.rss_mb:
        print(f"server memory MB: first {report.rss_mb[0]:.0f}, median {statistics.median(report.rss_mb):.0f}, "
              f"last {report.rss_mb[-1]:.0f}, max {max(report.rss_mb):.0f}; growth after warm-up "
              f"{report.memory_growth * 100:+.1f} % (limit {MEMORY_GROWTH_LIMIT * 100:.0f} %)")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
