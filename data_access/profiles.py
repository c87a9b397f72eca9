"""Agency-profile queries: organization lookup, engagement timelines, CFO Act peer comparison."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Engine, case, distinct, func, select
from sqlalchemy.orm import aliased

from data_access.filters import Filters
from data_access.fiscal import evaluation_date
from data_access.models import (
    Cost,
    Engagement,
    Marketplace,
    Organization,
    Provider,
    Satisfaction,
    Solution,
)
from data_access.sql import frame
from data_access.stages import stage_on


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
    parent = aliased(Organization)
    with engine.connect() as conn:
        row = conn.execute(select(Organization.id, Organization.code, Organization.name, Organization.kind,
                                  parent.code, parent.name)
                           .outerjoin(parent, Organization.parent_id == parent.id)
                           .where(Organization.code == code)).first()
        if row is None:
            raise LookupError(f"no organization with code {code!r}")
        children = conn.execute(select(Organization.code, Organization.name)
                                .where(Organization.parent_id == row[0]).order_by(Organization.name)).all()
    return OrganizationInfo(row[1], row[2], row[3], row[4], row[5], tuple((c, n) for c, n in children))


ENGAGEMENT_TIMELINE_COLUMNS = [
    "organization", "solution", "marketplace", "provider", "stage", "discovery_on", "agreement_on",
    "implementing_on", "operational_on", "at_risk_on", "cancelled_on", "planned_go_live", "forecast_go_live",
]


def engagement_timeline(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Every engagement in scope started by the evaluation date, with the date each stage was entered and
    its stage on that date; sorted by organization then discovery date."""
    day = evaluation_date(filters.selected_fy, as_of)
    stmt = (select(Organization.code, Solution.name, Marketplace.code, Provider.name, stage_on(day),
                   Engagement.discovery_on, Engagement.agreement_on, Engagement.implementing_on,
                   Engagement.operational_on, Engagement.at_risk_on, Engagement.cancelled_on,
                   Engagement.planned_go_live, Engagement.forecast_go_live)
            .select_from(Engagement)
            .join(Organization, Engagement.organization_id == Organization.id)
            .join(Solution, Engagement.solution_id == Solution.id)
            .join(Provider, Solution.provider_id == Provider.id)
            .join(Marketplace, Solution.marketplace_id == Marketplace.id)
            .where(Engagement.discovery_on <= day, *filters.clauses(Engagement.organization_id))
            .order_by(Organization.code, Engagement.discovery_on, Solution.name))
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
    parent = aliased(Organization)
    dept_code = func.coalesce(parent.code, Organization.code)
    dept_name = func.coalesce(parent.name, Organization.name)
    is_dept = func.coalesce(parent.kind, Organization.kind) == "department"

    def scoped(stmt, org_col):
        return (stmt.join(Organization, org_col == Organization.id)
                .outerjoin(parent, Organization.parent_id == parent.id)
                .join(Provider, Solution.provider_id == Provider.id)
                .where(is_dept, *peers.clauses(org_col)).group_by(dept_code, dept_name))

    live = case((Engagement.operational_on <= day, Engagement.solution_id))
    breadth = frame(engine, scoped(select(dept_code, dept_name, func.count(distinct(live))).select_from(Engagement)
                                   .join(Solution, Engagement.solution_id == Solution.id), Engagement.organization_id),
                    ["department", "department_name", "breadth"])
    money = frame(engine, scoped(select(dept_code, func.sum(Cost.baseline_cost - Cost.run_cost - Cost.migration_cost),
                                        func.sum(Cost.baseline_cost)).select_from(Cost)
                                 .join(Engagement, Cost.engagement_id == Engagement.id)
                                 .join(Solution, Engagement.solution_id == Solution.id)
                                 .where(Cost.fiscal_year.between(filters.fy_from, filters.fy_to)), Engagement.organization_id),
                  ["department", "net", "baseline"])
    sat = frame(engine, scoped(select(dept_code, func.sum(Satisfaction.score * Satisfaction.responses)
                                      / func.sum(Satisfaction.responses)).select_from(Satisfaction)
                               .join(Solution, Satisfaction.solution_id == Solution.id)
                               .where(Satisfaction.fiscal_year == filters.selected_fy), Satisfaction.organization_id),
                ["department", "customer_satisfaction"])
    with engine.connect() as conn:
        depts = conn.execute(select(Organization.code, Organization.name).where(Organization.kind == "department")
                             .order_by(Organization.code)).all()
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
