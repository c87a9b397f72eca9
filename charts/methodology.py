"""The methodology page's text: how numbers are defined, the savings method, the status rule, the glossary.

Kept apart from the page so that the words a figure uses and the words that define it sit in the code base
once (headline definitions live with the headlines in data_access.headlines).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from charts.labels import DIRECTION_LABELS
from data_access import performance
from seed.anchors import Anchor

METHOD_VERSION = "2026.1"
GLOSSARY = [
    ("QSMO", "Quality Service Management Office: an agency designated by OMB to run a government-wide marketplace "
             "of shared solutions for one mission-support area (M-19-16, 2019)."),
    ("FSSP", "Federal Shared Service Provider: a federal agency that provides a service to other agencies for a fee, "
             "e.g. Treasury ARC, DOT/FAA ESC, DOI IBC, USDA NFC."),
    ("IAA", "Interagency Agreement: the agreement under which a customer agency buys from a federal provider "
            "(a commercial provider is bought through a contract or task order)."),
    ("M3 phases", "GSA's Modernization and Migration Management playbook: 0 Assessment, 1 Readiness, 2 Selection, "
                  "3 Engagement, 4 Migration, 5 Operations. This dashboard maps them to Discovery (0–1), Agreement "
                  "signed (2–3), Implementing (4) and Operational (5), plus At risk / paused and Cancelled."),
    ("Obligation vs outlay", "An obligation is a binding commitment to spend (an order or agreement); an outlay is the "
                             "payment that follows. Marketplace spend here counts costs incurred, closest to outlays."),
    ("Hard savings", "A reduction in spending that shows in budgets: the legacy cost is no longer paid."),
    ("Cost avoidance", "Costs that would have been incurred without the shared service but were not, e.g. a "
                       "system upgrade that became unnecessary. Real, but not a budget cut."),
    ("Baseline", "What the legacy arrangement costs (or would have cost) in a fiscal year, escalated 2.5 % a year."),
    ("Fiscal year", "The federal fiscal year starts on 1 October: FY2026 runs from 1 Oct 2025 to 30 Sep 2026."),
]

HEADLINE_RULE = ("Each headline is computed for the **selected fiscal year** (the end of the fiscal-year filter) and "
                 "compared with the prior fiscal year; a fiscal year still open is judged on the data-as-of date.")
SAVINGS_METHOD = (
    "- **Baseline** is the legacy cost of the function for the organization in each fiscal year, from its pre-migration "
    "run cost, escalated 2.5 % a year.\n"
    "- **Run cost** is what the organization pays to run the function that year: the legacy system while migrating, "
    "the shared service's charges after go-live (pro-rated in the go-live year).\n"
    "- **Migration cost** is one-time transition spend (configuration, conversion, testing, cutover), spread over the "
    "implementation period: from the date implementation started to go-live or cancellation. An engagement that never "
    "reached implementation has no migration cost; a projection of one still in flight spreads it over the planned "
    "period (from today, if implementation has not started, to the forecast go-live). Cancelled migrations keep the "
    "migration cost already spent. The importer refuses rows that break this rule.\n"
    "- **Net savings = baseline − run cost − migration cost.** A go-live cohort **breaks even** in the first fiscal "
    "year its cumulative net savings reach zero.\n"
    "- **Hard savings vs cost avoidance** is recorded per engagement (see the glossary).\n"
    "- **Projections** (fiscal years after the data-as-of date) use each engagement's planned or forecast go-live "
    "and its agreed savings rate; they are drawn lighter and labelled projected.")
STATUS_RULE = performance.STATUS_RULE
PROJECTION_RULE = (
    "Fiscal years after the data-as-of date's fiscal year are **projections**, marked *(projected)* on every tile, "
    "drawn lighter in charts and labelled in the brief. Savings project each engagement's planned or forecast "
    "go-live and its agreed savings rate. Customer agencies and engagements in flight are projected the same way: an "
    "engagement counts as live from its forecast (or planned) go-live unless it was cancelled. Stages, at-risk flags "
    "and service performance are not projected: for a future year they are shown as of the data-as-of date, or not "
    "at all (SLA attainment and satisfaction have no measurements yet).")
COUNTING_UNIT = (
    "**Customer agencies are counted as GAO-26-108014 counts them:** each CFO Act department's own offices, each of "
    "its components (bureaus) and each independent agency is one customer agency. A department with ten live bureaus "
    "therefore counts up to eleven, and selecting a department counts it with its components. The tile says how many "
    "organizations are in scope (so a full count reads as coverage, not growth) and how many of the CFO Act "
    "departments in scope have at least one live organization. The Adoption page compares the per-marketplace counts "
    "with GAO's, on the date of GAO's report (3 Feb 2026).")


def measures_table(measures: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Every service measure with its target and tolerance, from `catalog.service_measures`."""
    return pd.DataFrame({"Marketplace": measures["marketplace"].map(lambda c: names.get(c, c)),
                         "Measure": measures["measure"], "Unit": measures["unit"],
                         "Direction": measures["higher_is_better"].map(DIRECTION_LABELS),
                         "Target": measures["target"], "Source": measures["source"]})


def anchors_table(anchors: Sequence[Anchor]) -> pd.DataFrame:
    """The calibration anchors of the demo data (seed.anchors.ANCHORS)."""
    return pd.DataFrame([(a.figure, a.value, a.source, a.used_for) for a in anchors],
                        columns=["Figure", "Value", "Source", "Used for"])
