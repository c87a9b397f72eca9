"""Service Performance figures: the scorecard, SLA attainment and satisfaction by quarter, providers side by side
within a marketplace, and reporting coverage. The quarterly lines are also drawn on profiles and in the catalog."""

from __future__ import annotations

import altair as alt
import pandas as pd
from pandas.io.formats.style import Styler

from charts.figure import Figure
from charts.formats import percent, plural, score
from charts.labels import DIRECTION_LABELS, STATUS_LABELS
from charts.theme import PERCENT_AXIS, STATUS_COLORS, category_axis, framed, series_encodings
from data_access.fiscal import fy_label, quarter_label
from data_access.performance import TARGET_MET_SHARE, TARGET_NEAR_SHARE

PICK = "pick"
SATISFACTION_REFERENCE = 5.5  # GSA Mission-Support Customer Satisfaction Survey 2023: government-wide just above 5.5
NUMBER_FORMAT = {"Value": "{:,.2f}", "Target": "{:,.2f}"}


def scorecard_table(card: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The scorecard as shown, from a `performance.scorecard` frame: the FY's mean value, the share of
    customer-months that met target, and the status that share gives."""
    return pd.DataFrame({
        "Marketplace": card["marketplace"].map(lambda c: names.get(c, c)), "Solution": card["solution"],
        "Provider": card["provider"], "Measure": card["measure"], "Value": card["value"].round(2),
        "Target": card["target"], "Direction": card["higher_is_better"].map(DIRECTION_LABELS), "Unit": card["unit"],
        "Met target": card["met_share"].map(lambda v: percent(v, digits=0)),
        "Customer-months": card["customer_months"], "Customers reporting": card["customers_reporting"],
        "Latest month": pd.to_datetime(card["latest_month"]).dt.strftime("%b %Y"),
        "Status": card["status"].map(STATUS_LABELS)})


def styled(table: pd.DataFrame) -> Styler:
    """`table` with numbers formatted and any Status column coloured (the symbol carries the meaning too)."""
    colours = {label: STATUS_COLORS[key] for key, label in STATUS_LABELS.items()}
    style = table.style.format({k: v for k, v in NUMBER_FORMAT.items() if k in table.columns})
    if "Status" in table.columns:
        style = style.map(lambda v: f"color: {colours.get(v, 'inherit')}; font-weight: 600", subset=["Status"])
    return style


def _counts(statuses: pd.Series) -> str:
    counts = statuses.value_counts()
    meets, near, misses = (int(counts.get(s, 0)) for s in ("meets", "near", "misses"))
    return f"{meets} meet target (✓), {near} are near (▲) and {misses} miss (✗)"


def scorecard_summary(card: pd.DataFrame, services: pd.DataFrame, selected_fy: int) -> str:
    """The scorecard's answer in words, at service and measure level, with the one status rule."""
    measured = services.dropna(subset=["sla_attainment"])
    return (f"In {fy_label(selected_fy)}, judged on the share of customer-months that met target "
            f"(✓ at least {percent(TARGET_MET_SHARE, digits=0)}, ▲ {percent(TARGET_NEAR_SHARE, digits=0)}–"
            f"{percent(TARGET_MET_SHARE, digits=0)}, ✗ below): of {plural(len(measured), 'service')}, "
            f"{_counts(measured['status'])}; of {plural(len(card), 'measure')}, {_counts(card['status'])}.")


def measures_table(card: pd.DataFrame, *, with_solution: bool = True) -> pd.DataFrame | None:
    """A printable table of a `performance.scorecard` frame: solution, measure, FY value, target, unit, share of
    customer-months that met target and status (profiles and the catalog); None when nothing was reported."""
    if card.empty:
        return None
    table = pd.DataFrame({"Solution": card["solution"], "Measure": card["measure"],
                          "Value": card["value"].map(lambda v: f"{v:,.2f}"), "Target": card["target"].map(lambda v: f"{v:g}"),
                          "Unit": card["unit"], "Met target": card["met_share"].map(lambda v: percent(v, digits=0)),
                          "Status": card["status"].map(STATUS_LABELS)})
    return table if with_solution else table.drop(columns=["Solution"])


def quarter_table(quarters: pd.DataFrame, value: str, label: str, names: dict[str, str], extra: str) -> pd.DataFrame:
    """What `quarterly_lines` draws: Quarter, Group, the `extra` count column and `label` (from column `value`)."""
    return pd.DataFrame({"Quarter": [quarter_label(y, q) for y, q in zip(quarters["fiscal_year"], quarters["fiscal_quarter"])],
                         "Group": quarters["group"].map(lambda g: names.get(g, g)), "Group code": quarters["group"],
                         extra.title(): quarters[extra],
                         label: quarters[value].astype(float).round(4)})


def quarterly_lines(table: pd.DataFrame, value: str, axis_format: str | None = None,
                    target: float | None = None) -> alt.TopLevelMixin:
    """One line per group over fiscal quarters, told apart by colour, dash and marker shape; `target` draws a
    dashed reference line."""
    y = alt.Y(f"{value}:Q", axis=alt.Axis(format=axis_format) if axis_format else alt.Axis(), scale=alt.Scale(zero=False))
    color, shape, dash = series_encodings(table, "Group", "Group code")
    lines = alt.Chart(table).mark_line(point=alt.OverlayMarkDef(size=30)).encode(
        x=alt.X("Quarter:O", title=None, sort=None, axis=alt.Axis(labelAngle=-45, labelOverlap="greedy")),
        y=y, color=color, strokeDash=dash, shape=shape,
        tooltip=["Quarter", "Group", alt.Tooltip(f"{value}:Q", format=axis_format or ".2f")],
    )
    if target is None:
        return framed(lines)
    rule = alt.Chart(pd.DataFrame({value: [target]})).mark_rule(color="#565c65", strokeDash=[4, 3]).encode(
        y=alt.Y(f"{value}:Q"))
    return framed(rule + lines)


def sla_quarters(sla: pd.DataFrame, names: dict[str, str], attainment: float | None, selected_fy: int,
                 group: str = "marketplace") -> Figure:
    """SLA attainment per fiscal quarter by marketplace or provider, from `performance.sla_by_quarter`."""
    table = pd.DataFrame({"Quarter": [quarter_label(y, q) for y, q in zip(sla["fiscal_year"], sla["fiscal_quarter"])],
                          "Group": sla["group"].map(lambda g: names.get(g, g)), "Group code": sla["group"],
                          "Measure-months": sla["measurements"], "Met": sla["met"],
                          "SLA attainment": sla["sla_attainment"].astype(float).round(4)})
    title = f"{percent(attainment)} of customer-months met target in {fy_label(selected_fy)}"
    return Figure("perf-sla", title, quarterly_lines(table, "SLA attainment", ".0%"), table,
                  f"Line chart of SLA attainment per fiscal quarter by {group}. {title}.", hidden=("Group code",))


def satisfaction_quarters(sat: pd.DataFrame, names: dict[str, str], rating: float | None, selected_fy: int, *,
                          key: str = "perf-sat", phrase: str = "Customers rate service",
                          group: str = "marketplace") -> Figure | None:
    """Response-weighted satisfaction per quarter with the government-wide reference line, from
    `performance.satisfaction_by_quarter`; `phrase` starts the title ('DOI rates its services', ...). None when
    there are no scores."""
    if sat.empty:
        return None
    table = quarter_table(sat, "customer_satisfaction", "Satisfaction (1-7)", names, "responses")
    title = (f"{phrase} {score(rating)} in {fy_label(selected_fy)}" if rating is not None
             else "Customer satisfaction on the 7-point scale")
    chart = quarterly_lines(table, "Satisfaction (1-7)", ".1f", target=SATISFACTION_REFERENCE)
    return Figure(key, title, chart, table,
                  f"Line chart of customer satisfaction per quarter by {group}, with the government-wide "
                  f"{SATISFACTION_REFERENCE} reference line. {title}.", hidden=("Group code",),
                  subtitle=f"Dashed line: the government-wide score of about {SATISFACTION_REFERENCE} (GSA survey, 2023)")


def provider_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Solutions of one marketplace side by side, from `performance.provider_comparison` rows."""
    return pd.DataFrame({"Solution": rows["solution"], "Provider": rows["provider"],
                         "Provider type": rows["provider_type"], "Pricing unit": rows["pricing_unit"],
                         "Unit price ($)": rows["unit_price"], "SLA attainment": rows["sla_attainment"].round(4),
                         "Satisfaction (1-7)": rows["customer_satisfaction"].round(2), "Customers": rows["customers"]})


def providers(rows: pd.DataFrame, market_name: str) -> Figure | None:
    """SLA attainment per solution within one marketplace (click picks a solution); None when nothing was
    measured in the selected FY."""
    table = provider_table(rows)
    measured = table.dropna(subset=["SLA attainment"])
    if measured.empty:
        return None
    best = measured.sort_values("SLA attainment", ascending=False).iloc[0]
    title = f"{best['Solution']} has the best SLA attainment in {market_name} ({percent(best['SLA attainment'])})"
    pick = alt.selection_point(name=PICK, fields=["Solution"], on="click")
    base = alt.Chart(measured).encode(y=alt.Y("Solution:N", title=None, sort="-x", axis=category_axis()))
    bars = base.mark_bar(color="#2a6ea8", cursor="pointer").encode(
        x=alt.X("SLA attainment:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=PERCENT_AXIS)),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.4)),
        tooltip=["Solution", "Provider", alt.Tooltip("SLA attainment:Q", format=".1%"),
                 alt.Tooltip("Satisfaction (1-7):Q", format=".2f"), "Customers"],
    ).add_params(pick)
    text = base.mark_text(align="left", dx=3).encode(x="SLA attainment:Q", text=alt.Text("SLA attainment:Q", format=".0%"))
    chart = framed(bars + text, bands=True, band=30)
    return Figure("perf-compare", title, chart, table,
                  f"Bar chart of SLA attainment per solution in {market_name}. {title}.", pick="Solution",
                  subtitle="Click a bar to see that solution's measures")


def coverage_summary(cov: pd.DataFrame, selected_fy: int) -> str:
    """One sentence over a `performance.reporting_coverage` frame (markdown)."""
    complete = int((cov["coverage"] >= 1).sum())
    none = int((cov["months_reported"] == 0).sum())
    share = cov["months_reported"].sum() / cov["months_expected"].sum()
    return (f"**{complete:,} of {len(cov):,} customer–service pairs reported every month of {fy_label(selected_fy)}**; "
            f"{none:,} reported nothing. Overall {percent(share)} of expected monthly reports arrived.")


def coverage_gaps(cov: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The customer–service pairs that missed monthly reports, as shown."""
    gaps = cov[cov["coverage"] < 1]
    return pd.DataFrame({"Org code": gaps["organization"], "Organization": gaps["organization_name"],
                         "Solution": gaps["solution"], "Marketplace": gaps["marketplace"].map(lambda c: names.get(c, c)),
                         "Months expected": gaps["months_expected"], "Months reported": gaps["months_reported"],
                         "Missing months": gaps["missing_months"], "Coverage": gaps["coverage"].round(3)})


MISSED_COLUMNS = ["Solution", "Provider", "Measure", "Value", "Target", "Unit", "Met target", "Customer-months", "Status"]


def missed_table(card: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The scorecard rows that missed target, as shown."""
    return scorecard_table(card, names)[(card["status"] == "misses").to_numpy()][MISSED_COLUMNS]
