"""PostgreSQL roles: the dashboard runs with a read-only role; only a role that can write imports."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data_access import headlines
from data_access.db import make_engine
from data_access.filters import Filters
from data_access.importer import ImportFailed, commit_import, plan_import
from data_access.importer.__main__ import main as cli
from tests import fixture_data
from tests.conftest import table_digests
from tests.fixture_data import AS_OF

pytestmark = pytest.mark.postgres
APP = str(Path(__file__).resolve().parent.parent / "app.py")
ROW = (b"organization,solution,fiscal_year,baseline_cost,run_cost,migration_cost,savings_type,is_projected\n"
       b"NPS,ARC-FM,2028,1000,600,0,hard,true\n")


@pytest.fixture(scope="module")
def databases(postgres):
    url = postgres.create_database("roles")
    owner = make_engine(url)
    fixture_data.load(owner)
    with owner.begin() as conn:  # the grants README documents for a read-only dashboard role
        conn.exec_driver_sql("CREATE ROLE qsmo_reader LOGIN")
        conn.exec_driver_sql("GRANT CONNECT ON DATABASE roles TO qsmo_reader")
        conn.exec_driver_sql("GRANT USAGE ON SCHEMA public TO qsmo_reader")
        conn.exec_driver_sql("GRANT SELECT ON ALL TABLES IN SCHEMA public TO qsmo_reader")
    return owner, url.replace("postgres@", "qsmo_reader@")


def test_reader_role_reads_but_cannot_import(databases, tmp_path, capsys):
    owner, reader_url = databases
    reader = make_engine(reader_url)
    series = headlines.headline_series(reader, filters=Filters(fy_from=2024, fy_to=2026),
                                       as_of=AS_OF).set_index("fiscal_year")
    assert series.loc[2026, "net_savings"] == pytest.approx(1000)
    plan = plan_import(reader, ROW, "costs.csv")  # validation only reads
    assert plan.ok and plan.changes == 1
    before = table_digests(owner)
    with pytest.raises(ImportFailed):
        commit_import(reader, plan)
    assert table_digests(owner) == before
    path = tmp_path / "costs.csv"
    path.write_bytes(ROW)
    assert cli([str(path), "--database-url", reader_url]) == 2
    assert "the database refused the import" in capsys.readouterr().err
    assert commit_import(owner, plan_import(owner, ROW, "costs.csv")).added == 1  # the writer role imports


def test_dashboard_runs_on_the_reader_role(databases, monkeypatch):
    _, reader_url = databases
    monkeypatch.setenv("DATABASE_URL", reader_url)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception and at.title[0].value == "Executive Overview"
