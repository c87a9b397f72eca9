"""Headline tiles as text: the one way a headline's value, change and trend are written (pages, brief, slides)."""

from __future__ import annotations

from dataclasses import dataclass

from charts import formats
from data_access.fiscal import fy_label
from data_access.headlines import Tile


@dataclass(frozen=True)
class TileText:
    """What a tile shows: label, value, change against the prior FY ('' when there is none), whether that change
    is zero, whether it is neutral (zero, or a count where up is neither good nor bad), the trend sparkline and the definition."""

    key: str
    label: str
    value: str
    delta: str
    unchanged: bool
    neutral: bool
    note: str
    definition: str


def tile_text(tile: Tile, selected_fy: int, label: str | None = None) -> TileText:
    """Format `tile` for `selected_fy`; `label` overrides the headline's label (e.g. 'Net savings FY2026')."""
    h = tile.headline
    delta = "" if tile.delta is None else formats.by_kind(h.kind, tile.delta, signed=True)
    unchanged = bool(delta) and not any(ch in "123456789" for ch in delta)
    trend = formats.sparkline(tile.trend)
    note = ""
    if delta:
        note = f"vs {fy_label(selected_fy - 1)}" + (f" · trend {trend}" if trend else "")
    return TileText(key=h.key, label=label or h.label, value=formats.by_kind(h.kind, tile.value), delta=delta,
                    unchanged=unchanged, neutral=unchanged or h.key == "engagements_in_flight", note=note,
                    definition=h.definition)
