"""The M3 stage of an engagement on any date, as one SQL expression shared by every query."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, case

from data_access.models import Engagement


def stage_on(day: date):
    """SQL CASE giving the stage an engagement was in on `day` (only meaningful where discovery_on <= day)."""
    def reached(column):
        return and_(column.is_not(None), column <= day)

    return case(
        (reached(Engagement.cancelled_on), "cancelled"),
        (reached(Engagement.operational_on), "operational"),
        (reached(Engagement.at_risk_on), "at_risk"),
        (reached(Engagement.implementing_on), "implementing"),
        (reached(Engagement.agreement_on), "agreement"),
        else_="discovery",
    )
