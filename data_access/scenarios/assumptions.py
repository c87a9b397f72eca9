"""The planner's defaults, observed in the database: what realized migrations saved, cost and took.

A *realized* engagement is operational on the data-as-of date and has cost rows for fiscal years that
are not projections. Each default is the median of the realized engagements of that marketplace, with
their spread (p10, p90) and a sentence saying where it came from; nothing is typed in. When a
marketplace has no realized engagement yet, the realized engagements of all marketplaces stand in, and
the sentence says so.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import ColumnElement, Engine, and_, case, exists, extract, func, or_, select, true

from data_access.filters import Filters
from data_access.fiscal import fiscal_year_expr, fiscal_year_of
from data_access.models import ORG_KINDS
from data_access.sql import frame
from data_access.tables import cost, engagement, marketplace, organization, solution

DAYS_PER_MONTH = 30.4375  # 365.25 / 12, as the seed generator counts months
BASELINE_ESCALATION = 0.025  # a year, as the seed generator escalates baselines
KIND_NOUNS = {"department": ("department", "departments"), "component": ("component", "components"),
              "independent": ("independent agency", "independent agencies")}


@dataclass(frozen=True)
class Assumption:
    """One input: its default `value` (the median of `sample`; for the slip share, the observed share),
    the observed spread `p10`..`p90`, `n` observations and a `source` sentence.

    `sample` holds the observations the Monte Carlo draws from (empty for a share, which is drawn as a
    yes/no per migration). An assumption without observations has NaN values and `usable` False.
    """

    value: float
    p10: float
    p90: float
    n: int
    source: str
    sample: tuple[float, ...] = ()

    @property
    def usable(self) -> bool:
        return not math.isnan(self.value)

    @classmethod
    def fixed(cls, value: float, source: str = "set by hand") -> Assumption:
        """A value without spread (for what-if inputs and tests)."""
        return cls(value, value, value, 0, source, (value,))

    @classmethod
    def of(cls, values: Sequence[float], source: str) -> Assumption:
        """The median and p10/p90 (linear interpolation, as numpy.quantile) of observed values."""
        sample = tuple(sorted(float(v) for v in values))
        if not sample:
            return cls(math.nan, math.nan, math.nan, 0, source)
        p10, p50, p90 = (float(q) for q in np.quantile(np.asarray(sample), [0.1, 0.5, 0.9]))
        return cls(p50, p10, p90, len(sample), source, sample)

    def moved_to(self, value: float, low: float, high: float) -> Assumption:
        """The same spread around a new median (each observation shifted, then kept within low..high)."""
        delta = value - self.value if self.usable else 0.0
        shifted = tuple(min(high, max(low, v + delta)) for v in (self.sample or (value,)))
        if not self.sample:  # a share: only the central value moves
            return replace(self, value=value, p10=min(high, max(low, self.p10 + delta)),
                           p90=min(high, max(low, self.p90 + delta)), source=f"set in the link (observed: {self._shown()})")
        moved = Assumption.of(shifted, f"set in the link (observed median {self._shown()})")
        return replace(moved, value=value, n=self.n)

    def _shown(self) -> str:
        return "none" if not self.usable else f"{self.value:.3g}"


@dataclass(frozen=True)
class MarketplaceAssumptions:
    """The defaults of one marketplace; `baseline` is per organization kind (models.ORG_KINDS)."""

    marketplace: str
    savings_rate: Assumption
    migration_cost: Assumption
    duration: Assumption
    slip_share: Assumption
    slip_months: Assumption
    baseline: tuple[tuple[str, Assumption], ...]

    def baseline_for(self, kind: str) -> Assumption:
        return dict(self.baseline)[kind]

    @property
    def usable(self) -> bool:
        """True when every input has a value (observed here or, failing that, in other marketplaces)."""
        return all(a.usable for a in (self.savings_rate, self.migration_cost, self.duration, self.slip_share,
                                      self.slip_months, *(b for _, b in self.baseline)))


# ---- queries ------------------------------------------------------------------------------------
REALIZED_ENGAGEMENTS_COLUMNS = [
    "engagement", "marketplace", "organization", "kind", "implementing_on", "operational_on", "planned_go_live",
    "first_cost_fy", "full_year_baseline", "full_year_run", "migration_cost", "latest_fy", "latest_baseline",
]


def realized_engagements(engine: Engine, *, as_of: date) -> pd.DataFrame:
    """One row per realized engagement (operational on `as_of`, with cost rows for FYs up to the as-of FY),
    every marketplace and organization (the defaults are learned from the whole database).

    Sums are over those realized cost rows, in dollars: full_year_baseline / full_year_run over the fiscal
    years the engagement was live from 1 October; migration_cost over all of them; latest_baseline is the
    baseline of the latest of them (latest_fy); first_cost_fy the earliest. Sorted by engagement id.
    """
    fy, baseline = cost.c.fiscal_year, cost.c.baseline_cost
    live_on = engagement.c.operational_on
    realized = fy <= fiscal_year_of(as_of)
    starts_fy = and_(extract("month", live_on) == 10, extract("day", live_on) == 1)
    full = fy >= fiscal_year_expr(live_on) + case((starts_fy, 0), else_=1)
    latest = (select(cost.c.engagement_id.label("engagement_id"), func.max(fy).label("fiscal_year"))
              .where(realized).group_by(cost.c.engagement_id).subquery())
    stmt = (select(engagement.c.id, marketplace.c.code, organization.c.code, organization.c.kind,
                   engagement.c.implementing_on, live_on, engagement.c.planned_go_live, func.min(fy),
                   func.sum(case((full, baseline), else_=0.0)), func.sum(case((full, cost.c.run_cost), else_=0.0)),
                   func.sum(cost.c.migration_cost), latest.c.fiscal_year,
                   func.sum(case((fy == latest.c.fiscal_year, baseline), else_=0.0)))
            .select_from(engagement)
            .join(cost, and_(cost.c.engagement_id == engagement.c.id, realized))
            .join(latest, latest.c.engagement_id == engagement.c.id)
            .join(solution, engagement.c.solution_id == solution.c.id)
            .join(marketplace, solution.c.marketplace_id == marketplace.c.id)
            .join(organization, engagement.c.organization_id == organization.c.id)
            .where(live_on.is_not(None), live_on <= as_of)
            .group_by(engagement.c.id, marketplace.c.code, organization.c.code, organization.c.kind,
                      engagement.c.implementing_on, live_on, engagement.c.planned_go_live, latest.c.fiscal_year)
            .order_by(engagement.c.id))
    return frame(engine, stmt, REALIZED_ENGAGEMENTS_COLUMNS)


ADOPTION_CANDIDATES_COLUMNS = ["organization", "organization_name", "kind", "is_cfo_act", "marketplace"]


def adoption_candidates(engine: Engine, *, filters: Filters, as_of: date) -> pd.DataFrame:
    """Organization and marketplace pairs where the organization (itself, not counting its components) has no
    engagement operational or in flight on `as_of`, within the filters' organizations and marketplaces.

    The provider-type filter does not apply: an organization live with any provider has migrated.
    Sorted CFO Act departments first, then other departments, components and independent agencies, by code.
    """
    live_on, cancelled_on = engagement.c.operational_on, engagement.c.cancelled_on
    live_or_in_flight = or_(
        and_(live_on.is_not(None), live_on <= as_of),
        and_(engagement.c.discovery_on <= as_of, or_(live_on.is_(None), live_on > as_of),
             or_(cancelled_on.is_(None), cancelled_on > as_of)))
    taken = exists().where(engagement.c.organization_id == organization.c.id,
                           engagement.c.solution_id == solution.c.id,
                           solution.c.marketplace_id == marketplace.c.id, live_or_in_flight)
    clauses: list[ColumnElement[bool]] = [~taken]
    org_clause = filters.organization_clause(organization.c.id)
    if org_clause is not None:
        clauses.append(org_clause)
    if filters.marketplaces:
        clauses.append(marketplace.c.code.in_(filters.marketplaces))
    kind, cfo = organization.c.kind, organization.c.is_cfo_act
    priority = case((and_(kind == "department", cfo.is_(True)), 0), (kind == "department", 1),
                    (kind == "component", 2), else_=3)
    stmt = (select(organization.c.code, organization.c.name, kind, cfo, marketplace.c.code)
            .select_from(organization).join(marketplace, true())
            .where(*clauses).order_by(priority, organization.c.code, marketplace.c.code))
    return frame(engine, stmt, ADOPTION_CANDIDATES_COLUMNS).astype({"is_cfo_act": bool})


# ---- from observations to defaults (pure) --------------------------------------------------------
OBSERVATIONS_COLUMNS = ["marketplace", "organization", "kind", "savings_rate", "migration_cost", "duration",
                        "slipped", "slip_months", "baseline"]


def observations(realized: pd.DataFrame, *, as_of: date) -> pd.DataFrame:
    """Per realized engagement (a `realized_engagements` frame): savings rate (1 − run ÷ baseline over its full
    live years; NaN without one), migration cost ÷ latest annual baseline (NaN unless the cost rows cover the
    whole implementation), implementation months, whether and by how many months it went live after the
    planned date, and its latest baseline escalated to as-of-FY dollars."""
    df = realized
    as_of_fy = fiscal_year_of(as_of)
    full_base = df["full_year_baseline"].astype(float)
    latest = df["latest_baseline"].astype(float)
    covered = df["first_cost_fy"] <= [fiscal_year_of(d) for d in df["implementing_on"]]

    def months(later: pd.Series, earlier: pd.Series) -> pd.Series:
        return pd.Series([(a - b).days / DAYS_PER_MONTH for a, b in zip(later, earlier)], index=df.index, dtype=float)

    late = months(df["operational_on"], df["planned_go_live"])
    out = pd.DataFrame({
        "marketplace": df["marketplace"], "organization": df["organization"], "kind": df["kind"],
        "savings_rate": (1 - df["full_year_run"].astype(float) / full_base).where(full_base > 0),
        "migration_cost": (df["migration_cost"].astype(float) / latest).where(covered & (latest > 0)),
        "duration": months(df["operational_on"], df["implementing_on"]),
        "slipped": late > 0,
        "slip_months": late.where(late > 0),
        "baseline": latest * (1 + BASELINE_ESCALATION) ** (as_of_fy - df["latest_fy"].astype(float)),
    })
    return out[OBSERVATIONS_COLUMNS]


def _binomial_band(slipped: int, n: int) -> tuple[float, float]:
    """p10 and p90 of the share k/n when k is drawn Binomial(n, slipped/n): the spread of a resampled share."""
    p = slipped / n
    if p in (0.0, 1.0):
        return p, p
    ks = np.arange(n + 1)
    log_pmf = np.array([math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) for k in ks])
    cdf = np.cumsum(np.exp(log_pmf + ks * math.log(p) + (n - ks) * math.log1p(-p)))
    return (float(np.searchsorted(cdf, 0.1 - 1e-12) / n), float(np.searchsorted(cdf, 0.9 - 1e-12) / n))


def _count(n: int, noun: tuple[str, str]) -> str:
    return f"{n} {noun[0] if n == 1 else noun[1]}"


def _realized(n: int, scope: str) -> str:
    return _count(n, (f"realized {scope} engagement", f"realized {scope} engagements")).replace("  ", " ")


def marketplace_assumptions(obs: pd.DataFrame, marketplace: str, *, as_of_fy: int,
                            per_org: pd.DataFrame | None = None) -> MarketplaceAssumptions:
    """The defaults of `marketplace` from an `observations` frame of all marketplaces (for the fallback);
    `per_org` is `baselines_per_organization(obs)` when the caller already has it."""
    own = obs[obs["marketplace"] == marketplace]
    orgs = baselines_per_organization(obs) if per_org is None else per_org
    m = marketplace

    def pick(column: str, having: str, how: str) -> Assumption:
        values = own[column].dropna()
        if len(values):
            return Assumption.of(values.tolist(), f"median of {_realized(len(values), m)}{having} ({how})")
        pooled = obs[column].dropna()
        return Assumption.of(pooled.tolist(), f"no realized {m} engagement{having} yet: median of "
                             f"{_realized(len(pooled), '')} in all marketplaces{having} ({how})")

    rate = pick("savings_rate", " with a full live year", "1 − run cost ÷ baseline")
    cost = pick("migration_cost", " whose whole migration is in the cost table", "one-time cost ÷ annual baseline")
    duration = pick("duration", "", "months from implementing to operational")
    src, scope = (own, m) if len(own) else (obs, "")
    where = "" if len(own) else f" (no realized {m} engagement yet: all marketplaces)"
    n, k = len(src), int(src["slipped"].sum())
    if n:
        p10, p90 = _binomial_band(k, n)
        share = Assumption(k / n, p10, p90, n, f"{k} of {_realized(n, scope)} went live after the planned date"
                           f"{where} (p10–p90: binomial resampling)")
    else:
        share = Assumption.of([], "no realized engagement to learn from")
    late = src["slip_months"].dropna()
    if n and not len(late):
        slip_months = Assumption(0.0, 0.0, 0.0, 0, f"none of {_realized(n, scope)} went live late{where}", (0.0,))
    else:
        slip_months = Assumption.of(late.tolist(), f"median delay of {_realized(len(late), scope)} that went live late"
                                    f"{where} (months after the planned date)")
    return MarketplaceAssumptions(m, rate, cost, duration, share, slip_months,
                                  tuple((kind, _baseline(orgs, m, kind, as_of_fy)) for kind in ORG_KINDS))


def baselines_per_organization(obs: pd.DataFrame) -> pd.DataFrame:
    """Each organization's annual baseline per marketplace: its realized engagements there added up."""
    return obs.groupby(["marketplace", "organization", "kind"])["baseline"].sum().reset_index()


