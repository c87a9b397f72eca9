"""The engine, the run's data snapshot, and cached calls of data_access queries (caching lives here, on the UI side).

`query(adoption.adoption_by_stage, filters)` calls the query function it is given through `st.cache_data`, keyed
by the function, the database, the filters, the data-as-of date and the data version. The data version is
re-read at most every DATA_VERSION_TTL seconds, so an import through another process shows within that delay.
"""

from __future__ import annotations

import contextvars
import threading
import types
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import pandas as pd
import streamlit as st
from sqlalchemy import Engine, inspect

from data_access import catalog as cat
from data_access.db import check_connection, create_schema, database_url, has_data, make_engine
from data_access.filters import Catalog, Filters
from data_access.summary import ensure_summary
from seed import seed_database

T = TypeVar("T")
CACHE_TTL_SECONDS = 600
DATA_VERSION_TTL = 30  # seconds: how long another process's import may take to show here
_SEED_LOCK = threading.Lock()


def engine() -> Engine:
    """The shared engine for the configured database (an empty database gets the schema and demo data first)."""
    return _engine(database_url())


@st.cache_resource(show_spinner="Preparing the database…")
def _engine(url: str) -> Engine:
    eng = make_engine(url)
    check_connection(eng)
    with _SEED_LOCK:
        if not has_data(eng):
            create_schema(eng)
            seed_database(eng)
        elif not inspect(eng).has_table("measurement_monthly"):  # a database from before the summary table
            create_schema(eng)
            ensure_summary(eng)
    return eng


@st.cache_data(ttl=DATA_VERSION_TTL, show_spinner=False)
def data_version() -> str:
    """Changes whenever data is (re)loaded; part of every cache key so imports show at once."""
    p = cat.provenance(engine())
    return f"{p.source}:{p.as_of}:{p.loaded_at.isoformat()}"


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def _provenance(version: str) -> cat.DataProvenance:
    return cat.provenance(engine())


def provenance() -> cat.DataProvenance:
    """Provenance of the loaded data (read once per data version, not on every rerun)."""
    return _provenance(data_version())


@dataclass(frozen=True)
class Snapshot:
    """What one script run reads: the database at one data version, with its data-as-of date."""

    engine: Engine
    as_of: date
    version: str


_SNAPSHOT: contextvars.ContextVar[Snapshot | None] = contextvars.ContextVar("qsmo_snapshot", default=None)


def begin_run() -> Snapshot:
    """Resolve the data version and as-of date once for this script run (the router calls this first)."""
    version = data_version()
    snap = Snapshot(engine(), _provenance(version).as_of, version)
    _SNAPSHOT.set(snap)
    return snap


def snapshot() -> Snapshot:
    """This run's snapshot (resolved now if the router has not)."""
    return _SNAPSHOT.get() or begin_run()


def as_of() -> date:
    """The data-as-of date of this run."""
    return snapshot().as_of


def _engine_key(eng: Engine) -> str:
    return eng.url.render_as_string(hide_password=False)


def _function_key(fn: types.FunctionType) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


_HASH_FUNCS: dict[Any, Callable[[Any], Any]] = {Engine: _engine_key, types.FunctionType: _function_key}


@st.cache_data(ttl=CACHE_TTL_SECONDS, max_entries=2000, show_spinner=False, hash_funcs=_HASH_FUNCS)
def _call(query: Callable[..., T], eng: Engine, filters: Filters, as_of_day: date, version: str,
          options: tuple[tuple[str, Any], ...]) -> T:
    return query(eng, filters=filters, as_of=as_of_day, **dict(options))


def query(fn: Callable[..., T], filters: Filters, **options: Any) -> T:
    """`fn(engine, filters=filters, as_of=..., **options)` answered from the cache when it can be."""
    snap = snapshot()
    return _call(fn, snap.engine, filters, snap.as_of, snap.version, tuple(sorted(options.items())))


@st.cache_data(ttl=CACHE_TTL_SECONDS, max_entries=500, show_spinner=False, hash_funcs=_HASH_FUNCS)
def _lookup(fn: Callable[..., T], eng: Engine, version: str, args: tuple[Any, ...]) -> T:
    return fn(eng, *args)


def lookup(fn: Callable[..., T], *args: Any) -> T:
    """`fn(engine, *args)` for reference lookups (hashable args), cached per data version."""
    snap = snapshot()
    return _lookup(fn, snap.engine, snap.version, args)


def catalog() -> Catalog:
    """The valid filter values (organization and marketplace codes, fiscal years with data)."""
    return lookup(cat.load_catalog)


def organizations() -> pd.DataFrame:
    return lookup(cat.organizations)


def marketplaces() -> pd.DataFrame:
    return lookup(cat.marketplaces)


def marketplace_names() -> dict[str, str]:
    """Marketplace code -> short display name."""
    df = marketplaces()
    return dict(zip(df["code"], df["short_name"]))


def clear() -> None:
    """Forget every cached query result (after an import in this process)."""
    st.cache_data.clear()
