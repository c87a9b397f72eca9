"""The monthly measurement summary gives exactly the numbers the raw rows give, for random filters, on
SQLite and PostgreSQL; and it stays in step through imports."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from data_access import headlines, performance
from data_access.db import make_engine
from data_access.filters import Filters
from data_access.importer import commit_import, plan_import
from seed import seed_database
from tests import fixture_data
from tests.fixture_data import AS_OF

QUERIES = [headlines.sla_by_fy, performance.scorecard, performance.sla_by_quarter, performance.provider_comparison,
           performance.reporting_coverage]
ORGS = ["DOI", "NPS", "HHS", "CMS", "TREAS", "IRS", "DOD", "FTC", "SEC", "USDA", "FS", "VA", "GSA"]
MARKETS = ["CYBER", "FM", "HR", "GRANTS", "ACQ"]


def random_filters(n: int, seed: int = 7) -> list[Filters]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        fy_from = rng.randint(2021, 2026)
        out.append(Filters(fy_from=fy_from, fy_to=rng.randint(fy_from, 2026),
                           organizations=tuple(rng.sample(ORGS, rng.choice([0, 0, 1, 2]))),
                           marketplaces=tuple(rng.sample(MARKETS, rng.choice([0, 0, 1, 2]))),
                           provider_type=rng.choice([None, None, "federal", "commercial"])))
    return out


def assert_same(engine, f: Filters) -> None:
    for query in QUERIES:
        fast = query(engine, filters=f, as_of=AS_OF)
        slow = query(engine, filters=f, as_of=AS_OF, raw=True)
        pd.testing.assert_frame_equal(fast, slow, check_dtype=False, rtol=1e-9, obj=f"{query.__name__} {f}")


@pytest.fixture(scope="module")
def demo_sqlite(tmp_path_factory):
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('summary') / 'demo.db'}")
    seed_database(engine, scale=2)  # two reporting units per customer: the summary really aggregates
    return engine


@pytest.mark.parametrize("f", random_filters(12))
def test_summary_equals_raw_on_sqlite(demo_sqlite, f):
    assert_same(demo_sqlite, f)


@pytest.mark.postgres
@pytest.mark.parametrize("f", random_filters(6, seed=11))
def test_summary_equals_raw_on_postgresql(pg_demo, f):
    assert_same(pg_demo, f)


def test_summary_follows_imports(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    fixture_data.load(engine)
    f = Filters(fy_from=2024, fy_to=2026)
    new_values = (b"measure,solution,organization,month,value\n"
                  b"M-PROMPT,ARC-FM,USGS,2026-08,99.9\nM-PROMPT,ARC-FM,NPS,2026-09,98.0\n")
    commit_import(engine, plan_import(engine, new_values, "measurements.csv"))
    assert_same(engine, f)
    sla = headlines.sla_by_fy(engine, filters=f, as_of=AS_OF).set_index("fiscal_year")
    assert sla.loc[2026, "measurements"] == 7 and sla.loc[2026, "met"] == 2  # one added (met), one now missing
    target = (b"code,marketplace,name,unit,higher_is_better,target,near_margin\n"
              b"M-PROMPT,FM,Prompt pay,%,true,98,0.5\n")
    commit_import(engine, plan_import(engine, target, "service_measures.csv"))
    assert_same(engine, f)
    assert headlines.sla_by_fy(engine, filters=f,
                               as_of=AS_OF).set_index("fiscal_year").loc[2026, "met"] == 5  # all FM values >= 98