def _baseline(per_org: pd.DataFrame, marketplace: str, kind: str, as_of_fy: int) -> Assumption:
    """Median annual baseline of one organization in `marketplace` for organizations of `kind`; failing that of
    any kind, then in all marketplaces."""
    noun, m = KIND_NOUNS[kind], marketplace
    in_m, of_kind = per_org["marketplace"] == m, per_org["kind"] == kind
    orgs = ("organization", "organizations")
    tries = [
        (per_org[in_m & of_kind], "", (f"{m} {noun[0]}", f"{m} {noun[1]}")),
        (per_org[in_m], f"no {noun[0]} has a realized {m} engagement: ", (f"{m} organization", f"{m} organizations")),
        (per_org[of_kind], f"no organization has a realized {m} engagement: ", (f"{noun[0]}", f"{noun[1]}")),
        (per_org, f"no organization has a realized {m} engagement: ", orgs),
    ]
    for rows, fallback, who in tries:
        if len(rows):
            everywhere = " in any marketplace" if fallback.startswith("no organization") else ""
            return Assumption.of(rows["baseline"].tolist(), f"{fallback}median latest annual baseline of "
                                 f"{_count(len(rows), who)} with a realized engagement{everywhere}, in FY{as_of_fy} dollars")
    return Assumption.of([], "no realized engagement to learn from")


def observed_assumptions(realized: pd.DataFrame, *, as_of: date,
                         marketplaces: Sequence[str]) -> Mapping[str, MarketplaceAssumptions]:
    """Defaults per marketplace from a `realized_engagements` frame (pure)."""
    obs = observations(realized, as_of=as_of)
    per_org = baselines_per_organization(obs)
    return {m: marketplace_assumptions(obs, m, as_of_fy=fiscal_year_of(as_of), per_org=per_org) for m in marketplaces}
