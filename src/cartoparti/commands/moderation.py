"""Moderation and qualification: theme, service and participation level; hide,
unhide, publish, correct a text, merge duplicates, delete. One command per action,
audited (who, what, when, before/after)."""

from __future__ import annotations

from typing import Any

from cartoparti import i18n, privacy
from cartoparti._errors import NotFoundError, ValidationError
from cartoparti.commands._common import _actor, _contribution
from cartoparti.lifecycle import LEVELS
from cartoparti.settings import Settings
from cartoparti.storage import Storage

__all__ = ["delete", "edit_text", "hide", "keep_reported", "merge", "publish", "qualify", "reported", "unhide"]


def qualify(
    store: Storage,
    user: dict[str, Any] | None,
    contribution_id: str,
    *,
    settings: Settings,
    theme: str | None = None,
    service: str | None = None,
    level: str | None = None,
) -> dict[str, object]:
    """Set the theme, the responsible service and the participation level (``None``:
    unchanged). Return the fields that changed (empty: nothing written)."""
    actor = _actor(user)
    found = _contribution(store, contribution_id)
    current = store.handling(contribution_id)
    errors: dict[str, str] = {}
    public: dict[str, object] = {}
    agents: dict[str, object] = {}
    if theme is not None and theme != found["theme"]:
        if theme not in settings.themes:
            errors["theme"] = i18n.message("theme.unknown", value=theme)
        public["theme"] = theme
    if service is not None and service != current["service"]:
        if service not in settings.services:
            errors["service"] = i18n.message("service.unknown", value=service)
        agents["service"] = service
    if level is not None and level != current["level"]:
        if level not in LEVELS:
            errors["level"] = i18n.message("level.unknown", value=level)
        agents["level"] = level
    if errors:
        raise ValidationError(errors)
    if public or agents:
        store.apply_changes(
            contribution_id, actor=actor, action="qualify", contribution=public, handling=agents
        )
    return {**public, **agents}


