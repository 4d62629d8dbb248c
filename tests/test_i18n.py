"""The catalogues of words (cartoparti.i18n) and French numbers and dates (formats)."""

from __future__ import annotations

import datetime as dt
import doctest
import math
import string

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


@pytest.mark.parametrize("language", [lang for lang in i18n.languages() if lang != "fr"] or ["fr"])
def test_every_language_has_every_key_with_the_same_fields(language):
    other = i18n.catalogue(language)
    assert set(other.LABELS) == set(fr.LABELS)
    for name, table in fr.LABELS.items():
        assert set(other.LABELS[name]) == set(table), name
    assert set(other.MESSAGES) == set(fr.MESSAGES)
    for key, template in fr.MESSAGES.items():
        assert _fields(other.MESSAGES[key]) == _fields(template), key


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
