"""The living action plan: one command per agent's action (add an item, change it or
its status, link and unlink contributions, add and tick milestones, set a service's
capacity), the public views of the plan, and what the council brief and the exports
read of it.

Each command checks everything first (a French :class:`ValidationError`, nothing
stored), then writes once (one transaction with its audit entry), then returns what
changed (:class:`PlanChange`): the hook for notifications (who to tell that their
contribution fed an item, or that an item they fed is done).

An item is « fait avec les habitants » when at least one contribution is linked to it.
Capacity (:mod:`cartoparti.analysis.capacity`): the command returns the months it
pushes its service over capacity (:attr:`PlanChange.warnings`); a page asks
:func:`capacity_warnings` before the agent confirms.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from cartoparti import i18n, textsearch
from cartoparti._errors import NotFoundError, OutsideTerritoryError, ValidationError
from cartoparti.analysis import capacity as cap
from cartoparti.commands import notify
from cartoparti.commands._common import _actor
from cartoparti.i18n import formats
from cartoparti.lifecycle import LEVELS, PLAN_STATUSES
from cartoparti.settings import Settings
from cartoparti.storage import Storage

__all__ = [
    "PLAN_STATUSES",
    "PlanChange",
    "PlanProgress",
    "add_item",
    "add_milestone",
    "capacities",
    "capacity_chart_frame",
    "capacity_warnings",
    "change_warnings",
    "item_links",
    "items_for_contribution",
    "link",
    "linkable_contributions",
    "plan_frame",
    "plan_progress",
    "public_plan",
    "realised_contribution_ids",
    "search_contributions",
    "set_capacity",
    "set_milestone_done",
    "set_status",
    "unlink",
    "update_item",
]

TITLE_MAX, DESCRIPTION_MAX, LABEL_MAX, REASON_MIN = 120, 2000, 120, 10


@dataclass
class PlanChange:
    """What a command changed (for the page, and for notification mails)."""

    item_id: str
    action: str
    """``add``, ``update``, ``status``, ``link``, ``unlink``, ``milestone``, ``milestone_done``."""
    before: dict[str, Any] = field(default_factory=dict)
    """Changed fields as they were."""
    after: dict[str, Any] = field(default_factory=dict)
    """Changed fields as they are now."""
    linked: list[str] = field(default_factory=list)
    """Contributions newly linked (``add``, ``link``)."""
    unlinked: list[str] = field(default_factory=list)
    contributions: list[str] = field(default_factory=list)
    """Every contribution linked to the item after the change (whom a status change concerns)."""
    warnings: list[cap.Overload] = field(default_factory=list)
    """Months where the item leaves its service over capacity."""


# -- checks -------------------------------------------------------------------------
def _number(value: object, name: str, errors: dict[str, str]) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        errors[name] = i18n.message("plan.number_invalid", value=value)
        return 0.0
    if not math.isfinite(number) or number < 0:
        errors[name] = i18n.message(f"plan.{name}_negative")
    return number


def _date(value: object, name: str, errors: dict[str, str]) -> date | None:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        errors[name] = i18n.message("plan.date_invalid", value=value)
        return None


def _place(
    store: Storage,
    geometry: shapely.Geometry | None,
    zone: tuple[str, str] | None,
    errors: dict[str, str],
) -> dict[str, Any]:
    if zone is not None:
        layer, code = zone
        point = store.zone_point(code, layer or None)
        if point is None:
            errors["place"] = i18n.message("plan.zone_unknown", code=code)
            return {}
        return {"geometry": point, "zone_layer": layer or store.primary_layer(), "zone_code": code}
    if geometry is None:
        return {"geometry": None, "zone_layer": None, "zone_code": None}
    try:
        store.locate(geometry)
    except OutsideTerritoryError:
        errors["place"] = i18n.message("plan.outside")
        return {}
    return {"geometry": geometry, "zone_layer": None, "zone_code": None}


def _known_contributions(store: Storage, ids: Sequence[str], errors: dict[str, str]) -> list[str]:
    """The ids asked for, once each; only published, visible, unmerged contributions may
    feed an item (a hidden or held one would show publicly and be mailed)."""
    wanted = list(dict.fromkeys(str(i).strip() for i in ids if str(i).strip()))
    if not wanted:
        return []
    found = store.agent_contributions(ids=wanted).set_index("id")
    missing = [i for i in wanted if i not in found.index]
    if missing:
        errors["contributions"] = i18n.message("plan.contribution_unknown", ids=", ".join(missing))
        return wanted
    hidden = [i for i in wanted if not _is_public(found.loc[i])]
    if hidden:
        errors["contributions"] = i18n.message("plan.contribution_not_public", ids=", ".join(hidden))
    return wanted


def _is_public(row: Mapping[str, Any]) -> bool:
    merged = row["merged_into"]
    return bool(row["published"]) and not bool(row["hidden"]) and (merged is None or pd.isna(merged))


def linkable_contributions(store: Storage, ids: Sequence[str]) -> list[str]:
    """Those of ``ids`` that may feed an item now (published, visible, not merged), in
    order: e.g. an alert's members, some of which were hidden since it was raised."""
    wanted = list(dict.fromkeys(str(i).strip() for i in ids if str(i).strip()))
    if not wanted:
        return []
    found = store.agent_contributions(ids=wanted).set_index("id")
    return [i for i in wanted if i in found.index and _is_public(found.loc[i])]


