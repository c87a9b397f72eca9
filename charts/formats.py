"""Display formats for figures: money as $1.2M / $3.4B, percentages, fiscal years, scores."""

from __future__ import annotations

import math


def money(value: float | None, *, signed: bool = False) -> str:
    """$1.2M, $3.4B, $950K, -$12.0M; '—' for missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    sign = "-" if value < 0 else ("+" if signed and value > 0 else "")
    v = abs(value)
    for div, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if v >= div:
            return f"{sign}${v / div:.1f}{suffix}"
    return f"{sign}${v:,.0f}"


def percent(share: float | None, *, digits: int = 1, signed: bool = False) -> str:
    """A share 0-1 as '97.3%'; '—' for missing."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "—"
    return f"{share * 100:{'+' if signed else ''}.{digits}f}%"


def points(delta_share: float | None) -> str:
    """A change of a share as percentage points, e.g. '+1.2 pts'."""
    if delta_share is None or math.isnan(delta_share):
        return "—"
    text = f"{delta_share * 100:+.1f} pts"
    return "0.0 pts" if text in ("+0.0 pts", "-0.0 pts") else text


def score(value: float | None, *, signed: bool = False) -> str:
    """A 7-point-scale score as '5.42 / 7' (or '+0.12' for a change)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value:+.2f}" if signed else f"{value:.2f} / 7"


def count(value: float | None, *, signed: bool = False) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if signed and round(value) == 0:
        return "0"
    return f"{value:+,.0f}" if signed else f"{value:,.0f}"


def fiscal_year(fy: int) -> str:
    return f"FY{fy}"


def by_kind(kind: str, value: float | None, *, signed: bool = False) -> str:
    """Format `value` for a headline kind: count, money, percent or score."""
    if kind == "money":
        return money(value, signed=signed)
    if kind == "percent":
        return points(value) if signed else percent(value)
    if kind == "score":
        return score(value, signed=signed)
    return count(value, signed=signed)


SPARK_CHARS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    """A text sparkline such as '▁▃▅█' (readable by screen readers and in print); '' for < 2 values."""
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    span = high - low or 1.0
    return "".join(SPARK_CHARS[round((v - low) / span * (len(SPARK_CHARS) - 1))] for v in values)


def plural(n: int, noun: str) -> str:
    """'1 service', '2 services', '1 agency', '3 agencies' (regular English plurals only)."""
    if n == 1:
        return f"{n:,} {noun}"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return f"{n:,} {noun[:-1]}ies"
    return f"{n:,} {noun}s"
