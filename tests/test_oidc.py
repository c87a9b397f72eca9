"""Streamlit's st.login / st.logout against a real OpenID Connect provider on loopback, in headless Chromium.

The provider is panva's oidc-provider (tests/support/oidc.py); the app is tests/support/login_app.py under
`streamlit run` with a generated `[auth]` secrets block. Every test also proves that the browser asked nothing of
any host but 127.0.0.1 and that no traceback reached the screen. Node.js, the provider's npm packages and Chromium
are required: without them these tests fail with the command that installs them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from itsdangerous import URLSafeTimedSerializer
from playwright.sync_api import BrowserContext, Page, sync_playwright
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.support.oidc import ADMIN, EDITOR_DOI, LOGIN_APP, USERS, VIEWER, LoginApp, User, serve_login_app, start_login_app
from tests.support.servers import CHROMIUM, CHROMIUM_ARGS, free_port

pytestmark = pytest.mark.browser
SHOTS = ROOT / "test-results" / "oidc"
USER_COOKIE = "_streamlit_user"


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[LoginApp]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium not found at /usr/bin/chromium: apt-get install -y chromium (bash .ci/run does this)")
    try:
        running = start_login_app(tmp_path_factory.mktemp("oidc"))
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def context(browser, app) -> Iterator[BrowserContext]:
    """A fresh browser profile (no cookies) that records every request it makes."""
    ctx = browser.new_context(viewport={"width": 1000, "height": 700})
    ctx.requests = []
    ctx.on("request", lambda r: ctx.requests.append(r.url))
    yield ctx
    ctx.close()


@pytest.fixture
def page(context) -> Page:
    return context.new_page()


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def assert_clean(page: Page) -> None:
    """Nothing left 127.0.0.1, and no exception is on screen."""
    outside = [u for u in page.context.requests if urlsplit(u).hostname not in (None, "127.0.0.1") and
               not u.startswith(("data:", "blob:"))]
    assert outside == []
    if urlsplit(page.url).path != "/auth/login":
        assert page.locator("[data-testid=stException]").count() == 0


def status(page: Page, expected: str) -> None:
    page.get_by_text(f"Status: {expected}").wait_for(timeout=30_000)


def texts(page: Page) -> list[str]:
    return page.locator("[data-testid=stText]").all_text_contents()


def go_to_provider(page: Page, app: LoginApp, start: str | None = None) -> None:
    """From the signed-out app (at `start`, default the app), press Sign in and wait for the provider's page."""
    page.goto(start or app.url)
    status(page, "signed out")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{app.provider.issuer}/interaction/**")


def sign_in(page: Page, app: LoginApp, user: User, password: str | None = None, shot_name: str | None = None,
            start: str | None = None) -> None:
    """Sign in on the provider's own form (offered "Continue as", it picks "Use another account")."""
    go_to_provider(page, app, start)
    page.get_by_role("heading", level=2).wait_for()
    if page.get_by_role("heading", name="Choose an account").count():
        page.get_by_role("link", name="Use another account").click()
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password if password is not None else user.password)
    if shot_name:
        shot(page, shot_name)
    page.get_by_role("button", name="Sign in").click()


def user_cookie(context: BrowserContext) -> dict | None:
    return next((c for c in context.cookies() if c["name"] == USER_COOKIE), None)


@pytest.mark.parametrize("user", USERS, ids=lambda u: u.email.split("@")[0])
def test_sign_in_through_the_provider_shows_email_and_groups(app, page, user):
    sign_in(page, app, user, shot_name=f"provider-login-form-{user.email.split('@')[0]}")
    status(page, "signed in")
    assert urlsplit(page.url).netloc == urlsplit(app.url).netloc
    shown = texts(page)
    assert f"Email: {user.email}" in shown
    assert f"Groups: {', '.join(user.groups) if user.groups else '(none)'}" in shown
    claims = next(t for t in shown if t.startswith("Claims: "))[len("Claims: "):].split(", ")
    assert {"iss", "sub", "aud", "exp", "iat", "email", "name", "groups", "is_logged_in"} <= set(claims)
    shot(page, f"signed-in-{user.email.split('@')[0]}")
    assert_clean(page)


def test_login_cookie_is_signed_not_encrypted_http_only_and_lasts_30_days(app, page, context):
    sign_in(page, app, EDITOR_DOI)
    status(page, "signed in")
    cookie = user_cookie(context)
    assert cookie is not None and cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/"
    assert 29 * 86400 < cookie["expires"] - time.time() <= 30 * 86400
    # itsdangerous, salted with the cookie name and keyed by [auth] cookie_secret: it verifies with that secret...
    claims = json.loads(URLSafeTimedSerializer(app.cookie_secret, salt=USER_COOKIE).loads(cookie["value"]))
    assert claims["email"] == EDITOR_DOI.email and claims["groups"] == ["qsmo-editor:DOI"]
    # ...but anyone who can read the cookie can read the claims without it (signed, not encrypted).
    verified, readable = URLSafeTimedSerializer("not-the-secret", salt=USER_COOKIE).loads_unsafe(cookie["value"])
    assert not verified and json.loads(readable) == claims
    assert claims["origin"] == app.url and claims["provider"] == "default"
    assert {c["name"] for c in context.cookies()} >= {USER_COOKIE, "_streamlit_user_tokens"}
    assert_clean(page)


def test_wrong_password_is_refused_by_the_provider(app, page, context):
    sign_in(page, app, ADMIN, password="not-the-password")
    page.get_by_role("alert").wait_for()
    assert page.get_by_role("alert").inner_text() == "Wrong email or password."
    assert page.url.startswith(app.provider.issuer)
    shot(page, "provider-wrong-password")
    page.goto(app.url)
    status(page, "signed out")
    assert user_cookie(context) is None
    assert_clean(page)


def test_sign_out_ends_the_app_and_provider_sessions(app, page, context):
    sign_in(page, app, VIEWER)
    status(page, "signed in")
    page.get_by_role("button", name="Sign out").click()
    # Streamlit clears its cookies and sends the browser to the provider's end_session_endpoint.
    page.wait_for_url(f"{app.provider.issuer}/session/end**")
    assert user_cookie(context) is None
    shot(page, "provider-sign-out")
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{app.url}/")
    status(page, "signed out")
    shot(page, "signed-out")
    page.reload()
    status(page, "signed out")
    # The provider's session is gone too: signing in again asks for the password, not "Continue as".
    go_to_provider(page, app)
    page.get_by_role("heading", name="Sign in").wait_for()
    assert page.get_by_label("Password").count() == 1
    assert_clean(page)


def test_provider_offers_the_known_account_on_the_next_sign_in(app, page, context):
    sign_in(page, app, ADMIN)
    status(page, "signed in")
    context.clear_cookies(name=USER_COOKIE)
    go_to_provider(page, app)  # Streamlit asks prompt=select_account by default
    page.get_by_role("button", name=f"Continue as {ADMIN.email}").click()
    status(page, "signed in")
    assert f"Email: {ADMIN.email}" in texts(page)
    assert_clean(page)


def _signed(claims: dict, secret: str) -> str:
    return URLSafeTimedSerializer(secret, salt=USER_COOKIE).dumps(json.dumps(claims))


def _with_old_signature(original: str, claims: dict) -> str:
    """The edited claims in the payload, the original timestamp and signature (what a hand-edited cookie is)."""
    payload = _signed(claims, "any-other-secret").rsplit(".", 2)[0]
    _, timestamp, signature = original.rsplit(".", 2)
    return f"{payload}.{timestamp}.{signature}"


def test_tampered_identity_cookie_is_refused(app, page, context):
    sign_in(page, app, VIEWER)
    status(page, "signed in")
    original = user_cookie(context)
    claims = json.loads(URLSafeTimedSerializer(app.cookie_secret, salt=USER_COOKIE).loads(original["value"]))
    promoted = {**claims, "email": ADMIN.email, "groups": ["qsmo-admin"]}
    forgeries = {
        "edited-payload": _with_old_signature(original["value"], promoted),
        "signed-with-another-secret": _signed(promoted, "a-guessed-cookie-secret-0123456789"),
        "truncated-signature": original["value"][:-4],
    }
    for name, value in forgeries.items():
        context.clear_cookies()
        context.add_cookies([{**original, "value": value}])
        page.goto(app.url)
        status(page, "signed out")
        assert "Groups: qsmo-admin" not in texts(page), name
        shot(page, f"tampered-cookie-{name}")
    # Control: the same edit signed with the app's real secret is accepted, so the secret alone guards identity;
    # Streamlit does not look at the ID token's exp either (an ID token that expired yesterday still signs in).
    context.clear_cookies()
    context.add_cookies([{**original, "value": _signed({**promoted, "exp": claims["iat"] - 86400}, app.cookie_secret)}])
    page.goto(app.url)
    status(page, "signed in")
    assert "Groups: qsmo-admin" in texts(page)
    assert_clean(page)


@pytest.mark.parametrize("mode", ["expired", "wrong-key"])
def test_bad_id_token_at_the_callback_is_refused(app, page, context, mode):
    log_before = app.server.log_path.read_text()
    app.provider.next_id_token(mode)
    sign_in(page, app, EDITOR_DOI)
    page.wait_for_url(f"{app.url}/")
    status(page, "signed out")
    assert user_cookie(context) is None
    shot(page, f"refused-{mode}-id-token")
    assert_clean(page)
    log = app.server.log_path.read_text()[len(log_before):]
    assert "OAuth token exchange failed for provider 'default'" in log
    assert {"expired": "ExpiredTokenError", "wrong-key": "BadSignatureError"}[mode] in log
    # The next, untampered token from the same provider is accepted.
    go_to_provider(page, app)
    page.get_by_role("button", name=f"Continue as {EDITOR_DOI.email}").click()
    status(page, "signed in")
    assert_clean(page)


@pytest.mark.parametrize("shared", [True, False], ids=["same-cookie-secret", "other-cookie-secret"])
def test_callback_on_another_replica_needs_the_same_cookie_secret(app, page, tmp_path, shared):
    """Two replicas: the login starts on B and the provider returns to A (the configured redirect_uri). Streamlit
    keeps the OAuth state (state, nonce, PKCE verifier) in its signed `_streamlit_session` cookie, not in server
    memory, so A completes B's login exactly when both have the same cookie_secret."""
    text = app.secrets_path.read_text()
    (tmp_path / "secrets.toml").write_text(text if shared else text.replace(app.cookie_secret, "another-" + app.cookie_secret))
    replica_b = serve_login_app(free_port(), tmp_path / "secrets.toml", tmp_path / "replica-b.log")
    try:
        log_before = app.server.log_path.read_text()
        sign_in(page, app, VIEWER, start=replica_b.url)
        page.wait_for_url(f"{app.url}/")
        status(page, "signed in" if shared else "signed out")
        if not shared:
            assert "Missing provider for OAuth callback" in app.server.log_path.read_text()[len(log_before):]
        assert_clean(page)
    finally:
        replica_b.stop()


def test_provider_outage(app, browser, page, context):
    """Signed-in users keep their session (the cookie is the app's own); new sign-ins get a plain 400 page; sign-out
    still clears the app's cookie."""
    sign_in(page, app, VIEWER)
    status(page, "signed in")
    app.provider.stop()
    try:
        page.reload()
        status(page, "signed in")
        other = browser.new_context()
        other.requests = []
        other.on("request", lambda r: other.requests.append(r.url))
        try:
            newcomer = other.new_page()
            newcomer.goto(app.url)
            status(newcomer, "signed out")
            with newcomer.expect_navigation(url=f"{app.url}/auth/login**") as navigation:
                newcomer.get_by_role("button", name="Sign in").click()
            assert navigation.value.status == 400
            assert newcomer.locator("body").inner_text().strip() == "Authentication error"
            shot(newcomer, "provider-down-sign-in")
            assert_clean(newcomer)
        finally:
            other.close()
        page.get_by_role("button", name="Sign out").click()
        page.wait_for_url(f"{app.url}/")
        status(page, "signed out")
        assert user_cookie(context) is None
        assert_clean(page)
    finally:
        app.provider.start()


def test_apptest_stands_in_for_a_signed_in_user_with_at_user():
    """Unit tests need no provider: AppTest.user is what st.user reads; st.logout resets it to signed out."""
    at = AppTest.from_file(str(LOGIN_APP), default_timeout=30)
    at.user = {"is_logged_in": True, "email": EDITOR_DOI.email, "groups": EDITOR_DOI.groups}
    at.run()
    assert [t.value for t in at.text][:3] == ["Status: signed in", f"Email: {EDITOR_DOI.email}", "Groups: qsmo-editor:DOI"]
    at.button[0].click().run()
    assert at.user == {"is_logged_in": False}
    at.run()
    assert [t.value for t in at.text] == ["Status: signed out"]
