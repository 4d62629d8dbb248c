"""No traceback ever reaches a visitor: a failing page or callback shows a short French
message, and the details go to the server's log."""

from __future__ import annotations

import logging
import tomllib

import pytest

from cartoparti import web
from cartoparti.storage.duckdb import DuckDBStorage as Storage
from tests.conftest import ROOT
from tests.test_app import _fill, _no_map, run

SECRET = "/srv/secret/path/cartoparti.duckdb"


def _all_text(at) -> str:
    return " ".join(str(getattr(e, "value", "")) for e in at.main)


def test_streamlit_shows_no_error_details():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"


def test_a_failing_page_shows_a_french_message_and_logs_the_details(app_env, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError(f"database is locked: {SECRET}")

    monkeypatch.setattr(Storage, "count_contributions", broken)
    with caplog.at_level(logging.ERROR, logger="cartoparti"):
        at = run("app.py")
    assert not at.exception
    assert [e.value for e in at.error] == [web.FAILURE_MESSAGE]
    assert SECRET not in _all_text(at) and "Traceback" not in _all_text(at)
    assert any(SECRET in (r.exc_text or "") or SECRET in str(r.exc_info) for r in caplog.records)


@pytest.mark.parametrize("page", ["pages/carte.py", "pages/contribution.py"])
def test_other_pages_fail_the_same_way(app_env, monkeypatch, page):
    at = run("app.py")

    def broken(*args, **kwargs):
        raise ValueError(SECRET)

    monkeypatch.setattr(Storage, "contributions", broken)
    at.switch_page(page).run()
    assert not at.exception
    assert [e.value for e in at.error] == [web.FAILURE_MESSAGE]
    assert SECRET not in _all_text(at)


def test_a_failing_callback_keeps_what_was_typed(app_env, monkeypatch, caplog):
    at = _no_map(run("pages/contribuer.py"))
    _fill(at, title="Un banc, s'il vous plaît", text="Près de l'école")

    def broken(*args, **kwargs):
        raise RuntimeError(SECRET)

    monkeypatch.setattr(Storage, "add_contribution", broken)
    with caplog.at_level(logging.ERROR, logger="cartoparti"):
        at.button[0].click().run()
    assert not at.exception
    assert web.FAILURE_MESSAGE in [e.value for e in at.error]
    assert SECRET not in _all_text(at)
    v = at.session_state["form_version"]
    assert at.text_input(key=f"title_{v}").value == "Un banc, s'il vous plaît"
    assert at.text_area(key=f"text_{v}").value == "Près de l'école"
    assert any("callback _submit failed" in r.getMessage() for r in caplog.records)
