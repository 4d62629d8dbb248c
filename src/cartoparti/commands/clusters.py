"""Places that come back, and the weak-signal alerts agents decide on.

- :func:`places` reads the places that come back (``eps`` in metres, a least number of
  distinct contributors): :class:`cartoparti.analysis.clusters.Clusters`.
- :func:`refresh_alerts` looks for groups of weak signals (the alert settings) and
  stores the new ones; :func:`open_alerts` lists those no agent has seen, :func:`waiting_alerts` those
  still waiting for a decision (open or taken in hand).
- :func:`acknowledge_alert`, :func:`dismiss_alert` (a reason is required) and
  :func:`alert_to_plan_item` record what an agent decided. A decided group never comes
  back (its key is the hash of its members); a new signal joining it makes a new group,
  and a new alert.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pandas as pd
import shapely

from cartoparti import i18n
from cartoparti._errors import NotFoundError, ValidationError
from cartoparti.analysis import clusters as analysis
from cartoparti.commands import plan
from cartoparti.commands._common import _actor
from cartoparti.settings import Settings
from cartoparti.storage import Storage, utc_naive

__all__ = [
    "ALERT_STATES",
    "CONVERTIBLE_STATES",
    "EPS_RANGE_M",
    "MIN_CONTRIBUTORS_RANGE",
    "REASON_MAX",
    "acknowledge_alert",
    "alert_to_plan_item",
    "check_parameters",
    "dismiss_alert",
    "open_alerts",
    "places",
    "plan_item_from_alert",
    "refresh_alerts",
    "waiting_alerts",
]

EPS_RANGE_M = (10.0, 5000.0)
"""Least and greatest neighbourhood of a place, in metres."""
MIN_CONTRIBUTORS_RANGE = (2, 1000)
ALERT_STATES = ("open", "acknowledged", "dismissed", "planned", "superseded")
CONVERTIBLE_STATES = ("open", "acknowledged")
"""States of an alert still waiting for a decision: listed for agents, convertible to a
plan item, dismissable."""
REASON_MAX = 2000


def check_parameters(eps_m: object, min_contributors: object) -> tuple[float, int]:
    """``eps`` (metres) and the least number of distinct contributors, checked; raise
    :class:`ValidationError` (French) otherwise."""
    errors: dict[str, str] = {}
    low, high = EPS_RANGE_M
    try:
        eps = float(eps_m)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        eps = float("nan")
    if not (low <= eps <= high):
        errors["eps"] = i18n.message("clusters.eps_invalid", value=eps_m, low=int(low), high=int(high))
    least, most = MIN_CONTRIBUTORS_RANGE
    try:
        minimum = int(min_contributors)  # type: ignore[call-overload]
        whole = float(min_contributors) == minimum  # type: ignore[arg-type]
    except (TypeError, ValueError):
        minimum, whole = 0, False
    if not whole or not (least <= minimum <= most):
        errors["min_contributors"] = i18n.message(
            "clusters.min_contributors_invalid", value=min_contributors, low=least, high=most)
    if errors:
        raise ValidationError(errors)
    return eps, minimum


def places(
    store: Storage,
    settings: Settings,
    *,
    eps_m: float = analysis.DEFAULT_EPS_M,
    min_contributors: int = analysis.DEFAULT_MIN_CONTRIBUTORS,
    public: bool = False,
) -> analysis.Clusters:
    """The places that come back among the published contributions; ``public``: found
    from their public positions (public pages, open files: a footprint never outlines
    an exact position), else from the exact ones (agents)."""
    eps, minimum = check_parameters(eps_m, min_contributors)
    return analysis.find_clusters(store.cluster_input(public=public), eps_m=eps, min_contributors=minimum)


def refresh_alerts(store: Storage, settings: Settings, *, now: datetime | None = None) -> list[str]:
    """Store the alerts of the weak-signal groups found now (settings
    ``alert_min_contributors``, ``alert_radius_m``, ``alert_days``); return the new keys."""
    now = now or datetime.now(UTC)
    since = utc_naive(now) - timedelta(days=settings.alert_days)
    points = store.cluster_input(kinds=[analysis.WEAK_SIGNAL], since=since)
    groups = analysis.weak_signal_groups(
        points,
        radius_m=settings.alert_radius_m,
        days=settings.alert_days,
        min_contributors=settings.alert_min_contributors,
        now=now,
    )
    return store.raise_alerts(groups)


def open_alerts(store: Storage, user: dict[str, Any] | None) -> pd.DataFrame:
    """The alerts waiting for an agent (agents only), newest first."""
    _actor(user)
    return store.alerts(["open"])


def waiting_alerts(store: Storage, user: dict[str, Any] | None) -> pd.DataFrame:
    """The alerts still waiting for a decision (agents only): open, or taken in hand
    (acknowledged, with who and when) but neither planned nor dismissed yet; newest first."""
    _actor(user)
    return store.alerts(list(CONVERTIBLE_STATES))


def _decide(store: Storage, user: dict[str, Any] | None, key: str, state: str, **fields: Any) -> None:
    actor = _actor(user)
    alert = store.alert(key)
    if alert is None:
        raise NotFoundError(i18n.message("alerts.unknown", key=key))
    if alert["state"] not in CONVERTIBLE_STATES:  # planned, dismissed or superseded already
        raise ValidationError({"alert": i18n.message(
            "alerts.not_convertible", state=i18n.message(f"alerts.state.{alert['state']}"))})
    store.decide_alert(key, state, actor=actor, **fields)


def acknowledge_alert(store: Storage, user: dict[str, Any] | None, key: str) -> None:
    """The agent has seen the alert and takes it in hand."""
    _decide(store, user, key, "acknowledged")


def dismiss_alert(store: Storage, user: dict[str, Any] | None, key: str, reason: str) -> None:
    """Dismiss an alert, saying why (required); nothing is stored without a reason."""
    _actor(user)
    text = (reason or "").strip()
    if not text:
        raise ValidationError({"reason": i18n.message("alerts.reason_required")})
    if len(text) > REASON_MAX:
        raise ValidationError({"reason": i18n.message("alerts.reason_too_long", max=REASON_MAX)})
    _decide(store, user, key, "dismissed", reason=text)


def alert_to_plan_item(store: Storage, user: dict[str, Any] | None, key: str, plan_item_id: str) -> None:
    """Record that the alert was turned into the action plan's item ``plan_item_id``."""
    _actor(user)
    item = str(plan_item_id or "").strip()
    if not item:
        raise ValidationError({"plan_item_id": i18n.message("alerts.plan_item_required")})
    _decide(store, user, key, "planned", plan_item_id=item)


