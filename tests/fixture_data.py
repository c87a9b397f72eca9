"""A tiny hand-built dataset; every expected number in test_queries.py is worked out from it by hand.

Organizations: DOI (department) with NPS and USGS; HHS (department, no engagements); FTC (independent).
Solutions: ARC-FM (FM, federal ARC), VEND-HR (HR, commercial VEND), ARC-PAY (HR, federal ARC).
Engagements (the FY boundary is 30 Sep / 1 Oct):
  E1 NPS-ARC-FM   operational 2025-09-30 (last day of FY2025)
  E2 USGS-ARC-FM  operational 2025-10-01 (first day of FY2026)
  E3 FTC-VEND-HR  at risk since 2026-02-01; planned 2026-06-01, forecast 2027-01-01
  E4 DOI-ARC-PAY  discovery since 2026-01-15; planned 2027-03-01, forecast 2027-05-01
  E5 FTC-ARC-FM   implementing from 2024-06-01, cancelled 2024-09-01 (its migration cost falls in FY2024)
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Engine
from sqlmodel import Session

from data_access.db import create_schema
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
    SolutionMeasure,
)
from data_access.summary import refresh_measurement_summary

AS_OF = date(2026, 9, 30)


def load(engine: Engine) -> None:
    create_schema(engine)
    with Session(engine) as s:
        s.add_all([
            Marketplace(id=1, code="FM", name="FM QSMO", short_name="Financial Mgmt", lead_agency="Treasury",
                        designated_on=date(2020, 6, 29)),
            Marketplace(id=2, code="HR", name="HR QSMO", short_name="Human Resources", lead_agency="OPM",
                        designated_on=date(2020, 6, 29)),
            Organization(id=1, code="DOI", name="Department of the Interior", kind="department", is_cfo_act=True),
            Organization(id=4, code="FTC", name="Federal Trade Commission", kind="independent"),
            Organization(id=5, code="HHS", name="Department of Health and Human Services", kind="department",
                         is_cfo_act=True),
            Provider(id=1, code="ARC", name="Treasury ARC", provider_type="federal"),
            Provider(id=2, code="VEND", name="Vendor Inc", provider_type="commercial"),
        ])
        s.flush()
        s.add_all([
            Organization(id=2, code="NPS", name="National Park Service", kind="component", parent_id=1, is_cfo_act=True),
            Organization(id=3, code="USGS", name="U.S. Geological Survey", kind="component", parent_id=1, is_cfo_act=True),
            Solution(id=1, code="ARC-FM", name="ARC Core FM", marketplace_id=1, provider_id=1, service_area="Core FM",
                     pricing_unit="per FTE per year", unit_price=300.0),
            Solution(id=2, code="VEND-HR", name="Vendor HCM", marketplace_id=2, provider_id=2, service_area="Core HCM",
                     pricing_unit="per employee per year", unit_price=100.0),
            Solution(id=3, code="ARC-PAY", name="ARC Payroll", marketplace_id=2, provider_id=1, service_area="Payroll",
                     pricing_unit="per employee per year", unit_price=70.0),
            ServiceMeasure(id=1, code="M-PROMPT", marketplace_id=1, name="Prompt pay", unit="%", higher_is_better=True,
                           target=99.5, near_margin=0.5),
            ServiceMeasure(id=2, code="M-TTH", marketplace_id=2, name="Time to hire", unit="days",
                           higher_is_better=False, target=80.0, near_margin=15.0),
        ])
        s.flush()
        s.add_all([
            SolutionMeasure(solution_id=1, measure_id=1), SolutionMeasure(solution_id=3, measure_id=2),
            Engagement(id=1, organization_id=2, solution_id=1, stage="operational", discovery_on=date(2023, 1, 10),
                       agreement_on=date(2023, 4, 1), implementing_on=date(2023, 7, 1),
                       operational_on=date(2025, 9, 30), planned_go_live=date(2025, 6, 1)),
            Engagement(id=2, organization_id=3, solution_id=1, stage="operational", discovery_on=date(2024, 2, 1),
                       agreement_on=date(2024, 6, 1), implementing_on=date(2024, 10, 1),
                       operational_on=date(2025, 10, 1), planned_go_live=date(2025, 10, 1)),
            Engagement(id=3, organization_id=4, solution_id=2, stage="at_risk", discovery_on=date(2025, 3, 1),
                       agreement_on=date(2025, 6, 1), implementing_on=date(2025, 11, 1), at_risk_on=date(2026, 2, 1),
                       planned_go_live=date(2026, 6, 1), forecast_go_live=date(2027, 1, 1)),
            Engagement(id=4, organization_id=1, solution_id=3, stage="discovery", discovery_on=date(2026, 1, 15),
                       planned_go_live=date(2027, 3, 1), forecast_go_live=date(2027, 5, 1)),
            Engagement(id=5, organization_id=4, solution_id=1, stage="cancelled", discovery_on=date(2024, 1, 1),
                       agreement_on=date(2024, 3, 1), implementing_on=date(2024, 6, 1), cancelled_on=date(2024, 9, 1),
                       planned_go_live=date(2025, 1, 1)),
        ])
        s.flush()
        costs = [  # engagement, FY, baseline, run, migration, type, projected
            (1, 2025, 1000, 1000, 500, "hard", False), (1, 2026, 1000, 700, 0, "hard", False),
            (1, 2027, 1000, 700, 0, "hard", True),
            (2, 2025, 2000, 2000, 300, "avoidance", False), (2, 2026, 2000, 1300, 0, "avoidance", False),
            (5, 2024, 400, 400, 100, "hard", False),
        ]
        s.add_all([Cost(engagement_id=e, fiscal_year=fy, baseline_cost=b, run_cost=r, migration_cost=m,
                        savings_type=t, is_projected=p) for e, fy, b, r, m, t, p in costs])
        values = [  # measure, solution, org, month, value
            (1, 1, 2, date(2025, 9, 1), 99.7), (1, 1, 2, date(2025, 10, 1), 99.2), (1, 1, 3, date(2025, 10, 1), 98.0),
            (1, 1, 2, date(2026, 9, 1), 99.6), (1, 1, 3, date(2026, 9, 1), 99.5),
            (2, 3, 1, date(2026, 8, 1), 85.0), (2, 3, 1, date(2026, 9, 1), 100.0),
        ]
        s.add_all([Measurement(measure_id=mi, solution_id=so, organization_id=o, month=mo,
                               fiscal_year=mo.year + (mo.month >= 10), fiscal_quarter=((mo.month - 10) % 12) // 3 + 1,
                               value=v) for mi, so, o, mo, v in values])
        s.add_all([
            Satisfaction(solution_id=1, organization_id=2, fiscal_year=2026, fiscal_quarter=1, score=6.0, responses=10),
            Satisfaction(solution_id=1, organization_id=3, fiscal_year=2026, fiscal_quarter=1, score=5.0, responses=30),
            Satisfaction(solution_id=1, organization_id=2, fiscal_year=2025, fiscal_quarter=4, score=4.0, responses=5),
            Provenance(source="demo", as_of=AS_OF, loaded_at=datetime(2026, 10, 1, tzinfo=UTC)),
        ])
        s.commit()
    with engine.begin() as conn:
        refresh_measurement_summary(conn)
