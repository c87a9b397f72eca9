"""The scenario projection: vectorised numpy over draws × migrations, no database (pure).

Time runs in months from 1 October of the horizon's first FY; FY index k covers months [12k, 12k+12).
A migration starts on 1 October of its wave's FY (month s = 12·wave index), spends its one-time cost
evenly over its implementation (duration plus any slip), goes live at month g, and from then saves
baseline × rate a year, pro-rated in the go-live year by the share of the year it is live (as the seed
does). Baselines are in data-as-of-FY dollars and escalate 2.5 % a year; the one-time cost is a multiple
of the baseline of the wave's start FY.

Per FY the savings of all migrations are added up with `numpy.bincount` on the FY each migration goes
live in, so the work grows with draws × migrations and not with the number of FYs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from data_access.benchmarks import OMB_SAVINGS_HIGH, OMB_SAVINGS_LOW
from data_access.scenarios.assumptions import BASELINE_ESCALATION, Assumption, MarketplaceAssumptions
from data_access.scenarios.scenario import Scenario

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.intp]

QUANTILE_POINTS = 1001  # draws come from each input's quantile function at 0, 0.001, ..., 1
MIN_MONTHS = 1 / 30.4375  # a migration takes at least a day, so its cost has somewhere to go
SENSITIVITY_YEARS = 5
BREAK_EVEN_TOLERANCE = 1e-6  # dollars: cumulative sums of exact cancellations may land a hair below 0

INPUT_LABELS = {
    "savings_rate": "Savings rate",
    "migration_cost": "One-time migration cost (× annual baseline)",
    "duration": "Implementation duration (months)",
    "slip_share": "Share of migrations that slip",
    "slip_months": "Slip when late (months)",
    "baseline": "Annual baseline of a new adopter",
}
SENSITIVITY_INPUTS = ("savings_rate", "migration_cost", "duration", "slip_share", "baseline")

PLAN_COLUMNS = ["organization", "organization_name", "kind", "is_cfo_act", "marketplace", "wave", "start_fy"]


@dataclass(frozen=True, eq=False)
class Plan:
    """Everything the projection needs: the migrations (PLAN_COLUMNS, one row per organization and marketplace,
    start_fy the wave's start FY), the assumptions per marketplace, the horizon first_fy..last_fy, the
    data-as-of FY (baselines are in its dollars), the Monte Carlo draws and seed, and messages for the reader."""

    migrations: pd.DataFrame
    assumptions: Mapping[str, MarketplaceAssumptions]
    first_fy: int
    last_fy: int
    as_of_fy: int
    scenario: Scenario = field(default_factory=Scenario)
    messages: tuple[str, ...] = ()

    @property
    def fiscal_years(self) -> list[int]:
        return list(range(self.first_fy, self.last_fy + 1))


@dataclass(frozen=True)
class Band:
    """A dollar figure: the deterministic answer (every input at its median) and the Monte Carlo p10/p50/p90."""

    value: float
    p10: float
    p50: float
    p90: float


SCENARIO_BY_FY_COLUMNS = [
    "fiscal_year", "current_projection", "scenario", "scenario_p10", "scenario_p50", "scenario_p90", "scenario_mean",
    "total",
    "cumulative_scenario", "cumulative_scenario_p10", "cumulative_scenario_p90", "cumulative_total", "migrations_live",
]
MIGRATION_COLUMNS = PLAN_COLUMNS + ["go_live_fy", "baseline", "migration_cost", "annual_savings"]
ASSUMPTION_COLUMNS = ["marketplace", "input", "label", "kind", "value", "p10", "p90", "n", "source"]
SENSITIVITY_COLUMNS = ["input", "label", "from_fy", "to_fy", "at_p10", "at_p90", "change", "base"]
OMB_COLUMNS = ["measure", "label", "annual_savings", "annual_p10", "annual_p90", "fiscal_years", "share_of_low",
               "share_of_high"]


@dataclass(frozen=True, eq=False)
class ScenarioResult:
    """The projection. Money in dollars; FYs are federal fiscal years.

    by_fy (SCENARIO_BY_FY_COLUMNS), one row per horizon FY: current_projection is the cost table's net savings
    within the filters (what the Cost Savings page shows; NaN after the last FY the database projects), scenario
    the deterministic added net savings with the Monte Carlo p10/p50/p90 and mean (with many migrations the band
    centres on the sum of the *means* of skewed inputs, above the all-medians line), total = current + scenario, cumulative
    sums from the horizon's first FY, migrations_live how many migrations are live at the FY's end.
    migrations (MIGRATION_COLUMNS): each migration's deterministic go-live FY, baseline (as-of-FY dollars),
    one-time cost and annual savings once live (as-of-FY dollars).
    assumptions (ASSUMPTION_COLUMNS), sensitivity (SENSITIVITY_COLUMNS: five-year cumulative scenario savings with
    one input at its p10 and at its p90, the others at their medians, largest swing first) and omb (OMB_COLUMNS).
    break_even_fy: first FY from the first wave on in which the scenario's cumulative net savings is ≥ 0 (None if
    not within the horizon); break_even_share the share of draws that break even within the horizon.
    complete_fy: the FY the last migration goes live; full_run_fy: the first FY every migration is live all year;
    annual_savings: the scenario's net savings in full_run_fy (band over draws). None without migrations.
    """

    by_fy: pd.DataFrame
    migrations: pd.DataFrame
    assumptions: pd.DataFrame
    sensitivity: pd.DataFrame
    omb: pd.DataFrame
    break_even_fy: int | None
    break_even_share: float | None
    complete_fy: int | None
    full_run_fy: int | None
    annual_savings: Band | None
    scenario: Scenario
    messages: tuple[str, ...]


# ---- inputs per migration ---------------------------------------------------------------------------
@dataclass(frozen=True)
class _Input:
    """One input for every migration: its assumption per migration (grouped), as arrays."""

    groups: list[Assumption]
    group_of: Ints  # per migration, index into groups

    def level(self, name: str) -> Floats:
        """Per migration: the assumption's value, p10 or p90."""
        return np.array([getattr(a, name) for a in self.groups], dtype=float)[self.group_of]

    def at(self, picks: npt.NDArray[np.integer[Any]]) -> Floats:
        """Values at quantile-grid positions `picks` (draws × migrations, 0..QUANTILE_POINTS-1) of each migration's
        quantile function (linear between observations, so p10/p50/p90 are the stated ones)."""
        grid = np.linspace(0.0, 1.0, QUANTILE_POINTS)
        tables = np.stack([np.quantile(np.asarray(a.sample or (a.value,), dtype=float), grid) for a in self.groups])
        rows = picks.astype(np.int32, copy=False) + (self.group_of * QUANTILE_POINTS).astype(np.int32)[None, :]
        values: Floats = tables.ravel()[rows]
        return values

    def draw(self, rng: np.random.Generator, draws: int) -> Floats:
        """draws × migrations values drawn from each migration's observed distribution."""
        return self.at(rng.integers(0, QUANTILE_POINTS, size=(draws, len(self.group_of)), dtype=np.int32))


