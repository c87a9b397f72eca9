"""The demo data: determinism, idempotence, the stage and migration-cost rules, and every claim of the README's
calibration table (one test per row of seed.anchors.ANCHORS, checked as the row words it), on SQLite; the same
numbers on PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, case, func, select
from sqlalchemy.orm import aliased

from data_access import benchmarks, headlines
from data_access.adoption import customers_by_marketplace
from data_access.db import make_engine
from data_access.filters import Filters
from data_access.fiscal import fiscal_year_of, fy_end, fy_start
from data_access.marketplace import marketplace_spend_by_fy
from data_access.models import (
    Cost,
    Engagement,
    Marketplace,
    Measurement,
    Organization,
    Provenance,
    Provider,
    Satisfaction,
    ServiceMeasure,
    Solution,
)
from data_access.sql import frame
from data_access.stages import stage_on
from seed import reference_data as ref
from seed import seed_database
from seed.anchors import (
    ANCHORS,
    AS_OF,
    CORE_IMPLEMENTATION_MONTHS,
    CUSTOMER_TARGETS,
    FIRST_MEASURE_MONTH,
    FM_FY2024_AGENCIES,
    FM_MARKETPLACE_SPEND,
    FM_SPEND_BAND,
    GAO_COUNT_DATE,
    LATE_OR_AT_RISK_SHARE,
    LATE_THRESHOLD,
    OPM_ESC_IMPLEMENTATION_MONTHS,
    PAYROLL_ACCURACY_ACTUALS,
    PAYROLL_PRICES,
    REPORTING_SHARE,
    SATISFACTION_DOD,
    SATISFACTION_GOVERNMENT_WIDE,
    SATISFACTION_SCORES,
    SAVINGS_RATE,
    TIME_TO_HIRE_BAND,
    TIME_TO_HIRE_FY2023,
)
from seed.generator import POINT_SOLUTIONS, Generator
from tests.conftest import table_digests

README = Path(__file__).resolve().parent.parent / "README.md"
MONTH = 30.4375  # days
ALL_YEARS = Filters(fy_from=2020, fy_to=2026)
STAGE_DATES = ["discovery_on", "agreement_on", "implementing_on", "operational_on", "at_risk_on", "cancelled_on"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}")
    seed_database(engine)
    return engine


@pytest.fixture(scope="module")
def engagements(demo) -> pd.DataFrame:
    """Every engagement with its organization, department (None for independent agencies), solution,
    marketplace, provider type and dates."""
    parent = aliased(Organization)
    department = case((parent.code.is_not(None), parent.code), (Organization.kind == "department", Organization.code))
    stmt = (select(Engagement.id, Organization.code, department, Organization.is_cfo_act, Solution.code,
                   Marketplace.code, Provider.provider_type, Engagement.stage, Engagement.via_marketplace,
                   *[getattr(Engagement, c) for c in STAGE_DATES], Engagement.planned_go_live,
                   Engagement.forecast_go_live)
            .join(Organization, Engagement.organization_id == Organization.id)
            .outerjoin(parent, Organization.parent_id == parent.id)
            .join(Solution, Engagement.solution_id == Solution.id)
            .join(Provider, Solution.provider_id == Provider.id)
            .join(Marketplace, Solution.marketplace_id == Marketplace.id))
    return frame(demo, stmt, ["id", "org", "department", "is_cfo_act", "solution", "marketplace", "provider_type",
                              "stage", "via_marketplace", *STAGE_DATES, "planned_go_live", "forecast_go_live"])


def months(later: pd.Series, earlier: pd.Series) -> pd.Series:
    return (pd.to_datetime(later) - pd.to_datetime(earlier)).dt.days / MONTH


# ---- the README table is the anchors table ---------------------------------------------------------
def test_readme_calibration_table_is_seed_anchors():
    section = README.read_text().split("## Demo data and its calibration anchors", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")][1:]  # after the header
    assert rows == [f"| {a.figure} | {a.value} | {a.source} | {a.used_for} |" for a in ANCHORS]


# ---- determinism and the stage and cost rules ----------------------------------------------------
def test_same_seed_gives_identical_data(demo, tmp_path):
    other = make_engine(f"sqlite:///{tmp_path / 'again.db'}")
    seed_database(other)
    assert table_digests(other) == table_digests(demo)


def test_second_run_changes_nothing(demo):
    before = table_digests(demo)
    assert seed_database(demo) is None
    assert table_digests(demo) == before


def test_stored_stage_is_the_stage_its_dates_give_on_the_as_of_date(demo, engagements):
    with demo.connect() as conn:
        assert conn.execute(select(Provenance.as_of)).scalar_one() == AS_OF
        pairs = conn.execute(select(Engagement.stage, stage_on(AS_OF))).all()
    assert [(stored, derived) for stored, derived in pairs if stored != derived] == []
    for column in STAGE_DATES:
        assert not (engagements[column].dropna() > AS_OF).any(), column


def test_migration_cost_falls_only_in_the_implementation_period(demo, engagements):
    costs = frame(demo, select(Cost.engagement_id, Cost.fiscal_year, Cost.migration_cost, Cost.is_projected)
                  .where(Cost.migration_cost > 0), ["id", "fiscal_year", "migration_cost", "is_projected"])
    df = costs.merge(engagements, on="id")
    assert (df["is_projected"] == (df["fiscal_year"] > fiscal_year_of(AS_OF))).all()
    in_flight = df["operational_on"].isna() & df["cancelled_on"].isna()
    realized = df[~df["is_projected"]]
    # Realized: implementation actually started, and the FY overlaps implementing_on .. go-live or cancellation.
    assert realized["implementing_on"].notna().all()
    end = realized["operational_on"].fillna(realized["cancelled_on"]).fillna(AS_OF)
    assert (realized["fiscal_year"].map(fy_end) >= realized["implementing_on"]).all()
    assert (realized["fiscal_year"].map(fy_start) <= end).all()
    # Projected: only work still in flight, over its planned period (from the as-of date when not started).
    projected = df[df["is_projected"]]
    assert in_flight[projected.index].all()
    start = projected["implementing_on"].fillna(AS_OF)
    go_live = projected["forecast_go_live"].fillna(projected["planned_go_live"])
    assert (projected["fiscal_year"].map(fy_end) >= start).all()
    assert (projected["fiscal_year"].map(fy_start) <= go_live).all()


def test_scale_multiplies_the_measurements_and_keeps_their_calibration():
    rows = {}
    for scale in (1, 2):
        gen = Generator(20200427, scale)
        gen.build()
        rows[scale] = list(gen.measurements())
    assert len(rows[2]) == 2 * len(rows[1])
    assert {r["reporting_unit"] for r in rows[2]} == {1, 2}
    tth = [r["value"] for r in rows[2] if r["measure_id"] == gen.measure_rows["HR-TTH"]["id"] and r["fiscal_year"] == 2023]
    assert round(sum(tth) / len(tth), 1) == TIME_TO_HIRE_FY2023


# ---- one test per calibration anchor (README table row) -----------------------------------------
def test_customer_agencies_match_gao_on_the_report_date_and_grow_after(demo):
    """Federal and commercial rows: matched exactly on 3 Feb 2026; later go-lives add to them by 30 Sep 2026."""
    def counts(as_of: date) -> dict[tuple[str, str], int]:
        df = customers_by_marketplace(demo, filters=Filters(fy_from=2026, fy_to=2026), as_of=as_of)
        return {(r.marketplace, r.provider_type): r.customers for r in df.itertuples()}

    on_report_date, on_as_of = counts(GAO_COUNT_DATE), counts(AS_OF)
    assert {k: v for k, v in on_report_date.items() if k[0] != "ACQ"} == CUSTOMER_TARGETS  # GAO-26-108014
    assert all(on_as_of[key] >= target for key, target in CUSTOMER_TARGETS.items())
    assert sum(on_as_of.values()) > sum(on_report_date.values())
    assert CUSTOMER_TARGETS == {("CYBER", "federal"): 167, ("FM", "federal"): 134, ("GRANTS", "federal"): 112,
                                ("HR", "federal"): 165, ("HR", "commercial"): 110, ("FM", "commercial"): 8,
                                ("GRANTS", "commercial"): 5}  # the README rows' values


def test_fm_marketplace_spend_matches_gao_and_stays_in_the_band(demo, engagements):
    spend = marketplace_spend_by_fy(demo, filters=Filters(fy_from=2023, fy_to=2026), as_of=AS_OF)
    fm = spend[spend["marketplace"] == "FM"].set_index("fiscal_year")["spend"]
    assert FM_MARKETPLACE_SPEND == {2023: 3_000_000, 2024: 183_000_000}
    for fy, target in FM_MARKETPLACE_SPEND.items():
        assert fm[fy] == pytest.approx(target, abs=1.0), fy  # $3M FY2023 -> $183M FY2024 (GAO-26-107895)
    assert FM_SPEND_BAND == (300_000_000, 800_000_000)
    assert all(FM_SPEND_BAND[0] <= fm[fy] <= FM_SPEND_BAND[1] for fy in (2025, 2026))
    costs = frame(demo, select(Cost.engagement_id).where(Cost.fiscal_year == 2024), ["id"]).merge(engagements, on="id")
    fy2024 = costs[(costs["marketplace"] == "FM") & costs["via_marketplace"].astype(bool)]
    assert fy2024["is_cfo_act"].astype(bool).all() and fy2024["department"].nunique() == FM_FY2024_AGENCIES


def test_realized_savings_rate_is_one_rate_per_engagement_within_5_to_35_percent(demo, engagements):
    costs = frame(demo, select(Cost.engagement_id, Cost.fiscal_year, Cost.baseline_cost, Cost.run_cost)
                  .where(Cost.is_projected.is_(False), Cost.baseline_cost > 0),
                  ["id", "fiscal_year", "baseline", "run"]).merge(engagements, on="id")
    full_years = costs[pd.to_datetime(costs["operational_on"]) < pd.to_datetime(costs["fiscal_year"].map(fy_start))]
    rates = 1 - full_years["run"] / full_years["baseline"]
    assert len(rates) > 1000
    assert rates.between(SAVINGS_RATE[0] - 1e-6, SAVINGS_RATE[1] + 1e-6).all()
    assert (rates.groupby(full_years["id"]).agg(lambda r: r.max() - r.min()) < 1e-6).all()


def test_omb_potential_savings_context():
    assert (benchmarks.OMB_SAVINGS_LOW, benchmarks.OMB_SAVINGS_HIGH) == (1_250_000_000, 7_500_000_000)
    assert benchmarks.OMB_MISSION_SUPPORT_SPEND == 25_000_000_000


def test_measure_targets(demo):
    """Prompt Payment Act compliance, payroll accuracy, timely disbursement, time to hire, grant payment
    turnaround and availability targets."""
    with demo.connect() as conn:
        rows = conn.execute(select(ServiceMeasure.code, ServiceMeasure.target, ServiceMeasure.unit)).all()
    targets = {code: (target, unit) for code, target, unit in rows}
    assert targets["FM-PROMPT"] == (99.5, "%")
    assert targets["HR-PAYACC"] == (99.8, "%")
    assert targets["HR-PAYTIME"] == (99.9, "%")
    assert targets["HR-TTH"] == (80.0, "days")
    assert targets["GR-PAYDAYS"] == (1.0, "business days")
    assert targets["CY-AVAIL"] == (99.99, "%")


def measure_values(engine: Engine, code: str) -> pd.DataFrame:
    stmt = (select(Measurement.fiscal_year, Measurement.value)
            .join(ServiceMeasure, Measurement.measure_id == ServiceMeasure.id).where(ServiceMeasure.code == code))
    return frame(engine, stmt, ["fiscal_year", "value"])


def test_payroll_accuracy_values_are_within_the_ibc_actuals(demo):
    values = measure_values(demo, "HR-PAYACC")["value"]
    assert len(values) > 1000 and values.between(*PAYROLL_ACCURACY_ACTUALS).all()  # every value 99.79-100 %


def test_time_to_hire_averages_101_2_days_in_fy2023(demo):
    means = measure_values(demo, "HR-TTH").groupby("fiscal_year")["value"].mean()
    assert round(means[2023], 1) == TIME_TO_HIRE_FY2023  # OPM: 101.2 days in FY2023
    assert list(means.index) == [2022, 2023, 2024, 2025, 2026]
    assert means.between(*TIME_TO_HIRE_BAND).all()


def test_customer_satisfaction_scores_and_means(demo):
    with demo.connect() as conn:
        scores = conn.execute(select(Satisfaction.score)).scalars().all()
    assert SATISFACTION_SCORES[0] <= min(scores) and max(scores) <= SATISFACTION_SCORES[1]  # quarterly 4.0-6.2
    years = Filters(fy_from=2022, fy_to=2026)
    government = headlines.satisfaction_by_fy(demo, filters=years, as_of=AS_OF).set_index("fiscal_year")
    dod = headlines.satisfaction_by_fy(demo, filters=Filters(fy_from=2022, fy_to=2026, organizations=("DOD",)),
                                       as_of=AS_OF).set_index("fiscal_year")
    for fy in years.fiscal_years():
        assert SATISFACTION_GOVERNMENT_WIDE[0] < government.loc[fy, "customer_satisfaction"] < SATISFACTION_GOVERNMENT_WIDE[1]
        assert SATISFACTION_DOD[0] <= dod.loc[fy, "customer_satisfaction"] <= SATISFACTION_DOD[1]  # DoD about 4


def test_payroll_prices(demo):
    with demo.connect() as conn:
        prices = conn.execute(select(Solution.unit_price).where(Solution.service_area == "Payroll",
                                                                Solution.pricing_unit == "per employee per year")).scalars().all()
    assert len(prices) == 4 and all(PAYROLL_PRICES[0] <= p <= PAYROLL_PRICES[1] for p in prices)
    assert 77.0 in prices  # NFC at the e-Payroll average


def test_federal_hr_2_0_waves(engagements):
    hr20 = engagements[engagements["solution"] == "HR20-CORE"].set_index("org")
    assert set(hr20.index) == set(ref.HR20_WAVE_1) | set(ref.HR20_WAVE_2)
    wave1, wave2 = hr20.loc[ref.HR20_WAVE_1], hr20.loc[ref.HR20_WAVE_2]
    assert (wave1["planned_go_live"].map(fiscal_year_of) == 2026).all()
    assert hr20.loc["OPM", "stage"] == "operational" and fiscal_year_of(hr20.loc["OPM", "operational_on"]) == 2026
    assert (hr20.loc[["DHS", "VA"], "stage"] == "at_risk").all()
    assert (wave1.drop(["OPM", "DHS", "VA"])["stage"] == "implementing").all()
    assert (wave2["stage"] == "agreement").all() and (wave2["agreement_on"].notna()).all()
    assert (wave2["planned_go_live"].map(fiscal_year_of) == 2027).all()


def test_migration_durations(engagements):
    core = engagements[engagements["marketplace"].isin(["FM", "HR"]) & ~engagements["solution"].isin(POINT_SOLUTIONS)
                       & engagements["operational_on"].notna()]
    took = months(core["operational_on"], core["implementing_on"])
    median, p10, p90 = CORE_IMPLEMENTATION_MONTHS
    assert len(took) > 200
    assert abs(took.median() - median) <= 1  # 18 +- 1 months
    assert abs(took.quantile(0.1) - p10) <= 1 and abs(took.quantile(0.9) - p90) <= 2
    opm = engagements[(engagements["org"] == "OPM") & (engagements["solution"] == "ESC-DELPHI")].iloc[0]
    assert opm["operational_on"] == date(2021, 5, 15)
    assert round(months(pd.Series([opm["operational_on"]]), pd.Series([opm["implementing_on"]]))[0]) \
        == OPM_ESC_IMPLEMENTATION_MONTHS


def test_late_or_at_risk_share_of_fm_and_hr_migrations(engagements):
    started = engagements[engagements["marketplace"].isin(["FM", "HR"]) & engagements["implementing_on"].notna()]
    go_live = started["operational_on"].fillna(started["forecast_go_live"])
    late = months(go_live, started["planned_go_live"]) > LATE_THRESHOLD * months(started["planned_go_live"],
                                                                                 started["implementing_on"])
    share = ((started["stage"] == "at_risk") | late).mean()
    assert LATE_OR_AT_RISK_SHARE[0] <= share <= LATE_OR_AT_RISK_SHARE[1]


def test_performance_data_reporting_share_every_month(demo, engagements):
    """In every month from FY2022, 60-95 % of the engagements live before that month report their measures."""
    reported = frame(demo, select(Engagement.id, Measurement.month).distinct()
                     .join(Engagement, (Engagement.organization_id == Measurement.organization_id)
                           & (Engagement.solution_id == Measurement.solution_id)), ["id", "month"])
    live = engagements[engagements["operational_on"].notna()]
    go_live_month = live["operational_on"].map(lambda d: date(d.year, d.month, 1))
    shares = {}
    for month in pd.date_range(FIRST_MEASURE_MONTH, AS_OF, freq="MS").date:
        expected = set(live.loc[go_live_month < month, "id"])
        got = set(reported.loc[reported["month"] == month, "id"])
        assert got <= expected, month
        shares[month] = len(got) / len(expected)
    assert len(shares) == 60
    assert all(REPORTING_SHARE[0] <= s <= REPORTING_SHARE[1] for s in shares.values()), shares


def test_reference_organizations_as_the_readme_counts_them(demo):
    with demo.connect() as conn:
        kinds = dict(conn.execute(select(Organization.kind, func.count()).group_by(Organization.kind)).all())
    assert kinds == {"department": 24, "component": 133, "independent": 39}


def test_sourced_engagements_are_seeded_as_such(engagements):
    by_pair = engagements.set_index(["org", "solution"])
    for org, solution, go_live, _note in ref.SOURCED_ENGAGEMENTS:
        assert by_pair.loc[(org, solution), "operational_on"] == go_live, (org, solution)
    for org in ref.AT_RISK_FM:
        assert by_pair.loc[(org, "SAP-FM"), "stage"] == "at_risk"


# ---- earlier calibration checks that still apply --------------------------------------------------
def test_sla_attainment_is_high_but_not_perfect(demo):
    s = headlines.sla_by_fy(demo, filters=Filters(fy_from=2022, fy_to=2026), as_of=AS_OF).set_index("fiscal_year")
    assert 0.75 <= s.loc[2026, "sla_attainment"] < 1.0  # not every service meets every target


def test_some_engagements_late_or_at_risk_and_acquisition_is_new(engagements):
    assert (engagements["stage"] == "at_risk").sum() >= 10
    assert (engagements["operational_on"] > engagements["planned_go_live"]).sum() >= 50
    acq = engagements[engagements["marketplace"] == "ACQ"]
    assert acq["discovery_on"].min() >= date(2025, 1, 1)  # Acquisition QSMO only since 2026 (work starts shortly before)


@pytest.mark.postgres
def test_same_numbers_on_sqlite_and_postgresql(demo, pg_demo):
    for f in (ALL_YEARS, Filters(fy_from=2022, fy_to=2026, organizations=("DOI",)),
              Filters(fy_from=2024, fy_to=2028, marketplaces=("FM", "HR"), provider_type="federal")):
        a = headlines.headline_series(demo, filters=f, as_of=AS_OF)
        b = headlines.headline_series(pg_demo, filters=f, as_of=AS_OF)
        pd.testing.assert_frame_equal(a, b, check_dtype=False, rtol=1e-9)
    on_report_date = [customers_by_marketplace(e, filters=ALL_YEARS, as_of=GAO_COUNT_DATE) for e in (demo, pg_demo)]
    pd.testing.assert_frame_equal(*on_report_date, check_dtype=False)