def _check_fields(
    store: Storage, settings: Settings, values: Mapping[str, Any], errors: dict[str, str]
) -> dict[str, Any]:
    """Check the fields present in ``values``; return them cleaned."""
    out: dict[str, Any] = {}
    if "title" in values:
        title = " ".join(str(values["title"] or "").split())
        if not title:
            errors["title"] = i18n.message("plan.title_required")
        elif len(title) > TITLE_MAX:
            errors["title"] = i18n.message("plan.title_too_long", max=TITLE_MAX)
        out["title"] = title
    if "description" in values:
        text = str(values["description"] or "").strip()
        if len(text) > DESCRIPTION_MAX:
            errors["description"] = i18n.message("plan.description_too_long", max=DESCRIPTION_MAX)
        out["description"] = text
    if "level" in values:
        if values["level"] not in LEVELS:
            errors["level"] = i18n.message("plan.level_unknown", value=values["level"], levels=", ".join(LEVELS))
        out["level"] = values["level"]
    if "service" in values:
        if values["service"] not in settings.services:
            errors["service"] = i18n.message(
                "plan.service_unknown", value=values["service"], services=", ".join(settings.services)
            )
        out["service"] = values["service"]
    if "cost" in values:
        out["cost"] = _number(values["cost"], "cost", errors)
    if "agent_days" in values:
        out["agent_days"] = _number(values["agent_days"], "agent_days", errors)
    if "start_date" in values:
        if values["start_date"] in (None, ""):
            errors["start_date"] = i18n.message("plan.start_required")
        else:
            out["start_date"] = _date(values["start_date"], "start_date", errors)
    return out


def _check_milestone(label: str, due: object, start: date | None, errors: dict[str, str], key: str = "milestone") -> tuple[str, date | None]:
    text = " ".join(str(label or "").split())
    if not text:
        errors[key] = i18n.message("plan.milestone_label_required")
    elif len(text) > LABEL_MAX:
        errors[key] = i18n.message("plan.milestone_label_too_long", max=LABEL_MAX)
    when = _date(due, key + "_date", errors)
    if when is not None and start is not None and when < start:
        errors[key + "_date"] = i18n.message(
            "plan.milestone_before_start", date=formats.date(when), start=formats.date(start)
        )
    return text, when


def _item(store: Storage, item_id: str) -> dict[str, Any]:
    found = store.plan_item(item_id)
    if found is None:
        raise NotFoundError(i18n.message("plan.item_unknown", id=item_id))
    return found


def _linked(store: Storage, item_id: str) -> list[str]:
    return store.plan_links(item_ids=[item_id])["contribution_id"].tolist()


# -- capacity -----------------------------------------------------------------------
def capacities(store: Storage, settings: Settings) -> dict[str, float]:
    """Service → agent-days per month: the setting ``CARTOPARTI_CAPACITY``, overridden
    by what an administrator set in the app (stored)."""
    stored = store.service_capacities()
    return {**settings.capacities, **dict(zip(stored["service"], stored["agent_days_per_month"].astype(float), strict=True))}


