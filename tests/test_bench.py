"""The benchmark works: its quick mode measures every page and writes the report (timings are not asserted)."""

from __future__ import annotations

import subprocess
import sys

from bench.pages import PAGES
from tests.conftest import ROOT


def test_quick_benchmark_measures_every_page(tmp_path):
    out = tmp_path / "benchmarks.md"
    done = subprocess.run([sys.executable, "-m", "bench", "--quick", "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    report = out.read_text()
    for page in PAGES:
        name = page.removeprefix("pages/").removesuffix(".py")
        assert f"| {name} |" in report, name
    for section in ("## Server side", "## Executive brief", "## In the browser", "concurrent sessions", "Cold start"):
        assert section in report
