"""The engine, the catalog and cached query calls (caching lives here, on the UI side)."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable

import pandas as pd
import streamlit as st
from sqlalchemy import inspect

from data_access import catalog as cat
from data_access.db import check_connection, create_schema, database_url, has_data, make_engine
from data_access.filters import Catalog, Filters
from data_access.summary import ensure_summary
from seed import seed_database

_SEED_LOCK = threading.Lock()
CACHE_TTL_SECONDS = 600


def engine():
    """The shared engine for the configured DATABASE_URL (an empty database gets the demo data first)."""
    return _engine(database_url())


@st.cache_resource(show_spinner="Preparing the database…")
def _engine(url: str):
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


@st.cache_data(ttl=30, show_spinner=False)
def data_version() -> str:
    """Changes whenever data is (re)loaded; part of every cache key so imports show at once."""
    p = cat.provenance(engine())
    return f"{p.source}:{p.as_of}:{p.loaded_at.isoformat()}"


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def _catalog(version: str) -> Catalog:
    return cat.load_catalog(engine())


def catalog() -> Catalog:
    return _catalog(data_version())


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def _reference(name: str, version: str) -> pd.DataFrame:
    return getattr(cat, name)(engine())


def organizations() -> pd.DataFrame:
    return _reference("organizations", data_version())


def marketplaces() -> pd.DataFrame:
    return _reference("marketplaces", data_version())


def marketplace_names() -> dict[str, str]:
    """Marketplace code -> short display name."""
    df = marketplaces()
    return dict(zip(df["code"], df["short_name"]))


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def _provenance(version: str) -> cat.DataProvenance:
    return cat.provenance(engine())


def provenance() -> cat.DataProvenance:
    """Provenance of the loaded data (read once per data version, not on every rerun)."""
    return _provenance(data_version())


@st.cache_data(ttl=CACHE_TTL_SECONDS, max_entries=2000, show_spinner=False)
def _run(module: str, name: str, filters: Filters, version: str, kwargs: tuple):
    fn = getattr(importlib.import_module(f"data_access.{module}"), name)
    return fn(engine(), filters, **dict(kwargs))


@st.cache_data(ttl=CACHE_TTL_SECONDS, max_entries=2000, show_spinner=False)
def _run_value(module: str, name: str, args: tuple, version: str):
    fn = getattr(importlib.import_module(f"data_access.{module}"), name)
    return fn(engine(), *args)


def query_value(fn: Callable, *args):
    """Call a data_access function `fn(engine, *args)` (hashable args) through the cache."""
    return _run_value(fn.__module__.removeprefix("data_access."), fn.__name__, args, data_version())


def query(fn: Callable, filters: Filters, **kwargs):
    """Call a data_access query `fn(engine, filters, **kwargs)` through the cache."""
    module = fn.__module__.removeprefix("data_access.")
    return _run(module, fn.__name__, filters, data_version(), tuple(sorted(kwargs.items())))
