"""Plain-language highlights for the Overview and the brief, written from query frames (pure)."""

from __future__ import annotations

import pandas as pd

from charts.formats import money, percent
from charts.text import md
from data_access.filters import Filters
from data_access.fiscal import fy_label, period_label

BELOW_TARGET_SHARE = 0.90  # a service "below target" meets fewer than 90 % of its measure-months


def highlight_sentences(savers: pd.DataFrame, at_risk: pd.DataFrame, services: pd.DataFrame,
                        f: Filters) -> list[str]:
    """Three to five sentences from `savings_by_organization`, `at_risk_engagements` and
    `provider_comparison` frames (pure)."""
    period = period_label(f.fy_from, f.fy_to)
    out: list[str] = []
    totals = savers.drop_duplicates("organization").sort_values("total_net_savings", ascending=False)
    if len(totals):
        top = totals.iloc[0]
        out.append(f"**{md(top['organization_name'])}** is the largest saver, with "
                   f"{money(top['total_net_savings'])} of net savings in {period}.")
    if len(at_risk):
        names = ", ".join(f"{md(r.organization)} → {md(r.solution)}" for r in at_risk.head(3).itertuples())
        more = f" and {len(at_risk) - 3} more" if len(at_risk) > 3 else ""
        out.append(f"**{len(at_risk)} engagement{'s are' if len(at_risk) != 1 else ' is'} at risk or "
                   f"paused** in {fy_label(f.fy_to)}: {names}{more}.")
    else:
        out.append(f"No engagement is at risk or paused in {fy_label(f.fy_to)}.")
    measured = services.dropna(subset=["sla_attainment"])
    below = measured[measured["sla_attainment"] < BELOW_TARGET_SHARE].sort_values("sla_attainment")
    if len(below):
        worst = below.iloc[0]
        out.append(f"**{len(below)} of {len(measured)} services are below target** in {fy_label(f.fy_to)} "
                   f"(fewer than {percent(BELOW_TARGET_SHARE, digits=0)} of measure-months met); the lowest "
                   f"is {md(worst['solution'])} at {percent(worst['sla_attainment'])}.")
    elif len(measured):
        out.append(f"All {len(measured)} measured services met target in at least "
                   f"{percent(BELOW_TARGET_SHARE, digits=0)} of measure-months in {fy_label(f.fy_to)}.")
    rated = services.dropna(subset=["customer_satisfaction"]).sort_values("customer_satisfaction")
    if len(rated) >= 2:
        best, worst = rated.iloc[-1], rated.iloc[0]
        out.append(f"Satisfaction ranges from {worst['customer_satisfaction']:.1f} ({md(worst['solution'])}) to "
                   f"{best['customer_satisfaction']:.1f} ({md(best['solution'])}) on the 7-point scale.")
    return out

