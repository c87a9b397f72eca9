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
    note: str  # everything said under the value on a page: context, comparison year and trend
    context: str  # the note without comparison and trend (for the brief and slides)
    definition: str


def tile_text(tile: Tile, selected_fy: int, label: str | None = None) -> TileText:
    """Format `tile` for `selected_fy`; `label` overrides the headline's label (e.g. 'Net savings FY2026').

    A projected year says so in the label; a value that cannot exist says why ('not projected', 'no data');
    customer agencies carry their counting context (organizations in scope, CFO Act departments served).
    """
    h = tile.headline
    name = label or h.label
    if tile.projected and tile.value is not None:
        name += " (projected)"
    delta = "" if tile.delta is None else formats.by_kind(h.kind, tile.delta, signed=True)
    unchanged = bool(delta) and not any(ch in "123456789" for ch in delta)
    parts: list[str] = []
    if tile.value is None:
        parts.append("not projected: no measurements for a future year" if tile.projected else "no data in this scope")
    if h.key == "customer_agencies" and tile.in_scope is not None:
        parts.append(f"of {formats.plural(tile.in_scope, 'organization')} in scope")
        if tile.departments is not None and tile.departments[1]:
            served, in_scope = tile.departments
            parts.append(f"{served} of {formats.plural(in_scope, 'CFO Act department')}")
    context = " · ".join(parts)
    if delta:
        trend = formats.sparkline(tile.trend)
        parts.append(f"vs {fy_label(selected_fy - 1)}" + (f" · trend {trend}" if trend else ""))
    return TileText(key=h.key, label=name, value=formats.by_kind(h.kind, tile.value), delta=delta,
                    unchanged=unchanged, neutral=unchanged or h.key == "engagements_in_flight",
                    note=" · ".join(parts), context=context, definition=h.definition)


def brief_delta(text: TileText, selected_fy: int) -> str:
    """The tile's change and context in one line for the brief and slides, e.g. '+3 vs FY2025 · 23 of 24 CFO Act
    departments' ('' when there is neither)."""
    change = f"{text.delta} vs {fy_label(selected_fy - 1)}" if text.delta else ""
    return " · ".join(p for p in (change, text.context) if p)
