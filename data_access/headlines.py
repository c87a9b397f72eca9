"""The six headline numbers of the Executive Overview: definitions and queries.

Every headline is defined here once (label, definition, formula) and computed by `headline_series`;
the Overview, the pillar pages and the methodology page all read these definitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Engine, and_, case, distinct, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from data_access.filters import Filters
from data_access.fiscal import evaluation_date
from data_access.sql import frame
from data_access.summary import source
from data_access.tables import cost, engagement, provider, satisfaction, service_measure, solution


@dataclass(frozen=True)
class Headline:
    key: str
    label: str
    kind: str  # "count", "money", "percent", "score"
    definition: str
    formula: str


HEADLINES = [
    Headline("customer_agencies", "Customer agencies", "count",
             "Organizations (departments, components and independent agencies, counted the way GAO "
             "counts them) with at least one engagement that is operational at the end of the fiscal "
             "year (or on the data-as-of date while the year is open).",
             "COUNT(DISTINCT organization) WHERE operational_on <= evaluation date"),
    Headline("engagements_in_flight", "Engagements in flight", "count",
             "Engagements that have started discovery but are neither operational nor cancelled at the "
             "end of the fiscal year: Discovery, Agreement signed, Implementing and At risk / paused.",
             "COUNT(engagement) WHERE discovery_on <= date AND NOT operational AND NOT cancelled by date"),
    Headline("net_savings", "Net savings", "money",
             "Legacy baseline cost minus the cost of running the function minus one-time migration cost, "
             "summed over engagements for the selected fiscal year. Negative while migrations are paid for. "
             "Years after the data-as-of date are projections.",
             "SUM(baseline_cost - run_cost - migration_cost) for the fiscal year"),
    Headline("cumulative_net_savings", "Cumulative net savings", "money",
             "Net savings added up over the fiscal-year range, from its first year through the selected year.",
             "SUM over FY from..selected of net savings"),
    Headline("sla_attainment", "SLA attainment", "percent",
             "Share of monthly service-measure values in the fiscal year that meet their target "
             "(at or above it where higher is better, at or below it where lower is better).",
             "COUNT(measurements meeting target) / COUNT(measurements) in the fiscal year"),
    Headline("customer_satisfaction", "Customer satisfaction", "score",
             "Response-weighted mean of quarterly customer satisfaction scores on the government's "
             "7-point mission-support scale (1 very dissatisfied, 7 very satisfied) in the fiscal year.",
             "SUM(score x responses) / SUM(responses) in the fiscal year"),
]
HEADLINE_BY_KEY = {h.key: h for h in HEADLINES}

HEADLINE_SERIES_COLUMNS = ["fiscal_year"] + [h.key for h in HEADLINES]


def _series_years(f: Filters) -> list[int]:
    # One year before the range so the first year has a delta.
    return list(range(f.fy_from - 1, f.fy_to + 1))


ADOPTION_COUNTS_COLUMNS = ["fiscal_year", "customer_agencies", "engagements_in_flight"]


def adoption_counts_by_fy(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Customer agencies and engagements in flight at each FY's evaluation date.

    Columns: fiscal_year, customer_agencies, engagements_in_flight; one row per FY from fy_from-1.
    """
    years = _series_years(filters)
    columns: list[ColumnElement[Any]] = []
    for year in years:
        day = evaluation_date(year, as_of)
        live = and_(engagement.c.operational_on.is_not(None), engagement.c.operational_on <= day)
        in_flight = and_(engagement.c.discovery_on <= day,
                         or_(engagement.c.operational_on.is_(None), engagement.c.operational_on > day),
                         or_(engagement.c.cancelled_on.is_(None), engagement.c.cancelled_on > day))
        columns.append(func.count(distinct(case((live, engagement.c.organization_id)))))
        columns.append(func.coalesce(func.sum(case((in_flight, 1), else_=0)), 0))
    stmt = (select(*columns).select_from(engagement)
            .join(solution, engagement.c.solution_id == solution.c.id)
            .join(provider, solution.c.provider_id == provider.c.id)
            .where(*filters.clauses(engagement.c.organization_id)))
    with engine.connect() as conn:
        row = conn.execute(stmt).one()
    return pd.DataFrame({"fiscal_year": years,
                         "customer_agencies": [int(v) for v in row[0::2]],
                         "engagements_in_flight": [int(v) for v in row[1::2]]})


NET_SAVINGS_BY_FY_COLUMNS = ["fiscal_year", "net_savings"]


