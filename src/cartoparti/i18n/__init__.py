"""Words shown to users, keyed by code, in one catalogue per language.

A catalogue is a module of this package named after its language (``fr.py``; an
``en.py`` would be one more file with the same keys) holding ``LABELS`` (table name →
code → label) and ``MESSAGES`` (key → :meth:`str.format` template). French is the only
language today; the setting ``CARTOPARTI_LANGUAGE`` (checked by
:mod:`cartoparti.settings`, default ``fr``) chooses the active one.

A second language is one more file: copy ``fr.py`` to ``en.py`` (say), translate every
label and message and keep the same keys and ``{fields}`` (tests/test_i18n.py checks
both), then set ``CARTOPARTI_LANGUAGE=en``. Nothing else changes: code and pages only
ever ask for a key (:func:`message`, :func:`labels`). Tables bound when a module is
imported (``model.KINDS``…) take the catalogue active then: the one
``CARTOPARTI_LANGUAGE`` names, if it has a catalogue.

>>> labels("kinds")["need"]
'besoin'
>>> message("title.too_long", max=120)
'Le titre dépasse 120 caractères.'
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from types import ModuleType

__all__ = ["DEFAULT_LANGUAGE", "active", "catalogue", "labels", "languages", "message", "use"]

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


def _initial() -> str:
    # The setting is read and checked by cartoparti.settings (which stops on an unknown
    # language); this only lets tables bound at import time follow it.
    wanted = os.environ.get("CARTOPARTI_LANGUAGE", "").strip()
    return wanted if wanted in languages() else DEFAULT_LANGUAGE


_active: str = _initial()


def active() -> str:
    """The language of the words shown to users."""
    return _active


def use(language: str) -> None:
    """Make ``language`` (one of :func:`languages`) the active language."""
    global _active
    if language not in languages():
        raise ValueError(f"no catalogue for language {language!r}")
    _active = language


def catalogue(language: str | None = None) -> ModuleType:
    """The catalogue module of ``language`` (default: the active one)."""
    return importlib.import_module(f"{__name__}.{language or _active}")


def labels(name: str, language: str | None = None) -> dict[str, str]:
    """The code → label table ``name`` (``"kinds"``, ``"statuses"``…) of the catalogue:
    the catalogue's own dict, so every module that exposes it shares one object."""
    return catalogue(language).LABELS[name]


def message(key: str, /, language: str | None = None, **fields: object) -> str:
    """The message ``key`` of the catalogue, its ``{fields}`` filled in."""
    return catalogue(language).MESSAGES[key].format(**fields)
