"""Every query keeps its contract: keyword filters and as-of date, and exactly its declared columns — also when
nothing is in scope (on SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from data_access import adoption, headlines, marketplace, performance, profiles, savings
from data_access.filters import Filters
from tests.fixture_data import AS_OF

CONTRACTS = [
    (adoption.adoption_by_stage, adoption.ADOPTION_BY_STAGE_COLUMNS),
    (adoption.organization_stage_matrix, adoption.STAGE_MATRIX_COLUMNS),
    (adoption.go_lives_by_month, adoption.GO_LIVES_COLUMNS),
    (adoption.customers_by_marketplace, adoption.CUSTOMERS_COLUMNS),
    (adoption.cfo_act_coverage, adoption.CFO_ACT_COVERAGE_COLUMNS),
    (adoption.engagements_in_flight, adoption.ENGAGEMENTS_IN_FLIGHT_COLUMNS),
    (adoption.at_risk_engagements, adoption.ENGAGEMENTS_IN_FLIGHT_COLUMNS),
    (headlines.adoption_counts_by_fy, headlines.ADOPTION_COUNTS_COLUMNS),
    (headlines.net_savings_by_fy, headlines.NET_SAVINGS_BY_FY_COLUMNS),
    (headlines.sla_by_fy, headlines.SLA_BY_FY_COLUMNS),
    (headlines.satisfaction_by_fy, headlines.SATISFACTION_BY_FY_COLUMNS),
    (headlines.headline_series, headlines.HEADLINE_SERIES_COLUMNS),
    (savings.cost_by_fy, savings.COST_BY_FY_COLUMNS),
    (savings.net_savings_by_fy_marketplace, savings.NET_SAVINGS_BY_FY_MARKETPLACE_COLUMNS),
    (savings.savings_by_marketplace, savings.SAVINGS_BY_MARKETPLACE_COLUMNS),
    (savings.savings_by_organization, savings.SAVINGS_BY_ORGANIZATION_COLUMNS),
    (savings.cohort_cumulative_savings, savings.COHORT_COLUMNS),
    (savings.payroll_unit_prices, savings.PAYROLL_PRICES_COLUMNS),
    (performance.scorecard, performance.SCORECARD_COLUMNS),
    (performance.sla_by_quarter, performance.SLA_BY_QUARTER_COLUMNS),
    (performance.satisfaction_by_quarter, performance.SATISFACTION_BY_QUARTER_COLUMNS),
    (performance.provider_comparison, performance.PROVIDER_COMPARISON_COLUMNS),
    (performance.reporting_coverage, performance.REPORTING_COVERAGE_COLUMNS),
    (profiles.engagement_timeline, profiles.ENGAGEMENT_TIMELINE_COLUMNS),
    (profiles.cfo_act_peers, profiles.PEER_COLUMNS),
    (marketplace.marketplace_summary, marketplace.MARKETPLACE_SUMMARY_COLUMNS),
    (marketplace.marketplace_spend_by_fy, marketplace.MARKETPLACE_SPEND_COLUMNS),
    (marketplace.solution_customers, marketplace.SOLUTION_CUSTOMERS_COLUMNS),
]
SCOPES = {
    "everything": Filters(fy_from=2024, fy_to=2026),
    "nothing in scope": Filters(fy_from=2015, fy_to=2016, organizations=("HHS",), provider_type="commercial"),
}


@pytest.mark.parametrize("scope", list(SCOPES))
@pytest.mark.parametrize(("query", "columns"), CONTRACTS, ids=[q.__name__ for q, _ in CONTRACTS])
def test_query_returns_its_declared_columns(fixture_engine, query, columns, scope):
    df = query(fixture_engine, filters=SCOPES[scope], as_of=AS_OF)
    assert list(df.columns) == list(columns)
