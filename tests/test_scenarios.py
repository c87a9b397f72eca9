"""The scenario planner's model: known answers worked out by hand, properties of the projection, the defaults
learned from the hand-built fixture (SQLite and PostgreSQL) and the URL codec on hostile input."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data_access.filters import Filters
from data_access.models import ORG_KINDS
from data_access.ranges import LAST_FY
from data_access.savings import cost_by_fy
from data_access.scenarios import (
    ADOPTION_CANDIDATES_COLUMNS,
    MIGRATION_COLUMNS,
    REALIZED_ENGAGEMENTS_COLUMNS,
    SCENARIO_BY_FY_COLUMNS,
    SENSITIVITY_COLUMNS,
    Assumption,
    MarketplaceAssumptions,
    Plan,
    Scenario,
    ScenarioChoices,
    ScenarioError,
    adoption_candidates,
    benchmark_scenario,
    build_plan,
    current_projection,
    observed_assumptions,
    omb_sentence,
    parse_params,
    project,
    project_scenario,
    realized_engagements,
    takeaway,
    to_params,
)
from data_access.scenarios.assumptions import DAYS_PER_MONTH
from data_access.scenarios.model import PLAN_COLUMNS
from tests.fixture_data import AS_OF

ALL = Filters(fy_from=2024, fy_to=2026)
YEARS = list(range(2027, 2036))  # the horizon after the fixture's as-of date (FY2026), stopped at FY2035
NO_CURRENT = pd.DataFrame({"fiscal_year": YEARS, "net_savings": [0.0] * len(YEARS)})


# ---- helpers -------------------------------------------------------------------------------------------
def fixed(market: str, *, rate: float, cost: float, duration: float, share: float = 0.0, late: float = 0.0,
          baseline: float = 1_000_000.0) -> MarketplaceAssumptions:
    """Assumptions without spread."""
    return MarketplaceAssumptions(market, Assumption.fixed(rate), Assumption.fixed(cost), Assumption.fixed(duration),
                                  Assumption(share, share, share, 0, "set by hand"), Assumption.fixed(late),
                                  tuple((kind, Assumption.fixed(baseline)) for kind in ORG_KINDS))


def plan(rows: list[tuple[str, str, bool, str, int]], assumptions: dict[str, MarketplaceAssumptions], *,
         draws: int = 200, seed: int = 7) -> Plan:
    """A plan of (organization, kind, is_cfo_act, marketplace, start FY) rows over FY2027–FY2035."""
    migrations = pd.DataFrame([(o, o, k, c, m, 1, fy) for o, k, c, m, fy in rows], columns=PLAN_COLUMNS)
    return Plan(migrations=migrations, assumptions=assumptions, first_fy=2027, last_fy=2035, as_of_fy=2026,
                scenario=Scenario(draws=draws, seed=seed))


def by_fy(result, column: str = "scenario") -> dict[int, float]:
    return dict(zip(result.by_fy["fiscal_year"], result.by_fy[column]))


def run_cost_by_fy(engine, filters: Filters) -> dict[int, float]:
    """What the Cost Savings page shows for the horizon FYs."""
    df = cost_by_fy(engine, filters=replace(filters, fy_from=2027, fy_to=2035), as_of=AS_OF)
    return dict(zip(df["fiscal_year"], df["net_savings"]))


# ---- the model, worked by hand -----------------------------------------------------------------------
def test_one_migration_worked_by_hand():
    # DOI migrates to FM from 1 Oct 2026 (wave FY2027). Baseline $1,000,000 in FY2026 dollars, escalating 2.5 %
    # a year: FY2027 1,025,000; FY2028 1,050,625; FY2029 1,076,890.625; ...
    # One-time cost 1.5 × the FY2027 baseline = 1,537,500, spread over 18 months = 85,416.67 a month.
    # Go-live after 18 months: 1 Apr 2028, half way through FY2028. Savings 20 % of the baseline once live.
    p = plan([("DOI", "department", True, "FM", 2027)], {"FM": fixed("FM", rate=0.2, cost=1.5, duration=18)})
    result = project(p, NO_CURRENT)
    expected = {
        2027: -1_025_000.0,  # 12 months of cost: 12 × 85,416.67
        2028: -512_500.0 + 105_062.5,  # 6 months of cost; 6 months live: 1,050,625 × 0.2 × 0.5
        2029: 215_378.125,  # live all year: 1,076,890.625 × 0.2
        2030: 220_762.578125,  # 1,000,000 × 1.025^4 × 0.2
        2031: 226_281.642578125,  # × 1.025 each year from here on
        2032: 231_938.68364257812,
        2033: 237_737.15073364258,
        2034: 243_680.57950198365,
        2035: 249_772.5939895332,
    }
    assert by_fy(result) == pytest.approx(expected, rel=1e-12)
    # Cumulative: -1,432,437.50 after FY2028 ... -56,658.74 after FY2034, +193,113.85 after FY2035.
    assert result.break_even_fy == 2035
    assert result.by_fy["cumulative_scenario"].iloc[-1] == pytest.approx(193_113.8535708622, rel=1e-12)
    assert (result.complete_fy, result.full_run_fy) == (2028, 2029)
    assert result.annual_savings is not None and result.annual_savings.value == pytest.approx(215_378.125)
    # Without spread and without slips every draw is the deterministic answer.
    for q in ("scenario_p10", "scenario_p50", "scenario_p90"):
        assert by_fy(result, q) == pytest.approx(expected, rel=1e-9)
    assert result.migrations.columns.tolist() == MIGRATION_COLUMNS
    row = result.migrations.iloc[0]
    assert (row["go_live_fy"], row["baseline"], row["migration_cost"], row["annual_savings"]) == pytest.approx(
        (2028, 1_000_000.0, 1_537_500.0, 200_000.0))
    assert takeaway(result) == "Migrating DOI to FM shared services by FY2028 saves $215.4K a year from FY2029."
    # Full run years FY2029-FY2035: mean of 215,378.13 ... 249,772.59 = 232,221.69, against OMB's $1.25B-$7.5B.
    omb = result.omb.set_index("measure")
    assert omb.loc["scenario", "annual_savings"] == pytest.approx(sum(list(expected.values())[2:]) / 7)
    assert omb.loc["scenario", "share_of_low"] == pytest.approx(232_221.6893 / 1.25e9)
    assert omb_sentence(result).startswith("In full run years (FY2029–FY2035) the scenario adds $232.2K a year: "
                                           "under 1 % of OMB's $1.25B low estimate and under 1 % of its $7.5B high")


def test_slip_moves_go_live_and_spreads_cost_over_the_longer_implementation():
    # Every migration slips (share 1) by 6 months: 18 + 6 = 24 months, go-live 1 Oct 2028 = first day of FY2029.
    # Cost 1,537,500 over 24 months: 768,750 in FY2027 and in FY2028; no savings before FY2029.
    p = plan([("DOI", "department", True, "FM", 2027)],
             {"FM": fixed("FM", rate=0.2, cost=1.5, duration=18, share=1.0, late=6)})
    got = by_fy(project(p, NO_CURRENT))
    assert got[2027] == pytest.approx(-768_750.0) and got[2028] == pytest.approx(-768_750.0)
    assert got[2029] == pytest.approx(215_378.125)  # live all of FY2029


def test_migration_cost_runs_past_the_horizon_and_a_late_wave():
    # A wave starting in FY2035 with a 30-month implementation pays 12 months of its cost inside the horizon.
    p = plan([("EPA", "independent", False, "FM", 2035)], {"FM": fixed("FM", rate=0.3, cost=1.0, duration=30)})
    result = project(p, NO_CURRENT)
    cost = 1_000_000.0 * 1.025**9  # the FY2035 baseline
    assert by_fy(result)[2035] == pytest.approx(-cost * 12 / 30)
    assert sum(by_fy(result).values()) == pytest.approx(-cost * 12 / 30)
    assert result.break_even_fy is None and result.break_even_share == 0.0
    assert result.full_run_fy == 2038 and result.complete_fy == 2037  # beyond the horizon, still stated


# ---- properties -------------------------------------------------------------------------------------------
migration_rows = st.lists(
    st.tuples(st.sampled_from(["department", "component", "independent"]), st.booleans(),
              st.sampled_from(["FM", "HR"]), st.integers(2027, 2035)),
    min_size=1, max_size=6)
amounts = st.floats(1e3, 1e8)


@settings(max_examples=40, deadline=None)
@given(rows=migration_rows, cost=st.floats(0, 3), duration=st.floats(1, 40), baseline=amounts,
       late=st.floats(0, 12))
def test_rate_zero_gives_exactly_minus_the_migration_costs(rows, cost, duration, baseline, late):
    assumptions = {m: fixed(m, rate=0.0, cost=cost, duration=duration, share=1.0, late=late, baseline=baseline)
                   for m in ("FM", "HR")}
    result = project(plan([(f"O{i}", k, c, m, fy) for i, (k, c, m, fy) in enumerate(rows)], assumptions), NO_CURRENT)
    net = result.by_fy["scenario"].to_numpy()
    assert (net <= 1e-6).all()
    # Each migration's whole cost, pro-rated to the part of its implementation inside the horizon.
    months = max(duration + late, 1 / DAYS_PER_MONTH)
    spent = sum(cost * baseline * 1.025 ** (fy - 2026) * min(1.0, (2036 - fy) * 12 / months) for _, _, _, fy in rows)
    assert net.sum() == pytest.approx(-spent, rel=1e-9, abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(rows=migration_rows, rates=st.tuples(st.floats(-0.5, 0.95), st.floats(-0.5, 0.95)),
       cost=st.floats(0, 3), duration=st.floats(1, 40), share=st.floats(0, 1))
def test_savings_rise_with_the_rate(rows, rates, cost, duration, share):
    low, high = sorted(rates)
    migrations = [(f"O{i}", k, c, m, fy) for i, (k, c, m, fy) in enumerate(rows)]

    def run(rate: float):
        assumptions = {m: fixed(m, rate=rate, cost=cost, duration=duration, share=share, late=4) for m in ("FM", "HR")}
        return project(plan(migrations, assumptions, draws=100), NO_CURRENT).by_fy

    a, b = run(low), run(high)
    for column in ("scenario", "scenario_p10", "scenario_p50", "scenario_p90", "cumulative_scenario"):
        assert (b[column].to_numpy() >= a[column].to_numpy() - 1e-6).all()


def test_same_inputs_and_seed_give_the_same_band_and_another_seed_another():
    market = MarketplaceAssumptions(
        "FM", Assumption.of([0.05, 0.2, 0.3, 0.35], "t"), Assumption.of([0.5, 1.0, 2.5], "t"),
        Assumption.of([6, 18, 30], "t"), Assumption(0.3, 0.1, 0.5, 10, "t"), Assumption.of([2, 8], "t"),
        tuple((k, Assumption.of([1e6, 5e6, 2e7], "t")) for k in ORG_KINDS))
    rows = [(f"O{i}", "component", False, "FM", 2027 + i % 3) for i in range(20)]
    first = project(plan(rows, {"FM": market}, seed=11), NO_CURRENT).by_fy
    again = project(plan(rows, {"FM": market}, seed=11), NO_CURRENT).by_fy
    other = project(plan(rows, {"FM": market}, seed=12), NO_CURRENT).by_fy
    pd.testing.assert_frame_equal(first, again)
    assert not np.allclose(first["scenario_p50"], other["scenario_p50"])
    assert (first["scenario_p10"] <= first["scenario_p50"]).all() and (first["scenario_p50"] <= first["scenario_p90"]).all()


@pytest.mark.parametrize("share", [0.0, 1.0])
def test_zero_spread_band_centres_on_the_deterministic_answer(share):
    rows = [(f"O{i}", "component", False, m, 2027 + i % 2) for i, m in enumerate(["FM", "HR"] * 10)]
    assumptions = {m: fixed(m, rate=0.25, cost=1.2, duration=15, share=share, late=5) for m in ("FM", "HR")}
    df = project(plan(rows, assumptions), NO_CURRENT).by_fy
    assert df["scenario_p50"].to_numpy() == pytest.approx(df["scenario"].to_numpy(), rel=0.02)


def test_zero_spread_with_some_slips_stays_within_two_percent_over_the_horizon():
    # Half the migrations slip; the deterministic answer slips each by the expected delay (0.5 × 4 months).
    rows = [(f"O{i}", "component", False, "FM", 2027) for i in range(60)]
    df = project(plan(rows, {"FM": fixed("FM", rate=0.25, cost=1.2, duration=15, share=0.5, late=4)},
                      draws=2000), NO_CURRENT).by_fy
    last = df.iloc[-1]
    assert last["cumulative_scenario_p10"] <= last["cumulative_scenario"] <= last["cumulative_scenario_p90"]
    steady = df[df["fiscal_year"] >= 2030]  # every migration live all year
    assert steady["scenario_p50"].to_numpy() == pytest.approx(steady["scenario"].to_numpy(), rel=0.02)


def test_sensitivity_moves_one_input_at_a_time():
    market = MarketplaceAssumptions(
        "FM", Assumption(0.2, 0.1, 0.3, 5, "t", (0.1, 0.2, 0.3)), Assumption.fixed(1.0), Assumption.fixed(12),
        Assumption(0.0, 0.0, 0.0, 5, "t"), Assumption.fixed(0.0),
        tuple((k, Assumption.fixed(1e6)) for k in ORG_KINDS))
    result = project(plan([("DOI", "department", True, "FM", 2027)], {"FM": market}), NO_CURRENT)
    s = result.sensitivity.set_index("input")
    assert result.sensitivity.columns.tolist() == SENSITIVITY_COLUMNS
    # Live from FY2028 (12 months): savings FY2028-FY2031 = rate × 1e6 × (1.025^2 + 1.025^3 + 1.025^4 + 1.025^5);
    # moving the rate from 0.1 to 0.3 changes five-year savings by 0.2 × 1e6 × that sum.
    growth = sum(1.025**k for k in range(2, 6))
    assert s.loc["savings_rate", "change"] == pytest.approx(0.2 * 1e6 * growth)
    assert s.loc["duration", "change"] == 0 and s.loc["slip_share", "change"] == 0
    assert result.sensitivity["input"].iloc[0] == "savings_rate"  # largest swing first
    assert (s["from_fy"].iloc[0], s["to_fy"].iloc[0]) == (2027, 2031)


# ---- defaults learned from the fixture ------------------------------------------------------------------
def test_realized_engagements_and_defaults(fixture_engine):
    realized = realized_engagements(fixture_engine, as_of=AS_OF)
    # E1 (NPS) and E2 (USGS) are live on 30 Sep 2026; E3-E5 are not. FY2027 rows are projections.
    assert realized["organization"].tolist() == ["NPS", "USGS"]
    fm = observed_assumptions(realized, as_of=AS_OF, marketplaces=["FM", "HR"])["FM"]
    # Rates in full live years (FY2026 for both: E1 went live 30 Sep 2025, E2 on 1 Oct 2025, the first day):
    # E1 1 - 700/1000 = 0.30, E2 1 - 1300/2000 = 0.35 -> median 0.325, p10 0.305, p90 0.345.
    assert (fm.savings_rate.value, fm.savings_rate.p10, fm.savings_rate.p90, fm.savings_rate.n) == pytest.approx(
        (0.325, 0.305, 0.345, 2))
    assert fm.savings_rate.source == ("median of 2 realized FM engagements with a full live year "
                                      "(1 − run cost ÷ baseline)")
    # Migration cost ÷ latest baseline: only E2, whose implementation (from 1 Oct 2024, FY2025) is in the cost
    # table: 300 / 2000 = 0.15. E1 started implementing in FY2023, before its first cost row (FY2025).
    assert (fm.migration_cost.value, fm.migration_cost.n) == (pytest.approx(0.15), 1)
    # Durations: E1 1 Jul 2023 -> 30 Sep 2025 = 822 days; E2 1 Oct 2024 -> 1 Oct 2025 = 365 days.
    assert fm.duration.value == pytest.approx((822 + 365) / 2 / DAYS_PER_MONTH)
    # Slips: E1 went live 121 days after its planned 1 Jun 2025; E2 on its planned date. Share 1 of 2,
    # resampled Binomial(2, 0.5): P(0) = 0.25 >= 0.1 -> p10 0; P(<=1) = 0.75 < 0.9 -> p90 1.
    assert (fm.slip_share.value, fm.slip_share.p10, fm.slip_share.p90) == (0.5, 0.0, 1.0)
    assert fm.slip_months.value == pytest.approx(121 / DAYS_PER_MONTH)
    # Baselines: NPS 1000, USGS 2000 in FY2026 (the as-of FY, so no escalation) -> median 1500.
    component = fm.baseline_for("component")
    assert (component.value, component.p10, component.p90, component.n) == pytest.approx((1500, 1100, 1900, 2))
    assert fm.baseline_for("department").source.startswith("no department has a realized FM engagement")
    # No HR engagement is live: HR borrows every marketplace's observations and says so.
    hr = observed_assumptions(realized, as_of=AS_OF, marketplaces=["HR"])["HR"]
    assert hr.savings_rate.value == pytest.approx(0.325)
    assert hr.savings_rate.source.startswith("no realized HR engagement with a full live year yet")


def test_adoption_candidates(fixture_engine):
    df = adoption_candidates(fixture_engine, filters=ALL, as_of=AS_OF)
    assert df.columns.tolist() == ADOPTION_CANDIDATES_COLUMNS
    # FM: NPS, USGS live; FTC's FM engagement was cancelled, so FTC may adopt; DOI and HHS have none.
    # HR: FTC at risk and DOI in discovery are in flight. CFO Act departments first, then components, independents.
    assert list(zip(df["organization"], df["marketplace"])) == [
        ("DOI", "FM"), ("HHS", "FM"), ("HHS", "HR"), ("NPS", "HR"), ("USGS", "HR"), ("FTC", "FM")]
    doi = adoption_candidates(fixture_engine, filters=Filters(fy_from=2024, fy_to=2026, organizations=("DOI",),
                                                               marketplaces=("HR",)), as_of=AS_OF)
    assert list(doi["organization"]) == ["NPS", "USGS"]  # DOI includes its components; DOI itself is in flight
    empty = adoption_candidates(fixture_engine, filters=Filters(fy_from=2024, fy_to=2026, organizations=("NPS",),
                                                                 marketplaces=("FM",)), as_of=AS_OF)
    assert empty.empty and empty.columns.tolist() == ADOPTION_CANDIDATES_COLUMNS


def test_default_scenario_on_the_fixture(fixture_engine):
    result = project_scenario(fixture_engine, Scenario(), filters=ALL, as_of=AS_OF)
    mig = result.migrations
    # Wave 1 (FY2027): the CFO Act departments DOI and HHS; wave 2 (FY2028): NPS, USGS (components) and FTC.
    assert dict(zip(zip(mig["organization"], mig["marketplace"]), mig["start_fy"])) == {
        ("DOI", "FM"): 2027, ("HHS", "FM"): 2027, ("HHS", "HR"): 2027, ("NPS", "HR"): 2028, ("USGS", "HR"): 2028,
        ("FTC", "FM"): 2028}
    assert result.by_fy.columns.tolist() == SCENARIO_BY_FY_COLUMNS
    assert result.by_fy["fiscal_year"].tolist() == YEARS
    assert "The projection stops at FY2035" in result.messages[0]
    # What is already live: FY2027 E1 projected 1000 - 700 = 300; the cost table ends in FY2027.
    current = by_fy(result, "current_projection")
    assert current[2027] == pytest.approx(300) and all(math.isnan(current[fy]) for fy in YEARS[1:])
    assert by_fy(result, "total")[2027] == pytest.approx(300 + by_fy(result)[2027])
    text = takeaway(result)
    assert text.startswith("Migrating the 5 remaining organizations (2 CFO Act departments, 2 components and "
                           "1 independent agency) to FM and HR shared services by FY2029 saves $")
    assert text.endswith(" a year from FY2030.")
    assert omb_sentence(result).startswith("In full run years (FY2030–FY2035) the scenario adds $")


def test_an_empty_scenario_is_the_current_projection(fixture_engine):
    doi = Filters(fy_from=2024, fy_to=2026, organizations=("DOI",))
    # NPS is live in FM already: nothing to migrate.
    result = project_scenario(fixture_engine, Scenario(organizations=("NPS",), marketplaces=("FM",)), filters=doi,
                              as_of=AS_OF)
    assert result.migrations.empty and result.migrations.columns.tolist() == MIGRATION_COLUMNS
    assert (result.by_fy["scenario"] == 0).all() and (result.by_fy["scenario_p90"] == 0).all()
    assert result.break_even_fy is None and result.annual_savings is None and result.sensitivity.empty
    assert ("Left out, as already live or in flight in the chosen marketplaces or outside the filters: NPS."
            in result.messages)
    page = run_cost_by_fy(fixture_engine, doi)
    assert page == {2027: pytest.approx(300)}
    assert by_fy(result, "total")[2027] == pytest.approx(page[2027])
    assert by_fy(result, "current_projection")[2027] == pytest.approx(page[2027])
    assert takeaway(result).startswith("No organization within these filters is left to migrate")


def test_current_projection_matches_the_cost_savings_page(fixture_engine):
    for filters in (ALL, Filters(fy_from=2024, fy_to=2026, organizations=("USGS",)),
                    Filters(fy_from=2020, fy_to=2026, marketplaces=("HR",)),
                    Filters(fy_from=2020, fy_to=2026, provider_type="federal")):
        current = current_projection(fixture_engine, filters=filters, as_of=AS_OF, fiscal_years=YEARS)
        page = run_cost_by_fy(fixture_engine, filters)
        known = current.dropna()
        assert dict(zip(known["fiscal_year"], known["net_savings"])) == {
            fy: pytest.approx(page.get(fy, 0.0)) for fy in known["fiscal_year"]}
        assert known["fiscal_year"].tolist() == [2027]  # the fixture's cost table stops at FY2027


def test_overrides_and_waves_reach_the_projection(fixture_engine):
    scenario = Scenario(marketplaces=("FM",), wave_starts=(2029, 2031), wave_of=(("FTC", 1),),
                        overrides=(("FM", "savings_rate", 0.22), ("FM", "slip_share", 0.0)))
    result = project_scenario(fixture_engine, scenario, filters=ALL, as_of=AS_OF)
    assert dict(zip(result.migrations["organization"], result.migrations["start_fy"])) == {
        "DOI": 2029, "HHS": 2029, "FTC": 2029}
    a = result.assumptions.set_index(["marketplace", "input"])
    assert a.loc[("FM", "savings_rate"), "value"] == 0.22
    assert a.loc[("FM", "savings_rate"), "source"].startswith("set in the link (observed median 0.325)")
    assert (result.by_fy.loc[result.by_fy["fiscal_year"] < 2029, "scenario"] == 0).all()
    assert result.break_even_fy is not None and result.break_even_fy >= 2029


def test_marketplace_without_any_realized_engagement_is_left_out():
    candidates = pd.DataFrame([("DOI", "Interior", "department", True, "FM")], columns=ADOPTION_CANDIDATES_COLUMNS)
    realized = pd.DataFrame(columns=REALIZED_ENGAGEMENTS_COLUMNS)
    p = build_plan(Scenario(), realized=realized, candidates=candidates, as_of=AS_OF)
    assert p.migrations.empty
    assert any("nothing to learn FM's savings from" in m for m in p.messages)


def test_a_wave_without_a_start_year_falls_back_to_the_default(fixture_engine):
    result = project_scenario(fixture_engine, Scenario(marketplaces=("FM",), wave_of=(("FTC", 3),)), filters=ALL,
                              as_of=AS_OF)
    assert "FTC was put in wave 3, but there are 2; its default wave is used." in result.messages
    assert result.migrations.set_index("organization").loc["FTC", "start_fy"] == 2028


@pytest.mark.parametrize(("rate", "expected"), [
    (0.2, "Migrating the 2 remaining CFO Act departments to FM and HR shared services by FY2028 saves $430.8K a "
          "year from FY2029."),  # 2 × 1,000,000 × 1.025^3 × 0.2
    (-0.1, "Migrating the 2 remaining CFO Act departments to FM and HR shared services by FY2028 costs $215.4K a "
           "year more than it saves from FY2029."),
])
def test_takeaway_wording(rate, expected):
    rows = [("DOJ", "department", True, "FM", 2027), ("EPA", "department", True, "HR", 2027)]
    p = plan(rows, {m: fixed(m, rate=rate, cost=1.0, duration=18) for m in ("FM", "HR")})
    assert takeaway(project(p, NO_CURRENT)) == expected


def test_nothing_left_to_project(fixture_engine):
    result = project_scenario(fixture_engine, Scenario(), filters=ALL, as_of=date(2035, 9, 30))
    assert result.by_fy.empty and result.by_fy.columns.tolist() == SCENARIO_BY_FY_COLUMNS
    assert result.messages == ("Nothing is left to project: FY2035 is the last fiscal year the dashboard shows.",)
    assert takeaway(result) == "No fiscal year is left to project within the years the dashboard shows."
    assert omb_sentence(result) == ""


def test_benchmark_timing_runs(fixture_engine):
    assert benchmark_scenario(fixture_engine, repeats=1, draws=100) > 0


# ---- the URL codec ----------------------------------------------------------------------------------------
CHOICES = ScenarioChoices(frozenset({"DOI", "NPS", "USGS", "FTC", "HHS"}), frozenset({"FM", "HR"}), 2027, LAST_FY)

scenarios = st.builds(
    Scenario,
    marketplaces=st.lists(st.sampled_from(["FM", "HR"]), unique=True).map(tuple),
    organizations=st.lists(st.sampled_from(sorted(CHOICES.organization_codes)), unique=True).map(tuple),
    wave_starts=st.lists(st.integers(2027, LAST_FY), max_size=5).map(tuple),
    wave_of=st.dictionaries(st.sampled_from(sorted(CHOICES.organization_codes)), st.integers(1, 5)).map(
        lambda d: tuple(d.items())),
    overrides=st.dictionaries(
        st.tuples(st.sampled_from(["FM", "HR"]), st.sampled_from(["savings_rate", "slip_share"])),
        st.decimals(0, "0.95", places=4).map(float)).map(lambda d: tuple((m, n, v) for (m, n), v in d.items())),
    draws=st.integers(100, 10_000), seed=st.integers(0, 2**31 - 1), horizon_years=st.integers(1, 10))


@settings(max_examples=100, deadline=None)
@given(scenarios)
def test_url_round_trip(scenario):
    assert parse_params(to_params(scenario), CHOICES) == (scenario, [])


def test_url_short_names_and_defaults():
    assert to_params(Scenario()) == {}
    s = Scenario(marketplaces=("FM",), organizations=("DOI",), wave_starts=(2028,), wave_of=(("FTC", 1),),
                 overrides=(("FM", "savings_rate", 0.22),), draws=500, seed=3)
    assert to_params(s) == {"sc_m": ["FM"], "sc_org": ["DOI"], "sc_wave": ["2028"], "sc_wave_FTC": ["1"],
                            "sc_rate_FM": ["0.22"], "sc_draws": ["500"], "sc_seed": ["3"]}
    parsed, problems = parse_params({"sc_m": ["fm"], "sc_wave": ["FY2028"], "sc_rate_fm": ["22%"],
                                     "agency": ["whatever"]}, CHOICES)
    assert problems == []
    assert (parsed.marketplaces, parsed.wave_starts, parsed.overrides) == (("FM",), (2028,), (("FM", "savings_rate", 0.22),))


@pytest.mark.parametrize(("params", "fragment"), [
    ({"sc_m": ["XX"]}, "Unknown marketplace code “XX”"),
    ({"sc_org": ["<script>"]}, "Unknown agency code “<script>”"),
    ({"sc_draws": ["9" * 5000]}, "is not a plain number"),
    ({"sc_seed": ["²⁰²⁸"]}, "“²⁰²⁸” is not a plain number"),
    ({"sc_wave": ["２０２８"]}, "Wave start year “２０２８” is not a plain number"),
    ({"sc_wave": ["٢٠٢٨"]}, "is not a plain number"),
    ({"sc_wave": ["2015"]}, "Wave start year “2015” is outside 2027–2035"),
    ({"sc_rate_FM": ["1.5"]}, "sc_rate_FM “1.5” is outside -0.5–0.95"),
    ({"sc_rate_FM": ["nan"]}, "is not a plain number"),
    ({"sc_dur_FM": ["inf"]}, "is not a plain number"),
    ({"sc_cost_FM": ["1e3"]}, "is not a plain number"),
    ({"sc_cost_FM": ["50%"]}, "is not a plain number"),  # a multiple, not a share
    ({"sc_rate_ZZ": ["0.2"]}, "Unknown marketplace code “ZZ”"),
    ({"sc_wave_NOPE": ["1"]}, "Unknown agency code “NOPE”"),
    ({"sc_wave_DOI": ["9"]}, "The wave of DOI “9” is outside 1–5"),
    ({"sc_bogus": ["1"]}, "Unknown scenario parameter “sc_bogus”"),
    ({"sc_m": ["FM"] * 50}, "sc_m was given 50 times; only the first 2 were used."),
    ({"sc_org": ["DOI"] * 1000}, "sc_org was given 1000 times; only the first 250 were used."),
    ({"sc_wave": ["2028"] * 9}, "sc_wave was given 9 times; only the first 5 were used."),
    ({"sc_draws": ["50"]}, "sc_draws “50” is outside 100–10000"),
    ({"sc_years": ["1", "2"]}, "sc_years was given 2 times; only the first was used."),
    ({f"sc_x{i}": ["1"] for i in range(400)}, "only the first 290 were read"),
])
def test_bad_url_parameters_give_messages_and_defaults(params, fragment):
    scenario, problems = parse_params(params, CHOICES)
    assert any(fragment in p for p in problems), problems
    assert isinstance(scenario, Scenario)
    assert all(len(p) < 200 for p in problems)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["sc_m", "sc_org", "sc_wave", "sc_wave_DOI", "sc_rate_FM", "sc_slip_HR",
                                        "sc_dur_FM", "sc_draws", "sc_seed", "sc_years"]) | st.text(max_size=12),
                       st.lists(st.text(max_size=30), max_size=4)))
def test_any_parameters_give_a_scenario_never_an_exception(params):
    scenario, problems = parse_params(params, CHOICES)
    assert isinstance(scenario, Scenario) and all(isinstance(p, str) for p in problems)


def test_scenario_refuses_bad_values_when_built_directly():
    with pytest.raises(ScenarioError):
        Scenario(overrides=(("FM", "savings_rate", float("nan")),))
    with pytest.raises(ScenarioError):
        Scenario(draws=10)
    with pytest.raises(ScenarioError):
        Scenario(wave_of=(("DOI", 1), ("DOI", 2)))
    assert Scenario(wave_of=(("USGS", 2), ("DOI", 1))) == Scenario(wave_of=(("DOI", 1), ("USGS", 2)))
