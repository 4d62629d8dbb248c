"""The change log of a contribution as agents read it: one sentence per audit entry
(« Statut changé : reçue → en cours de réalisation », « Masquée (motif : …) »), in the
active language, its time in Paris time. Pure functions of the rows of
:meth:`cartoparti.storage.base.Storage.audit_log`; never raw JSON.

The sentences are plain text (shown in a table, never as markdown or HTML): the values
people typed (a reason, a message) are quoted as they are.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from cartoparti import i18n, lifecycle
from cartoparti.i18n import formats

__all__ = ["COLUMNS", "audit_frame", "sentence"]

COLUMNS = ("when", "actor", "what")
"""The columns of :func:`audit_frame`, in order."""

_MAX_VALUE = 300
"""A logged value longer than this is cut (with « … ») in a sentence."""


def _load(value: object) -> dict[str, Any]:
    """A logged ``before`` / ``after`` (JSON text, a dict or nothing) as a dict."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return {}
    if isinstance(value, Mapping):
        return dict(value)
    try:
        loaded = json.loads(str(value))
    except ValueError:
        return {"value": str(value)}
    return loaded if isinstance(loaded, dict) else {"value": loaded}


def _text(value: object) -> str:
    """A logged value as readable text (a missing one: :data:`formats.MISSING`)."""
    if value is None or value == "":
        return formats.MISSING
    if isinstance(value, bool):
        return i18n.message("audit.yes") if value else i18n.message("audit.no")
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, Mapping):
        return "; ".join(i18n.message("audit.pair", field=k, value=_text(v)) for k, v in value.items())
    text = " ".join(str(value).split())
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 1] + "…"


def _status(code: object) -> str:
    return lifecycle.STATUSES.get(str(code), _text(code))


def _with_message(text: str, after: Mapping[str, Any]) -> str:
    if after.get("message"):
        text += i18n.message("audit.with_message", message=_text(after["message"]))
    if after.get("competent"):
        text += i18n.message("audit.with_competent", competent=_text(after["competent"]))
    return text


def _status_changed(before: dict[str, Any], after: dict[str, Any]) -> str:
    moved = i18n.message("audit.status", before=_status(before.get("status")), after=_status(after.get("status")))
    return _with_message(moved, after)


def _message(before: dict[str, Any], after: dict[str, Any]) -> str:
    return _with_message(i18n.message("audit.message"), after)


_QUALIFIED_FIELDS = ("theme", "service", "level")


def _field_value(field: str, value: object) -> str:
    if field == "level" and value:
        return lifecycle.LEVELS.get(str(value), _text(value))
    return _text(value)


def _qualify(before: dict[str, Any], after: dict[str, Any]) -> str:
    names = {f: i18n.message(f"audit.field.{f}") for f in _QUALIFIED_FIELDS}
    changes = [
        i18n.message("audit.change", field=names.get(f, f), before=_field_value(f, before.get(f)),
                     after=_field_value(f, after.get(f)))
        for f in after
    ]
    return i18n.message("audit.qualify", changes=" ; ".join(changes) or formats.MISSING)


def _hide(before: dict[str, Any], after: dict[str, Any]) -> str:
    return i18n.message("audit.hide", reason=_text(after.get("hidden_reason")))


def _unhide(before: dict[str, Any], after: dict[str, Any]) -> str:
    return i18n.message("audit.unhide.published" if after.get("published") else "audit.unhide.held")


def _publish(before: dict[str, Any], after: dict[str, Any]) -> str:
    return i18n.message("audit.publish")


def _edit(before: dict[str, Any], after: dict[str, Any]) -> str:
    fields = [i18n.message(f"audit.field.{f}") for f in ("title", "text") if f in after or f in before]
    return i18n.message("audit.edit", fields=", ".join(fields) or formats.MISSING)


def _merge(before: dict[str, Any], after: dict[str, Any]) -> str:
    return i18n.message("audit.merge", target=_text(after.get("merged_into")))


def _delete(before: dict[str, Any], after: dict[str, Any]) -> str:
    return i18n.message("audit.delete.requested" if before.get("deletion_requested") else "audit.delete")


def _keep_reported(before: dict[str, Any], after: dict[str, Any]) -> str:
    return i18n.message("audit.keep_reported", count=formats.number(after.get("reports") or 0))


def _field_entry(before: dict[str, Any], after: dict[str, Any]) -> str:
    parts = []
    if after.get("session_date"):
        parts.append(i18n.message("audit.field_entry.date", date=_date(after["session_date"])))
    if after.get("session_place"):
        parts.append(i18n.message("audit.field_entry.place", place=_text(after["session_place"])))
    if after.get("file"):
        parts.append(i18n.message("audit.field_entry.file", file=_text(after["file"])))
    text = i18n.message("audit.field_entry")
    return f"{text} ({', '.join(parts)})" if parts else text


def _date(value: object) -> str:
    try:
        return formats.date(pd.Timestamp(str(value)).date())
    except ValueError:
        return _text(value)


def _plan_link(before: dict[str, Any], after: dict[str, Any]) -> str:
    return i18n.message("audit.plan_link", item=_text(after.get("item")))


def _plan_unlink(before: dict[str, Any], after: dict[str, Any]) -> str:
    return i18n.message("audit.plan_unlink", item=_text(before.get("item")))


_SENTENCES: dict[str, Callable[[dict[str, Any], dict[str, Any]], str]] = {
    "status": _status_changed,
    "message": _message,
    "qualify": _qualify,
    "hide": _hide,
    "unhide": _unhide,
    "publish": _publish,
    "edit": _edit,
    "merge": _merge,
    "delete": _delete,
    "keep_reported": _keep_reported,
    "field_entry": _field_entry,
    "plan_link": _plan_link,
    "plan_unlink": _plan_unlink,
}
"""Audit action (as the storage and the commands write it) → its sentence."""


def _other(action: str, before: dict[str, Any], after: dict[str, Any]) -> str:
    details = [i18n.message("audit.pair", field=k, value=_text(v)) for k, v in {**before, **after}.items()]
    text = i18n.message("audit.other", action=_text(action))
    return f"{text} ({' ; '.join(details)})" if details else text


def sentence(action: str, before: object = None, after: object = None) -> str:
    """One audit entry in words: ``action`` and its logged ``before`` / ``after``
    (JSON text or dicts). An action without its own sentence is named, with its
    values as ``field : value`` pairs (erased values: the action alone)."""
    old, new = _load(before), _load(after)
    known = _SENTENCES.get(str(action))
    return known(old, new) if known is not None else _other(str(action), old, new)


def audit_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """The audit rows (``logged_at`` naive UTC, ``actor``, ``action``, ``before``,
    ``after``) as the agents read them: ``when`` (Paris time), ``actor``, ``what`` (a
    sentence), in the order given (the store: newest first)."""
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype=str) for c in COLUMNS})
    return pd.DataFrame({
        "when": [formats.datetime(v) for v in rows["logged_at"]],
        "actor": [_text(v) for v in rows["actor"]],
        "what": [
            sentence(a, b, c) for a, b, c in zip(rows["action"], rows["before"], rows["after"], strict=True)
        ],
    })
