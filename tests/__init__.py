"""The test suite mirrors the layers: known-answer tests of the data layer on a hand-built fixture
(`fixture_data.py`, SQLite and PostgreSQL), seed calibration, figure specs, AppTest through app.py, and real
Chromium tests; real parts (servers, PostgreSQL, OIDC provider, cluster) are started by `tests/support`.

May import: every layer; only test_bench.py imports bench (the benchmark reuses tests/support, not the reverse).
"""
