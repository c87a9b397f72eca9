"""Deterministic demo data calibrated to sourced anchors (`anchors.py`), with real reference names
(`reference_data.py`) and the generator (`generator.py`); run with `python -m seed`.

May import: data_access (models, tables, fiscal rules, summary) and the standard library; never Streamlit,
charts, ui, pages or reports.
"""

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


def initialise_empty(engine: Engine, as_of) -> bool:
    """Create the schema with only the five marketplaces, ready for imports (no demo data). Returns False
    when the database already holds data."""
    from datetime import UTC, datetime

    from sqlalchemy import insert

    from data_access import tables
    from data_access.models import Marketplace, MarketplaceHistory, Provenance
    from seed.reference_data import MARKETPLACE_HISTORY, MARKETPLACES

    create_schema(engine)
    if has_data(engine):
        return False
    with engine.begin() as conn:
        for code, name, short, lead, designated, desc in MARKETPLACES:
            mid = conn.execute(insert(Marketplace).values(code=code, name=name, short_name=short, lead_agency=lead,
                                                          designated_on=designated, description=desc)
                               .returning(tables.marketplace.c.id)).scalar_one()
            for h_code, effective, h_lead, event in MARKETPLACE_HISTORY:
                if h_code == code:
                    conn.execute(insert(MarketplaceHistory).values(marketplace_id=mid, effective_on=effective,
                                                                   lead_agency=h_lead, event=event))
        conn.execute(insert(Provenance).values(source="imported", as_of=as_of, loaded_at=datetime.now(UTC),
                                               note="Empty database created for imports"))
    return True
