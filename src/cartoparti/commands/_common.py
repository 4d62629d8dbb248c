"""What the commands share: the acting user's check, a contribution that must exist,
and files given as paths or as uploaded bytes."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from cartoparti import i18n
from cartoparti._errors import NotFoundError, PermissionDeniedError
from cartoparti.commands.accounts import has_role
from cartoparti.storage import Storage

Source = Path | str | bytes | IO[bytes]
"""A file to import: its path, or its content (bytes or a binary file object)."""


def _actor(user: dict[str, Any] | None, role: str = "agent") -> str:
    if not has_role(user, role):
        raise PermissionDeniedError(
            i18n.message("permission.admin") if role == "admin" else i18n.message("permission.agent")
        )
    return str(user["name"])  # type: ignore[index]


def _contribution(store: Storage, contribution_id: str) -> dict[str, Any]:
    found = store.contribution(contribution_id)
    if found is None:
        raise NotFoundError(i18n.message("contribution.unknown", id=contribution_id))
    return found


@contextmanager
def _as_file(source: Source, name: str | None) -> Iterator[Path]:
    """A path to read ``source`` from: its own, or its content copied into a
    temporary file called ``name`` (the readers pick the format from the suffix)."""
    if isinstance(source, (str, Path)):
        yield Path(source)
        return
    data = source if isinstance(source, bytes) else source.read()
    with tempfile.TemporaryDirectory(prefix="cartoparti-") as folder:
        base = Path(name or "import.csv").name
        path = Path(folder) / (base if base not in ("", ".", "..") else "import.csv")
        path.write_bytes(data)
        yield path
