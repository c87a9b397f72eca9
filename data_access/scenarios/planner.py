"""From a scenario and the database to a projection: the queries, the plan (pure) and the benchmark timing."""

from __future__ import annotations

import statistics
import time
from dataclasses import replace
from datetime import date

import pandas as pd
from sqlalchemy import Engine, func, select, true

from data_access.catalog import provenance
from data_access.filters import Filters
from data_access.fiscal import fiscal_year_of
from data_access.ranges import LAST_FY
from data_access.savings import cost_by_fy
from data_access.scenarios.assumptions import (
    MarketplaceAssumptions,
    adoption_candidates,
    observed_assumptions,
    realized_engagements,
)
from data_access.scenarios.model import PLAN_COLUMNS, Plan, ScenarioResult, project
from data_access.scenarios.scenario import OVERRIDE_BOUNDS, Scenario
from data_access.sql import frame
from data_access.tables import cost, marketplace, organization

CURRENT_PROJECTION_COLUMNS = ["fiscal_year", "net_savings"]


def horizon(as_of: date, years: int) -> tuple[int, int]:
    """First and last FY projected: `years` FYs from the one after the data-as-of FY, stopping at LAST_FY
    (the last FY the dashboard shows). first > last when nothing is left to project."""
    first = fiscal_year_of(as_of) + 1
    return first, min(first + years - 1, LAST_FY)


def current_projection(engine: Engine, *, filters: Filters, as_of: date, fiscal_years: list[int]) -> pd.DataFrame:
    """Net savings per FY in `fiscal_years` from the cost table within the filters: the cost Savings page's
    `cost_by_fy` for those years, 0 for a year without rows, NaN after the last FY the cost table reaches (the
    database projects nothing there). Columns: CURRENT_PROJECTION_COLUMNS, one row per FY, sorted."""
    if not fiscal_years:
        return pd.DataFrame(columns=CURRENT_PROJECTION_COLUMNS)
    with engine.connect() as conn:
        last = conn.execute(select(func.max(cost.c.fiscal_year))).scalar_one_or_none()
    ranged = replace(filters, fy_from=fiscal_years[0], fy_to=fiscal_years[-1])
    costs = cost_by_fy(engine, filters=ranged, as_of=as_of).set_index("fiscal_year")["net_savings"]
    net = costs.reindex(fiscal_years).astype(float).fillna(0.0)
    net[[fy > (last if last is not None else fiscal_year_of(as_of)) for fy in fiscal_years]] = float("nan")
    return pd.DataFrame({"fiscal_year": fiscal_years, "net_savings": net.to_numpy()})


def build_plan(scenario: Scenario, *, realized: pd.DataFrame, candidates: pd.DataFrame, as_of: date,
               filters: Filters | None = None) -> Plan:
    """The migrations of `scenario` (pure): `candidates` (an `adoption_candidates` frame) narrowed to the scenario's
    marketplaces and organizations, each put in a wave, with the defaults learned from `realized` (a
    `realized_engagements` frame) and the scenario's overrides. What was left out is said in `messages`."""
    first, last = horizon(as_of, scenario.horizon_years)
    messages: list[str] = []
    if first > last:
        messages.append(f"Nothing is left to project: FY{LAST_FY} is the last fiscal year the dashboard shows.")
    elif first + scenario.horizon_years - 1 > last:
        messages.append(f"The projection stops at FY{LAST_FY}, the last fiscal year the dashboard shows.")
    df = candidates
    in_filters = set(filters.marketplaces) if filters and filters.marketplaces else None
    for m in scenario.marketplaces:
        if in_filters is not None and m not in in_filters:
            messages.append(f"{m} is outside the filters' marketplaces and was left out.")
    if scenario.marketplaces:
        df = df[df["marketplace"].isin(scenario.marketplaces)]
    available = set(df["organization"])
    missing = [code for code in scenario.organizations if code not in available]
    if missing:
        shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
        messages.append(f"Left out, as already live or in flight in the chosen marketplaces or outside the filters: "
                        f"{shown}.")
    if scenario.organizations:
        df = df[df["organization"].isin(scenario.organizations)]
    markets = list(dict.fromkeys(df["marketplace"]))
    assumptions = dict(observed_assumptions(realized, as_of=as_of, marketplaces=markets))
    for m in markets:
        assumptions[m] = _overridden(assumptions[m], scenario)
        if not assumptions[m].usable:
            messages.append(f"No engagement has gone live yet, so there is nothing to learn {m}'s savings from; "
                            f"{m} was left out.")
    assumptions = {m: a for m, a in assumptions.items() if a.usable}
    df = df[df["marketplace"].isin(list(assumptions))]

    starts = list(scenario.waves(first))
    for i, fy in enumerate(starts):
        if fy < first:
            messages.append(f"Wave {i + 1} cannot start before FY{first}; it starts then.")
            starts[i] = first
    chosen = {code: wave for code, wave in scenario.wave_of if wave <= len(starts)}
    for code, wave in scenario.wave_of:
        if code not in chosen:
            messages.append(f"{code} was put in wave {wave}, but there are {len(starts)}; its default wave is used.")
    default_wave = [1 if (kind == "department" and cfo) else min(2, len(starts))
                    for kind, cfo in zip(df["kind"], df["is_cfo_act"])]
    waves = [chosen.get(code, default) for code, default in zip(df["organization"], default_wave)]
    migrations = df.assign(wave=waves, start_fy=[starts[w - 1] for w in waves])[PLAN_COLUMNS].reset_index(drop=True)
    return Plan(migrations=migrations, assumptions=assumptions, first_fy=first, last_fy=max(first - 1, last),
                as_of_fy=fiscal_year_of(as_of), scenario=scenario, messages=tuple(messages))


