"""Server-side page measurements through AppTest (the real router in app.py), in this process.

For every page and filter combination: the page run with caches cleared (cold), the same run with every
query answered from the cache (the floor), the page's SQL alone (its recorded queries replayed against
the engine), the bytes of the rendered elements, and the process's peak memory.
"""

from __future__ import annotations

import resource
import statistics
import time
from dataclasses import dataclass, field

import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.support.servers import ROOT
from ui import state

APP = str(ROOT / "app.py")
PAGES = ["pages/overview.py", "pages/adoption.py", "pages/savings.py", "pages/performance.py", "pages/agencies.py",
         "pages/marketplaces.py", "pages/data.py", "pages/about.py"]
FILTER_SETS = {
    "all": {},
    "agency=DOI": {"agency": ["DOI"]},
    "marketplace=FM, FY2023-26": {"marketplace": ["FM"], "fy_from": ["2023"]},
    "agency=NPS, commercial": {"agency": ["NPS"], "provider": ["commercial"]},
}


@dataclass
class PageResult:
    page: str
    filters: str
    cold_ms: list[float] = field(default_factory=list)
    floor_ms: list[float] = field(default_factory=list)
    sql_ms: list[float] = field(default_factory=list)
    bytes_sent: int = 0
    peak_rss_mb: float = 0.0
    exceptions: int = 0

    @staticmethod
    def p(values: list[float], q: float) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")

    @property
    def median(self) -> float:
        return statistics.median(self.cold_ms)

    @property
    def p95(self) -> float:
        return self.p(self.cold_ms, 0.95)

    @property
    def floor(self) -> float:
        return statistics.median(self.floor_ms)

    @property
    def sql(self) -> float:
        return statistics.median(self.sql_ms)


def _payload_bytes(at: AppTest) -> int:
    total = 0

    def walk(node) -> None:
        nonlocal total
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ByteSize"):
            total += proto.ByteSize()
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return total


class _Recorder:
    """Records the data-layer calls a page makes (to replay them without the cache)."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []
        self._query, self._lookup = state.query, state.lookup

    def __enter__(self):
        def query(fn, filters, **options):
            self.calls.append((fn, (), {"filters": filters, "as_of": state.as_of(), **options}))
            return self._query(fn, filters, **options)

        def lookup(fn, *args):
            self.calls.append((fn, args, {}))
            return self._lookup(fn, *args)

        state.query, state.lookup = query, lookup
        return self

    def __exit__(self, *exc) -> None:
        state.query, state.lookup = self._query, self._lookup

    def replay_ms(self) -> float:
        engine = state.engine()
        started = time.perf_counter()
        for fn, args, kwargs in self.calls:
            fn(engine, *args, **kwargs)
        return (time.perf_counter() - started) * 1000


def _app(params: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    return at


def measure_page(page: str, label: str, params: dict, runs: int) -> PageResult:
    """Time `page` with `params`: `runs` cold runs, `runs` floor runs, the SQL replay of each cold run."""
    result = PageResult(page.removeprefix("pages/").removesuffix(".py"), label)
    for _ in range(runs):
        at = _app(params)
        at.run()  # the router needs one run before a page switch
        at.switch_page(page)
        st.cache_data.clear()
        with _Recorder() as rec:
            started = time.perf_counter()
            at.run()
            result.cold_ms.append((time.perf_counter() - started) * 1000)
        result.exceptions += len(at.exception)
        result.sql_ms.append(rec.replay_ms())
        started = time.perf_counter()
        at.run()  # every query now answered from the cache
        result.floor_ms.append((time.perf_counter() - started) * 1000)
        result.bytes_sent = _payload_bytes(at)
    result.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def measure_all(runs: int, filter_sets: dict[str, dict] | None = None) -> list[PageResult]:
    out = []
    for page in PAGES:
        for label, params in (filter_sets or FILTER_SETS).items():
            if page.endswith(("about.py", "data.py")) and params:
                continue  # these pages do not depend on the filters
            out.append(measure_page(page, label, params, runs))
    return out
