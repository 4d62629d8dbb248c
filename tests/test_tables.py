"""Analysis tables as CSV or JSON bytes (:mod:`cartoparti.io.tables`)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from cartoparti._errors import ValidationError
from cartoparti.io import tables


def test_table_bytes_formats():
    frame = pd.DataFrame({"a": [1.23456789, float("nan")], "b": pd.array([1, None], dtype="Int64"),
                          "ok": [True, False]})
    assert tables.table_bytes(frame).decode() == "a,b,ok\n1.234568,1,true\n,,false\n"
    assert json.loads(tables.table_bytes(frame, "json")) == [
        {"a": 1.234568, "b": 1, "ok": True}, {"a": None, "b": None, "ok": False},
    ]
    with pytest.raises(ValidationError):
        tables.table_bytes(frame, "xlsx")


def test_table_bytes_keeps_spreadsheets_from_running_formulas():
    frame = pd.DataFrame({"zone_name": ["=HYPERLINK(\"http://x\")", "Aville"], "n": [-1, 2]})
    assert tables.table_bytes(frame).decode() == "zone_name,n\n\"'=HYPERLINK(\"\"http://x\"\")\",-1\nAville,2\n"


@pytest.mark.parametrize(
    ("cell", "guarded"),
    [("-182326.63", False), ("+3.5e2", False), ("-0,5", False), ("12", False),
     ("-1+2", True), ("=1", True), ("-A1", True), ("+cmd|' /C calc'!A0", True), ("@SUM(A1)", True),
     ("- 3", True), ("-", True)],
)
def test_the_formula_guard_leaves_plain_numbers_alone(cell, guarded):
    from cartoparti.io.csvsafe import safe_cell

    assert safe_cell(cell) == ("'" + cell if guarded else cell)
