"""A real OpenID Connect provider on loopback for the sign-in tests, and a Streamlit app configured against it.

The provider is panva's `oidc-provider` (OpenID Certified), run by Node.js from `tests/support/oidc_provider/`
(`npm ci` there installs it; `scripts/install-system-deps.sh` does that). It has one confidential client and the
users below, signs ID tokens with RS256, puts `email`, `name` and `groups` in the ID token, and can be told to
make the next ID token expired or signed with a wrong key (`next_id_token`).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from tests.support.servers import Server, free_port

PROVIDER_DIR = Path(__file__).resolve().parent / "oidc_provider"
LOGIN_APP = Path(__file__).resolve().parent / "login_app.py"
INSTALL_HINT = ("Install it with: npm ci --prefix tests/support/oidc_provider  (needs Node.js >= 20.19 and npm; "
                "bash scripts/install-system-deps.sh does both)")
IdTokenMode = Literal["normal", "expired", "wrong-key"]


@dataclass(frozen=True)
class User:
    """A provider account; `groups` goes into the ID token's `groups` claim."""

    email: str
    password: str
    name: str
    groups: list[str] = field(default_factory=list)

    @property
    def sub(self) -> str:
        return "sub-" + self.email.split("@")[0]


VIEWER = User("viewer@example.gov", "viewer-pass-1", "Vera Viewer")
EDITOR_DOI = User("editor-doi@example.gov", "editor-pass-2", "Ed Itor", ["qsmo-editor:DOI"])
ADMIN = User("admin@example.gov", "admin-pass-3", "Ada Admin", ["qsmo-admin"])
USERS = (VIEWER, EDITOR_DOI, ADMIN)


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        raise RuntimeError(f"Node.js not found. {INSTALL_HINT}")
    if not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        raise RuntimeError(f"The test OIDC provider is not installed (tests/support/oidc_provider/node_modules). {INSTALL_HINT}")
    return node


def _wait_for(url: str, proc: subprocess.Popen, log_path: Path, timeout: float, what: str) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    _kill_group(proc)
    raise RuntimeError(f"{what} did not start: {log_path.read_text()[-2000:]}")


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


class OidcProvider:
    """The provider on a free loopback port, for one client whose redirect URI is `redirect_uri`.

    `start()` runs in the constructor; `stop()` ends it and `start()` brings it back on the same port (the users,
    client and client secret stay; signing keys and provider sessions are new), which is how tests stage an outage.
    """

    def __init__(self, redirect_uri: str, log_path: Path, users: tuple[User, ...] = USERS,
                 client_id: str = "qsmo-dashboard") -> None:
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.metadata_url = f"{self.issuer}/.well-known/openid-configuration"
        self.client_id = client_id
        self.client_secret = secrets.token_urlsafe(32)
        self.users = users
        self.log_path = log_path
        self._control_token = secrets.token_urlsafe(16)
        self._dir = Path(tempfile.mkdtemp(prefix="qsmo-oidc-"))
        self._config = self._dir / "provider.json"
        self._config.write_text(json.dumps({
            "port": self.port,
            "control_token": self._control_token,
            "client": {"client_id": client_id, "client_secret": self.client_secret,
                       # Streamlit sends its /oauth2callback as post_logout_redirect_uri too.
                       "redirect_uris": [redirect_uri], "post_logout_redirect_uris": [redirect_uri]},
            "users": [{**asdict(u), "sub": u.sub} for u in users],
        }))
        self._proc: subprocess.Popen | None = None
        try:
            self.start()
        except RuntimeError:
            self.close()
            raise

    def start(self, timeout: float = 30) -> None:
        """Start the provider (again); returns once its discovery document answers."""
        node = _node()
        log = open(self.log_path, "a")  # noqa: SIM115 - handed to the child process
        self._proc = subprocess.Popen([node, "provider.mjs", str(self._config)], cwd=PROVIDER_DIR, stdout=log,
                                      stderr=subprocess.STDOUT, start_new_session=True)
        _wait_for(self.metadata_url, self._proc, self.log_path, timeout, "The test OIDC provider")

    def stop(self) -> None:
        """End the provider process; `start()` reuses its port (nothing else on the machine is told to take it)."""
        if self._proc is not None:
            _kill_group(self._proc)
            self._proc = None

    def close(self) -> None:
        """Stop and remove the config file."""
        self.stop()
        shutil.rmtree(self._dir, ignore_errors=True)

    def next_id_token(self, mode: IdTokenMode) -> None:
        """Make the next token response carry an ID token that is `expired` (exp an hour ago, iat two hours ago)
        or signed with a `wrong-key` (same kid and alg, another RSA key); `normal` cancels. Applies once."""
        request = urllib.request.Request(f"{self.issuer}/__test__/next-id-token", method="POST",
                                         data=f"mode={mode}".encode(), headers={"x-control-token": self._control_token})
        with urllib.request.urlopen(request, timeout=5) as response:
            assert json.load(response) == {"next_id_token": mode}

    def auth_secrets(self, redirect_uri: str, cookie_secret: str) -> str:
        """The `[auth]` block of `.streamlit/secrets.toml` for this provider (the same a deployer writes)."""
        return "\n".join([
            "[auth]",
            f'redirect_uri = "{redirect_uri}"',
            f'cookie_secret = "{cookie_secret}"',
            f'client_id = "{self.client_id}"',
            f'client_secret = "{self.client_secret}"',
            f'server_metadata_url = "{self.metadata_url}"',
            # "groups" is a scope here as at Okta; Entra ID adds the claim through the app registration instead.
            'client_kwargs = { scope = "openid email profile groups" }',
            "",
        ])


@dataclass
class LoginApp:
    """`tests/support/login_app.py` served by `streamlit run`, signed in through `provider`."""

    server: Server
    provider: OidcProvider
    cookie_secret: str
    secrets_path: Path

    @property
    def url(self) -> str:
        return self.server.url

    def stop(self) -> None:
        self.server.stop()
        self.provider.close()


def serve_login_app(port: int, secrets_path: Path, log_path: Path, timeout: float = 60) -> Server:
    """`streamlit run login_app.py` on `port` with `secrets_path` (via --secrets.files, so no secrets.toml of the
    working directory or home is read); returns once /_stcore/health answers."""
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(LOGIN_APP), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--browser.serverAddress", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
             "--client.showErrorDetails", "full", "--secrets.files", str(secrets_path)],
            cwd=secrets_path.parent, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    _wait_for(f"{url}/_stcore/health", proc, log_path, timeout, "streamlit")
    return Server(url, proc, log_path)


def start_login_app(workdir: Path) -> LoginApp:
    """Start the provider and the login app configured for it; secrets and logs go to `workdir`."""
    port = free_port()
    redirect_uri = f"http://127.0.0.1:{port}/oauth2callback"
    provider = OidcProvider(redirect_uri, workdir / "provider.log")
    cookie_secret = secrets.token_urlsafe(32)
    secrets_path = workdir / "secrets.toml"
    secrets_path.write_text(provider.auth_secrets(redirect_uri, cookie_secret))
    try:
        server = serve_login_app(port, secrets_path, workdir / "streamlit.log")
    except RuntimeError:
        provider.close()
        raise
    return LoginApp(server, provider, cookie_secret, secrets_path)
