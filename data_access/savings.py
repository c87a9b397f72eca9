"""Savings queries: baseline vs cost by FY, cohorts and break-even, savings by marketplace and organization."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Engine, case, func, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Select

from data_access.filters import Filters
from data_access.fiscal import fiscal_year_expr
from data_access.headlines import Headline, Tile
from data_access.models import Cost, Engagement, Marketplace, Organization, Provider, Solution
from data_access.sql import frame

NET = Cost.baseline_cost - Cost.run_cost - Cost.migration_cost
# Portable 'any row projected' (PostgreSQL has no max(boolean)).
ANY_PROJECTED = func.max(case((Cost.is_projected.is_(True), 1), else_=0))


def _costs(columns: list[Any], f: Filters) -> Select[Any]:
    """Cost rows in the filters' scope and fiscal-year range, joined to engagement, solution, provider, marketplace."""
    return (select(*columns).select_from(Cost)
            .join(Engagement, Cost.engagement_id == Engagement.id)
            .join(Solution, Engagement.solution_id == Solution.id)
            .join(Provider, Solution.provider_id == Provider.id)
            .join(Marketplace, Solution.marketplace_id == Marketplace.id)
            .where(Cost.fiscal_year.between(f.fy_from, f.fy_to), *f.clauses(Engagement.organization_id)))


COST_BY_FY_COLUMNS = ["fiscal_year", "projected", "baseline_cost", "run_cost", "migration_cost", "net_savings"]


