"""Queries of residents' rights (RGPD): erasing what a follow code or a contributor id
left, purging profiles and addresses after the retention period, a once-a-day claim.

Rules (who may erase, what the retention period is) live in
:mod:`cartoparti.commands.rights` and :mod:`cartoparti.commands.residents`; here is
only SQL. An erasure deletes rows (contents erased, not hidden); the audit keeps only
that it happened and how many rows went, never a value.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from cartoparti.storage.sql.core import CoreQueries
from cartoparti.storage.sql.session import C

__all__ = ["RightsQueries"]

PROFILE_FIELDS = ("age_band", "csp", "home_commune", "first_time")
"""What the retention period purges from a profile (``contributor_id`` stays: it only
tells contributions of one person apart, for the counts)."""


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class RightsQueries(CoreQueries[C]):
    """Erasure, retention purge, daily claims."""

    def own_followed_ids(self, code_hash: str) -> list[str]:
        """Ids of the contributions a follow code (hash) *made*, oldest first: those it
        follows, less the ones it follows only because a merge carried its link from
        a duplicate (same link time as the duplicate's), which are someone else's."""
        frame = self._df(
            """SELECT f.contribution_id FROM follow_links f
               JOIN contributions c ON c.id = f.contribution_id
               WHERE f.code_hash = ? AND NOT EXISTS (
                   SELECT 1 FROM follow_links d
                   JOIN handling h ON h.contribution_id = d.contribution_id
                   WHERE d.code_hash = f.code_hash AND h.merged_into = f.contribution_id
                     AND d.created_at = f.created_at)
               ORDER BY c.created_at, c.id""",
            [code_hash],
        )
        return frame["contribution_id"].tolist()

    def contributor_contribution_ids(self, contributor_id: str) -> list[str]:
        """Ids of the contributions whose profile names ``contributor_id``, oldest first."""
        frame = self._df(
            """SELECT c.id FROM contributions c JOIN profiles p ON p.contribution_id = c.id
               WHERE p.contributor_id = ? ORDER BY c.created_at, c.id""",
            [contributor_id],
        )
        return frame["id"].tolist()

    def erase_contributions(
        self,
        contribution_ids: Sequence[str],
        *,
        actor: str,
        action: str,
        code_hash: str | None = None,
    ) -> dict[str, int]:
        """Delete contributions with everything tied to them (as
        :meth:`delete_contribution`), the supports their merges carried elsewhere and,
        with ``code_hash``, every link of that follow code and every address left with
        it (wherever a merge carried it, and the same addresses elsewhere). One
        transaction; one audit entry ``action`` holding only the counts. Return the
        counts: ``contributions, profiles, photos, answers, supports, addresses,
        follow_links``."""
        ids = list(dict.fromkeys(contribution_ids))
        within = self.dialect.within
        counts: dict[str, int] = {}
        with self._write() as cur:

            def count(sql: str, params: Sequence[object]) -> int:
                return int(cur.execute(sql, list(params)).fetchone()[0])

            merged_sessions = ["merged:" + i for i in ids]
            counts["contributions"] = count(
                f"SELECT count(*) FROM contributions WHERE {within('id')}", [ids])
            counts["profiles"] = count(
                f"SELECT count(*) FROM profiles WHERE {within('contribution_id')}", [ids])
            counts["photos"] = count(
                f"SELECT count(*) FROM photos WHERE {within('contribution_id')}", [ids])
            counts["answers"] = count(
                f"SELECT count(*) FROM status_history WHERE {within('contribution_id')}", [ids])
            counts["supports"] = count(
                f"""SELECT count(*) FROM supports
                    WHERE {within('contribution_id')} OR {within('session_id')}""",
                [ids, merged_sessions])
            emails: list[str] = []
            if code_hash is not None:
                emails = [r[0] for r in cur.execute(
                    "SELECT DISTINCT email FROM notify_addresses WHERE code_hash = ?", [code_hash]
                ).fetchall()]
            counts["addresses"] = count(
                f"""SELECT count(*) FROM notify_addresses
                    WHERE {within('contribution_id')} OR {within('email')}""",
                [ids, emails])
            counts["follow_links"] = count(
                f"SELECT count(*) FROM follow_links WHERE {within('contribution_id')} OR code_hash = ?",
                [ids, code_hash or ""])
            for cid in ids:
                self.delete_contribution(cid, actor=actor)  # type: ignore[attr-defined]
            cur.execute(f"DELETE FROM supports WHERE {within('session_id')}", [merged_sessions])
            cur.execute(f"DELETE FROM notify_addresses WHERE {within('email')}", [emails])
            if code_hash is not None:
                cur.execute("DELETE FROM notify_addresses WHERE code_hash = ?", [code_hash])
                cur.execute("DELETE FROM follow_links WHERE code_hash = ?", [code_hash])
            cur.execute(
                """INSERT INTO audit_log (logged_at, actor, action, contribution_id, before_json, after_json)
                   VALUES (?, ?, ?, NULL, NULL, ?)""",
                [_now(), actor, action, _counts_json(counts)],
            )
        return counts

    def purge_personal_data(
        self, before: datetime, *, actor: str, dry_run: bool = False
    ) -> dict[str, int]:
        """Purge the profile answers (age band, category, home commune, first time) and
        the notification addresses of the contributions created before ``before``
        (naive UTC). Return ``profiles, addresses``: how many profiles lose answers,
        how many addresses go (``dry_run``: would; nothing is written). Audited as
        ``purge`` (counts only) when something went."""
        old = "SELECT id FROM contributions WHERE created_at < ?"
        answered = " OR ".join(f"{f} IS NOT NULL" for f in PROFILE_FIELDS)
        with self._write() as cur:
            profiles = int(cur.execute(
                f"SELECT count(*) FROM profiles WHERE contribution_id IN ({old}) AND ({answered})",
                [before],
            ).fetchone()[0])
            addresses = int(cur.execute(
                f"SELECT count(*) FROM notify_addresses WHERE contribution_id IN ({old})", [before]
            ).fetchone()[0])
            counts = {"profiles": profiles, "addresses": addresses}
            if dry_run or not (profiles or addresses):
                return counts
            cur.execute(
                f"""UPDATE profiles SET {', '.join(f + ' = NULL' for f in PROFILE_FIELDS)}
                    WHERE contribution_id IN ({old}) AND ({answered})""",
                [before],
            )
            cur.execute(f"DELETE FROM notify_addresses WHERE contribution_id IN ({old})", [before])
            cur.execute(
                """INSERT INTO audit_log (logged_at, actor, action, contribution_id, before_json, after_json)
                   VALUES (?, ?, 'purge', NULL, NULL, ?)""",
                [_now(), actor, _counts_json({**counts, "before": before.isoformat()})],
            )
        return counts

    def claim_meta(self, key: str, value: str) -> bool:
        """Set ``key`` to ``value`` unless it holds it already; ``True`` if this call
        changed it (of several servers claiming the same value at once, one wins)."""
        with self._write() as cur:
            if cur.execute(
                "INSERT INTO meta VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING 1", [key, value]
            ).fetchone():
                return True
            return cur.execute(
                "UPDATE meta SET value = ? WHERE key = ? AND value <> ? RETURNING 1",
                [value, key, value],
            ).fetchone() is not None


def _counts_json(counts: dict[str, object]) -> str:
    import json

    return json.dumps(counts, sort_keys=True)
