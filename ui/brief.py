"""The sidebar's executive-brief downloads (PDF and PowerPoint) and the way into presentation mode."""

from __future__ import annotations

from datetime import date

import streamlit as st

from data_access.filters import Filters
from reports import brief as report
from reports.content import BriefContent
from ui import state
from ui.filters import describe, share_link


@st.cache_data(ttl=state.CACHE_TTL_SECONDS, max_entries=64, show_spinner="Preparing the brief…")
def _content(f: Filters, scope: str, link: str, as_of: date, version: str) -> BriefContent:
    return report.brief_content(state.engine(), filters=f, as_of=as_of, scope=scope, link=link)


def brief_bytes(kind: str, f: Filters, path: str) -> bytes:
    """The brief for filters `f` as 'pdf' or 'pptx' (content cached per filters and data version)."""
    snap = state.snapshot()
    content = _content(f, describe(f), share_link(f, path), snap.as_of, snap.version)
    return report.to_pdf(content) if kind == "pdf" else report.to_pptx(content)


def sidebar(f: Filters, path: str) -> None:
    with st.sidebar:
        st.markdown("### Executive brief")
        st.caption("Headline numbers, key charts and takeaways for the current filters.")
        c1, c2 = st.columns(2)
        c1.download_button("PDF", data=lambda: brief_bytes("pdf", f, path), file_name="qsmo-brief.pdf",
                           mime="application/pdf", on_click="ignore", icon=":material/picture_as_pdf:", key="brief-pdf")
        c2.download_button("PPTX", data=lambda: brief_bytes("pptx", f, path), file_name="qsmo-brief.pptx",
                           mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                           on_click="ignore", icon=":material/slideshow:", key="brief-pptx")
        if st.button("Presentation mode", icon=":material/co_present:", width="stretch", key="present-on",
                     help="Full-screen slides for a booth or stage; add &interval=20 to the URL to change the pace"):
            st.query_params["present"] = "1"
            st.rerun()