def cost_by_fy(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Baseline, run and migration cost and net savings per FY in the range, dollars.

    `projected` is True for FYs after the data-as-of year. One row per FY with data, sorted.
    """
    stmt = _costs([Cost.fiscal_year, ANY_PROJECTED, func.sum(Cost.baseline_cost),
                   func.sum(Cost.run_cost), func.sum(Cost.migration_cost), func.sum(NET)], filters)
    df = frame(engine, stmt.group_by(Cost.fiscal_year).order_by(Cost.fiscal_year), COST_BY_FY_COLUMNS)
    return df.astype({"projected": bool})


NET_SAVINGS_BY_FY_MARKETPLACE_COLUMNS = ["fiscal_year", "marketplace", "projected", "net_savings"]


def net_savings_by_fy_marketplace(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Net savings per FY and marketplace. Columns: fiscal_year, marketplace, projected, net_savings."""
    stmt = _costs([Cost.fiscal_year, Marketplace.code, ANY_PROJECTED, func.sum(NET)], filters)
    stmt = stmt.group_by(Cost.fiscal_year, Marketplace.code).order_by(Cost.fiscal_year, Marketplace.code)
    return frame(engine, stmt, NET_SAVINGS_BY_FY_MARKETPLACE_COLUMNS).astype({"projected": bool})


SAVINGS_BY_MARKETPLACE_COLUMNS = ["marketplace", "savings_type", "net_savings"]


def savings_by_marketplace(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Net savings over the FY range per marketplace and savings type (hard / avoidance).

    Columns: marketplace, savings_type, net_savings; sorted by marketplace then type.
    """
    stmt = _costs([Marketplace.code, Cost.savings_type, func.sum(NET)], filters)
    stmt = stmt.group_by(Marketplace.code, Cost.savings_type).order_by(Marketplace.code, Cost.savings_type)
    return frame(engine, stmt, SAVINGS_BY_MARKETPLACE_COLUMNS)


SAVINGS_BY_ORGANIZATION_COLUMNS = ["organization", "organization_name", "savings_type", "net_savings",
                                   "total_net_savings", "rank"]


def savings_by_organization(engine: Engine, *, filters: Filters, as_of: date,
                            roll_up: bool = True) -> pd.DataFrame:
    """Net savings over the FY range per organization and savings type, ranked by total net savings.

    With `roll_up`, components count towards their department. Columns: organization,
    organization_name, savings_type, net_savings, total_net_savings, rank (1 = largest saver).
    """
    parent = aliased(Organization)
    code = func.coalesce(parent.code, Organization.code) if roll_up else Organization.code
    name = func.coalesce(parent.name, Organization.name) if roll_up else Organization.name
    stmt = (_costs([code, name, Cost.savings_type, func.sum(NET)], filters)
            .join(Organization, Engagement.organization_id == Organization.id)
            .outerjoin(parent, Organization.parent_id == parent.id)
            .group_by(code, name, Cost.savings_type))
    df = frame(engine, stmt, ["organization", "organization_name", "savings_type", "net_savings"])
    df["total_net_savings"] = df.groupby("organization")["net_savings"].transform("sum")
    df["rank"] = df["total_net_savings"].rank(method="dense", ascending=False).astype("Int64")
    return df.sort_values(["rank", "savings_type"], ignore_index=True)[SAVINGS_BY_ORGANIZATION_COLUMNS]


COHORT_COLUMNS = ["cohort", "fiscal_year", "net_savings", "cumulative", "break_even_fy"]


def cohort_cumulative_savings(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Cumulative net savings per go-live cohort (FY the engagement went, or is forecast to go, live).

    Columns: cohort (FY), fiscal_year, net_savings, cumulative, break_even_fy (first FY the cohort's
    cumulative net savings is >= 0 after migration spend; <NA> if not within the range).
    """
    go_live = func.coalesce(Engagement.operational_on, Engagement.forecast_go_live, Engagement.planned_go_live)
    cohort = fiscal_year_expr(go_live)
    stmt = _costs([cohort, Cost.fiscal_year, func.sum(NET)], filters).where(Engagement.cancelled_on.is_(None))
    stmt = stmt.group_by(cohort, Cost.fiscal_year).order_by(cohort, Cost.fiscal_year)
    df = frame(engine, stmt, ["cohort", "fiscal_year", "net_savings"]).astype({"net_savings": float})
    df["cumulative"] = df.groupby("cohort")["net_savings"].cumsum()
    positive = df[df["cumulative"] >= 0].groupby("cohort")["fiscal_year"].min()
    df["break_even_fy"] = df["cohort"].map(positive).astype("Int64")
    return df[COHORT_COLUMNS]


PAYROLL_PRICES_COLUMNS = ["solution", "provider", "provider_type", "unit_price"]


def payroll_unit_prices(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Per-employee prices of payroll solutions in scope. Columns: solution, provider, provider_type, unit_price."""
    stmt = (select(Solution.name, Provider.name, Provider.provider_type, Solution.unit_price)
            .join(Provider, Solution.provider_id == Provider.id)
            .where(Solution.service_area == "Payroll", Solution.pricing_unit == "per employee per year",
                   *filters.solution_clauses())
            .order_by(Solution.unit_price))
    return frame(engine, stmt, PAYROLL_PRICES_COLUMNS)


RUN_COST_BELOW_BASELINE = Headline(
    "run_cost_below_baseline", "Run cost below baseline", "percent",
    "1 − run cost ÷ baseline cost in the selected fiscal year, before one-time migration costs: how much cheaper "
    "running the function is than the legacy arrangement. OMB estimates 5–30 %.",
    "1 - SUM(run_cost) / SUM(baseline_cost) for the fiscal year")


def run_cost_below_baseline(costs: pd.DataFrame, fiscal_year: int) -> Tile:
    """RUN_COST_BELOW_BASELINE for `fiscal_year` from a `cost_by_fy` frame, with the change against the prior year
    and the trend over the frame's years (pure)."""
    by_year = costs.set_index("fiscal_year")
    shares = (1 - by_year["run_cost"] / by_year["baseline_cost"]).where(by_year["baseline_cost"] > 0)

    def share(fy: int) -> float | None:
        value = shares.get(fy)
        return None if value is None or pd.isna(value) else float(value)

    value, prior = share(fiscal_year), share(fiscal_year - 1)
    delta = value - prior if value is not None and prior is not None else None
    trend = [float(v) for v in shares.loc[:fiscal_year].dropna().tolist()]
    return Tile(RUN_COST_BELOW_BASELINE, value, delta, trend)
