"""Known-answer tests of every query on the hand-built fixture (tests/fixture_data.py), on SQLite and
PostgreSQL. Expected values are worked out by hand in the comments."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from charts.highlights import highlight_queries, highlight_sentences
from data_access import adoption, headlines, performance, savings
from data_access.catalog import load_catalog, organizations
from data_access.filters import Filters
from tests.fixture_data import AS_OF

ALL = Filters(fy_from=2024, fy_to=2026)


def row(df: pd.DataFrame, **match) -> pd.Series:
    sel = df
    for k, v in match.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, f"expected one row for {match}, got {len(sel)}"
    return sel.iloc[0]


def test_catalog(fixture_engine):
    cat = load_catalog(fixture_engine)
    assert cat.organization_codes == {"DOI", "NPS", "USGS", "FTC", "HHS"}
    assert (cat.fy_min, cat.fy_max, cat.default_fy_to) == (2024, 2027, 2026)  # cost FYs 2024..2027; as-of FY2026
    orgs = organizations(fixture_engine)
    # sorted by department name ("...Health..." before "...the Interior"), components under their department
    assert list(orgs["code"]) == ["HHS", "DOI", "NPS", "USGS", "FTC"]


def test_adoption_counts_fiscal_year_boundary(fixture_engine):
    counts = headlines.adoption_counts_by_fy(fixture_engine, filters=Filters(fy_from=2024, fy_to=2026),
                                             as_of=AS_OF).set_index("fiscal_year")
    # E1 went live 2025-09-30 (FY2025), E2 2025-10-01 (FY2026).
    assert counts.loc[2023, "customer_agencies"] == 0
    assert counts.loc[2025, "customer_agencies"] == 1  # NPS only
    assert counts.loc[2026, "customer_agencies"] == 2  # NPS, USGS
    # In flight at 2023-09-30: E1. At 2024-09-30: E1, E2 (E5 cancelled 2024-09-01).
    # At 2025-09-30: E2, E3. At 2026-09-30: E3 (at risk), E4 (discovery).
    assert counts["engagements_in_flight"].to_dict() == {2023: 1, 2024: 2, 2025: 2, 2026: 2}


def test_net_savings_and_cumulative(fixture_engine):
    s = headlines.headline_series(fixture_engine, filters=ALL, as_of=AS_OF).set_index("fiscal_year")
    # FY2024: E5 400-400-100 = -100. FY2025: E1 1000-1000-500 + E2 2000-2000-300 = -800.
    # FY2026: E1 1000-700 + E2 2000-1300 = 1000.
    assert s.loc[2024, "net_savings"] == pytest.approx(-100)
    assert s.loc[2025, "net_savings"] == pytest.approx(-800)
    assert s.loc[2026, "net_savings"] == pytest.approx(1000)
    assert math.isnan(s.loc[2023, "net_savings"])
    assert s.loc[2026, "cumulative_net_savings"] == pytest.approx(-100 - 800 + 1000)
    assert math.isnan(s.loc[2023, "cumulative_net_savings"])


def test_sla_and_satisfaction(fixture_engine):
    s = headlines.headline_series(fixture_engine, filters=ALL, as_of=AS_OF).set_index("fiscal_year")
    # FY2025: one value, 99.7 >= 99.5. FY2026: 99.2 no, 98.0 no, 99.6 yes, 99.5 yes (equal), 85 no (>80), 100 no.
    assert s.loc[2025, "sla_attainment"] == pytest.approx(1.0)
    assert s.loc[2026, "sla_attainment"] == pytest.approx(2 / 6)
    # FY2026 satisfaction: (6.0*10 + 5.0*30) / 40 = 5.25; FY2025: 4.0.
    assert s.loc[2026, "customer_satisfaction"] == pytest.approx(5.25)
    assert s.loc[2025, "customer_satisfaction"] == pytest.approx(4.0)


def test_filters_narrow_every_headline(fixture_engine):
    nps = headlines.headline_series(fixture_engine, filters=Filters(fy_from=2024, fy_to=2026, organizations=("NPS",)),
                                    as_of=AS_OF)
    nps = nps.set_index("fiscal_year")
    assert nps.loc[2026, "customer_agencies"] == 1
    assert nps.loc[2026, "net_savings"] == pytest.approx(300)
    assert nps.loc[2026, "sla_attainment"] == pytest.approx(1 / 2)  # 99.2 no, 99.6 yes
    doi = headlines.headline_series(fixture_engine, filters=Filters(fy_from=2024, fy_to=2026, organizations=("DOI",)),
                                    as_of=AS_OF)
    doi = doi.set_index("fiscal_year")  # the department rolls up NPS and USGS (and its own E4)
    assert doi.loc[2026, "customer_agencies"] == 2
    assert doi.loc[2026, "engagements_in_flight"] == 1  # E4
    assert doi.loc[2026, "net_savings"] == pytest.approx(1000)
    fm = headlines.headline_series(fixture_engine, filters=Filters(fy_from=2024, fy_to=2026, marketplaces=("FM",)), as_of=AS_OF)
    assert fm.set_index("fiscal_year").loc[2026, "sla_attainment"] == pytest.approx(2 / 4)
    commercial = headlines.headline_series(fixture_engine, filters=Filters(fy_from=2024, fy_to=2026, provider_type="commercial"),
                                           as_of=AS_OF)
    c = commercial.set_index("fiscal_year")
    assert c.loc[2026, "customer_agencies"] == 0 and c.loc[2026, "engagements_in_flight"] == 1  # E3


def test_headline_tiles(fixture_engine):
    tiles = {t.headline.key: t for t in headlines.headline_tiles(headlines.headline_series(fixture_engine, filters=ALL,
                                                                                           as_of=AS_OF), 2026)}
    assert (tiles["customer_agencies"].value, tiles["customer_agencies"].delta) == (2, 1)
    assert tiles["net_savings"].delta == pytest.approx(1000 - (-800))
    assert tiles["cumulative_net_savings"].value == pytest.approx(100)
    assert tiles["sla_attainment"].delta == pytest.approx(2 / 6 - 1.0)
    assert tiles["customer_satisfaction"].trend == [4.0, 5.25]


def test_adoption_by_stage(fixture_engine):
    df = adoption.adoption_by_stage(fixture_engine, filters=ALL, as_of=AS_OF)
    got = {(r.marketplace, r.stage): r.engagements for r in df.itertuples()}
    assert got == {("FM", "operational"): 2, ("FM", "cancelled"): 1, ("HR", "discovery"): 1, ("HR", "at_risk"): 1}
    earlier = adoption.adoption_by_stage(fixture_engine, filters=Filters(fy_from=2024, fy_to=2025), as_of=AS_OF)
    got = {(r.marketplace, r.stage): r.engagements for r in earlier.itertuples()}
    # At 2025-09-30: E1 operational, E2 implementing, E5 cancelled, E3 agreement (implementing from Nov).
    assert got == {("FM", "operational"): 1, ("FM", "implementing"): 1, ("FM", "cancelled"): 1, ("HR", "agreement"): 1}


def test_stage_matrix_rolls_up_components(fixture_engine):
    df = adoption.organization_stage_matrix(fixture_engine, filters=ALL, as_of=AS_OF)
    assert row(df, organization="DOI", marketplace="FM")["stage"] == "operational"
    assert row(df, organization="DOI", marketplace="FM")["engagements"] == 2
    assert row(df, organization="DOI", marketplace="HR")["stage"] == "discovery"
    assert row(df, organization="FTC", marketplace="HR")["stage"] == "at_risk"
    assert row(df, organization="FTC", marketplace="FM")["stage"] == "cancelled"
    doi = Filters(fy_from=2024, fy_to=2026, organizations=("DOI",))
    narrowed = adoption.organization_stage_matrix(fixture_engine, filters=doi, as_of=AS_OF)
    assert set(narrowed["organization"]) == {"NPS", "USGS", "DOI"}


def test_go_lives_coverage_customers(fixture_engine):
    live = adoption.go_lives_by_month(fixture_engine, filters=ALL, as_of=AS_OF)
    assert list(live["cumulative"]) == [1, 2]
    assert list(live["month"].dt.month) == [9, 10]
    cov = adoption.cfo_act_coverage(fixture_engine, filters=ALL, as_of=AS_OF).set_index("marketplace")
    assert cov.loc["FM", "departments_covered"] == 1 and cov.loc["FM", "departments"] == 2  # DOI of DOI, HHS
    assert cov.loc["FM", "coverage"] == 0.5
    assert cov.loc["HR", "coverage"] == 0
    cust = adoption.customers_by_marketplace(fixture_engine, filters=ALL, as_of=AS_OF)
    assert cust.to_dict("records") == [{"marketplace": "FM", "provider_type": "federal", "customers": 2}]


def test_engagements_in_flight_slip(fixture_engine):
    df = adoption.engagements_in_flight(fixture_engine, filters=ALL, as_of=AS_OF)
    # E3: 2026-06-01 -> 2027-01-01 = 214 days = 7.0 months; E4: 2027-03-01 -> 2027-05-01 = 61 days = 2.0 months.
    assert list(df["organization"]) == ["FTC", "DOI"]
    assert list(df["slip_months"]) == [7, 2]
    assert list(df["at_risk"]) == [True, False]


def test_savings_queries(fixture_engine):
    by_fy = savings.cost_by_fy(fixture_engine, filters=Filters(fy_from=2024, fy_to=2027), as_of=AS_OF).set_index("fiscal_year")
    assert by_fy.loc[2026, "baseline_cost"] == 3000 and by_fy.loc[2026, "run_cost"] == 2000
    assert bool(by_fy.loc[2027, "projected"]) and not bool(by_fy.loc[2026, "projected"])
    by_market = savings.savings_by_marketplace(fixture_engine, filters=ALL, as_of=AS_OF)
    split = {(r.marketplace, r.savings_type): r.net_savings for r in by_market.itertuples()}
    # hard: E1 (-500 + 300) + E5 (-100) = -300; avoidance: E2 (-300 + 700) = 400
    assert split == {("FM", "avoidance"): pytest.approx(400), ("FM", "hard"): pytest.approx(-300)}
    orgs = savings.savings_by_organization(fixture_engine, filters=ALL, as_of=AS_OF)
    assert row(orgs, organization="DOI", savings_type="hard")["total_net_savings"] == pytest.approx(200)
    assert row(orgs, organization="DOI", savings_type="hard")["rank"] == 1
    assert row(orgs, organization="FTC", savings_type="hard")["rank"] == 2
    cohorts = savings.cohort_cumulative_savings(fixture_engine, filters=Filters(fy_from=2024, fy_to=2027), as_of=AS_OF)
    e1 = cohorts[cohorts["cohort"] == 2025]  # E1: -500, +300, +300 -> -500, -200, 100
    assert list(e1["cumulative"]) == pytest.approx([-500, -200, 100]) and e1["break_even_fy"].iloc[0] == 2027
    e2 = cohorts[cohorts["cohort"] == 2026]  # E2: -300, +700 -> break-even FY2026
    assert list(e2["cumulative"]) == pytest.approx([-300, 400]) and e2["break_even_fy"].iloc[0] == 2026
    prices = savings.payroll_unit_prices(fixture_engine, filters=ALL, as_of=AS_OF)
    assert list(prices["unit_price"]) == [70.0]


def test_performance_queries(fixture_engine):
    card = performance.scorecard(fixture_engine, filters=ALL, as_of=AS_OF)
    # FY2026 ARC Core FM: 99.2 (NPS Oct), 98.0 (USGS Oct), 99.6 (NPS Sep), 99.5 (USGS Sep): mean 396.3 / 4 = 99.075;
    # two of four customer-months reach 99.5 -> 50 % met, below 75 % -> misses (the latest month alone would meet).
    fm = row(card, solution="ARC Core FM")
    assert fm["value"] == pytest.approx(99.075) and fm["met_share"] == pytest.approx(0.5)
    assert (fm["customer_months"], fm["customers_reporting"], fm["status"]) == (4, 2, "misses")
    assert pd.Timestamp(fm["latest_month"]) == pd.Timestamp("2026-09-01")
    pay = row(card, solution="ARC Payroll")  # 85 and 100 days against <= 80: none met, mean 92.5
    assert pay["value"] == pytest.approx(92.5) and pay["met_share"] == 0 and pay["status"] == "misses"
    comp = performance.provider_comparison(fixture_engine, filters=ALL, as_of=AS_OF).set_index("solution")
    assert comp.loc["ARC Core FM", "sla_attainment"] == pytest.approx(0.5)
    assert comp.loc["ARC Core FM", "customer_satisfaction"] == pytest.approx(5.25)
    assert comp.loc["ARC Core FM", "customers"] == 2 and comp.loc["ARC Payroll", "customers"] == 0
    assert math.isnan(comp.loc["Vendor HCM", "sla_attainment"])
    q = performance.sla_by_quarter(fixture_engine, filters=ALL, as_of=AS_OF)
    assert row(q, fiscal_year=2026, fiscal_quarter=1, group="FM")["sla_attainment"] == pytest.approx(0.0)
    assert row(q, fiscal_year=2026, fiscal_quarter=4, group="FM")["sla_attainment"] == pytest.approx(1.0)
    sat = performance.satisfaction_by_quarter(fixture_engine, filters=ALL, as_of=AS_OF)
    assert row(sat, fiscal_year=2026, fiscal_quarter=1, group="FM")["customer_satisfaction"] == pytest.approx(5.25)
    cov = performance.reporting_coverage(fixture_engine, filters=ALL, as_of=AS_OF).set_index("organization")
    # NPS live from Oct 2025: 12 months expected, reported Oct and Sep. USGS from Nov 2025: 11 expected, 2 reported.
    assert (cov.loc["NPS", "months_expected"], cov.loc["NPS", "months_reported"]) == (12, 2)
    assert (cov.loc["USGS", "months_expected"], cov.loc["USGS", "months_reported"]) == (11, 2)


@pytest.mark.parametrize(("share", "expected"), [
    (1.0, "meets"), (0.90, "meets"), (0.8999, "near"), (0.75, "near"), (0.7499, "misses"), (0.0, "misses"),
    (None, None), (float("nan"), None),
])
def test_target_status_thresholds(share, expected):
    assert performance.target_status(share) == expected


def test_highlights(fixture_engine):
    frames = [fn(fixture_engine, filters=ALL, as_of=AS_OF, **options) for fn, options in highlight_queries(ALL)]
    text = " ".join(highlight_sentences(frames, ALL, AS_OF))
    assert "Department of the Interior" in text and "$200" in text
    assert "1 engagement is at risk" in text
    assert date(2026, 9, 30)  # as-of used for FY2026
