"""The small pure helpers of the streamlit layer."""

import re

import pytest

from cartoparti import web


def test_md_makes_markdown_and_html_inert():
    assert web.md("**x** [a](javascript:alert(1)) <b>y</b>") == (
        r"\*\*x\*\* \[a\]\(javascript\:alert\(1\)\) &lt;b&gt;y&lt;/b&gt;"
    )


@pytest.mark.parametrize(
    "text",
    [
        "**gras** _italique_ `code` ~~barré~~",
        "[lien](https://exemple.fr) ![image](x.png) <https://exemple.fr>",
        "# titre\n- liste\n1. un\n> citation\n---",
        ":red[rouge] :material/home: $x^2$ | a | b |",
        "<script>alert(1)</script> <img src=x onerror=alert(1)> &amp;",
        "a\\*b\\",
    ],
)
def test_md_leaves_no_live_markup(text):
    out = web.md(text)
    assert "\n" not in out  # one line: no heading, list or quote can start
    assert "<" not in out and ">" not in out
    # every character markdown or streamlit reads is escaped by a backslash
    unescaped = re.sub(r"\\.", "", out)
    assert not re.search(r"[\\`*_{}\[\]()#+\-.!|~$:=]", unescaped), out


def test_md_of_nothing_is_empty():
    assert web.md(None) == "" and web.md("") == ""
    assert web.md(42) == "42"


def test_french_numbers_for_display():
    import math

    import pandas as pd

    from cartoparti.web import french_numbers

    table = pd.DataFrame({"rate": [0.425, math.nan], "days": [3.25, None], "n": [4, 5]})
    shown = french_numbers(table, percent=("rate",), decimals=("days",))
    assert list(shown["rate"]) == ["42 %", "—"]
    assert list(shown["days"]) == ["3,2", "—"]
    assert list(shown["n"]) == [4, 5]


def test_show_map_sends_nothing_back(monkeypatch):
    calls = []
    monkeypatch.setattr(web, "st_folium", lambda fmap, **kwargs: calls.append((fmap, kwargs)))
    fmap = object()
    web.show_map(fmap, key="m", height=300)
    assert calls == [(fmap, {"key": "m", "height": 300, "use_container_width": True, "returned_objects": []})]
