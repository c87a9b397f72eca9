"""What the dashboard can show: the one range contract shared by the importer, the filters and the pages.

The importer refuses values outside these bounds; filters only offer years inside them; pages ignore stored
values outside them (rows written before the contract, or by hand) and say how many they ignored.
"""

from __future__ import annotations

import math
from datetime import date

from data_access.fiscal import fy_end, fy_start

FIRST_FY = 2015  # the earliest fiscal year the dashboard shows (QSMOs were pre-designated in FY2019)
LAST_FY = 2035  # the last year a projection may reach
EARLIEST_DAY = fy_start(FIRST_FY)  # 1 Oct 2014
LATEST_DAY = fy_end(LAST_FY)  # 30 Sep 2035
# Engagement history may start long before the years the dashboard shows (FRTIB moved to IBC in 2006); such a
# date is shown as it is and never becomes a fiscal year the filters offer.
EARLIEST_HISTORY_DAY = date(1990, 1, 1)
MAX_AMOUNT = 1e12  # dollars in one cost row: more than the whole federal mission-support spend, and finite
MAX_RESPONSES = 10_000_000  # survey responses in one quarterly row (fits every database integer)
MAX_MEASURE_VALUE = 1e9  # a service measure's value or target, in its own unit


def fy_supported(fiscal_year: int) -> bool:
    """True when the dashboard can show `fiscal_year`."""
    return FIRST_FY <= fiscal_year <= LAST_FY


def day_supported(day: date) -> bool:
    """True when `day` falls in a fiscal year the dashboard can show."""
    return EARLIEST_DAY <= day <= LATEST_DAY


def history_day_supported(day: date) -> bool:
    """True for an engagement's stage or go-live date: from EARLIEST_HISTORY_DAY to the end of the last FY."""
    return EARLIEST_HISTORY_DAY <= day <= LATEST_DAY


def amount_supported(value: float) -> bool:
    """True for a finite dollar amount between 0 and MAX_AMOUNT."""
    return math.isfinite(value) and 0 <= value <= MAX_AMOUNT


def describe() -> str:
    """The contract in one sentence, for messages."""
    return (f"fiscal years FY{FIRST_FY}–FY{LAST_FY} (dates {EARLIEST_DAY:%d %b %Y} to {LATEST_DAY:%d %b %Y}) and "
            f"amounts up to ${MAX_AMOUNT:,.0f}")
