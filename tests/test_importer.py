"""The importer against real bad files: every problem is reported, and the database is byte-for-byte
unchanged unless the whole file is valid. Plus round trips, the CLI, and property-based tests."""

from __future__ import annotations

import csv as csvlib
import io
import zipfile
from datetime import date

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from data_access.db import make_engine
from data_access.filters import Filters
from data_access.importer import ImportFailed, ImportRejected, apply, commit_import, plan_import
from data_access.importer.__main__ import main as cli
from data_access.importer.exporter import export_frames, template_frames, to_csv_zip, to_xlsx
from tests import fixture_data
from tests.conftest import table_digests

COSTS_HEADER = "organization,solution,fiscal_year,baseline_cost,run_cost,migration_cost,savings_type,is_projected\n"


@pytest.fixture
def engine(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    fixture_data.load(eng)
    return eng


def csv(text: str) -> bytes:
    return text.encode("utf-8")


def xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def rejected(engine, data: bytes, name: str) -> pd.DataFrame:
    """Plan the file, expect problems, and prove that committing is refused and nothing changed."""
    before = table_digests(engine)
    plan = plan_import(engine, data, name)
    assert not plan.ok
    with pytest.raises(ImportRejected):
        commit_import(engine, plan)
    assert table_digests(engine) == before
    problems = plan.problem_frame()
    assert list(problems.columns) == ["File", "Sheet", "Row", "Column", "Value", "Problem"]
    assert problems["Problem"].str.len().gt(10).all()
    return problems


def test_valid_csv_imports_once_and_reimport_changes_nothing(engine):
    data = csv(COSTS_HEADER + "NPS,ARC-FM,2028,1000,600,0,hard,true\nUSGS,ARC-FM,2026,2000,1200,0,avoidance,false\n")
    plan = plan_import(engine, data, "costs.csv")
    assert plan.ok, plan.problem_frame()
    assert plan.summary().iloc[0][["Rows to add", "Rows to update", "Unchanged"]].tolist() == [1, 1, 0]
    result = commit_import(engine, plan, as_of=date(2026, 9, 30), imported_by="test")
    assert (result.added, result.updated) == (1, 1) and result.log_id == 1
    after = table_digests(engine)
    again = plan_import(engine, data, "costs.csv")
    assert again.changes == 0 and commit_import(engine, again).log_id is None
    assert table_digests(engine) == after  # no log entry, no provenance change
    with engine.connect() as conn:
        source = conn.exec_driver_sql("SELECT source FROM provenance ORDER BY id DESC LIMIT 1").scalar_one()
    assert source == "mixed"  # the fixture is demo data; imports are added to it


def test_bom_csv_is_read_like_any_utf8_csv(engine):
    data = "\ufeff".encode() + csv(COSTS_HEADER + "NPS,ARC-FM,2028,1000,600,0,hard,true\n")
    assert plan_import(engine, data, "costs.csv").ok


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("wrong-columns.csv", csv("foo,bar\n1,2\n"), "cannot tell which dataset"),
    ("costs.csv", csv("organization,solution,fiscal_year,colour\nNPS,ARC-FM,2026,red\n"), "unknown column"),
    ("costs.csv", csv(COSTS_HEADER + "NPS,ARC-FM,twenty,1000,600,0,hard,no\n"), "must be a number"),
    ("costs.csv", csv(COSTS_HEADER + "NPS,ARC-FM,2026,lots,600,0,hard,no\n"), "must be a number"),
    ("empty.csv", b"", "the file is empty"),
    ("costs.csv", csv(COSTS_HEADER), "no data rows"),
    ("costs.csv", "organization,name\nNPS,Café\n".encode("latin-1"), "not UTF-8"),
    ("costs.xlsx", (lambda b: (z := io.BytesIO(), zipfile.ZipFile(z, "w").writestr("a.txt", "hi"), z.getvalue())[2])(0),
     "not a valid Excel workbook"),
    ("costs.xlsx", b"PK\x03\x04 not really a zip", "not a valid Excel workbook"),
    ("providers.csv", csv("code,name,provider_type\nNEW,<script>alert(1)</script>,federal\n"), "HTML or script"),
    ("providers.csv", csv("code,name,provider_type\nNEW,=HYPERLINK(\"http://x\"),federal\n"), "formulas"),
    ("providers.csv", csv("code,name,provider_type\n\"X'); DROP TABLE cost;--\",Bobby,federal\n"), "must be a code"),
    ("costs.csv", csv(COSTS_HEADER + "NPS,ARC-FM,2026,1000,600,0,hard,no\nNPS,ARC-FM,2026,1000,500,0,hard,no\n"),
     "duplicate of row 2"),
    ("costs.csv", csv(COSTS_HEADER + "ZZZ,ARC-FM,2026,1000,600,0,hard,no\n"), "unknown organization"),
    ("costs.csv", csv(COSTS_HEADER + "FTC,ARC-PAY,2026,1000,600,0,hard,no\n"), "no engagement of FTC"),
    ("costs.csv", csv(COSTS_HEADER + "NPS,ARC-FM,2026,-5,600,0,hard,no\n"), "must be between 0 and"),
    ("costs.csv", csv(COSTS_HEADER + "NPS,ARC-FM,1850,5,6,0,hard,no\n"), "FY2015–FY2035"),
    ("measurements.csv", csv("measure,solution,organization,month,value\nM-PROMPT,ARC-FM,NPS,2026-08,140\n"),
     "within 0-100"),
    ("engagements.csv", csv("organization,solution,stage,discovery_on,operational_on,planned_go_live\n"
                            "FTC,ARC-PAY,operational,2026-01-01,2025-01-01,2026-06-01\n"), "filled in order"),
    ("solutions.csv", csv("code,name,marketplace,provider,service_area,pricing_unit,unit_price\n"
                          "ARC-FM,ARC Core FM,HR,ARC,Core FM,per FTE,300\n"), "conflicts with the stored marketplace"),
    ("notes.txt.pdf", b"%PDF-1.4", "unsupported file type"),
])
def test_bad_files_are_rejected_with_a_clear_problem(engine, name, data, expected):
    problems = rejected(engine, data, name)
    assert problems["Problem"].str.contains(expected, regex=False).any(), problems.to_string()


