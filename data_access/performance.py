"""Service-performance queries: scorecard, SLA and satisfaction over time, provider comparison, coverage."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Engine, distinct, func, select

from data_access.filters import Filters
from data_access.fiscal import evaluation_date, fy_start
from data_access.sql import AnySelect, frame
from data_access.summary import MeasureSource, source
from data_access.tables import engagement, marketplace, organization, provider, satisfaction, service_measure, solution

STATUSES = ("meets", "near", "misses")


# "Is this service meeting its target?" has one answer, used on every page, the brief and the slides: judged on
# the share of its customer-months (monthly values, one per customer and measure) that met target in the period.
TARGET_MET_SHARE = 0.90  # meets target: at least 90 % of customer-months met it
TARGET_NEAR_SHARE = 0.75  # near target: 75-90 %; below 75 % it misses
STATUS_RULE = (f"A service or measure **✓ meets** its target in a fiscal year when at least "
               f"{TARGET_MET_SHARE:.0%} of its customer-months (one monthly value per customer and measure) met the "
               f"target, is **▲ near** at {TARGET_NEAR_SHARE:.0%}–{TARGET_MET_SHARE:.0%}, and **✗ misses** below "
               f"{TARGET_NEAR_SHARE:.0%}. A monthly value meets the target when it is on the right side of it (at or above "
               f"where higher is better, at or below where lower is better). The same share is the SLA attainment "
               f"headline, so an average that looks fine cannot hide the customers it failed.")


def target_status(met_share: float | None) -> str | None:
    """'meets', 'near' or 'misses' for the share 0-1 of customer-months that met target; None without data."""
    if met_share is None or met_share != met_share:  # None or NaN
        return None
    if met_share >= TARGET_MET_SHARE:
        return "meets"
    return "near" if met_share >= TARGET_NEAR_SHARE else "misses"


def _measurements(src: MeasureSource, columns: list[Any], f: Filters, fiscal_year: int | None = None) -> AnySelect:
    stmt = (select(*columns).select_from(src.table)
            .join(service_measure, src.measure_id == service_measure.c.id)
            .join(solution, src.solution_id == solution.c.id)
            .join(provider, solution.c.provider_id == provider.c.id)
            .join(marketplace, solution.c.marketplace_id == marketplace.c.id)
            .where(*f.clauses(src.organization_id)))
    if fiscal_year is not None:
        stmt = stmt.where(src.fiscal_year == fiscal_year)
    return stmt


SCORECARD_COLUMNS = ["marketplace", "solution", "provider", "measure", "unit", "higher_is_better", "target",
                     "value", "customer_months", "met_share", "customers_reporting", "latest_month", "status"]


def scorecard(engine: Engine, *, filters: Filters, as_of: date, raw: bool = False) -> pd.DataFrame:
    """For each solution and measure in scope with data in the selected FY: the mean monthly value across customers,
    the customer-months reported and the share that met target, customers reporting, the latest month, and the
    target status (`target_status` of that share). One row per (solution, measure), by marketplace and name."""
    src = source(raw)
    stmt = (_measurements(src, [marketplace.c.code, solution.c.name, provider.c.name, service_measure.c.name,
                                service_measure.c.unit, service_measure.c.higher_is_better, service_measure.c.target,
                                src.value_sum / src.count, src.count, src.met,
                                func.count(distinct(src.organization_id)), func.max(src.month)],
                          filters, filters.selected_fy)
            .group_by(marketplace.c.code, solution.c.name, provider.c.name, service_measure.c.name,
                      service_measure.c.unit, service_measure.c.higher_is_better, service_measure.c.target)
            .order_by(marketplace.c.code, solution.c.name, service_measure.c.name))
    df = frame(engine, stmt, ["marketplace", "solution", "provider", "measure", "unit", "higher_is_better", "target",
                              "value", "customer_months", "met", "customers_reporting", "latest_month"])
    df["higher_is_better"] = df["higher_is_better"].astype(bool)
    df["value"] = df["value"].astype(float)
    df["met_share"] = (df.pop("met").astype(float) / df["customer_months"].astype(float)).astype(float)
    df["status"] = [target_status(v) for v in df["met_share"]]
    return df[SCORECARD_COLUMNS]


SLA_BY_QUARTER_COLUMNS = ["fiscal_year", "fiscal_quarter", "group", "measurements", "met", "sla_attainment"]


def sla_by_quarter(engine: Engine, *, filters: Filters, as_of: date, by: str = "marketplace",
                   raw: bool = False) -> pd.DataFrame:
    """SLA attainment per fiscal quarter over the FY range, by marketplace or provider.

    Columns: fiscal_year, fiscal_quarter, group, measurements, met, sla_attainment (0-1).
    """
    src = source(raw)
    group = marketplace.c.code if by == "marketplace" else provider.c.name
    stmt = (_measurements(src, [src.fiscal_year, src.fiscal_quarter, group, src.count, src.met], filters)
            .where(src.fiscal_year.between(filters.fy_from, filters.fy_to))
            .group_by(src.fiscal_year, src.fiscal_quarter, group)
            .order_by(src.fiscal_year, src.fiscal_quarter, group))
    df = frame(engine, stmt, ["fiscal_year", "fiscal_quarter", "group", "measurements", "met"])
    df["sla_attainment"] = (df["met"] / df["measurements"]).astype(float)
    return df[SLA_BY_QUARTER_COLUMNS]


SATISFACTION_BY_QUARTER_COLUMNS = ["fiscal_year", "fiscal_quarter", "group", "responses", "customer_satisfaction"]


def satisfaction_by_quarter(engine: Engine, *, filters: Filters, as_of: date,
                            by: str = "marketplace") -> pd.DataFrame:
    """Response-weighted satisfaction per fiscal quarter, by marketplace or provider.

    Columns: fiscal_year, fiscal_quarter, group, responses, customer_satisfaction.
    """
    group = marketplace.c.code if by == "marketplace" else provider.c.name
    stmt = (select(satisfaction.c.fiscal_year, satisfaction.c.fiscal_quarter, group, func.sum(satisfaction.c.responses),
                   func.sum(satisfaction.c.score * satisfaction.c.responses) / func.sum(satisfaction.c.responses))
            .select_from(satisfaction)
            .join(solution, satisfaction.c.solution_id == solution.c.id)
            .join(provider, solution.c.provider_id == provider.c.id)
            .join(marketplace, solution.c.marketplace_id == marketplace.c.id)
            .where(satisfaction.c.fiscal_year.between(filters.fy_from, filters.fy_to),
                   *filters.clauses(satisfaction.c.organization_id))
            .group_by(satisfaction.c.fiscal_year, satisfaction.c.fiscal_quarter, group)
            .order_by(satisfaction.c.fiscal_year, satisfaction.c.fiscal_quarter, group))
    return frame(engine, stmt, SATISFACTION_BY_QUARTER_COLUMNS)


PROVIDER_COMPARISON_COLUMNS = ["marketplace", "solution", "provider", "provider_type", "pricing_unit",
                               "unit_price", "sla_attainment", "customer_satisfaction", "customers", "code",
                               "service_area", "customer_months", "status"]


def provider_comparison(engine: Engine, *, filters: Filters, as_of: date, raw: bool = False) -> pd.DataFrame:
    """Per solution in scope: price, SLA attainment and satisfaction in the selected FY, and customer
    agencies on the evaluation date. Solutions without data show NaN, not zero."""
    day = evaluation_date(filters.selected_fy, as_of)
    base = (select(solution.c.id, marketplace.c.code, solution.c.name, provider.c.name, provider.c.provider_type,
                   solution.c.pricing_unit, solution.c.unit_price, solution.c.code, solution.c.service_area)
            .join(provider, solution.c.provider_id == provider.c.id)
            .join(marketplace, solution.c.marketplace_id == marketplace.c.id)
            .where(*filters.solution_clauses()).order_by(marketplace.c.code, solution.c.name))
    df = frame(engine, base, ["solution_id", "marketplace", "solution", "provider", "provider_type", "pricing_unit",
                              "unit_price", "code", "service_area"])
    src = source(raw)
    sla = frame(engine, _measurements(src, [src.solution_id, src.count, src.met], filters, filters.selected_fy)
                .group_by(src.solution_id), ["solution_id", "n", "met"])
    sla["sla_attainment"] = (sla["met"] / sla["n"]).astype(float)
    sla["customer_months"] = sla["n"]
    sat_stmt = (select(satisfaction.c.solution_id,
                       func.sum(satisfaction.c.score * satisfaction.c.responses) / func.sum(satisfaction.c.responses))
                .join(solution, satisfaction.c.solution_id == solution.c.id)
                .join(provider, solution.c.provider_id == provider.c.id)
                .where(satisfaction.c.fiscal_year == filters.selected_fy, *filters.clauses(satisfaction.c.organization_id))
                .group_by(satisfaction.c.solution_id))
    sat = frame(engine, sat_stmt, ["solution_id", "customer_satisfaction"])
    cust_stmt = (select(engagement.c.solution_id, func.count(distinct(engagement.c.organization_id)))
                 .join(solution, engagement.c.solution_id == solution.c.id)
                 .join(provider, solution.c.provider_id == provider.c.id)
                 .where(engagement.c.operational_on.is_not(None), engagement.c.operational_on <= day,
                        *filters.clauses(engagement.c.organization_id))
                 .group_by(engagement.c.solution_id))
    cust = frame(engine, cust_stmt, ["solution_id", "customers"])
    df = (df.merge(sla[["solution_id", "sla_attainment", "customer_months"]], on="solution_id", how="left")
          .merge(sat, on="solution_id", how="left").merge(cust, on="solution_id", how="left"))
    df["customers"] = df["customers"].fillna(0).astype(int)
    df = df.astype({"sla_attainment": float, "customer_satisfaction": float})
    df["customer_months"] = df["customer_months"].fillna(0).astype(int)
    df["status"] = [target_status(v) for v in df["sla_attainment"]]
    return df[PROVIDER_COMPARISON_COLUMNS]


REPORTING_COVERAGE_COLUMNS = ["organization", "organization_name", "solution", "marketplace",
                              "months_expected", "months_reported", "coverage", "missing_months"]


def reporting_coverage(engine: Engine, *, filters: Filters, as_of: date, raw: bool = False) -> pd.DataFrame:
    """For each operational customer x solution in scope, months of performance data reported in the
    selected FY against months it was live; sorted with the least complete first."""
    day = evaluation_date(filters.selected_fy, as_of)
    fy = filters.selected_fy
    src = source(raw)
    live = (select(engagement.c.organization_id, engagement.c.solution_id, engagement.c.operational_on,
                   organization.c.code, organization.c.name, solution.c.name, marketplace.c.code)
            .join(organization, engagement.c.organization_id == organization.c.id)
            .join(solution, engagement.c.solution_id == solution.c.id)
            .join(provider, solution.c.provider_id == provider.c.id)
            .join(marketplace, solution.c.marketplace_id == marketplace.c.id)
            .where(engagement.c.operational_on.is_not(None), engagement.c.operational_on <= day,
                   solution.c.id.in_(select(src.solution_id).distinct()),
                   *filters.clauses(engagement.c.organization_id)))
    df = frame(engine, live, ["org_id", "solution_id", "operational_on", "organization", "organization_name",
                              "solution", "marketplace"])
    reported = frame(engine, select(src.organization_id, src.solution_id, func.count(distinct(src.month)))
                     .where(src.fiscal_year == fy).group_by(src.organization_id, src.solution_id),
                     ["org_id", "solution_id", "months_reported"])
    df = df.merge(reported, on=["org_id", "solution_id"], how="left")
    df["months_reported"] = df["months_reported"].fillna(0).astype(int)
    # Months live in the FY: from the month after go-live (or October) to the evaluation month.
    end_index = (day.year * 12 + day.month)
    first = fy_start(fy)
    start_index = [max((d.year * 12 + d.month) + 1, first.year * 12 + first.month) for d in pd.to_datetime(df["operational_on"])]
    df["months_expected"] = [max(0, end_index - s + 1) for s in start_index]
    df = df[df["months_expected"] > 0].copy()
    df["months_reported"] = df[["months_reported", "months_expected"]].min(axis=1)
    df["coverage"] = df["months_reported"] / df["months_expected"]
    df["missing_months"] = df["months_expected"] - df["months_reported"]
    return df.sort_values(["coverage", "organization", "solution"], ignore_index=True)[REPORTING_COVERAGE_COLUMNS]