def _inputs(plan: Plan) -> dict[str, _Input]:
    markets = plan.migrations["marketplace"].tolist()
    kinds = plan.migrations["kind"].tolist()
    out: dict[str, _Input] = {}
    for name in ("savings_rate", "migration_cost", "duration", "slip_share", "slip_months"):
        keys = sorted(set(markets))
        out[name] = _Input([getattr(plan.assumptions[m], name) for m in keys],
                           np.array([keys.index(m) for m in markets], dtype=np.intp))
    pairs = sorted(set(zip(markets, kinds)))
    out["baseline"] = _Input([plan.assumptions[m].baseline_for(k) for m, k in pairs],
                             np.array([pairs.index(p) for p in zip(markets, kinds)], dtype=np.intp))
    return out


# ---- the core ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Run:
    net: Floats  # rows × FYs: added net savings
    go_live: Floats  # rows × migrations: month of go-live
    annual: Floats  # rows × migrations: savings a year once live, as-of-FY dollars


def _simulate(rate: Floats, multiple: Floats, duration: Floats, slip: Floats, baseline: Floats, wave: Ints,
              years: int, first_growth: float) -> _Run:
    """Net savings per row (a draw, or a what-if) and FY. Arrays are rows × migrations; `wave` is each
    migration's start FY index; `first_growth` the baseline escalation factor of the horizon's first FY."""
    rows = baseline.shape[0]
    growth = first_growth * (1 + BASELINE_ESCALATION) ** np.arange(years + 1, dtype=float)
    start_growth = first_growth * (1 + BASELINE_ESCALATION) ** wave.astype(float)
    months = np.maximum(duration + slip, MIN_MONTHS)
    go_live = np.asarray(12.0 * wave[None, :] + months, dtype=np.float64)
    live_fy = np.floor(go_live / 12.0)
    part = go_live - 12.0 * live_fy  # months of the go-live FY before going live
    bins = years + 1  # the last bin collects everything beyond the horizon
    offset = (np.arange(rows, dtype=np.intp) * bins)[:, None]
    at_live = (offset + np.minimum(live_fy, years).astype(np.intp)).ravel()
    at_start = (offset + np.minimum(wave, years)[None, :]).ravel()
    size = rows * bins
    annual = baseline * rate
    monthly_cost = multiple * baseline * start_growth[None, :] / months

    def per_fy(index: Ints, weights: Floats) -> Floats:
        return np.asarray(np.bincount(index, weights.ravel(), size), dtype=np.float64).reshape(rows, bins)

    going_live = per_fy(at_live, annual)
    live_months = 12.0 * (np.cumsum(going_live, axis=1) - going_live) + per_fy(at_live, annual * (12.0 - part))
    paying = np.cumsum(per_fy(at_start, monthly_cost) - per_fy(at_live, monthly_cost), axis=1)
    cost_months = 12.0 * paying + per_fy(at_live, monthly_cost * part)
    net = growth[None, :] * live_months / 12.0 - cost_months
    return _Run(net[:, :years], go_live, annual)


