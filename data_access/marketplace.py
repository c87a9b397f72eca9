"""Marketplace-catalog queries: marketplace summaries, spend through each marketplace, solution details."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Engine, distinct, func, select

from data_access.filters import Filters
from data_access.fiscal import evaluation_date, is_projected
from data_access.sql import frame
from data_access.stages import stage_on
from data_access.tables import cost, engagement, marketplace, organization, provider, solution

MARKETPLACE_SUMMARY_COLUMNS = ["marketplace", "name", "lead_agency", "designated_on", "offerings", "providers",
                               "customers"]


def marketplace_summary(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Per marketplace in scope: lead agency, designation date, offerings and providers listed (within the
    provider-type filter), and customer agencies on the evaluation date (within all filters)."""
    day = evaluation_date(filters.selected_fy, as_of)
    listing = (select(marketplace.c.code, marketplace.c.name, marketplace.c.lead_agency, marketplace.c.designated_on,
                      func.count(distinct(solution.c.id)), func.count(distinct(solution.c.provider_id)))
               .select_from(marketplace)
               .join(solution, solution.c.marketplace_id == marketplace.c.id)
               .join(provider, solution.c.provider_id == provider.c.id)
               .where(*filters.solution_clauses())
               .group_by(marketplace.c.code, marketplace.c.name, marketplace.c.lead_agency, marketplace.c.designated_on)
               .order_by(marketplace.c.designated_on, marketplace.c.code))
    df = frame(engine, listing, [c for c in MARKETPLACE_SUMMARY_COLUMNS if c != "customers"])
    customers = frame(engine, select(marketplace.c.code, func.count(distinct(engagement.c.organization_id)))
                      .select_from(engagement)
                      .join(solution, engagement.c.solution_id == solution.c.id)
                      .join(provider, solution.c.provider_id == provider.c.id)
                      .join(marketplace, solution.c.marketplace_id == marketplace.c.id)
                      .where(engagement.c.operational_on <= day, *filters.clauses(engagement.c.organization_id))
                      .group_by(marketplace.c.code), ["marketplace", "customers"])
    df = df.merge(customers, on="marketplace", how="left")
    df["customers"] = df["customers"].fillna(0).astype(int)
    return df[MARKETPLACE_SUMMARY_COLUMNS]


MARKETPLACE_SPEND_COLUMNS = ["marketplace", "fiscal_year", "projected", "spend"]


def marketplace_spend_by_fy(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Spend through each marketplace per FY: run plus migration cost of engagements ordered through it
    (the FM marketplace anchor's definition). Columns: marketplace, fiscal_year, projected, spend."""
    stmt = (select(marketplace.c.code, cost.c.fiscal_year, func.sum(cost.c.run_cost + cost.c.migration_cost))
            .select_from(cost)
            .join(engagement, cost.c.engagement_id == engagement.c.id)
            .join(solution, engagement.c.solution_id == solution.c.id)
            .join(provider, solution.c.provider_id == provider.c.id)
            .join(marketplace, solution.c.marketplace_id == marketplace.c.id)
            .where(engagement.c.via_marketplace.is_(True), cost.c.fiscal_year.between(filters.fy_from, filters.fy_to),
                   *filters.clauses(engagement.c.organization_id))
            .group_by(marketplace.c.code, cost.c.fiscal_year).order_by(marketplace.c.code, cost.c.fiscal_year))
    df = frame(engine, stmt, ["marketplace", "fiscal_year", "spend"])
    df.insert(2, "projected", [is_projected(int(fy), as_of) for fy in df["fiscal_year"]])
    df["projected"] = df["projected"].astype(bool)
    return df[MARKETPLACE_SPEND_COLUMNS]


@dataclass(frozen=True)
class SolutionInfo:
    code: str
    name: str
    description: str
    marketplace: str
    provider: str
    provider_type: str
    service_area: str
    pricing_unit: str
    unit_price: float


def solution_info(engine: Engine, code: str) -> SolutionInfo:
    """One solution's catalog entry. Raises LookupError for an unknown code."""
    with engine.connect() as conn:
        row = conn.execute(select(solution.c.code, solution.c.name, solution.c.description, marketplace.c.code,
                                  provider.c.name, provider.c.provider_type, solution.c.service_area,
                                  solution.c.pricing_unit, solution.c.unit_price)
                           .join(marketplace, solution.c.marketplace_id == marketplace.c.id)
                           .join(provider, solution.c.provider_id == provider.c.id)
                           .where(solution.c.code == code)).first()
    if row is None:
        raise LookupError(f"no solution with code {code!r}")
    return SolutionInfo(*row)


SOLUTION_CUSTOMERS_COLUMNS = ["organization", "organization_name", "stage", "discovery_on", "operational_on",
                              "planned_go_live"]


def solution_customers(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Organizations engaged with the solutions in `filters.solutions` (within the other filters), with their
    stage on the evaluation date; operational first, then by name."""
    day = evaluation_date(filters.selected_fy, as_of)
    stage = stage_on(day)
    stmt = (select(organization.c.code, organization.c.name, stage, engagement.c.discovery_on, engagement.c.operational_on,
                   engagement.c.planned_go_live)
            .select_from(engagement)
            .join(organization, engagement.c.organization_id == organization.c.id)
            .join(solution, engagement.c.solution_id == solution.c.id)
            .join(provider, solution.c.provider_id == provider.c.id)
            .where(engagement.c.discovery_on <= day, *filters.clauses(engagement.c.organization_id))
            .order_by((stage != "operational"), organization.c.name))
    df = frame(engine, stmt, SOLUTION_CUSTOMERS_COLUMNS)
    df["operational_on"] = df["operational_on"].where(pd.to_datetime(df["operational_on"]) <= pd.Timestamp(day))
    return df[SOLUTION_CUSTOMERS_COLUMNS]
