"""Marketplace Catalog figures: spend through each marketplace, the offerings table, a solution's card, and two
to four solutions side by side."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.figure import Figure
from charts.formats import money, percent, score
from charts.labels import PROVIDER_TYPE_LABELS, STAGE_LABELS, status_of_year
from charts.text import md
from charts.theme import category_axis, fiscal_year_axis, framed, marketplace_scale, money_axis, projected_look
from data_access.fiscal import fy_label
from data_access.marketplace import SolutionInfo


def spend(spend_frame: pd.DataFrame, names: dict[str, str], selected_fy: int) -> Figure | None:
    """Spend through each marketplace per fiscal year, from `marketplace.marketplace_spend_by_fy` (None if none)."""
    if spend_frame.empty:
        return None
    table = pd.DataFrame({"Fiscal year": spend_frame["fiscal_year"].map(fy_label),
                          "Marketplace": spend_frame["marketplace"].map(lambda c: names.get(c, c)),
                          "Marketplace code": spend_frame["marketplace"],
                          "Status": spend_frame["projected"].map(status_of_year),
                          "Spend ($)": spend_frame["spend"].astype(float).round(0)})
    sel = spend_frame[spend_frame["fiscal_year"] == selected_fy]
    title = (f"{money(sel['spend'].sum())} was spent through the marketplaces in {fy_label(selected_fy)}" if len(sel)
             else "Spend through the marketplaces by fiscal year")
    codes = list(dict.fromkeys(table["Marketplace code"]))
    markets = list(dict.fromkeys(table["Marketplace"]))
    chart = alt.Chart(table).mark_bar().encode(
        x=alt.X("Fiscal year:N", title=None, axis=fiscal_year_axis()),
        xOffset="Marketplace:N",
        y=alt.Y("Spend ($):Q", title="Spend through the marketplace", axis=money_axis()),
        color=alt.Color("Marketplace:N", scale=alt.Scale(domain=markets, range=marketplace_scale(codes).range),
                        legend=alt.Legend(orient="bottom", title=None, columns=3)),
        **projected_look(),
        tooltip=["Fiscal year", "Marketplace", "Status", alt.Tooltip("Spend ($):Q", format="$,.0f")])
    return Figure("catalog-spend", title, framed(chart), table,
                  f"Grouped bar chart of spend through each marketplace per fiscal year. {title}.",
                  hidden=("Marketplace code",),
                  subtitle="Run and migration cost of engagements ordered through each marketplace; projected years "
                           "are lighter with a dashed outline")


def summary_card(row: pd.Series, names: dict[str, str]) -> tuple[str, str]:
    """The two markdown paragraphs of a marketplace's card, from a `marketplace_summary` row."""
    head = (f"**{md(names.get(row['marketplace'], row['marketplace']))}**  \n{md(row['lead_agency'])}  \n"
            f"Designated {pd.Timestamp(row['designated_on']):%d %b %Y}")
    body = f"{row['offerings']} offerings · {row['providers']} providers  \n**{row['customers']}** customer agencies"
    return head, body


def offerings_table(comp: pd.DataFrame, names: dict[str, str], query: str = "") -> pd.DataFrame:
    """The searchable catalog from `performance.provider_comparison`; `query` keeps rows whose solution, provider,
    service area or code contain it (case-insensitive)."""
    table = pd.DataFrame({"Code": comp["code"], "Marketplace": comp["marketplace"].map(lambda c: names.get(c, c)),
                          "Solution": comp["solution"], "Provider": comp["provider"],
                          "Provider type": comp["provider_type"].map(lambda t: PROVIDER_TYPE_LABELS.get(t, t)),
                          "Service area": comp["service_area"], "Pricing unit": comp["pricing_unit"],
                          "Unit price ($)": comp["unit_price"], "Customers": comp["customers"],
                          "SLA attainment": comp["sla_attainment"],
                          "Satisfaction (1-7)": comp["customer_satisfaction"].round(2)})
    if query.strip():
        hay = (table["Solution"] + " " + table["Provider"] + " " + table["Service area"] + " " + table["Code"]).str.lower()
        table = table[hay.str.contains(query.strip().lower(), regex=False)]
    return table


