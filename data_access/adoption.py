"""Adoption queries: pipeline by stage, organization x marketplace matrix, go-lives, coverage, work in flight."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine, Integer, case, cast, distinct, extract, func, select
from sqlalchemy.orm import aliased

from data_access.catalog import provenance
from data_access.filters import Filters
from data_access.models import (
    IN_FLIGHT_STAGES,
    STAGES,
    Engagement,
    Marketplace,
    Organization,
    Provider,
    Solution,
)
from data_access.sql import evaluation_date, frame
from data_access.stages import stage_on

ADOPTION_BY_STAGE_COLUMNS = ["marketplace", "stage", "engagements"]
# Furthest stage reached: higher rank is further along.
STAGE_RANK = {"cancelled": 0, "discovery": 1, "agreement": 2, "at_risk": 3, "implementing": 4, "operational": 5}


def _scoped(stmt, f: Filters):
    return (stmt.join(Solution, Engagement.solution_id == Solution.id)
            .join(Provider, Solution.provider_id == Provider.id)
            .join(Marketplace, Solution.marketplace_id == Marketplace.id)
            .where(*f.clauses(Engagement.organization_id)))


def evaluation_day(engine: Engine, f: Filters) -> date:
    """The day the selected FY is judged at (its end, or the data-as-of date while it is open)."""
    return evaluation_date(f.selected_fy, provenance(engine).as_of)


def adoption_by_stage(engine: Engine, f: Filters) -> pd.DataFrame:
    """Engagements per marketplace and stage on the selected FY's evaluation date.

    Columns: marketplace (code), stage (models.STAGES value), engagements. Zero rows are absent.
    """
    day = evaluation_day(engine, f)
    stage = stage_on(day).label("stage")
    stmt = _scoped(select(Marketplace.code, stage, func.count()).select_from(Engagement), f)
    stmt = stmt.where(Engagement.discovery_on <= day).group_by(Marketplace.code, stage)
    df = frame(engine, stmt, ADOPTION_BY_STAGE_COLUMNS)
    order = {s: i for i, s in enumerate(STAGES)}
    return df.sort_values(["marketplace", "stage"], key=lambda s: s.map(order) if s.name == "stage" else s,
                          ignore_index=True)


def organization_stage_matrix(engine: Engine, f: Filters) -> pd.DataFrame:
    """Each organization's furthest stage per marketplace on the evaluation date.

    Without an agency filter, components roll up to their department (one row per department or
    independent agency); with one, each chosen organization and component is its own row.
    Columns: organization (code), organization_name, marketplace (code), stage, engagements.
    """
    day = evaluation_day(engine, f)
    parent = aliased(Organization)
    if f.organizations:
        org_code, org_name = Organization.code, Organization.name
    else:
        org_code = func.coalesce(parent.code, Organization.code)
        org_name = func.coalesce(parent.name, Organization.name)
    rank = case(*[(stage_on(day) == s, r) for s, r in STAGE_RANK.items()], else_=0)
    stmt = (select(org_code.label("org"), org_name.label("org_name"), Marketplace.code,
                   func.max(rank), func.count())
            .select_from(Engagement)
            .join(Organization, Engagement.organization_id == Organization.id)
            .outerjoin(parent, Organization.parent_id == parent.id))
    stmt = _scoped(stmt, f).where(Engagement.discovery_on <= day).group_by(org_code, org_name, Marketplace.code)
    df = frame(engine, stmt, ["organization", "organization_name", "marketplace", "rank", "engagements"])
    names = {r: s for s, r in STAGE_RANK.items()}
    df["stage"] = df.pop("rank").map(names)
    return df.sort_values(["organization", "marketplace"], ignore_index=True)[
        ["organization", "organization_name", "marketplace", "stage", "engagements"]]


def go_lives_by_month(engine: Engine, f: Filters) -> pd.DataFrame:
    """Engagements going operational per month and marketplace, with the running total, up to the
    evaluation date. Columns: month (date, first of month), marketplace, go_lives, cumulative."""
    day = evaluation_day(engine, f)
    year = cast(extract("year", Engagement.operational_on), Integer)
    month = cast(extract("month", Engagement.operational_on), Integer)
    stmt = _scoped(select(year, month, Marketplace.code, func.count()).select_from(Engagement), f)
    stmt = (stmt.where(Engagement.operational_on.is_not(None), Engagement.operational_on <= day)
            .group_by(year, month, Marketplace.code))
    df = frame(engine, stmt, ["year", "month_no", "marketplace", "go_lives"])
    df["month"] = (pd.to_datetime(dict(year=df["year"], month=df["month_no"], day=1)) if len(df)
                   else pd.Series(dtype="datetime64[ns]"))
    df = df.sort_values(["marketplace", "month"], ignore_index=True)
    df["cumulative"] = df.groupby("marketplace")["go_lives"].cumsum()
    return df[["month", "marketplace", "go_lives", "cumulative"]]


def customers_by_marketplace(engine: Engine, f: Filters) -> pd.DataFrame:
    """Customer agencies per marketplace and provider type on the evaluation date (the Overview's
    "Customer agencies" definition, split). Columns: marketplace, provider_type, customers."""
    day = evaluation_day(engine, f)
    stmt = _scoped(select(Marketplace.code, Provider.provider_type,
                          func.count(distinct(Engagement.organization_id))).select_from(Engagement), f)
    stmt = (stmt.where(Engagement.operational_on.is_not(None), Engagement.operational_on <= day)
            .group_by(Marketplace.code, Provider.provider_type).order_by(Marketplace.code, Provider.provider_type))
    return frame(engine, stmt, ["marketplace", "provider_type", "customers"])


def cfo_act_coverage(engine: Engine, f: Filters) -> pd.DataFrame:
    """Per marketplace: how many CFO Act departments (within the filters) have at least one
    operational engagement by the department itself or any of its components.

    Columns: marketplace, departments_covered, departments, coverage (share 0-1).
    """
    day = evaluation_day(engine, f)
    parent = aliased(Organization)
    department_id = func.coalesce(parent.id, Organization.id)
    stmt = (select(Marketplace.code, func.count(distinct(department_id)))
            .select_from(Engagement)
            .join(Organization, Engagement.organization_id == Organization.id)
            .outerjoin(parent, Organization.parent_id == parent.id))
    stmt = _scoped(stmt, f).where(
        Engagement.operational_on.is_not(None), Engagement.operational_on <= day,
        func.coalesce(parent.kind, Organization.kind) == "department").group_by(Marketplace.code)
    covered = frame(engine, stmt, ["marketplace", "departments_covered"])
    dept_stmt = select(func.count()).select_from(Organization).where(Organization.kind == "department")
    if f.organizations:
        top = aliased(Organization)
        dept_stmt = dept_stmt.where(Organization.id.in_(
            select(func.coalesce(top.parent_id, top.id)).where(top.code.in_(f.organizations))))
    with engine.connect() as conn:
        departments = conn.execute(dept_stmt).scalar_one()
        markets = conn.execute(select(Marketplace.code).order_by(Marketplace.designated_on)).scalars().all()
    if f.marketplaces:
        markets = [mk for mk in markets if mk in f.marketplaces]
    df = pd.DataFrame({"marketplace": markets}).merge(covered, on="marketplace", how="left")
    df["departments_covered"] = df["departments_covered"].fillna(0).astype(int)
    df["departments"] = departments
    df["coverage"] = df["departments_covered"] / departments if departments else float("nan")
    return df


ENGAGEMENTS_IN_FLIGHT_COLUMNS = [
    "organization", "organization_name", "solution", "marketplace", "provider", "stage",
    "discovery_on", "agreement_on", "implementing_on", "planned_go_live", "forecast_go_live",
    "slip_months", "at_risk",
]


def engagements_in_flight(engine: Engine, f: Filters) -> pd.DataFrame:
    """Engagements in flight on the evaluation date (the Overview's definition), one row each, with
    planned vs forecast go-live and the slip in whole months; sorted by slip, largest first."""
    day = evaluation_day(engine, f)
    stage = stage_on(day)
    stmt = _scoped(select(Organization.code, Organization.name, Solution.name, Marketplace.code, Provider.name,
                          stage, Engagement.discovery_on, Engagement.agreement_on, Engagement.implementing_on,
                          Engagement.planned_go_live, Engagement.forecast_go_live)
                   .select_from(Engagement).join(Organization, Engagement.organization_id == Organization.id), f)
    stmt = stmt.where(Engagement.discovery_on <= day, stage.in_(IN_FLIGHT_STAGES))
    df = frame(engine, stmt, ENGAGEMENTS_IN_FLIGHT_COLUMNS[:-2])
    forecast = pd.to_datetime(df["forecast_go_live"].fillna(df["planned_go_live"]))
    planned = pd.to_datetime(df["planned_go_live"])
    df["slip_months"] = ((forecast - planned).dt.days / 30.4375).round().astype("Int64").clip(lower=0)
    df["at_risk"] = df["stage"] == "at_risk"
    return df.sort_values(["slip_months", "organization"], ascending=[False, True], ignore_index=True)


def at_risk_engagements(engine: Engine, f: Filters) -> pd.DataFrame:
    """The at-risk subset of `engagements_in_flight` (same columns)."""
    df = engagements_in_flight(engine, f)
    return df[df["at_risk"]].reset_index(drop=True)


def stage_counts(df: pd.DataFrame) -> dict[str, int]:
    """Total engagements per stage from an `adoption_by_stage` frame."""
    totals = df.groupby("stage")["engagements"].sum()
    return {s: int(totals.get(s, 0)) for s in STAGES}


