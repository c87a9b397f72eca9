"""Agency-profile figures: the engagement timeline, the CFO Act peer distribution, the plain-language answers and
the tables of what is next and of peers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import altair as alt
import pandas as pd

from charts.figure import Figure
from charts.formats import money, percent, plural, score
from charts.labels import STAGE_LABELS, STATUS_LABELS
from charts.text import md
from charts.theme import BAND, FIT_WIDTH, STAGE_COLORS, category_axis, framed
from data_access.fiscal import fy_label, period_label
from data_access.headlines import Tile
from data_access.performance import target_status
from data_access.profiles import OrganizationInfo

TIMELINE_STAGES = ["discovery", "agreement", "implementing", "at_risk", "operational"]


def _day(value: Any) -> pd.Timestamp | None:
    """A stored date as a Timestamp, None when missing."""
    return None if value is None or pd.isna(value) else pd.Timestamp(value)


def timeline_frame(df: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """Stage periods per engagement from an `engagement_timeline` frame: Engagement, Stage, Start, End.

    Each stage runs from the date it was entered to the next stage's date (or `day`, the evaluation date).
    """
    rows = []
    columns = {"discovery": "discovery_on", "agreement": "agreement_on", "implementing": "implementing_on",
               "at_risk": "at_risk_on", "operational": "operational_on"}
    for r in df.itertuples():
        label = f"{r.solution} ({r.organization})"
        entered = [(s, d) for s, c in columns.items() if (d := _day(getattr(r, c))) is not None]
        end_all = _day(r.cancelled_on) or day
        entered.sort(key=lambda x: x[1])
        for i, (stage, start) in enumerate(entered):
            end = entered[i + 1][1] if i + 1 < len(entered) else end_all
            rows.append((label, STAGE_LABELS[stage], start, max(end, start + pd.Timedelta(days=7))))
    return pd.DataFrame(rows, columns=["Engagement", "Stage", "Start", "End"])


def milestones_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Planned and forecast go-live dates per engagement: Engagement, Milestone, Date."""
    rows = []
    for r in df.itertuples():
        label = f"{r.solution} ({r.organization})"
        rows.append((label, "Planned go-live", _day(r.planned_go_live)))
        forecast = _day(r.forecast_go_live)
        if forecast is not None and _day(r.operational_on) is None:
            rows.append((label, "Forecast go-live", forecast))
    return pd.DataFrame(rows, columns=["Engagement", "Milestone", "Date"])


def timeline(periods: pd.DataFrame, marks: pd.DataFrame) -> alt.TopLevelMixin:
    """Gantt chart: actual stage periods as bars; planned (▼) and forecast (◆) go-live as symbols."""
    stages = [STAGE_LABELS[s] for s in TIMELINE_STAGES]
    y = alt.Y("Engagement:N", title=None, sort=None, axis=category_axis())
    bars = alt.Chart(periods).mark_bar(height=12).encode(
        x=alt.X("Start:T", title=None), x2="End:T", y=y,
        color=alt.Color("Stage:N", scale=alt.Scale(domain=stages, range=[STAGE_COLORS[s] for s in TIMELINE_STAGES]),
                        legend=alt.Legend(orient="bottom", title=None, columns=3)),
        tooltip=["Engagement", "Stage", alt.Tooltip("Start:T", format="%d %b %Y"), alt.Tooltip("End:T", format="%d %b %Y")])
    points = alt.Chart(marks).mark_point(size=90, filled=True, color="#b50909").encode(
        x="Date:T", y=y,
        shape=alt.Shape("Milestone:N", scale=alt.Scale(domain=["Planned go-live", "Forecast go-live"],
                                                        range=["triangle-down", "diamond"]),
                        legend=alt.Legend(orient="bottom", title=None)),
        tooltip=["Engagement", "Milestone", alt.Tooltip("Date:T", format="%d %b %Y")])
    return framed(bars + points, bands=True, band=24)


PEER_METRICS = (("Services operational", "d"), ("Savings, % of baseline", ".1f"), ("Satisfaction (1-7)", ".1f"))


def peer_strip(table: pd.DataFrame, focus: str) -> alt.TopLevelMixin:
    """One strip per measure (stacked, each full width) of the CFO Act departments on breadth, savings share and
    satisfaction; the focus department sits on its own named row, larger and as a diamond (not by colour alone)."""
    long = table.melt(id_vars=["Department", "Name"], value_vars=[m for m, _ in PEER_METRICS],
                      var_name="Metric", value_name="Value").dropna(subset=["Value"])
    long["Row"] = [focus if d == focus else "Other departments" for d in long["Department"]]
    rows = [focus, "Other departments"]
    strips = []
    for metric, fmt in PEER_METRICS:
        strips.append(alt.Chart(long[long["Metric"] == metric]).mark_point(filled=True, opacity=0.85).encode(
            x=alt.X("Value:Q", title=metric, scale=alt.Scale(zero=False), axis=alt.Axis(format=fmt)),
            y=alt.Y("Row:N", title=None, sort=rows, axis=category_axis()),
            shape=alt.Shape("Row:N", scale=alt.Scale(domain=rows, range=["diamond", "circle"]), legend=None),
            size=alt.Size("Row:N", scale=alt.Scale(domain=rows, range=[280, 70]), legend=None),
            color=alt.Color("Row:N", scale=alt.Scale(domain=rows, range=["#b50909", "#2a6ea8"]), legend=None),
            tooltip=["Department:N", "Name:N", "Metric:N", alt.Tooltip("Value:Q", format=".3~f")],
        ).properties(height=alt.Step(BAND)))
    chart: alt.TopLevelMixin = alt.vconcat(*strips, spacing=14).properties(autosize=FIT_WIDTH)
    return chart


