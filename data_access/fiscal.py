"""Federal fiscal years: the one place that knows FY N runs 1 Oct N-1 to 30 Sep N, in Python and in SQL,
and how fiscal years, quarters and periods are written."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Integer, case, cast, extract
from sqlalchemy.sql.elements import ColumnElement

FIRST_MONTH = 10  # October


def fiscal_year_of(day: date) -> int:
    """Fiscal year containing `day` (1 Oct 2025 -> 2026; 30 Sep 2025 -> 2025)."""
    return day.year + 1 if day.month >= FIRST_MONTH else day.year


def fiscal_quarter_of(day: date) -> int:
    """Fiscal quarter 1-4 containing `day` (October-December is Q1)."""
    return ((day.month - FIRST_MONTH) % 12) // 3 + 1


def fy_start(fiscal_year: int) -> date:
    """First day of a fiscal year (FY2026 -> 2025-10-01)."""
    return date(fiscal_year - 1, FIRST_MONTH, 1)


def fy_end(fiscal_year: int) -> date:
    """Last day of a fiscal year (FY2026 -> 2026-09-30)."""
    return date(fiscal_year, FIRST_MONTH - 1, 30)


def evaluation_date(fiscal_year: int, as_of: date) -> date:
    """The day a fiscal year is judged at: its last day, or the data-as-of date while it is still open."""
    return min(fy_end(fiscal_year), as_of)


def is_projected(fiscal_year: int, as_of: date) -> bool:
    """True for fiscal years that start after the data-as-of date's fiscal year (their numbers are projections)."""
    return fiscal_year > fiscal_year_of(as_of)


def fiscal_year_expr(date_column: Any) -> ColumnElement[int]:
    """SQL for the fiscal year of a date column (October starts the next fiscal year); portable."""
    year = cast(extract("year", date_column), Integer)
    return year + case((extract("month", date_column) >= FIRST_MONTH, 1), else_=0)


# ---- how they are written ------------------------------------------------------------------------
def fy_label(fiscal_year: int) -> str:
    """'FY2026'."""
    return f"FY{fiscal_year}"


def period_label(fy_from: int, fy_to: int) -> str:
    """'FY2020–FY2026', or 'FY2026' for a single year."""
    return fy_label(fy_to) if fy_from == fy_to else f"{fy_label(fy_from)}–{fy_label(fy_to)}"


def quarter_label(fiscal_year: int, quarter: int) -> str:
    """'FY2026 Q4'."""
    return f"{fy_label(fiscal_year)} Q{quarter}"


def as_of_label(day: date) -> str:
    """A data-as-of date with its fiscal quarter, e.g. '30 Sep 2026 (FY2026 Q4)'."""
    return f"{day:%d %b %Y} ({quarter_label(fiscal_year_of(day), fiscal_quarter_of(day))})"


def reported_through(fiscal_year: int, as_of: date) -> str:
    """The last fiscal quarter with data for `fiscal_year`: Q4 for a closed year, else the as-of quarter."""
    if fiscal_year < fiscal_year_of(as_of):
        return quarter_label(fiscal_year, 4)
    return quarter_label(fiscal_year_of(as_of), fiscal_quarter_of(as_of))
