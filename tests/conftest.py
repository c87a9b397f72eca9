"""Shared fixtures: a real SQLite file and a real PostgreSQL server started for the session.

PostgreSQL is mandatory: when its binaries are missing the tests fail with instructions, never skip.
"""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

from bench.server import free_port
from data_access.db import make_engine
from tests import fixture_data

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


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.fail("PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin). "
                    "Install them with: apt-get install -y postgresql  (bash .ci/run does this).")
    return Path(found[-1]).parent


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


class PostgresServer:
    """A throwaway PostgreSQL cluster on loopback; `create_database` returns a URL for a fresh database."""

    def __init__(self) -> None:
        self.bin = _pg_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="qsmo-pg-"))
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        subprocess.run(_as_postgres([str(self.bin / "initdb"), "-D", str(self.dir / "data"), "-A", "trust",
                                     "-U", "postgres", "--no-sync"]), check=True, capture_output=True)
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(_as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-l",
                                     str(self.dir / "log"), "-w", "-o", options, "start"]),
                       check=True, capture_output=True)
        self._count = 0

    def create_database(self, name: str | None = None) -> str:
        self._count += 1
        name = name or f"test_{self._count}"
        subprocess.run([str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name],
                       check=True, capture_output=True)
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        subprocess.run(_as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "stop"]),
                       capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    server = PostgresServer()
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