def hide(store: Storage, user: dict[str, Any] | None, contribution_id: str, reason: str) -> None:
    """Hide a contribution from the public with a reason (kept, not deleted)."""
    actor = _actor(user)
    _contribution(store, contribution_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": i18n.message("reason.required")})
    with store.transaction():
        store.apply_changes(
            contribution_id,
            actor=actor,
            action="hide",
            contribution={"published": False},
            handling={"hidden": True, "hidden_reason": reason},
        )
        store.clear_reports(contribution_id)  # residents' reports are answered


def keep_reported(store: Storage, user: dict[str, Any] | None, contribution_id: str) -> int:
    """A moderator read the residents' reports of a contribution and keeps it public:
    the reports are cleared (audited with their count); return how many."""
    actor = _actor(user)
    _contribution(store, contribution_id)
    with store.transaction():
        cleared = store.clear_reports(contribution_id)
        store.record_audit(actor, "keep_reported", contribution_id, after={"reports": cleared})
    return cleared


def reported(store: Storage) -> list[dict[str, Any]]:
    """The reported contributions for the moderators, most reported first: ``id,
    title, text, published, count`` and ``reports`` (``reason`` code, ``reason_label``,
    ``detail``, ``reported_at``), and ``reasons``: reason label → count."""
    labels = i18n.labels("report_reasons")
    queue = store.reported_contributions()
    result = []
    for row in queue.itertuples():
        found = store.contribution(str(row.contribution_id)) or {}
        reports = store.reports(str(row.contribution_id))
        reports["reason_label"] = [labels.get(r, r) for r in reports["reason"]]
        result.append({
            "id": str(row.contribution_id),
            "title": str(row.title),
            "text": str(found.get("text") or ""),
            "published": bool(row.published),
            "count": int(row.reports),
            "reasons": reports["reason_label"].value_counts().to_dict(),
            "reports": reports[["reason", "reason_label", "detail", "reported_at"]],
        })
    return result


def unhide(
    store: Storage, user: dict[str, Any] | None, contribution_id: str, *, settings: Settings
) -> None:
    """Show a hidden contribution again: published unless it still holds personal
    data or, with moderation *a priori*, was never reviewed (then back in the queue)."""
    actor = _actor(user)
    _contribution(store, contribution_id)
    state = store.handling(contribution_id)
    if state["merged_into"]:
        raise ValidationError(
            {"hidden": i18n.message("hidden.merged")}
        )
    reviewed = bool(state["reviewed"]) or settings.publish_at_once
    publishable = reviewed and not state["personal_data"]
    store.apply_changes(
        contribution_id,
        actor=actor,
        action="unhide",
        contribution={"published": publishable},
        handling={"hidden": False, "hidden_reason": None},
    )


def publish(
    store: Storage,
    user: dict[str, Any] | None,
    contribution_id: str,
    *,
    despite_personal_data: bool = False,
) -> None:
    """Publish a contribution after review. Refused while it holds personal data,
    unless the agent judged it a false alarm (``despite_personal_data``)."""
    actor = _actor(user)
    found = _contribution(store, contribution_id)
    state = store.handling(contribution_id)
    if state["hidden"]:
        raise ValidationError({"published": i18n.message("published.hidden")})
    if privacy.kinds_found(str(found["title"]), str(found["text"])) and not despite_personal_data:
        raise ValidationError(
            {
                "text": i18n.message("text.personal_data")
            }
        )
    store.apply_changes(
        contribution_id,
        actor=actor,
        action="publish",
        contribution={"published": True},
        handling={"reviewed": True, "personal_data": None},
    )


def edit_text(
    store: Storage,
    user: dict[str, Any] | None,
    contribution_id: str,
    *,
    title: str | None = None,
    text: str | None = None,
) -> list[str]:
    """Edit a contribution's title or text (to remove personal data). Return the kinds
    of personal data still found. The audit keeps the old text with personal data masked."""
    actor = _actor(user)
    found = _contribution(store, contribution_id)
    changes: dict[str, object] = {}
    if title is not None and title.strip() != found["title"]:
        if not title.strip():
            raise ValidationError({"title": i18n.message("title.required")})
        changes["title"] = title.strip()
    if text is not None and text.strip() != found["text"]:
        changes["text"] = text.strip()
    new_title = str(changes.get("title", found["title"]))
    new_text = str(changes.get("text", found["text"]))
    remaining = privacy.kinds_found(new_title, new_text)
    if not changes:
        return remaining
    handling = {"personal_data": ",".join(remaining) or None}
    masked_before = {k: privacy.redact(str(found[k])) for k in changes}
    store.apply_changes(
        contribution_id,
        actor=actor,
        action="edit",
        contribution=changes,
        handling=handling,
        audit_before=masked_before,
        audit_after={**{k: privacy.redact(str(v)) for k, v in changes.items()}, **handling},
    )
    return remaining


def merge(store: Storage, user: dict[str, Any] | None, duplicate_id: str, into_id: str) -> None:
    """Merge a duplicate into another contribution: the duplicate is hidden, its
    supports (plus one for its author) and followers are carried over."""
    actor = _actor(user)
    if duplicate_id == into_id:
        raise ValidationError(
            {"merged_into": i18n.message("merged_into.self")}
        )
    _contribution(store, duplicate_id)
    _contribution(store, into_id)
    if store.handling(into_id)["merged_into"]:
        raise ValidationError(
            {"merged_into": i18n.message("merged_into.merged")}
        )
    if store.handling(duplicate_id)["merged_into"]:
        raise ValidationError({"merged_into": i18n.message("merged_into.already")})
    store.merge_contributions(duplicate_id, into_id, actor=actor)


def delete(store: Storage, user: dict[str, Any] | None, contribution_id: str) -> None:
    """Delete a contribution for good (a resident's RGPD request); audited by id only."""
    actor = _actor(user)
    if not store.delete_contribution(contribution_id, actor=actor):
        raise NotFoundError(i18n.message("contribution.unknown", id=contribution_id))