def _overridden(a: MarketplaceAssumptions, scenario: Scenario) -> MarketplaceAssumptions:
    changes = {}
    for name, (low, high) in OVERRIDE_BOUNDS.items():
        value = scenario.override(a.marketplace, name)
        if value is not None:
            changes[name] = getattr(a, name).moved_to(value, low, high)
    return replace(a, **changes) if changes else a


def project_scenario(engine: Engine, scenario: Scenario, *, filters: Filters, as_of: date) -> ScenarioResult:
    """`scenario` projected on the database within `filters` (queries, then the pure model)."""
    first, last = horizon(as_of, scenario.horizon_years)
    plan = build_plan(scenario, realized=realized_engagements(engine, as_of=as_of),
                      candidates=adoption_candidates(engine, filters=filters, as_of=as_of), as_of=as_of,
                      filters=filters)
    current = current_projection(engine, filters=filters, as_of=as_of, fiscal_years=list(range(first, last + 1)))
    return project(plan, current)


def everyone_everywhere(engine: Engine) -> pd.DataFrame:
    """Every organization in every marketplace, as an `adoption_candidates` frame (the benchmark's worst case)."""
    stmt = (select(organization.c.code, organization.c.name, organization.c.kind, organization.c.is_cfo_act,
                   marketplace.c.code)
            .select_from(organization).join(marketplace, true())
            .order_by(organization.c.code, marketplace.c.code))
    return frame(engine, stmt, ["organization", "organization_name", "kind", "is_cfo_act", "marketplace"])


def benchmark_scenario(engine: Engine, *, repeats: int = 5, draws: int = 2000, with_queries: bool = False) -> float:
    """Seconds (median of `repeats`) to recompute the worst case: every organization migrating to every
    marketplace over the full horizon with `draws` draws, as when a scenario input changes on the page (its
    queries cached); `with_queries` adds the three queries to each run."""
    as_of = provenance(engine).as_of
    scenario = Scenario(draws=draws)
    first, last = horizon(as_of, scenario.horizon_years)
    years = list(range(first, last + 1))
    everything = Filters(fy_from=min(first, LAST_FY), fy_to=min(max(first, last), LAST_FY))

    def inputs() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        return (realized_engagements(engine, as_of=as_of), everyone_everywhere(engine),
                current_projection(engine, filters=everything, as_of=as_of, fiscal_years=years))

    cached = inputs()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        realized, candidates, current = inputs() if with_queries else cached
        project(build_plan(scenario, realized=realized, candidates=candidates, as_of=as_of), current)
        times.append(time.perf_counter() - start)
    return statistics.median(times)
