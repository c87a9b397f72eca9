"""Small SQL helpers shared by the query modules (portable between SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine, Integer, case, cast, extract
from sqlalchemy.sql import Select

from data_access.fiscal import fy_end


def fiscal_year_expr(date_column):
    """SQL for the federal fiscal year of a date column (October starts the next FY)."""
    year = cast(extract("year", date_column), Integer)
    return year + case((extract("month", date_column) >= 10, 1), else_=0)


def frame(engine: Engine, stmt: Select, columns: list[str]) -> pd.DataFrame:
    """Run `stmt` and return its rows as a DataFrame with exactly `columns` (also when empty)."""
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
    return pd.DataFrame.from_records([tuple(r) for r in rows], columns=columns)


def evaluation_date(fiscal_year: int, as_of: date) -> date:
    """The date a fiscal year is judged at: its last day, or the data-as-of date while it is open."""
    return min(fy_end(fiscal_year), as_of)