def solution_heading(info: SolutionInfo, names: dict[str, str]) -> str:
    """A solution's description line (markdown, every stored value escaped)."""
    price = (f"{money(info.unit_price)} {md(info.pricing_unit)}" if info.unit_price else "no cost to FCEB agencies")
    return (f"{md(info.description, limit=1000)}  \n**Provider:** {md(info.provider)} ({md(info.provider_type)}) · "
            f"**Marketplace:** {md(names.get(info.marketplace, info.marketplace))} · **Service area:** "
            f"{md(info.service_area)} · **Price:** {price}")


def solution_values(row: pd.Series, selected_fy: int) -> list[tuple[str, str]]:
    """A solution's customers, SLA attainment and satisfaction as labelled values, from a provider_comparison row."""
    fy = fy_label(selected_fy)
    return [("Customer agencies", f"{row['customers']:,}"), (f"SLA attainment {fy}", percent(row["sla_attainment"])),
            (f"Customer satisfaction {fy}", score(row["customer_satisfaction"]))]


def customers_table(customers: pd.DataFrame) -> pd.DataFrame:
    """A solution's customers with their stage in words, from `marketplace.solution_customers`."""
    return customers.assign(stage=customers["stage"].map(STAGE_LABELS))


def side_by_side(comp: pd.DataFrame, chosen: list[str], names: dict[str, str], selected_fy: int) -> pd.DataFrame:
    """Two to four solutions (codes `chosen`) as columns and their attributes as rows, all as text."""
    picked = comp.set_index("code").loc[chosen]
    fy = fy_label(selected_fy)
    return pd.DataFrame({
        "Marketplace": picked["marketplace"].map(lambda c: names.get(c, c)), "Provider": picked["provider"],
        "Provider type": picked["provider_type"].map(lambda t: PROVIDER_TYPE_LABELS.get(t, t)),
        "Pricing unit": picked["pricing_unit"],
        "Unit price": picked["unit_price"].map(lambda v: money(v) if v else "no cost"),
        f"SLA attainment {fy}": picked["sla_attainment"].map(percent),
        f"Satisfaction {fy}": picked["customer_satisfaction"].map(score),
        "Customer agencies": picked["customers"].astype(str)}, index=picked["solution"]).T


def _compare_chart(table: pd.DataFrame, field: str, fmt: str) -> alt.TopLevelMixin:
    base = alt.Chart(table).encode(y=alt.Y("Solution:N", title=None, sort=None, axis=category_axis()))
    bars = base.mark_bar(color="#2a6ea8").encode(x=alt.X(f"{field}:Q", axis=alt.Axis(format=fmt)),
                                                 tooltip=["Solution", alt.Tooltip(f"{field}:Q", format=fmt)])
    text = base.mark_text(align="left", dx=3).encode(x=f"{field}:Q", text=alt.Text(f"{field}:Q", format=fmt))
    return framed(bars + text, bands=True, band=30)


def compare(comp: pd.DataFrame, chosen: list[str]) -> tuple[Figure, Figure]:
    """SLA attainment and satisfaction of the chosen solutions, as two bar figures."""
    picked = comp.set_index("code").loc[chosen]
    table = pd.DataFrame({"Solution": picked["solution"], "SLA attainment": picked["sla_attainment"],
                          "Satisfaction (1-7)": picked["customer_satisfaction"], "Customers": picked["customers"]})
    figures = []
    for key, field, fmt, phrase in (("compare-sla", "SLA attainment", ".0%", "meets its targets most often"),
                                    ("compare-sat", "Satisfaction (1-7)", ".2f", "has the most satisfied customers")):
        ranked = table.dropna(subset=[field]).sort_values(field, ascending=False)
        title = (f"{ranked.iloc[0]['Solution']} {phrase}" if len(ranked)
                 else f"No {field.split(' (')[0].lower()} reported for these solutions")
        figures.append(Figure(key, title, _compare_chart(table, field, fmt), table,
                              f"Bar chart comparing {field.split(' (')[0].lower()}. {title}."))
    return figures[0], figures[1]
