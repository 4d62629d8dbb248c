"""What residents do without an account: "moi aussi" supports, private follow codes
(only their SHA-256 is stored), following their contributions, asking for deletion,
downloading everything stored about their contributions and erasing them (RGPD)."""

from __future__ import annotations

import hashlib
import io
import json
import math
import secrets
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from cartoparti import i18n, textsearch
from cartoparti._errors import NotFoundError, ValidationError
from cartoparti.commands import limits, notify
from cartoparti.commands._common import _contribution
from cartoparti.commands.answers import public_history
from cartoparti.commands.plan import items_for_contribution
from cartoparti.io.csvsafe import safe_frame
from cartoparti.lifecycle import STATUSES
from cartoparti.settings import Settings
from cartoparti.storage import Storage

__all__ = [
    "DOWNLOAD_COLUMNS",
    "download",
    "download_csv",
    "download_json",
    "erase_mine",
    "follow_code_hash",
    "followed",
    "link_follow_code",
    "look_up",
    "new_follow_code",
    "report",
    "request_deletion",
    "search",
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


SEARCH_LIMIT = 20
"""Most contributions a search offers to pick from."""


def search(store: Storage, query: str, *, limit: int = SEARCH_LIMIT) -> tuple[pd.DataFrame, bool]:
    """Published contributions whose title or text hold every word of ``query``, without
    accents or case (as :func:`cartoparti.commands.plan.search_contributions`), newest
    first, at most ``limit`` (public fields: ``id, title, kind, theme, zone_name,
    created_at``), and whether more matched. No word: none."""
    columns = ["id", "title", "kind", "theme", "zone_name", "created_at"]
    if not textsearch.normalise(query).split():
        return pd.DataFrame(columns=columns), False
    # searched in the database: one page and one more row, to know whether more matched
    found = store.contributions(published_only=True, search=query, limit=limit + 1)
    return pd.DataFrame(found[columns].head(limit)), len(found) > limit


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
    code's own, or one a merge carried; never someone else's); whether it was sent with
    this code (``own``: only those can be asked for deletion); ``withheld``: another
    resident's contribution that a merge made the code follow and that is not public
    (held, awaiting review, hidden): nothing of it is given (no title, text, history);
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
    own = set(store.followed_ids(follow_code_hash(normal), own_only=True))
    rows = store.agent_contributions(ids=ids).set_index("id")
    notified = set(_left_with(store, ids, follow_code_hash(normal))["contribution_id"])
    result = []
    for cid in ids:
        row = rows.loc[cid]
        merged_into = row["merged_into"] if isinstance(row["merged_into"], str) else None
        if cid not in own and (not bool(row["published"]) or bool(row["hidden"])):
            # another resident's contribution, followed through a merge, not public:
            # nothing of it is shown (it may be held for a phone number)
            result.append(_withheld(cid, notified=cid in notified))
            continue
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
                "own": cid in own,
                "withheld": False,
                "history": public_history(store, cid),
                "plan": items_for_contribution(store, cid),
            }
        )
    return result


