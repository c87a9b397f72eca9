"""The model classes' tables as typed SQLAlchemy Core tables, which queries use: `engagement.c.operational_on`.

SQLModel declares `Engagement.operational_on` as a `date` for Python code, so a type checker cannot follow it
into SQL expressions; the table's columns carry SQL types, and the queries stay portable Core `select`s.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table
from sqlmodel import SQLModel

from data_access import models


def table_of(model: type[SQLModel]) -> Table:
    """The Core table behind a SQLModel table class."""
    return cast(Table, model.__table__)  # type: ignore[attr-defined]  # set by SQLModel for table=True


marketplace = table_of(models.Marketplace)
organization = table_of(models.Organization)
provider = table_of(models.Provider)
solution = table_of(models.Solution)
engagement = table_of(models.Engagement)
cost = table_of(models.Cost)
service_measure = table_of(models.ServiceMeasure)
solution_measure = table_of(models.SolutionMeasure)
measurement = table_of(models.Measurement)
measurement_monthly = table_of(models.MeasurementMonthly)
satisfaction = table_of(models.Satisfaction)
provenance = table_of(models.Provenance)
import_log = table_of(models.ImportLog)
audit_event = table_of(models.AuditEvent)
