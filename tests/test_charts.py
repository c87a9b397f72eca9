"""Chart builders are pure: check mark, fields, takeaway title and money formatting."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts import overview, pillars
from charts.theme import money_axis, titled


def test_net_savings_chart_spec():
    df = pd.DataFrame({"fiscal_year": [2025, 2026, 2027], "marketplace": ["FM", "FM", "HR"],
                       "projected": [False, False, True], "net_savings": [1.5e9, -2e6, 3e5]})
    table = overview.net_savings_frame(df, {"FM": "Financial Mgmt", "HR": "Human Resources"})
    assert list(table["Fiscal year"]) == ["FY2025", "FY2026", "FY2027 (projected)"]
    spec = overview.net_savings_by_fy(table, "Net savings of $2.0M").to_dict()
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"]["field"] == "Fiscal year"
    assert spec["title"]["text"] == ["Net savings of $2.0M"]
    assert "1e9" in spec["encoding"]["y"]["axis"]["labelExpr"]  # billions print as B, not G
    assert overview.net_savings_takeaway(df, 2026).startswith("Net savings of -$2.0M in FY2026")


def test_long_titles_wrap_instead_of_truncating():
    chart = titled(alt.Chart(pd.DataFrame({"a": [1]})).mark_point(), "word " * 30)
    assert len(chart.to_dict()["title"]["text"]) >= 2


def test_pipeline_selection_keeps_the_code_in_aggregated_data():
    table = pd.DataFrame({"Marketplace": ["Financial Mgmt"], "Marketplace code": ["FM"], "Stage": ["Operational"],
                          "Stage order": [3], "Engagements": [4]})
    spec = pillars.pipeline(table, "t").to_dict()
    assert spec["encoding"]["detail"]["field"] == "Marketplace code"
    assert spec["params"][0]["select"]["fields"] == ["Marketplace code"]
    assert "params" not in pillars.pipeline(table, "t", selectable=False).to_dict()


def test_line_charts_use_dash_and_shape_as_well_as_colour():
    table = pd.DataFrame({"Quarter": ["FY2026 Q1"], "Group": ["FM"], "SLA attainment": [0.9]})
    enc = pillars.quarterly_lines(table, "SLA attainment", "t", ".0%").to_dict()["encoding"]
    assert {"color", "strokeDash", "shape"} <= set(enc)


def test_money_axis_expression():
    assert "'B'" in money_axis().to_dict()["labelExpr"]
