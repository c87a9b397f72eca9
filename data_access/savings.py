"""Savings queries: baseline vs cost by FY, cohorts and break-even, savings by marketplace and organization."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Engine, case, func, select

from data_access.filters import Filters
from data_access.fiscal import fiscal_year_expr
from data_access.headlines import Headline, Tile
from data_access.sql import AnySelect, frame
from data_access.tables import cost, engagement, marketplace, organization, provider, solution

NET = cost.c.baseline_cost - cost.c.run_cost - cost.c.migration_cost
# Portable 'any row projected' (PostgreSQL has no max(boolean)).
ANY_PROJECTED = func.max(case((cost.c.is_projected.is_(True), 1), else_=0))


def _costs(columns: list[Any], f: Filters) -> AnySelect:
    """Cost rows in the filters' scope and fiscal-year range, joined to engagement, solution, provider, marketplace."""
    return (select(*columns).select_from(cost)
            .join(engagement, cost.c.engagement_id == engagement.c.id)
            .join(solution, engagement.c.solution_id == solution.c.id)
            .join(provider, solution.c.provider_id == provider.c.id)
            .join(marketplace, solution.c.marketplace_id == marketplace.c.id)
            .where(cost.c.fiscal_year.between(f.fy_from, f.fy_to), *f.clauses(engagement.c.organization_id)))


COST_BY_FY_COLUMNS = ["fiscal_year", "projected", "baseline_cost", "run_cost", "migration_cost", "net_savings"]


def cost_by_fy(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Baseline, run and migration cost and net savings per FY in the range, dollars.

    `projected` is True for FYs after the data-as-of year. One row per FY with data, sorted.
    """
    stmt = _costs([cost.c.fiscal_year, ANY_PROJECTED, func.sum(cost.c.baseline_cost),
                   func.sum(cost.c.run_cost), func.sum(cost.c.migration_cost), func.sum(NET)], filters)
    df = frame(engine, stmt.group_by(cost.c.fiscal_year).order_by(cost.c.fiscal_year), COST_BY_FY_COLUMNS)
    return df.astype({"projected": bool})


NET_SAVINGS_BY_FY_MARKETPLACE_COLUMNS = ["fiscal_year", "marketplace", "projected", "net_savings"]


def net_savings_by_fy_marketplace(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Net savings per FY and marketplace. Columns: fiscal_year, marketplace, projected, net_savings."""
    stmt = _costs([cost.c.fiscal_year, marketplace.c.code, ANY_PROJECTED, func.sum(NET)], filters)
    stmt = stmt.group_by(cost.c.fiscal_year, marketplace.c.code).order_by(cost.c.fiscal_year, marketplace.c.code)
    return frame(engine, stmt, NET_SAVINGS_BY_FY_MARKETPLACE_COLUMNS).astype({"projected": bool})


SAVINGS_BY_MARKETPLACE_COLUMNS = ["marketplace", "savings_type", "net_savings"]


def savings_by_marketplace(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Net savings over the FY range per marketplace and savings type (hard / avoidance).

    Columns: marketplace, savings_type, net_savings; sorted by marketplace then type.
    """
    stmt = _costs([marketplace.c.code, cost.c.savings_type, func.sum(NET)], filters)
    stmt = stmt.group_by(marketplace.c.code, cost.c.savings_type).order_by(marketplace.c.code, cost.c.savings_type)
    return frame(engine, stmt, SAVINGS_BY_MARKETPLACE_COLUMNS)


SAVINGS_BY_ORGANIZATION_COLUMNS = ["organization", "organization_name", "savings_type", "net_savings",
                                   "total_net_savings", "rank"]


def savings_by_organization(engine: Engine, *, filters: Filters, as_of: date,
                            roll_up: bool = True) -> pd.DataFrame:
    """Net savings over the FY range per organization and savings type, ranked by total net savings.

    With `roll_up`, components count towards their department. Columns: organization,
    organization_name, savings_type, net_savings, total_net_savings, rank (1 = largest saver).
    """
    parent = organization.alias("parent")
    code = func.coalesce(parent.c.code, organization.c.code) if roll_up else organization.c.code
    name = func.coalesce(parent.c.name, organization.c.name) if roll_up else organization.c.name
    stmt = (_costs([code, name, cost.c.savings_type, func.sum(NET)], filters)
            .join(organization, engagement.c.organization_id == organization.c.id)
            .outerjoin(parent, organization.c.parent_id == parent.c.id)
            .group_by(code, name, cost.c.savings_type))
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
    go_live = func.coalesce(engagement.c.operational_on, engagement.c.forecast_go_live, engagement.c.planned_go_live)
    cohort = fiscal_year_expr(go_live)
    stmt = _costs([cohort, cost.c.fiscal_year, func.sum(NET)], filters).where(engagement.c.cancelled_on.is_(None))
    stmt = stmt.group_by(cohort, cost.c.fiscal_year).order_by(cohort, cost.c.fiscal_year)
    df = frame(engine, stmt, ["cohort", "fiscal_year", "net_savings"]).astype({"net_savings": float})
    df["cumulative"] = df.groupby("cohort")["net_savings"].cumsum()
    positive = df[df["cumulative"] >= 0].groupby("cohort")["fiscal_year"].min()
    df["break_even_fy"] = df["cohort"].map(positive).astype("Int64")
    return df[COHORT_COLUMNS]


PAYROLL_PRICES_COLUMNS = ["solution", "provider", "provider_type", "unit_price"]


def payroll_unit_prices(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Per-employee prices of payroll solutions in scope. Columns: solution, provider, provider_type, unit_price."""
    stmt = (select(solution.c.name, provider.c.name, provider.c.provider_type, solution.c.unit_price)
            .join(provider, solution.c.provider_id == provider.c.id)
            .where(solution.c.service_area == "Payroll", solution.c.pricing_unit == "per employee per year",
                   *filters.solution_clauses())
            .order_by(solution.c.unit_price))
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