def timeline_figure(timeline_frame_: pd.DataFrame, day: date, code: str) -> Figure | None:
    """The Gantt chart of an organization's engagements, from `profiles.engagement_timeline` judged on `day`
    (None when it has none)."""
    if timeline_frame_.empty:
        return None
    periods = timeline_frame(timeline_frame_, pd.Timestamp(day))
    marks = milestones_frame(timeline_frame_)
    live = int((timeline_frame_["stage"] == "operational").sum())
    late = int((pd.to_datetime(timeline_frame_["operational_on"]) > pd.to_datetime(timeline_frame_["planned_go_live"])).sum())
    title = f"{len(timeline_frame_)} engagements; {live} live, {late} went live later than planned"
    table = timeline_frame_.assign(stage=timeline_frame_["stage"].map(STAGE_LABELS))
    return Figure("profile-timeline", title, timeline(periods, marks), table,
                  f"Gantt chart of each of {code}'s engagements' stages over time with planned and forecast go-live "
                  f"marked. {title}.", subtitle="Bars: when each stage was entered; ▼ planned go-live, ◆ current forecast")


def peer_table(peers: pd.DataFrame) -> pd.DataFrame:
    """The 24 CFO Act departments as compared, from `profiles.cfo_act_peers`."""
    return pd.DataFrame({"Department": peers["department"], "Name": peers["department_name"],
                         "Services operational": peers["breadth"],
                         "Savings, % of baseline": (peers["savings_share"] * 100).round(2),
                         "Satisfaction (1-7)": peers["customer_satisfaction"].round(3),
                         "Breadth rank": peers["breadth_rank"], "Savings rank": peers["savings_rank"],
                         "Satisfaction rank": peers["satisfaction_rank"]})


def peers_figure(peers: pd.DataFrame, department: str) -> Figure:
    """Where `department` sits among the CFO Act departments on breadth, savings share and satisfaction."""
    table = peer_table(peers)
    row = peers[peers["department"] == department]
    if len(row):
        d = row.iloc[0]
        title = (f"{department} ranks {d['breadth_rank']} on breadth, {d['savings_rank']} on savings share and "
                 f"{d['satisfaction_rank']} on satisfaction among {len(peers)} departments")
    else:
        title = f"How the {len(peers)} CFO Act departments compare"
    return Figure("profile-peers", title, peer_strip(table, department), table,
                  f"Three strip plots of the CFO Act departments on services operational, savings as a share of "
                  f"baseline and satisfaction, with {department} marked. {title}.",
                  subtitle=f"Each dot is a CFO Act department; the red diamond on its own row is {department}")


def next_table(flight: pd.DataFrame) -> pd.DataFrame:
    """What is next for an organization, from `adoption.engagements_in_flight` (printable)."""
    return pd.DataFrame({"Organization": flight["organization"], "Solution": flight["solution"],
                         "Stage": flight["stage"].map(STAGE_LABELS), "Planned go-live": flight["planned_go_live"],
                         "Forecast go-live": flight["forecast_go_live"], "Slip (months)": flight["slip_months"],
                         "At risk": flight["at_risk"].map({True: "⚠ yes", False: "no"})})


def next_summary(flight: pd.DataFrame, day: date) -> str:
    """'N engagements in flight, M at risk; K forecast to go live in the next 12 months.' (markdown)"""
    forecast = pd.to_datetime(flight["forecast_go_live"].fillna(flight["planned_go_live"]))
    soon = int((forecast <= pd.Timestamp(day) + pd.DateOffset(months=12)).sum())
    return (f"**{len(flight)} engagements in flight**, {int(flight['at_risk'].sum())} at risk; "
            f"{soon} forecast to go live in the next 12 months.")


def subtitle(info: OrganizationInfo) -> str:
    """'Agency profile of NPS, a component of the Department of the Interior' (and how components roll up)."""
    return (f"Agency profile of {info.code}" + (f", a component of {info.parent_name}" if info.parent_name else "")
            + (f"; its {len(info.components)} components are rolled up" if info.components else ""))


