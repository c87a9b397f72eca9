"""Plain-language highlights for the Overview and the brief, written from query frames (pure).

Each sentence speaks about the selected scope and year, says when a year is projected, uses the one target-status
rule (`data_access.performance.target_status`) and never calls a loss a saving.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import pandas as pd

from charts.formats import money, percent, plural
from charts.text import md
from data_access import adoption, performance, savings
from data_access.filters import Filters
from data_access.fiscal import evaluation_date, fy_label, is_projected, period_label
from data_access.performance import TARGET_MET_SHARE, TARGET_NEAR_SHARE


def saver_sentence(savers: pd.DataFrame, f: Filters, as_of: date) -> str | None:
    """Who saved most in the scope (a `savings_by_organization` frame at the scope's own level), or, when nobody
    has positive net savings yet, who carries the smallest net cost. None without cost data."""
    totals = savers.drop_duplicates("organization").sort_values("total_net_savings", ascending=False)
    if totals.empty:
        return None
    period = period_label(f.fy_from, f.fy_to) + (" (including projections)" if is_projected(f.fy_to, as_of) else "")
    top = totals.iloc[0]
    if top["total_net_savings"] > 0:
        return (f"**{md(top['organization_name'])}** saved the most: {money(top['total_net_savings'])} of net savings "
                f"in {period}.")
    least = totals.iloc[0]
    return (f"No organization in this scope has net savings yet in {period}: migration costs still exceed what "
            f"they save; the smallest net cost is {md(least['organization_name'])}'s "
            f"{money(-least['total_net_savings'])}.")


def at_risk_sentence(at_risk: pd.DataFrame, f: Filters, as_of: date) -> str:
    """Engagements at risk or paused, judged on the selected FY's evaluation date (the data-as-of date for an open
    or future year: at-risk flags are not projected)."""
    day = evaluation_date(f.fy_to, as_of)
    when = f"at the end of {fy_label(f.fy_to)}" if day < as_of else f"as of {as_of:%d %b %Y}"
    if at_risk.empty:
        return f"No engagement is at risk or paused {when}."
    names = ", ".join(f"{md(r.organization)} → {md(r.solution)}" for r in at_risk.head(3).itertuples())
    more = f" and {len(at_risk) - 3} more" if len(at_risk) > 3 else ""
    verb = "are" if len(at_risk) != 1 else "is"
    return f"**{plural(len(at_risk), 'engagement')} {verb} at risk or paused** {when}: {names}{more}."


def target_sentence(services: pd.DataFrame, f: Filters, as_of: date) -> str | None:
    """How many services meet, come near or miss their target in the selected FY (a `provider_comparison`
    frame: one row per solution, status by the share of customer-months that met target)."""
    measured = services.dropna(subset=["sla_attainment"])
    if measured.empty:
        if is_projected(f.fy_to, as_of):
            return f"Service performance is not projected: {fy_label(f.fy_to)} has no measurements yet."
        return None
    counts = measured["status"].value_counts()
    meets, near, misses = (int(counts.get(s, 0)) for s in ("meets", "near", "misses"))
    rule = (f"met target in at least {percent(TARGET_MET_SHARE, digits=0)} of customer-months; near: "
            f"{percent(TARGET_NEAR_SHARE, digits=0)}–{percent(TARGET_MET_SHARE, digits=0)}")
    sentence = (f"**{meets} of {plural(len(measured), 'measured service')} meet target** in {fy_label(f.fy_to)} "
                f"({rule}); {near} near, {misses} miss.")
    if misses or near:
        worst = measured.sort_values("sla_attainment").iloc[0]
        sentence += (f" The lowest is {md(worst['solution'])}, which met target in "
                     f"{percent(worst['sla_attainment'], digits=0)} of its customer-months.")
    return sentence


def satisfaction_sentence(services: pd.DataFrame) -> str | None:
    """The range of satisfaction across solutions, or None with fewer than two rated."""
    rated = services.dropna(subset=["customer_satisfaction"]).sort_values("customer_satisfaction")
    if len(rated) < 2:
        return None
    best, worst = rated.iloc[-1], rated.iloc[0]
    return (f"Satisfaction ranges from {worst['customer_satisfaction']:.1f} ({md(worst['solution'])}) to "
            f"{best['customer_satisfaction']:.1f} ({md(best['solution'])}) on the 7-point scale.")


def highlight_sentences(frames: Sequence[pd.DataFrame], f: Filters, as_of: date) -> list[str]:
    """Two to four sentences (markdown; stored names escaped) from the frames of `highlight_queries(f)`, in order:
    `savings_by_organization` at the scope's level, `at_risk_engagements`, `provider_comparison`."""
    savers, at_risk, services = frames
    candidates = [saver_sentence(savers, f, as_of), at_risk_sentence(at_risk, f, as_of),
                  target_sentence(services, f, as_of), satisfaction_sentence(services)]
    return [s for s in candidates if s]


def highlight_queries(f: Filters) -> list[tuple[Callable[..., pd.DataFrame], dict[str, Any]]]:
    """The queries (and options) whose frames `highlight_sentences` takes, in order, so the Overview (through the
    cache) and the brief (directly) ask the same questions. Savers are ranked at the scope's own level: departments
    with their components rolled up when no agency is selected, else the selected organizations themselves."""
    return [(savings.savings_by_organization, {"roll_up": not f.organizations}),
            (adoption.at_risk_engagements, {}), (performance.provider_comparison, {})]