def capacity_warnings(
    store: Storage,
    settings: Settings,
    *,
    service: str,
    agent_days: float,
    start_date: date,
    last_milestone: date | None = None,
    item_id: str | None = None,
) -> list[cap.Overload]:
    """The months an item (new, or ``item_id`` changed) would push ``service`` over its
    capacity: what a page shows *before* the agent confirms."""
    return cap.check_capacity(
        store.plan_items(), capacities(store, settings), service=service, agent_days=float(agent_days),
        start_date=start_date, last_milestone=last_milestone, replacing=item_id,
    )


def _last(value: object) -> date | None:
    return value if isinstance(value, date) and not pd.isna(value) else None


def change_warnings(
    store: Storage,
    settings: Settings,
    item_id: str,
    *,
    service: str | None = None,
    agent_days: object = None,
    start_date: object = None,
    milestone_date: object = None,
    status: str | None = None,
) -> list[cap.Overload]:
    """The months a proposed change of an item would push its service over capacity,
    asked *before* the agent saves it (as :func:`capacity_warnings` for a new item):
    new ``service``, ``agent_days`` or ``start_date`` (:func:`update_item`), a new
    milestone on ``milestone_date`` (:func:`add_milestone`, which may spread the days
    over more months) or a new ``status`` (:func:`set_status`: an abandoned item
    planned again counts again). Only months where the change adds load are reported;
    unreadable values (the command will refuse them) are taken as unchanged."""
    items = store.plan_items()
    row = items[items["id"] == item_id]
    if row.empty:
        return []
    item = row.iloc[0]
    ignored: dict[str, str] = {}
    new_status = status if status in PLAN_STATUSES else item["status"]
    if new_status not in cap.COUNTED_STATUSES:
        return []
    new_service = service if service in settings.services else item["service"]
    days = float(item["agent_days"])
    if agent_days is not None:
        number = _number(agent_days, "agent_days", ignored)
        days = days if ignored else number
    start = item["start_date"]
    if start_date not in (None, ""):
        start = _date(start_date, "start_date", ignored) or start
    last = _last(item["last_milestone"])
    if milestone_date not in (None, ""):
        due = _date(milestone_date, "milestone_date", ignored)
        if due is not None:
            last = due if last is None else max(last, due)
    already = None
    if item["status"] in cap.COUNTED_STATUSES and item["service"] == new_service:
        already = cap.item_months(float(item["agent_days"]), item["start_date"], _last(item["last_milestone"]))
    return cap.check_capacity(
        items, capacities(store, settings), service=new_service, agent_days=days, start_date=start,
        last_milestone=last, replacing=item_id, already=already if already is not None else {},
    )


def _warnings_for(store: Storage, settings: Settings, item_id: str) -> list[cap.Overload]:
    items = store.plan_items()
    row = items[items["id"] == item_id]
    if row.empty or row.iloc[0]["status"] not in cap.COUNTED_STATUSES:
        return []
    item = row.iloc[0]
    last = item["last_milestone"] if isinstance(item["last_milestone"], date) and not pd.isna(item["last_milestone"]) else None
    return cap.check_capacity(
        items, capacities(store, settings), service=item["service"], agent_days=float(item["agent_days"]),
        start_date=item["start_date"], last_milestone=last, replacing=item_id,
    )


def capacity_chart_frame(store: Storage, settings: Settings) -> pd.DataFrame:
    """Per service and month: ``service, month, load, capacity, over``
    (:func:`cartoparti.analysis.capacity.capacity_table`)."""
    return cap.capacity_table(cap.monthly_load(store.plan_items()), capacities(store, settings))


def set_capacity(
    store: Storage, settings: Settings, user: dict[str, Any] | None, service: str, agent_days_per_month: object
) -> float:
    """An administrator sets a service's capacity (agent-days per month); return it."""
    actor = _actor(user, "admin")
    errors: dict[str, str] = {}
    if service not in settings.services:
        errors["service"] = i18n.message("plan.service_unknown", value=service, services=", ".join(settings.services))
    days = _number(agent_days_per_month, "capacity", errors)
    if errors:
        raise ValidationError(errors)
    store.set_service_capacity(service, days, actor=actor)
    return days


