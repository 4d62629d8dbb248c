"""Words shown to users, keyed by code, in one catalogue per language.

A catalogue is a module of this package named after its language (``fr.py``,
``en.py``) holding ``LABELS`` (table name → code → label), ``MESSAGES`` (key →
:meth:`str.format` template) and ``LOCALE`` (the babel locale of its numbers and dates,
:mod:`cartoparti.i18n.formats`). Every catalogue has the same keys and ``{fields}``
(tests/test_i18n.py checks it); code and pages only ever ask for a key (:func:`message`,
:func:`labels`, :func:`table`).

Which language is active:

- the process's language, ``CARTOPARTI_LANGUAGE`` (checked by :mod:`cartoparti.settings`,
  default ``fr``): the command line, mails and anything outside a visitor's session;
- per visitor, the session's language: :func:`using` sets it for a block (a context
  variable), and a resolver registered by the web layer (:func:`set_resolver`) finds it
  for the Streamlit session running in this thread (the language offered,
  ``CARTOPARTI_LANGUAGES``, that the browser prefers, or that the visitor chose).

:func:`active` says which one applies here. Tables that modules expose
(``model.KINDS``…) are :class:`Labels`: live read-only views of the active catalogue's
table, looked up at each access, never bound to one language at import. Stored values
are codes, never labels.

>>> labels("kinds")["need"]
'besoin'
>>> message("title.too_long", max=120)
'Le titre dépasse 120 caractères.'
>>> with using("en"):
...     message("title.required")
'The title is required.'
"""

from __future__ import annotations

import contextlib
import contextvars
import importlib
import os
import pkgutil
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from types import ModuleType
from typing import Any

__all__ = [
    "DEFAULT_LANGUAGE",
    "Labels",
    "accept_language",
    "active",
    "catalogue",
    "labels",
    "languages",
    "message",
    "negotiate",
    "per_language_dict",
    "per_language_list",
    "set_resolver",
    "table",
    "use",
    "using",
]

DEFAULT_LANGUAGE = "fr"
_NOT_CATALOGUES = frozenset({"formats"})


@cache
def _languages(path: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(
        sorted(
            m.name
            for m in pkgutil.iter_modules(list(path))
            if not m.name.startswith("_") and m.name not in _NOT_CATALOGUES
        )
    )


def languages() -> tuple[str, ...]:
    """The languages that have a catalogue in this package, sorted."""
    return _languages(tuple(__path__))


def _initial() -> str:
    # The setting is read and checked by cartoparti.settings (which stops on an unknown
    # language); this only gives the process a language before the settings are read.
    wanted = os.environ.get("CARTOPARTI_LANGUAGE", "").strip()
    return wanted if wanted in languages() else DEFAULT_LANGUAGE


_active: str = _initial()
_session: contextvars.ContextVar[str | None] = contextvars.ContextVar("cartoparti_language", default=None)
_resolver: Callable[[], str | None] | None = None


def active() -> str:
    """The language of the words shown here: the one :func:`using` set, else the
    visitor's session's (the resolver's), else the process's (``CARTOPARTI_LANGUAGE``)."""
    language = _session.get()
    if language is None and _resolver is not None:
        language = _resolver()
    return language or _active


def use(language: str) -> None:
    """Make ``language`` (one of :func:`languages`) the process's language."""
    global _active
    if language not in languages():
        raise ValueError(f"no catalogue for language {language!r}")
    _active = language


@contextlib.contextmanager
def using(language: str) -> Iterator[str]:
    """Show words in ``language`` inside the block (this thread or task only)."""
    if language not in languages():
        raise ValueError(f"no catalogue for language {language!r}")
    token = _session.set(language)
    try:
        yield language
    finally:
        _session.reset(token)


def set_resolver(resolver: Callable[[], str | None] | None) -> None:
    """Register the function that says the language of the session running here
    (``None`` when there is none); the web layer registers one."""
    global _resolver
    _resolver = resolver


def catalogue(language: str | None = None) -> ModuleType:
    """The catalogue module of ``language`` (default: the active one)."""
    return importlib.import_module(f"{__name__}.{language or active()}")


def labels(name: str, language: str | None = None) -> dict[str, str]:
    """The code → label table ``name`` (``"kinds"``, ``"statuses"``…) of the catalogue
    of ``language`` (default: the active one), as it is now."""
    return catalogue(language).LABELS[name]


def message(key: str, /, language: str | None = None, **fields: object) -> str:
    """The message ``key`` of the catalogue, its ``{fields}`` filled in."""
    return catalogue(language).MESSAGES[key].format(**fields)


class Labels(Mapping[str, str]):
    """The code → label table ``name`` of the active language, looked up at each access.

    What modules expose as ``KINDS``, ``STATUSES``…: the codes and their order are the
    same in every language, the labels follow :func:`active`.
    """

    __slots__ = ("exclude", "name")

    def __init__(self, name: str, *, exclude: Iterable[str] = ()) -> None:
        self.name = name
        self.exclude = frozenset(exclude)
        """Codes of the catalogue's table left out of this one."""

    def _table(self, language: str | None = None) -> dict[str, str]:
        found = labels(self.name, language)
        return {c: v for c, v in found.items() if c not in self.exclude} if self.exclude else found

    def __getitem__(self, code: str) -> str:
        return self._table()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())

    def __contains__(self, code: object) -> bool:
        return code in self._table()

    def __repr__(self) -> str:
        return f"Labels({self.name!r}: {self._table()!r})"

    def every_label(self) -> Iterable[tuple[str, str]]:
        """(code, label) in every language, the active one first: what a person may
        type or a file may hold, whatever the language of the page."""
        first = active()
        for language in (first, *(lang for lang in languages() if lang != first)):
            yield from self._table(language).items()


