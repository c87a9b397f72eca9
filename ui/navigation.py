"""Moving between organizations on the agency profile: the picker, drill-down and back-up, the share link."""

from __future__ import annotations

import dataclasses

import streamlit as st

from charts.text import md
from data_access.filters import Filters
from data_access.profiles import OrganizationInfo
from ui import components, state
from ui.filters import apply_filters, share_link

SECTIONS = [("Headlines", "headlines"), ("Adopted", "adopted"), ("Saved", "saved"), ("Service received", "service"),
            ("What is next", "next"), ("Peers", "peers"), ("Data coverage", "coverage")]


def pick_organization(filters: Filters) -> None:
    """The profile page without an organization: ask for one (it becomes the global agency filter)."""
    components.page_header("Agency profiles", "Pick an organization to see what it has adopted, saved and receives, "
                                              "and how it compares with its peers.", filters)
    labels = {r.code: f"{r.code} · {r.name}" for r in state.organizations().itertuples()}
    choice = st.selectbox("Organization", list(labels), format_func=lambda c: labels.get(c, c), index=None,
                          placeholder="Choose a department, component or agency", key="profile-pick")
    if choice:
        apply_filters(dataclasses.replace(filters, organizations=(str(choice),)))
        st.rerun()


def profile_links(filters: Filters, info: OrganizationInfo, one: Filters) -> None:
    """Drill into a component or back up to the department, the profile's share link, and jump links."""
    left, right = st.columns([2, 3])
    with left:
        if info.components:
            labels = dict(info.components)
            comp = st.selectbox("Drill into a component", list(labels), index=None, key="profile-drill",
                                format_func=lambda c: f"{c} · {labels[c]}", placeholder="All components (rolled up)")
            if comp:
                apply_filters(dataclasses.replace(filters, organizations=(comp,)))
                st.rerun()
        elif info.parent_code:
            st.button(f"Back to {md(info.parent_name)}", icon=":material/arrow_upward:", on_click=apply_filters,
                      args=(dataclasses.replace(filters, organizations=(info.parent_code,)),))
    with right:
        st.markdown("**Copy link to this profile**")
        st.code(share_link(one, "agencies"), language=None)
    st.markdown("Jump to: " + " · ".join(f"[{label}](#{anchor})" for label, anchor in SECTIONS))
