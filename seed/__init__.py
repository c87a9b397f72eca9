"""Deterministic demo data calibrated to sourced anchors; run with `python -m seed`."""

from __future__ import annotations

from sqlalchemy import Engine

from data_access.db import create_schema, drop_schema, has_data
from seed.anchors import DEFAULT_SEED
from seed.generator import write


def seed_database(engine: Engine, *, seed: int = DEFAULT_SEED, scale: int = 1, reset: bool = False,
                  progress: bool = False) -> dict[str, int] | None:
    """Create the schema and load the demo data; return row counts, or None when data was already
    there (running twice without `reset` changes nothing)."""
    if reset:
        drop_schema(engine)
    create_schema(engine)
    if has_data(engine):
        return None
    return write(engine, seed, scale, progress=progress)
