"""Validate a whole file before anything is written, and work out what it would change.

`plan_import` reads the file, validates every row against its dataset model, checks duplicates within the
file, references to codes (in the database or in the same file) and conflicts with stored rows, then
compares each row with what is stored: add, update or unchanged. It never writes.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from pydantic import ValidationError
from sqlalchemy import Engine, inspect, select

from data_access.importer.datasets import BY_NAME, DATASETS, columns
from data_access.importer.exporter import dataset_frame
from data_access.importer.reader import Problem, RawTable, read_file
from data_access.models import Marketplace
from data_access.sql import frame


@dataclass
class ParsedRow:
    sheet: str
    row: int
    data: dict

    def key(self, dataset: str) -> tuple:
        return tuple(self.data[k] for k in BY_NAME[dataset].key)


@dataclass
class ImportPlan:
    """Everything an import would do; `problems` empty means it may be committed."""

    file_name: str
    sha256: str
    problems: list[Problem] = field(default_factory=list)
    rows: dict[str, list[ParsedRow]] = field(default_factory=dict)
    adds: dict[str, list[ParsedRow]] = field(default_factory=dict)
    updates: dict[str, list[ParsedRow]] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

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
        return pd.DataFrame([(p.file, p.sheet, p.row, p.column, p.value, p.problem) for p in self.problems],
                            columns=["File", "Sheet", "Row", "Column", "Value", "Problem"])


def _message(error: dict) -> str:
    msg = error.get("msg", "is not valid")
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
        self.solutions = {r.code: r.marketplace for r in self.stored["solutions"].itertuples()}
        self.solutions.update({r.data["code"]: r.data["marketplace"] for r in rows.get("solutions", [])})
        self.measures = {r.code: (r.marketplace, r.unit) for r in self.stored["service_measures"].itertuples()}
        self.measures.update({r.data["code"]: (r.data["marketplace"], r.data["unit"])
                              for r in rows.get("service_measures", [])})
        self.markets: set[str] = set() if empty else set(frame(engine, select(Marketplace.code), ["code"])["code"])
        self.engagements: set[tuple[str, str]] = set()
        if not empty:
            sols = tuple({r.data["solution"] for r in rows.get("costs", [])})
            if sols:
                stored = dataset_frame(engine, "engagements", solutions=sols)
                self.engagements = set(zip(stored["organization"], stored["solution"]))
        self.engagements |= {(r.data["organization"], r.data["solution"]) for r in rows.get("engagements", [])}


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


def plan_import(engine: Engine, data: bytes, file_name: str) -> ImportPlan:
    """Validate `data` (the file's bytes) completely and plan its changes; never writes."""
    tables, problems = read_file(data, file_name)
    plan = ImportPlan(file_name=file_name, sha256=hashlib.sha256(data).hexdigest(), problems=problems)
    file = problems[0].file if problems else file_name
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
        first: dict[tuple, int] = {}
        for r in parsed:
            k = r.key(name)
            if k in first:
                plan.problems.append(Problem(file, r.sheet, r.row, ", ".join(BY_NAME[name].key), " / ".join(map(str, k)),
                                             f"duplicate of row {first[k]}"))
            else:
                first[k] = r.row
    if not plan.rows:
        return plan
    refs = _References(engine, plan.rows)
    plan.problems += _check_references(refs, plan.rows, file) + _check_conflicts(refs, plan.rows, file)
    if plan.problems:
        return plan
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
    return plan

