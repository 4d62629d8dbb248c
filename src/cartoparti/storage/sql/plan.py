"""Queries of the action plan: plan items, the contributions that fed them, their
milestones, and the services' capacity in agent-days per month.

Rules (what a valid item is, who may change it) live in :mod:`cartoparti.commands.plan`;
here is only SQL. Every change is written in the same transaction as its audit entry
(``audit_log``: who, what, when, before/after as JSON; a link or an unlink carries the
contribution's id, so that the contribution's own audit shows it).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import pandas as pd
import shapely

from cartoparti.storage.common import to_geodataframe
from cartoparti.storage.sql.session import C
from cartoparti.storage.sql.workflow import WorkflowQueries, _now

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["PLAN_FIELDS", "PlanQueries"]

PLAN_FIELDS: tuple[str, ...] = (
    "title", "description", "zone_layer", "zone_code", "level", "service", "cost",
    "agent_days", "start_date", "status", "public_reason",
)
"""Columns of ``plan_items`` an update may change (plus ``geometry``)."""

_ITEM_COLUMNS = """p.id, p.title, p.description, p.zone_layer, p.zone_code, p.level, p.service,
                   p.cost, p.agent_days, p.start_date, p.status, p.public_reason,
                   p.created_at, p.updated_at"""

_PUBLIC_LINK = """EXISTS (SELECT 1 FROM contributions c LEFT JOIN handling h ON h.contribution_id = c.id
                   WHERE c.id = l.contribution_id AND c.published
                     AND NOT coalesce(h.hidden, false) AND h.merged_into IS NULL)"""
"""A link ``l`` to a contribution the public sees now (published, not hidden, not merged)."""


def _logged(values: Mapping[str, Any]) -> dict[str, Any]:
    """Values as the audit keeps them (a geometry as WKT)."""
    out = {}
    for key, value in values.items():
        out[key] = value.wkt if isinstance(value, shapely.Geometry) else value
    return out


class PlanQueries(WorkflowQueries[C]):
    """Plan items, links, milestones and capacities."""

    def _wkb(self, geometry: shapely.Geometry | None) -> bytes | None:
        return None if geometry is None else shapely.to_wkb(geometry)

    # -- writes ---------------------------------------------------------------------
    def add_plan_item(
        self,
        item: Mapping[str, Any],
        *,
        contribution_ids: Sequence[str] = (),
        milestones: Sequence[tuple[str, date]] = (),
        actor: str,
    ) -> str:
        """Store a new plan item (``title, description, geometry, zone_layer, zone_code,
        level, service, cost, agent_days, start_date, status, public_reason``) with its
        first links and milestones, in one transaction, audited; return its id."""
        item_id = uuid.uuid4().hex[:10]
        now = _now()
        with self._write() as cur:
            cur.execute(
                f"""INSERT INTO plan_items (id, title, description, geom, zone_layer, zone_code,
                        level, service, cost, agent_days, start_date, status, public_reason,
                        created_at, updated_at)
                    VALUES (?, ?, ?, {self.dialect.geom_from_wkb}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [item_id, item["title"], item["description"], self._wkb(item.get("geometry")),
                 item.get("zone_layer"), item.get("zone_code"), item["level"], item["service"],
                 float(item["cost"]), float(item["agent_days"]), item["start_date"],
                 item["status"], item.get("public_reason"), now, now],
            )
            self._audit(cur, actor, "plan_add", None, None, {"item": item_id, **_logged(item)})
            for cid in contribution_ids:
                self._link(cur, item_id, cid, actor, now)
            for label, due in milestones:
                self._milestone(cur, item_id, label, due, actor)
        return item_id

    def update_plan_item(
        self, item_id: str, changes: Mapping[str, Any], *, actor: str, action: str = "plan_update"
    ) -> dict[str, Any] | None:
        """Change some fields of an item (:data:`PLAN_FIELDS`, ``geometry``), audited
        with ``action``; return the changed fields as they were (``None``: no such item)."""
        with self._write() as cur:
            before = self._item_row(cur, item_id)
            if before is None:
                return None
            wanted = {k: v for k, v in changes.items() if k in (*PLAN_FIELDS, "geometry")}
            changed = {k: v for k, v in wanted.items() if before.get(k) != v}
            if not changed:
                return {}
            sets, params = [], []
            for key, value in changed.items():
                if key == "geometry":
                    sets.append(f"geom = {self.dialect.geom_from_wkb}")
                    params.append(self._wkb(value))
                else:
                    sets.append(f"{key} = ?")
                    params.append(value)
            cur.execute(
                f"UPDATE plan_items SET {', '.join(sets)}, updated_at = ? WHERE id = ?",
                [*params, _now(), item_id],
            )
            old = {k: before.get(k) for k in changed}
            self._audit(cur, actor, action, None, {"item": item_id, **_logged(old)},
                        {"item": item_id, **_logged(changed)})
        return old

    def link_plan_contributions(
        self, item_id: str, contribution_ids: Sequence[str], *, actor: str
    ) -> list[str]:
        """Link contributions to an item, audited; return those newly linked."""
        now = _now()
        with self._write() as cur:
            return [cid for cid in contribution_ids if self._link(cur, item_id, cid, actor, now)]

    def unlink_plan_contribution(self, item_id: str, contribution_id: str, *, actor: str) -> bool:
        """Remove one link, audited; ``False`` if there was none."""
        with self._write() as cur:
            if not cur.execute(
                "SELECT 1 FROM plan_links WHERE item_id = ? AND contribution_id = ?",
                [item_id, contribution_id],
            ).fetchone():
                return False
            cur.execute(
                "DELETE FROM plan_links WHERE item_id = ? AND contribution_id = ?",
                [item_id, contribution_id],
            )
            cur.execute("UPDATE plan_items SET updated_at = ? WHERE id = ?", [_now(), item_id])
            self._audit(cur, actor, "plan_unlink", contribution_id, {"item": item_id}, None)
        return True

    def add_plan_milestone(self, item_id: str, label: str, due_date: date, *, actor: str) -> int:
        """Add a milestone (not done) at the end of an item's list, audited; return its step."""
        with self._write() as cur:
            step = self._milestone(cur, item_id, label, due_date, actor)
            cur.execute("UPDATE plan_items SET updated_at = ? WHERE id = ?", [_now(), item_id])
        return step

    def set_plan_milestone_done(self, item_id: str, step: int, done: bool, *, actor: str) -> bool:
        """Mark a milestone done (or not), audited; ``False`` if there is no such milestone."""
        with self._write() as cur:
            row = cur.execute(
                "SELECT done FROM plan_milestones WHERE item_id = ? AND step = ?", [item_id, step]
            ).fetchone()
            if row is None:
                return False
            if bool(row[0]) != done:
                cur.execute(
                    "UPDATE plan_milestones SET done = ? WHERE item_id = ? AND step = ?",
                    [done, item_id, step],
                )
                cur.execute("UPDATE plan_items SET updated_at = ? WHERE id = ?", [_now(), item_id])
                self._audit(cur, actor, "plan_milestone_done", None,
                            {"item": item_id, "step": step, "done": bool(row[0])},
                            {"item": item_id, "step": step, "done": done})
        return True

    def set_service_capacity(self, service: str, agent_days_per_month: float, *, actor: str) -> None:
        """Set a service's capacity (agent-days per month), audited."""
        with self._write() as cur:
            row = cur.execute(
                "SELECT agent_days_per_month FROM service_capacity WHERE service = ?", [service]
            ).fetchone()
            cur.execute(
                """INSERT INTO service_capacity (service, agent_days_per_month, updated_at)
                   VALUES (?, ?, ?) ON CONFLICT (service) DO UPDATE
                   SET agent_days_per_month = excluded.agent_days_per_month,
                       updated_at = excluded.updated_at""",
                [service, float(agent_days_per_month), _now()],
            )
            self._audit(cur, actor, "capacity_set", None,
                        None if row is None else {"service": service, "agent_days_per_month": row[0]},
                        {"service": service, "agent_days_per_month": float(agent_days_per_month)})

    def _link(self, cur: C, item_id: str, contribution_id: str, actor: str, at: Any) -> bool:
        if cur.execute(
            "SELECT 1 FROM plan_links WHERE item_id = ? AND contribution_id = ?",
            [item_id, contribution_id],
        ).fetchone():
            return False
        cur.execute(
            "INSERT INTO plan_links (item_id, contribution_id, linked_at) VALUES (?, ?, ?)",
            [item_id, contribution_id, at],
        )
        cur.execute("UPDATE plan_items SET updated_at = ? WHERE id = ?", [at, item_id])
        self._audit(cur, actor, "plan_link", contribution_id, None, {"item": item_id})
        return True

    def _milestone(self, cur: C, item_id: str, label: str, due: date, actor: str) -> int:
        step = int(cur.execute(
            "SELECT coalesce(max(step), 0) + 1 FROM plan_milestones WHERE item_id = ?", [item_id]
        ).fetchone()[0])
        cur.execute(
            "INSERT INTO plan_milestones (item_id, step, label, due_date, done) VALUES (?, ?, ?, ?, ?)",
            [item_id, step, label, due, False],
        )
        self._audit(cur, actor, "plan_milestone", None, None,
                    {"item": item_id, "step": step, "label": label, "due_date": due})
        return step

    def _item_row(self, cur: C, item_id: str) -> dict[str, Any] | None:
        frame = cur.execute(
            f"""SELECT {_ITEM_COLUMNS}, {self.dialect.as_wkb}(p.geom) AS wkb
                FROM plan_items p WHERE p.id = ?""",
            [item_id],
        ).df()
        if frame.empty:
            return None
        row = frame.iloc[0].to_dict()
        wkb = _blob(row.pop("wkb"))
        row["geometry"] = None if wkb is None else shapely.from_wkb(wkb)
        return _plain(row)

    # -- reads ----------------------------------------------------------------------
    def plan_item(self, item_id: str) -> dict[str, Any] | None:
        """One item's fields (``geometry`` a shapely geometry or ``None``), or ``None``."""
        with self._read() as cur:
            return self._item_row(cur, item_id)

    def plan_items(self, *, public_only: bool = False) -> gpd.GeoDataFrame:
        """Every item, oldest first, WGS84, with ``contributions`` (how many are linked;
        ``public_only``: only those the public sees now) and ``last_milestone`` (the
        latest milestone date, or none)."""
        public = f" AND {_PUBLIC_LINK}" if public_only else ""
        frame = self._df(
            f"""SELECT {_ITEM_COLUMNS},
                       (SELECT count(*) FROM plan_links l WHERE l.item_id = p.id{public}) AS contributions,
                       (SELECT max(m.due_date) FROM plan_milestones m WHERE m.item_id = p.id)
                           AS last_milestone,
                       {self.dialect.as_wkb}(p.geom) AS wkb
                FROM plan_items p ORDER BY p.created_at, p.id"""
        )
        frame["wkb"] = frame["wkb"].map(_blob)
        frame["contributions"] = frame["contributions"].astype(int)
        for column in ("start_date", "last_milestone"):
            frame[column] = pd.Series(
                [None if pd.isna(v) else pd.Timestamp(v).date() for v in frame[column]],
                index=frame.index, dtype=object,
            )
        return to_geodataframe(frame)

    def plan_links(
        self,
        *,
        item_ids: Sequence[str] | None = None,
        contribution_ids: Sequence[str] | None = None,
        public_only: bool = False,
    ) -> pd.DataFrame:
        """Links ``item_id, contribution_id, linked_at`` (of some items, or some
        contributions, or all; ``public_only``: only to contributions the public sees
        now), oldest first."""
        where, params = [_PUBLIC_LINK] if public_only else [], []
        if item_ids is not None:
            where.append(self.dialect.within("l.item_id"))
            params.append(list(item_ids))
        if contribution_ids is not None:
            where.append(self.dialect.within("l.contribution_id"))
            params.append(list(contribution_ids))
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        return self._df(
            f"""SELECT l.item_id, l.contribution_id, l.linked_at FROM plan_links l {clause}
                ORDER BY l.linked_at, l.item_id, l.contribution_id""",
            params,
        )

    def plan_milestones(self, item_ids: Sequence[str] | None = None) -> pd.DataFrame:
        """Milestones ``item_id, step, label, due_date, done``, by item then step."""
        where, params = ("", []) if item_ids is None else (
            "WHERE " + self.dialect.within("item_id"), [list(item_ids)]
        )
        frame = self._df(
            f"SELECT item_id, step, label, due_date, done FROM plan_milestones {where} ORDER BY item_id, step",
            params,
        )
        frame["step"] = frame["step"].astype(int)
        frame["done"] = frame["done"].astype(bool)
        frame["due_date"] = pd.to_datetime(frame["due_date"]).dt.date
        return frame

    def service_capacities(self) -> pd.DataFrame:
        """Stored capacities ``service, agent_days_per_month, updated_at``, by service."""
        return self._df(
            "SELECT service, agent_days_per_month, updated_at FROM service_capacity ORDER BY service"
        )


def _blob(value: object) -> bytes | None:
    """A WKB cell as bytes (``None`` for a missing one, whatever the backend's null)."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    return bytes(value)  # type: ignore[arg-type]


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """Database values as plain Python (dates as ``date``, missing as ``None``)."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, float) and pd.isna(value) or value is pd.NaT:
            value = None
        elif key == "start_date" and value is not None:
            value = pd.Timestamp(value).date()
        elif isinstance(value, pd.Timestamp):
            value = value.to_pydatetime()
        elif key in ("cost", "agent_days") and value is not None:
            value = float(value)
        out[key] = value
    return out

