"""SQL of the places that come back and of the weak-signal alerts.

The input of :mod:`cartoparti.analysis.clusters` is one row per published (so
visible: hidden contributions are unpublished) contribution with its point, its
contributor key (:data:`~cartoparti.storage.sql.core.CONTRIBUTOR_KEY`: ``contributor_id``,
else the follow code it was sent with, else the contribution itself) and
the public it comes from; alerts are stored decisions on groups of weak signals.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime

import pandas as pd

from cartoparti.storage.common import utc_naive
from cartoparti.storage.sql.core import CONTRIBUTOR_KEY, OWN_FOLLOW_CODE_JOIN, CoreQueries
from cartoparti.storage.sql.session import C

__all__ = ["ALERT_COLUMNS", "ClusterQueries"]

ALERT_COLUMNS = (
    "key", "members", "contributors", "lon", "lat", "first_at", "last_at", "raised_at",
    "state", "reason", "decided_by", "decided_at", "plan_item_id",
)

_COVERING_STATES = ("open", "acknowledged", "dismissed", "planned")
"""States of an alert whose members are not raised again as a group of their own."""


class ClusterQueries(CoreQueries[C]):
    """Points for the density analyses; alerts and the decisions taken on them."""

    def cluster_input(
        self,
        *,
        kinds: Sequence[str] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        public: bool = False,
    ) -> pd.DataFrame:
        """Published contributions as points: ``id, lon, lat, kind, theme, created_at,
        who, age_band, csp`` (``who``: the contributor key), oldest first; ``public``:
        their public positions (what public pages and open files are drawn from), else
        the exact ones (agents)."""
        where, params = self._filters(kinds=kinds, since=since, until=until)
        where.append("c.published")
        position = "c.public_lon AS lon, c.public_lat AS lat" if public else "c.lon, c.lat"
        return self._df(
            f"""SELECT c.id, {position}, c.kind, c.theme, c.created_at,
                       {CONTRIBUTOR_KEY.format(id="c.id")} AS who, p.age_band, p.csp
                FROM contributions c LEFT JOIN profiles p ON p.contribution_id = c.id
                {OWN_FOLLOW_CODE_JOIN.format(id="c.id")}
                WHERE {" AND ".join(where)}
                ORDER BY c.created_at, c.id""",
            params,
        )

    def raise_alerts(self, alerts: pd.DataFrame) -> list[str]:
        """Store the alerts of ``alerts`` (columns ``key, members, contributors, lon, lat,
        first_at, last_at``) whose key is new, open; an open alert whose members all
        belong to a newly raised one is marked ``superseded``. Return the new keys.

        A group whose members all belong to a stored alert still open or already decided
        (acknowledged, dismissed, planned) is not raised: when the oldest signals of a
        dismissed alert leave the window, the others make a new key but nothing new."""
        if alerts.empty:
            return []
        now = utc_naive(datetime.now(UTC))
        with self._write() as cur:
            known = {
                row[0] for row in cur.execute(
                    f"SELECT key FROM alerts WHERE {self.dialect.within('key')}", [list(alerts["key"])]
                ).fetchall()
            }
            new = alerts[~alerts["key"].isin(known)].drop_duplicates("key")
            covering = [
                set(str(row[0]).split()) for row in cur.execute(
                    f"SELECT members FROM alerts WHERE {self.dialect.within('state')}",
                    [list(_COVERING_STATES)],
                ).fetchall()
            ]
            new = new[[
                not any(set(str(members).split()) <= mine for mine in covering) for members in new["members"]
            ]] if covering and not new.empty else new
            if new.empty:
                return []
            for row in new.itertuples(index=False):
                cur.execute(
                    """INSERT INTO alerts (key, members, contributors, lon, lat, first_at, last_at,
                                           raised_at, state)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open')
                       ON CONFLICT (key) DO NOTHING""",
                    [str(row.key), str(row.members), int(row.contributors), float(row.lon), float(row.lat),
                     utc_naive(row.first_at), utc_naive(row.last_at), now],
                )
            open_rows = cur.execute(
                "SELECT key, members FROM alerts WHERE state = 'open'"
            ).fetchall()
            for key, members in open_rows:
                if key in set(new["key"]):
                    continue
                mine = set(str(members).split())
                if any(mine < set(str(m).split()) for m in new["members"]):
                    cur.execute("UPDATE alerts SET state = 'superseded' WHERE key = ?", [key])
        return list(new["key"])

    def alerts(self, states: Sequence[str] | None = None) -> pd.DataFrame:
        """Stored alerts (all, or those in ``states``), newest first."""
        where, params = ("", [])
        if states:
            where, params = f"WHERE {self.dialect.within('state')}", [list(states)]
        return self._df(
            f"""SELECT {", ".join(ALERT_COLUMNS)} FROM alerts {where}
                ORDER BY last_at DESC, key""",
            params,
        )

    def alert(self, key: str) -> dict[str, object] | None:
        frame = self._df(f"SELECT {', '.join(ALERT_COLUMNS)} FROM alerts WHERE key = ?", [key])
        return None if frame.empty else frame.iloc[0].to_dict()

    def decide_alert(
        self,
        key: str,
        state: str,
        *,
        actor: str,
        reason: str | None = None,
        plan_item_id: str | None = None,
    ) -> bool:
        """Record an agent's decision on an alert (audited); ``False`` if no such alert."""
        with self._write() as cur:
            row = cur.execute(
                "SELECT state, reason, plan_item_id FROM alerts WHERE key = ?", [key]
            ).fetchone()
            if row is None:
                return False
            cur.execute(
                """UPDATE alerts SET state = ?, reason = ?, plan_item_id = ?, decided_by = ?,
                          decided_at = ? WHERE key = ?""",
                [state, reason, plan_item_id, actor, utc_naive(datetime.now(UTC)), key],
            )
            cur.execute(
                """INSERT INTO audit_log (logged_at, actor, action, contribution_id, before_json, after_json)
                   VALUES (?, ?, ?, NULL, ?, ?)""",
                [
                    utc_naive(datetime.now(UTC)), actor, "alert_" + state,
                    json.dumps({"key": key, "state": row[0], "reason": row[1], "plan_item_id": row[2]},
                               ensure_ascii=False),
                    json.dumps({"key": key, "state": state, "reason": reason, "plan_item_id": plan_item_id},
                               ensure_ascii=False),
                ],
            )
        return True
