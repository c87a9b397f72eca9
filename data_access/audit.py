"""The audit trail: every change made on a page (access grants, goals, check-ins, notes) is recorded in the same
transaction as the change, with the signed-in actor's name (imports keep their own log in `import_log`)."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, insert, select

from data_access.sql import frame
from data_access.tables import audit_event

AUDIT_COLUMNS = ["at", "actor", "action", "target", "detail"]


def record(conn: Connection, *, actor: str, action: str, target: str = "", detail: str = "") -> None:
    """Add one audit event inside the caller's transaction (so the change and its record land together)."""
    conn.execute(insert(audit_event).values(at=datetime.now(UTC), actor=actor[:200], action=action[:60],
                                            target=target[:200], detail=detail[:2000]))


def recent_events(engine: Engine, *, limit: int = 200, action_prefix: str = "") -> pd.DataFrame:
    """The latest audit events, newest first (optionally only actions starting with `action_prefix`).
    Columns: AUDIT_COLUMNS."""
    stmt = select(audit_event.c.at, audit_event.c.actor, audit_event.c.action, audit_event.c.target,
                  audit_event.c.detail).order_by(audit_event.c.id.desc()).limit(limit)
    if action_prefix:
        stmt = stmt.where(audit_event.c.action.startswith(action_prefix))
    return frame(engine, stmt, AUDIT_COLUMNS)