# -- commands -----------------------------------------------------------------------
def add_item(
    store: Storage,
    settings: Settings,
    user: dict[str, Any] | None,
    *,
    title: str,
    service: str,
    level: str,
    start_date: date | str,
    description: str = "",
    cost: object = 0,
    agent_days: object = 0,
    geometry: shapely.Geometry | None = None,
    zone: tuple[str, str] | None = None,
    contribution_ids: Sequence[str] = (),
    milestones: Sequence[tuple[str, date | str]] = (),
) -> PlanChange:
    """Add a plan item (status ``planned``), placed by a geometry (WGS84) or a zone
    ``(layer, code)`` (layer ``""``: the primary one), with its first linked
    contributions and milestones."""
    actor = _actor(user)
    errors: dict[str, str] = {}
    fields = _check_fields(
        store, settings,
        {"title": title, "description": description, "level": level, "service": service,
         "cost": cost, "agent_days": agent_days, "start_date": start_date},
        errors,
    )
    place = _place(store, geometry, zone, errors)
    linked = _known_contributions(store, contribution_ids, errors)
    checked = []
    for n, (label, due) in enumerate(milestones, start=1):
        checked.append(_check_milestone(label, due, fields.get("start_date"), errors, key=f"milestone_{n}"))
    if errors:
        raise ValidationError(errors)
    item = {**fields, **place, "status": "planned", "public_reason": None}
    item_id = store.add_plan_item(
        item, contribution_ids=linked, milestones=[(t, d) for t, d in checked if d is not None], actor=actor
    )
    if linked:
        notify.notify_plan_link(store, settings, linked, str(item["title"]))
    return PlanChange(
        item_id, "add", after={k: v for k, v in item.items() if k != "geometry"}, linked=linked,
        contributions=linked, warnings=_warnings_for(store, settings, item_id),
    )


def update_item(
    store: Storage, settings: Settings, user: dict[str, Any] | None, item_id: str, **changes: Any
) -> PlanChange:
    """Change an item's fields (``title, description, level, service, cost, agent_days,
    start_date``, and its place: ``geometry`` or ``zone``). A start date after one of
    its milestones is refused."""
    actor = _actor(user)
    _item(store, item_id)
    errors: dict[str, str] = {}
    unknown = set(changes) - {"title", "description", "level", "service", "cost", "agent_days",
                              "start_date", "geometry", "zone"}
    if unknown:
        raise ValueError(f"not fields of a plan item: {sorted(unknown)}")
    fields = _check_fields(store, settings, changes, errors)
    if "geometry" in changes or "zone" in changes:
        fields.update(_place(store, changes.get("geometry"), changes.get("zone"), errors))
    start = fields.get("start_date")
    if start is not None:
        due = store.plan_milestones([item_id])["due_date"]
        if len(due) and min(due) < start:
            errors["start_date"] = i18n.message(
                "plan.start_after_milestone", start=formats.date(start), date=formats.date(min(due))
            )
    if errors:
        raise ValidationError(errors)
    before = store.update_plan_item(item_id, fields, actor=actor) or {}
    after = {k: fields[k] for k in before}
    return PlanChange(
        item_id, "update", before=_public(before), after=_public(after),
        contributions=_linked(store, item_id), warnings=_warnings_for(store, settings, item_id),
    )


def set_status(
    store: Storage,
    settings: Settings,
    user: dict[str, Any] | None,
    item_id: str,
    status: str,
    *,
    reason: str | None = None,
) -> PlanChange:
    """Move an item to ``status`` (any of :data:`PLAN_STATUSES`); abandoning needs a
    public reason (at least :data:`REASON_MIN` characters), kept and shown publicly."""
    actor = _actor(user)
    current = _item(store, item_id)
    errors: dict[str, str] = {}
    text = " ".join(str(reason or "").split())
    if status not in PLAN_STATUSES:
        errors["status"] = i18n.message("plan.status_unknown", value=status, statuses=", ".join(PLAN_STATUSES))
    elif status == "abandoned" and len(text) < REASON_MIN:
        errors["reason"] = i18n.message("plan.reason_required", min=REASON_MIN)
    elif len(text) > DESCRIPTION_MAX:
        errors["reason"] = i18n.message("plan.description_too_long", max=DESCRIPTION_MAX)
    if errors:
        raise ValidationError(errors)
    changes = {"status": status, "public_reason": text if status == "abandoned" else None}
    before = store.update_plan_item(item_id, changes, actor=actor, action="plan_status") or {}
    return PlanChange(
        item_id, "status", before={k: current[k] for k in before}, after={k: changes[k] for k in before},
        contributions=_linked(store, item_id),
        warnings=_warnings_for(store, settings, item_id) if before else [],
    )


