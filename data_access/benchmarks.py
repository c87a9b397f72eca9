"""Published figures the dashboard compares against (sources in ../shared/reference/qsmo-domain.md)."""

from __future__ import annotations

from datetime import date

# GAO-26-108014 (3 Feb 2026): customer agencies using federal / commercial shared services
GAO_CUSTOMERS: dict[str, dict[str, int | None]] = {
    "CYBER": {"federal": 167, "commercial": None},
    "FM": {"federal": 134, "commercial": 8},
    "GRANTS": {"federal": 112, "commercial": 5},
    "HR": {"federal": 165, "commercial": 110},
    "ACQ": {"federal": None, "commercial": None},
}
GAO_SOURCE = "GAO-26-108014 (3 Feb 2026)"
GAO_COUNT_DATE = date(2026, 2, 3)  # the customer counts above are as of the report

# OMB estimate of potential savings on shared mission support (GAO-26-108014 via CAGW)
OMB_SAVINGS_LOW = 1_250_000_000
OMB_SAVINGS_HIGH = 7_500_000_000
OMB_MISSION_SUPPORT_SPEND = 25_000_000_000

# Unit-cost benchmarks
PAYROLL_PER_EMPLOYEE_AVG = 77.0  # e-Payroll 2003 average, $/employee/year
PAYROLL_PER_EMPLOYEE_RANGE = (45.0, 600.0)
W2_COST_GOVERNMENT = 120.0  # CAP goal "Sharing Quality Services" (performance.gov)
W2_COST_INDUSTRY = 80.0

CFO_ACT_DEPARTMENTS = 24

# Policy milestones drawn on adoption timelines (QSMO designations come from the database).
POLICY_MILESTONES = [
    (date(2019, 4, 26), "OMB M-19-16 pre-designates QSMOs"),
    (date(2025, 3, 25), "EO 14249: consolidate core financial systems"),
    (date(2025, 10, 1), "HR 2.0 wave 1 (FY2026)"),
    (date(2026, 10, 1), "HR 2.0 wave 2 (FY2027)"),
]
