"""The presentation soak: watch the playlist in headless Chromium and record the slides shown, exceptions,
requests to other hosts and the server's memory (used by tests/test_browser.py and `python -m bench.soak`)."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import psutil

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
