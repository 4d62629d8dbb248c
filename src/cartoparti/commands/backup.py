"""Backups: every table of the database into one file (:mod:`cartoparti.io.backup`),
and back into a new database of either backend. A backup holds personal data
(profiles, follow-code hashes, accounts): only an administrator takes one from the
app; the command line acts as the server's administrator."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from cartoparti import i18n
from cartoparti.commands._common import _actor
from cartoparti.io.backup import BackupError, Table, read_backup, write_backup
from cartoparti.storage import Storage

__all__ = ["BackupError", "backup", "backup_bytes", "restore"]


def backup(store: Storage, target: Path | io.BytesIO) -> dict[str, Any]:
    """Write a backup of ``store`` to ``target``; return its manifest."""
    with store.snapshot() as tables:
        return write_backup(
            target,
            (Table(name, frame, geometry) for name, frame, geometry in tables),
            schema_version=store.schema_version(),
        )


def backup_bytes(store: Storage, user: dict[str, Any] | None) -> tuple[bytes, dict[str, Any]]:
    """A backup as bytes, for an administrator's download (audited)."""
    actor = _actor(user, "admin")
    buffer = io.BytesIO()
    manifest = backup(store, buffer)
    store.record_audit(actor, "backup", after={"tables": len(manifest["tables"])})
    return buffer.getvalue(), manifest


def restore(store: Storage, source: Path | io.BytesIO) -> dict[str, Any]:
    """Load a backup into ``store``, a database with no contribution yet (its
    territory, if any, is replaced by the backup's); all or nothing."""
    manifest, tables = read_backup(source)
    if int(manifest["schema_version"]) > store.schema_version():
        raise BackupError(i18n.message("backup.newer", version=manifest["schema_version"]))
    if store.count_contributions(published_only=False):
        raise BackupError(i18n.message("backup.not_empty"))
    store.restore_tables((t.name, t.frame, t.geometry) for t in tables)
    return manifest
