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
from data_access.fiscal import evaluation_date, fy_end, is_projected
from data_access.sql import frame
from data_access.summary import source
from data_access.tables import cost, engagement, organization, provider, satisfaction, service_measure, solution


@dataclass(frozen=True)
class Headline:
    key: str
    label: str
    kind: str  # "count", "money", "percent", "score"
    definition: str
    formula: str


HEADLINES = [
    Headline("customer_agencies", "Customer agencies", "count",
             "Organizations using at least one shared service at the end of the fiscal year (on the data-as-of "
             "date while it is open), counted the way GAO-26-108014 counts customer agencies: each CFO Act "
             "department's own offices, each of its components (bureaus) and each independent agency counts once, "
             "so a department with ten live bureaus counts up to eleven. The tile also says how many "
             "organizations are in scope and how many of the CFO Act departments have at least one live "
             "organization. Future years are projected from each engagement's forecast (or planned) go-live.",
             "COUNT(DISTINCT organization) WHERE go-live <= evaluation date (forecast go-live for future years)"),
    Headline("engagements_in_flight", "Engagements in flight", "count",
             "Engagements that have started discovery but are neither operational nor cancelled at the "
             "end of the fiscal year: Discovery, Agreement signed, Implementing and At risk / paused. Future "
             "years count the engagements started by the data-as-of date that are not forecast to be live yet.",
             "COUNT(engagement) WHERE discovery_on <= date AND NOT live AND NOT cancelled by date"),
    Headline("net_savings", "Net savings", "money",
             "Legacy baseline cost minus the cost of running the function minus one-time migration cost, "
             "summed over engagements for the selected fiscal year. Negative while migrations are paid for. "
             "Years after the data-as-of date are projections.",
             "SUM(baseline_cost - run_cost - migration_cost) for the fiscal year"),
    Headline("cumulative_net_savings", "Cumulative net savings", "money",
             "Net savings added up over the fiscal-year range, from its first year through the selected year "
             "(years without cost data add nothing; with none at all there is no value). Includes projections "
             "when the range reaches past the data-as-of date.",
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

# Besides the six headlines, the series says whether each year is projected and gives the counting context of
# the customer-agencies tile.
CONTEXT_COLUMNS = ["projected", "organizations_in_scope", "cfo_departments_served", "cfo_departments_in_scope"]
HEADLINE_SERIES_COLUMNS = ["fiscal_year"] + [h.key for h in HEADLINES] + CONTEXT_COLUMNS


def _series_years(f: Filters) -> list[int]:
    # One year before the range so the first year has a delta.
    return list(range(f.fy_from - 1, f.fy_to + 1))


ADOPTION_COUNTS_COLUMNS = ["fiscal_year", "customer_agencies", "engagements_in_flight", "cfo_departments_served"]


def _live_by(day: date, projected: bool) -> ColumnElement[bool]:
    """SQL: the engagement is live on `day`; for a projected year, also when its forecast (or planned) go-live
    falls by then and it was not cancelled by the data-as-of date."""
    actual = and_(engagement.c.operational_on.is_not(None), engagement.c.operational_on <= day)
    if not projected:
        return actual
    expected = func.coalesce(engagement.c.operational_on, engagement.c.forecast_go_live, engagement.c.planned_go_live)
    return or_(actual, and_(engagement.c.cancelled_on.is_(None), expected <= day))


def adoption_counts_by_fy(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Customer agencies (GAO-style, see HEADLINES), engagements in flight and CFO Act departments with at least one
    live organization, at each FY's evaluation date; years after the as-of FY are projected from forecast go-lives.

    Columns: ADOPTION_COUNTS_COLUMNS; one row per FY from fy_from-1 to fy_to.
    """
    years = _series_years(filters)
    parent = organization.alias("parent")
    department = func.coalesce(parent.c.id, organization.c.id)
    cfo_department = func.coalesce(parent.c.kind, organization.c.kind) == "department"
    columns: list[ColumnElement[Any]] = []
    for year in years:
        projected = is_projected(year, as_of)
        day = fy_end(year) if projected else evaluation_date(year, as_of)  # a future year is judged at its end
        live = _live_by(day, projected)
        in_flight = and_(engagement.c.discovery_on <= day, ~live,
                         or_(engagement.c.cancelled_on.is_(None), engagement.c.cancelled_on > day))
        columns.append(func.count(distinct(case((live, engagement.c.organization_id)))))
        columns.append(func.coalesce(func.sum(case((in_flight, 1), else_=0)), 0))
        columns.append(func.count(distinct(case((and_(live, cfo_department), department)))))
    stmt = (select(*columns).select_from(engagement)
            .join(organization, engagement.c.organization_id == organization.c.id)
            .outerjoin(parent, organization.c.parent_id == parent.c.id)
            .join(solution, engagement.c.solution_id == solution.c.id)
            .join(provider, solution.c.provider_id == provider.c.id)
            .where(*filters.clauses(engagement.c.organization_id)))
    with engine.connect() as conn:
        row = conn.execute(stmt).one()
    return pd.DataFrame({"fiscal_year": years,
                         "customer_agencies": [int(v) for v in row[0::3]],
                         "engagements_in_flight": [int(v) for v in row[1::3]],
                         "cfo_departments_served": [int(v) for v in row[2::3]]})[ADOPTION_COUNTS_COLUMNS]


def organizations_in_scope(engine: Engine, filters: Filters) -> tuple[int, int]:
    """(organizations, CFO Act departments) the agency filter covers: all of them without an agency filter; the
    chosen organizations and their components, and the departments they belong to, with one."""
    parent = organization.alias("parent")
    orgs = select(func.count()).select_from(organization)
    depts = select(func.count()).select_from(organization).where(organization.c.kind == "department")
    clause = filters.organization_clause(organization.c.id)
    if clause is not None:
        orgs = orgs.where(clause)
        chosen = select(func.coalesce(parent.c.id, organization.c.id)).select_from(organization).outerjoin(
            parent, organization.c.parent_id == parent.c.id).where(organization.c.code.in_(filters.organizations))
        depts = depts.where(organization.c.id.in_(chosen))
    with engine.connect() as conn:
        return int(conn.execute(orgs).scalar_one()), int(conn.execute(depts).scalar_one())


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
    """All six headline numbers per FY from fy_from-1 to fy_to (the extra year gives deltas), with the context
    columns (CONTEXT_COLUMNS): whether the year is projected, and the customer-agencies counting context.

    Columns: HEADLINE_SERIES_COLUMNS. Missing values (no data that year) are NaN. cumulative_net_savings runs from
    fy_from, is NaN before it and stays NaN until the first year with cost data (no data is not $0).
    """
    df = adoption_counts_by_fy(engine, filters=filters, as_of=as_of)
    df = df.merge(net_savings_by_fy(engine, filters=filters, as_of=as_of), on="fiscal_year", how="left")
    df["net_savings"] = df["net_savings"].astype(float)
    in_range = df["fiscal_year"] >= filters.fy_from
    running = df["net_savings"].where(in_range)
    df["cumulative_net_savings"] = running.fillna(0).cumsum().where(in_range & running.notna().cumsum().gt(0))
    sla = sla_by_fy(engine, filters=filters, as_of=as_of)
    satisfaction_scores = satisfaction_by_fy(engine, filters=filters, as_of=as_of)
    df = df.merge(sla[["fiscal_year", "sla_attainment"]], on="fiscal_year", how="left")
    df = df.merge(satisfaction_scores[["fiscal_year", "customer_satisfaction"]], on="fiscal_year", how="left")
    df["projected"] = [is_projected(int(y), as_of) for y in df["fiscal_year"]]
    orgs, departments = organizations_in_scope(engine, filters)
    df["organizations_in_scope"] = orgs
    df["cfo_departments_in_scope"] = departments
    return df[HEADLINE_SERIES_COLUMNS].astype({"sla_attainment": float, "customer_satisfaction": float,
                                                "projected": bool})


@dataclass(frozen=True)
class Tile:
    """One headline for the selected FY: its value, the change against the prior FY (None when either year has no
    value), the trend over the range, whether the year is projected, and counting context for customer agencies
    (organizations in scope; CFO Act departments served and in scope)."""

    headline: Headline
    value: float | None
    delta: float | None
    trend: list[float]
    projected: bool = False
    in_scope: int | None = None
    departments: tuple[int, int] | None = None


def _number(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def headline_tiles(series: pd.DataFrame, selected_fy: int) -> list[Tile]:
    """Turn `headline_series` into tiles for `selected_fy` (pure; no database)."""
    by_year = series.set_index("fiscal_year")
    projected = bool(by_year["projected"].get(selected_fy, False)) if "projected" in by_year else False
    tiles = []
    for h in HEADLINES:
        col = by_year[h.key]
        value, prior = _number(col.get(selected_fy)), _number(col.get(selected_fy - 1))
        delta = value - prior if value is not None and prior is not None else None
        trend = [float(v) for v in col.loc[:selected_fy].dropna().tolist()]
        in_scope: int | None = None
        departments: tuple[int, int] | None = None
        if h.key == "customer_agencies" and "organizations_in_scope" in by_year and selected_fy in by_year.index:
            in_scope = int(by_year["organizations_in_scope"].get(selected_fy, 0))
            departments = (int(by_year["cfo_departments_served"].get(selected_fy, 0)),
                           int(by_year["cfo_departments_in_scope"].get(selected_fy, 0)))
        tiles.append(Tile(h, value, delta, trend, projected, in_scope, departments))
    return tiles
