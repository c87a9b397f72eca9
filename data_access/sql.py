"""Run a SQLAlchemy statement into a DataFrame with exactly the declared columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

import pandas as pd
from sqlalchemy import Engine
from sqlalchemy.sql import Select

AnySelect: TypeAlias = Select[*tuple[Any, ...]]  # a SELECT of any columns


def frame(engine: Engine, stmt: AnySelect, columns: Sequence[str]) -> pd.DataFrame:
    """Run `stmt` and return its rows as a DataFrame with exactly `columns` (also when empty)."""
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
    return pd.DataFrame.from_records([tuple(r) for r in rows], columns=list(columns))