def _break_even(cumulative: Floats, first_wave: int) -> tuple[Ints, npt.NDArray[np.bool_]]:
    hit = cumulative >= -BREAK_EVEN_TOLERANCE
    hit[:, :first_wave] = False
    return np.argmax(hit, axis=1).astype(np.intp), np.asarray(hit.any(axis=1), dtype=np.bool_)


def _what_ifs(inputs: Mapping[str, _Input], wave: Ints, years: int, first_growth: float) -> _Run:
    """Deterministic runs: row 0 every input at its median, then each SENSITIVITY_INPUT at its p10 and at its p90.
    A migration slips by the expected delay (share × median slip)."""
    changes = [("", "value")] + [(n, level) for n in SENSITIVITY_INPUTS for level in ("p10", "p90")]
    rows: dict[str, Floats] = {}
    for name in (*SENSITIVITY_INPUTS, "slip_months"):
        median = inputs[name].level("value")
        rows[name] = np.stack([inputs[name].level(level) if name == changed else median for changed, level in changes])
    return _simulate(rows["savings_rate"], rows["migration_cost"], rows["duration"],
                     rows["slip_share"] * rows["slip_months"], rows["baseline"], wave, years, first_growth)


def _monte_carlo(inputs: Mapping[str, _Input], wave: Ints, years: int, first_growth: float,
                 scenario: Scenario) -> _Run:
    """`scenario.draws` runs in which every migration draws its own rate, cost, duration, slip and baseline."""
    rng = np.random.default_rng(scenario.seed)
    draws, count = scenario.draws, len(wave)
    rate, multiple, duration, baseline = (inputs[n].draw(rng, draws) for n in
                                          ("savings_rate", "migration_cost", "duration", "baseline"))
    share = inputs["slip_share"].level("value")[None, :]
    u = rng.random((draws, count))
    # Given that a migration is late (u < share), u / share is again uniform: it picks how late.
    how_late = np.rint(np.minimum(u / np.maximum(share, 1e-12), 1.0) * (QUANTILE_POINTS - 1)).astype(np.intp)
    slip = np.where(u < share, inputs["slip_months"].at(how_late), 0.0)
    return _simulate(rate, multiple, duration, slip, baseline, wave, years, first_growth)


