"""Queries of the agents' workspace: users, audit log, statuses and answers,
moderation, merges, supports, follow codes and deletion requests.

Rules (who may do what, which moves are allowed) live in
:mod:`cartoparti.workflow`; here is only SQL. Every agent change is written in the
same transaction as its audit entry (who, what, when, before/after as JSON).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, timezone

import duckdb
import pandas as pd

__all__ = ["WorkflowQueries"]


def _now() -> datetime:
    """Current time, UTC without zone (as stored)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _json(value: object) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


class WorkflowQueries:
    """Mixin of :class:`cartoparti.storage.Storage` (uses ``_df``, ``_read``, ``_write``)."""

    # -- audit ----------------------------------------------------------------------
    @staticmethod
    def _audit(
        cur: duckdb.DuckDBPyConnection,
        actor: str,
        action: str,
        contribution_id: str | None = None,
        before: object = None,
        after: object = None,
        at: datetime | None = None,
    ) -> None:
        cur.execute(
            """INSERT INTO audit_log (logged_at, actor, action, contribution_id, before_json, after_json)
               VALUES (?, ?, ?, ?, ?, ?)""",
            [at or _now(), actor, action, contribution_id, _json(before), _json(after)],
        )

    def audit_log(self, contribution_id: str | None = None, *, limit: int | None = None) -> pd.DataFrame:
        """Audit entries, newest first: ``id, logged_at, actor, action, contribution_id, before, after``."""
        where, params = ("WHERE contribution_id = ?", [contribution_id]) if contribution_id else ("", [])
        return self._df(
            f"""SELECT id, logged_at, actor, action, contribution_id,
                       before_json AS before, after_json AS after
                FROM audit_log {where} ORDER BY id DESC
                {"LIMIT " + str(int(limit)) if limit else ""}""",
            params,
        )

    # -- users ----------------------------------------------------------------------
    def upsert_user(self, name: str, *, role: str, password_hash: str, actor: str) -> bool:
        """Create a user or replace its role and hash; return ``True`` if new."""
        with self._write() as cur:
            row = cur.execute("SELECT role FROM users WHERE name = ?", [name]).fetchone()
            if row is None:
                cur.execute(
                    "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                    [name, role, password_hash, _now()],
                )
                self._audit(cur, actor, "user_add", None, None, {"name": name, "role": role})
            else:
                cur.execute(
                    "UPDATE users SET role = ?, password_hash = ? WHERE name = ?",
                    [role, password_hash, name],
                )
                self._audit(
                    cur, actor, "user_reset", None,
                    {"name": name, "role": row[0]}, {"name": name, "role": role, "password": "changé"},
                )
        return row is None

    def user(self, name: str) -> dict[str, object] | None:
        """``name, role, password_hash, created_at`` of a user, or ``None``."""
        frame = self._df("SELECT name, role, password_hash, created_at FROM users WHERE name = ?", [name])
        return None if frame.empty else frame.iloc[0].to_dict()

    def users(self) -> pd.DataFrame:
        """Users without their hash: ``name, role, created_at``."""
        return self._df("SELECT name, role, created_at FROM users ORDER BY name")

    def set_password_hash(self, name: str, password_hash: str) -> None:
        """Replace a hash (rehash with stronger parameters); not audited, nothing changes."""
        with self._write() as cur:
            cur.execute("UPDATE users SET password_hash = ? WHERE name = ?", [password_hash, name])
