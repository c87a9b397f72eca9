"""Adoption queries: pipeline by stage, organization x marketplace matrix, go-lives, coverage, work in flight.

Every query takes the engine and, by keyword, the filters and the data-as-of date; the selected fiscal year is
judged on its evaluation date (`fiscal.evaluation_date`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Engine, Integer, case, cast, distinct, extract, func, select
from sqlalchemy.sql.elements import ColumnElement

from data_access.filters import Filters
from data_access.fiscal import evaluation_date
from data_access.models import IN_FLIGHT_STAGES, STAGES
from data_access.sql import AnySelect, frame
from data_access.stages import stage_on
from data_access.tables import engagement, marketplace, organization, provider, solution

# Furthest stage reached: higher rank is further along.
STAGE_RANK = {"cancelled": 0, "discovery": 1, "agreement": 2, "at_risk": 3, "implementing": 4, "operational": 5}


def scoped_engagements(stmt: AnySelect, filters: Filters) -> AnySelect:
    """`stmt` (selecting from engagement) joined to solution, provider and marketplace, narrowed by `filters`."""
    return (stmt.join(solution, engagement.c.solution_id == solution.c.id)
            .join(provider, solution.c.provider_id == provider.c.id)
            .join(marketplace, solution.c.marketplace_id == marketplace.c.id)
            .where(*filters.clauses(engagement.c.organization_id)))


ADOPTION_BY_STAGE_COLUMNS = ["marketplace", "stage", "engagements"]


def adoption_by_stage(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Engagements per marketplace and stage on the selected FY's evaluation date; zero rows are absent.

    Columns: ADOPTION_BY_STAGE_COLUMNS (marketplace code, stage as in models.STAGES, engagements),
    sorted by marketplace then lifecycle order.
    """
    day = evaluation_date(filters.selected_fy, as_of)
    stage = stage_on(day).label("stage")
    stmt = scoped_engagements(select(marketplace.c.code, stage, func.count()).select_from(engagement), filters)
    stmt = stmt.where(engagement.c.discovery_on <= day).group_by(marketplace.c.code, stage)
    df = frame(engine, stmt, ADOPTION_BY_STAGE_COLUMNS)
    order = {s: i for i, s in enumerate(STAGES)}
    df["order"] = df["stage"].map(order)
    return df.sort_values(["marketplace", "order"], ignore_index=True)[ADOPTION_BY_STAGE_COLUMNS]


def stage_counts(stages: pd.DataFrame) -> dict[str, int]:
    """Total engagements per stage (every stage present, zero when absent) from an `adoption_by_stage` frame."""
    totals = stages.groupby("stage")["engagements"].sum()
    return {s: int(totals.get(s, 0)) for s in STAGES}


def in_flight_count(counts: dict[str, int]) -> int:
    """Engagements in flight from `stage_counts`: Discovery, Agreement signed, Implementing, At risk / paused."""
    return sum(counts[s] for s in IN_FLIGHT_STAGES)


STAGE_MATRIX_COLUMNS = ["organization", "organization_name", "marketplace", "stage", "engagements"]


