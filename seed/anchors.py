"""Calibration anchors: the sourced figures the demo data is generated to match.

Each anchor names its source (see ../shared/reference/qsmo-domain.md); the generator targets them and
tests/test_seed.py checks the generated data against them. The README prints this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

AS_OF = date(2026, 9, 30)  # end of FY2026: the fixed data-as-of date of the demo
DEFAULT_SEED = 20200427  # the Cyber QSMO's designation date, as a number
FIRST_COST_FY = 2020
LAST_PROJECTED_FY = 2030
FIRST_MEASURE_MONTH = date(2021, 10, 1)  # FY2022 Q1

# Customer agencies per marketplace and provider type on the as-of date.
# GAO-26-108014 (3 Feb 2026): federal Cyber 167, FM 134, Grants 112, HR 165;
# commercial HR 110, FM 8, Grants 5. Acquisition is new (2026): 0-15 [E].
CUSTOMER_TARGETS = {
    ("CYBER", "federal"): 167,
    ("FM", "federal"): 134,
    ("FM", "commercial"): 8,
    ("HR", "federal"): 165,
    ("HR", "commercial"): 110,
    ("GRANTS", "federal"): 112,
    ("GRANTS", "commercial"): 5,
    ("ACQ", "federal"): 6,
}

# FM Marketplace spend (run + migration cost of engagements ordered through it), dollars per FY.
# FY2023 $3M and FY2024 $183M from four CFO Act agencies (GAO-26-107895); FY2025-26 inside the
# $300-800M band the reference suggests after EO 14249 [E].
FM_MARKETPLACE_SPEND = {2023: 3_000_000, 2024: 183_000_000, 2025: 420_000_000, 2026: 640_000_000}


@dataclass(frozen=True)
class Anchor:
    figure: str
    value: str
    source: str
    used_for: str


ANCHORS = [
    Anchor("Customer agencies using federal shared services", "Cyber 167, FM 134, Grants 112, HR 165",
           "GAO-26-108014 (3 Feb 2026)", "Operational customers per marketplace, federal providers"),
    Anchor("Customer agencies using commercial shared services", "HR 110, FM 8, Grants 5",
           "GAO-26-108014", "Operational customers per marketplace, commercial providers"),
    Anchor("FM Marketplace spend", "$3M FY2023 -> $183M FY2024 (4 CFO Act agencies)",
           "GAO-26-107895", "Spend of FM engagements ordered through the marketplace"),
    Anchor("Realized savings", "5-35 % of baseline", "OMB 5-30 % (GAO-26-108014); SSLC 25-40 %",
           "Savings rate drawn per engagement"),
    Anchor("OMB potential savings", "$1.25B-$7.5B a year of $25B mission-support spend",
           "GAO-26-108014 via CAGW", "Government-wide context on the Savings page"),
    Anchor("Prompt Payment Act compliance target", "99.5 %", "Treasury ARC AP service page",
           "FM measure target"),
    Anchor("Payroll accuracy target", "99.8 % (actuals 99.79-100 %)", "DOI IBC FY2024 SLAs",
           "HR measure target and generated values"),
    Anchor("Timely payroll disbursement target", "99.9 %", "DOI IBC SLAs", "HR measure target"),
    Anchor("Time to hire", "goal 80 days; 101.2 days in FY2023", "OPM time-to-hire dashboard",
           "HR measure target and generated values (~100 days)"),
    Anchor("Grant payment turnaround", "next business day", "HHS PMS", "Grants measure target"),
    Anchor("Availability", "99.99 %", "USDA OCIO incident handling", "Cyber measure target"),
    Anchor("Customer satisfaction", "7-point scale; government-wide just above 5.5; DoD about 4",
           "GSA Mission-Support Customer Satisfaction Survey 2023", "Quarterly scores 4.0-6.2"),
    Anchor("Payroll unit cost", "$77 per employee per year (range $45-$600)", "e-Payroll (2003)",
           "Payroll unit prices $65-$90"),
    Anchor("Federal HR 2.0 waves", "Wave 1 FY2026: OPM, DHS, USDA, HHS, DOI, DOT, VA, EPA; wave 2 FY2027",
           "OPM / MeriTalk", "HR 2.0 core HCM pipeline"),
    Anchor("Migration durations", "FM/HR core 18 months implementation (12-30); OPM to ESC ~2 years",
           "USSM M3; DOT release", "Stage durations"),
    Anchor("Late or at risk migrations", "10-15 % of FM and HR migrations", "Reference estimate [E]",
           "At-risk share and slips"),
    Anchor("Performance data reporting", "60-95 % of customers report on time", "Reference estimate [E]",
           "Monthly reporting gaps"),
]
