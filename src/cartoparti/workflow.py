"""What becomes of a contribution: statuses, public answers, moderation, merges,
supports, follow codes and deletion requests.

The rules are pure functions (:func:`allowed_moves`, :func:`check_answer`); each
user action is one command that checks, then writes in one transaction through
the storage, with its audit entry (who, what, when, before/after).

Lifecycle::

    received → under_study | declined | redirected
    under_study → accepted | declined | redirected
    accepted → in_progress | done
    in_progress → done
    (an administrator may reopen anything to under_study)

Every change carries a public message in plain language; a decline needs a real
justification, a redirection names who is competent.
"""

from __future__ import annotations

import hashlib
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pandas as pd

from cartoparti import privacy, settings
from cartoparti._errors import (
    ConflictError,
    ImportFileError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from cartoparti.auth import has_role
from cartoparti.importer import RowsReport
from cartoparti.model import CHANNELS, normalise_code
from cartoparti.storage import Storage
from cartoparti.storage.core import utc_naive

if TYPE_CHECKING:
    from cartoparti.contribute import Receipt
    from cartoparti.importer import ImportReport

Source = Path | str | bytes | IO[bytes]
"""A file to import: its path, or its content (bytes or a binary file object)."""

__all__ = [
    "ACCEPTED_STATUSES",
    "CLOSED_STATUSES",
    "FIELD_CHANNELS",
    "LEVELS",
    "OPEN_STATUSES",
    "STATUSES",
    "TRANSITIONS",
    "AnswerImportReport",
    "allowed_moves",
    "answer",
    "check_answer",
    "delete",
    "edit_text",
    "enter_for_resident",
    "follow_code_hash",
    "followed",
    "hide",
    "import_answers",
    "import_field_file",
    "link_follow_code",
    "merge",
    "new_follow_code",
    "public_history",
    "publish",
    "qualify",
    "request_deletion",
    "support",
    "unhide",
]

STATUSES: dict[str, str] = {
    "received": "reçue",
    "under_study": "à l'étude",
    "accepted": "retenue",
    "in_progress": "en cours de réalisation",
    "done": "réalisée",
    "declined": "non retenue",
    "redirected": "réorientée",
}
"""Status code → French label."""
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
LEVELS: dict[str, str] = {
    "information": "information",
    "consultation": "consultation",
    "concertation": "concertation",
    "coproduction": "coproduction",
}
"""Participation level the answer calls for (code → French label)."""
FIELD_CHANNELS: dict[str, str] = {k: v for k, v in CHANNELS.items() if k != "online"}
"""Channels of contributions entered by an agent ("aller vers")."""
MESSAGE_MAX = 2000
DECLINE_MIN_CHARS = 20
"""A decline's public justification has at least this many characters."""
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
_CODE_GROUPS, _CODE_GROUP_LEN = 3, 4
SYSTEM_ACTOR = "cartoparti"


# -- rules ------------------------------------------------------------------------
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
        errors["status"] = f"Statut inconnu : « {status} »."
    elif status != current and status not in allowed_moves(current, role):
        errors["status"] = (
            f"Passage impossible de « {STATUSES.get(current, current)} » à « {STATUSES[status]} »."
        )
    text = (message or "").strip()
    competent_clean = (competent or "").strip() or None
    if not text:
        errors["message"] = "Chaque réponse porte un message public, en langage clair."
    elif len(text) > MESSAGE_MAX:
        errors["message"] = f"Le message dépasse {MESSAGE_MAX} caractères."
    elif (
        status == "declined"
        and status != current
        and "status" not in errors
        and len(text) < DECLINE_MIN_CHARS
    ):
        errors["message"] = (
            "Un refus doit être justifié publiquement : expliquez pourquoi "
            f"(au moins {DECLINE_MIN_CHARS} caractères)."
        )
    if status == "redirected" and status != current and not competent_clean:
        errors["competent"] = (
            "Indiquez qui est compétent (ex. : le Département, le bailleur social)."
        )
    if errors:
        raise ValidationError(errors)
    return text, competent_clean if status == "redirected" else None


def _actor(user: dict[str, Any] | None, role: str = "agent") -> str:
    if not has_role(user, role):
        raise PermissionDeniedError(
            "Action réservée aux administrateurs."
            if role == "admin"
            else "Action réservée aux agents connectés."
        )
    return str(user["name"])  # type: ignore[index]


def _contribution(store: Storage, contribution_id: str) -> dict[str, Any]:
    found = store.contribution(contribution_id)
    if found is None:
        raise NotFoundError(f"Contribution inconnue : {contribution_id}")
    return found


# -- answers ------------------------------------------------------------------------
def answer(
    store: Storage,
    user: dict[str, Any] | None,
    contribution_id: str,
    *,
    message: str,
    status: str | None = None,
    competent: str | None = None,
    at: datetime | None = None,
) -> str:
    """Change the status of a contribution (or only post a message) with a public
    message; return the new status. ``at``: UTC time of the answer (default now)."""
    actor = _actor(user)
    current = str(_contribution(store, contribution_id)["status"])
    target = status or current
    text, competent_clean = check_answer(
        current, target, role=str(user["role"]), message=message, competent=competent
    )  # type: ignore[index]
    if not store.add_status_change(
        contribution_id,
        expected=current,
        status=target,
        message=text,
        author=actor,
        competent=competent_clean,
        at=None if at is None else utc_naive(at),
    ):
        raise ConflictError(
            "La contribution a changé entre-temps : rechargez la page et recommencez."
        )
    return target


def public_history(store: Storage, contribution_id: str) -> pd.DataFrame:
    """The public history of a contribution, oldest first, starting with its receipt:
    ``date, status, status_label, message, competent`` (no agent name)."""
    found = _contribution(store, contribution_id)
    history = store.status_history(contribution_id)
    first = pd.DataFrame(
        {
            "date": [found["created_at"]],
            "status": ["received"],
            "message": ["Contribution reçue."],
            "competent": [None],
        }
    )
    rest = history.rename(columns={"changed_at": "date"})[
        ["date", "status", "message", "competent"]
    ]
    frame = pd.concat([first, rest], ignore_index=True) if len(rest) else first
    frame["status_label"] = frame["status"].map(STATUSES)
    return frame[["date", "status", "status_label", "message", "competent"]]


# -- qualification and moderation ---------------------------------------------------------
def qualify(
    store: Storage,
    user: dict[str, Any] | None,
    contribution_id: str,
    *,
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
        if theme not in settings.themes():
            errors["theme"] = f"Thème inconnu : « {theme} »."
        public["theme"] = theme
    if service is not None and service != current["service"]:
        if service not in settings.services():
            errors["service"] = f"Service inconnu : « {service} »."
        agents["service"] = service
    if level is not None and level != current["level"]:
        if level not in LEVELS:
            errors["level"] = f"Niveau de participation inconnu : « {level} »."
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
        raise ValidationError({"reason": "Indiquez la raison du masquage."})
    store.apply_changes(
        contribution_id,
        actor=actor,
        action="hide",
        contribution={"published": False},
        handling={"hidden": True, "hidden_reason": reason},
    )


def unhide(store: Storage, user: dict[str, Any] | None, contribution_id: str) -> None:
    """Show a hidden contribution again: published unless it still holds personal
    data or, with moderation *a priori*, was never reviewed (then back in the queue)."""
    actor = _actor(user)
    _contribution(store, contribution_id)
    state = store.handling(contribution_id)
    if state["merged_into"]:
        raise ValidationError(
            {"hidden": "Cette contribution a été fusionnée : elle reste masquée."}
        )
    reviewed = bool(state["reviewed"]) or settings.moderation() == "a_posteriori"
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
        raise ValidationError({"published": "Contribution masquée : rendez-la visible d'abord."})
    if privacy.kinds_found(str(found["title"]), str(found["text"])) and not despite_personal_data:
        raise ValidationError(
            {
                "text": "Le texte contient encore un numéro de téléphone ou une adresse e-mail : retirez-le avant publication."
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
            raise ValidationError({"title": "Le titre est obligatoire."})
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
            {"merged_into": "Une contribution ne peut pas être fusionnée avec elle-même."}
        )
    _contribution(store, duplicate_id)
    _contribution(store, into_id)
    if store.handling(into_id)["merged_into"]:
        raise ValidationError(
            {"merged_into": "La contribution cible est elle-même un doublon fusionné."}
        )
    if store.handling(duplicate_id)["merged_into"]:
        raise ValidationError({"merged_into": "Cette contribution est déjà fusionnée."})
    store.merge_contributions(duplicate_id, into_id, actor=actor)


def delete(store: Storage, user: dict[str, Any] | None, contribution_id: str) -> None:
    """Delete a contribution for good (a resident's RGPD request); audited by id only."""
    actor = _actor(user)
    if not store.delete_contribution(contribution_id, actor=actor):
        raise NotFoundError(f"Contribution inconnue : {contribution_id}")


# -- supports ---------------------------------------------------------------------------
def support(store: Storage, contribution_id: str, session_id: str) -> tuple[bool, int]:
    """ "Moi aussi": count one support per browser session. Return (counted, total)."""
    found = _contribution(store, contribution_id)
    if not found["published"]:
        raise NotFoundError(f"Contribution inconnue : {contribution_id}")
    if not session_id:
        raise ValueError("session_id is required")
    counted = store.add_support(contribution_id, session_id)
    return counted, store.support_count(contribution_id)


# -- follow codes ---------------------------------------------------------------------------
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
    history (``history``), support count, merge target and pending deletion request.

    Raise :class:`NotFoundError` for an unknown code.
    """
    normal = _normalise_code(code)
    if len(normal) != _CODE_GROUPS * _CODE_GROUP_LEN:
        raise NotFoundError("Code de suivi inconnu : vérifiez-le (12 lettres et chiffres).")
    ids = store.followed_ids(follow_code_hash(normal))
    if not ids:
        raise NotFoundError("Code de suivi inconnu : vérifiez-le (12 lettres et chiffres).")
    rows = store.agent_contributions(ids=ids).set_index("id")
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
                "history": public_history(store, cid),
            }
        )
    return result


def request_deletion(
    store: Storage, code: str, contribution_id: str, reason: str | None = None
) -> bool:
    """Record a resident's request to delete one of their contributions (RGPD).

    The code must follow the contribution. Return ``False`` if already requested.
    """
    if contribution_id not in store.followed_ids(follow_code_hash(code)):
        raise NotFoundError("Ce code ne permet pas de suivre cette contribution.")
    return store.add_deletion_request(contribution_id, (reason or "").strip() or None)


# -- field entry ("aller vers") -----------------------------------------------------------------
def enter_for_resident(
    store: Storage,
    user: dict[str, Any] | None,
    *,
    channel: str,
    session_date: date | None,
    session_place: str,
    **fields: Any,
) -> Receipt:
    """An agent enters a resident's contribution (``fields`` as for
    :func:`cartoparti.contribute.submit`, profile as the person declared it),
    recording the channel, the date and place of the field session.

    Every missing or wrong field is reported at once (:class:`ValidationError`);
    the contribution and its field entry are written in one transaction.
    """
    from cartoparti import contribute

    actor = _actor(user)
    follow_code = fields.pop("follow_code", None)
    errors: dict[str, str] = {}
    try:
        draft, zones = contribute.check(store, channel=channel, **fields)
    except ValidationError as exc:
        errors.update(exc.errors)
    session = _session_errors(session_date, session_place)
    if channel not in FIELD_CHANNELS:
        session["channel"] = "Choisissez le canal de recueil (atelier, porte-à-porte…)."
    if errors or session:
        raise ValidationError({**errors, **session})
    place = session_place.strip()
    return contribute.record(
        store,
        draft,
        zones,
        follow_code=follow_code,
        field_entry={
            "entered_by": actor,
            "session_date": session_date,
            "session_place": place,
            "after": {"channel": channel, "session_date": session_date, "session_place": place},
        },
    )


def _session_errors(session_date: date | None, session_place: str | None) -> dict[str, str]:
    """French messages for a missing or future meeting date and a missing place."""
    errors: dict[str, str] = {}
    if session_date is None:
        errors["session_date"] = "Indiquez la date de la rencontre."
    elif session_date > date.today():
        errors["session_date"] = "La date de la rencontre est dans le futur."
    if not (session_place or "").strip():
        errors["session_place"] = "Indiquez le lieu de la rencontre."
    return errors


@contextmanager
def _as_file(source: Source, name: str | None) -> Iterator[Path]:
    """A path to read ``source`` from: its own, or its content copied into a
    temporary file called ``name`` (the readers pick the format from the suffix)."""
    if isinstance(source, (str, Path)):
        yield Path(source)
        return
    data = source if isinstance(source, bytes) else source.read()
    with tempfile.TemporaryDirectory(prefix="cartoparti-") as folder:
        path = Path(folder) / (Path(name or "import.csv").name or "import.csv")
        path.write_bytes(data)
        yield path


def import_field_file(
    store: Storage,
    user: dict[str, Any] | None,
    source: Source,
    *,
    session_date: date | None,
    session_place: str,
    name: str | None = None,
) -> ImportReport:
    """An agent imports paper answers (the :mod:`cartoparti.fieldwork` CSV template)
    through the ordinary contribution import; channel ``paper`` by default.

    ``source``: a path, or the file's content with its ``name``. Each imported
    contribution gets its field entry (who entered it, date and place of the
    session), as one entered alone; all is written in one transaction, audited.
    """
    from cartoparti.importer import import_file

    actor = _actor(user)
    errors = _session_errors(session_date, session_place)
    if errors:
        raise ValidationError(errors)
    place = session_place.strip()
    with _as_file(source, name) as path, store.transaction():
        report = import_file(
            store,
            path,
            themes=settings.themes(),
            default_channel="paper",
            published=settings.moderation() == "a_posteriori",
        )
        store.add_field_entries(
            report.inserted,
            entered_by=actor,
            session_date=session_date,
            session_place=place,
            after={"file": path.name, "session_date": session_date, "session_place": place},
        )
        store.record_audit(
            actor,
            "import",
            after={"file": path.name, "imported": report.imported, "held": report.held},
        )
    return report


# -- bulk answers -----------------------------------------------------------------------
@dataclass
class AnswerImportReport(RowsReport):
    """What an answers import did. ``exit_code``: 0 all applied, 1 some rejected."""

    applied: int = 0

    def summary(self) -> str:
        return (
            f"{self.read} ligne(s) lue(s) : {self.applied} réponse(s) enregistrée(s), "
            f"{self.duplicates} déjà enregistrée(s), {len(self.rejected)} rejetée(s)."
        )


ANSWER_COLUMNS = ("id", "status", "message")


def import_answers(
    store: Storage, user: dict[str, Any] | None, source: Source, *, name: str | None = None
) -> AnswerImportReport:
    """Apply answers from a CSV ``id,status,message[,competent]`` row by row.

    ``source``: a path, or the file's content with its ``name``. A status may be
    a code or its French label (empty: keep the status, message only). A row whose
    status and message are already in the contribution's history is counted as
    already recorded (importing twice changes nothing). Raise
    :class:`ImportFileError` when the file cannot be read or lacks a column.
    """
    from cartoparti.importer import RejectedRow, read_rows

    _actor(user)
    label = name or (Path(source).name if isinstance(source, (str, Path)) else "import.csv")
    suffix = Path(label).suffix
    if suffix.lower() not in (".csv", ".txt", ".tsv"):
        raise ImportFileError(
            f"Format non pris en charge : {suffix} (CSV id,status,message attendu)."
        )
    with _as_file(source, name) as path:
        data, _geometry, lines = read_rows(path)
    data.columns = [str(c).strip().lower() for c in data.columns]
    missing = [c for c in ANSWER_COLUMNS if c not in data.columns]
    if missing:
        raise ImportFileError(
            f"Colonne(s) manquante(s) : {', '.join(missing)} (attendu : id,status,message)."
        )
    report = AnswerImportReport(read=len(lines))
    for line, row in zip(lines, data.to_dict(orient="records"), strict=True):
        values = {
            k: ("" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v))
            for k, v in row.items()
        }
        cid = values.get("id", "").strip()
        raw_status = values.get("status", "").strip()
        message = values.get("message", "").strip()
        competent = values.get("competent", "").strip() or None
        try:
            if not cid:
                raise ValidationError({"id": "Identifiant manquant."})
            found = store.contribution(cid)
            if found is None:
                raise ValidationError({"id": f"Contribution inconnue : {cid}."})
            status = normalise_code(raw_status, STATUSES) if raw_status else str(found["status"])
            if status is None:
                raise ValidationError({"status": f"Statut inconnu : « {raw_status} »."})
            history = store.status_history(cid)
            if ((history["status"] == status) & (history["message"] == message)).any():
                report.duplicates += 1
                continue
            answer(store, user, cid, message=message, status=status, competent=competent)
            report.applied += 1
        except ValidationError as exc:
            report.rejected.append(RejectedRow(line, " ; ".join(exc.errors.values()), values))
        except ConflictError as exc:
            report.rejected.append(RejectedRow(line, str(exc), values))
    return report