def test_file_over_the_size_limit(engine, monkeypatch):
    monkeypatch.setenv("QSMO_MAX_IMPORT_MB", "0.001")
    problems = rejected(engine, csv(COSTS_HEADER + "NPS,ARC-FM,2026,1000,600,0,hard,no\n" * 100), "costs.csv")
    assert "the limit is 0.001 MB" in problems["Problem"].iloc[0]


def test_formulas_in_xlsx_cells_are_refused(engine):
    data = xlsx({"costs": [COSTS_HEADER.strip().split(","), ["NPS", "ARC-FM", 2028, "=1000*2", 600, 0, "hard", "no"]]})
    problems = rejected(engine, data, "book.xlsx")
    row = problems[problems["Problem"].str.contains("formulas")].iloc[0]
    assert (row["Sheet"], row["Row"], row["Column"], row["Value"]) == ("costs", 2, "baseline_cost", "=1000*2")


def test_every_problem_is_reported_at_once(engine):
    data = csv(COSTS_HEADER + "NPS,ARC-FM,2026,-1,600,0,hard,no\nZZZ,ARC-FM,2026,1,1,0,hard,no\n"
               "NPS,ARC-FM,2027,1,1,0,cheap,no\n")
    problems = rejected(engine, data, "costs.csv")
    assert sorted(problems["Row"].unique().tolist()) == [2, 3, 4]


def test_failure_half_way_writes_nothing(engine, monkeypatch):
    data = xlsx({"providers": [["code", "name", "provider_type"], ["NEWP", "New provider", "commercial"]],
                 "costs": [COSTS_HEADER.strip().split(","), ["NPS", "ARC-FM", 2028, 1000, 600, 0, "hard", "yes"]]})
    plan = plan_import(engine, data, "book.xlsx")
    assert plan.ok, plan.problem_frame()
    before = table_digests(engine)
    real = apply._facts

    def explode(conn, plan):
        real(conn, plan)  # the providers and costs are written inside the transaction ...
        raise RuntimeError("disk full")  # ... and then something fails

    monkeypatch.setattr(apply, "_facts", explode)
    with pytest.raises(ImportFailed, match="disk full"):
        commit_import(engine, plan)
    assert table_digests(engine) == before


def test_workbook_with_several_datasets_and_new_codes(engine):
    data = xlsx({
        "organizations": [["code", "name", "kind", "parent_code", "is_cfo_act"], ["BLM", "Bureau of Land Management",
                                                                                 "component", "DOI", "true"]],
        "engagements": [["organization", "solution", "stage", "discovery_on", "agreement_on", "implementing_on",
                         "planned_go_live"],
                        ["BLM", "ARC-FM", "implementing", "2026-01-05", "2026-03-01", "2026-06-01", "2027-10-01"]],
        "costs": [COSTS_HEADER.strip().split(","), ["BLM", "ARC-FM", 2026, 500, 500, 50, "hard", "no"]],
        "Data dictionary": [["ignored"]],
    })
    plan = plan_import(engine, data, "book.xlsx")
    assert plan.ok, plan.problem_frame()
    result = commit_import(engine, plan)
    assert result.added == 3
    frames = export_frames(engine)
    assert "BLM" in set(frames["organizations"]["code"]) and "BLM" in set(frames["costs"]["organization"])


