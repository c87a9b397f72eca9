"""The smallest app that signs in with st.login: shows who is signed in, their groups claim and every claim name.

Run by tests/test_oidc.py with `streamlit run` and a generated secrets.toml (see tests/support/oidc.py).
Claims are shown with st.text/st.code, never markdown: they come from outside.
"""

import streamlit as st

st.set_page_config(page_title="Sign-in check")

if not st.user.is_logged_in:
    st.text("Status: signed out")
    if st.button("Sign in"):
        st.login()
else:
    st.text("Status: signed in")
    st.text(f"Email: {st.user.get('email')}")
    groups = st.user.get("groups") or []
    st.text(f"Groups: {', '.join(groups) if groups else '(none)'}")
    st.text(f"Claims: {', '.join(sorted(st.user.to_dict()))}")
    if st.button("Sign out"):
        st.logout()
