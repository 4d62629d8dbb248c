"""The formula guard of CSV cells (:mod:`cartoparti.io.csvsafe`), OWASP's list and a
spreadsheet's ways of reading a formula behind other characters."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cartoparti.io.csvsafe import safe_cell, safe_frame

# characters a spreadsheet skips or splits on before it finds the formula
INVISIBLE = ["\ufeff", "\u200b", "\u200c", "\u200d", "\u2060", " ", "\u00a0", "\u3000", "\t", "\r", "\n",
             ";", ",", "|", "\x00", "\x1f"]
TRIGGERS = ["=", "+", "-", "@", "|", "＝", "＋", "－", "＠", "｜", "\t", "\r"]


@pytest.mark.parametrize(
    "cell",
    ["＝1+1", "\ufeff=1+1", ";=1+1", "|=1+1", ",=1+1", "  =1+1", "\u200b@SUM(A1)", "=cmd|' /C calc'!A0",
     "|cmd", "\t=1", "\r=1", "\u00a0+1+1", "＠SUM(A1)", "；=1+1"],
)
def test_hidden_and_full_width_formulas_are_guarded(cell):
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-2.7834", "-182326.63", "+3.5e2", "－１２", "50.43", "Aville", "Rue d'Arras",
                                  "3 arbres", "école = joie", "a;b", "'=déjà gardé"])
def test_numbers_and_plain_text_are_left_alone(cell):
    assert safe_cell(cell) == cell


@given(st.lists(st.sampled_from(INVISIBLE), max_size=4), st.sampled_from(TRIGGERS), st.text(max_size=20))
def test_any_formula_behind_invisible_characters_is_guarded(prefix, trigger, body):
    cell = "".join(prefix) + trigger + body
    folded = unicodedata.normalize("NFKC", cell).strip()
    if folded.lstrip("+-").replace(".", "", 1).replace(",", "", 1).isdigit() and folded[:1] in "+-":
        return  # a plain signed number (e.g. "-12"): a number, not a formula
    assert safe_cell(cell) == "'" + cell


@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers())
def test_numbers_stay_numbers(number):
    assert safe_cell(str(number)) == str(number)
    assert safe_cell(number) == number


@given(st.text())
def test_the_guard_only_ever_adds_one_apostrophe(cell):
    out = safe_cell(cell)
    assert out in (cell, "'" + cell)
    # what a spreadsheet reads first, once invisible characters are skipped, is never a trigger
    folded = unicodedata.normalize("NFKC", out)
    first = folded.lstrip("".join(INVISIBLE) + "\u2028\u2029\u0085\x0b\x0c\x1c\x1d\x1e")[:1]
    if first in {"=", "+", "-", "@", "|"} and out == cell:
        assert folded.strip().lstrip("+-")[:1].isdigit() or folded.strip()[:1] in ".,"


def test_safe_frame_guards_text_columns_only():
    import pandas as pd

    frame = pd.DataFrame({"title": ["＝1+1", "Aville"], "lon": [-2.5, 2.8], "code": ["-2.5", "62498"]})
    out = safe_frame(frame)
    assert list(out.title) == ["'＝1+1", "Aville"]
    assert list(out.lon) == [-2.5, 2.8] and list(out.code) == ["-2.5", "62498"]