def _withheld(cid: str, *, notified: bool) -> dict[str, Any]:
    """What a follow code shows of someone else's contribution it follows through a merge
    while that one is not public: that it exists, nothing of it."""
    return {
        "id": cid, "title": None, "text": None, "kind": None, "theme": None, "zone_name": None,
        "created_at": None, "status": None, "status_label": None, "published": False,
        "hidden": False, "hidden_reason": None, "personal_data": False, "merged_into": None,
        "supports": 0, "deletion_requested": False, "notified": notified, "own": False,
        "withheld": True, "history": None, "plan": [],
    }
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

    The contribution must have been sent with the code: one that a merge made it follow
    (another resident's) is refused, as any other. Return ``False`` if already requested.
    """
    if contribution_id not in store.followed_ids(follow_code_hash(code), own_only=True):
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


# -- the resident's rights: download and erase (RGPD) --------------------------------
PROFILE_ANSWERS = ("contributor_id", "age_band", "csp", "home_commune", "first_time")
"""The profile answers a download shows, when the resident gave some."""

DOWNLOAD_COLUMNS = (
    "id", "kind", "title", "text", "theme", "channel", "created_at", "status",
    "status_label", "published", "hidden", "lon", "lat", "zone_code", "commune",
    "supports", "email_kept", "photo", *PROFILE_ANSWERS, "answers",
)
"""Columns of the CSV download, one row per contribution (``answers``: the public
history as ``date statut : message`` lines)."""


def _own_ids(store: Storage, code: str) -> tuple[str, list[str]]:
    """The hash of a code and the ids of the contributions it made; raise
    :class:`NotFoundError` for a code that made none."""
    normal = _normalise_code(code)
    if len(normal) != _CODE_GROUPS * _CODE_GROUP_LEN:
        raise NotFoundError(i18n.message("follow_code.unknown"))
    code_hash = follow_code_hash(normal)
    ids = store.own_followed_ids(code_hash)
    if not ids:
        raise NotFoundError(i18n.message("follow_code.unknown"))
    return code_hash, ids


def _iso(value: Any) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return pd.Timestamp(value).isoformat()


def _plain(value: Any) -> Any:
    """A stored value as JSON has it (``None`` for a missing one)."""
    if value is None:
        return None
    if isinstance(value, float | int | bool | str):
        return None if isinstance(value, float) and math.isnan(value) else value
    if hasattr(value, "item"):  # numpy scalars
        return _plain(value.item())
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def download(store: Storage, code: str, *, now: datetime | None = None) -> dict[str, Any]:
    """Everything stored about the contributions a follow code made, to give the
    resident (RGPD, right of access): for each, its text, place (``lon``, ``lat``:
    WGS84 centroid; commune), dates, status, public answers, the profile answers if
    any, how many supported it, whether an e-mail address left with this code is kept
    and whether a photo is. Never another person's data: not the contributions a merge
    made the code follow, not other people's addresses. Raise :class:`NotFoundError`
    for an unknown code."""
    code_hash, ids = _own_ids(store, code)
    rows = store.agent_contributions(ids=ids).set_index("id")
    kept = set(_left_with(store, ids, code_hash)["contribution_id"])
    items = []
    for cid in ids:
        row, place = rows.loc[cid], store.contribution(cid) or {}
        profile = store.profile(cid)
        history = public_history(store, cid)
        items.append({
            "id": cid,
            "kind": row["kind"],
            "title": row["title"],
            "text": row["text"],
            "theme": row["theme"],
            "channel": row["channel"],
            "created_at": _iso(row["created_at"]),
            "status": row["status"],
            "status_label": STATUSES.get(row["status"], row["status"]),
            "published": bool(row["published"]),
            "hidden": bool(row["hidden"]),
            "lon": _plain(place.get("lon")),
            "lat": _plain(place.get("lat")),
            "zone_code": _plain(place.get("zone_code")),
            "commune": _plain(row["zone_name"]),
            "supports": int(row["supports"]),
            "email_kept": cid in kept,
            "photo": store.photo(cid) is not None,
            "profile": None if profile is None else {
                k: _plain(profile.get(k)) for k in PROFILE_ANSWERS
            },
            "answers": [
                {
                    "date": _iso(h["date"]),
                    "status": h["status"],
                    "status_label": h["status_label"],
                    "message": h["message"],
                    "competent": _plain(h["competent"]),
                }
                for h in history.to_dict("records")
            ],
        })
    moment = now or datetime.now(UTC)
    return {"exported_at": moment.isoformat(timespec="seconds"), "contributions": items}


def download_json(data: dict[str, Any]) -> bytes:
    """A :func:`download` as UTF-8 JSON, indented."""
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def download_csv(data: dict[str, Any]) -> bytes:
    """A :func:`download` as CSV (:data:`DOWNLOAD_COLUMNS`, UTF-8 with a BOM for
    spreadsheets; text that looks like a formula neutralised)."""
    records = []
    for item in data["contributions"]:
        profile = item["profile"] or {}
        record = {c: item.get(c) for c in DOWNLOAD_COLUMNS if c in item and c != "answers"}
        record.update({k: profile.get(k) for k in PROFILE_ANSWERS})
        record["answers"] = "\n".join(
            f"{a['date']} {a['status_label']} : {a['message']}" for a in item["answers"]
        )
        records.append(record)
    frame = pd.DataFrame(records, columns=list(DOWNLOAD_COLUMNS))
    buffer = io.StringIO()
    safe_frame(frame).to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8-sig")


def erase_mine(store: Storage, code: str) -> dict[str, int]:
    """Erase, at once, every contribution a follow code made and everything tied to
    them (answers, profile, photo, supports, field entry, plan links), the code's links
    and every address left with it (RGPD, right to erasure). The contents are deleted,
    not hidden; the audit keeps only that an erasure happened (action
    ``resident_erase``, with the counts). Return the counts (as
    :meth:`~cartoparti.storage.base.RightsStore.erase_contributions`). Raise
    :class:`NotFoundError` for an unknown code. The database file still holds the
    erased bytes until it is compacted (:func:`cartoparti.commands.rights.compact`)."""
    code_hash, ids = _own_ids(store, code)
    return store.erase_contributions(
        ids, actor="resident", action="resident_erase", code_hash=code_hash
    )
