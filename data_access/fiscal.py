"""Federal fiscal-year arithmetic: the one place that knows FY N runs 1 Oct N-1 to 30 Sep N."""

from __future__ import annotations

from datetime import date

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
    return date(fiscal_year, 9, 30)


def as_of_label(day: date) -> str:
    """A data-as-of date with its fiscal quarter, e.g. '30 Sep 2026 (FY2026 Q4)'."""
    return f"{day:%d %b %Y} ({quarter_label(fiscal_year_of(day), fiscal_quarter_of(day))})"


def reported_through(fiscal_year: int, as_of: date) -> str:
    """The last fiscal quarter with data for `fiscal_year`: Q4 for a closed year, else the as-of quarter."""
    if fiscal_year < fiscal_year_of(as_of):
        return quarter_label(fiscal_year, 4)
    return quarter_label(fiscal_year_of(as_of), fiscal_quarter_of(as_of))


def quarter_label(fiscal_year: int, quarter: int) -> str:
    """Display label, e.g. 'FY2026 Q4'."""
    return f"FY{fiscal_year} Q{quarter}"
