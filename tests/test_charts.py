"""Chart builders are pure: check mark, fields, takeaway title and money formatting."""

from __future__ import annotations

import json
from pathlib import Path

import altair as alt
import pandas as pd

from charts import adoption, overview, performance
from charts.theme import framed, money_axis


def test_net_savings_chart_spec():
    df = pd.DataFrame({"fiscal_year": [2025, 2026, 2027], "marketplace": ["FM", "FM", "HR"],
                       "projected": [False, False, True], "net_savings": [1.5e9, -2e6, 3e5]})
    fig = overview.net_savings(df, {"FM": "Financial Mgmt", "HR": "Human Resources"}, 2026)
    assert list(fig.table["Fiscal year"]) == ["FY2025", "FY2026", "FY2027"]
    assert list(fig.table["Status"]) == ["Realized", "Realized", "Projected"]
    assert fig.title.startswith("Net savings of -$2.0M in FY2026") and "Marketplace code" not in fig.shown_table
    spec = overview.net_savings_chart(fig.table).to_dict()
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"]["field"] == "Fiscal year"
    assert "title" not in spec  # the takeaway is text above the chart, so it wraps instead of being cut
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding"} and spec["height"] == 280
    assert "1e9" in spec["encoding"]["y"]["axis"]["labelExpr"]  # billions print as B, not G
    assert overview.net_savings_takeaway(df, 2026).startswith("Net savings of -$2.0M in FY2026")


def test_charts_are_sized_by_their_content():
    """The plot keeps its own height (px, or px per category band); Streamlit's default "fit" would squeeze the
    title, legend and labels into the chart's height and leave the plot what is left, down to 0 px."""
    chart = alt.Chart(pd.DataFrame({"a": [1], "b": ["x"]})).mark_bar().encode(x="a:Q", y="b:N")
    assert framed(chart, bands=True, band=30).to_dict()["height"] == {"step": 30}
    assert framed(chart, height=200).to_dict()["autosize"]["type"] == "fit-x"


def test_pipeline_selection_keeps_the_code_in_aggregated_data():
    table = pd.DataFrame({"Marketplace": ["Financial Mgmt"], "Marketplace code": ["FM"], "Stage": ["Operational"],
                          "Stage order": [3], "Engagements": [4]})
    spec = adoption.pipeline_chart(table).to_dict()
    assert spec["encoding"]["detail"]["field"] == "Marketplace code"
    assert spec["params"][0]["select"]["fields"] == ["Marketplace code"]
    assert "params" not in adoption.pipeline_chart(table, selectable=False).to_dict()


def test_line_charts_use_dash_and_shape_as_well_as_colour():
    table = pd.DataFrame({"Quarter": ["FY2026 Q1"], "Group": ["FM"], "SLA attainment": [0.9]})
    enc = performance.quarterly_lines(table, "SLA attainment", ".0%").to_dict()["encoding"]
    assert {"color", "strokeDash", "shape"} <= set(enc)


def test_money_axis_expression():
    assert "'B'" in money_axis().to_dict()["labelExpr"]


def test_every_page_chart_spec_is_valid_vega_lite(tmp_path):
    """Pages render charts without Altair's per-render validation (it costs ~100 ms a chart); this test
    validates the spec of every chart every page draws, on the demo data."""
    import os

    from streamlit.testing.v1 import AppTest

    from data_access.db import make_engine
    from seed import seed_database

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    seed_database(make_engine(url))
    old = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    seen = 0
    try:
        for page, params in [("pages/overview.py", {}), ("pages/adoption.py", {}), ("pages/savings.py", {}),
                             ("pages/performance.py", {}), ("pages/agencies.py", {"agency": ["DOI"]}),
                             ("pages/marketplaces.py", {"solution": ["PDNS"], "compare": ["ARC-FM", "GH-FM"]})]:
            at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=60)
            for k, v in params.items():
                at.query_params[k] = v
            at.run()
            at.switch_page(page)
            at.run()
            for chart in at.get("vega_lite_chart"):
                spec = json.loads(chart.proto.spec)
                spec.pop("datasets", None)
                alt.Chart.from_dict(spec, validate=True)
                seen += 1
    finally:
        os.environ.pop("DATABASE_URL") if old is None else os.environ.__setitem__("DATABASE_URL", old)
    assert seen >= 20


def test_altair_speed_up_changes_no_spec():
    """charts.theme caches Altair's schema table; a chart built with a fresh table gives the same spec."""
    from altair.utils import schemapi

    matrix = pd.DataFrame({"organization": ["A", "B"], "organization_name": ["A", "B"], "marketplace": ["FM", "HR"],
                           "stage": ["operational", "discovery"], "engagements": [2, 1]})
    fast = adoption.stage_matrix(matrix, {}).chart.to_dict(validate=True)
    patched = schemapi._FromDict.__init__
    schemapi._FromDict.__init__ = schemapi._FromDict._qsmo_original_init
    try:
        slow = adoption.stage_matrix(matrix, {}).chart.to_dict(validate=True)
    finally:
        schemapi._FromDict.__init__ = patched
    assert json.dumps(fast, sort_keys=True, default=str) == json.dumps(slow, sort_keys=True, default=str)
