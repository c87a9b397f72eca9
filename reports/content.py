"""What an executive brief says, independent of its format: the PDF and PowerPoint writers only lay it out.

`reports.brief.brief_content` fills a `BriefContent` from the data layer and the dashboard's own figure
builders, so the numbers and chart titles in a brief are the ones on screen. `body_sections` turns it into the
sequence of sections both writers lay out with the same rules: a heading, paragraphs, bullets, an optional chart
and an optional small table.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from typing import Any

import vl_convert as vlc

ILLUSTRATIVE = "Illustrative demo data"
_NUMBER = re.compile(r"[-+−]?\$?[\d,.]+\s*(%|[KMB]|pts)?( / \d+)?|[—–]?")


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


@dataclass(frozen=True)
class BriefTable:
    """A small table of formatted text: column headings and rows of cells (one per column). Numeric columns
    (all cells look like numbers) are right-aligned by the writers."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @property
    def numeric(self) -> list[bool]:
        """Per column: whether every cell is a formatted number (or a dash for none)."""
        if not self.rows:
            return [False] * len(self.columns)
        return [all(_NUMBER.fullmatch(v.strip()) for v in col) for col in zip(*self.rows)]


@dataclass(frozen=True)
class BriefSection:
    """One section of a brief, laid out by both writers with the same rules: the heading is the slide title
    (a chart's takeaway when it has a chart), then paragraphs, bullets and the table in that order, and the
    chart. On a slide the chart fills the content area, or its right two thirds when there is text or a table;
    text that does not fit continues on the next slide ("heading (continued)"). In the PDF the section flows
    down the page and the chart keeps to its heading."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    chart: BriefChart | None = None
    table: BriefTable | None = None
    link: str = ""  # shown last, as "Live view: <link>", clickable


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
    sections: list[BriefSection] = field(default_factory=list)  # optional: projections, goals, notes (after charts)

    @property
    def illustrative(self) -> bool:
        """Whether the data is (partly) generated, so every page and slide must say so."""
        return self.provenance.startswith(ILLUSTRATIVE)

    @property
    def as_of_line(self) -> str:
        """'Data as of <date>', with 'Illustrative demo data' when the provenance says so: every footer's text."""
        return f"Data as of {self.as_of}" + (f" · {ILLUSTRATIVE}" if self.illustrative else "")


NO_TAKEAWAYS = "No highlights for these filters."


def body_sections(content: BriefContent) -> list[BriefSection]:
    """The brief after its headline numbers, in order: takeaways, one section per chart (the takeaway is its
    heading), the optional sections, and last the method with provenance and the live link."""
    return [
        BriefSection("Takeaways", bullets=tuple(content.takeaways) or (NO_TAKEAWAYS,)),
        *(BriefSection(chart.title, chart=chart) for chart in content.charts),
        *content.sections,
        BriefSection("Method and data",
                     paragraphs=tuple(p for p in (content.method, f"Data as of {content.as_of}. {content.provenance}.",
                                                  f"Filters: {content.scope}.") if p),
                     link=content.link),
    ]


def chart_png(chart: BriefChart, width_px: int, height_px: int, *, scale: float = 2.0) -> bytes:
    """The chart drawn at exactly `width_px` x `height_px` CSS pixels (times `scale`), without its takeaway
    title (the slide or page states it) but with its explanatory subtitle, so that the picture exactly fills
    the space a writer gives it."""
    spec = copy.deepcopy(chart.spec)
    title = spec.pop("title", None)
    if isinstance(title, dict) and title.get("subtitle"):  # the subtitle becomes the (small) title line
        spec["title"] = {"text": title["subtitle"], "anchor": title.get("anchor", "start"), "fontWeight": "normal",
                         "fontSize": title.get("subtitleFontSize", 12), "color": title.get("subtitleColor", "#3d4551")}
    spec.update(width=width_px, height=height_px, autosize={"type": "fit", "contains": "padding"})
    return vlc.vegalite_to_png(json.dumps(spec), scale=scale)
