"""Numbers and dates written the French way, with babel (locale ``fr_FR``).

Babel follows the CLDR: a no-break space before ``%`` and a narrow no-break space
between thousands. ``plain=True`` writes ordinary spaces instead, for text that is
compared or searched as typed. A missing value (``None``, NaN, NaT) is written
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
import math

from babel import dates as _dates
from babel import numbers as _numbers

__all__ = ["LOCALE", "MISSING", "TIMEZONE", "date", "datetime", "euros", "month", "number", "percent"]

LOCALE = "fr_FR"
TIMEZONE = "Europe/Paris"
MISSING = "—"
"""What a missing value is written as."""

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")  # pandas' NA and NaT


def _spaces(text: str, plain: bool) -> str:
    return text.translate(_SPACES) if plain else text


def number(value: float | None, decimals: int = 0, *, plain: bool = False) -> str:
    """``value`` with exactly ``decimals`` decimals (half to even), a decimal comma and
    grouped thousands: ``number(1234.5, 1)`` → ``'1 234,5'``."""
    if _missing(value):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    text = _numbers.format_decimal(value, format=pattern, locale=LOCALE, decimal_quantization=True)
    return _spaces(text, plain)


def percent(value: float | None, decimals: int = 0, *, plain: bool = False) -> str:
    """A share (``0.425``) as a percentage: ``'42 %'`` (half to even)."""
    if _missing(value):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "") + "\u00a0%"
    text = _numbers.format_percent(value, format=pattern, locale=LOCALE, decimal_quantization=True)
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
    return _dates.format_date(value, format="dd/MM/yyyy", locale=LOCALE)


def datetime(value: dt.datetime | None) -> str:
    """A moment as ``dd/mm/yyyy hh:mm`` in Paris time (naive: UTC)."""
    if _missing(value):
        return MISSING
    return _dates.format_datetime(_local(value), format="dd/MM/yyyy HH:mm", locale=LOCALE)


def month(value: str) -> str:
    """A month ``YYYY-MM`` as ``janv. 2027`` (abbreviated month name, year)."""
    year, number_ = (int(part) for part in value.split("-"))
    return _dates.format_date(dt.date(year, number_, 1), format="MMM yyyy", locale=LOCALE)


def euros(value: float | None, *, plain: bool = False) -> str:
    """An amount in euros, no cents (``12 500 €``)."""
    if _missing(value):
        return MISSING
    return _spaces(_numbers.format_currency(value, "EUR", format="#,##0 ¤", locale=LOCALE, currency_digits=False), plain)
