"""The monthly measurement summary: how it is rebuilt, and a common face for queries over it or raw rows.

Every measurement query reads `MeasureSource`; `source()` gives the summary (fast) and `source(raw=True)`
the raw rows (used by tests to prove the two agree).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Table, and_, case, delete, func, insert, or_, select
from sqlalchemy.sql.elements import ColumnElement

from data_access.tables import measurement, measurement_monthly, service_measure


def meets_target() -> ColumnElement[bool]:
    """SQL: a raw measurement meets its measure's target (direction-aware)."""
    return or_(and_(service_measure.c.higher_is_better.is_(True), measurement.c.value >= service_measure.c.target),
               and_(service_measure.c.higher_is_better.is_(False), measurement.c.value <= service_measure.c.target))


@dataclass(frozen=True)
class MeasureSource:
    """The columns a measurement query reads, from the summary table or the raw rows."""

    table: Table
    measure_id: ColumnElement[Any]
    solution_id: ColumnElement[Any]
    organization_id: ColumnElement[Any]
    month: ColumnElement[Any]
    fiscal_year: ColumnElement[Any]
    fiscal_quarter: ColumnElement[Any]
    count: ColumnElement[Any]  # aggregate: number of values
    met: ColumnElement[Any]  # aggregate: values meeting target
    value_sum: ColumnElement[Any]  # aggregate: sum of values


def source(raw: bool = False) -> MeasureSource:
    """The monthly summary's columns, or (`raw`) the raw measurement rows' columns with the same aggregates."""
    if raw:
        m = measurement.c
        return MeasureSource(measurement, m.measure_id, m.solution_id, m.organization_id, m.month, m.fiscal_year,
                             m.fiscal_quarter, func.count(), func.sum(case((meets_target(), 1), else_=0)),
                             func.sum(m.value))
    s = measurement_monthly.c
    return MeasureSource(measurement_monthly, s.measure_id, s.solution_id, s.organization_id, s.month, s.fiscal_year,
                         s.fiscal_quarter, func.sum(s.n), func.sum(s.met), func.sum(s.value_sum))


def refresh_measurement_summary(conn: Connection, solution_ids: Iterable[int] | None = None) -> None:
    """Rebuild the summary (for `solution_ids` only, or all of it) inside the caller's transaction."""
    m = measurement.c
    scope = [] if solution_ids is None else [m.solution_id.in_(sorted(set(solution_ids)))]
    wipe = delete(measurement_monthly)
    if solution_ids is not None:
        wipe = wipe.where(measurement_monthly.c.solution_id.in_(sorted(set(solution_ids))))
    conn.execute(wipe)
    rows = (select(m.measure_id, m.solution_id, m.organization_id, m.month, m.fiscal_year, m.fiscal_quarter,
                   func.count(), func.sum(case((meets_target(), 1), else_=0)), func.sum(m.value))
            .join(service_measure, m.measure_id == service_measure.c.id).where(*scope)
            .group_by(m.measure_id, m.solution_id, m.organization_id, m.month, m.fiscal_year, m.fiscal_quarter))
    conn.execute(insert(measurement_monthly).from_select(
        ["measure_id", "solution_id", "organization_id", "month", "fiscal_year", "fiscal_quarter", "n", "met",
         "value_sum"], rows))


def ensure_summary(engine: Engine) -> None:
    """Fill the summary when a database predates it (measurements present, summary empty)."""
    from sqlalchemy import exists

    with engine.connect() as conn:
        missing = (conn.execute(select(exists().where(measurement.c.id.is_not(None)))).scalar()
                   and not conn.execute(select(exists().where(measurement_monthly.c.n.is_not(None)))).scalar())
    if missing:
        with engine.begin() as conn:
            refresh_measurement_summary(conn)
