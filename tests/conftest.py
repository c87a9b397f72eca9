"""Shared fixtures: a real SQLite file and a real PostgreSQL server started for the session.

PostgreSQL is mandatory: when its binaries are missing the tests fail with instructions, never skip.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

from data_access.db import make_engine
from tests import fixture_data
from tests.support.postgres import PostgresServer

ROOT = Path(__file__).resolve().parent.parent


def table_digests(engine: Engine) -> dict[str, str]:
    """A SHA-256 of every table's full contents (ordered), to prove a database is byte-for-byte unchanged."""
    out = {}
    with engine.connect() as conn:
        for name in sorted(SQLModel.metadata.tables):
            if not inspect(engine).has_table(name):
                continue
            rows = conn.execute(text(f"SELECT * FROM {name} ORDER BY 1, 2")).all()
            out[name] = hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()
    return out


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    try:
        server = PostgresServer()
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield server
    server.stop()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def fixture_engine(request, tmp_path_factory) -> Iterator[Engine]:
    """The hand-built dataset, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('fixture') / 'fixture.db'}"
    else:
        url = request.getfixturevalue("postgres").create_database()
    engine = make_engine(url)
    fixture_data.load(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def pg_demo(postgres) -> Engine:
    """The seeded demo dataset on PostgreSQL (shared by the seed and summary tests)."""
    from seed import seed_database

    engine = make_engine(postgres.create_database("seeded"))
    seed_database(engine)
    return engine
