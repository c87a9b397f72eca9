"""Hostile and careless files: each ends with a clear problem (file, sheet, row, column, value, what to do) and
every table unchanged, on SQLite and on the PostgreSQL server the session starts. Plus workbook bombs, the
data-as-of date, the command line's output, exports that never hold formulas, and `stage_at` against the
SQL `stage_on` it mirrors."""

from __future__ import annotations

import csv as csvlib
import io
import random
import re
import zipfile
from dataclasses import dataclass
from datetime import date

import openpyxl
import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import Engine, insert, select

from data_access.db import make_engine
from data_access.importer import ImportRejected, commit_import, plan_import
from data_access.importer import reader as reader_module
from data_access.importer.__main__ import main as cli
from data_access.importer.exporter import export_frames, to_xlsx
from data_access.importer.reader import Problem
from data_access.models import Engagement, Provider
from data_access.stages import stage_at, stage_on
from tests import fixture_data
from tests.conftest import table_digests

COSTS = "organization,solution,fiscal_year,baseline_cost,run_cost,migration_cost,savings_type,is_projected"
GOOD_COST = ["NPS", "ARC-FM", "2027", "1000", "700", "0", "hard", "true"]  # a valid row mixed into every bad file
PROVIDERS = "code,name,provider_type,home_agency"
GOOD_PROVIDER = ["NEWP", "New provider", "commercial", ""]
SOLUTIONS = "code,name,marketplace,provider,service_area,pricing_unit,unit_price,description"
GOOD_SOLUTION = ["NEW-FM", "New FM", "FM", "ARC", "Core FM", "per FTE", "100", "Plain text.\tTabs and\nline breaks."]
MEASURES = "code,marketplace,name,unit,higher_is_better,target,near_margin,source"
GOOD_MEASURE = ["M-NEW", "FM", "New measure", "days", "false", "10", "1", "ARC SLA, 2024"]
MEASUREMENTS = "measure,solution,organization,month,value"
GOOD_MEASUREMENT = ["M-PROMPT", "ARC-FM", "USGS", "2026-08", "99.9"]
SATISFACTION = "solution,organization,fiscal_year,fiscal_quarter,score,responses"
GOOD_SATISFACTION = ["ARC-FM", "USGS", "2026", "2", "5.5", "20"]
ENGAGEMENTS = ("organization,solution,stage,discovery_on,agreement_on,implementing_on,operational_on,at_risk_on,"
               "cancelled_on,planned_go_live,forecast_go_live")
GOOD_ENGAGEMENT = ["HHS", "ARC-FM", "agreement", "2026-01-05", "2026-03-01", "", "", "", "", "2027-10-01", ""]
AS_OF = fixture_data.AS_OF  # 30 Sep 2026, FY2026