def organization_stage_matrix(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Each organization's furthest stage per marketplace on the evaluation date.

    Without an agency filter, components roll up to their department (one row per department or independent
    agency); with one, each chosen organization and component is its own row.
    Columns: STAGE_MATRIX_COLUMNS, sorted by organization then marketplace.
    """
    day = evaluation_date(filters.selected_fy, as_of)
    parent = organization.alias("parent")
    org_code: ColumnElement[Any] = organization.c.code
    org_name: ColumnElement[Any] = organization.c.name
    if not filters.organizations:
        org_code = func.coalesce(parent.c.code, organization.c.code)
        org_name = func.coalesce(parent.c.name, organization.c.name)
    rank = case(*[(stage_on(day) == s, r) for s, r in STAGE_RANK.items()], else_=0)
    stmt = (select(org_code, org_name, marketplace.c.code, func.max(rank), func.count())
            .select_from(engagement)
            .join(organization, engagement.c.organization_id == organization.c.id)
            .outerjoin(parent, organization.c.parent_id == parent.c.id))
    stmt = (scoped_engagements(stmt, filters).where(engagement.c.discovery_on <= day)
            .group_by(org_code, org_name, marketplace.c.code))
    df = frame(engine, stmt, ["organization", "organization_name", "marketplace", "rank", "engagements"])
    names = {r: s for s, r in STAGE_RANK.items()}
    df["stage"] = df.pop("rank").map(names)
    return df.sort_values(["organization", "marketplace"], ignore_index=True)[STAGE_MATRIX_COLUMNS]


GO_LIVES_COLUMNS = ["month", "marketplace", "go_lives", "cumulative"]


def go_lives_by_month(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Engagements going operational per month and marketplace, with each marketplace's running total, up to
    the evaluation date. Columns: GO_LIVES_COLUMNS (month is the first of the month, datetime64)."""
    day = evaluation_date(filters.selected_fy, as_of)
    year = cast(extract("year", engagement.c.operational_on), Integer)
    month = cast(extract("month", engagement.c.operational_on), Integer)
    stmt = scoped_engagements(select(year, month, marketplace.c.code, func.count()).select_from(engagement), filters)
    stmt = (stmt.where(engagement.c.operational_on.is_not(None), engagement.c.operational_on <= day)
            .group_by(year, month, marketplace.c.code))
    df = frame(engine, stmt, ["year", "month_no", "marketplace", "go_lives"])
    df["month"] = pd.to_datetime(pd.DataFrame({"year": df["year"], "month": df["month_no"], "day": 1})) \
        if len(df) else pd.Series(dtype="datetime64[ns]")
    df = df.sort_values(["marketplace", "month"], ignore_index=True)
    df["go_lives"] = df["go_lives"].astype("int64")
    df["cumulative"] = df.groupby("marketplace")["go_lives"].cumsum().astype("int64")
    return df[GO_LIVES_COLUMNS]


CUSTOMERS_COLUMNS = ["marketplace", "provider_type", "customers"]


def customers_by_marketplace(engine: Engine, *, filters: Filters, as_of: date, on: date | None = None) -> pd.DataFrame:
    """Customer organizations per marketplace and provider type on the evaluation date (or on the day `on`, e.g. the
    date of GAO's count): distinct organizations with an operational engagement, counted the way GAO counts customer
    agencies (departments, components and independent agencies each count). Columns: CUSTOMERS_COLUMNS, sorted."""
    day = min(on, as_of) if on is not None else evaluation_date(filters.selected_fy, as_of)
    stmt = scoped_engagements(select(marketplace.c.code, provider.c.provider_type,
                                     func.count(distinct(engagement.c.organization_id))).select_from(engagement), filters)
    stmt = (stmt.where(engagement.c.operational_on.is_not(None), engagement.c.operational_on <= day)
            .group_by(marketplace.c.code, provider.c.provider_type).order_by(marketplace.c.code, provider.c.provider_type))
    return frame(engine, stmt, CUSTOMERS_COLUMNS)


CFO_ACT_COVERAGE_COLUMNS = ["marketplace", "departments_covered", "departments", "coverage"]


def cfo_act_coverage(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Per marketplace in scope: how many CFO Act departments (within the agency filter) have at least one
    operational engagement by the department itself or any of its components on the evaluation date.

    Columns: CFO_ACT_COVERAGE_COLUMNS (coverage is a share 0-1; NaN when no department is in scope).
    """
    day = evaluation_date(filters.selected_fy, as_of)
    parent = organization.alias("parent")
    department_id = func.coalesce(parent.c.id, organization.c.id)
    stmt = (select(marketplace.c.code, func.count(distinct(department_id)))
            .select_from(engagement)
            .join(organization, engagement.c.organization_id == organization.c.id)
            .outerjoin(parent, organization.c.parent_id == parent.c.id))
    stmt = scoped_engagements(stmt, filters).where(
        engagement.c.operational_on.is_not(None), engagement.c.operational_on <= day,
        func.coalesce(parent.c.kind, organization.c.kind) == "department").group_by(marketplace.c.code)
    covered = frame(engine, stmt, ["marketplace", "departments_covered"])
    dept_stmt = select(func.count()).select_from(organization).where(organization.c.kind == "department")
    if filters.organizations:
        top = organization.alias("top")
        dept_stmt = dept_stmt.where(organization.c.id.in_(
            select(func.coalesce(top.c.parent_id, top.c.id)).where(top.c.code.in_(filters.organizations))))
    with engine.connect() as conn:
        departments = int(conn.execute(dept_stmt).scalar_one())
        markets = list(conn.execute(select(marketplace.c.code).order_by(marketplace.c.designated_on)).scalars())
    if filters.marketplaces:
        markets = [mk for mk in markets if mk in filters.marketplaces]
    df = pd.DataFrame({"marketplace": markets}).merge(covered, on="marketplace", how="left")
    df["departments_covered"] = df["departments_covered"].fillna(0).astype(int)
    df["departments"] = departments
    df["coverage"] = df["departments_covered"] / departments if departments else float("nan")
    return df[CFO_ACT_COVERAGE_COLUMNS]


ENGAGEMENTS_IN_FLIGHT_COLUMNS = [
    "organization", "organization_name", "solution", "marketplace", "provider", "stage",
    "discovery_on", "agreement_on", "implementing_on", "planned_go_live", "forecast_go_live",
    "slip_months", "at_risk",
]


def engagements_in_flight(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Engagements in flight on the evaluation date (the Overview's definition), one row each, with planned vs
    forecast go-live and the slip in whole months (never negative); sorted by slip, largest first.
    Columns: ENGAGEMENTS_IN_FLIGHT_COLUMNS."""
    day = evaluation_date(filters.selected_fy, as_of)
    stage = stage_on(day)
    stmt = scoped_engagements(
        select(organization.c.code, organization.c.name, solution.c.name, marketplace.c.code, provider.c.name,
               stage, engagement.c.discovery_on, engagement.c.agreement_on, engagement.c.implementing_on,
               engagement.c.planned_go_live, engagement.c.forecast_go_live)
        .select_from(engagement).join(organization, engagement.c.organization_id == organization.c.id), filters)
    stmt = stmt.where(engagement.c.discovery_on <= day, stage.in_(IN_FLIGHT_STAGES))
    df = frame(engine, stmt, ENGAGEMENTS_IN_FLIGHT_COLUMNS[:-2])
    forecast = pd.to_datetime(df["forecast_go_live"].fillna(df["planned_go_live"]))
    planned = pd.to_datetime(df["planned_go_live"])
    df["slip_months"] = ((forecast - planned).dt.days / 30.4375).round().astype("Int64").clip(lower=0)
    df["at_risk"] = (df["stage"] == "at_risk").astype(bool)
    return df.sort_values(["slip_months", "organization"], ascending=[False, True],
                          ignore_index=True)[ENGAGEMENTS_IN_FLIGHT_COLUMNS]


def at_risk_engagements(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """The at-risk subset of `engagements_in_flight` (same columns and order)."""
    df = engagements_in_flight(engine, filters=filters, as_of=as_of)
    return df[df["at_risk"]].reset_index(drop=True)
