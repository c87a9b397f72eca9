"""Palette, labels and axis formats shared by every chart.

Colours are the Okabe-Ito colour-blind-safe set (close to USWDS accents); every series is also told
apart by a shape, dash or label, so colour is never the only signal.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
from altair.utils import schemapi

from charts.labels import STAGE_ORDER
from data_access.models import STAGES


def _speed_up_altair() -> None:
    """Make chart construction about 45 % cheaper without changing any spec (tests/test_charts.py checks).

    Altair 6.3 rebuilds a hash table over ~570 schemas on every `from_dict` (each shorthand string or
    condition in an encoding triggers one); the table depends only on the classes, so it is built once.
    Construction-time validation (Altair's debug mode) is off: every spec the pages draw is validated by
    tests/test_charts.py instead.
    """
    if getattr(schemapi._FromDict, "_qsmo_cached", False):
        return
    original = schemapi._FromDict.__init__
    tables: dict[tuple[Any, ...], dict[str, Any]] = {}

    def init(self: Any, wrapper_classes: Any, /) -> None:
        key = tuple(wrapper_classes)
        if key not in tables:
            original(self, key)
            tables[key] = self.class_dict
        self.class_dict = tables[key]

    setattr(schemapi._FromDict, "__init__", init)  # noqa: B010 - patching a private class on purpose
    setattr(schemapi._FromDict, "_qsmo_cached", True)  # noqa: B010
    setattr(schemapi._FromDict, "_qsmo_original_init", original)  # noqa: B010
    schemapi.disable_debug_mode()


_speed_up_altair()

MARKETPLACE_COLORS = {
    "CYBER": "#0072B2", "FM": "#E69F00", "HR": "#009E73", "GRANTS": "#CC79A7", "ACQ": "#D55E00",
}
MARKETPLACE_SHAPES = {"CYBER": "circle", "FM": "square", "HR": "triangle-up", "GRANTS": "diamond", "ACQ": "cross"}
MARKETPLACE_DASHES = {"CYBER": [1, 0], "FM": [6, 3], "HR": [2, 2], "GRANTS": [8, 3, 2, 3], "ACQ": [1, 3]}
STAGE_COLORS = {
    "discovery": "#c5d9ec", "agreement": "#73a4cf", "implementing": "#2a6ea8", "operational": "#0b3a63",
    "at_risk": "#E69F00", "cancelled": "#8c8c8c",
}
STATUS_COLORS = {"meets": "#00703c", "near": "#b8860b", "misses": "#b50909"}
SAVINGS_TYPE_COLORS = {"hard": "#0b3a63", "avoidance": "#73a4cf"}
PERCENT_AXIS = ".0%"
FONT = "Source Sans Pro, sans-serif"


def marketplace_scale(codes: list[str] | None = None) -> alt.Scale:
    codes = codes or list(MARKETPLACE_COLORS)
    return alt.Scale(domain=codes, range=[MARKETPLACE_COLORS[c] for c in codes])


def stage_scale() -> alt.Scale:
    return alt.Scale(domain=STAGE_ORDER, range=[STAGE_COLORS[s] for s in STAGES])


FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")
BAND = 26  # px per category on a band axis: room for a label and a bar a reader can tell apart
PLOT_HEIGHT = 280  # px of plot for a continuous vertical axis
# Fiscal-year labels turn when the plot is narrow (a phone) instead of overlapping.
TURN_WHEN_NARROW = alt.ExprRef("width < 440 ? -45 : 0")


def series_encodings(table: pd.DataFrame, field: str, code_field: str) -> tuple[alt.Color, alt.Shape, alt.StrokeDash]:
    """Colour, marker shape and dash for one line per series, so lines are told apart without colour. Series that
    are marketplaces (`code_field` holds marketplace codes) keep their colour, shape and dash on every chart."""
    names = list(dict.fromkeys(table[field]))
    codes = list(dict.fromkeys(table[code_field])) if code_field in table else names
    legend = alt.Legend(orient="bottom", title=None, columns=3, labelLimit=220)
    if codes and all(c in MARKETPLACE_COLORS for c in codes):
        return (alt.Color(f"{field}:N", scale=alt.Scale(domain=names, range=[MARKETPLACE_COLORS[c] for c in codes]),
                          legend=legend),
                alt.Shape(f"{field}:N", scale=alt.Scale(domain=names, range=[MARKETPLACE_SHAPES[c] for c in codes]),
                          legend=None),
                alt.StrokeDash(f"{field}:N", scale=alt.Scale(domain=names, range=[MARKETPLACE_DASHES[c] for c in codes]),
                               legend=None))
    return (alt.Color(f"{field}:N", legend=legend), alt.Shape(f"{field}:N", legend=None),
            alt.StrokeDash(f"{field}:N", legend=None))


def framed(chart: alt.TopLevelMixin, *, height: int = PLOT_HEIGHT, bands: bool = False,
           band: int = BAND) -> alt.TopLevelMixin:
    """Size a chart by its content: the width follows the container, and `height` is the plot's own height (with
    `bands`, `band` px per category), so legends, axis labels and titles are added to it instead of squeezing the
    plot. Takeaway titles are not drawn inside charts: pages and the brief set them as text, which wraps."""
    sized: alt.TopLevelMixin = chart.properties(height=alt.Step(band) if bands else height, autosize=FIT_WIDTH)
    return sized


def projected_look() -> dict[str, Any]:
    """Encodings that set projected bars apart without relying on colour: lighter, with a dashed outline (the
    table's Status column is 'Projected' or 'Realized')."""
    projected = "datum.Status == 'Projected'"
    return {"opacity": alt.condition(projected, alt.value(0.5), alt.value(1.0)),
            "stroke": alt.condition(projected, alt.value("#3d4551"), alt.value("transparent")),
            "strokeDash": alt.condition(projected, alt.value([4, 3]), alt.value([1, 0])),
            "strokeWidth": alt.condition(projected, alt.value(1.5), alt.value(0))}


def category_axis(**kwargs: Any) -> alt.Axis:
    """A band axis that names every category: long names are shortened with an ellipsis (the full name is in the
    tooltip and the table), never dropped."""
    return alt.Axis(labelLimit=kwargs.pop("labelLimit", 170), labelOverlap=False, **kwargs)


def fiscal_year_axis(**kwargs: Any) -> alt.Axis:
    """The fiscal-year axis of bar charts: every year named, labels turned on narrow screens."""
    return alt.Axis(labelAngle=TURN_WHEN_NARROW, labelOverlap=False, labelLimit=90, **kwargs)


def money_axis(**kwargs: Any) -> alt.Axis:
    """An axis labelled as money: $950K, $1.2M, $3.4B (d3's SI format would print billions as 'G')."""
    v = "datum.value"
    expr = (f"({v} < 0 ? '-' : '') + '$' + (abs({v}) >= 1e9 ? format(abs({v}) / 1e9, '.1~f') + 'B' : "
            f"abs({v}) >= 1e6 ? format(abs({v}) / 1e6, '.1~f') + 'M' : abs({v}) >= 1e3 ? "
            f"format(abs({v}) / 1e3, '.0f') + 'K' : format(abs({v}), '.0f'))")
    return alt.Axis(labelExpr=expr, **kwargs)
