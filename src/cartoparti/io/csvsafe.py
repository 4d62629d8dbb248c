"""CSV cells that a spreadsheet will not run as formulas.

A resident's title such as ``=HYPERLINK("http://…")`` would become a live formula
when an agent opens a CSV in a spreadsheet. Text cells starting with ``= + - @``, a
tab or a carriage return are prefixed with an apostrophe (OWASP's advice); numbers
are left alone, also when they are text (``-182326.63`` read back from a file), so that
a rejects file, once corrected, imports again.
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["safe_cell", "safe_frame"]

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def safe_cell(value: object) -> object:
    """``value`` with a leading apostrophe if it is text a spreadsheet would evaluate."""
    if isinstance(value, str) and value.startswith(_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells are :func:`safe_cell`."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(safe_cell)
    return out
