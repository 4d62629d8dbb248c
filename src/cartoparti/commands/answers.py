"""Answers: an agent changes a contribution's status with a public message (one
command, one transaction, audited), the public history, and answers imported from CSV."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from cartoparti import i18n
from cartoparti._errors import ConflictError, ImportFileError, ValidationError
from cartoparti.commands import notify
from cartoparti.commands._common import Source, _actor, _as_file, _contribution
from cartoparti.io.importer import RejectedRow, RowsReport, read_rows
from cartoparti.lifecycle import STATUSES, check_answer
from cartoparti.model import normalise_code
from cartoparti.settings import Settings
from cartoparti.storage import Storage, utc_naive

__all__ = ["ANSWER_COLUMNS", "AnswerImportReport", "answer", "import_answers", "public_history"]


def answer(
    store: Storage,
    user: dict[str, Any] | None,
    contribution_id: str,
    *,
    message: str,
    status: str | None = None,
    competent: str | None = None,
    at: datetime | None = None,
    settings: Settings | None = None,
) -> str:
    """Change the status of a contribution (or only post a message) with a public
    message; return the new status. ``at``: UTC time of the answer (default now).

    Once the change is committed, the author and supporters who left an address are
    told by mail when the status changed (``settings.smtp``; none without settings):
    a mail that fails is logged, the change stays."""
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
            i18n.message("contribution.changed")
        )
    if settings is not None and target != current:
        notify.notify_status_change(store, settings, contribution_id, status=target, message=text)
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
            "message": [i18n.message("history.received")],
            "competent": [None],
        }
    )
    rest = history.rename(columns={"changed_at": "date"})[
        ["date", "status", "message", "competent"]
    ]
    frame = pd.concat([first, rest], ignore_index=True) if len(rest) else first
    frame["status_label"] = frame["status"].map(STATUSES)
    return frame[["date", "status", "status_label", "message", "competent"]]


@dataclass
class AnswerImportReport(RowsReport):
    """What an answers import did. ``exit_code``: 0 all applied, 1 some rejected."""

    applied: int = 0

    def summary(self) -> str:
        return i18n.message(
            "answers.summary",
            read=self.read,
            applied=self.applied,
            duplicates=self.duplicates,
            rejected=len(self.rejected),
        )


ANSWER_COLUMNS = ("id", "status", "message")

ANSWER_BATCH = 1000
"""Answers written per transaction by :func:`import_answers`."""


def import_answers(
    store: Storage,
    user: dict[str, Any] | None,
    source: Source,
    *,
    name: str | None = None,
    settings: Settings,
) -> AnswerImportReport:
    """Apply answers from a CSV ``id,status,message[,competent]``, each row as
    :func:`answer` would, in file order (a row sees the rows before it as applied).

    ``source``: a path, or the file's content with its ``name``. A status may be
    a code or its French label (empty: keep the status, message only). A row whose
    status and message are already in the contribution's history is counted as
    already recorded (importing twice changes nothing). Raise
    :class:`ImportFileError` when the file cannot be read or lacks a column.
    ``settings``: the largest file read (``CARTOPARTI_IMPORT_MAX_MB``), and to notify
    residents as :func:`answer` does.

    The contributions and their history are read in one query, the rows checked in
    one pass in memory and written :data:`ANSWER_BATCH` at a time (one transaction
    each); a bad row is rejected with its reason, the others go in.
    """
    actor = _actor(user)
    label = name or (Path(source).name if isinstance(source, (str, Path)) else "import.csv")
    suffix = Path(label).suffix
    if suffix.lower() not in (".csv", ".txt", ".tsv"):
        raise ImportFileError(
            i18n.message("answers.format_unsupported", suffix=suffix)
        )
    with _as_file(source, name) as path:
        data, _geometry, lines = read_rows(path, max_bytes=settings.import_max_bytes)
    data.columns = [str(c).strip().lower() for c in data.columns]
    missing = [c for c in ANSWER_COLUMNS if c not in data.columns]
    if missing:
        raise ImportFileError(
            i18n.message("answers.columns_missing", columns=", ".join(missing))
        )
    report = AnswerImportReport(read=len(lines))
    role = str(user["role"])  # type: ignore[index]
    rows = [
        {k: ("" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)) for k, v in row.items()}
        for row in data.to_dict(orient="records")
    ]
    # every contribution of the file and its public history, read once
    ids = [cid for cid in dict.fromkeys(r.get("id", "").strip() for r in rows) if cid]
    states = store.answer_states(ids) if ids else pd.DataFrame(
        columns=["id", "status", "history_status", "history_message"]
    )
    current: dict[str, str] = dict(zip(states["id"].astype(str), states["status"].astype(str), strict=True))
    answered: dict[str, set[tuple[object, object]]] = {cid: set() for cid in current}
    for cid, h_status, h_message in states[["id", "history_status", "history_message"]].itertuples(
        index=False, name=None
    ):
        if isinstance(h_status, str):
            answered[str(cid)].add((h_status, h_message))
    codes: dict[str, str | None] = {}
    rejected: list[tuple[int, RejectedRow]] = []
    changes: list[tuple[int, str, str, str, str, str | None]] = []  # position, id, expected, status, message, competent
    # one pass in memory, in file order: each row sees the rows before it as applied
    for position, (line, values) in enumerate(zip(lines, rows, strict=True)):
        cid = values.get("id", "").strip()
        raw_status = values.get("status", "").strip()
        message = values.get("message", "").strip()
        competent = values.get("competent", "").strip() or None
        try:
            if not cid:
                raise ValidationError({"id": i18n.message("id.required")})
            if cid not in current:
                raise ValidationError({"id": i18n.message("id.unknown", id=cid)})
            if raw_status and raw_status not in codes:
                codes[raw_status] = normalise_code(raw_status, STATUSES)
            status = codes[raw_status] if raw_status else current[cid]
            if status is None:
                raise ValidationError({"status": i18n.message("status.unknown", value=raw_status)})
            if (status, message) in answered[cid]:
                report.duplicates += 1
                continue
            text, competent_clean = check_answer(
                current[cid], status, role=role, message=message, competent=competent
            )
        except ValidationError as exc:
            rejected.append((position, RejectedRow(line, " ; ".join(exc.errors.values()), values)))
            continue
        changes.append((position, cid, current[cid], status, text, competent_clean))
        current[cid] = status
        answered[cid].add((status, text))
    # written in batches, one transaction each: a row whose contribution changed
    # meanwhile is refused alone (nothing written for it), the others go in
    for start in range(0, len(changes), ANSWER_BATCH):
        batch = changes[start : start + ANSWER_BATCH]
        refused = set(store.add_status_changes(pd.DataFrame(
            [(cid, expected, status, text, competent, actor) for _p, cid, expected, status, text, competent in batch],
            columns=["contribution_id", "expected", "status", "message", "competent", "author"],
        )))
        for index, (position, cid, expected, status, text, _competent) in enumerate(batch):
            if index in refused:
                rejected.append(
                    (position, RejectedRow(lines[position], i18n.message("contribution.changed"), rows[position]))
                )
                continue
            report.applied += 1
            if status != expected:  # once committed, as answer() does
                notify.notify_status_change(store, settings, cid, status=status, message=text)
    report.rejected.extend(row for _position, row in sorted(rejected, key=lambda item: item[0]))
    return report