def link(
    store: Storage, settings: Settings, user: dict[str, Any] | None, item_id: str, contribution_ids: Sequence[str]
) -> PlanChange:
    """Link contributions to an item (those already linked are left as they are); then
    whoever made or supported a newly linked one, and left an address, is told by mail."""
    actor = _actor(user)
    item = _item(store, item_id)
    errors: dict[str, str] = {}
    wanted = _known_contributions(store, contribution_ids, errors)
    if not wanted and not errors:
        errors["contributions"] = i18n.message("plan.contribution_required")
    if errors:
        raise ValidationError(errors)
    linked = store.link_plan_contributions(item_id, wanted, actor=actor)
    if linked:
        notify.notify_plan_link(store, settings, linked, str(item["title"]))
    return PlanChange(item_id, "link", linked=linked, contributions=_linked(store, item_id))


def unlink(store: Storage, user: dict[str, Any] | None, item_id: str, contribution_id: str) -> PlanChange:
    """Remove the link between an item and a contribution."""
    actor = _actor(user)
    _item(store, item_id)
    if not store.unlink_plan_contribution(item_id, contribution_id, actor=actor):
        raise NotFoundError(i18n.message("plan.not_linked", id=contribution_id))
    return PlanChange(item_id, "unlink", unlinked=[contribution_id], contributions=_linked(store, item_id))


def add_milestone(
    store: Storage, settings: Settings, user: dict[str, Any] | None, item_id: str, label: str, due_date: date | str
) -> PlanChange:
    """Add a milestone; its date may not be before the item's start."""
    actor = _actor(user)
    item = _item(store, item_id)
    errors: dict[str, str] = {}
    text, when = _check_milestone(label, due_date, item["start_date"], errors)
    if errors:
        raise ValidationError(errors)
    step = store.add_plan_milestone(item_id, text, when, actor=actor)  # type: ignore[arg-type]
    return PlanChange(
        item_id, "milestone", after={"step": step, "label": text, "due_date": when},
        contributions=_linked(store, item_id), warnings=_warnings_for(store, settings, item_id),
    )


def set_milestone_done(
    store: Storage, user: dict[str, Any] | None, item_id: str, step: int, done: bool = True
) -> PlanChange:
    """Tick (or untick) a milestone: a small visible win."""
    actor = _actor(user)
    _item(store, item_id)
    if not store.set_plan_milestone_done(item_id, int(step), bool(done), actor=actor):
        raise NotFoundError(i18n.message("plan.milestone_unknown", step=step))
    return PlanChange(item_id, "milestone_done", after={"step": int(step), "done": bool(done)},
                      contributions=_linked(store, item_id))


def _public(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (v.wkt if isinstance(v, shapely.Geometry) else v) for k, v in values.items()}


