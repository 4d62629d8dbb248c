"""What residents do without an account: "moi aussi" supports, private follow codes
(only their SHA-256 is stored), following their contributions, asking for deletion."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

import pandas as pd

from cartoparti import i18n
from cartoparti._errors import NotFoundError, ValidationError
from cartoparti.commands import limits, notify
from cartoparti.commands._common import _contribution
from cartoparti.commands.answers import public_history
from cartoparti.commands.plan import items_for_contribution
from cartoparti.lifecycle import STATUSES
from cartoparti.settings import Settings
from cartoparti.storage import Storage

__all__ = [
    "follow_code_hash",
    "followed",
    "link_follow_code",
    "look_up",
    "new_follow_code",
    "report",
    "request_deletion",
    "stop_notifications",
    "support",
]

_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
_CODE_GROUPS, _CODE_GROUP_LEN = 3, 4
REPORT_DETAIL_MAX = 1000


def support(
    store: Storage,
    contribution_id: str,
    session_id: str,
    *,
    settings: Settings | None = None,
    email: str | None = None,
    consent: bool = False,
    client: limits.Client | None = None,
) -> tuple[bool, int]:
    """ "Moi aussi": count one support per browser session. Return (counted, total).

    ``email`` (optional, with the resident's ``consent``): an address to tell when the
    contribution moves, kept (also for a session that already supported it) only when
    the town sends mail (``settings.smtp``). Raise :class:`ValidationError`
    (``email`` → message) for an address that is not one; nothing is then stored.

    ``client``: the browser and address; past the limits ``support``,
    ``support_address`` and ``support_same`` (one contribution, one address) of the
    settings, :class:`~cartoparti.commands.limits.RateLimitedError`, nothing counted.
    """
    config = settings if settings is not None else Settings()
    address = notify.check_address(email, consent=consent)
    found = _contribution(store, contribution_id)
    if not found["published"]:
        raise NotFoundError(i18n.message("contribution.unknown", id=contribution_id))
    if not session_id:
        raise ValueError("session_id is required")
    limits.guard_resident(store, config, "support", client, scope=contribution_id)
    with store.transaction():
        counted = store.add_support(contribution_id, session_id)
        if address and settings is not None and settings.smtp is not None:
            store.add_notify_address(contribution_id, address, "supporter")
    if counted:
        limits.count_resident(store, config, "support", client, scope=contribution_id)
    return counted, store.support_count(contribution_id)


def report(
    store: Storage,
    contribution_id: str,
    reason: str | None,
    detail: str | None = None,
    *,
    settings: Settings,
    client: limits.Client | None = None,
) -> None:
    """A resident reports a published contribution to the moderators, with a reason
    (a code of the labels ``report_reasons``) and optional words. Raise
    :class:`ValidationError` (``reason``, ``detail`` → message),
    :class:`NotFoundError` if it is not published, or
    :class:`~cartoparti.commands.limits.RateLimitedError` past the limits ``report``
    and ``report_address``; nothing is stored then."""
    errors: dict[str, str] = {}
    if reason not in i18n.labels("report_reasons"):
        errors["reason"] = i18n.message("report.reason_required")
    words = (detail or "").strip() or None
    if words is not None and len(words) > REPORT_DETAIL_MAX:
        errors["detail"] = i18n.message("report.detail_too_long", max=REPORT_DETAIL_MAX)
    if errors:
        raise ValidationError(errors)
    limits.guard_resident(store, settings, "report", client)
    store.add_report(contribution_id, str(reason), words)
    limits.count_resident(store, settings, "report", client)


def new_follow_code() -> str:
    """A fresh private follow code such as ``K7PM-2QXD-9HRT`` (about 59 bits)."""
    groups = (
        "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_GROUP_LEN))
        for _ in range(_CODE_GROUPS)
    )
    return "-".join(groups)


def _normalise_code(code: str) -> str:
    return "".join(c for c in (code or "").upper() if c.isalnum())


def follow_code_hash(code: str) -> str:
    """SHA-256 of a follow code (case, spaces and dashes ignored): all that is stored."""
    return hashlib.sha256(("cartoparti-follow:" + _normalise_code(code)).encode()).hexdigest()


def link_follow_code(store: Storage, code: str, contribution_id: str) -> None:
    store.link_follow_code(follow_code_hash(code), contribution_id)


def followed(store: Storage, code: str) -> list[dict[str, Any]]:
    """The contributions a follow code follows, oldest first, each with its public
    history (``history``), support count, merge target, pending deletion request and
    whether an address left with this code is told of it by mail (``notified``: the
    code's own, or one a merge carried; never someone else's);
    the action-plan items it fed (``plan``, as :func:`cartoparti.commands.plan.public_plan`,
    with their milestones).

    Raise :class:`NotFoundError` for an unknown code.
    """
    normal = _normalise_code(code)
    if len(normal) != _CODE_GROUPS * _CODE_GROUP_LEN:
        raise NotFoundError(i18n.message("follow_code.unknown"))
    ids = store.followed_ids(follow_code_hash(normal))
    if not ids:
        raise NotFoundError(i18n.message("follow_code.unknown"))
    rows = store.agent_contributions(ids=ids).set_index("id")
    notified = set(_left_with(store, ids, follow_code_hash(normal))["contribution_id"])
    result = []
    for cid in ids:
        row = rows.loc[cid]
        merged_into = row["merged_into"] if isinstance(row["merged_into"], str) else None
        result.append(
            {
                "id": cid,
                "title": row["title"],
                "text": row["text"],
                "kind": row["kind"],
                "theme": row["theme"],
                "zone_name": row["zone_name"],
                "created_at": row["created_at"],
                "status": row["status"],
                "status_label": STATUSES.get(row["status"], row["status"]),
                "published": bool(row["published"]),
                "hidden": bool(row["hidden"]),
                "hidden_reason": row["hidden_reason"] if bool(row["hidden"]) else None,
                "personal_data": isinstance(row["personal_data"], str),
                "merged_into": merged_into,
                "supports": int(row["supports"]),
                "deletion_requested": bool(row["deletion_requested"]),
                "notified": cid in notified,
                "history": public_history(store, cid),
                "plan": items_for_contribution(store, cid),
            }
        )
    return result


def look_up(
    store: Storage,
    code: str,
    *,
    settings: Settings,
    client: limits.Client | None = None,
) -> list[dict[str, Any]]:
    """:func:`followed`, for a code a resident has just typed: wrong codes count
    towards the limits ``follow`` and ``follow_address`` of the settings; past them
    :class:`~cartoparti.commands.limits.RateLimitedError` is raised (even for a right
    code) and the code is not looked up."""
    limits.guard_resident(store, settings, "follow", client)
    try:
        return followed(store, code)
    except NotFoundError:
        limits.count_resident(store, settings, "follow", client)
        raise


def request_deletion(
    store: Storage, code: str, contribution_id: str, reason: str | None = None
) -> bool:
    """Record a resident's request to delete one of their contributions (RGPD).

    The code must follow the contribution. Return ``False`` if already requested.
    """
    if contribution_id not in store.followed_ids(follow_code_hash(code)):
        raise NotFoundError(i18n.message("follow_code.other"))
    return store.add_deletion_request(contribution_id, (reason or "").strip() or None)


def _left_with(store: Storage, ids: list[str], code_hash: str) -> pd.DataFrame:
    """The addresses on ``ids`` left with the follow code ``code_hash`` (or carried
    from it by a merge): ``contribution_id, email``."""
    addresses = store.notify_addresses(ids)
    return addresses.loc[addresses["code_hash"] == code_hash, ["contribution_id", "email"]]


def stop_notifications(store: Storage, code: str) -> int:
    """The resident withdraws their consent: the addresses they left with their code
    are erased everywhere (also where they supported or where a merge carried them);
    an address the code did not leave (another author's, on a contribution a merge
    made it follow) stays. Return how many links were removed; raise
    :class:`NotFoundError` for an unknown code."""
    code_hash = follow_code_hash(code)
    ids = store.followed_ids(code_hash)
    if not ids:
        raise NotFoundError(i18n.message("follow_code.unknown"))
    emails = _left_with(store, ids, code_hash)["email"].unique()
    with store.transaction():
        return sum(store.remove_notify_address(str(email)) for email in emails)
