"""Calibration anchors: the sourced figures the demo data is generated to match.

Each anchor names its source (see ../shared/reference/qsmo-domain.md); the generator targets the constants
below and tests/test_seed.py checks every `Anchor.used_for` claim against the generated data. The README
prints the ANCHORS table row for row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from data_access.benchmarks import GAO_CUSTOMERS

AS_OF = date(2026, 9, 30)  # end of FY2026: the fixed data-as-of date of the demo
DEFAULT_SEED = 20200427  # the Cyber QSMO's designation date, as a number
FIRST_COST_FY = 2020
LAST_PROJECTED_FY = 2030
FIRST_MEASURE_MONTH = date(2021, 10, 1)  # FY2022 Q1

# Customer agencies per marketplace and provider type on the date GAO-26-108014 gives them (3 Feb 2026):
# federal Cyber 167, FM 134, Grants 112, HR 165; commercial HR 110, FM 8, Grants 5. The figures live in
# data_access.benchmarks, which the Adoption page draws as GAO's ticks.
GAO_COUNT_DATE = date(2026, 2, 3)
CUSTOMER_TARGETS = {(market, ptype): count for market, by_type in GAO_CUSTOMERS.items()
                    for ptype, count in by_type.items() if count is not None}
# New customer agencies going live after the GAO date, by the as-of date [E]. Acquisition is new in
# March 2026 (0-15 customers in the reference), so all of its customers come after the GAO count.
CUSTOMER_GROWTH = {
    ("CYBER", "federal"): 5,
    ("FM", "federal"): 4,
    ("FM", "commercial"): 2,
    ("HR", "federal"): 3,
    ("HR", "commercial"): 2,
    ("GRANTS", "federal"): 3,
    ("GRANTS", "commercial"): 1,
    ("ACQ", "federal"): 6,
}

# FM Marketplace spend (run + migration cost of engagements ordered through it), dollars per FY.
# FY2023 $3M and FY2024 $183M from four CFO Act agencies (GAO-26-107895); FY2025-26 inside the $300-800M
# band the reference suggests after EO 14249 [E].
FM_MARKETPLACE_SPEND = {2023: 3_000_000, 2024: 183_000_000}
FM_SPEND_BAND = (300_000_000, 800_000_000)
FM_SPEND_BAND_YEARS = (2025, 2026)
FM_FY2024_AGENCIES = 4

SAVINGS_RATE = (0.05, 0.35)  # share of baseline saved once live: OMB 5-30 %, SSLC 25-40 %
PAYROLL_ACCURACY_ACTUALS = (99.79, 100.0)  # DOI IBC FY2024 quarterly results, percent
TIME_TO_HIRE_FY2023 = 101.2  # days, OPM (goal 80)
TIME_TO_HIRE_BAND = (95.0, 105.0)  # every FY's mean [S->E: 98 FY2018, 106 FY2017]
SATISFACTION_SCORES = (4.0, 6.2)  # quarterly scores on the 7-point scale [S->E]
SATISFACTION_GOVERNMENT_WIDE = (5.5, 5.6)  # "just above 5.5" (GSA survey 2023)
SATISFACTION_DOD = (4.0, 4.3)  # "about 4" (GSA survey 2023)
PAYROLL_PRICES = (65.0, 90.0)  # dollars per employee per year; e-Payroll average $77, range $45-$600
CORE_IMPLEMENTATION_MONTHS = (18.0, 12.0, 30.0)  # FM/HR core: median, 10th and 90th percentile (USSM M3 [S->E])
OPM_ESC_IMPLEMENTATION_MONTHS = 24  # OPM -> ESC took about two years (2019 - May 2021)
LATE_OR_AT_RISK_SHARE = (0.10, 0.15)  # of FM and HR migrations [E]
LATE_THRESHOLD = 0.25  # "late": go-live after plan by more than this share of the planned implementation
REPORTING_SHARE = (0.60, 0.95)  # live customer engagements reporting in a month [E]


@dataclass(frozen=True)
class Anchor:
    figure: str
    value: str
    source: str
    used_for: str


ANCHORS = [
    Anchor("Customer agencies using federal shared services", "Cyber 167, FM 134, Grants 112, HR 165",
           "GAO-26-108014 (3 Feb 2026)",
           "Operational customers per marketplace, federal providers: matched exactly on 3 Feb 2026, the report's "
           "date; later go-lives add to them by the 30 Sep 2026 as-of date"),
    Anchor("Customer agencies using commercial shared services", "HR 110, FM 8, Grants 5",
           "GAO-26-108014 (3 Feb 2026)",
           "Operational customers per marketplace, commercial providers: matched exactly on 3 Feb 2026; later "
           "go-lives add to them by 30 Sep 2026"),
    Anchor("FM Marketplace spend", "$3M FY2023 -> $183M FY2024 (4 CFO Act agencies)", "GAO-26-107895",
           "Run plus migration cost of FM engagements ordered through the marketplace: FY2023 and FY2024 matched "
           "exactly, FY2024's from 4 CFO Act departments; FY2025 and FY2026 inside the suggested $300–800M"),
    Anchor("Realized savings", "5-35 % of baseline", "OMB 5–30 % (GAO-26-108014); SSLC 25–40 %",
           "One savings rate per engagement: 5–35 % of baseline in every realized full year after go-live"),
    Anchor("OMB potential savings", "$1.25B-$7.5B a year of $25B mission-support spend",
           "GAO-26-108014 via CAGW", "Context on the Savings page"),
    Anchor("Prompt Payment Act compliance target", "99.5 %", "Treasury ARC AP service page",
           "FM measure target"),
    Anchor("Payroll accuracy target", "99.8 % (actuals 99.79-100 %)", "DOI IBC FY2024 SLAs",
           "HR measure target; every monthly value 99.79–100 %"),
    Anchor("Timely payroll disbursement target", "99.9 %", "DOI IBC SLAs", "HR measure target"),
    Anchor("Time to hire", "goal 80 days; 101.2 days in FY2023", "OPM time-to-hire dashboard",
           "HR measure target; monthly values average 101.2 days in FY2023 and 95–105 days in every FY"),
    Anchor("Grant payment turnaround", "next business day", "HHS PMS", "Grants measure target (1 business day)"),
    Anchor("Availability", "99.99 %", "USDA OCIO incident handling", "Cyber measure target"),
    Anchor("Customer satisfaction", "7-point scale; government-wide just above 5.5; DoD about 4",
           "GSA Mission-Support Customer Satisfaction Survey 2023",
           "Quarterly scores 4.0–6.2; response-weighted mean in every FY 5.5–5.6 government-wide (the "
           "Performance page's 5.5 line) and 4.0–4.3 for DoD"),
    Anchor("Payroll unit cost", "$77 per employee per year (range $45-$600)", "e-Payroll (2003)",
           "Payroll prices $65–$90 per employee per year"),
    Anchor("Federal HR 2.0 waves", "Wave 1 FY2026: OPM, DHS, USDA, HHS, DOI, DOT, VA, EPA; wave 2 FY2027",
           "OPM / MeriTalk",
           "HR 2.0 pipeline: wave 1 planned go-lives in FY2026 (OPM live; DHS and VA at risk; the rest "
           "implementing); wave 2 agreements signed, planned go-lives in FY2027"),
    Anchor("Migration durations", "FM/HR core 18 months implementation (12-30); OPM to ESC ~2 years",
           "USSM M3; DOT release",
           "Stage durations: FM/HR core go-lives took a median 18 ± 1 months to implement, 10th and 90th "
           "percentiles 12 ± 1 and 30 ± 2 months; OPM → ESC 24 months"),
    Anchor("Late or at risk migrations", "10-15 % of FM and HR migrations", "Reference estimate [E]",
           "Of FM and HR engagements that started implementing, 10–15 % are at risk or late (actual or forecast "
           "go-live after the planned one by more than a quarter of the planned implementation)"),
    Anchor("Performance data reporting", "60-95 % of customers report on time", "Reference estimate [E]",
           "Monthly reporting gaps: in every month 60–95 % of live customer engagements report their measures"),
]
