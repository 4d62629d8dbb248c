"""Nothing typed by a resident, an import or a territory file is read as markdown: every
page, filled with hostile text through every door, shows markdown bodies in which
links, autolinks, ``:red[…]`` and ``:material/…:`` directives are escaped."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from cartoparti import web
from tests.xss_fixture import (
    ATTRIBUTION,
    MARKDOWN_SIGNS,
    TERRITORY_NAME,
    hostile_database,
    hostile_territory,
)

ROOT = web.settings.PROJECT_ROOT
PAGES = ["app.py", *(p for p, _, _ in web.PUBLIC_PAGES[1:] + web.AGENT_PAGES + web.ADMIN_PAGES)]
PLAIN = {"text", "code", "json", "dataframe", "arrow_data_frame", "exception"}
"""Elements shown as plain text (no markdown) whose body may hold the raw words."""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    territory = hostile_territory(folder)
    ids = hostile_database(folder / "hostile.duckdb", territory)
    return folder / "hostile.duckdb", territory, ids


@pytest.fixture
def hostile_env(hostile, monkeypatch):
    db, territory, ids = hostile
    monkeypatch.setenv("CARTOPARTI_DB", str(db))
    monkeypatch.setenv("CARTOPARTI_TERRITORY", str(territory))
    monkeypatch.delenv("CARTOPARTI_TILES_URL", raising=False)
    return ids


def _walk(node):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _walk(child)


def markdown_texts(at: AppTest) -> list[tuple[str, str]]:
    """(element type, text) of everything the page hands to Streamlit's markdown:
    bodies of markdown, titles, captions, alerts, toasts; labels; radio options."""
    found = []
    for node in _walk(at._tree):
        kind = str(getattr(node, "type", ""))
        if kind in PLAIN:
            continue
        proto = getattr(node, "proto", None)
        if kind in {"markdown", "title", "subheader", "header", "caption", "error", "warning", "info", "success",
                    "toast", "latex"} or type(node).__name__ in {"Markdown", "Caption", "Title", "Header", "Subheader"}:
            value = getattr(node, "value", None)
            if isinstance(value, str):
                found.append((kind, value))
        label = getattr(node, "label", None)
        if isinstance(label, str):
            found.append((kind + ".label", label))
        help_ = getattr(proto, "help", None) if proto is not None else None
        if isinstance(help_, str) and help_:
            found.append((kind + ".help", help_))
        if kind == "radio":
            found.extend((kind + ".option", str(o)) for o in node.options)
    return found


def _open(page: str, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.session_state["user"] = {"name": "alice", "role": "admin"}
    at.run()
    if page != "app.py":
        for key, value in query.items():
            at.query_params[key] = value
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _assert_inert(at: AppTest, page: str) -> list[tuple[str, str]]:
    texts = markdown_texts(at)
    assert texts, page
    for kind, text in texts:
        unescaped = re.sub(r"\\.", "§", text)  # what markdown reads as syntax: escaped characters gone
        for sign in MARKDOWN_SIGNS:
            assert sign not in unescaped, f"{page}: {kind} interprets {sign!r}: {text[:300]!r}"
        lowered = text.lower()
        for tag in ("<script", "<img", "<svg", "<iframe", "onerror=", "javascript:"):
            assert tag not in lowered, f"{page}: {kind} holds raw {tag!r}: {text[:300]!r}"
    return texts


@pytest.mark.parametrize("page", PAGES)
def test_every_page_keeps_hostile_text_inert(hostile_env, page):
    at = _open(page)
    texts = _assert_inert(at, page)
    bodies = " ".join(text for _, text in texts)
    if page == "app.py":
        # the territory's name is there, escaped: shown as its characters, not as markdown
        assert web.md(TERRITORY_NAME) in [t for k, t in texts if k == "subheader"]
    if page in {"app.py", "pages/carte.py", "pages/contribuer.py", "pages/lieux.py"}:
        assert web.md(ATTRIBUTION) in bodies  # the footer of the sources


def test_a_contribution_page_with_hostile_answers_is_inert(hostile_env):
    first = hostile_env["form"][0]
    at = _open("pages/contribution.py", id=first)
    texts = _assert_inert(at, "contribution")
    assert any(k == "markdown" and text.startswith("### ") for k, text in texts)


def test_the_follow_page_of_a_hostile_resident_is_inert(hostile_env):
    at = _open("pages/suivi.py")
    at.text_input[0].input(hostile_env["follow_code"][0])
    (at.button[0].click() if at.button else at).run()
    assert not at.exception
    texts = _assert_inert(at, "suivi")
    assert sum(1 for k, t in texts if k == "markdown" and t.startswith("####")) >= 50  # every contribution


def test_field_entry_receipt_escapes_the_zone_name(hostile_env, monkeypatch):
    from cartoparti.commands.contribute import Receipt

    at = _open("pages/saisie_terrain.py")
    at.session_state["field_receipt"] = Receipt(id="x1", zone_code="62133", zone_name=":red[**Billy**] [lien](https://evil.example/z)",
                                                published=True, follow_code="ABCD")
    at.run()
    success = [s.value for s in at.success]
    assert any(web.md(":red[**Billy**] [lien](https://evil.example/z)") in s for s in success), success
    _assert_inert(at, "saisie_terrain")


def test_md_escapes_what_streamlit_would_interpret():
    assert web.md(":red[**x**]") == r"\:red\[\*\*x\*\*\]"
    assert web.md("https://evil.example/a") == "https\u2060" + r"\://evil\.example/a"  # no autolink
    assert web.md("www.evil.example") == "www\u2060" + r"\.evil\.example"
    assert web.md("moi@evil.example") == "moi\u2060@evil" + r"\.example"
    assert web.md("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