@pytest.mark.parametrize("writer", [to_xlsx, to_csv_zip])
def test_export_round_trip(engine, writer, tmp_path):
    blob = writer(export_frames(engine))
    before = table_digests(engine)
    if writer is to_csv_zip:
        with zipfile.ZipFile(io.BytesIO(blob)) as z:
            files = [(n, z.read(n)) for n in z.namelist() if n != "data_dictionary.csv"]
    else:
        files = [("export.xlsx", blob)]
    for name, data in files:
        plan = plan_import(engine, data, name)
        assert plan.ok, plan.problem_frame()
        assert plan.changes == 0, (name, plan.summary())
    assert table_digests(engine) == before


def test_filtered_export_round_trips(engine):
    frames = export_frames(engine, Filters(fy_from=2026, fy_to=2026, organizations=("NPS",)))
    assert set(frames["costs"]["organization"]) == {"NPS"} and set(frames["costs"]["fiscal_year"]) == {2026}
    plan = plan_import(engine, to_xlsx(frames), "view.xlsx")
    assert plan.ok and plan.changes == 0


def test_templates_are_valid_files(engine):
    plan = plan_import(engine, to_xlsx(template_frames()), "templates.xlsx")
    assert plan.ok, plan.problem_frame()


def test_cli_exit_codes(engine, tmp_path, capsys):
    url = str(engine.url)
    good = tmp_path / "costs.csv"
    good.write_text(COSTS_HEADER + "NPS,ARC-FM,2029,1000,600,0,hard,true\n")
    bad = tmp_path / "bad.csv"
    bad.write_text(COSTS_HEADER + "NPS,ARC-FM,2029,-1,600,0,hard,true\n")
    before = table_digests(engine)
    assert cli([str(bad), "--database-url", url]) == 1
    assert "must be between 0 and" in capsys.readouterr().err
    assert cli([str(good), "--database-url", url, "--dry-run"]) == 0
    assert table_digests(engine) == before
    assert cli([str(good), "--database-url", url, "--by", "cli"]) == 0
    assert "1 added" in capsys.readouterr().out
    assert cli([str(tmp_path / "missing.csv"), "--database-url", url]) == 2


# ---- property-based ------------------------------------------------------------------------------
PAIRS = [("NPS", "ARC-FM"), ("USGS", "ARC-FM"), ("FTC", "VEND-HR"), ("DOI", "ARC-PAY")]
AS_OF_FY = 2026  # the fixture's data-as-of date is 30 Sep 2026
# Fiscal years in which each fixture engagement may carry migration cost, worked out by hand from its dates:
# NPS implementing 1 Jul 2023 - live 30 Sep 2025; USGS 1 Oct 2024 - 1 Oct 2025; FTC (in flight) from 1 Nov 2025,
# forecast 1 Jan 2027; DOI (in discovery) only in projections, from the as-of date to its forecast 1 May 2027.
MIGRATION_FYS = {("NPS", "ARC-FM"): {2023, 2024, 2025}, ("USGS", "ARC-FM"): {2025, 2026},
                 ("FTC", "VEND-HR"): {2026, 2027}, ("DOI", "ARC-PAY"): {2027}}
money = st.floats(min_value=0, max_value=1e9, allow_nan=False).map(lambda v: round(v, 2))


def _lawful(row):
    """Projected after the as-of FY (actual costs cannot be in the future); migration only where allowed."""
    pair, fy, b, r, m, t, p = row
    return pair, fy, b, r, m if fy in MIGRATION_FYS[pair] else 0.0, t, p or fy > AS_OF_FY


cost_rows = st.lists(st.tuples(st.sampled_from(PAIRS), st.integers(2015, 2035), money, money, money,
                               st.sampled_from(["hard", "avoidance"]), st.booleans()).map(_lawful),
                     min_size=1, max_size=12, unique_by=lambda r: (r[0], r[1]))


def _costs_csv(rows) -> bytes:
    lines = [f"{o},{s},{fy},{b},{r},{m},{t},{'true' if p else 'false'}" for (o, s), fy, b, r, m, t, p in rows]
    return csv(COSTS_HEADER + "\n".join(lines) + "\n")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=cost_rows)
