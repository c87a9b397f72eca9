"""Sentences about a projection (pure): the takeaway, the OMB comparison and the method notes for /about."""

from __future__ import annotations

import math

import pandas as pd

from data_access.benchmarks import OMB_SAVINGS_HIGH, OMB_SAVINGS_LOW
from data_access.scenarios.assumptions import BASELINE_ESCALATION
from data_access.scenarios.model import SENSITIVITY_YEARS, ScenarioResult


def money(value: float) -> str:
    """$1.2M, $3.4B, -$950K (the format of charts.formats.money, which the data layer does not import)."""
    if math.isnan(value):
        return "—"
    sign, v = ("-" if value < 0 else ""), abs(value)
    for div, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if v >= div:
            return f"{sign}${v / div:.1f}{suffix}"
    return f"{sign}${v:,.0f}"


def _share(value: float) -> str:
    return "under 1 %" if 0 < value < 0.005 else f"{value * 100:.0f} %"


def _billions(value: float) -> str:
    """OMB's figures as published: $1.25B, $7.5B."""
    return f"${value / 1e9:g}B"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _who(migrations: pd.DataFrame, remaining: bool) -> str:
    orgs = migrations.drop_duplicates("organization")
    if len(orgs) <= (1 if remaining else 2):
        return _and(orgs["organization"].tolist())
    groups = [
        ((orgs["kind"] == "department") & orgs["is_cfo_act"], ("CFO Act department", "CFO Act departments")),
        ((orgs["kind"] == "department") & ~orgs["is_cfo_act"], ("other department", "other departments")),
        (orgs["kind"] == "component", ("component", "components")),
        (orgs["kind"] == "independent", ("independent agency", "independent agencies")),
    ]
    counts = [(int(mask.sum()), nouns) for mask, nouns in groups if mask.any()]
    the = "the " if remaining else ""
    left = "remaining " if remaining else ""
    if len(counts) == 1:
        n, (one, many) = counts[0]
        return f"{the}{n} {left}{one if n == 1 else many}"
    parts = [f"{n} {one if n == 1 else many}" for n, (one, many) in counts]
    return f"{the}{len(orgs)} {left}organizations ({_and(parts)})"


def takeaway(result: ScenarioResult) -> str:
    """One sentence: who migrates where, by when, and the p10–p90 of the annual savings once all are live, e.g.
    "Migrating the 9 remaining CFO Act departments to FM shared services by FY2029 saves $1.2B–$2.0B a year
    from FY2030." """
    mig, band = result.migrations, result.annual_savings
    if result.by_fy.empty:
        return "No fiscal year is left to project within the years the dashboard shows."
    if mig.empty or band is None or result.complete_fy is None:
        return ("No organization within these filters is left to migrate in the chosen marketplaces; the projection "
                "shows what is already live and in flight.")
    markets = list(dict.fromkeys(mig["marketplace"]))
    where = f"{_and(markets)} shared services" if len(markets) <= 2 else f"shared services in {len(markets)} marketplaces"

    def span(a: float, b: float, joint: str = "–") -> str:
        return money(a) if money(a) == money(b) else f"{money(a)}{joint}{money(b)}"

    if band.p90 < 0:
        effect = f"costs {span(-band.p90, -band.p10)} a year more than it saves"
    elif band.p10 < 0:
        effect = f"changes net savings by {span(band.p10, band.p90, ' to ')} a year"
    else:
        effect = f"saves {span(band.p10, band.p90)} a year"
    who = _who(mig, remaining=not result.scenario.organizations)
    return f"Migrating {who} to {where} by FY{result.complete_fy} {effect} from FY{result.full_run_fy}."


def omb_sentence(result: ScenarioResult) -> str:
    """How the full-run-year savings compare with OMB's $1.25B–$7.5B a year; '' without migrations."""
    rows = {str(r["measure"]): r for r in result.omb.to_dict("records")}
    if "scenario" not in rows:
        return ""
    s = rows["scenario"]
    text = (f"In full run years ({s['fiscal_years']}) the scenario adds {money(float(s['annual_savings']))} a year: "
            f"{_share(float(s['share_of_low']))} of OMB's {_billions(OMB_SAVINGS_LOW)} low estimate and "
            f"{_share(float(s['share_of_high']))} of its {_billions(OMB_SAVINGS_HIGH)} high estimate")
    if "together" in rows:
        t = rows["together"]
        text += (f"; with what is already live and in flight, {money(float(t['annual_savings']))} a year "
                 f"({t['fiscal_years']}): {_share(float(t['share_of_low']))} and {_share(float(t['share_of_high']))}")
    return text + "."


METHOD_NOTES = [
    "**Who migrates.** By default, every organization within the filters that is neither live nor in flight in a "
    "marketplace, each counted on its own as GAO counts customers. CFO Act departments form wave 1, starting on "
    "1 October of the next fiscal year; everyone else forms wave 2 a year later. Waves and members can be changed.",
    "**Learned from realized migrations.** Each input is the median over the engagements that are operational on the "
    "data-as-of date and have cost rows for past years, per marketplace, shown with its p10–p90 spread and how many "
    "engagements it rests on. A marketplace with none yet borrows from all marketplaces, and says so.",
    "**Inputs.** Savings rate = 1 − run cost ÷ baseline in the years an engagement was live from 1 October. One-time "
    "migration cost = migration spend ÷ latest annual baseline, from engagements whose whole implementation is in the "
    "cost table. Duration = months from Implementing to Operational. Slips = the share that went live after the "
    "planned date, and by how many months.",
    "**Baseline of a new adopter.** The median annual baseline of organizations of the same kind (department, "
    "component, independent agency) with a realized engagement in that marketplace, in data-as-of-year dollars, "
    f"escalated {BASELINE_ESCALATION * 100:.1f} % a year as in the demo data.",
    "**Timing.** The one-time cost is spread evenly over the implementation, which starts on 1 October of the wave's "
    "fiscal year. After go-live, an organization saves baseline × rate a year, pro-rated in the go-live year by the "
    "share of the year it is live.",
    "**The line and the band.** The line puts every input at its median; a migration slips by the expected delay "
    "(share that slip × median delay). The band is p10–p90 of a seeded Monte Carlo (2,000 draws by default; the same "
    "link gives the same band) in which each migration draws its own rate, cost, duration, slip and baseline from the "
    "observed values. Observed baselines and costs are skewed, so with many migrations the band can sit off the line.",
    "**Already live and in flight** is the cost table's net savings within the filters: the Cost Savings page's "
    "numbers. After the last year the database projects, only the scenario is shown.",
    "**Break-even** is the first fiscal year in which the scenario's cumulative net savings reaches zero. **Full run "
    "years** are those in which every migration is live all year; their average is compared with OMB's "
    f"{_billions(OMB_SAVINGS_LOW)}–{_billions(OMB_SAVINGS_HIGH)} a year of potential savings (GAO-26-108014).",
    f"**Sensitivity** moves one input from its p10 to its p90, with the others at their medians, and shows the change "
    f"in the scenario's cumulative net savings over its first {SENSITIVITY_YEARS} fiscal years.",
    "**Not modelled:** savings that grow or fade after go-live, provider capacity, cancellations, components following "
    "their department, and the time value of money (no discounting).",
]
