"""Every setting the app reads, in one object, read from the environment when asked (never at import time).

`SETTINGS` declares each one with its default and meaning; the README's configuration table lists them all
(tests/test_docs.py fails when one is missing). `current()` validates the values and raises
`SettingsError` with one plain sentence per bad value, so a misconfiguration is explained, not a traceback.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_PATH = REPO_ROOT / "data" / "qsmo.db"


@dataclass(frozen=True)
class Setting:
    """One environment variable: its name, its default (as text, None for unset) and what it does."""

    name: str
    default: str | None
    description: str


SETTINGS: tuple[Setting, ...] = (
    Setting("DATABASE_URL", "sqlite:///data/qsmo.db",
            "The database. PostgreSQL: `postgresql+psycopg://user:password@host:5432/qsmo`. An empty database is "
            "given the schema and demo data on first start."),
    Setting("QSMO_ADMIN_TOKEN", None,
            "The shared admin credential for imports (at least 16 characters); `admin_token` in "
            "`.streamlit/secrets.toml` works too. Unset: imports are disabled."),
    Setting("QSMO_PUBLIC_URL", None,
            "The address phones should open from presentation mode's QR code, e.g. `http://booth-laptop.local:8501`. "
            "Unset: the address the browser used."),
    Setting("QSMO_MAX_IMPORT_MB", "25",
            "The largest file an import accepts, in megabytes (uncompressed size for workbooks)."),
    Setting("QSMO_PRESENTATION_FILE", "presentation.toml",
            "Presentation mode's defaults (interval, playlist, featured agency); relative to the repository."),
)
SETTING_NAMES = tuple(s.name for s in SETTINGS)
MIN_ADMIN_TOKEN_LENGTH = 16


class SettingsError(ValueError):
    """A setting has a value the app cannot use; `problems` says which and why, one sentence each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Settings:
    """The validated configuration (see `SETTINGS` for what each value means)."""

    database_url: str
    admin_token: str | None
    public_url: str | None
    max_import_mb: float
    presentation_file: Path

    @property
    def max_import_bytes(self) -> int:
        return int(self.max_import_mb * 1024 * 1024)


def _raw(environ: Mapping[str, str], name: str) -> str | None:
    value = environ.get(name, "").strip()
    if value:
        return value
    return next(s.default for s in SETTINGS if s.name == name)


def current(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings from `environ` (default: the process environment). Raises SettingsError."""
    env = os.environ if environ is None else environ
    problems: list[str] = []
    url = _raw(env, "DATABASE_URL") or ""
    if url == "sqlite:///data/qsmo.db":  # the default is relative to the repository, not the working directory
        url = f"sqlite:///{DEFAULT_DATABASE_PATH}"
    token = _raw(env, "QSMO_ADMIN_TOKEN")
    if token is not None and len(token) < MIN_ADMIN_TOKEN_LENGTH:
        problems.append(f"QSMO_ADMIN_TOKEN is too short to be safe: use at least {MIN_ADMIN_TOKEN_LENGTH} characters.")
    public = _raw(env, "QSMO_PUBLIC_URL")
    if public is not None and not public.startswith(("http://", "https://")):
        problems.append("QSMO_PUBLIC_URL must start with http:// or https://.")
    size_text = _raw(env, "QSMO_MAX_IMPORT_MB") or ""
    try:
        size = float(size_text)
        if not math.isfinite(size) or not 0 < size <= 1024:
            raise ValueError
    except ValueError:
        problems.append(f"QSMO_MAX_IMPORT_MB must be a number of megabytes between 0 and 1024 (it is “{size_text[:20]}”).")
        size = 25.0
    presentation = Path(_raw(env, "QSMO_PRESENTATION_FILE") or "presentation.toml")
    if not presentation.is_absolute():
        presentation = REPO_ROOT / presentation
    if problems:
        raise SettingsError(problems)
    return Settings(database_url=url, admin_token=token, public_url=public.rstrip("/") if public else None,
                    max_import_mb=size, presentation_file=presentation)
