"""Numbers and dates written the way of the active language, with babel: the locale
its catalogue names (``LOCALE``: ``fr_FR``, ``en_GB``), :func:`locale`.

Babel follows the CLDR: in French, a no-break space before ``%`` and a narrow no-break
space between thousands; in British English ``1,234.5``, ``42%`` and ``€12,500``.
``plain=True`` writes ordinary spaces instead, for text that is compared or searched as
typed. A missing value (``None``, NaN, NaT) is written
:data:`MISSING`. Dates and times are shown in Paris time; a naive datetime is UTC
(as the store returns them).

>>> number(1234.25, 1, plain=True)
'1 234,2'
>>> percent(0.425, plain=True)
'42 %'
>>> date(dt.datetime(2026, 3, 4, 23, 30))
'05/03/2026'
>>> datetime(dt.datetime(2026, 3, 4, 23, 30, tzinfo=dt.UTC))
'05/03/2026 00:30'
"""

from __future__ import annotations

import datetime as dt
import functools
import math

from babel import Locale as _Locale
from babel import dates as _dates
from babel import numbers as _numbers

from cartoparti import i18n

__all__ = ["LOCALE", "MISSING", "TIMEZONE", "date", "datetime", "euros", "locale", "month", "number", "percent"]

LOCALE = "fr_FR"
"""The locale of the default language (French)."""
TIMEZONE = "Europe/Paris"
MISSING = "—"
"""What a missing value is written as."""

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def locale() -> str:
    """The babel locale of the active language (:func:`cartoparti.i18n.active`)."""
    return getattr(i18n.catalogue(), "LOCALE", LOCALE)


@functools.cache
def _percent_pattern(locale_: str, decimals: int) -> str:
    """The locale's percent pattern (``#,##0 %``, ``#,##0%``) with ``decimals`` decimals."""
    pattern = _Locale.parse(locale_).percent_formats[None].pattern
    return pattern.replace("#,##0", "#,##0" + ("." + "0" * decimals if decimals > 0 else ""), 1)


@functools.cache
def _euros_pattern(locale_: str) -> str:
    """The locale's currency pattern without cents (``#,##0 ¤``, ``¤#,##0``)."""
    return _Locale.parse(locale_).currency_formats["standard"].pattern.split(";")[0].replace(".00", "")


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")  # pandas' NA and NaT


def _spaces(text: str, plain: bool) -> str:
    return text.translate(_SPACES) if plain else text


def number(value: float | None, decimals: int = 0, *, plain: bool = False) -> str:
    """``value`` with exactly ``decimals`` decimals (half to even), the language's
    decimal mark and grouped thousands: ``number(1234.5, 1)`` → ``'1 234,5'``
    (``'1,234.5'`` in English)."""
    if _missing(value):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    text = _numbers.format_decimal(value, format=pattern, locale=locale(), decimal_quantization=True)
    return _spaces(text, plain)


def percent(value: float | None, decimals: int = 0, *, plain: bool = False) -> str:
    """A share (``0.425``) as a percentage: ``'42 %'`` (half to even)."""
    if _missing(value):
        return MISSING
    current = locale()
    text = _numbers.format_percent(
        value, format=_percent_pattern(current, decimals), locale=current, decimal_quantization=True
    )
    return _spaces(text, plain)


def _local(value: dt.datetime) -> dt.datetime:
    aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    return aware.astimezone(_dates.get_timezone(TIMEZONE))


def date(value: dt.date | dt.datetime | None) -> str:
    """A day as ``dd/mm/yyyy``; a datetime is first put in Paris time."""
    if _missing(value):
        return MISSING
    if isinstance(value, dt.datetime):
        value = _local(value).date()
    return _dates.format_date(value, format="dd/MM/yyyy", locale=locale())


def datetime(value: dt.datetime | None) -> str:
    """A moment as ``dd/mm/yyyy hh:mm`` in Paris time (naive: UTC)."""
    if _missing(value):
        return MISSING
    return _dates.format_datetime(_local(value), format="dd/MM/yyyy HH:mm", locale=locale())


def month(value: str) -> str:
    """A month ``YYYY-MM`` as ``janv. 2027`` (abbreviated month name, year)."""
    year, number_ = (int(part) for part in value.split("-"))
    return _dates.format_date(dt.date(year, number_, 1), format="MMM yyyy", locale=locale())


def euros(value: float | None, *, plain: bool = False) -> str:
    """An amount in euros, no cents (``12 500 €``)."""
    if _missing(value):
        return MISSING
    current = locale()
    text = _numbers.format_currency(value, "EUR", format=_euros_pattern(current), locale=current, currency_digits=False)
    return _spaces(text, plain)
