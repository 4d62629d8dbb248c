"""CSV cells that a spreadsheet will not run as formulas.

A resident's title such as ``=HYPERLINK("http://…")`` would become a live formula
when an agent opens a CSV in a spreadsheet. Following OWASP's CSV-injection advice,
a text cell is prefixed with an apostrophe when it starts with ``= + - @ |``, a tab or
a carriage return, also when that character is written in another form that the
spreadsheet folds into it (full-width ``＝``: the text is normalised with NFKC before
looking), or hidden behind invisible or separating characters that a spreadsheet skips
or splits on (a byte-order mark, zero-width and other format characters, spaces and
control characters, and the field separators ``; , |``: ``;=1+1`` becomes a formula
when the file is opened with ``;`` as separator).

Numbers are left alone, also when they are text (``-182326.63`` read back from a file),
so that a rejects file, once corrected, imports again.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

__all__ = ["is_formula", "safe_cell", "safe_frame"]

_TRIGGERS = frozenset("=+-@|\t\r\n")
_SEPARATORS = frozenset(";,|")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def _skipped(char: str) -> bool:
    """A character a spreadsheet skips or splits on before it looks for a formula."""
    return char.isspace() or char in _SEPARATORS or unicodedata.category(char) in {"Cc", "Cf", "Zs", "Zl", "Zp"}


def is_formula(value: str) -> bool:
    """Whether a spreadsheet could evaluate text ``value`` (a plain number is not)."""
    folded = unicodedata.normalize("NFKC", value)
    if _PLAIN_NUMBER.fullmatch(folded):
        return False
    for char in folded:
        if char in _TRIGGERS:
            return True
        if not _skipped(char):
            return False
    return False


def safe_cell(value: object) -> object:
    """``value`` with a leading apostrophe if it is text a spreadsheet would evaluate."""
    if isinstance(value, str) and is_formula(value):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells are :func:`safe_cell`."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(safe_cell)
    return out
