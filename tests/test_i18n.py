"""The catalogues of words (cartoparti.i18n) and French numbers and dates (formats)."""

from __future__ import annotations

import datetime as dt
import doctest
import math
import string
import sys
import types

import pandas as pd
import pytest

from cartoparti import i18n, lifecycle, model, privacy
from cartoparti.commands import accounts
from cartoparti.i18n import formats, fr
from cartoparti.io import territory

NNBSP, NBSP = "\u202f", "\u00a0"


def _fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def test_french_is_a_catalogue():
    assert "fr" in i18n.languages()
    assert i18n.catalogue() is fr
    assert "formats" not in i18n.languages()


def _differences(other) -> list[str]:
    """How the catalogue ``other`` differs from French: keys missing or extra, fields changed."""
    found = [f"LABELS {name}" for name in set(fr.LABELS) ^ set(other.LABELS)]
    for name, table in fr.LABELS.items():
        found += [f"LABELS {name}.{code}" for code in set(table) ^ set(other.LABELS.get(name, {}))]
    found += [f"MESSAGES {key}" for key in set(fr.MESSAGES) ^ set(other.MESSAGES)]
    found += [
        f"fields of {key}"
        for key, template in fr.MESSAGES.items()
        if key in other.MESSAGES and _fields(other.MESSAGES[key]) != _fields(template)
    ]
    return sorted(found)


@pytest.mark.parametrize("language", [lang for lang in i18n.languages() if lang != "fr"] or ["fr"])
def test_every_language_has_every_key_with_the_same_fields(language):
    assert _differences(i18n.catalogue(language)) == []


_TINY = """
from cartoparti.i18n import fr

LANGUAGE = "xx"
LABELS = {name: {code: "xx " + label for code, label in t.items()} for name, t in fr.LABELS.items()}
MESSAGES = {key: "xx " + template for key, template in fr.MESSAGES.items()}
"""


@pytest.fixture
def tiny_language(tmp_path, monkeypatch):
    """A test catalogue ``xx``: one more file beside fr.py, the French words prefixed."""
    (tmp_path / "xx.py").write_text(_TINY, encoding="utf-8")
    monkeypatch.setattr(i18n, "__path__", [*i18n.__path__, str(tmp_path)])
    yield "xx"
    i18n.use("fr")
    sys.modules.pop("cartoparti.i18n.xx", None)


def test_a_second_language_is_one_more_file(tiny_language, monkeypatch):
    from cartoparti import settings

    assert i18n.languages() == ("fr", "xx")
    assert _differences(i18n.catalogue("xx")) == []
    monkeypatch.setenv("CARTOPARTI_LANGUAGE", "xx")
    assert settings.current().language == i18n.active() == "xx"
    assert i18n.message("title.required") == "xx Le titre est obligatoire."
    assert i18n.message("title.required", language="fr") == "Le titre est obligatoire."
    assert i18n.labels("kinds")["need"] == "xx besoin"
    monkeypatch.delenv("CARTOPARTI_LANGUAGE")
    assert settings.current().language == i18n.active() == "fr"


def test_a_catalogue_missing_or_adding_keys_is_caught():
    tiny = types.SimpleNamespace(
        LABELS={**fr.LABELS, "kinds": {"need": "need"}, "extra": {}},
        MESSAGES={**{k: v for k, v in fr.MESSAGES.items() if k != "title.required"},
                  "title.too_long": "Title longer than {maximum}.", "new.key": "New"},
    )
    assert _differences(tiny) == [
        "LABELS extra",
        *sorted(f"LABELS kinds.{code}" for code in fr.LABELS["kinds"] if code != "need"),
        "MESSAGES new.key",
        "MESSAGES title.required",
        "fields of title.too_long",
    ]


def test_public_tables_are_the_catalogue_s_own_dicts():
    assert model.KINDS is i18n.labels("kinds")
    assert model.CHANNELS is i18n.labels("channels")
    assert model.AGE_BANDS is i18n.labels("age_bands")
    assert model.CSP is i18n.labels("csp")
    assert lifecycle.STATUSES is i18n.labels("statuses")
    assert lifecycle.LEVELS is i18n.labels("levels")
    assert accounts.ROLES is i18n.labels("roles")
    assert privacy.KINDS is i18n.labels("personal_data")
    assert territory.KNOWN_LABELS is i18n.labels("layers")
    assert set(lifecycle.STATUSES) == set(lifecycle.TRANSITIONS)


def test_every_page_has_a_label():
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[1]
    for path in i18n.labels("pages"):
        assert (root / path).is_file(), path


def test_messages_fill_their_fields():
    assert i18n.message("title.required") == "Le titre est obligatoire."
    assert i18n.message("theme.unknown", value="Voirie") == "Thème inconnu : « Voirie »."
    with pytest.raises(KeyError):
        i18n.message("title.too_long")


def test_module_doctests():
    for module in (i18n, formats):
        result = doctest.testmod(module, extraglobs={"dt": dt})
        assert result.attempted and not result.failed, module.__name__


def test_numbers():
    assert formats.number(3.25, 1) == "3,2"  # half to even, as "{:.1f}" did
    assert formats.number(1234.5, 1) == f"1{NNBSP}234,5"
    assert formats.number(1234.5, 1, plain=True) == "1 234,5"
    assert formats.number(12) == "12"
    assert formats.number(-0.5, 2) == "-0,50"
    for missing in (None, math.nan, pd.NA):
        assert formats.number(missing, 1) == formats.MISSING == "—"


def test_percent():
    assert formats.percent(0.425) == f"42{NBSP}%"
    assert formats.percent(0.425, plain=True) == "42 %"
    assert formats.percent(0.12345, 1) == f"12,3{NBSP}%"
    assert formats.percent(1) == f"100{NBSP}%"
    assert formats.percent(math.nan) == "—"


def test_dates_in_paris_time():
    assert formats.date(dt.date(2026, 1, 2)) == "02/01/2026"
    # naive datetimes are UTC, as the store returns them: 23:30 UTC in March is the next day
    assert formats.date(dt.datetime(2026, 3, 4, 23, 30)) == "05/03/2026"
    assert formats.date(pd.Timestamp("2026-03-04 12:00")) == "04/03/2026"
    assert formats.datetime(dt.datetime(2026, 7, 4, 12, 5)) == "04/07/2026 14:05"  # summer: UTC+2
    paris = dt.timezone(dt.timedelta(hours=1))
    assert formats.datetime(dt.datetime(2026, 1, 4, 12, 5, tzinfo=paris)) == "04/01/2026 12:05"
    assert formats.date(pd.NaT) == formats.datetime(None) == "—"
    series = pd.Series(pd.to_datetime(["2026-03-04 10:00", None]))
    assert list(series.map(formats.date)) == ["04/03/2026", "—"]
