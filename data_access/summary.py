"""The monthly measurement summary: how it is rebuilt, and a common face for queries over it or raw rows.

Every measurement query reads `MeasureSource`; `source()` gives the summary (fast) and `source(raw=True)`
the raw rows (used by tests to prove the two agree).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, and_, case, delete, func, insert, or_, select

from data_access.models import Measurement, MeasurementMonthly, ServiceMeasure


def meets_target():
    """SQL: a raw measurement meets its measure's target (direction-aware)."""
    return or_(and_(ServiceMeasure.higher_is_better.is_(True), Measurement.value >= ServiceMeasure.target),
               and_(ServiceMeasure.higher_is_better.is_(False), Measurement.value <= ServiceMeasure.target))


@dataclass(frozen=True)
class MeasureSource:
    table: object
    measure_id: object
    solution_id: object
    organization_id: object
    month: object
    fiscal_year: object
    fiscal_quarter: object
    count: object  # aggregate: number of values
    met: object  # aggregate: values meeting target
    value_sum: object  # aggregate: sum of values


def source(raw: bool = False) -> MeasureSource:
    if raw:
        m = Measurement
        return MeasureSource(m, m.measure_id, m.solution_id, m.organization_id, m.month, m.fiscal_year,
                             m.fiscal_quarter, func.count(), func.sum(case((meets_target(), 1), else_=0)),
                             func.sum(m.value))
    s = MeasurementMonthly
    return MeasureSource(s, s.measure_id, s.solution_id, s.organization_id, s.month, s.fiscal_year, s.fiscal_quarter,
                         func.sum(s.n), func.sum(s.met), func.sum(s.value_sum))


def refresh_measurement_summary(conn: Connection, solution_ids: Iterable[int] | None = None) -> None:
    """Rebuild the summary (for `solution_ids` only, or all of it) inside the caller's transaction."""
    m = Measurement
    scope = [] if solution_ids is None else [m.solution_id.in_(sorted(set(solution_ids)))]
    wipe = delete(MeasurementMonthly)
    if solution_ids is not None:
        wipe = wipe.where(MeasurementMonthly.solution_id.in_(sorted(set(solution_ids))))
    conn.execute(wipe)
    rows = (select(m.measure_id, m.solution_id, m.organization_id, m.month, m.fiscal_year, m.fiscal_quarter,
                   func.count(), func.sum(case((meets_target(), 1), else_=0)), func.sum(m.value))
            .join(ServiceMeasure, m.measure_id == ServiceMeasure.id).where(*scope)
            .group_by(m.measure_id, m.solution_id, m.organization_id, m.month, m.fiscal_year, m.fiscal_quarter))
    conn.execute(insert(MeasurementMonthly).from_select(
        ["measure_id", "solution_id", "organization_id", "month", "fiscal_year", "fiscal_quarter", "n", "met",
         "value_sum"], rows))


def ensure_summary(engine) -> None:
    """Fill the summary when a database predates it (measurements present, summary empty)."""
    from sqlalchemy import exists

    with engine.connect() as conn:
        missing = (conn.execute(select(exists().where(Measurement.id.is_not(None)))).scalar()
                   and not conn.execute(select(exists().where(MeasurementMonthly.n.is_not(None)))).scalar())
    if missing:
        with engine.begin() as conn:
            refresh_measurement_summary(conn)
