"""Settings are read when asked, validated, and explained in one sentence per bad value."""

from __future__ import annotations

import pytest

from data_access.settings import DEFAULT_DATABASE_PATH, REPO_ROOT, SettingsError, current


def test_defaults():
    s = current({})
    assert s.database_url == f"sqlite:///{DEFAULT_DATABASE_PATH}"
    assert s.admin_token is None and s.public_url is None
    assert s.max_import_mb == 25 and s.max_import_bytes == 25 * 1024 * 1024
    assert s.presentation_file == REPO_ROOT / "presentation.toml"


def test_values_from_the_environment():
    s = current({"DATABASE_URL": "postgresql+psycopg://u@h/db", "QSMO_ADMIN_TOKEN": "x" * 16,
                 "QSMO_PUBLIC_URL": "http://booth.local:8501/", "QSMO_MAX_IMPORT_MB": "2.5",
                 "QSMO_PRESENTATION_FILE": "/tmp/show.toml"})
    assert (s.database_url, s.admin_token, s.public_url, s.max_import_mb) == (
        "postgresql+psycopg://u@h/db", "x" * 16, "http://booth.local:8501", 2.5)
    assert str(s.presentation_file) == "/tmp/show.toml"


@pytest.mark.parametrize(("env", "words"), [
    ({"QSMO_ADMIN_TOKEN": "short"}, "at least 16 characters"),
    ({"QSMO_PUBLIC_URL": "booth.local"}, "http:// or https://"),
    ({"QSMO_MAX_IMPORT_MB": "lots"}, "QSMO_MAX_IMPORT_MB must be a number"),
    ({"QSMO_MAX_IMPORT_MB": "inf"}, "QSMO_MAX_IMPORT_MB must be a number"),
    ({"QSMO_MAX_IMPORT_MB": "-1"}, "QSMO_MAX_IMPORT_MB must be a number"),
])
def test_bad_values_are_explained(env, words):
    with pytest.raises(SettingsError) as caught:
        current(env)
    assert words in str(caught.value) and len(caught.value.problems) == 1
