"""What an executive brief says, independent of its format: the PDF and PowerPoint writers only lay it out.

`reports.brief.brief_content` fills a `BriefContent` from the data layer and the dashboard's own figure
builders, so the numbers and chart titles in a brief are the ones on screen.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Any

import vl_convert as vlc


@dataclass(frozen=True)
class BriefTile:
    """One headline as text: label, formatted value, and its change against the prior FY ('' if none)."""

    label: str
    value: str
    delta: str


@dataclass(frozen=True)
class BriefChart:
    """A chart of the brief: its takeaway title, its Vega-Lite spec (the writer sizes it and leaves the title
    to the slide or page) and its alt text."""

    title: str
    spec: dict[str, Any]
    alt_text: str


@dataclass
class BriefContent:
    title: str
    scope: str
    as_of: str
    provenance: str
    tiles: list[BriefTile]
    takeaways: list[str]
    charts: list[BriefChart] = field(default_factory=list)
    link: str = ""
    method: str = ""


def chart_png(chart: BriefChart, width_px: int, height_px: int, *, scale: float = 2.0) -> bytes:
    """The chart drawn at `width_px` x `height_px` CSS pixels (times `scale`), without its title, so that the
    picture exactly fills the space a writer gives it."""
    spec = copy.deepcopy(chart.spec)
    title = spec.pop("title", None)
    if isinstance(title, dict) and title.get("subtitle"):  # keep the explanatory subtitle, drop the takeaway
        spec["title"] = {**{k: v for k, v in title.items() if k != "text"}, "text": ""}
    spec.update(width=width_px, height=height_px, autosize={"type": "fit", "contains": "padding"})
    return vlc.vegalite_to_png(json.dumps(spec), scale=scale)
