"""Rules that tie rows to the engagement's dates and the data-as-of date (pure Python, no database).

The importer enforces them; the seed generator may import them to obey the same rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd

from data_access.fiscal import fiscal_year_of, fy_end, fy_start
from data_access.models import IN_FLIGHT_STAGES
from data_access.stages import stage_at

ACTUAL_DATES = ("discovery_on", "agreement_on", "implementing_on", "operational_on", "at_risk_on", "cancelled_on")
PLANNED_DATES = ("planned_go_live", "forecast_go_live")


@dataclass(frozen=True)
class EngagementDates:
    """An engagement's milestone dates: the actual stage dates, and the planned and forecast go-live."""

    discovery_on: date
    planned_go_live: date
    agreement_on: date | None = None
    implementing_on: date | None = None
    operational_on: date | None = None
    at_risk_on: date | None = None
    cancelled_on: date | None = None
    forecast_go_live: date | None = None

    @classmethod
    def from_row(cls, row: Mapping[Any, object]) -> EngagementDates:
        """From an engagement row (import or export shape); other keys are ignored."""
        discovery_on, planned_go_live = _day(row.get("discovery_on")), _day(row.get("planned_go_live"))
        if discovery_on is None or planned_go_live is None:
            raise ValueError("an engagement needs discovery_on and planned_go_live")
        return cls(discovery_on=discovery_on, planned_go_live=planned_go_live, agreement_on=_day(row.get("agreement_on")),
                   implementing_on=_day(row.get("implementing_on")), operational_on=_day(row.get("operational_on")),
                   at_risk_on=_day(row.get("at_risk_on")), cancelled_on=_day(row.get("cancelled_on")),
                   forecast_go_live=_day(row.get("forecast_go_live")))

    def stage_on(self, day: date) -> str:
        """The stage these dates give on `day` (data_access.stages.stage_at)."""
        return stage_at(agreement_on=self.agreement_on, implementing_on=self.implementing_on,
                        operational_on=self.operational_on, at_risk_on=self.at_risk_on,
                        cancelled_on=self.cancelled_on, day=day)


def _day(value: object) -> date | None:
    """A date from a row: None, NaN and NaT (blanks in a database frame) are None; timestamps lose their time."""
    if isinstance(value, datetime):  # pandas Timestamp is a datetime
        return None if pd.isna(value) else value.date()
    if isinstance(value, date):
        return value
    return None


def migration_period(dates: EngagementDates, *, fiscal_year: int, is_projected: bool,
                     as_of: date) -> tuple[date, date | None] | None:
    """The period over which an engagement's one-time migration cost is spread, as the savings method states it.

    Migration cost is spread over the implementation period: from `implementing_on` to `operational_on` or
    `cancelled_on` (open-ended while neither is set). An engagement that never reached implementation has no
    migration cost (None). For a projection (`is_projected`, fiscal year after the as-of date's fiscal year) of
    an engagement still in flight on the as-of date, the planned period counts instead: from `implementing_on`
    (or the as-of date when implementation has not started) to `forecast_go_live` (or `planned_go_live` when
    there is no forecast). A cost row may carry migration cost only in a fiscal year that overlaps this period
    (both ends included).
    """
    if is_projected and fiscal_year > fiscal_year_of(as_of) and dates.stage_on(as_of) in IN_FLIGHT_STAGES:
        return dates.implementing_on or as_of, dates.forecast_go_live or dates.planned_go_live
    if dates.implementing_on is None:
        return None
    return dates.implementing_on, dates.operational_on or dates.cancelled_on


def migration_cost_allowed(dates: EngagementDates, *, fiscal_year: int, is_projected: bool, as_of: date) -> bool:
    """True when a cost row of `fiscal_year` may carry migration cost (see `migration_period`)."""
    period = migration_period(dates, fiscal_year=fiscal_year, is_projected=is_projected, as_of=as_of)
    if period is None:
        return False
    start, end = period
    return start <= fy_end(fiscal_year) and (end is None or fy_start(fiscal_year) <= end)