@dataclass(frozen=True)
class ProfileFacts:
    """The numbers the profile's plain-language answers are written from (every one computed elsewhere)."""

    code: str
    department: str
    is_department: bool
    span: str
    selected_fy: int
    cumulative: float | None
    net: float | None
    migration_cost: float
    savings_rank: int | None
    departments: int
    live: int
    live_marketplaces: int
    in_flight: int
    at_risk: int
    sla: float | None
    gov_sla: float | None
    satisfaction: float | None
    gov_satisfaction: float | None


def profile_facts(info: OrganizationInfo, tiles: list[Tile], everyone: list[Tile], *, fy_from: int, selected_fy: int,
                  migration_cost: float, peers: pd.DataFrame, timeline_frame_: pd.DataFrame,
                  flight: pd.DataFrame) -> ProfileFacts:
    """Collect the facts from the profile's query frames and headline tiles (`everyone`: the government-wide tiles)."""
    mine = {t.headline.key: t.value for t in tiles}
    gov = {t.headline.key: t.value for t in everyone}
    dept = peers[peers["department"] == info.department_code]
    rank = dept["savings_rank"].iloc[0] if len(dept) else None
    live = timeline_frame_[timeline_frame_["stage"] == "operational"]
    return ProfileFacts(
        code=info.code, department=info.department_code, is_department=info.department_code == info.code,
        span=period_label(fy_from, selected_fy), selected_fy=selected_fy, cumulative=mine["cumulative_net_savings"],
        net=mine["net_savings"], migration_cost=migration_cost,
        savings_rank=None if rank is None or pd.isna(rank) else int(rank), departments=len(peers), live=len(live),
        live_marketplaces=int(live["marketplace"].nunique()), in_flight=len(flight), at_risk=int(flight["at_risk"].sum()),
        sla=mine["sla_attainment"], gov_sla=gov["sla_attainment"], satisfaction=mine["customer_satisfaction"],
        gov_satisfaction=gov["customer_satisfaction"])


def answers(facts: ProfileFacts) -> list[tuple[str, str]]:
    """The profile's three questions and their answers (markdown; the code is escaped)."""
    code = md(facts.code)
    rank = ""
    if facts.savings_rank is not None:
        who = "It" if facts.is_department else f"Its department ({md(facts.department)})"
        rank = (f" {who} ranks **{facts.savings_rank} of {facts.departments}** CFO Act departments on savings as a "
                f"share of baseline.")
    fy = fy_label(facts.selected_fy)
    return [
        (f"How much has {code} saved by using shared services?", _saved(facts, code, fy, rank)),
        (f"What has {code} adopted?",
         f"**{plural(facts.live, 'service')} operational** across {plural(facts.live_marketplaces, 'marketplace')}, "
         f"{facts.in_flight} more in flight ({facts.at_risk} at risk)."),
        (f"Is the service {code} receives any good?", _quality(facts, code, fy)),
    ]


def _saved(facts: ProfileFacts, code: str, fy: str, rank: str) -> str:
    if facts.cumulative is None:
        return f"No cost data for {code} in {facts.span}.{rank}"
    this_year = f" ({money(facts.net)} in {fy})" if facts.net is not None else f" (no cost data in {fy})"
    verb = "net savings" if facts.cumulative >= 0 else "net cost so far"
    amount = money(abs(facts.cumulative))
    return (f"**{amount}** of {verb} in {facts.span}{this_year}, after {money(facts.migration_cost)} of one-time "
            f"migration costs.{rank}")


def _quality(facts: ProfileFacts, code: str, fy: str) -> str:
    if facts.sla is None and facts.satisfaction is None:
        return f"No performance data or satisfaction scores were reported for {code} in {fy}."
    parts = []
    if facts.sla is None:
        parts.append(f"No performance data was reported for {code} in {fy}")
    else:
        status = STATUS_LABELS[target_status(facts.sla) or "misses"]
        gov = f" (government-wide {percent(facts.gov_sla)})" if facts.gov_sla is not None else ""
        parts.append(f"**{percent(facts.sla)}** of its customer-months met target in {fy}{gov}: {status.lower()}")
    if facts.satisfaction is None:
        parts.append("no satisfaction scores were reported")
    else:
        gov = f" (government-wide {score(facts.gov_satisfaction)})" if facts.gov_satisfaction is not None else ""
        parts.append(f"customers rate it **{score(facts.satisfaction)}**{gov}")
    return "; ".join(parts) + "."


def coverage_sentence(cov: pd.DataFrame, code: str, selected_fy: int, through: str, as_of: date) -> str:
    """How completely an organization reported performance data (markdown)."""
    if cov.empty:
        return f"No performance reports are expected from {md(code)} for {fy_label(selected_fy)}."
    services = cov.groupby("solution")["months_reported"].sum()
    share = cov["months_reported"].sum() / cov["months_expected"].sum()
    return (f"Performance data reported for **{int((services > 0).sum())} of {len(services)} services** in "
            f"{fy_label(selected_fy)} (through {through}); {percent(share)} of expected monthly reports arrived. "
            f"Data as of {as_of:%d %b %Y}.")
