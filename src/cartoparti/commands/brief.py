"""The council brief, for the agents' page and the command line
(:mod:`cartoparti.present.brief`)."""

from __future__ import annotations

from datetime import datetime

from cartoparti import i18n
from cartoparti._errors import ValidationError
from cartoparti.present import brief
from cartoparti.settings import Settings
from cartoparti.storage import Storage

__all__ = ["FORMATS", "MIME", "council_brief"]

FORMATS: tuple[str, ...] = ("pdf", "html")
MIME: dict[str, str] = {"pdf": "application/pdf", "html": "text/html"}


def council_brief(
    store: Storage, settings: Settings, *, fmt: str = "pdf", now: datetime | None = None
) -> bytes:
    """The council brief as ``fmt`` (``pdf`` or ``html``, UTF-8); raise
    :class:`ValidationError` for another format."""
    del settings  # the brief reads the store only today; kept for the commands' signature
    if fmt not in FORMATS:
        raise ValidationError({"format": i18n.message("brief.format_unknown", fmt=fmt, formats=", ".join(FORMATS))})
    if fmt == "html":
        return brief.render_html(store, now=now).encode("utf-8")
    return brief.render_pdf(store, now=now)
