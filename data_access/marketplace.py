"""Marketplace-catalog queries: marketplace summaries, spend through each marketplace, solution details."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Engine, distinct, func, select

from data_access.filters import Filters
from data_access.fiscal import evaluation_date, is_projected
from data_access.models import Cost, Engagement, Marketplace, Organization, Provider, Solution
from data_access.sql import frame
from data_access.stages import stage_on

MARKETPLACE_SUMMARY_COLUMNS = ["marketplace", "name", "lead_agency", "designated_on", "offerings", "providers",
                               "customers"]


def marketplace_summary(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Per marketplace in scope: lead agency, designation date, offerings and providers listed (within the
    provider-type filter), and customer agencies on the evaluation date (within all filters)."""
    day = evaluation_date(filters.selected_fy, as_of)
    listing = (select(Marketplace.code, Marketplace.name, Marketplace.lead_agency, Marketplace.designated_on,
                      func.count(distinct(Solution.id)), func.count(distinct(Solution.provider_id)))
               .select_from(Marketplace)
               .join(Solution, Solution.marketplace_id == Marketplace.id)
               .join(Provider, Solution.provider_id == Provider.id)
               .where(*filters.solution_clauses())
               .group_by(Marketplace.code, Marketplace.name, Marketplace.lead_agency, Marketplace.designated_on)
               .order_by(Marketplace.designated_on, Marketplace.code))
    df = frame(engine, listing, [c for c in MARKETPLACE_SUMMARY_COLUMNS if c != "customers"])
    customers = frame(engine, select(Marketplace.code, func.count(distinct(Engagement.organization_id)))
                      .select_from(Engagement)
                      .join(Solution, Engagement.solution_id == Solution.id)
                      .join(Provider, Solution.provider_id == Provider.id)
                      .join(Marketplace, Solution.marketplace_id == Marketplace.id)
                      .where(Engagement.operational_on <= day, *filters.clauses(Engagement.organization_id))
                      .group_by(Marketplace.code), ["marketplace", "customers"])
    df = df.merge(customers, on="marketplace", how="left")
    df["customers"] = df["customers"].fillna(0).astype(int)
    return df[MARKETPLACE_SUMMARY_COLUMNS]


MARKETPLACE_SPEND_COLUMNS = ["marketplace", "fiscal_year", "projected", "spend"]


def marketplace_spend_by_fy(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Spend through each marketplace per FY: run plus migration cost of engagements ordered through it
    (the FM Marketplace anchor's definition). Columns: marketplace, fiscal_year, projected, spend."""
    stmt = (select(Marketplace.code, Cost.fiscal_year, func.sum(Cost.run_cost + Cost.migration_cost))
            .select_from(Cost)
            .join(Engagement, Cost.engagement_id == Engagement.id)
            .join(Solution, Engagement.solution_id == Solution.id)
            .join(Provider, Solution.provider_id == Provider.id)
            .join(Marketplace, Solution.marketplace_id == Marketplace.id)
            .where(Engagement.via_marketplace.is_(True), Cost.fiscal_year.between(filters.fy_from, filters.fy_to),
                   *filters.clauses(Engagement.organization_id))
            .group_by(Marketplace.code, Cost.fiscal_year).order_by(Marketplace.code, Cost.fiscal_year))
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
        row = conn.execute(select(Solution.code, Solution.name, Solution.description, Marketplace.code,
                                  Provider.name, Provider.provider_type, Solution.service_area,
                                  Solution.pricing_unit, Solution.unit_price)
                           .join(Marketplace, Solution.marketplace_id == Marketplace.id)
                           .join(Provider, Solution.provider_id == Provider.id)
                           .where(Solution.code == code)).first()
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
    stmt = (select(Organization.code, Organization.name, stage, Engagement.discovery_on, Engagement.operational_on,
                   Engagement.planned_go_live)
            .select_from(Engagement)
            .join(Organization, Engagement.organization_id == Organization.id)
            .join(Solution, Engagement.solution_id == Solution.id)
            .join(Provider, Solution.provider_id == Provider.id)
            .where(Engagement.discovery_on <= day, *filters.clauses(Engagement.organization_id))
            .order_by((stage != "operational"), Organization.name))
    df = frame(engine, stmt, SOLUTION_CUSTOMERS_COLUMNS)
    df["operational_on"] = df["operational_on"].where(pd.to_datetime(df["operational_on"]) <= pd.Timestamp(day))
    return df[SOLUTION_CUSTOMERS_COLUMNS]
