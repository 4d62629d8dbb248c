"""Words shown to users, keyed by code, in one catalogue per language.

A catalogue is a module of this package named after its language (``fr.py``; an
``en.py`` would be one more file with the same keys) holding ``LABELS`` (table name →
code → label) and ``MESSAGES`` (key → :meth:`str.format` template). French is the only
language today and the active one; a setting will choose it later.

>>> labels("kinds")["need"]
'besoin'
>>> message("title.too_long", max=120)
'Le titre dépasse 120 caractères.'
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

__all__ = ["DEFAULT_LANGUAGE", "catalogue", "labels", "languages", "message"]

DEFAULT_LANGUAGE = "fr"
_NOT_CATALOGUES = frozenset({"formats"})


def languages() -> tuple[str, ...]:
    """The languages that have a catalogue in this package, sorted."""
    return tuple(
        sorted(
            m.name
            for m in pkgutil.iter_modules(__path__)
            if not m.name.startswith("_") and m.name not in _NOT_CATALOGUES
        )
    )


def catalogue(language: str | None = None) -> ModuleType:
    """The catalogue module of ``language`` (default: the active one, French)."""
    return importlib.import_module(f"{__name__}.{language or DEFAULT_LANGUAGE}")


def labels(name: str, language: str | None = None) -> dict[str, str]:
    """The code → label table ``name`` (``"kinds"``, ``"statuses"``…) of the catalogue:
    the catalogue's own dict, so every module that exposes it shares one object."""
    return catalogue(language).LABELS[name]


def message(key: str, /, language: str | None = None, **fields: object) -> str:
    """The message ``key`` of the catalogue, its ``{fields}`` filled in."""
    return catalogue(language).MESSAGES[key].format(**fields)