# ---- the projection ----------------------------------------------------------------------------------
def project(plan: Plan, current: pd.DataFrame) -> ScenarioResult:
    """Project `plan` over its horizon next to `current` (columns fiscal_year, net_savings; NaN where the
    database projects nothing). Deterministic for the same plan (the seed is the scenario's)."""
    years = plan.fiscal_years
    k = len(years)
    mig = plan.migrations.reset_index(drop=True)
    count = len(mig)
    current_by_fy = current.set_index("fiscal_year")["net_savings"].astype(float).reindex(years)
    first_growth = (1 + BASELINE_ESCALATION) ** (plan.first_fy - plan.as_of_fy)
    wave = (mig["start_fy"].to_numpy(dtype=np.intp) - plan.first_fy) if count else np.zeros(0, dtype=np.intp)
    inputs = _inputs(plan) if count else {}

    if count and k:
        fixed = _what_ifs(inputs, wave, k, first_growth)
        monte = _monte_carlo(inputs, wave, k, first_growth, plan.scenario)
    else:
        fixed = _Run(np.zeros((1 + 2 * len(SENSITIVITY_INPUTS), k)), np.zeros((1, 0)), np.zeros((1, 0)))
        monte = _Run(np.zeros((1, k)), np.zeros((1, 0)), np.zeros((1, 0)))

    det = fixed.net[0]
    band = np.percentile(monte.net, [10, 50, 90], axis=0) if k else np.zeros((3, 0))
    cumulative = np.cumsum(monte.net, axis=1)
    cum_band = np.percentile(cumulative, [10, 90], axis=0) if k else np.zeros((2, 0))
    go_live = fixed.go_live[0]
    live_by_end = (go_live[None, :] <= 12.0 * np.arange(1, k + 1)[:, None]).sum(axis=1) if k else np.zeros(0)
    total = current_by_fy.to_numpy() + det
    by_fy = pd.DataFrame({
        "fiscal_year": years, "current_projection": current_by_fy.to_numpy(), "scenario": det,
        "scenario_p10": band[0], "scenario_p50": band[1], "scenario_p90": band[2],
        "scenario_mean": monte.net.mean(axis=0), "total": total,
        "cumulative_scenario": np.cumsum(det), "cumulative_scenario_p10": cum_band[0],
        "cumulative_scenario_p90": cum_band[1], "cumulative_total": np.cumsum(total),
        "migrations_live": live_by_end.astype(int),
    })[SCENARIO_BY_FY_COLUMNS]

    break_even_fy = break_even_share = complete_fy = full_run_fy = None
    annual_band: Band | None = None
    migrations = mig.reindex(columns=PLAN_COLUMNS)
    if count and k:
        first_wave = int(wave.min())
        at, ok = _break_even(np.cumsum(fixed.net[:1], axis=1), first_wave)
        break_even_fy = plan.first_fy + int(at[0]) if ok[0] else None
        break_even_share = float(_break_even(cumulative, first_wave)[1].mean())
        live_index = np.floor(go_live / 12.0).astype(int)
        complete_fy = plan.first_fy + int(live_index.max())
        full_index = int(np.ceil(go_live / 12.0 - 1e-9).max())
        full_run_fy = plan.first_fy + full_index
        growth = first_growth * (1 + BASELINE_ESCALATION) ** full_index
        per_draw = monte.annual.sum(axis=1) * growth
        p10, p50, p90 = (float(v) for v in np.percentile(per_draw, [10, 50, 90]))
        annual_band = Band(float(fixed.annual[0].sum() * growth), p10, p50, p90)
        baseline = inputs["baseline"].level("value")
        migrations = migrations.assign(
            go_live_fy=plan.first_fy + live_index, baseline=baseline,
            migration_cost=inputs["migration_cost"].level("value") * baseline * first_growth
            * (1 + BASELINE_ESCALATION) ** wave.astype(float),
            annual_savings=fixed.annual[0])
    migrations = migrations.reindex(columns=MIGRATION_COLUMNS)

    return ScenarioResult(
        by_fy=by_fy, migrations=migrations, assumptions=assumption_frame(plan.assumptions),
        sensitivity=_sensitivity(fixed.net, years), omb=_omb(by_fy, full_run_fy, annual_band),
        break_even_fy=break_even_fy, break_even_share=break_even_share, complete_fy=complete_fy,
        full_run_fy=full_run_fy, annual_savings=annual_band, scenario=plan.scenario, messages=plan.messages)


