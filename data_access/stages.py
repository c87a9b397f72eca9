"""The M3 stage of an engagement on any date: one SQL expression shared by every query, and its Python twin
(`stage_at`) for the importer."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, case
from sqlalchemy.sql.elements import Case, ColumnElement

from data_access.tables import engagement


def stage_on(day: date) -> Case[str]:
    """SQL CASE giving the stage an engagement was in on `day` (only meaningful where discovery_on <= day)."""
    def reached(column: ColumnElement[Any]) -> ColumnElement[bool]:
        return and_(column.is_not(None), column <= day)

    return case(
        (reached(engagement.c.cancelled_on), "cancelled"),
        (reached(engagement.c.operational_on), "operational"),
        (reached(engagement.c.at_risk_on), "at_risk"),
        (reached(engagement.c.implementing_on), "implementing"),
        (reached(engagement.c.agreement_on), "agreement"),
        else_="discovery",
    )


def stage_at(*, agreement_on: date | None = None, implementing_on: date | None = None,
             operational_on: date | None = None, at_risk_on: date | None = None, cancelled_on: date | None = None,
             day: date) -> str:
    """The stage `stage_on(day)` gives for these dates, in Python (the importer checks the stage column with it).

    The latest milestone reached on `day` wins in this order: cancelled, operational, at_risk, implementing,
    agreement; otherwise discovery. Keep the order in step with `stage_on` (tests/test_hostile_files.py compares).
    """
    for stage, reached in (("cancelled", cancelled_on), ("operational", operational_on), ("at_risk", at_risk_on),
                           ("implementing", implementing_on), ("agreement", agreement_on)):
        if reached is not None and reached <= day:
            return stage
    return "discovery"
