"""Commit an import plan in one database transaction: the whole file lands, or nothing does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, Table, and_, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from data_access.db import create_schema
from data_access.fiscal import fiscal_quarter_of, fiscal_year_of
from data_access.importer.cells import printable, text_problem
from data_access.importer.errors import ImportFailed, ImportRejected
from data_access.importer.validate import ImportPlan, check_as_of
from data_access.summary import refresh_measurement_summary
from data_access.tables import (
    cost,
    engagement,
    import_log,
    marketplace,
    measurement,
    organization,
    provenance,
    provider,
    satisfaction,
    service_measure,
    solution,
    solution_measure,
)

Row = dict[str, Any]
MAX_IMPORTED_BY = 120  # characters; the import log column is longer


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    log_id: int | None


def _ids(conn: Connection, table: Table) -> dict[str, int]:
    return {code: id_ for code, id_ in conn.execute(select(table.c.code, table.c.id)).all()}


def _write(conn: Connection, table: Table, adds: list[Row], updates: list[tuple[Row, ColumnElement[bool]]]) -> None:
    if adds:
        conn.execute(insert(table), adds)
    for values, where in updates:
        conn.execute(update(table).where(where).values(**values))


def _org_rows(conn: Connection, plan: ImportPlan) -> None:
    # Departments and independents first, so components added in the same file find their parent.
    for rows, is_update in ((plan.adds.get("organizations", []), False), (plan.updates.get("organizations", []), True)):
        for r in sorted(rows, key=lambda r: r.data["kind"] == "component"):
            ids = _ids(conn, organization)
            values = {**r.data, "parent_id": ids.get(r.data["parent_code"]) if r.data["parent_code"] else None}
            values.pop("parent_code")
            if is_update:
                conn.execute(update(organization).where(organization.c.code == values.pop("code")).values(**values))
            else:
                conn.execute(insert(organization).values(**values))


def _reference(conn: Connection, plan: ImportPlan) -> None:
    _org_rows(conn, plan)
    _write(conn, provider, [r.data for r in plan.adds.get("providers", [])],
           [(r.data, provider.c.code == r.data["code"]) for r in plan.updates.get("providers", [])])
    markets, providers = _ids(conn, marketplace), _ids(conn, provider)

    def solution_row(d: Row) -> Row:
        return {**{k: v for k, v in d.items() if k not in ("marketplace", "provider")},
                "marketplace_id": markets[d["marketplace"]], "provider_id": providers[d["provider"]]}
    _write(conn, solution, [solution_row(r.data) for r in plan.adds.get("solutions", [])],
           [(solution_row(r.data), solution.c.code == r.data["code"]) for r in plan.updates.get("solutions", [])])

    def measure_row(d: Row) -> Row:
        return {**{k: v for k, v in d.items() if k != "marketplace"}, "marketplace_id": markets[d["marketplace"]]}
    _write(conn, service_measure, [measure_row(r.data) for r in plan.adds.get("service_measures", [])],
           [(measure_row(r.data), service_measure.c.code == r.data["code"])
            for r in plan.updates.get("service_measures", [])])


def _facts(conn: Connection, plan: ImportPlan) -> None:
    orgs, sols, measures = _ids(conn, organization), _ids(conn, solution), _ids(conn, service_measure)

    def engagement_row(d: Row) -> Row:
        return {**{k: v for k, v in d.items() if k not in ("organization", "solution")},
                "organization_id": orgs[d["organization"]], "solution_id": sols[d["solution"]]}

    def where_engagement(d: Row) -> ColumnElement[bool]:
        return and_(engagement.c.organization_id == orgs[d["organization"]],
                    engagement.c.solution_id == sols[d["solution"]])
    _write(conn, engagement, [engagement_row(r.data) for r in plan.adds.get("engagements", [])],
           [(engagement_row(r.data), where_engagement(r.data)) for r in plan.updates.get("engagements", [])])
    engagements = {(o, s): i for i, o, s in conn.execute(
        select(engagement.c.id, engagement.c.organization_id, engagement.c.solution_id)).all()}

    def cost_row(d: Row) -> Row:
        return {**{k: v for k, v in d.items() if k not in ("organization", "solution")},
                "engagement_id": engagements[(orgs[d["organization"]], sols[d["solution"]])]}
    _write(conn, cost, [cost_row(r.data) for r in plan.adds.get("costs", [])],
           [(cost_row(r.data), and_(cost.c.engagement_id == cost_row(r.data)["engagement_id"],
                                    cost.c.fiscal_year == r.data["fiscal_year"])) for r in plan.updates.get("costs", [])])

    def measurement_row(d: Row) -> Row:
        return {"measure_id": measures[d["measure"]], "solution_id": sols[d["solution"]],
                "organization_id": orgs[d["organization"]], "month": d["month"], "value": d["value"],
                "reporting_unit": d["reporting_unit"], "fiscal_year": fiscal_year_of(d["month"]),
                "fiscal_quarter": fiscal_quarter_of(d["month"])}

    def where_measurement(v: Row) -> ColumnElement[bool]:
        m = measurement.c
        return and_(m.measure_id == v["measure_id"], m.solution_id == v["solution_id"],
                    m.organization_id == v["organization_id"], m.month == v["month"],
                    m.reporting_unit == v["reporting_unit"])
    added = [measurement_row(r.data) for r in plan.adds.get("measurements", [])]
    changed = [measurement_row(r.data) for r in plan.updates.get("measurements", [])]
    _write(conn, measurement, added, [({"value": v["value"]}, where_measurement(v)) for v in changed])
    linked = set(conn.execute(select(solution_measure.c.solution_id, solution_measure.c.measure_id)).tuples().all())
    new_links = {(v["solution_id"], v["measure_id"]) for v in added} - linked
    if new_links:
        conn.execute(insert(solution_measure), [{"solution_id": s, "measure_id": m} for s, m in sorted(new_links)])

    def satisfaction_row(d: Row) -> Row:
        return {**{k: v for k, v in d.items() if k not in ("organization", "solution")},
                "organization_id": orgs[d["organization"]], "solution_id": sols[d["solution"]]}

    def where_satisfaction(v: Row) -> ColumnElement[bool]:
        s = satisfaction.c
        return and_(s.solution_id == v["solution_id"], s.organization_id == v["organization_id"],
                    s.fiscal_year == v["fiscal_year"], s.fiscal_quarter == v["fiscal_quarter"])
    sat_updates = [satisfaction_row(r.data) for r in plan.updates.get("satisfaction", [])]
    _write(conn, satisfaction, [satisfaction_row(r.data) for r in plan.adds.get("satisfaction", [])],
           [(v, where_satisfaction(v)) for v in sat_updates])


def _refresh_summary(conn: Connection, plan: ImportPlan) -> None:
    """Keep the monthly summary equal to the raw measurements: rebuild what this import touched."""
    if plan.updates.get("service_measures"):  # a changed target changes 'met' everywhere it is used
        refresh_measurement_summary(conn)
        return
    touched = {r.data["solution"] for r in plan.adds.get("measurements", []) + plan.updates.get("measurements", [])}
    if touched:
        ids = _ids(conn, solution)
        refresh_measurement_summary(conn, [ids[code] for code in touched])


def _check_commit(plan: ImportPlan, as_of: date, imported_by: str) -> None:
    if as_of != plan.as_of:  # the rows were checked against plan.as_of: check them against this date too
        problems = check_as_of(plan, as_of)
        if problems:
            first = problems[0]
            where = f"{first.sheet + ', ' if first.sheet else ''}row {first.row}, {first.column}" if first.row else first.column
            raise ImportRejected(f"the data-as-of date {as_of} does not fit this file ({len(problems)} problem(s); first: "
                                 f"{where}: {first.problem}); nothing was written", problems)
    problem = text_problem(imported_by) if imported_by else None
    if problem or len(imported_by) > MAX_IMPORTED_BY:
        raise ImportRejected(f"the importer's name '{printable(imported_by)[:60]}' "
                             f"{problem or f'is longer than {MAX_IMPORTED_BY} characters'}; nothing was written")


def commit_import(engine: Engine, plan: ImportPlan, *, as_of: date | None = None, imported_by: str = "") -> ImportResult:
    """Write `plan` in one transaction and record it as of `as_of` (default: the date the plan was checked
    against). A plan with problems, an as-of date the file's rows do not fit (see validate.check_as_of) or an
    unsafe `imported_by` raise ImportRejected; any failure while writing rolls everything back and raises
    ImportFailed. A plan that changes nothing writes nothing (re-importing the same file is a no-op)."""
    if not plan.ok:
        raise ImportRejected(f"{len(plan.problems)} problems remain; nothing was written", plan.problems)
    day = as_of or plan.as_of
    if day is None:
        raise ImportRejected("the plan was not checked against a data-as-of date; plan the file again")
    _check_commit(plan, day, imported_by)
    unchanged = sum(plan.unchanged.values())
    if plan.changes == 0:
        return ImportResult(0, 0, unchanged, None)
    added = sum(len(v) for v in plan.adds.values())
    updated = sum(len(v) for v in plan.updates.values())
    try:
        create_schema(engine)
        with engine.begin() as conn:
            log_id = _write_plan(conn, plan, as_of=day, imported_by=imported_by, counts=(added, updated, unchanged))
    except SQLAlchemyError as exc:
        detail = str(getattr(exc, "orig", exc)).splitlines()[0][:200]
        raise ImportFailed(f"the database refused the import ({type(exc).__name__}: {printable(detail)})") from exc
    except Exception as exc:  # the transaction is rolled back; report it as the import failing
        raise ImportFailed(f"the import failed and was rolled back ({type(exc).__name__}: "
                           f"{printable(str(exc))[:200]})") from exc
    return ImportResult(added, updated, unchanged, log_id)


def _write_plan(conn: Connection, plan: ImportPlan, *, as_of: date, imported_by: str,
                counts: tuple[int, int, int]) -> int:
    added, updated, unchanged = counts
    _reference(conn, plan)
    _facts(conn, plan)
    _refresh_summary(conn, plan)
    log_id: int = conn.execute(insert(import_log).values(
        imported_at=datetime.now(UTC), file_name=plan.file_name[:255], file_sha256=plan.sha256,
        imported_by=imported_by, rows_added=added, rows_updated=updated, rows_unchanged=unchanged,
        datasets=", ".join(n for n in plan.rows)[:300]).returning(import_log.c.id)).scalar_one()
    previous = conn.execute(select(provenance.c.source).order_by(provenance.c.id.desc())).first()
    source = "mixed" if previous and previous[0] in ("demo", "mixed") else "imported"
    conn.execute(insert(provenance).values(source=source, as_of=as_of, loaded_at=datetime.now(UTC),
                                           note=f"Import of {plan.file_name[:200]}"))
    return log_id
