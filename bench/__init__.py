"""Measurement tools: the page benchmark (`python -m bench`) and the presentation soak (`python -m bench.soak`)."""