# -- reading the plan ---------------------------------------------------------------
def _milestones_by_item(store: Storage, ids: Sequence[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for row in store.plan_milestones(ids).to_dict(orient="records"):
        out.setdefault(row["item_id"], []).append(
            {"step": row["step"], "label": row["label"], "due_date": row["due_date"], "done": row["done"]}
        )
    return out


def _describe(row: Mapping[str, Any], milestones: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "title": row["title"],
        "description": row["description"],
        "status": row["status"],
        "status_label": PLAN_STATUSES.get(row["status"], row["status"]),
        "public_reason": row["public_reason"] if isinstance(row["public_reason"], str) else None,
        "level": row["level"],
        "level_label": LEVELS.get(row["level"], row["level"]),
        "service": row["service"],
        "cost": float(row["cost"]),
        "agent_days": float(row["agent_days"]),
        "start_date": row["start_date"],
        "zone_code": row["zone_code"] if isinstance(row["zone_code"], str) else None,
        "contributions": int(row["contributions"]),
        "made_with_residents": int(row["contributions"]) > 0,
        "milestones": milestones,
    }


def public_plan(store: Storage) -> list[dict[str, Any]]:
    """Every item as the public sees it, oldest first: ``id, title, description, status,
    status_label, public_reason, level(_label), service, cost, agent_days, start_date,
    zone_code, contributions, made_with_residents, milestones`` (each ``step, label,
    due_date, done``). ``contributions`` counts only the links to contributions the
    public sees now (published, not hidden, not merged)."""
    items = store.plan_items(public_only=True)
    milestones = _milestones_by_item(store)
    return [_describe(row, milestones.get(row["id"], [])) for row in items.to_dict(orient="records")]


def items_for_contribution(store: Storage, contribution_id: str) -> list[dict[str, Any]]:
    """The items a contribution fed (as :func:`public_plan`), oldest first; none while
    the contribution is not published and visible."""
    ids = store.plan_links(contribution_ids=[contribution_id], public_only=True)["item_id"].tolist()
    if not ids:
        return []
    items = store.plan_items(public_only=True)
    items = items[items["id"].isin(ids)]
    milestones = _milestones_by_item(store, ids)
    return [_describe(row, milestones.get(row["id"], [])) for row in items.to_dict(orient="records")]


def item_links(store: Storage, item_id: str) -> list[dict[str, Any]]:
    """Every contribution linked to an item, as agents see them, oldest link first:
    ``id, title, public`` (``public`` false for one hidden, held or merged since it was
    linked: kept, but not counted nor shown publicly)."""
    linked = _linked(store, item_id)
    if not linked:
        return []
    found = store.agent_contributions(ids=linked).set_index("id")
    return [{"id": cid, "title": str(found.loc[cid, "title"]), "public": _is_public(found.loc[cid])}
            for cid in linked if cid in found.index]


def realised_contribution_ids(store: Storage) -> set[str]:
    """Published, visible contributions linked to a done item: shown as realised
    (« caillou blanc »)."""
    items = store.plan_items()
    done = items.loc[items["status"] == "done", "id"].tolist()
    if not done:
        return set()
    return set(store.plan_links(item_ids=done, public_only=True)["contribution_id"])


def search_contributions(store: Storage, query: str, *, limit: int = 20) -> pd.DataFrame:
    """Contributions to link (published and visible), found by id or by words (all of
    them, in the title or the text, without accents): ``id, title, kind, status,
    created_at``, newest first."""
    words = textsearch.normalise(query).split()
    frame = store.agent_contributions(queue="visible")
    frame = frame[frame["published"].astype(bool) & frame["merged_into"].isna()]
    if not words:
        return frame.head(0)[["id", "title", "kind", "status", "created_at"]]
    exact = frame[frame["id"] == query.strip()]
    if len(exact):
        return exact[["id", "title", "kind", "status", "created_at"]]
    haystack = (frame["title"].fillna("") + " " + frame["text"].fillna("")).map(textsearch.normalise)
    mask = pd.Series(True, index=frame.index)
    for word in words:
        mask &= haystack.str.contains(word, regex=False)
    return frame[mask].head(limit)[["id", "title", "kind", "status", "created_at"]]


# -- for other parts: the council brief and the exports ----------------------------
@dataclass
class PlanProgress:
    """The plan's progress, for the council brief."""

    by_status: dict[str, int]
    """Items per status code (every status, zeros included)."""
    made_with_residents: int
    """Items with at least one linked contribution."""
    milestones_done: int
    milestones_total: int
    items: list[dict[str, Any]]
    """Every item as :func:`public_plan`, with its milestones."""


def plan_progress(store: Storage) -> PlanProgress:
    """Counts by status, items made with residents, milestones done, and the items."""
    items = public_plan(store)
    counts = {code: 0 for code in PLAN_STATUSES}
    for item in items:
        counts[item["status"]] = counts.get(item["status"], 0) + 1
    milestones = [m for item in items for m in item["milestones"]]
    return PlanProgress(
        counts, sum(i["made_with_residents"] for i in items),
        sum(m["done"] for m in milestones), len(milestones), items,
    )


def plan_frame(store: Storage) -> gpd.GeoDataFrame:
    """The plan items as a GeoDataFrame (WGS84), for exports: ``id, title, description,
    status, public_reason, level, service, cost, agent_days, start_date, zone_layer,
    zone_code, contributions, made_with_residents, last_milestone, created_at,
    updated_at, geometry`` (items placed nowhere have a null geometry; ``contributions``
    counts only the published, visible ones)."""
    frame = store.plan_items(public_only=True)
    frame["made_with_residents"] = frame["contributions"] > 0
    columns = ["id", "title", "description", "status", "public_reason", "level", "service", "cost",
               "agent_days", "start_date", "zone_layer", "zone_code", "contributions",
               "made_with_residents", "last_milestone", "created_at", "updated_at"]
    return gpd.GeoDataFrame(frame[columns], geometry=frame.geometry, crs=4326)
