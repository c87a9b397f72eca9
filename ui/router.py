"""The app's router: page config, global filters and st.navigation.

`pages/` sits next to app.py (the design card asks for it), which makes Streamlit run a page file on
its own on the first script run of a fresh server (its legacy multipage mode) and on every AppTest
run. Each page therefore starts with `ensure_router()`: when it was run without the router, it hands
over to `run_app()`, which routes to the same page through app.py's navigation.
"""

from __future__ import annotations

import contextvars

import streamlit as st

from data_access.db import DatabaseUnavailable
from ui.router_pages import PAGES, ROOT

_ROUTING: contextvars.ContextVar[bool] = contextvars.ContextVar("routing", default=False)


def _pages() -> list[st.Page]:
    return [st.Page(str(ROOT / file), title=title, url_path=path, icon=icon, default=(i == 0))
            for i, (file, title, path, icon) in enumerate(PAGES)]


def run_app() -> None:
    """Configure the page, open the database, draw the filters and run the page the URL asks for."""
    st.set_page_config(page_title="QSMO Performance Dashboard", page_icon="app/static/favicon.png",
                       layout="wide", initial_sidebar_state="expanded")
    from ui import filters, state  # imported here so a database problem is reported, not raised

    nav = st.navigation(_pages(), position="top")
    try:
        state.engine()
        state.catalog()
    except DatabaseUnavailable as exc:
        st.error(f"**The dashboard cannot reach its database.** {exc}", icon=":material/database_off:")
        st.stop()
    except Exception:  # noqa: BLE001 - a viewer must never see a traceback
        st.error("**The dashboard's database could not be read.** Check DATABASE_URL and that the "
                 "database holds the dashboard's tables (run `python -m seed`).", icon=":material/database_off:")
        st.stop()
    f = filters.current_filters()
    st.session_state["filters"] = f
    path = next((p for _, t, p, _ in PAGES if t == nav.title), "overview")
    from ui import brief, presentation

    if presentation.presenting():
        presentation.present(f, path)
    else:
        brief.sidebar(f, path)
    token = _ROUTING.set(True)
    try:
        nav.run()
    finally:
        _ROUTING.reset(token)


def ensure_router() -> None:
    """Call first in every page: if this file runs without the router, route through app.py instead."""
    if not _ROUTING.get():
        run_app()
        st.stop()
