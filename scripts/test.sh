#!/usr/bin/env bash
# Install everything the tests need and run the whole suite (lint, type check, SQLite, PostgreSQL, AppTest,
# real-browser and accessibility tests). Usage: bash scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