def plan_item_from_alert(
    store: Storage,
    settings: Settings,
    user: dict[str, Any] | None,
    key: str,
    *,
    title: str,
    service: str,
    level: str,
    start_date: date | str,
    agent_days: object = 0,
    cost: object = 0,
    description: str = "",
) -> plan.PlanChange:
    """Turn an alert still waiting (open or acknowledged) into an action-plan item placed
    at the alert's centre and fed by its signals still published (a signal deleted or
    hidden since the alert was raised is left out; the plan's own checks apply), and
    record it on the alert. An alert already planned, dismissed or superseded is refused
    (:class:`ValidationError`) before anything is created or sent."""
    _actor(user)
    alert = store.alert(key)
    if alert is None:
        raise NotFoundError(i18n.message("alerts.unknown", key=key))
    if alert["state"] not in CONVERTIBLE_STATES:
        raise ValidationError({"alert": i18n.message(
            "alerts.not_convertible", state=i18n.message(f"alerts.state.{alert['state']}"))})
    published = [
        cid for cid in str(alert["members"]).split()
        if (found := store.contribution(cid)) is not None and bool(found["published"])
    ]
    change = plan.add_item(
        store, settings, user, title=title, service=service, level=level, start_date=start_date,
        agent_days=agent_days, cost=cost, description=description,
        geometry=shapely.Point(float(alert["lon"]), float(alert["lat"])),
        contribution_ids=published,
    )
    alert_to_plan_item(store, user, key, change.item_id)
    return change