@cache
def table(name: str) -> Labels:
    """The live table ``name`` (:class:`Labels`); one object per name."""
    return Labels(name)


class _PerLanguage:
    """What ``build()`` returns in the active language, built once per language."""

    __slots__ = ("_build", "_built")

    def __init__(self, build: Callable[[], Any]) -> None:
        self._build = build
        self._built: dict[str, Any] = {}

    def _value(self) -> Any:
        language = active()
        if language not in self._built:
            with using(language):
                self._built[language] = self._build()
        return self._built[language]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._value()!r})"


class PerLanguageList(_PerLanguage, Sequence[Any]):
    """A list or tuple whose words follow the active language (:func:`per_language_list`)."""

    __slots__ = ()

    def __getitem__(self, index: Any) -> Any:
        return self._value()[index]

    def __len__(self) -> int:
        return len(self._value())

    def __iter__(self) -> Iterator[Any]:
        return iter(self._value())

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    def __add__(self, other: Sequence[Any]) -> list[Any]:
        return [*self, *other]

    def __radd__(self, other: Sequence[Any]) -> list[Any]:
        return [*other, *self]

    __hash__ = None  # type: ignore[assignment]


class PerLanguageDict(_PerLanguage, Mapping[Any, Any]):
    """A dict whose words follow the active language (:func:`per_language_dict`)."""

    __slots__ = ()

    def __getitem__(self, key: Any) -> Any:
        return self._value()[key]

    def __len__(self) -> int:
        return len(self._value())

    def __iter__(self) -> Iterator[Any]:
        return iter(self._value())


def per_language_list(build: Callable[[], Sequence[Any]]) -> PerLanguageList:
    """A module-level list or tuple holding words: ``build()`` again in each language,
    instead of words bound at import in one."""
    return PerLanguageList(build)


def per_language_dict(build: Callable[[], Mapping[Any, Any]]) -> PerLanguageDict:
    """A module-level dict holding words (keys or values), built again in each language."""
    return PerLanguageDict(build)


_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


def accept_language(header: str | None) -> list[str]:
    """The language tags of an ``Accept-Language`` header, preferred first (by their
    ``q`` weight, then their order); ``*`` and malformed entries left out.

    >>> accept_language("en-GB,en;q=0.9,fr;q=0.8")
    ['en-GB', 'en', 'fr']
    """
    weighted: list[tuple[float, int, str]] = []
    for position, entry in enumerate((header or "").split(",")):
        tag, _, params = entry.strip().partition(";")
        tag = tag.strip()
        weight = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if _TAG.match(tag) and 0 < weight <= 1:
            weighted.append((-weight, position, tag))
    return [tag for _weight, _position, tag in sorted(weighted)]


def negotiate(preferred: Sequence[str | None], offered: Sequence[str]) -> str | None:
    """The first of the ``offered`` languages that a browser's ``preferred`` tags
    (``"en-GB"``, ``"fr"``…, best first) ask for, by their language part; ``None``.

    >>> negotiate(["de-DE", "en-GB"], ["fr", "en"])
    'en'
    """
    for tag in preferred:
        if not tag:
            continue
        language = tag.replace("_", "-").split("-")[0].lower()
        if language in offered:
            return language
    return None
