"""Queries of residents' notification addresses: the e-mail addresses residents left to
hear back about a contribution they made or supported.

Personal data, kept in their own table (``notify_addresses``): no public query, no
export reads it; :meth:`~cartoparti.storage.sql.workflow.WorkflowQueries.delete_contribution`
deletes them with their contribution and a merge carries them to the kept one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pandas as pd

from cartoparti.storage.sql.core import CoreQueries
from cartoparti.storage.sql.session import C

__all__ = ["NOTIFY_ROLES", "NotifyQueries"]

NOTIFY_ROLES = ("author", "supporter")


class NotifyQueries(CoreQueries[C]):
    """Residents' notification addresses."""

    def add_notify_address(
        self, contribution_id: str, email: str, role: str, code_hash: str | None = None
    ) -> bool:
        """Keep ``email`` to tell its owner (``author`` or ``supporter``) when the
        contribution moves, with the follow code (hash) it was left with, if any (only
        that code withdraws it); ``False`` if that address already follows it."""
        if role not in NOTIFY_ROLES:
            raise ValueError(f"unknown role: {role!r}")
        with self._write() as cur:
            done = cur.execute(
                """INSERT INTO notify_addresses (contribution_id, email, role, created_at, code_hash)
                   VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1""",
                [contribution_id, email, role, datetime.now(UTC).replace(tzinfo=None), code_hash],
            ).fetchone()
        return done is not None

    def notify_addresses(self, contribution_ids: Sequence[str]) -> pd.DataFrame:
        """``contribution_id, email, role, code_hash`` of the addresses following some
        contributions, in the order they were left (``code_hash``: the follow code they
        were left with, or ``None``)."""
        return self._df(
            f"""SELECT contribution_id, email, role, code_hash FROM notify_addresses
                WHERE {self.dialect.within("contribution_id")}
                ORDER BY created_at, contribution_id, email""",
            [list(contribution_ids)],
        )

    def remove_notify_address(self, email: str) -> int:
        """Forget an address everywhere it follows a contribution; return how many rows."""
        with self._write() as cur:
            rows = cur.execute(
                "DELETE FROM notify_addresses WHERE email = ? RETURNING 1", [email]
            ).fetchall()
        return len(rows)