def csv_file(header: str, *rows: list[str]) -> bytes:
    out = io.StringIO()
    writer = csvlib.writer(out, lineterminator="\n")
    writer.writerow(header.split(","))
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def with_good(header: str, good: list[str], bad: list[str]) -> bytes:
    """A valid row (spreadsheet row 2) followed by the bad one (row 3)."""
    return csv_file(header, good, bad)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request, tmp_path_factory) -> Engine:
    """The fixture dataset; the hostile cases only ever read it (table digests prove it)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'db.sqlite'}"
    else:
        url = request.getfixturevalue("postgres").create_database("hostile")
    engine = make_engine(url)
    fixture_data.load(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def sqlite_db(tmp_path_factory) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('hostile-sqlite') / 'db.sqlite'}")
    fixture_data.load(engine)
    return engine


@pytest.fixture
def fresh(tmp_path) -> Engine:
    """A database of its own, for tests that commit."""
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    fixture_data.load(engine)
    return engine


def rejected(engine: Engine, data: bytes, name: str, *, as_of: date | None = None) -> list[Problem]:
    """Plan the file, expect problems, prove commit is refused and that no table changed; return the problems."""
    before = table_digests(engine)
    plan = plan_import(engine, data, name, as_of=as_of)
    assert not plan.ok
    with pytest.raises(ImportRejected):
        commit_import(engine, plan)
    assert table_digests(engine) == before
    assert all(p.file and len(p.problem) > 10 for p in plan.problems)
    return plan.problems


def assert_problem(problems: list[Problem], *, file: str, says: str, sheet: str = "", row: int | None = None,
                   column: str | None = None, value: str | None = None) -> Problem:
    """One problem names exactly this file, sheet, row and column, shows the value and says `says`."""
    for p in problems:
        if (p.file, p.sheet, p.row) == (file, sheet, row) and (column is None or p.column == column) \
                and (value is None or p.value.startswith(value)) and says in p.problem:
            return p
    raise AssertionError(f"no problem at {file}/{sheet}/{row}/{column} = {value!r} saying {says!r}; got:\n"
                         + "\n".join(map(repr, problems)))


# ---- one case per rule: (file, bad row, column, value, what the problem says) ----------------------------------
@dataclass(frozen=True)
class Case:
    id: str
    name: str
    data: bytes
    column: str
    value: str
    says: str
    row: int = 3


CASES = [
    # 1. the range contract: fiscal years, dates, amounts, measure values, responses, scores
    Case("cost-fy-before", "costs.csv", with_good(COSTS, GOOD_COST, ["NPS", "ARC-FM", "2014", "1", "1", "0", "hard", "false"]),
         "fiscal_year", "2014", "FY2015–FY2035"),
    Case("cost-fy-after", "costs.csv", with_good(COSTS, GOOD_COST, ["NPS", "ARC-FM", "2036", "1", "1", "0", "hard", "true"]),
         "fiscal_year", "2036", "FY2015–FY2035"),
    Case("satisfaction-fy", "satisfaction.csv", with_good(SATISFACTION, GOOD_SATISFACTION,
                                                          ["ARC-FM", "NPS", "2014", "1", "5", "10"]),
         "fiscal_year", "2014", "FY2015–FY2035"),
    Case("month-before", "measurements.csv", with_good(MEASUREMENTS, GOOD_MEASUREMENT,
                                                       ["M-PROMPT", "ARC-FM", "NPS", "2014-09", "99"]),
         "month", "2014-09", "between 01 Oct 2014 and 30 Sep 2035"),
    Case("discovery-before", "engagements.csv", with_good(ENGAGEMENTS, GOOD_ENGAGEMENT,
                                                          ["HHS", "VEND-HR", "discovery", "1989-12-31", "", "", "", "", "",
                                                           "2027-01-01", ""]),
         "discovery_on", "1989-12-31", "between 01 Jan 1990 and 30 Sep 2035"),
    Case("planned-after", "engagements.csv", with_good(ENGAGEMENTS, GOOD_ENGAGEMENT,
                                                       ["HHS", "VEND-HR", "discovery", "2026-01-01", "", "", "", "", "",
                                                        "2040-01-01", ""]),
         "planned_go_live", "2040-01-01", "between 01 Jan 1990 and 30 Sep 2035"),
    Case("amount-inf", "costs.csv", with_good(COSTS, GOOD_COST, ["USGS", "ARC-FM", "2026", "inf", "1", "0", "hard", "false"]),
         "baseline_cost", "inf", "must be a number written with the digits 0-9"),
    Case("amount-nan", "costs.csv", with_good(COSTS, GOOD_COST, ["USGS", "ARC-FM", "2026", "1", "nan", "0", "hard", "false"]),
         "run_cost", "nan", "must be a number written with the digits 0-9"),
    Case("amount-1e308", "costs.csv", with_good(COSTS, GOOD_COST,
                                                ["USGS", "ARC-FM", "2026", "1e308", "1", "0", "hard", "false"]),
         "baseline_cost", "1e308", "between 0 and 1,000,000,000,000 US dollars"),
    Case("amount-1e400", "costs.csv", with_good(COSTS, GOOD_COST,
                                                ["USGS", "ARC-FM", "2026", "1", "1", "1e400", "hard", "false"]),
         "migration_cost", "1e400", "too large to be a number"),
    Case("amount-negative", "costs.csv", with_good(COSTS, GOOD_COST,
                                                   ["USGS", "ARC-FM", "2026", "-0.01", "1", "0", "hard", "false"]),
         "baseline_cost", "-0.01", "between 0 and"),
    Case("price-inf", "solutions.csv", with_good(SOLUTIONS, GOOD_SOLUTION,
                                                 ["NEW-X", "X", "FM", "ARC", "Core FM", "per FTE", "Infinity", ""]),
         "unit_price", "Infinity", "digits 0-9"),
    Case("measure-value", "measurements.csv", with_good(MEASUREMENTS, GOOD_MEASUREMENT,
                                                        ["M-TTH", "ARC-PAY", "DOI", "2026-07", "1e10"]),
         "value", "1e10", "between -1,000,000,000 and 1,000,000,000"),
    Case("measure-target", "service_measures.csv", with_good(MEASURES, GOOD_MEASURE,
                                                             ["M-BIG", "FM", "Big", "days", "false", "1e308", "1", ""]),
         "target", "1e308", "between -1,000,000,000 and 1,000,000,000"),
    Case("responses-overflow", "satisfaction.csv", with_good(SATISFACTION, GOOD_SATISFACTION,
                                                             ["ARC-FM", "NPS", "2026", "2", "5", "3000000000"]),
         "responses", "3000000000", "from 1 to 10,000,000"),
    Case("responses-zero", "satisfaction.csv", with_good(SATISFACTION, GOOD_SATISFACTION,
                                                         ["ARC-FM", "NPS", "2026", "2", "5", "0"]),
         "responses", "0", "from 1 to 10,000,000"),
    Case("score", "satisfaction.csv", with_good(SATISFACTION, GOOD_SATISFACTION, ["ARC-FM", "NPS", "2026", "2", "7.5", "9"]),
         "score", "7.5", "between 1 and 7"),
    # ... and the data-as-of date (30 Sep 2026): actual data cannot come after it
    Case("actual-cost-future", "costs.csv", with_good(COSTS, GOOD_COST,
                                                      ["USGS", "ARC-FM", "2027", "1", "1", "0", "hard", "false"]),
         "is_projected", "false", "after the data-as-of date"),
    Case("month-future", "measurements.csv", with_good(MEASUREMENTS, GOOD_MEASUREMENT,
                                                       ["M-PROMPT", "ARC-FM", "NPS", "2026-10", "99"]),
         "month", "2026-10", "after the data-as-of date"),
    Case("quarter-future", "satisfaction.csv", with_good(SATISFACTION, GOOD_SATISFACTION,
                                                         ["ARC-FM", "NPS", "2027", "1", "5", "9"]),
         "fiscal_quarter", "FY2027 Q1", "after the data-as-of date"),
    # 2. text shown to every viewer
    Case("name-escape", "providers.csv", with_good(PROVIDERS, GOOD_PROVIDER, ["BAD", "Red\x1b[31m alert", "federal", ""]),
         "name", "Red\\x1b[31m", "control character U+001B ESCAPE"),
    Case("name-bidi", "providers.csv", with_good(PROVIDERS, GOOD_PROVIDER, ["BAD", "Invoice \u202egnp.exe", "federal", ""]),
         "name", "Invoice \\u202egnp.exe", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    Case("name-isolate", "providers.csv", with_good(PROVIDERS, GOOD_PROVIDER, ["BAD", "a\u2066b", "federal", ""]),
         "name", "a", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    Case("name-zero-width", "providers.csv", with_good(PROVIDERS, GOOD_PROVIDER, ["BAD", "Trea\u200bsury", "federal", ""]),
         "name", "Trea\\u200bsury", "invisible character U+200B ZERO WIDTH SPACE"),
    Case("name-c1", "providers.csv", with_good(PROVIDERS, GOOD_PROVIDER, ["BAD", "a\x9bb", "federal", ""]),
         "name", "a", "control character U+009B"),
    Case("name-newline", "providers.csv", with_good(PROVIDERS, GOOD_PROVIDER, ["BAD", "two\nlines", "federal", ""]),
         "name", "two\\nlines", "control character U+000A"),
    Case("name-md-link", "providers.csv", with_good(PROVIDERS, GOOD_PROVIDER, ["BAD", "[Click](https://evil.example)",
                                                                               "federal", ""]),
         "name", "[Click]", "must not contain links"),
    Case("name-md-image", "providers.csv", with_good(PROVIDERS, GOOD_PROVIDER, ["BAD", "![x](/logo.png)", "federal", ""]),
         "name", "![x]", "must not contain links"),
    Case("name-url", "providers.csv", with_good(PROVIDERS, GOOD_PROVIDER, ["BAD", "See http://evil.example", "federal", ""]),
         "name", "See", "must not contain links"),
    Case("name-www", "providers.csv", with_good(PROVIDERS, GOOD_PROVIDER, ["BAD", "see www.evil.example", "federal", ""]),
         "name", "see", "must not contain links"),
    Case("name-autolink", "providers.csv", with_good(PROVIDERS, GOOD_PROVIDER, ["BAD", "<https://evil.example>", "federal", ""]),
         "name", "<https", "must not contain links"),
    Case("description-link", "solutions.csv", with_good(SOLUTIONS, GOOD_SOLUTION,
                                                        ["NEW-X", "X", "FM", "ARC", "Core FM", "per FTE", "1",
                                                         "Details at https://evil.example/login"]),
         "description", "Details", "must not contain links"),
    Case("description-control", "solutions.csv", with_good(SOLUTIONS, GOOD_SOLUTION,
                                                           ["NEW-X", "X", "FM", "ARC", "Core FM", "per FTE", "1", "bell\x07"]),
         "description", "bell", "control character U+0007 BELL"),
    Case("source-bidi", "service_measures.csv", with_good(MEASURES, GOOD_MEASURE,
                                                          ["M-X", "FM", "X", "days", "false", "1", "1", "SLA\u202d"]),
         "source", "SLA", "U+202D"),
    Case("code-lookalike", "providers.csv", with_good(PROVIDERS, GOOD_PROVIDER, ["\ufb00", "ligature", "federal", ""]),
         "code", "\ufb00", "must be a code"),
    # 4. numbers that raised, or slipped through as something else
    Case("superscript", "costs.csv", with_good(COSTS, GOOD_COST, ["USGS", "ARC-FM", "²⁰²⁶", "1", "1", "0", "hard", "false"]),
         "fiscal_year", "²⁰²⁶", "U+00B2 SUPERSCRIPT TWO"),
    Case("circled", "costs.csv", with_good(COSTS, GOOD_COST, ["USGS", "ARC-FM", "②⓪②⑥", "1", "1", "0", "hard", "false"]),
         "fiscal_year", "②⓪②⑥", "CIRCLED DIGIT TWO"),
    Case("full-width", "costs.csv", with_good(COSTS, GOOD_COST, ["USGS", "ARC-FM", "２０２６", "1", "1", "0", "hard", "false"]),
         "fiscal_year", "２０２６", "FULLWIDTH DIGIT TWO"),
    Case("full-width-amount", "costs.csv", with_good(COSTS, GOOD_COST,
                                                     ["USGS", "ARC-FM", "2026", "１０００", "1", "0", "hard", "false"]),
         "baseline_cost", "１０００", "FULLWIDTH DIGIT ONE"),
    Case("5000-digits-year", "costs.csv", with_good(COSTS, GOOD_COST,
                                                    ["USGS", "ARC-FM", "1" * 5000, "1", "1", "0", "hard", "false"]),
         "fiscal_year", "1" * 80, "has 5,000 characters; a number has at most 40"),
    Case("5000-digits-amount", "costs.csv", with_good(COSTS, GOOD_COST,
                                                      ["USGS", "ARC-FM", "2026", "9" * 5000, "1", "0", "hard", "false"]),
         "baseline_cost", "9" * 80, "has 5,000 characters"),
    Case("5000-digits-int", "satisfaction.csv", with_good(SATISFACTION, GOOD_SATISFACTION,
                                                          ["ARC-FM", "NPS", "2026", "2", "5", "7" * 5000]),
         "responses", "7" * 80, "has 5,000 characters"),
    Case("1e400-year", "costs.csv", with_good(COSTS, GOOD_COST, ["USGS", "ARC-FM", "1e400", "1", "1", "0", "hard", "false"]),
         "fiscal_year", "1e400", "too large to be a number"),
    Case("date-full-width", "measurements.csv", with_good(MEASUREMENTS, GOOD_MEASUREMENT,
                                                          ["M-PROMPT", "ARC-FM", "NPS", "２０２６-０８", "99"]),
         "month", "２０２６", "YYYY-MM-DD with the digits 0-9"),
    # 5. the stage agrees with the dates on the as-of date; actual stage dates are never in the future
    Case("stage-discovery-but-live", "engagements.csv",
         with_good(ENGAGEMENTS, GOOD_ENGAGEMENT, ["HHS", "VEND-HR", "discovery", "2025-01-01", "2025-02-01", "2025-03-01",
                                                  "2026-03-01", "", "", "2026-03-01", ""]),
         "stage", "discovery", "the dates give the stage 'operational'"),
    Case("stage-operational-without-date", "engagements.csv",
         with_good(ENGAGEMENTS, GOOD_ENGAGEMENT, ["HHS", "VEND-HR", "operational", "2025-01-01", "2025-02-01",
                                                  "", "", "", "", "2026-03-01", ""]),
         "(row)", "", "stage operational needs the date"),
    Case("go-live-in-future", "engagements.csv",
         with_good(ENGAGEMENTS, GOOD_ENGAGEMENT, ["HHS", "VEND-HR", "implementing", "2025-01-01", "2025-02-01",
                                                  "2025-03-01", "2027-01-01", "", "", "2027-01-01", ""]),
         "operational_on", "2027-01-01", "only planned_go_live and forecast_go_live may be in the future"),
    Case("at-risk-in-future", "engagements.csv",
         with_good(ENGAGEMENTS, GOOD_ENGAGEMENT, ["HHS", "VEND-HR", "implementing", "2025-01-01", "2025-02-01",
                                                  "2025-03-01", "", "2026-12-01", "", "2027-01-01", ""]),
         "at_risk_on", "2026-12-01", "after the data-as-of date"),
    # 6. migration cost only in the implementation period
    Case("migration-never-implemented", "costs.csv",
         with_good(COSTS, GOOD_COST, ["DOI", "ARC-PAY", "2026", "1", "1", "5", "hard", "false"]),
         "migration_cost", "5", "never reached implementation"),
    Case("migration-after-go-live", "costs.csv",
         with_good(COSTS, GOOD_COST, ["NPS", "ARC-FM", "2026", "1", "1", "5", "hard", "false"]),
         "migration_cost", "5", "outside the implementation period"),
    Case("migration-before-implementing", "costs.csv",
         with_good(COSTS, GOOD_COST, ["USGS", "ARC-FM", "2024", "1", "1", "5", "hard", "false"]),
         "migration_cost", "5", "outside the implementation period"),
    Case("migration-projected-after-forecast", "costs.csv",
         with_good(COSTS, GOOD_COST, ["FTC", "VEND-HR", "2028", "1", "1", "5", "hard", "true"]),
         "migration_cost", "5", "01 Jan 2027"),
    Case("migration-never-implemented", "costs.csv",
         with_good(COSTS, GOOD_COST, ["DOI", "ARC-PAY", "2026", "400", "400", "100", "hard", "false"]),
         "migration_cost", "100", "never reached implementation"),
]


@pytest.mark.postgres
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_rows_are_refused_and_nothing_is_written(db, case):
    problems = rejected(db, case.data, case.name)
    assert_problem(problems, file=case.name, row=case.row, column=case.column, value=case.value, says=case.says)
    assert all(p.row == case.row for p in problems if p.row is not None), problems  # the valid row 2 is fine


GOOD_FILES = [
    ("costs.csv", csv_file(COSTS, GOOD_COST, ["FTC", "VEND-HR", "2027", "9", "9", "5", "hard", "true"],
                           ["DOI", "ARC-PAY", "2027", "9", "9", "5", "hard", "true"],
                           ["FTC", "VEND-HR", "2026", "9", "9", "5", "hard", "false"],
                           ["USGS", "ARC-FM", "2026", "2,000", "$1,300", "1e2", "avoidance", "false"])),
    ("solutions.csv", csv_file(SOLUTIONS, GOOD_SOLUTION, ["NEW-B", "Café ünïcode — “quoted” 中文", "FM", "ARC", "Core FM",
                                                          "per FTE", "1", "Source data: GAO-26-108014 [1] (p. 4)"])),
    ("service_measures.csv", csv_file(MEASURES, GOOD_MEASURE)),
    ("engagements.csv", csv_file(ENGAGEMENTS, GOOD_ENGAGEMENT, ["HHS", "VEND-HR", "implementing", "2025-01-01",
                                                                "2025-02-01", "2025-03-01", "", "", "", "2026-03-01",
                                                                "2027-06-30"])),
    ("satisfaction.csv", csv_file(SATISFACTION, GOOD_SATISFACTION, ["ARC-FM", "NPS", "2026", "4", "7", "10000000"])),
    ("measurements.csv", csv_file(MEASUREMENTS, GOOD_MEASUREMENT, ["M-TTH", "ARC-PAY", "DOI", "2026-07", "-1e9"])),
]


@pytest.mark.parametrize(("name", "data"), GOOD_FILES, ids=[n for n, _ in GOOD_FILES])
def test_careful_files_at_the_limits_still_import(fresh, name, data):
    plan = plan_import(fresh, data, name)
    assert plan.ok, plan.problem_frame().to_string()
    assert commit_import(fresh, plan).added >= 1


def test_migration_rule_uses_engagements_defined_in_the_same_file(fresh):
    data = _xlsx({"engagements": [ENGAGEMENTS.split(","), ["HHS", "ARC-FM", "implementing", "2025-11-03", "2025-12-01",
                                                            "2026-01-05", "", "", "", "2027-03-01", ""]],
                  "costs": [COSTS.split(","), ["HHS", "ARC-FM", "2026", "5", "5", "5", "hard", "false"],
                            ["HHS", "ARC-FM", "2025", "5", "5", "5", "hard", "false"]]})
    problems = rejected(fresh, data, "book.xlsx")
    assert_problem(problems, file="book.xlsx", sheet="costs", row=3, column="migration_cost", value="5",
                   says="05 Jan 2026 to today")
    assert len(problems) == 1  # FY2026 overlaps the implementation that began in January 2026


# ---- the data-as-of date -------------------------------------------------------------------------------------
MEASUREMENT_SEPT = csv_file(MEASUREMENTS, ["M-PROMPT", "ARC-FM", "USGS", "2026-09", "99.1"])


@pytest.mark.postgres
def test_as_of_outside_the_contract_is_refused(db):
    problems = rejected(db, MEASUREMENT_SEPT, "measurements.csv", as_of=date(2036, 1, 1))
    assert_problem(problems, file="measurements.csv", column="as_of", value="2036-01-01", says="30 Sep 2035")
    plan = plan_import(db, MEASUREMENT_SEPT, "measurements.csv")
    before = table_digests(db)
    for bad in (date(2014, 9, 30), date(2099, 1, 1)):
        with pytest.raises(ImportRejected, match="data-as-of date must be between"):
            commit_import(db, plan, as_of=bad)
    with pytest.raises(ImportRejected, match="does not fit this file") as refused:
        commit_import(db, plan, as_of=date(2026, 8, 31))  # before the September value it commits
    assert refused.value.problems[0].column == "month"
    assert table_digests(db) == before


def test_as_of_given_when_planning_is_checked_and_recorded(fresh):
    plan = plan_import(fresh, MEASUREMENT_SEPT, "measurements.csv", as_of=date(2026, 8, 31))
    assert_problem(plan.problems, file="measurements.csv", row=2, column="month", value="2026-09",
                   says="after the data-as-of date, 31 Aug 2026 (FY2026 Q4)")
    later = csv_file(MEASUREMENTS, ["M-PROMPT", "ARC-FM", "USGS", "2026-10", "99.1"])
    plan = plan_import(fresh, later, "measurements.csv", as_of=date(2026, 10, 31))
    assert plan.ok, plan.problem_frame()
    commit_import(fresh, plan)
    with fresh.connect() as conn:
        assert conn.exec_driver_sql("SELECT as_of FROM provenance ORDER BY id DESC LIMIT 1").scalar_one() == "2026-10-31"


def test_a_later_as_of_at_commit_rechecks_the_migration_rule(fresh):
    # FY2027 is a projection as of 30 Sep 2026 (planned implementation counts) but actual as of 31 Oct 2026.
    plan = plan_import(fresh, csv_file(COSTS, ["DOI", "ARC-PAY", "2027", "9", "9", "5", "hard", "true"]), "costs.csv")
    assert plan.ok, plan.problem_frame()
    before = table_digests(fresh)
    with pytest.raises(ImportRejected, match="never reached implementation"):
        commit_import(fresh, plan, as_of=date(2026, 10, 31))
    assert table_digests(fresh) == before
    assert commit_import(fresh, plan).added == 1


def test_imported_by_must_be_plain_text(fresh):
    plan = plan_import(fresh, MEASUREMENT_SEPT, "measurements.csv")
    before = table_digests(fresh)
    for who in ("\x1b]0;owned\x07", "admin\u202e", "x" * 121, "[me](http://evil.example)"):
        with pytest.raises(ImportRejected, match="importer's name"):
            commit_import(fresh, plan, imported_by=who)
    assert table_digests(fresh) == before


# ---- workbooks: bombs, damage, and what openpyxl would silently drop --------------------------------------------
def _xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, blob in parts.items():
            z.writestr(name, blob)
    return out.getvalue()


BOOK = _xlsx({"costs": [COSTS.split(","), GOOD_COST]})
SHEET = "xl/worksheets/sheet1.xml"
SST_TYPE = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'spreadsheetml.sharedStrings+xml"/>')
SST_REL = (b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           b'sharedStrings" Target="sharedStrings.xml"/>')


def with_shared_strings(body: bytes, prolog: bytes = b'<?xml version="1.0"?>') -> bytes:
    parts = _parts(BOOK)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", SST_TYPE + b"</Types>")
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(b"</Relationships>", SST_REL + b"</Relationships>")
    parts["xl/sharedStrings.xml"] = (prolog + b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                     + body + b"</sst>")
    # the sheet's organization cell (A2) reads shared string 0
    parts[SHEET] = parts[SHEET].replace(b'<c r="A2" t="inlineStr"><is><t>NPS</t></is></c>', b'<c r="A2" t="s"><v>0</v></c>')
    return _zip(parts)


def sheet_xml(rows: bytes, dimension: bytes = b"", extra: bytes = b"") -> bytes:
    return (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + dimension
            + b"<sheetData>" + rows + b"</sheetData>" + extra + b"</worksheet>")


def header_row() -> bytes:
    cells = b"".join(b'<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>' % (col.encode(), name.encode())
                     for col, name in zip("ABCDEFGH", COSTS.split(",")))
    return b'<row r="1">' + cells + b"</row>"


def data_row(number: int, values: list[str] | None = None) -> bytes:
    values = values or GOOD_COST
    cells = b"".join(b'<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (col.encode(), number, v.encode())
                     for col, v in zip("ABCDEFGH", values))
    return b'<row r="%d">' % number + cells + b"</row>"


def bomb(sheet: bytes) -> bytes:
    parts = _parts(BOOK)
    parts[SHEET] = sheet
    return _zip(parts)


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;'
          b'&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')
XXE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@dataclass(frozen=True)
class Bomb:
    id: str
    data: bytes
    says: str
    sheet: str = ""
    column: str | None = None
    row: int | None = None
    env_mb: str | None = None  # QSMO_MAX_IMPORT_MB for the case


def _bombs() -> list[Bomb]:
    wb = _parts(BOOK)
    many = dict(wb) | {f"xl/media/pad{i}.bin": b"x" for i in range(600)}
    noise = random.Random(1).randbytes(2_300_000).hex().encode()  # 4.6 MB that hardly compresses
    big_styles = wb["xl/styles.xml"].replace(b"</cellXfs>", b"<!-- " + noise + b" --></cellXfs>")
    return [
        Bomb("unpacked-size", with_shared_strings(b"<si><t>x</t></si>" * 200_000), "the limit is 1 MB unpacked",
             env_mb="1"),
        Bomb("compression-ratio", bomb(sheet_xml(header_row() + data_row(2) + b" " * 3_000_000)),
             "compressed", column=SHEET),
        Bomb("too-many-parts", _zip(many), "files; a workbook of datasets needs at most 500"),
        Bomb("shared-strings-size", with_shared_strings(b"".join(b"<si><t>%d</t></si>" % i for i in range(900_000))),
             "shared-strings table is", column="xl/sharedStrings.xml"),
        Bomb("shared-string-runs", with_shared_strings(b"<si>" + b"<r><t>x</t></r>" * 5_000 + b"</si>"),
             "shared string 1 holds more than 1,000"),
        Bomb("other-parts-size", _zip(wb | {"xl/styles.xml": big_styles}), "besides its sheets", column="xl/styles.xml"),
        Bomb("declared-dimension", bomb(sheet_xml(header_row() + data_row(2), b'<dimension ref="A1:XFD1048576"/>')),
             "declares that it spans A1:XFD1048576", sheet="costs"),
        Bomb("cell-at-XFD1", bomb(sheet_xml(header_row()[:-6] + b'<c r="XFD1"><v>1</v></c></row>' + data_row(2))),
             "uses column XFD", sheet="costs", row=1, column="XFD"),
        Bomb("row-1048576", bomb(sheet_xml(header_row() + data_row(2) + data_row(1_048_576))),
             "reaches row 1,048,576", sheet="costs", row=1_048_576),
        Bomb("cells-in-one-row", bomb(sheet_xml(header_row() + b'<row r="2">' + b'<c r="A2"><v>1</v></c>' * 1000 + b"</row>")),
             "out of order", sheet="costs", row=2),
        Bomb("cells-without-references", bomb(sheet_xml(header_row() + b'<row r="2">' + b"<c><v>1</v></c>" * 500 + b"</row>")),
             "uses column GS", sheet="costs", row=2),
        Bomb("rows-out-of-order", bomb(sheet_xml(header_row() + data_row(5) + data_row(3))),
             "row 3 comes after row 5", sheet="costs", row=3),
        Bomb("formatting-elements", bomb(sheet_xml(header_row() + data_row(2), extra=b"<mergeCells>" + b"".join(
            b'<mergeCell ref="J%d:K%d"/>' % (n, n) for n in range(1, 60_001)) + b"</mergeCells>")),
             "formatting or other elements", sheet="costs"),
        Bomb("billion-laughs-strings", with_shared_strings(b"<si><t>&lol3;</t></si>", prolog=LAUGHS),
             "declares a document type (DTD)", column="xl/sharedStrings.xml"),
        Bomb("billion-laughs-workbook", _zip(wb | {"xl/workbook.xml": LAUGHS + re.sub(rb"^<\?xml[^>]*\?>", b"",
                                                                                     wb["xl/workbook.xml"])}),
             "declares a document type (DTD)", column="xl/workbook.xml"),
        Bomb("external-entity", with_shared_strings(b"<si><t>&xxe;</t></si>", prolog=XXE), "declares a document type"),
        Bomb("broken-sheet-xml", bomb(sheet_xml(header_row() + data_row(2))[:-40]), "the sheet is damaged: its XML is not valid",
             sheet="costs", row=2),
        Bomb("broken-workbook-xml", _zip(wb | {"xl/workbook.xml": wb["xl/workbook.xml"][:-30]}),
             "its workbook part is damaged"),
        Bomb("no-workbook-part", _zip({k: v for k, v in wb.items() if k != "xl/workbook.xml"}), "its workbook part is damaged"),
        Bomb("5000-digit-cell", bomb(sheet_xml(header_row() + b'<row r="2"><c r="A2" t="inlineStr"><is><t>NPS</t></is></c>'
                                               b'<c r="C2"><v>' + b"1" * 5000 + b"</v></c></row>")),
             "could not be read after row 1", sheet="costs", row=2),
        Bomb("bad-row-number", bomb(sheet_xml(header_row() + b'<row r="2x"><c><v>1</v></c></row>')),
             "row number is not a whole number", sheet="costs", row=2),
    ]


BOMBS = _bombs()


@pytest.mark.parametrize("case", BOMBS, ids=[b.id for b in BOMBS])
def test_workbook_bombs_are_refused_before_parsing(sqlite_db, monkeypatch, case):
    if case.env_mb:
        monkeypatch.setenv("QSMO_MAX_IMPORT_MB", case.env_mb)
    problems = rejected(sqlite_db, case.data, "bomb.xlsx")
    assert_problem(problems, file="bomb.xlsx", sheet=case.sheet, row=case.row, column=case.column, says=case.says)


@pytest.mark.postgres
def test_a_bomb_on_postgresql_too(db):
    problems = rejected(db, next(b.data for b in BOMBS if b.id == "row-1048576"), "bomb.xlsx")
    assert_problem(problems, file="bomb.xlsx", sheet="costs", row=1_048_576, says="reaches row 1,048,576")


def test_1e400_and_nan_cells_are_row_problems(sqlite_db):
    def row3(baseline: bytes) -> bytes:
        return sheet_xml(header_row() + data_row(2) + b'<row r="3"><c r="A3" t="inlineStr"><is><t>USGS</t></is></c>'
                         b'<c r="B3" t="inlineStr"><is><t>ARC-FM</t></is></c><c r="C3"><v>2026</v></c>'
                         b'<c r="D3"><v>' + baseline + b'</v></c><c r="E3"><v>1</v></c><c r="F3"><v>0</v></c>'
                         b'<c r="G3" t="inlineStr"><is><t>hard</t></is></c><c r="H3" t="b"><v>0</v></c></row>')

    problems = rejected(sqlite_db, bomb(row3(b"1e400")), "book.xlsx")  # openpyxl reads it as float('inf')
    assert_problem(problems, file="book.xlsx", sheet="costs", row=3, column="baseline_cost", value="inf", says="digits 0-9")
    problems = rejected(sqlite_db, bomb(row3(b"nan")), "book.xlsx")  # openpyxl raises on it
    assert_problem(problems, file="book.xlsx", sheet="costs", row=3, says="could not be read after row 2 (ValueError")


def test_defusedxml_protects_openpyxl():
    assert openpyxl.DEFUSEDXML  # openpyxl parses sheets and shared strings through defusedxml


def test_the_read_deadline_stops_a_slow_file(sqlite_db, monkeypatch):
    monkeypatch.setattr(reader_module, "READ_SECONDS", 0.0)
    rows = header_row() + b"".join(data_row(n, ["NPS", "ARC-FM", str(2015 + n % 12), "1", "1", "0", "hard", "true"])
                                   for n in range(2, 3000))
    problems = rejected(sqlite_db, bomb(sheet_xml(rows)), "slow.xlsx")
    assert_problem(problems, file="slow.xlsx", sheet="costs", row=1024, says="took longer than 0 seconds")


def test_rows_beyond_the_declared_dimension_are_read(fresh):
    rows = header_row() + b"".join(data_row(n, ["NPS", "ARC-FM", str(2016 + n), "1", "1", "0", "hard", "false"])
                                   for n in range(2, 11))
    plan = plan_import(fresh, bomb(sheet_xml(rows, b'<dimension ref="A1:H3"/>')), "book.xlsx")
    assert plan.ok, plan.problem_frame()
    assert len(plan.rows["costs"]) == 9  # openpyxl alone stops at the declared row 3 and drops seven rows


def test_a_blank_first_cell_is_a_row_problem(sqlite_db):
    data = _xlsx({"costs": [COSTS.split(","), [None, "ARC-FM", 2026, 1, 1, 0, "hard", "false"]]})
    problems = rejected(sqlite_db, data, "book.xlsx")
    assert_problem(problems, file="book.xlsx", sheet="costs", row=2, column="organization", says="Field required")


def test_values_without_a_header_are_not_dropped(sqlite_db):
    data = _xlsx({"costs": [COSTS.split(","), ["NPS", "ARC-FM", 2027, 1, 1, 0, "hard", "true", None, "stray"]]})
    problems = rejected(sqlite_db, data, "book.xlsx")
    assert_problem(problems, file="book.xlsx", sheet="costs", row=2, column="J", value="stray", says="has no header")
    wide = csv_file(COSTS, GOOD_COST, GOOD_COST[:2] + ["2028"] + GOOD_COST[3:] + ["stray"])
    problems = rejected(sqlite_db, wide, "costs.csv")
    assert_problem(problems, file="costs.csv", row=3, value="stray", says="the header has 8 columns")


def test_wide_and_long_csv_files_are_refused(sqlite_db, monkeypatch):
    header = ",".join(f"c{i}" for i in range(300))
    problems = rejected(sqlite_db, f"{header}\n{',' * 299}\n".encode(), "costs.csv")
    assert_problem(problems, file="costs.csv", row=1, says="has 300 columns; a dataset has at most 200")
    monkeypatch.setattr(reader_module, "MAX_ROWS", 5)
    problems = rejected(sqlite_db, csv_file(COSTS, *[GOOD_COST] * 6), "costs.csv")
    assert_problem(problems, file="costs.csv", says="more than 4 data rows")


def test_an_unexpected_error_is_a_problem_not_a_traceback(sqlite_db, monkeypatch):
    def explode(*_args):
        raise KeyError("surprise")

    monkeypatch.setattr("data_access.importer.validate.read_file", explode)
    problems = rejected(sqlite_db, csv_file(COSTS, GOOD_COST), "costs.csv")
    assert_problem(problems, file="costs.csv", says="could not be checked (KeyError")


# ---- 9. nothing partial: a workbook of valid sheets and one bad row per rule writes nothing -----------------------
BAD_ROWS = {
    "range": ("costs", ["NPS", "ARC-FM", "2040", "1", "1", "0", "hard", "true"]),
    "text": ("providers", ["BAD", "Evil\u202e", "federal", ""]),
    "number": ("costs", ["USGS", "ARC-FM", "²⁰²⁶", "1", "1", "0", "hard", "false"]),
    "stage": ("engagements", ["HHS", "VEND-HR", "discovery", "2025-01-01", "2025-02-01", "2025-03-01", "2026-03-01", "",
                              "", "2026-03-01", ""]),
    "as-of": ("measurements", ["M-PROMPT", "ARC-FM", "NPS", "2027-01", "99"]),
    "migration": ("costs", ["NPS", "ARC-FM", "2026", "1", "1", "5", "hard", "false"]),
}


@pytest.mark.postgres
@pytest.mark.parametrize("rule", list(BAD_ROWS))
def test_one_bad_row_among_valid_sheets_writes_nothing(db, rule):
    sheets = {"providers": [PROVIDERS.split(","), GOOD_PROVIDER], "engagements": [ENGAGEMENTS.split(","), GOOD_ENGAGEMENT],
              "costs": [COSTS.split(","), GOOD_COST], "measurements": [MEASUREMENTS.split(","), GOOD_MEASUREMENT]}
    assert plan_import(db, _xlsx(sheets), "book.xlsx").ok
    sheet, row = BAD_ROWS[rule]
    sheets[sheet] = sheets[sheet] + [row]
    problems = rejected(db, _xlsx(sheets), "book.xlsx")
    assert {(p.sheet, p.row) for p in problems} == {(sheet, 3)}, problems


# ---- 7. the command line never prints an untrusted value raw -------------------------------------------------
def test_cli_escapes_values_and_file_names(fresh, tmp_path, capsys):
    url = str(fresh.url)
    path = tmp_path / "costs\x1b[2J\u202e.csv"
    path.write_bytes(csv_file(PROVIDERS, ["BAD", "Red\x1b[31m\u202e", "federal", ""]))
    assert cli([str(path), "--database-url", url]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\u202e" not in err
    assert "costs\\x1b[2J\\u202e.csv" in err and "Red\\x1b[31m\\u202e" in err
    assert "the file name contains the control character U+001B ESCAPE" in err


def test_cli_refuses_an_unsafe_by_and_a_bad_as_of(fresh, tmp_path, capsys):
    url, path = str(fresh.url), tmp_path / "measurements.csv"
    path.write_bytes(MEASUREMENT_SEPT)
    before = table_digests(fresh)
    assert cli([str(path), "--database-url", url, "--by", "\x1b]0;owned\x07"]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\x1b]0;owned\\x07" in err and "U+001B ESCAPE" in err
    assert cli([str(path), "--database-url", url, "--as-of", "2040-01-01"]) == 2
    assert "outside the dates the dashboard shows" in capsys.readouterr().err
    assert cli([str(path), "--database-url", url, "--as-of", "2026-08-31"]) == 1
    assert "after the data-as-of date, 31 Aug 2026" in capsys.readouterr().err
    assert cli([str(path), "--database-url", url, "--as-of", "2026-13-01"]) == 2  # argparse explains, no traceback
    assert table_digests(fresh) == before
    assert cli([str(path), "--database-url", url, "--as-of", "2026-09-30", "--by", "FM QSMO PMO"]) == 0
    assert "as of 2026-09-30" in capsys.readouterr().out


def test_cli_turns_an_unexpected_error_into_one_line(fresh, tmp_path, capsys, monkeypatch):
    path = tmp_path / "measurements.csv"
    path.write_bytes(MEASUREMENT_SEPT)

    def explode(*_args, **_kwargs):
        raise MemoryError("\x1b[2Jout of memory")

    monkeypatch.setattr("data_access.importer.__main__.plan_import", explode)
    assert cli([str(path), "--database-url", str(fresh.url)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and "\x1b" not in err
    assert "the import stopped unexpectedly (MemoryError: \\x1b[2Jout of memory)" in err


# ---- 8. exports never hold formulas ---------------------------------------------------------------------------
def test_xlsx_export_writes_text_never_formulas(fresh):
    with fresh.begin() as conn:
        conn.execute(insert(Provider).values(code="EVIL", name='=HYPERLINK("http://evil.example","Click")',
                                             provider_type="commercial", home_agency="@SUM(1)"))
        conn.execute(insert(Provider).values(code="EVIL2", name="bell\x07 and \x1b", provider_type="federal"))
    book_ = load_workbook(io.BytesIO(to_xlsx(export_frames(fresh))))
    cells = [c for ws in book_.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = {c.value for c in cells}
    assert '=HYPERLINK("http://evil.example","Click")' in values and "bell\\x07 and \\x1b" in values


# ---- stage_at is stage_on in Python ------------------------------------------------------------------------------
def test_stage_at_agrees_with_stage_on(sqlite_db):
    days = [date(2023, 1, 1), date(2024, 3, 1), date(2024, 9, 1), date(2025, 9, 30), date(2025, 10, 1), date(2026, 1, 15),
            date(2026, 2, 1), date(2026, 9, 30)]
    columns = ["agreement_on", "implementing_on", "operational_on", "at_risk_on", "cancelled_on"]
    with sqlite_db.connect() as conn:
        for day in days:
            rows = conn.execute(select(stage_on(day), *[getattr(Engagement, c) for c in columns])).all()
            for sql_stage, *dates in rows:
                assert stage_at(**dict(zip(columns, dates)), day=day) == sql_stage, (day, dates)
    assert stage_at(operational_on=date(2026, 1, 1), cancelled_on=date(2026, 2, 1), day=date(2026, 3, 1)) == "cancelled"
    assert stage_at(day=date(2026, 3, 1)) == "discovery"
