"""Queries of the agents' workspace: users, audit log, statuses and answers,
moderation, merges, supports, follow codes and deletion requests.

Rules (who may do what, which moves are allowed) live in
the commands (:mod:`cartoparti.commands`); here is only SQL. Every agent change is written in the
same transaction as its audit entry (who, what, when, before/after as JSON).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import pandas as pd

from cartoparti import i18n, textsearch
from cartoparti._errors import NotFoundError
from cartoparti.storage.sql.core import PRIMARY_ZONE_JOIN, CoreQueries, fold_sql
from cartoparti.storage.sql.session import C, Cursor

if TYPE_CHECKING:
    from cartoparti.model import Draft

__all__ = ["WorkflowQueries"]


_QUEUES = {
    "moderation": "NOT c.published AND NOT coalesce(h.hidden, false)",
    "personal_data": "h.personal_data IS NOT NULL AND NOT coalesce(h.hidden, false)",
    "visible": "NOT coalesce(h.hidden, false)",
}
"""The agents' queues: their condition on contribution ``c`` and its handling ``h``."""

def _now() -> datetime:
    """Current time, UTC without zone (as stored)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _json(value: object) -> str | None:
    return (
        None
        if value is None
        else json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)
    )


class WorkflowQueries(CoreQueries[C]):
    """Users, audit, statuses, moderation, merges, supports, follow codes, deletions."""

    # -- audit ----------------------------------------------------------------------
    @staticmethod
    def _audit(
        cur: Cursor,
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

    def record_audit(
        self,
        actor: str,
        action: str,
        contribution_id: str | None = None,
        *,
        before: object = None,
        after: object = None,
    ) -> None:
        """Write one audit entry on its own (for actions stored elsewhere, e.g. an import)."""
        with self._write() as cur:
            self._audit(cur, actor, action, contribution_id, before, after)

    def audit_log(
        self, contribution_id: str | None = None, *, limit: int | None = None
    ) -> pd.DataFrame:
        """Audit entries, newest first: ``id, logged_at, actor, action, contribution_id, before, after``."""
        where, params = (
            ("WHERE contribution_id = ?", [contribution_id]) if contribution_id else ("", [])
        )
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
                cur.execute("DELETE FROM web_sessions WHERE user_name = ?", [name])
                self._audit(
                    cur,
                    actor,
                    "user_reset",
                    None,
                    {"name": name, "role": row[0]},
                    {"name": name, "role": role, "password": "changed"},
                )
        return row is None

    def user(self, name: str) -> dict[str, object] | None:
        """``name, role, password_hash, created_at`` of a user, or ``None``."""
        frame = self._df(
            "SELECT name, role, password_hash, created_at FROM users WHERE name = ?", [name]
        )
        return None if frame.empty else frame.iloc[0].to_dict()

    def users(self) -> pd.DataFrame:
        """Users without their hash: ``name, role, created_at``."""
        return self._df("SELECT name, role, created_at FROM users ORDER BY name")

    def set_user_role(self, name: str, role: str, *, actor: str) -> str | None:
        """Change a user's role, audited; return the former role (``None``: no such user)."""
        with self._write() as cur:
            row = cur.execute("SELECT role FROM users WHERE name = ?", [name]).fetchone()
            if row is None:
                return None
            if row[0] != role:
                cur.execute("UPDATE users SET role = ? WHERE name = ?", [role, name])
                cur.execute("DELETE FROM web_sessions WHERE user_name = ?", [name])
                self._audit(
                    cur,
                    actor,
                    "user_role",
                    None,
                    {"name": name, "role": row[0]},
                    {"name": name, "role": role},
                )
        return str(row[0])

    def remove_user(self, name: str, *, actor: str) -> bool:
        """Delete a user (the audit keeps the name and role); ``False`` if absent."""
        with self._write() as cur:
            row = cur.execute("SELECT role FROM users WHERE name = ?", [name]).fetchone()
            if row is None:
                return False
            cur.execute("DELETE FROM users WHERE name = ?", [name])
            cur.execute("DELETE FROM web_sessions WHERE user_name = ?", [name])
            self._audit(cur, actor, "user_remove", None, {"name": name, "role": row[0]}, None)
        return True

    def set_password_hash(self, name: str, password_hash: str) -> None:
        """Replace a hash (rehash with stronger parameters); not audited, nothing changes."""
        with self._write() as cur:
            cur.execute("UPDATE users SET password_hash = ? WHERE name = ?", [password_hash, name])

    # -- the site's secret and sign-in sessions -----------------------------------------
    def site_secret(self, candidate: str) -> str:
        """The secret that signs the site's cookies: the one kept in the database, or
        ``candidate`` kept now if there is none yet (the first server to ask wins, so
        every server of one database signs alike)."""
        with self._write() as cur:
            cur.execute(
                "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO NOTHING", ["site_secret", candidate]
            )
            return str(self._get_meta(cur, "site_secret"))

    def add_web_session(self, token_hash: str, user_name: str, *, kind: str, expires_at: datetime) -> None:
        """Keep a sign-in ``kind`` (``ticket`` or ``session``) of ``user_name`` until
        ``expires_at`` (naive UTC), under the hash of its token; expired ones are purged."""
        with self._write() as cur:
            now = _now()
            cur.execute("DELETE FROM web_sessions WHERE expires_at <= ?", [now])
            cur.execute(
                "INSERT INTO web_sessions VALUES (?, ?, ?, ?, ?)",
                [token_hash, user_name, kind, now, expires_at],
            )

    def redeem_ticket(self, ticket_hash: str, session_hash: str, *, expires_at: datetime) -> str | None:
        """Exchange a one-time ticket, if still valid, for a session lasting until
        ``expires_at``, in one transaction; return its user's name (``None``: no such
        ticket, used or expired: nothing is opened)."""
        with self._write() as cur:
            row = cur.execute(
                """DELETE FROM web_sessions WHERE token_hash = ? AND kind = 'ticket'
                   RETURNING user_name, expires_at""",
                [ticket_hash],
            ).fetchone()
            if row is None or row[1] <= _now():
                return None
            cur.execute(
                "INSERT INTO web_sessions VALUES (?, ?, 'session', ?, ?)",
                [session_hash, row[0], _now(), expires_at],
            )
            return str(row[0])

    def web_session_user(self, token_hash: str) -> dict[str, object] | None:
        """``name, role`` of the user of an open, unexpired session; ``None`` otherwise."""
        frame = self._df(
            """SELECT u.name, u.role FROM web_sessions s JOIN users u ON u.name = s.user_name
               WHERE s.token_hash = ? AND s.kind = 'session' AND s.expires_at > ?""",
            [token_hash, _now()],
        )
        return None if frame.empty else frame.iloc[0].to_dict()

    def end_web_session(self, token_hash: str) -> None:
        """Close a session (sign-out): its cookie opens nothing any more."""
        with self._write() as cur:
            cur.execute("DELETE FROM web_sessions WHERE token_hash = ?", [token_hash])

    # -- statuses and answers ---------------------------------------------------------
    def add_status_change(
        self,
        contribution_id: str,
        *,
        expected: str,
        status: str,
        message: str,
        author: str,
        competent: str | None = None,
        at: datetime | None = None,
    ) -> bool:
        """Record a status change (or a message, same status) with its public message.

        Keeps ``contributions.status`` in step and writes the audit entry. Return
        ``False`` (nothing written) when the current status is not ``expected``.
        """
        at = at or _now()
        with self._write() as cur:
            row = cur.execute(
                "SELECT status FROM contributions WHERE id = ?", [contribution_id]
            ).fetchone()
            if row is None or row[0] != expected:
                return False
            cur.execute(
                """INSERT INTO status_history
                   (contribution_id, changed_at, status, previous_status, message, competent, author)
                   VALUES (?, ?, ?, ?, ?, ?, ?)""",
                [contribution_id, at, status, expected, message, competent, author],
            )
            if status != expected:
                cur.execute(
                    "UPDATE contributions SET status = ? WHERE id = ?", [status, contribution_id]
                )
            self._audit(
                cur,
                author,
                "status" if status != expected else "message",
                contribution_id,
                {"status": expected},
                {"status": status, "message": message, "competent": competent},
                at,
            )
        return True

    def add_status_changes(self, changes: pd.DataFrame) -> list[int]:
        """Record several status changes in one transaction, in the order of their rows,
        each as :meth:`add_status_change` would (its history row, the contribution's
        status kept in step, its audit entry).

        ``changes``: ``contribution_id, expected, status, message, competent, author``.
        A row whose contribution's status (after the rows before it) is not
        ``expected`` writes nothing: return the positions (0-based) of those rows.
        """
        if changes.empty:
            return []
        rows = list(changes[["contribution_id", "expected", "status", "message", "competent", "author"]]
                    .astype(object).itertuples(index=False, name=None))
        with self._write() as cur:
            ids = list(dict.fromkeys(str(r[0]) for r in rows))
            current: dict[str, str] = dict(cur.execute(
                f"SELECT id, status FROM contributions WHERE {self.dialect.within('id')}", [ids]
            ).fetchall())
            refused: list[int] = []
            history: list[tuple[object, ...]] = []
            audit: list[tuple[object, ...]] = []
            for position, (cid, expected, status, message, competent, author) in enumerate(rows):
                competent = None if competent is None or pd.isna(competent) else competent
                if current.get(cid) != expected:
                    refused.append(position)
                    continue
                at = _now()
                history.append((cid, at, status, expected, message, competent, author))
                audit.append((
                    at, author, "status" if status != expected else "message", cid,
                    _json({"status": expected}),
                    _json({"status": status, "message": message, "competent": competent}),
                ))
                current[cid] = status
            self._insert_frame(cur, "status_history", pd.DataFrame(history, columns=[
                "contribution_id", "changed_at", "status", "previous_status", "message", "competent", "author"
            ]))
            moved: dict[str, list[str]] = {}
            for cid in dict.fromkeys(r[0] for r in history):
                moved.setdefault(current[cid], []).append(cid)
            for status, moved_ids in moved.items():
                cur.execute(
                    f"UPDATE contributions SET status = ? WHERE {self.dialect.within('id')} AND status <> ?",
                    [status, moved_ids, status],
                )
            self._insert_frame(cur, "audit_log", pd.DataFrame(audit, columns=[
                "logged_at", "actor", "action", "contribution_id", "before_json", "after_json"
            ]))
        return refused

    def answer_states(self, contribution_ids: Sequence[str]) -> pd.DataFrame:
        """The current status and public history of some contributions, in one query:
        ``id, status, history_status, history_message``, one row per history entry
        (oldest first; ``None`` for a contribution never answered). An unknown id has no row."""
        return self._df(
            f"""SELECT c.id, c.status, h.status AS history_status, h.message AS history_message
                FROM contributions c LEFT JOIN status_history h ON h.contribution_id = c.id
                WHERE {self.dialect.within('c.id')}
                ORDER BY c.id, h.id""",
            [list(dict.fromkeys(contribution_ids))],
        )

    def status_history(self, contribution_id: str) -> pd.DataFrame:
        """Public history of one contribution, oldest first:
        ``changed_at, status, previous_status, message, competent, author``."""
        return self._df(
            """SELECT changed_at, status, previous_status, message, competent, author
               FROM status_history WHERE contribution_id = ? ORDER BY id""",
            [contribution_id],
        )

    def latest_message(self, contribution_id: str) -> dict[str, object] | None:
        """The latest public message of a contribution, or ``None``."""
        frame = self._df(
            """SELECT changed_at, status, message, competent FROM status_history
               WHERE contribution_id = ? ORDER BY id DESC LIMIT 1""",
            [contribution_id],
        )
        return None if frame.empty else frame.iloc[0].to_dict()

    # -- contribution fields and handling -------------------------------------------------
    _CONTRIBUTION_FIELDS = ("title", "text", "theme", "published")
    _HANDLING_FIELDS = (
        "service",
        "level",
        "hidden",
        "hidden_reason",
        "merged_into",
        "personal_data",
        "reviewed",
    )

    def handling(self, contribution_id: str) -> dict[str, object]:
        """Agents' fields of a contribution (defaults when never handled)."""
        frame = self._df(
            f"SELECT {', '.join(self._HANDLING_FIELDS)} FROM handling WHERE contribution_id = ?",
            [contribution_id],
        )
        if frame.empty:
            return {
                f: (False if f in ("hidden", "reviewed") else None) for f in self._HANDLING_FIELDS
            }
        return {k: (None if _missing(v) else v) for k, v in frame.iloc[0].to_dict().items()}

    def apply_changes(
        self,
        contribution_id: str,
        *,
        actor: str,
        action: str,
        contribution: dict[str, object] | None = None,
        handling: dict[str, object] | None = None,
        audit_before: dict[str, object] | None = None,
        audit_after: dict[str, object] | None = None,
    ) -> dict[str, object]:
        """Change public fields (``title, text, theme, published``) and agents' fields
        (``service, level, hidden…``) of one contribution, audited; return the fields before.

        ``audit_before`` / ``audit_after`` replace the logged values (to keep removed
        personal data out of the log).
        """
        contribution = dict(contribution or {})
        handling = dict(handling or {})
        bad = [k for k in contribution if k not in self._CONTRIBUTION_FIELDS]
        bad += [k for k in handling if k not in self._HANDLING_FIELDS]
        if bad:
            raise ValueError(f"unknown fields: {bad}")
        with self._write() as cur:
            before: dict[str, object] = {}
            if contribution:
                cols = list(contribution)
                row = cur.execute(
                    f"SELECT {', '.join(cols)} FROM contributions WHERE id = ?", [contribution_id]
                ).fetchone()
                before.update(zip(cols, row, strict=True))
                cur.execute(
                    f"UPDATE contributions SET {', '.join(c + ' = ?' for c in cols)} WHERE id = ?",
                    [*contribution.values(), contribution_id],
                )
            if handling:
                cols = list(handling)
                cur.execute(
                    "INSERT INTO handling (contribution_id) VALUES (?) ON CONFLICT DO NOTHING",
                    [contribution_id],
                )
                row = cur.execute(
                    f"SELECT {', '.join(cols)} FROM handling WHERE contribution_id = ?",
                    [contribution_id],
                ).fetchone()
                before.update(zip(cols, row, strict=True))
                cur.execute(
                    f"UPDATE handling SET {', '.join(c + ' = ?' for c in cols)} WHERE contribution_id = ?",
                    [*handling.values(), contribution_id],
                )
            self._audit(
                cur,
                actor,
                action,
                contribution_id,
                audit_before if audit_before is not None else before,
                audit_after if audit_after is not None else {**contribution, **handling},
            )
        return before

    def flag_personal_data(self, contribution_ids: Sequence[str], kinds: Sequence[str]) -> None:
        """Mark contributions as holding personal data (kinds joined by commas); not audited
        (done by the system at submission, before any agent)."""
        if not contribution_ids:
            return
        with self._write() as cur:
            for cid in contribution_ids:
                cur.execute(
                    """INSERT INTO handling (contribution_id, personal_data) VALUES (?, ?)
                       ON CONFLICT (contribution_id) DO UPDATE SET personal_data = excluded.personal_data""",
                    [cid, ",".join(kinds)],
                )
                cur.execute("UPDATE contributions SET published = false WHERE id = ?", [cid])

    def texts(self, contribution_ids: Sequence[str]) -> pd.DataFrame:
        """``id, title, text, published`` of some contributions."""
        return self._df(
            f"SELECT id, title, text, published FROM contributions WHERE {self.dialect.within('id')}",
            [list(contribution_ids)],
        )

    # -- field entries --------------------------------------------------------------------
    def add_field_entries(
        self,
        contribution_ids: Sequence[str],
        *,
        entered_by: str,
        session_date: date | None,
        session_place: str | None,
        after: dict[str, object],
    ) -> None:
        """Record who entered contributions on residents' behalf, when and where
        (one audit entry each, ``after`` as logged values)."""
        with self._write() as cur:
            for contribution_id in contribution_ids:
                cur.execute(
                    "INSERT INTO field_entries VALUES (?, ?, ?, ?)",
                    [contribution_id, entered_by, session_date, session_place],
                )
                self._audit(cur, entered_by, "field_entry", contribution_id, None, after)

    def field_entry(self, contribution_id: str) -> dict[str, object] | None:
        frame = self._df("SELECT * FROM field_entries WHERE contribution_id = ?", [contribution_id])
        return None if frame.empty else frame.iloc[0].to_dict()

    # -- merge ----------------------------------------------------------------------------
    def merge_contributions(self, duplicate_id: str, target_id: str, *, actor: str) -> None:
        """Hide ``duplicate_id`` as merged into ``target_id``; carry its supports,
        followers and action-plan links over (the duplicate's author counts as one
        support), audited."""
        with self._write() as cur:
            before = cur.execute(
                """SELECT c.published, h.hidden, h.merged_into FROM contributions c
                   LEFT JOIN handling h ON h.contribution_id = c.id WHERE c.id = ?""",
                [duplicate_id],
            ).fetchone()
            cur.execute(
                "INSERT INTO handling (contribution_id) VALUES (?) ON CONFLICT DO NOTHING",
                [duplicate_id],
            )
            cur.execute(
                """UPDATE handling SET hidden = true, hidden_reason = 'doublon', merged_into = ?
                   WHERE contribution_id = ?""",
                [target_id, duplicate_id],
            )
            cur.execute("UPDATE contributions SET published = false WHERE id = ?", [duplicate_id])
            now = _now()
            cur.execute(
                """INSERT INTO supports
                   SELECT ?::text, s.session_id, s.supported_at FROM (
                       SELECT session_id, supported_at FROM supports WHERE contribution_id = ?
                       UNION ALL SELECT 'merged:' || ?::text, ?::timestamp) s
                   WHERE NOT EXISTS (SELECT 1 FROM supports t
                                     WHERE t.contribution_id = ? AND t.session_id = s.session_id)""",
                [target_id, duplicate_id, duplicate_id, now, target_id],
            )
            cur.execute(
                """INSERT INTO follow_links
                   SELECT f.code_hash, ?::text, f.created_at FROM follow_links f
                   WHERE f.contribution_id = ? AND NOT EXISTS (
                       SELECT 1 FROM follow_links g WHERE g.contribution_id = ? AND g.code_hash = f.code_hash)""",
                [target_id, duplicate_id, target_id],
            )
            cur.execute(  # the duplicate's author and supporters now hear of the kept one
                """INSERT INTO notify_addresses (contribution_id, email, role, created_at, code_hash)
                   SELECT ?::text, n.email, 'supporter', n.created_at, n.code_hash
                   FROM notify_addresses n
                   WHERE n.contribution_id = ? AND NOT EXISTS (
                       SELECT 1 FROM notify_addresses m WHERE m.contribution_id = ? AND m.email = n.email)""",
                [target_id, duplicate_id, target_id],
            )
            # the action-plan items the duplicate fed are fed by the target now
            cur.execute(
                """INSERT INTO plan_links
                   SELECT l.item_id, ?::text, l.linked_at FROM plan_links l
                   WHERE l.contribution_id = ? AND NOT EXISTS (
                       SELECT 1 FROM plan_links m WHERE m.contribution_id = ? AND m.item_id = l.item_id)""",
                [target_id, duplicate_id, target_id],
            )
            cur.execute("DELETE FROM plan_links WHERE contribution_id = ?", [duplicate_id])
            self._audit(
                cur,
                actor,
                "merge",
                duplicate_id,
                {"published": before[0], "hidden": bool(before[1]), "merged_into": before[2]},
                {"published": False, "hidden": True, "merged_into": target_id},
            )

    # -- supports ("moi aussi") --------------------------------------------------------------
    def add_support(self, contribution_id: str, session_id: str) -> bool:
        """Count a support; ``False`` if this session already supports the contribution."""
        with self._write() as cur:
            done = cur.execute(
                "INSERT INTO supports VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1",
                [contribution_id, session_id, _now()],
            ).fetchone()
        return done is not None

    def support_count(self, contribution_id: str) -> int:
        return int(
            self._scalar(
                "SELECT count(*) FROM supports WHERE contribution_id = ?", [contribution_id]
            )
        )

    def has_supported(self, contribution_id: str, session_id: str) -> bool:
        return bool(
            self._scalar(
                "SELECT count(*) FROM supports WHERE contribution_id = ? AND session_id = ?",
                [contribution_id, session_id],
            )
        )

    # -- submission ------------------------------------------------------------------------------
    def submit_contribution(
        self,
        draft: Draft,
        *,
        published: bool,
        personal_data: Sequence[str] = (),
        follow_code_hash: str,
        field_entry: dict[str, Any] | None = None,
        notify_email: str | None = None,
    ) -> str:
        """Store a resident's contribution in one transaction: the contribution, its
        personal-data flag, its follow code (hash), the author's notification address
        (``notify_email``, if any) and, when an agent entered it, the field entry
        (``entered_by, session_date, session_place, after``). Return its id."""
        with self._write():
            if personal_data and not draft.personal_data:  # held and flagged by add_contribution
                draft = dataclasses.replace(draft, personal_data=tuple(personal_data))
            new_id = self.add_contribution(draft, published=published)
            self.link_follow_code(follow_code_hash, new_id)
            if notify_email:
                self.add_notify_address(  # type: ignore[attr-defined]
                    new_id, notify_email, "author", follow_code_hash
                )
            if field_entry is not None:
                self.add_field_entries([new_id], **field_entry)
        return new_id

    # -- follow codes ---------------------------------------------------------------------------
    def link_follow_code(self, code_hash: str, contribution_id: str) -> None:
        with self._write() as cur:
            cur.execute(
                "INSERT INTO follow_links VALUES (?, ?, ?)", [code_hash, contribution_id, _now()]
            )

    def followed_ids(self, code_hash: str, *, own_only: bool = False) -> list[str]:
        """Ids of the contributions followed with a code (hash), oldest first; ``own_only``:
        only those sent with it (not the ones a merge made it follow: a merge copies the
        duplicate's links to the kept contribution with their ``created_at``, so a link
        also held, same code and same time, by a duplicate merged into it is such a copy)."""
        own = """AND NOT EXISTS (
                     SELECT 1 FROM handling h JOIN follow_links d ON d.contribution_id = h.contribution_id
                     WHERE h.merged_into = f.contribution_id AND d.code_hash = f.code_hash
                       AND d.created_at = f.created_at)""" if own_only else ""
        frame = self._df(
            f"""SELECT f.contribution_id FROM follow_links f JOIN contributions c ON c.id = f.contribution_id
                WHERE f.code_hash = ? {own} ORDER BY c.created_at, c.id""",
            [code_hash],
        )
        return frame["contribution_id"].tolist()

    # -- deletion (RGPD) --------------------------------------------------------------------------
    def add_deletion_request(self, contribution_id: str, reason: str | None = None) -> bool:
        """Record a resident's deletion request; ``False`` if one is already pending.
        Raise :class:`NotFoundError` if the contribution is gone (deleted meanwhile)."""
        with self._write() as cur:
            if not cur.execute(
                "SELECT 1 FROM contributions WHERE id = ?", [contribution_id]
            ).fetchone():
                raise NotFoundError(i18n.message("contribution.unknown", id=contribution_id))
            if cur.execute(
                "SELECT 1 FROM deletion_requests WHERE contribution_id = ?", [contribution_id]
            ).fetchone():
                return False
            cur.execute(
                "INSERT INTO deletion_requests VALUES (?, ?, ?)", [contribution_id, _now(), reason]
            )
        return True

    def deletion_requests(self) -> pd.DataFrame:
        """Pending requests: ``contribution_id, title, requested_at, reason``."""
        return self._df(
            """SELECT d.contribution_id, c.title, d.requested_at, d.reason
               FROM deletion_requests d JOIN contributions c ON c.id = d.contribution_id
               ORDER BY d.requested_at"""
        )

    def delete_contribution(self, contribution_id: str, *, actor: str) -> bool:
        """Delete a contribution and everything tied to it (profile, photo, answers,
        supports, follow links, notification addresses, field entry, links to plan items). Its earlier audit entries keep who did
        what and when, but lose their before/after values (old texts, meeting place):
        the audit keeps only the id. ``False`` if absent."""
        with self._write() as cur:
            if not cur.execute(
                "SELECT 1 FROM contributions WHERE id = ?", [contribution_id]
            ).fetchone():
                return False
            requested = bool(
                cur.execute(
                    "SELECT count(*) FROM deletion_requests WHERE contribution_id = ?",
                    [contribution_id],
                ).fetchone()[0]
            )
            for table, column in (
                ("contribution_zones", "contribution_id"),
                ("profiles", "contribution_id"),
                ("photos", "contribution_id"),
                ("handling", "contribution_id"),
                ("field_entries", "contribution_id"),
                ("status_history", "contribution_id"),
                ("supports", "contribution_id"),
                ("follow_links", "contribution_id"),
                ("notify_addresses", "contribution_id"),
                ("deletion_requests", "contribution_id"),
                ("content_reports", "contribution_id"),
                ("plan_links", "contribution_id"),
                ("contributions", "id"),
            ):
                cur.execute(f"DELETE FROM {table} WHERE {column} = ?", [contribution_id])
            cur.execute(
                """UPDATE audit_log SET before_json = NULL, after_json = NULL
                   WHERE contribution_id = ?""",
                [contribution_id],
            )
            self._audit(
                cur,
                actor,
                "delete",
                contribution_id,
                {"id": contribution_id, "deletion_requested": requested},
                None,
            )
        return True

    # -- agents' lists and figures ------------------------------------------------------------
    def agent_contributions(
        self,
        *,
        ids: Sequence[str] | None = None,
        statuses: Sequence[str] | None = None,
        services: Sequence[str] | None = None,
        queue: str | None = None,
    ) -> pd.DataFrame:
        """Every contribution with what agents need, newest first.

        Columns: ``id, kind, title, text, theme, channel, created_at, status, published,
        zone_code, zone_name, lon, lat, service, level, hidden, hidden_reason, merged_into,
        personal_data, reviewed, supports, answers, last_answer_at, deletion_requested,
        entered_by`` (``lon``/``lat``: the exact centroid, for agents only). ``queue``: ``"moderation"`` (unpublished, not hidden),
        ``"personal_data"`` (flagged), ``"visible"`` (not hidden) or ``None`` (all).
        """
        where: list[str] = []
        params: list[object] = []
        if ids is not None:
            where.append(self.dialect.within("c.id"))
            params.append(list(ids))
        if statuses:
            where.append(self.dialect.within("c.status"))
            params.append(list(statuses))
        if services:
            where.append(self.dialect.within("h.service"))
            params.append(list(services))
        if queue in _QUEUES:
            where.append(_QUEUES[queue])
        return self._df(
            f"""SELECT c.id, c.kind, c.title, c.text, c.theme, c.channel, c.created_at, c.status,
                       c.published, cz.zone_code, z.name AS zone_name, c.lon, c.lat,
                       h.service, h.level, coalesce(h.hidden, false) AS hidden, h.hidden_reason,
                       h.merged_into, h.personal_data, coalesce(h.reviewed, false) AS reviewed,
                       (SELECT count(*) FROM supports s WHERE s.contribution_id = c.id) AS supports,
                       (SELECT count(*) FROM status_history a WHERE a.contribution_id = c.id) AS answers,
                       (SELECT max(changed_at) FROM status_history a WHERE a.contribution_id = c.id)
                           AS last_answer_at,
                       EXISTS (SELECT 1 FROM deletion_requests d WHERE d.contribution_id = c.id)
                           AS deletion_requested,
                       f.entered_by
                FROM contributions c
                LEFT JOIN handling h ON h.contribution_id = c.id
                LEFT JOIN field_entries f ON f.contribution_id = c.id
                {PRIMARY_ZONE_JOIN}
                {"WHERE " + " AND ".join(where) if where else ""}
                ORDER BY c.created_at DESC, c.id""",
            params,
        )

    def agent_page(
        self,
        *,
        search: str = "",
        zone_codes: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
        statuses: Sequence[str] | None = None,
        services: Sequence[str] | None = None,
        queue: str | None = None,
        min_age_days: int | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[pd.DataFrame, int]:
        """One page of the agents' list, filtered in the database, and how many match.

        ``search``: words that must all appear in the title or the text (without accents
        or case), or a contribution's id; ``zone_codes``: zones of the primary layer;
        ``min_age_days``: created at least that many days ago; ``queue`` as in
        :meth:`agent_contributions`, plus ``"hidden"``. Returns the rows of
        :meth:`agent_contributions` (newest first, ``limit`` from ``offset``) and the
        true count of matches."""
        where: list[str] = []
        params: list[object] = []
        words = textsearch.normalise(search).split()
        if words:
            folded = fold_sql("(coalesce(c.title, '') || ' ' || coalesce(c.text, ''))")
            match = " AND ".join(f"{folded} LIKE (?)" for _ in words)
            where.append(f"(({match}) OR c.id = ?)")
            params += [f"%{w}%" for w in words] + [search.strip()]
        elif search.strip():  # only punctuation: an id, or nothing
            where.append("c.id = ?")
            params.append(search.strip())
        for column, values in (("cz.zone_code", zone_codes), ("c.kind", kinds),
                               ("c.status", statuses), ("h.service", services)):
            if values:
                where.append(self.dialect.within(column))
                params.append(list(values))
        if queue == "hidden":
            where.append("coalesce(h.hidden, false)")
        elif queue is not None:
            where.append(_QUEUES[queue])
        if min_age_days is not None:
            where.append("c.created_at <= ?")
            params.append(_now() - timedelta(days=max(0, int(min_age_days))))
        sql_from = f"""FROM contributions c LEFT JOIN handling h ON h.contribution_id = c.id
                       {PRIMARY_ZONE_JOIN}
                       {"WHERE " + " AND ".join(where) if where else ""}"""
        total = int(self._df(f"SELECT count(*) AS n {sql_from}", params)["n"].iloc[0])
        ids = self._df(
            f"SELECT c.id {sql_from} ORDER BY c.created_at DESC, c.id LIMIT ? OFFSET ?",
            [*params, max(0, int(limit)), max(0, int(offset))],
        )["id"].tolist()
        return self.agent_contributions(ids=ids), total

    def answer_timeline(self) -> pd.DataFrame:
        """One row per contribution not hidden nor merged, for workload and equity:
        ``id, created_at, status, service, zone_code, zone_name, age_band, csp,
        first_answer_at`` (UTC; ``NaT`` when never answered)."""
        return self._df(
            f"""SELECT c.id, c.created_at, c.status, h.service, cz.zone_code, z.name AS zone_name,
                      p.age_band, p.csp,
                      (SELECT min(changed_at) FROM status_history a WHERE a.contribution_id = c.id)
                          AS first_answer_at
               FROM contributions c
               LEFT JOIN handling h ON h.contribution_id = c.id
               LEFT JOIN profiles p ON p.contribution_id = c.id
               {PRIMARY_ZONE_JOIN}
               WHERE NOT coalesce(h.hidden, false)
               ORDER BY c.created_at, c.id"""
        )


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
