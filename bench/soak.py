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
from pathlib import Path

from tests.support.servers import CHROMIUM, CHROMIUM_ARGS, start_server
from tests.support.soak import MEMORY_GROWTH_LIMIT, soak


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
