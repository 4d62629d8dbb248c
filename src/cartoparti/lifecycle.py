"""The lifecycle of a contribution: statuses, their named groups and the rules of a move.

Pure (no storage)::

    received → under_study | declined | redirected
    under_study → accepted | declined | redirected
    accepted → in_progress | done
    in_progress → done
    (an administrator may reopen anything to under_study)

Every change carries a public message in plain language; a decline needs a real
justification, a redirection names who is competent.
"""

from __future__ import annotations

from cartoparti import i18n
from cartoparti._errors import ValidationError
from cartoparti.model import CHANNELS

__all__ = [
    "ACCEPTED_STATUSES",
    "CLOSED_STATUSES",
    "DECLINE_MIN_CHARS",
    "FIELD_CHANNELS",
    "LEVELS",
    "MESSAGE_MAX",
    "OPEN_STATUSES",
    "PLAN_STATUSES",
    "REOPEN_STATUS",
    "STATUSES",
    "SYSTEM_ACTOR",
    "TRANSITIONS",
    "allowed_moves",
    "check_answer",
]


STATUSES: i18n.Labels = i18n.table("statuses")
"""Status code → label (the active catalogue's table)."""


OPEN_STATUSES: tuple[str, ...] = ("received", "under_study", "accepted", "in_progress")


CLOSED_STATUSES: tuple[str, ...] = ("done", "declined", "redirected")


ACCEPTED_STATUSES: tuple[str, ...] = ("accepted", "in_progress", "done")
"""Statuses that count as a "yes" in acceptance rates."""


TRANSITIONS: dict[str, tuple[str, ...]] = {
    "received": ("under_study", "declined", "redirected"),
    "under_study": ("accepted", "declined", "redirected"),
    "accepted": ("in_progress", "done"),
    "in_progress": ("done",),
    "done": (),
    "declined": (),
    "redirected": (),
}
"""Moves an agent may make from each status."""


REOPEN_STATUS = "under_study"


LEVELS: i18n.Labels = i18n.table("levels")
"""Participation level the answer calls for (code → label)."""


PLAN_STATUSES: i18n.Labels = i18n.table("plan_statuses")
"""Status of an action-plan item (code → label): planned, in_progress, done, abandoned;
any move is allowed, abandoning needs a public reason (:mod:`cartoparti.commands.plan`)."""


FIELD_CHANNELS: i18n.Labels = i18n.Labels(CHANNELS.name, exclude=("online",))
"""Channels of contributions entered by an agent ("aller vers")."""


MESSAGE_MAX = 2000


DECLINE_MIN_CHARS = 20
"""A decline's public justification has at least this many characters."""


SYSTEM_ACTOR = "cartoparti"


def allowed_moves(current: str, role: str = "agent") -> list[str]:
    """Statuses reachable from ``current`` for a ``role`` (admin may also reopen)."""
    moves = list(TRANSITIONS.get(current, ()))
    if role == "admin" and current != REOPEN_STATUS and REOPEN_STATUS not in moves:
        moves.append(REOPEN_STATUS)
    return moves


def check_answer(
    current: str, status: str, *, role: str, message: str | None, competent: str | None = None
) -> tuple[str, str | None]:
    """Check a status change (or a message, ``status == current``).

    Return the cleaned ``(message, competent)``; raise :class:`ValidationError`
    (field → French message) for a refused move, a missing message, a decline
    without justification or a redirection that names no one.
    """
    errors: dict[str, str] = {}
    if status not in STATUSES:
        errors["status"] = i18n.message("status.unknown", value=status)
    elif status != current and status not in allowed_moves(current, role):
        errors["status"] = i18n.message(
            "status.move_refused", current=STATUSES.get(current, current), status=STATUSES[status]
        )
    text = (message or "").strip()
    competent_clean = (competent or "").strip() or None
    if not text:
        errors["message"] = i18n.message("message.required")
    elif len(text) > MESSAGE_MAX:
        errors["message"] = i18n.message("message.too_long", max=MESSAGE_MAX)
    elif (
        status == "declined"
        and status != current
        and "status" not in errors
        and len(text) < DECLINE_MIN_CHARS
    ):
        errors["message"] = i18n.message("message.decline_unjustified", min=DECLINE_MIN_CHARS)
    if status == "redirected" and status != current and not competent_clean:
        errors["competent"] = i18n.message("competent.required")
    if errors:
        raise ValidationError(errors)
    return text, competent_clean if status == "redirected" else None