def test_valid_rows_always_import_and_round_trip(tmp_path_factory, rows):
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('prop') / 'db.sqlite'}")
    fixture_data.load(engine)
    plan = plan_import(engine, _costs_csv(rows), "costs.csv")
    assert plan.ok, plan.problem_frame()
    commit_import(engine, plan)
    stored = export_frames(engine)["costs"]
    for (o, s), fy, b, r, m, t, p in rows:
        got = stored[(stored["organization"] == o) & (stored["solution"] == s) & (stored["fiscal_year"] == fy)]
        assert len(got) == 1
        assert got.iloc[0][["baseline_cost", "run_cost", "migration_cost"]].tolist() == pytest.approx([b, r, m])
        assert (got.iloc[0]["savings_type"], got.iloc[0]["is_projected"]) == (t, "true" if p else "false")
    again = plan_import(engine, to_xlsx(export_frames(engine)), "again.xlsx")
    assert again.ok and again.changes == 0, again.problem_frame()


corruptions = st.sampled_from([
    {"baseline_cost": "-1"}, {"run_cost": "abc"}, {"fiscal_year": "1999"}, {"fiscal_year": "FY"},
    {"savings_type": "maybe"}, {"organization": "NOPE"}, {"solution": "x y"}, {"is_projected": "perhaps"},
    {"organization": "=cmd|' /C calc'!A0"},
    # the range contract
    {"fiscal_year": "2014"}, {"fiscal_year": "2036"}, {"baseline_cost": "inf"}, {"run_cost": "nan"},
    {"migration_cost": "1e400"}, {"baseline_cost": "1e13"}, {"run_cost": "-0.01"},
    # numbers that are not written with the digits 0-9, or too long to be one
    {"fiscal_year": "²⁰²⁶"}, {"fiscal_year": "②⓪②⑥"}, {"fiscal_year": "２０２６"}, {"baseline_cost": "9" * 5000},
    {"fiscal_year": "1" * 5000}, {"run_cost": "1_000"},
    # text that is not what it looks like
    {"organization": "NPS\u202e"}, {"solution": "ARC-FM\x1b[2J"}, {"organization": "N\u200bPS"},
    # actual data after the as-of date; migration cost outside the implementation period
    {"fiscal_year": "2030", "is_projected": "false"},
    {"organization": "DOI", "solution": "ARC-PAY", "fiscal_year": "2020", "migration_cost": "5"},
    {"organization": "NPS", "solution": "ARC-FM", "fiscal_year": "2030", "is_projected": "true", "migration_cost": "5"},
])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=cost_rows, corruption=corruptions, which=st.integers(0, 11))
def test_invalid_rows_never_land(tmp_path_factory, rows, corruption, which):
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('prop') / 'db.sqlite'}")
    fixture_data.load(engine)
    frame = pd.read_csv(io.BytesIO(_costs_csv(rows)), dtype=str, keep_default_na=False)
    for column, value in corruption.items():
        frame.loc[which % len(frame), column] = value
    data = frame.to_csv(index=False).encode()
    before = table_digests(engine)
    plan = plan_import(engine, data, "costs.csv")
    assert not plan.ok
    assert plan.problem_frame()["Row"].notna().all()  # every problem says which row
    with pytest.raises(ImportRejected):
        commit_import(engine, plan)
    assert table_digests(engine) == before


words = st.text(alphabet=st.characters(categories=("Lu", "Ll", "Nd"), max_codepoint=0x2FFF), min_size=1, max_size=12)
unsafe_fragments = st.sampled_from([
    "\x1b[31m", "\x07", "\x85", "\x9b", "\n", "\t", "\u202e", "\u202a", "\u2066", "\u2069", "\u200b", "\u200d", "\ufeff",
    "\u2060", "\u00ad", "[x](http://e.example)", "![i](/p.png)", "[x][1]", "https://e.example", "HTTP://E", "www.e.example",
    "<https://e.example>", " javascript:alert(1)", "<b>bold</b>",
])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=words, fragment=unsafe_fragments, after=words)
def test_unsafe_text_never_lands(engine, before, fragment, after):
    out = io.StringIO()
    csvlib.writer(out, lineterminator="\n").writerows([["code", "name", "provider_type"],
                                                       ["NEWP", before + fragment + after, "federal"]])
    problems = rejected(engine, out.getvalue().encode(), "providers.csv")
    assert problems[["Row", "Column"]].values.tolist() == [[2, "name"]], problems.to_string()
    assert problems["Problem"].str.contains("remove").all()
