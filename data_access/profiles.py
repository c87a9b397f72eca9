"""Agency-profile queries: organization lookup, engagement timelines, CFO Act peer comparison."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Engine, case, distinct, func, select
from sqlalchemy.sql.elements import ColumnElement

from data_access.filters import Filters
from data_access.fiscal import evaluation_date
from data_access.sql import AnySelect, frame
from data_access.stages import stage_on
from data_access.tables import cost, engagement, marketplace, organization, provider, satisfaction, solution


@dataclass(frozen=True)
class OrganizationInfo:
    code: str
    name: str
    kind: str
    parent_code: str | None
    parent_name: str | None
    components: tuple[tuple[str, str], ...]  # (code, name) of its components, for departments

    @property
    def department_code(self) -> str:
        """The CFO Act department this organization belongs to (itself for departments/independents)."""
        return self.parent_code or self.code


def organization_info(engine: Engine, code: str) -> OrganizationInfo:
    """Name, kind, parent and components of one organization. Raises LookupError for an unknown code."""
    parent = organization.alias("parent")
    with engine.connect() as conn:
        row = conn.execute(select(organization.c.id, organization.c.code, organization.c.name, organization.c.kind,
                                  parent.c.code, parent.c.name)
                           .outerjoin(parent, organization.c.parent_id == parent.c.id)
                           .where(organization.c.code == code)).first()
        if row is None:
            raise LookupError(f"no organization with code {code!r}")
        children = conn.execute(select(organization.c.code, organization.c.name)
                                .where(organization.c.parent_id == row[0]).order_by(organization.c.name)).all()
    return OrganizationInfo(row[1], row[2], row[3], row[4], row[5], tuple((c, n) for c, n in children))


ENGAGEMENT_TIMELINE_COLUMNS = [
    "organization", "solution", "marketplace", "provider", "stage", "discovery_on", "agreement_on",
    "implementing_on", "operational_on", "at_risk_on", "cancelled_on", "planned_go_live", "forecast_go_live",
]


def engagement_timeline(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Every engagement in scope started by the evaluation date, with the date each stage was entered and
    its stage on that date; sorted by organization then discovery date."""
    day = evaluation_date(filters.selected_fy, as_of)
    stmt = (select(organization.c.code, solution.c.name, marketplace.c.code, provider.c.name, stage_on(day),
                   engagement.c.discovery_on, engagement.c.agreement_on, engagement.c.implementing_on,
                   engagement.c.operational_on, engagement.c.at_risk_on, engagement.c.cancelled_on,
                   engagement.c.planned_go_live, engagement.c.forecast_go_live)
            .select_from(engagement)
            .join(organization, engagement.c.organization_id == organization.c.id)
            .join(solution, engagement.c.solution_id == solution.c.id)
            .join(provider, solution.c.provider_id == provider.c.id)
            .join(marketplace, solution.c.marketplace_id == marketplace.c.id)
            .where(engagement.c.discovery_on <= day, *filters.clauses(engagement.c.organization_id))
            .order_by(organization.c.code, engagement.c.discovery_on, solution.c.name))
    df = frame(engine, stmt, ENGAGEMENT_TIMELINE_COLUMNS)
    # Dates after the evaluation day had not happened yet on that day.
    for col in ("agreement_on", "implementing_on", "operational_on", "at_risk_on", "cancelled_on"):
        df[col] = df[col].where(pd.to_datetime(df[col]) <= pd.Timestamp(day))
    return df


PEER_COLUMNS = ["department", "department_name", "breadth", "savings_share", "customer_satisfaction",
                "breadth_rank", "savings_rank", "satisfaction_rank"]


def cfo_act_peers(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """The 24 CFO Act departments (components rolled up) compared within the marketplace, provider and
    FY filters (the agency filter is ignored: these are the peers).

    breadth: distinct solutions operational on the evaluation date; savings_share: net savings over the FY
    range / baseline over the range; customer_satisfaction: response-weighted mean in the selected FY.
    Ranks are 1 = best (ties share a rank).
    """
    peers = dataclasses.replace(filters, organizations=(), solutions=())
    day = evaluation_date(filters.selected_fy, as_of)
    parent = organization.alias("parent")
    dept_code = func.coalesce(parent.c.code, organization.c.code)
    dept_name = func.coalesce(parent.c.name, organization.c.name)
    is_dept = func.coalesce(parent.c.kind, organization.c.kind) == "department"

    def scoped(stmt: AnySelect, org_col: ColumnElement[Any]) -> AnySelect:
        return (stmt.join(organization, org_col == organization.c.id)
                .outerjoin(parent, organization.c.parent_id == parent.c.id)
                .join(provider, solution.c.provider_id == provider.c.id)
                .where(is_dept, *peers.clauses(org_col)).group_by(dept_code, dept_name))

    live = case((engagement.c.operational_on <= day, engagement.c.solution_id))
    breadth = frame(engine, scoped(select(dept_code, dept_name, func.count(distinct(live))).select_from(engagement)
                                   .join(solution, engagement.c.solution_id == solution.c.id), engagement.c.organization_id),
                    ["department", "department_name", "breadth"])
    money = frame(engine, scoped(select(dept_code, func.sum(cost.c.baseline_cost - cost.c.run_cost - cost.c.migration_cost),
                                        func.sum(cost.c.baseline_cost)).select_from(cost)
                                 .join(engagement, cost.c.engagement_id == engagement.c.id)
                                 .join(solution, engagement.c.solution_id == solution.c.id)
                                 .where(cost.c.fiscal_year.between(filters.fy_from, filters.fy_to)),
                                 engagement.c.organization_id),
                  ["department", "net", "baseline"])
    sat = frame(engine, scoped(select(dept_code, func.sum(satisfaction.c.score * satisfaction.c.responses)
                                      / func.sum(satisfaction.c.responses)).select_from(satisfaction)
                               .join(solution, satisfaction.c.solution_id == solution.c.id)
                               .where(satisfaction.c.fiscal_year == filters.selected_fy), satisfaction.c.organization_id),
                ["department", "customer_satisfaction"])
    with engine.connect() as conn:
        depts = conn.execute(select(organization.c.code, organization.c.name).where(organization.c.kind == "department")
                             .order_by(organization.c.code)).all()
    df = pd.DataFrame(depts, columns=["department", "department_name"])
    df = df.merge(breadth[["department", "breadth"]], on="department", how="left")
    df = df.merge(money, on="department", how="left").merge(sat, on="department", how="left")
    df["breadth"] = df["breadth"].fillna(0).astype(int)
    df["savings_share"] = (df["net"] / df["baseline"]).where(df["baseline"] > 0)
    df["customer_satisfaction"] = df["customer_satisfaction"].astype(float)
    for col, rank in (("breadth", "breadth_rank"), ("savings_share", "savings_rank"),
                      ("customer_satisfaction", "satisfaction_rank")):
        df[rank] = df[col].rank(method="min", ascending=False).astype("Int64")
    return df[PEER_COLUMNS]
