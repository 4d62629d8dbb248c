"""Queries of the abuse limits: attempts counted by the rate limits and sign-in
lock-outs (``rate_events``, shared by every app server of a PostgreSQL database), and
residents' reports of a contribution to the moderators (``content_reports``).

Only the decisions' inputs are stored here; the decisions themselves (window, limit,
lock-out delay) are pure functions of :mod:`cartoparti.commands.limits`.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from cartoparti import i18n
from cartoparti._errors import NotFoundError
from cartoparti.storage.common import utc_naive
from cartoparti.storage.sql.core import CoreQueries
from cartoparti.storage.sql.session import C

__all__ = ["AbuseQueries"]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class AbuseQueries(CoreQueries[C]):
    """Rate-limit attempts and residents' reports."""

    # -- attempts -----------------------------------------------------------------------
    def record_attempt(self, kind: str, key: str, at: datetime) -> None:
        """Count one attempt of ``kind`` by ``key`` (a hash) at ``at`` (UTC)."""
        with self._write() as cur:
            cur.execute("INSERT INTO rate_events VALUES (?, ?, ?)", [kind, key, utc_naive(at)])

    def attempts(self, kind: str, key: str, since: datetime) -> list[datetime]:
        """When ``key`` made attempts of ``kind`` at or after ``since`` (UTC, naive),
        oldest first."""
        with self._read() as cur:
            rows = cur.execute(
                """SELECT happened_at FROM rate_events
                   WHERE kind = ? AND key = ? AND happened_at >= ? ORDER BY happened_at""",
                [kind, key, utc_naive(since)],
            ).fetchall()
        return [utc_naive(r[0]) for r in rows]

    def clear_attempts(self, kind: str, key: str) -> int:
        """Forget the attempts of ``kind`` by ``key`` (a successful sign-in); how many."""
        with self._write() as cur:
            rows = cur.execute(
                "DELETE FROM rate_events WHERE kind = ? AND key = ? RETURNING 1", [kind, key]
            ).fetchall()
        return len(rows)

    def purge_attempts(self, before: datetime) -> int:
        """Delete the attempts older than ``before`` (UTC); return how many."""
        with self._write() as cur:
            rows = cur.execute(
                "DELETE FROM rate_events WHERE happened_at < ? RETURNING 1", [utc_naive(before)]
            ).fetchall()
        return len(rows)

    # -- residents' reports -------------------------------------------------------------
    def add_report(self, contribution_id: str, reason: str, detail: str | None = None) -> None:
        """Keep a resident's report of a published contribution. Raise
        :class:`NotFoundError` if it is not (or no longer) published (hiding unpublishes)."""
        with self._write() as cur:
            found = cur.execute(
                "SELECT 1 FROM contributions WHERE id = ? AND published",
                [contribution_id],
            ).fetchone()
            if not found:
                raise NotFoundError(i18n.message("contribution.unknown", id=contribution_id))
            cur.execute(
                "INSERT INTO content_reports VALUES (?, ?, ?, ?)",
                [contribution_id, reason, detail, _now()],
            )

    def reported_contributions(self) -> pd.DataFrame:
        """Contributions with pending reports, most reported first: ``contribution_id,
        title, published, reports, first_reported_at, last_reported_at``."""
        return self._df(
            """SELECT r.contribution_id, c.title, c.published, count(*) AS reports,
                      min(r.reported_at) AS first_reported_at, max(r.reported_at) AS last_reported_at
               FROM content_reports r JOIN contributions c ON c.id = r.contribution_id
               GROUP BY r.contribution_id, c.title, c.published
               ORDER BY reports DESC, first_reported_at, r.contribution_id"""
        )

    def reports(self, contribution_id: str) -> pd.DataFrame:
        """The pending reports of a contribution, oldest first: ``reason, detail, reported_at``."""
        return self._df(
            """SELECT reason, detail, reported_at FROM content_reports
               WHERE contribution_id = ? ORDER BY reported_at""",
            [contribution_id],
        )

    def clear_reports(self, contribution_id: str) -> int:
        """Forget the reports of a contribution (a moderator decided); return how many."""
        with self._write() as cur:
            rows = cur.execute(
                "DELETE FROM content_reports WHERE contribution_id = ? RETURNING 1", [contribution_id]
            ).fetchall()
        return len(rows)
