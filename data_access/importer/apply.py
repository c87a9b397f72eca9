"""Commit an import plan in one database transaction: the whole file lands, or nothing does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from data_access.db import create_schema
from data_access.fiscal import fiscal_quarter_of, fiscal_year_of
from data_access.importer.validate import ImportPlan
from data_access.models import (
    Cost,
    Engagement,
    ImportLog,
    Marketplace,
    Measurement,
    Organization,
    Provenance,
    Provider,
    Satisfaction,
    ServiceMeasure,
    Solution,
    SolutionMeasure,
)
from data_access.summary import refresh_measurement_summary


class ImportRejected(ValueError):
    """The plan has problems (or nothing to write); nothing was written."""


class ImportFailed(RuntimeError):
    """The database refused the write (e.g. a read-only role); the transaction was rolled back."""


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    log_id: int | None


def _ids(conn: Connection, model) -> dict[str, int]:
    return dict(conn.execute(select(model.code, model.id)).all())


def _write(conn: Connection, model, adds: list[dict], updates: list[tuple[dict, object]]) -> None:
    if adds:
        conn.execute(insert(model), adds)
    for values, where in updates:
        conn.execute(update(model).where(where).values(**values))


def _org_rows(conn: Connection, plan: ImportPlan) -> None:
    # Departments and independents first, so components added in the same file find their parent.
    for rows, is_update in ((plan.adds.get("organizations", []), False), (plan.updates.get("organizations", []), True)):
        for r in sorted(rows, key=lambda r: r.data["kind"] == "component"):
            ids = _ids(conn, Organization)
            values = {**r.data, "parent_id": ids.get(r.data["parent_code"]) if r.data["parent_code"] else None}
            values.pop("parent_code")
            if is_update:
                conn.execute(update(Organization).where(Organization.code == values.pop("code")).values(**values))
            else:
                conn.execute(insert(Organization).values(**values))


def _reference(conn: Connection, plan: ImportPlan) -> None:
    _org_rows(conn, plan)
    _write(conn, Provider, [r.data for r in plan.adds.get("providers", [])],
           [(r.data, Provider.code == r.data["code"]) for r in plan.updates.get("providers", [])])
    markets, providers = _ids(conn, Marketplace), _ids(conn, Provider)

    def solution(d: dict) -> dict:
        return {**{k: v for k, v in d.items() if k not in ("marketplace", "provider")},
                "marketplace_id": markets[d["marketplace"]], "provider_id": providers[d["provider"]]}
    _write(conn, Solution, [solution(r.data) for r in plan.adds.get("solutions", [])],
           [(solution(r.data), Solution.code == r.data["code"]) for r in plan.updates.get("solutions", [])])

    def measure(d: dict) -> dict:
        return {**{k: v for k, v in d.items() if k != "marketplace"}, "marketplace_id": markets[d["marketplace"]]}
    _write(conn, ServiceMeasure, [measure(r.data) for r in plan.adds.get("service_measures", [])],
           [(measure(r.data), ServiceMeasure.code == r.data["code"]) for r in plan.updates.get("service_measures", [])])


def _facts(conn: Connection, plan: ImportPlan) -> None:
    orgs, sols, measures = _ids(conn, Organization), _ids(conn, Solution), _ids(conn, ServiceMeasure)

    def engagement(d: dict) -> dict:
        return {**{k: v for k, v in d.items() if k not in ("organization", "solution")},
                "organization_id": orgs[d["organization"]], "solution_id": sols[d["solution"]]}

    def where_engagement(d: dict):
        return (Engagement.organization_id == orgs[d["organization"]]) & (Engagement.solution_id == sols[d["solution"]])
    _write(conn, Engagement, [engagement(r.data) for r in plan.adds.get("engagements", [])],
           [(engagement(r.data), where_engagement(r.data)) for r in plan.updates.get("engagements", [])])
    engagements = {(o, s): i for i, o, s in conn.execute(
        select(Engagement.id, Engagement.organization_id, Engagement.solution_id)).all()}

    def cost(d: dict) -> dict:
        return {**{k: v for k, v in d.items() if k not in ("organization", "solution")},
                "engagement_id": engagements[(orgs[d["organization"]], sols[d["solution"]])]}
    _write(conn, Cost, [cost(r.data) for r in plan.adds.get("costs", [])],
           [(cost(r.data), (Cost.engagement_id == cost(r.data)["engagement_id"])
             & (Cost.fiscal_year == r.data["fiscal_year"])) for r in plan.updates.get("costs", [])])

    def measurement(d: dict) -> dict:
        return {"measure_id": measures[d["measure"]], "solution_id": sols[d["solution"]],
                "organization_id": orgs[d["organization"]], "month": d["month"], "value": d["value"],
                "reporting_unit": d["reporting_unit"], "fiscal_year": fiscal_year_of(d["month"]),
                "fiscal_quarter": fiscal_quarter_of(d["month"])}

    def where_measurement(v: dict):
        return ((Measurement.measure_id == v["measure_id"]) & (Measurement.solution_id == v["solution_id"])
                & (Measurement.organization_id == v["organization_id"]) & (Measurement.month == v["month"])
                & (Measurement.reporting_unit == v["reporting_unit"]))
    added = [measurement(r.data) for r in plan.adds.get("measurements", [])]
    changed = [measurement(r.data) for r in plan.updates.get("measurements", [])]
    _write(conn, Measurement, added, [({"value": v["value"]}, where_measurement(v)) for v in changed])
    linked = set(conn.execute(select(SolutionMeasure.solution_id, SolutionMeasure.measure_id)).all())
    new_links = {(v["solution_id"], v["measure_id"]) for v in added} - linked
    if new_links:
        conn.execute(insert(SolutionMeasure), [{"solution_id": s, "measure_id": m} for s, m in sorted(new_links)])

    def satisfaction(d: dict) -> dict:
        return {**{k: v for k, v in d.items() if k not in ("organization", "solution")},
                "organization_id": orgs[d["organization"]], "solution_id": sols[d["solution"]]}

    def where_satisfaction(v: dict):
        return ((Satisfaction.solution_id == v["solution_id"]) & (Satisfaction.organization_id == v["organization_id"])
                & (Satisfaction.fiscal_year == v["fiscal_year"]) & (Satisfaction.fiscal_quarter == v["fiscal_quarter"]))
    sat_updates = [satisfaction(r.data) for r in plan.updates.get("satisfaction", [])]
    _write(conn, Satisfaction, [satisfaction(r.data) for r in plan.adds.get("satisfaction", [])],
           [(v, where_satisfaction(v)) for v in sat_updates])


def _refresh_summary(conn: Connection, plan: ImportPlan) -> None:
    """Keep the monthly summary equal to the raw measurements: rebuild what this import touched."""
    if plan.updates.get("service_measures"):  # a changed target changes 'met' everywhere it is used
        refresh_measurement_summary(conn)
        return
    touched = {r.data["solution"] for r in plan.adds.get("measurements", []) + plan.updates.get("measurements", [])}
    if touched:
        ids = _ids(conn, Solution)
        refresh_measurement_summary(conn, [ids[code] for code in touched])


def commit_import(engine: Engine, plan: ImportPlan, *, as_of: date | None = None, imported_by: str = "") -> ImportResult:
    """Write `plan` in one transaction and record it; a plan with problems is refused. A plan that changes
    nothing writes nothing (re-importing the same file is a no-op)."""
    if not plan.ok:
        raise ImportRejected(f"{len(plan.problems)} problems remain; nothing was written")
    unchanged = sum(plan.unchanged.values())
    if plan.changes == 0:
        return ImportResult(0, 0, unchanged, None)
    create_schema(engine)
    added = sum(len(v) for v in plan.adds.values())
    updated = sum(len(v) for v in plan.updates.values())
    try:
        with engine.begin() as conn:
            log_id = _write_plan(conn, plan, as_of=as_of, imported_by=imported_by, counts=(added, updated, unchanged))
    except SQLAlchemyError as exc:
        detail = str(getattr(exc, "orig", exc)).splitlines()[0][:200]
        raise ImportFailed(f"the database refused the import ({type(exc).__name__}: {detail})") from exc
    return ImportResult(added, updated, unchanged, log_id)


def _write_plan(conn: Connection, plan: ImportPlan, *, as_of: date | None, imported_by: str,
            counts: tuple[int, int, int]) -> None:
    added, updated, unchanged = counts
    _reference(conn, plan)
    _facts(conn, plan)
    _refresh_summary(conn, plan)
    log_id = conn.execute(insert(ImportLog).values(
        imported_at=datetime.now(UTC), file_name=plan.file_name[:255], file_sha256=plan.sha256,
        imported_by=imported_by[:120], rows_added=added, rows_updated=updated, rows_unchanged=unchanged,
        datasets=", ".join(n for n in plan.rows)[:300]).returning(ImportLog.id)).scalar_one()
    previous = conn.execute(select(Provenance.source, Provenance.as_of).order_by(Provenance.id.desc())).first()
    source = "mixed" if previous and previous[0] in ("demo", "mixed") else "imported"
    conn.execute(insert(Provenance).values(
        source=source, as_of=as_of or (previous[1] if previous else date.today()),
        loaded_at=datetime.now(UTC), note=f"Import of {plan.file_name[:200]}"))
    return log_id
