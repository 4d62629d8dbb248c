"""The pages a French public body must publish (privacy notice, legal notice, moderation
charter, accessibility statement), read from the territory folder.

Each is a UTF-8 text file ``<territory>/pages/<name>.md`` (:data:`DOCUMENTS`); a
territory without one gets the default shipped in ``io/legal_pages/``. They are the
town's words but come from files, so they are **never interpreted** as markdown or
HTML: only this minimal structure has a meaning (:func:`blocks`):

- a line starting with ``# ``, ``## `` or ``### `` is a heading (levels 1 to 3);
- a line starting with ``- `` or ``* `` is an item of a list;
- other lines are text; a blank line ends a paragraph or a list.

Everything else (links, ``<tags>``, ``**emphasis**``, images) is shown as written, as
text: a web address stays an address to read, not a link. ``{{name}}`` fills in a
value (:func:`fill`: the territory's name, the retention period, the DPO's contact…);
an unknown ``{{name}}`` is left as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

__all__ = ["DEFAULTS_DIR", "DOCUMENTS", "Block", "blocks", "fill", "read_document"]

DOCUMENTS: tuple[str, ...] = (
    "donnees-personnelles",
    "mentions-legales",
    "charte-moderation",
    "accessibilite",
)
"""The documents, by file name (without ``.md``)."""

DEFAULTS_DIR: Path = Path(__file__).with_name("legal_pages")
"""Where the default documents are shipped."""

MAX_BYTES = 200_000
"""A document longer than this is cut (a page, not a book)."""

Block = tuple[str, object]
"""``("h1"|"h2"|"h3", text)``, ``("p", text)`` or ``("ul", [items])``."""

_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_ITEM = re.compile(r"^[-*]\s+(.*)$")
_FIELD = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")


def read_document(territory_dir: Path | None, name: str) -> str:
    """The text of document ``name``: the territory's own file if it has one (any
    undecodable byte replaced), else the default."""
    if name not in DOCUMENTS:
        raise ValueError(f"unknown document: {name!r}")
    own = None if territory_dir is None else Path(territory_dir) / "pages" / f"{name}.md"
    path = own if own is not None and own.is_file() else DEFAULTS_DIR / f"{name}.md"
    data = path.read_bytes()[:MAX_BYTES]
    return data.decode("utf-8-sig", errors="replace")


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each ``{{name}}`` of ``values`` replaced (once: a value holding
    ``{{…}}`` is not filled again); unknown names are left as written."""
    return _FIELD.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text)


def blocks(text: str) -> list[Block]:
    """The structure of a document (see the module's rule): headings, paragraphs
    (their lines joined by spaces) and lists, in order; the words untouched."""
    out: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append(("p", " ".join(paragraph)))
            paragraph.clear()
        if items:
            out.append(("ul", list(items)))
            items.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
            continue
        heading, item = _HEADING.match(line), _ITEM.match(line)
        if heading:
            flush()
            out.append((f"h{len(heading.group(1))}", heading.group(2).strip()))
        elif item:
            if paragraph:
                flush()
            items.append(item.group(1).strip())
        elif items:  # a line under an item continues it
            items[-1] = f"{items[-1]} {line}"
        else:
            paragraph.append(line)
    flush()
    return out
