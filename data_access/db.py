"""Engine construction from DATABASE_URL, schema creation and connection checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlmodel import SQLModel

from data_access import (
    models,  # noqa: F401  (registers the tables on SQLModel.metadata)
    settings,
)


class DatabaseUnavailable(RuntimeError):
    """The configured database cannot be reached or the URL is malformed; the message says what to check."""


def database_url() -> str:
    """The configured URL: $DATABASE_URL, else the embedded SQLite file under data/ (see data_access.settings)."""
    return settings.current().database_url


def safe_url(url: str) -> str:
    """The URL with any password masked, fit to show a person."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(unparseable DATABASE_URL)"


def _enable_sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    """An engine for `url` (default: `database_url()`); SQLite gets foreign keys on and its folder created.

    Raises DatabaseUnavailable for a malformed URL or an unsupported driver.
    """
    url = url or database_url()
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseUnavailable(
            "DATABASE_URL is not a valid database URL. Expected e.g. "
            "sqlite:///data/qsmo.db or postgresql+psycopg://user:password@host:5432/dbname."
        ) from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(parsed, connect_args={"check_same_thread": False})
            event.listen(engine, "connect", _enable_sqlite_foreign_keys)
        else:
            engine = create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=5)
    except (ArgumentError, ImportError, SQLAlchemyError) as exc:
        raise DatabaseUnavailable(
            f"Cannot use the database at {safe_url(url)}: unsupported driver or options "
            f"({type(exc).__name__}). Check DATABASE_URL."
        ) from exc
    return engine


def check_connection(engine: Engine) -> None:
    """Open a connection and run SELECT 1; raise DatabaseUnavailable with advice if that fails."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        raise DatabaseUnavailable(
            f"Cannot reach the database at {safe_url(str(engine.url))}. Check that the server is "
            "running and reachable, and that DATABASE_URL has the right host, port, database name "
            "and credentials."
        ) from exc


def create_schema(engine: Engine) -> None:
    """Create every table and index that does not exist yet (idempotent)."""
    SQLModel.metadata.create_all(engine)


def has_data(engine: Engine) -> bool:
    """True when the schema exists and a provenance row says data was loaded."""
    if not inspect(engine).has_table("provenance"):
        return False
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT COUNT(*) FROM provenance")).scalar_one()) > 0


def drop_schema(engine: Engine) -> None:
    """Drop every table of the model (used by `python -m seed --reset` and tests)."""
    SQLModel.metadata.drop_all(engine)
