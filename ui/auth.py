"""Who may write: imports need the admin credential (QSMO_ADMIN_TOKEN or `admin_token` in secrets)."""

from __future__ import annotations

import hmac

import streamlit as st

from data_access import settings

_ADMIN = "_is_admin"


def admin_secret() -> str | None:
    """The configured admin credential, or None when writes are disabled."""
    token = settings.current().admin_token
    if not token:
        try:
            token = st.secrets.get("admin_token")
        except Exception:  # noqa: BLE001 - no secrets file: writes stay disabled
            token = None
    return token or None


def is_admin() -> bool:
    return bool(st.session_state.get(_ADMIN))


def admin_gate() -> bool:
    """Show the sign-in box (or how to enable writes) and return True once the user is an admin."""
    secret = admin_secret()
    if secret is None:
        st.info("**Imports are disabled** because no admin credential is configured. To enable them, set the "
                "environment variable `QSMO_ADMIN_TOKEN` before starting the app, or add `admin_token = \"...\"` to "
                "`.streamlit/secrets.toml`. Viewing needs no login.", icon=":material/lock:")
        return False
    if is_admin():
        return True
    with st.form("admin-login", border=True):
        given = st.text_input("Admin token", type="password", help="Set by QSMO_ADMIN_TOKEN or admin_token in secrets")
        if st.form_submit_button("Sign in to import", icon=":material/login:"):
            if hmac.compare_digest(given.encode(), secret.encode()):
                st.session_state[_ADMIN] = True
                st.rerun()
            st.error("That token is not right.", icon=":material/block:")
    return False