def net_savings_by_fy(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Net savings per FY (realized and projected together), dollars; FYs without cost rows are absent.

    Columns: fiscal_year, net_savings. Covers fy_from-1 .. fy_to.
    """
    years = _series_years(filters)
    stmt = (select(cost.c.fiscal_year, func.sum(cost.c.baseline_cost - cost.c.run_cost - cost.c.migration_cost))
            .join(engagement, cost.c.engagement_id == engagement.c.id)
            .join(solution, engagement.c.solution_id == solution.c.id)
            .join(provider, solution.c.provider_id == provider.c.id)
            .where(cost.c.fiscal_year.between(years[0], years[-1]), *filters.clauses(engagement.c.organization_id))
            .group_by(cost.c.fiscal_year).order_by(cost.c.fiscal_year))
    return frame(engine, stmt, NET_SAVINGS_BY_FY_COLUMNS)


SLA_BY_FY_COLUMNS = ["fiscal_year", "measurements", "met", "sla_attainment"]


def sla_by_fy(engine: Engine, *, filters: Filters, as_of: date, raw: bool = False) -> pd.DataFrame:
    """SLA attainment per FY as a share 0-1, with the counts behind it (from the monthly summary, or the
    raw rows when `raw`). Columns: fiscal_year, measurements, met, sla_attainment.
    """
    years = _series_years(filters)
    src = source(raw)
    stmt = (select(src.fiscal_year, src.count, src.met).select_from(src.table)
            .join(service_measure, src.measure_id == service_measure.c.id)
            .join(solution, src.solution_id == solution.c.id)
            .join(provider, solution.c.provider_id == provider.c.id)
            .where(src.fiscal_year.between(years[0], years[-1]), *filters.clauses(src.organization_id))
            .group_by(src.fiscal_year).order_by(src.fiscal_year))
    df = frame(engine, stmt, ["fiscal_year", "measurements", "met"])
    df["sla_attainment"] = (df["met"] / df["measurements"]).astype(float)
    return df[SLA_BY_FY_COLUMNS]


SATISFACTION_BY_FY_COLUMNS = ["fiscal_year", "responses", "customer_satisfaction"]


def satisfaction_by_fy(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Response-weighted mean satisfaction per FY on the 7-point scale.

    Columns: fiscal_year, responses, customer_satisfaction.
    """
    years = _series_years(filters)
    stmt = (select(satisfaction.c.fiscal_year, func.sum(satisfaction.c.responses),
                   func.sum(satisfaction.c.score * satisfaction.c.responses) / func.sum(satisfaction.c.responses))
            .join(solution, satisfaction.c.solution_id == solution.c.id)
            .join(provider, solution.c.provider_id == provider.c.id)
            .where(satisfaction.c.fiscal_year.between(years[0], years[-1]),
                   *filters.clauses(satisfaction.c.organization_id))
            .group_by(satisfaction.c.fiscal_year).order_by(satisfaction.c.fiscal_year))
    return frame(engine, stmt, SATISFACTION_BY_FY_COLUMNS)


def headline_series(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """All six headline numbers per FY from fy_from-1 to fy_to (the extra year gives deltas).

    Columns: HEADLINE_SERIES_COLUMNS. Missing values (no data that year) are NaN.
    cumulative_net_savings runs from fy_from and is NaN before it.
    """
    df = adoption_counts_by_fy(engine, filters=filters, as_of=as_of)
    df = df.merge(net_savings_by_fy(engine, filters=filters, as_of=as_of), on="fiscal_year", how="left")
    df["net_savings"] = df["net_savings"].astype(float)
    in_range = df["fiscal_year"] >= filters.fy_from
    df["cumulative_net_savings"] = df["net_savings"].where(in_range).fillna(0).cumsum().where(in_range)
    sla = sla_by_fy(engine, filters=filters, as_of=as_of)
    satisfaction = satisfaction_by_fy(engine, filters=filters, as_of=as_of)
    df = df.merge(sla[["fiscal_year", "sla_attainment"]], on="fiscal_year", how="left")
    df = df.merge(satisfaction[["fiscal_year", "customer_satisfaction"]], on="fiscal_year", how="left")
    return df[HEADLINE_SERIES_COLUMNS].astype({"sla_attainment": float, "customer_satisfaction": float})


@dataclass(frozen=True)
class Tile:
    """One headline as shown: value for the selected FY, delta against the prior FY, trend over the range."""

    headline: Headline
    value: float | None
    delta: float | None
    trend: list[float]


def headline_tiles(series: pd.DataFrame, selected_fy: int) -> list[Tile]:
    """Turn `headline_series` into tiles for `selected_fy` (pure; no database)."""
    by_year = series.set_index("fiscal_year")
    tiles = []
    for h in HEADLINES:
        col = by_year[h.key]
        value = col.get(selected_fy)
        prior = col.get(selected_fy - 1)
        value = None if value is None or pd.isna(value) else float(value)
        prior = None if prior is None or pd.isna(prior) else float(prior)
        delta = value - prior if value is not None and prior is not None else None
        trend = [float(v) for v in col.loc[:selected_fy].dropna().tolist()]
        tiles.append(Tile(h, value, delta, trend))
    return tiles