def _sensitivity(net: Floats, years: list[int]) -> pd.DataFrame:
    """Rows of `net`: the medians, then each SENSITIVITY_INPUT at p10 and p90."""
    window = min(SENSITIVITY_YEARS, len(years))
    if not window or not net.any():
        return pd.DataFrame(columns=SENSITIVITY_COLUMNS)
    five = net[:, :window].sum(axis=1)
    df = pd.DataFrame({
        "input": list(SENSITIVITY_INPUTS), "label": [INPUT_LABELS[n] for n in SENSITIVITY_INPUTS],
        "from_fy": years[0], "to_fy": years[window - 1], "at_p10": five[1::2], "at_p90": five[2::2], "base": five[0],
    })
    df["change"] = df["at_p90"] - df["at_p10"]
    order = df["change"].abs().sort_values(ascending=False, kind="stable").index
    return df.loc[order, SENSITIVITY_COLUMNS].reset_index(drop=True)


def _omb(by_fy: pd.DataFrame, full_run_fy: int | None, annual: Band | None) -> pd.DataFrame:
    """The scenario's average annual net savings in the horizon's full run years (all migrations live all year;
    its first full run year's savings when none falls in the horizon), and with what is already live and in
    flight in the same years, against OMB's $1.25B–$7.5B a year."""
    if full_run_fy is None or annual is None:
        return pd.DataFrame(columns=OMB_COLUMNS)
    run = by_fy[by_fy["fiscal_year"] >= full_run_fy]
    if len(run):
        span = (f"FY{run['fiscal_year'].min()}–FY{run['fiscal_year'].max()}" if len(run) > 1
                else f"FY{run['fiscal_year'].min()}")
        scenario = (float(run["scenario"].mean()), float(run["scenario_p10"].mean()), float(run["scenario_p90"].mean()))
        known = run.dropna(subset=["current_projection"])
        together = ((float(known["total"].mean()), float((known["current_projection"] + known["scenario_p10"]).mean()),
                     float((known["current_projection"] + known["scenario_p90"]).mean())) if len(known) else None)
        together_span = (f"FY{known['fiscal_year'].min()}–FY{known['fiscal_year'].max()}" if len(known) > 1
                         else f"FY{known['fiscal_year'].min()}" if len(known) else "")
    else:
        span, scenario, together, together_span = f"FY{full_run_fy}", (annual.value, annual.p10, annual.p90), None, ""
    rows = [("scenario", "The scenario's migrations", *scenario, span)]
    if together is not None:
        rows.append(("together", "With what is already live and in flight", *together, together_span))
    df = pd.DataFrame(rows, columns=OMB_COLUMNS[:6])
    df["share_of_low"] = df["annual_savings"] / OMB_SAVINGS_LOW
    df["share_of_high"] = df["annual_savings"] / OMB_SAVINGS_HIGH
    return df[OMB_COLUMNS]


def assumption_frame(assumptions: Mapping[str, MarketplaceAssumptions]) -> pd.DataFrame:
    """Every assumption as a row (ASSUMPTION_COLUMNS); kind is set for baselines only."""
    rows: list[tuple[object, ...]] = []
    for m, a in assumptions.items():
        for name in ("savings_rate", "migration_cost", "duration", "slip_share", "slip_months"):
            x: Assumption = getattr(a, name)
            rows.append((m, name, INPUT_LABELS[name], "", x.value, x.p10, x.p90, x.n, x.source))
        for kind, x in a.baseline:
            rows.append((m, "baseline", INPUT_LABELS["baseline"], kind, x.value, x.p10, x.p90, x.n, x.source))
    return pd.DataFrame(rows, columns=ASSUMPTION_COLUMNS)
