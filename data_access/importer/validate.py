"""Validate a whole file before anything is written, and work out what it would change.

`plan_import` reads the file, validates every row against its dataset model, checks duplicates within the
file, references to codes (in the database or in the same file), conflicts with stored rows and agreement
with the data-as-of date (no actual data after it, stages as the dates give them, migration cost only in the
implementation period), then compares each row with what is stored: add, update or unchanged. It never
writes, and no file makes it raise: what cannot be read or checked is a problem.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from typing import Any

import pandas as pd
from pydantic import ValidationError
from pydantic_core import ErrorDetails
from sqlalchemy import Engine, inspect, select
from sqlalchemy.exc import SQLAlchemyError

from data_access.fiscal import fiscal_quarter_of, fiscal_year_of, fy_start
from data_access.importer.cells import printable, unsafe_characters
from data_access.importer.datasets import BY_NAME, DATASETS, columns
from data_access.importer.errors import ImportFailed
from data_access.importer.exporter import dataset_frame
from data_access.importer.reader import Problem, RawTable, read_file
from data_access.importer.rules import ACTUAL_DATES, EngagementDates, migration_cost_allowed, migration_period
from data_access.ranges import EARLIEST_DAY, FIRST_FY, LAST_FY, LATEST_DAY, day_supported
from data_access.sql import frame
from data_access.tables import marketplace, provenance


@dataclass
class ParsedRow:
    sheet: str
    row: int
    data: dict[str, Any]

    def key(self, dataset: str) -> tuple[Any, ...]:
        return tuple(self.data[k] for k in BY_NAME[dataset].key)


@dataclass
class ImportPlan:
    """Everything an import would do; `problems` empty means it may be committed."""

    file_name: str
    sha256: str
    as_of: date | None = None  # the data-as-of date the rows were checked against
    problems: list[Problem] = field(default_factory=list)
    rows: dict[str, list[ParsedRow]] = field(default_factory=dict)
    adds: dict[str, list[ParsedRow]] = field(default_factory=dict)
    updates: dict[str, list[ParsedRow]] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    engagement_dates: dict[tuple[str, str], EngagementDates] = field(default_factory=dict)  # for the cost rows

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changes(self) -> int:
        return sum(len(v) for v in self.adds.values()) + sum(len(v) for v in self.updates.values())

    def summary(self) -> pd.DataFrame:
        """Rows to add, update and leave unchanged, per dataset in the file."""
        return pd.DataFrame([(BY_NAME[n].title, len(self.adds.get(n, [])), len(self.updates.get(n, [])),
                              self.unchanged.get(n, 0)) for n in self.rows],
                            columns=["Dataset", "Rows to add", "Rows to update", "Unchanged"])

    def problem_frame(self) -> pd.DataFrame:
        """Every problem as a table a person can sort and download."""
        return problem_frame(self.problems)


def problem_frame(problems: Sequence[Problem]) -> pd.DataFrame:
    """`problems` as a table: File, Sheet, Row, Column, Value, Problem."""
    return pd.DataFrame([(p.file, p.sheet, p.row, p.column, p.value, p.problem) for p in problems],
                        columns=["File", "Sheet", "Row", "Column", "Value", "Problem"])


def _message(error: ErrorDetails) -> str:
    msg = str(error.get("msg", "is not valid"))
    return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def _parse(table: RawTable, file: str, problems: list[Problem]) -> list[ParsedRow]:
    parsed = []
    known = [c for c in table.frame.columns if c in columns(table.dataset)]
    for number, values in zip(table.row_numbers, table.frame[known].itertuples(index=False, name=None)):
        raw = {c: v for c, v in zip(known, values) if v != ""}
        try:
            model = table.dataset.model.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors():
                column = str(err["loc"][0]) if err.get("loc") else "(row)"
                problems.append(Problem(file, table.sheet, number, column, str(raw.get(column, ""))[:80], _message(err)))
            continue
        parsed.append(ParsedRow(table.sheet, number, model.model_dump()))
    return parsed


def _same(a: object, b: object) -> bool:
    def blank(v: object) -> bool:
        return v is None or v == "" or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT
    if blank(a) and blank(b):
        return True
    if isinstance(a, float | int) and isinstance(b, float | int) and not isinstance(a, bool):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(b, pd.Timestamp):
        b = b.date()
    if isinstance(a, date) and isinstance(b, date):
        return a == b
    return a == b


class _References:
    """Codes known in the database plus those defined in the file."""

    def __init__(self, engine: Engine, rows: dict[str, list[ParsedRow]]) -> None:
        empty = not inspect(engine).has_table("organization")
        self.stored = {n: (pd.DataFrame(columns=columns(BY_NAME[n])) if empty else dataset_frame(engine, n))
                       for n in ("organizations", "providers", "solutions", "service_measures")}
        self.orgs = {r.code: r.kind for r in self.stored["organizations"].itertuples()}
        self.orgs.update({r.data["code"]: r.data["kind"] for r in rows.get("organizations", [])})
        self.providers = set(self.stored["providers"]["code"]) | {r.data["code"] for r in rows.get("providers", [])}
        self.solutions: dict[str, str] = {str(r.code): str(r.marketplace)
                                           for r in self.stored["solutions"].itertuples()}
        self.solutions.update({r.data["code"]: r.data["marketplace"] for r in rows.get("solutions", [])})
        self.measures: dict[str, tuple[str, str]] = {
            str(r.code): (str(r.marketplace), str(r.unit)) for r in self.stored["service_measures"].itertuples()}
        self.measures.update({r.data["code"]: (r.data["marketplace"], r.data["unit"])
                              for r in rows.get("service_measures", [])})
        self.markets: set[str] = set() if empty else set(frame(engine, select(marketplace.c.code), ["code"])["code"])
        self.engagements: dict[tuple[str, str], EngagementDates] = {}  # of the solutions the cost rows use
        if not empty:
            sols = tuple({r.data["solution"] for r in rows.get("costs", [])})
            if sols:
                stored = dataset_frame(engine, "engagements", solutions=sols)
                self.engagements = {(rec["organization"], rec["solution"]): EngagementDates.from_row(rec)
                                    for rec in stored.to_dict("records")}
        self.engagements.update({(r.data["organization"], r.data["solution"]): EngagementDates.from_row(r.data)
                                 for r in rows.get("engagements", [])})


def _check_references(refs: _References, rows: dict[str, list[ParsedRow]], file: str) -> list[Problem]:
    out: list[Problem] = []

    def need(r: ParsedRow, col: str, ok: bool, what: str) -> None:
        if not ok:
            out.append(Problem(file, r.sheet, r.row, col, str(r.data[col]), f"unknown {what}: not in the database "
                                                                             f"and not defined in this file"))

    for r in rows.get("organizations", []):
        parent = r.data["parent_code"]
        if parent is not None:
            need(r, "parent_code", parent in refs.orgs, "organization")
            if parent in refs.orgs and refs.orgs[parent] != "department":
                out.append(Problem(file, r.sheet, r.row, "parent_code", parent, "the parent must be a department"))
    for r in rows.get("solutions", []):
        need(r, "provider", r.data["provider"] in refs.providers, "provider")
    for r in rows.get("solutions", []) + rows.get("service_measures", []):
        if r.data["marketplace"] not in refs.markets:
            out.append(Problem(file, r.sheet, r.row, "marketplace", r.data["marketplace"], "this marketplace is not "
                               "set up in the database; initialise it with `python -m seed --empty`"))
    for name in ("engagements", "measurements", "satisfaction", "costs"):
        for r in rows.get(name, []):
            need(r, "organization", r.data["organization"] in refs.orgs, "organization")
            need(r, "solution", r.data["solution"] in refs.solutions, "solution")
    for r in rows.get("costs", []):
        if r.data["organization"] in refs.orgs and r.data["solution"] in refs.solutions:
            if (r.data["organization"], r.data["solution"]) not in refs.engagements:
                out.append(Problem(file, r.sheet, r.row, "solution", r.data["solution"],
                                   f"no engagement of {r.data['organization']} with {r.data['solution']}: add it to "
                                   f"the engagements sheet first"))
    for r in rows.get("measurements", []):
        measure = refs.measures.get(r.data["measure"])
        need(r, "measure", measure is not None, "service measure")
        market = refs.solutions.get(r.data["solution"])
        if measure and market and measure[0] != market:
            out.append(Problem(file, r.sheet, r.row, "measure", r.data["measure"],
                               f"measure belongs to marketplace {measure[0]} but the solution to {market}"))
        if measure and measure[1] == "%" and not 0 <= r.data["value"] <= 100:
            out.append(Problem(file, r.sheet, r.row, "value", str(r.data["value"]), "a percentage must be within 0-100"))
    return out


def _check_conflicts(refs: _References, rows: dict[str, list[ParsedRow]], file: str) -> list[Problem]:
    """Changes import may not make to stored rows (they would silently re-home or re-scale history)."""
    out = []
    rules = {"organizations": ("code", ("kind", "parent_code")), "solutions": ("code", ("marketplace", "provider")),
             "service_measures": ("code", ("marketplace", "unit"))}
    for name, (key, fixed) in rules.items():
        stored = refs.stored[name].set_index(key)
        for r in rows.get(name, []):
            if r.data[key] in stored.index:
                before = stored.loc[r.data[key]]
                for col in fixed:
                    if not _same(r.data[col], before[col]):
                        out.append(Problem(file, r.sheet, r.row, col, str(r.data[col]),
                                           f"conflicts with the stored {col} '{before[col]}'; changing it through an "
                                           f"import is not supported"))
    return out


def _quarter_start(fiscal_year: int, quarter: int) -> date:
    start = fy_start(fiscal_year)
    month = start.month + 3 * (quarter - 1)
    return date(start.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def check_as_of(plan: ImportPlan, as_of: date) -> list[Problem]:
    """Problems with committing `plan` as of `as_of`: the date must be one the dashboard shows; no actual data
    (stage dates, months, quarters, non-projected costs) may come after it; each engagement's stage must be the
    one its dates give on it; migration cost only in the implementation period (rules.migration_period)."""
    file = plan.problems[0].file if plan.problems else _display_name(plan.file_name)
    if not day_supported(as_of):
        return [Problem(file, "", None, "as_of", str(as_of), f"the data-as-of date must be between {EARLIEST_DAY:%d %b %Y} "
                                                             f"and {LATEST_DAY:%d %b %Y} (FY{FIRST_FY}–FY{LAST_FY})")]
    out: list[Problem] = []
    label = f"{as_of:%d %b %Y} (FY{fiscal_year_of(as_of)} Q{fiscal_quarter_of(as_of)})"
    after = (f"is after the data-as-of date, {label}: actual data cannot be in the future. Correct it, or import with a "
             f"later as-of date")

    def problem(r: ParsedRow, column: str, value: object, text: str) -> None:
        out.append(Problem(file, r.sheet, r.row, column, str(value)[:80], text))

    for r in plan.rows.get("engagements", []):
        late = [c for c in ACTUAL_DATES if r.data[c] is not None and r.data[c] > as_of]
        for c in late:
            problem(r, c, r.data[c], f"{after} (only planned_go_live and forecast_go_live may be in the future)")
        expected = EngagementDates.from_row(r.data).stage_on(as_of)
        if not late and expected != r.data["stage"]:
            problem(r, "stage", r.data["stage"], f"the dates give the stage '{expected}' on the data-as-of date, {label}; "
                                                 f"set stage to {expected} or correct the dates")
    for r in plan.rows.get("measurements", []):
        if r.data["month"] > as_of:
            problem(r, "month", f"{r.data['month']:%Y-%m}", after)
    for r in plan.rows.get("satisfaction", []):
        if _quarter_start(r.data["fiscal_year"], r.data["fiscal_quarter"]) > as_of:
            problem(r, "fiscal_quarter", f"FY{r.data['fiscal_year']} Q{r.data['fiscal_quarter']}", after)
    for r in plan.rows.get("costs", []):
        d = r.data
        if not d["is_projected"] and d["fiscal_year"] > fiscal_year_of(as_of):
            problem(r, "is_projected", "false", f"an actual cost for FY{d['fiscal_year']} {after}, or mark the row "
                                                f"is_projected true")
        dates = plan.engagement_dates.get((d["organization"], d["solution"]))
        if d["migration_cost"] > 0 and dates is not None and not migration_cost_allowed(
                dates, fiscal_year=d["fiscal_year"], is_projected=d["is_projected"], as_of=as_of):
            problem(r, "migration_cost", f"{d['migration_cost']:g}", _migration_message(dates, d, as_of))
    return out


def _migration_message(dates: EngagementDates, d: dict[str, Any], as_of: date) -> str:
    period = migration_period(dates, fiscal_year=d["fiscal_year"], is_projected=d["is_projected"], as_of=as_of)
    rule = "one-time migration cost is spread over the implementation period only"
    if period is None:
        return (f"{rule}, and {d['organization']}'s engagement with {d['solution']} never reached implementation (no "
                f"implementing_on); set migration_cost to 0 or record the implementation start")
    start, end = period
    return (f"FY{d['fiscal_year']} is outside the implementation period of {d['organization']} with {d['solution']} "
            f"({start:%d %b %Y} to {f'{end:%d %b %Y}' if end else 'today'}): {rule}; set migration_cost to 0")


def _display_name(file_name: str) -> str:
    return printable(PurePath(file_name).name)[:120] or "upload"


def _stored_as_of(engine: Engine) -> date | None:
    if not inspect(engine).has_table("provenance"):
        return None
    latest = frame(engine, select(provenance.c.as_of).order_by(provenance.c.id.desc()).limit(1), ["as_of"])
    return None if latest.empty else pd.Timestamp(latest["as_of"].iloc[0]).date()


def plan_import(engine: Engine, data: bytes, file_name: str, *, as_of: date | None = None) -> ImportPlan:
    """Validate `data` (the file's bytes) completely and plan its changes as of `as_of` (default: the stored
    data-as-of date, or today in an empty database); never writes.

    No file makes this raise: whatever cannot be read or checked is listed in `plan.problems`. Raises
    ImportFailed only when the database cannot be read."""
    plan = ImportPlan(file_name=file_name, sha256=hashlib.sha256(data).hexdigest())
    try:
        _plan(engine, data, plan, as_of)
    except ImportFailed:
        raise
    except SQLAlchemyError as exc:
        detail = str(getattr(exc, "orig", exc)).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise ImportFailed(f"the database could not be read ({type(exc).__name__}: {printable(detail)})") from exc
    except Exception as exc:  # no file may crash the importer; say what happened instead
        plan.adds, plan.updates, plan.unchanged = {}, {}, {}
        lines = str(exc).strip().splitlines()
        plan.problems.append(Problem(_display_name(file_name), "", None, "", "",
                                     f"the file could not be checked ({type(exc).__name__}"
                                     f"{': ' + printable(lines[0])[:160] if lines else ''}); nothing was written"))
    return plan


def _plan(engine: Engine, data: bytes, plan: ImportPlan, as_of: date | None) -> None:
    file = _display_name(plan.file_name)
    bad_name = unsafe_characters(PurePath(plan.file_name).name)
    if bad_name:
        plan.problems.append(Problem(file, "", None, "file name", file, f"the file name {bad_name}; rename the file"))
    tables, problems = read_file(data, plan.file_name)
    plan.problems += problems
    seen_datasets = set()
    for table in tables:
        if table.dataset.name in seen_datasets:
            plan.problems.append(Problem(file, table.sheet, None, "", "", "this dataset appears twice in the file"))
            continue
        seen_datasets.add(table.dataset.name)
        if any(p.sheet == table.sheet and p.row == 1 for p in plan.problems):
            continue  # wrong columns: row-level checks would only repeat the problem
        plan.rows[table.dataset.name] = _parse(table, file, plan.problems)
    for name, parsed in plan.rows.items():
        first: dict[tuple[Any, ...], int] = {}
        for r in parsed:
            k = r.key(name)
            if k in first:
                plan.problems.append(Problem(file, r.sheet, r.row, ", ".join(BY_NAME[name].key), " / ".join(map(str, k)),
                                             f"duplicate of row {first[k]}"))
            else:
                first[k] = r.row
    if not plan.rows:
        return
    refs = _References(engine, plan.rows)
    plan.problems += _check_references(refs, plan.rows, file) + _check_conflicts(refs, plan.rows, file)
    plan.as_of = as_of or _stored_as_of(engine) or date.today()
    plan.engagement_dates = {key: refs.engagements[key] for key in
                             {(r.data["organization"], r.data["solution"]) for r in plan.rows.get("costs", [])}
                             if key in refs.engagements}
    plan.problems += check_as_of(plan, plan.as_of)
    if plan.problems:
        return
    plan.rows = {ds.name: plan.rows[ds.name] for ds in DATASETS if ds.name in plan.rows}
    empty = not inspect(engine).has_table("organization")
    for name, parsed in plan.rows.items():
        ds = BY_NAME[name]
        if empty:
            stored = {}
        else:
            sols = tuple({r.data["solution"] for r in parsed}) if "solution" in ds.key else ()
            df = refs.stored[name] if name in refs.stored else dataset_frame(engine, name, solutions=sols)
            stored = {tuple(rec[k] for k in ds.key): rec for rec in df.to_dict("records")}
        adds, updates, same = [], [], 0
        for r in parsed:
            before = stored.get(r.key(name))
            if before is None:
                adds.append(r)
            elif all(_same(v, before[c]) for c, v in r.data.items()):
                same += 1
            else:
                updates.append(r)
        plan.adds[name], plan.updates[name], plan.unchanged[name] = adds, updates, same
