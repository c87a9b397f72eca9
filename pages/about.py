"""Methodology and data sources: every headline's definition, the savings method, status thresholds, a
glossary, provenance and the calibration anchors."""

from ui.router import ensure_router

ensure_router()

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

from data_access import catalog  # noqa: E402
from data_access.fiscal import as_of_label  # noqa: E402
from data_access.headlines import HEADLINES  # noqa: E402
from seed.anchors import ANCHORS  # noqa: E402
from ui import components, state  # noqa: E402

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

f = st.session_state["filters"]
components.page_header("Methodology and data sources", "How every number on this dashboard is defined, "
                                                       "and where the data comes from.", f)
st.caption(f"Methodology version {METHOD_VERSION}.")

st.header("Headline numbers", anchor="headlines")
st.markdown("Each headline is computed for the **selected fiscal year** (the end of the fiscal-year filter) and "
            "compared with the prior fiscal year; a fiscal year still open is judged on the data-as-of date.")
for h in HEADLINES:
    st.markdown(f"**{h.label}** — {h.definition}  \n*Formula:* `{h.formula}`")

st.header("Savings method", anchor="savings")
st.markdown(
    "- **Baseline** is the legacy cost of the function for the organization in each fiscal year, from its pre-migration "
    "run cost, escalated 2.5 % a year.\n"
    "- **Run cost** is what the organization pays to run the function that year: the legacy system while migrating, "
    "the shared service's charges after go-live (pro-rated in the go-live year).\n"
    "- **Migration cost** is one-time transition spend (configuration, conversion, testing, cutover), spread over the "
    "implementation period. Cancelled migrations keep the migration cost already spent.\n"
    "- **Net savings = baseline − run cost − migration cost.** A go-live cohort **breaks even** in the first fiscal "
    "year its cumulative net savings reach zero.\n"
    "- **Hard savings vs cost avoidance** is recorded per engagement (see the glossary).\n"
    "- **Projections** (fiscal years after the data-as-of date) use each engagement's planned or forecast go-live "
    "and its agreed savings rate; they are drawn lighter and labelled projected.")

st.header("Service-measure status", anchor="status")
st.markdown("A measure's latest value **✓ meets** its target when it is on the right side of it (at or above where "
            "higher is better, at or below where lower is better), is **▲ near** when it misses by no more than the "
            "measure's tolerance, and **✗ misses** otherwise. SLA attainment counts monthly values that meet target.")
measures = state.query_value(catalog.service_measures)
st.table(pd.DataFrame({"Marketplace": measures["marketplace"].map(state.marketplace_names()),
                       "Measure": measures["measure"], "Unit": measures["unit"],
                       "Direction": measures["higher_is_better"].map({True: "higher is better", False: "lower is better"}),
                       "Target": measures["target"], "Near if within": measures["near_margin"],
                       "Source": measures["source"]}))

st.header("Glossary", anchor="glossary")
for term, text in GLOSSARY:
    st.markdown(f"**{term}** — {text}")

st.header("Data sources and provenance", anchor="provenance")
prov = state.provenance()
as_of = as_of_label(prov.as_of)
if prov.is_demo:
    st.markdown(f"This database holds **illustrative demo data** generated by `python -m seed` (deterministic; "
                f"data as of {as_of}; generated {prov.loaded_at:%d %b %Y}). Names of marketplaces, agencies, providers "
                f"and offerings are real; the numbers are generated and calibrated to the public figures below.")
else:
    st.markdown(f"This database holds **imported data**, as of {as_of}; last loaded {prov.loaded_at:%d %b %Y %H:%M} UTC.")
st.table(pd.DataFrame([(a.figure, a.value, a.source, a.used_for) for a in ANCHORS],
                      columns=["Figure", "Value", "Source", "Used for"]))
