"""Measurement tools: the page benchmark (`python -m bench`), the presentation soak (`python -m bench.soak`), the
cluster on loopback (`python -m bench.cluster`) and the websocket load generator (`bench/load.py`).

May import: everything, including the real-part helpers in tests/support; nothing imports bench except its own
test (tests/test_bench.py).
"""
