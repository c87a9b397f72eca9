"""The app's router: page config, the run's data snapshot, global filters, navigation, and handing the filters
to the page.

Each page file defines `render(filters)` and ends with `if __name__ == "__main__": serve(render)`. Streamlit runs
a page file as a script in two ways: routed by `st.navigation` here (then `serve` passes this run's filters in),
or on its own, because `pages/` sits next to app.py (the design card asks for it) and Streamlit's legacy
multipage mode runs the file without app.py on the first request to a fresh server and on every AppTest run.
Then `serve` routes through `run_app()` instead, which runs the same page with the filters.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable

import streamlit as st

from data_access.db import DatabaseUnavailable
from data_access.filters import Filters
from data_access.settings import SettingsError
from ui.router_pages import PAGES, ROOT

_FILTERS: contextvars.ContextVar[Filters | None] = contextvars.ContextVar("qsmo_filters", default=None)


def _pages() -> list[st.Page]:
    return [st.Page(str(ROOT / file), title=title, url_path=path, icon=icon, default=(i == 0))
            for i, (file, title, path, icon) in enumerate(PAGES)]


def run_app() -> None:
    """Configure the page, open the database, draw the filters and run the page the URL asks for."""
    st.set_page_config(page_title="QSMO Performance Dashboard", page_icon="app/static/favicon.png",
                       layout="wide", initial_sidebar_state="auto")
    from ui import brief, filters, presentation, state  # imported here so a database problem is reported, not raised

    nav = st.navigation(_pages(), position="top")
    try:
        state.begin_run()
    except SettingsError as exc:
        st.error("**The dashboard is not configured correctly.** " + " ".join(exc.problems),
                 icon=":material/settings_alert:")
        return
    except DatabaseUnavailable as exc:
        st.error(f"**The dashboard cannot reach its database.** {exc}", icon=":material/database_off:")
        return
    except Exception:  # noqa: BLE001 - a viewer must never see a traceback
        st.error("**The dashboard's database could not be read.** Check DATABASE_URL and that the database holds "
                 "the dashboard's tables (run `python -m seed`).", icon=":material/database_off:")
        return
    chosen = filters.current_filters()
    path = next((p for _, t, p, _ in PAGES if t == nav.title), "overview")
    if presentation.presenting():  # designed slides instead of the page
        presentation.present(chosen, path, nav.title)
        return
    brief.sidebar(chosen, path)
    token = _FILTERS.set(chosen)
    try:
        nav.run()
    finally:
        _FILTERS.reset(token)


def serve(render: Callable[[Filters], None]) -> None:
    """Run a page: pass it this run's filters, or route through app.py when Streamlit ran the file on its own."""
    chosen = _FILTERS.get()
    if chosen is None:
        run_app()
        st.stop()
    render(chosen)
