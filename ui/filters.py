"""Global filters in the sidebar, kept in the URL so a shared link reproduces the view.

URL parameters: agency (repeatable organization code), marketplace (repeatable code), fy_from and
fy_to (fiscal years; fy_to is the "selected" year), provider (federal or commercial).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data_access.filters import FILTER_PARAMS, Filters, parse_codes, parse_filters, to_params
from data_access.fiscal import fy_label, period_label
from ui import state

K_AGENCY, K_MARKET, K_FY_FROM, K_FY_TO, K_PROVIDER = "f_agency", "f_marketplace", "f_fy_from", "f_fy_to", "f_provider"
PROVIDER_OPTIONS = ["All providers", "Federal", "Commercial"]
_INIT = "_filters_from_url"
_PROBLEMS = "_url_problems"
_SAVED = "_filters_saved"  # survives page switches that clear widget state


def _widget_values(f: Filters) -> dict:
    return {K_AGENCY: list(f.organizations), K_MARKET: list(f.marketplaces), K_FY_FROM: f.fy_from, K_FY_TO: f.fy_to,
            K_PROVIDER: {"federal": "Federal", "commercial": "Commercial"}.get(f.provider_type or "", "All providers")}


def _apply(f: Filters) -> None:
    ss = st.session_state
    ss[_SAVED] = f
    for key, value in _widget_values(f).items():
        ss[key] = value


def _reset() -> None:
    cat = state.catalog()
    _apply(Filters(fy_from=cat.fy_min, fy_to=cat.default_fy_to))
    st.session_state.pop(_PROBLEMS, None)


def _changed() -> None:
    ss = st.session_state
    ss.pop(_PROBLEMS, None)
    if ss.get(K_FY_FROM, 0) > ss.get(K_FY_TO, 10_000):  # a range that starts after it ends: shrink it
        ss[K_FY_FROM] = ss[K_FY_TO]


def apply_filters(f: Filters) -> None:
    """Replace the global filters (e.g. from a chart click); takes effect on the next run."""
    _apply(f)
    _changed()


def url_problems() -> list[str]:
    """Problems found in the link that opened this session (cleared once the user changes a filter)."""
    return st.session_state.get(_PROBLEMS, [])


def current_filters() -> Filters:
    """Draw the sidebar filters (seeded from the URL on a session's first run) and keep the URL in step."""
    cat = state.catalog()
    ss = st.session_state
    if not ss.get(_INIT):
        params = {k: st.query_params.get_all(k) for k in FILTER_PARAMS}
        f, problems = parse_filters(params, cat)
        _apply(f)
        ss[_PROBLEMS] = problems
        ss[_INIT] = True
    elif _SAVED in ss:
        for key, value in _widget_values(ss[_SAVED]).items():
            ss.setdefault(key, value)
    orgs = state.organizations()
    label = {code: f"{code} · {name}" + ("" if pd.isna(parent) else f" ({parent})")
             for code, name, parent in zip(orgs["code"], orgs["name"], orgs["parent_code"])}
    markets = state.marketplaces()
    market_label = dict(zip(markets["code"], markets["short_name"]))
    years = list(range(cat.fy_min, cat.fy_max + 1))
    with st.sidebar:
        st.markdown("### Filters")
        st.multiselect("Agency", options=list(label), format_func=lambda c: label.get(c, c), key=K_AGENCY,
                       placeholder="All agencies", on_change=_changed,
                       help="Departments include their components. URL: ?agency=DOI&agency=NPS")
        st.multiselect("Marketplace", options=list(market_label), format_func=lambda c: market_label.get(c, c),
                       key=K_MARKET, placeholder="All marketplaces", on_change=_changed,
                       help="URL: ?marketplace=FM&marketplace=HR")
        first, last = st.columns(2)
        first.selectbox("From", options=years, key=K_FY_FROM, format_func=fy_label, on_change=_changed,
                        help="First fiscal year of the range (federal fiscal years start 1 October). "
                             "URL: ?fy_from=2022")
        last.selectbox("To (selected FY)", options=years, key=K_FY_TO, format_func=fy_label,
                       on_change=_changed, help="Headline numbers are for this fiscal year. URL: ?fy_to=2026")
        st.radio("Provider type", PROVIDER_OPTIONS, key=K_PROVIDER, horizontal=True, on_change=_changed,
                 help="URL: ?provider=federal")
        st.button("Reset filters", on_click=_reset, icon=":material/restart_alt:", width="stretch")
    fy_from, fy_to = int(ss[K_FY_FROM]), int(ss[K_FY_TO])
    fy_from = min(fy_from, fy_to)
    provider = {"Federal": "federal", "Commercial": "commercial"}.get(ss[K_PROVIDER])
    f = Filters(fy_from=fy_from, fy_to=fy_to, organizations=tuple(ss[K_AGENCY]),
                marketplaces=tuple(ss[K_MARKET]), provider_type=provider)
    ss[_SAVED] = f
    _write_url(to_params(f, cat))
    return f


def _write_url(wanted: dict[str, list[str]]) -> None:
    for key in FILTER_PARAMS:
        value = wanted.get(key, [])
        if st.query_params.get_all(key) != value:
            if value:
                st.query_params[key] = value
            elif key in st.query_params:
                del st.query_params[key]


def describe(f: Filters) -> str:
    """The filters in force, in words (for captions, briefs and presentation mode)."""
    parts = [period_label(f.fy_from, f.fy_to)]
    parts.append("agencies: " + ", ".join(f.organizations) if f.organizations else "all agencies")
    parts.append("marketplaces: " + ", ".join(f.marketplaces) if f.marketplaces else "all marketplaces")
    parts.append(f"{f.provider_type} providers" if f.provider_type else "all providers")
    return " · ".join(parts)


def share_link(f: Filters, path: str) -> str:
    """An absolute link (when the browser's URL is known) that reproduces `f` on the page at `path`."""
    from urllib.parse import urlencode, urlsplit

    query = urlencode(to_params(f, state.catalog()), doseq=True)
    base = ""
    try:
        url = st.context.url or ""
        parts = urlsplit(url)
        if parts.scheme and parts.netloc:
            base = f"{parts.scheme}://{parts.netloc}"
    except Exception:  # noqa: BLE001 - no browser context (tests): a relative link is still useful
        base = ""
    return f"{base}/{path.lstrip('/')}" + (f"?{query}" if query else "")


def page_codes(param: str, known: dict[str, str], *, limit: int) -> list[str]:
    """A page's own URL parameter (e.g. the catalog's `solution`): the known codes it holds, with a warning for
    each value dropped."""
    codes, problems = parse_codes(st.query_params.get_all(param), known, param, limit=limit)
    for problem in problems:
        st.warning(problem, icon=":material/link_off:")
    return codes


def keep_in_url(param: str, values: list[str]) -> None:
    """Write a page's own URL parameter so that a copied link reproduces the page (an empty list removes it)."""
    if st.query_params.get_all(param) != values:
        st.query_params.pop(param, None)
        if values:
            st.query_params[param] = values
