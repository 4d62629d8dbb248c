"""The server shell's pure parts (cartoparti.server): the policy fitted to the basemap,
the page's language, where the session route may send a browser back, serve.py's options."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
import streamlit as st

from cartoparti import server as shell
from cartoparti.settings import Settings


def _directive(policy: str, name: str) -> list[str]:
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    raise AssertionError(f"no {name} in {policy}")


def test_the_policy_allows_our_origin_only_without_a_basemap():
    policy = shell.content_security_policy(Settings.from_env({}))
    assert _directive(policy, "img-src") == ["'self'", "data:", "blob:"]
    assert _directive(policy, "connect-src") == ["'self'"]
    assert _directive(policy, "frame-ancestors") == ["'self'"]
    assert "'unsafe-inline'" not in _directive(policy, "script-src")
    assert not any("http" in word for word in policy.split())


def test_the_policy_hashes_the_inline_script_of_streamlit_s_page():
    index = (Path(st.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    inline = re.findall(r"<script>(.*?)</script>", index, flags=re.DOTALL)
    assert inline, "Streamlit's page changed: check its inline scripts"
    scripts = _directive(shell.content_security_policy(Settings.from_env({})), "script-src")
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in scripts


@pytest.mark.parametrize(
    ("env", "origin"),
    [
        ({"CARTOPARTI_BASEMAP": "plan-ign"}, "https://data.geopf.fr"),
        ({"CARTOPARTI_TILES_URL": "https://tiles.example.org:8443/{z}/{x}/{y}.png"}, "https://tiles.example.org:8443"),
        ({"CARTOPARTI_TILES_URL": "https://{s}.tile.example.org/{z}/{x}/{y}.png"}, "https://*.tile.example.org"),
    ],
)
def test_a_basemap_adds_its_tile_origin_to_images_only(env, origin):
    policy = shell.content_security_policy(Settings.from_env(env))
    assert _directive(policy, "img-src")[-1] == origin
    assert origin not in _directive(policy, "script-src") + _directive(policy, "connect-src")


def test_tiles_of_our_own_server_add_nothing():
    policy = shell.content_security_policy(Settings.from_env({"CARTOPARTI_TILES_URL": "/app/static/t/{z}/{x}/{y}.png"}))
    assert _directive(policy, "img-src") == ["'self'", "data:", "blob:"]


def test_the_map_frame_alone_may_run_the_script_it_builds():
    frame = shell.content_security_policy(Settings.from_env({}), frame=True)
    assert {"'unsafe-inline'", "'unsafe-eval'"} <= set(_directive(frame, "script-src"))
    assert _directive(frame, "frame-ancestors") == ["'self'"]


def test_the_page_says_the_active_language():
    assert shell._with_language(b'<!doctype html><html lang="en"><head>') == b'<!doctype html><html lang="fr"><head>'
    assert shell._with_language(b"<html><body>") == b'<html lang="fr"><body>'
    assert shell._with_language(b'<html style="x" lang="en">') == b'<html style="x" lang="fr">'
    assert shell._with_language(b"no page") == b"no page"


@pytest.mark.parametrize(
    ("value", "kept"),
    [("/carte", "/carte"), ("/contribution?id=1", "/contribution?id=1"), ("//evil.example", "/connexion"),
     ("/\\evil.example", "/connexion"), ("https://evil.example", "/connexion"), ("", "/connexion"),
     (None, "/connexion"), ("/x\nSet-Cookie: a=b", "/connexion")],
)
def test_the_session_route_sends_back_to_this_site_only(value, kept):
    assert shell._safe_next(value) == kept


def test_serve_takes_streamlit_s_options_as_streamlit_run_does():
    assert shell.run_config(["--server.port", "8600", "--server.address", "0.0.0.0",
                             "--server.headless", "true"]) == {
        "server.port": 8600, "server.address": "0.0.0.0", "server.headless": True}
    for bad in (["--server.port"], ["--no.such", "1"], ["server.port", "1"]):
        with pytest.raises(SystemExit, match="Option inconnue"):
            shell.run_config(bad)


def test_serve_py_is_an_st_app_that_streamlit_run_finds():
    from streamlit.web.server.app_discovery import discover_asgi_app

    found = discover_asgi_app(Path(__file__).resolve().parent.parent / "serve.py")
    assert found.is_asgi_app and found.import_string.endswith(":app")


def test_the_shell_names_the_browser_cookie_as_the_pages_read_it():
    from cartoparti.web import identity

    assert shell.BROWSER_COOKIE == identity.BROWSER_COOKIE


def test_the_shell_loads_without_the_app_s_modules():
    import subprocess
    import sys

    code = ("import sys; import cartoparti.server; "
            "print(sorted(m for m in ('cartoparti.web', 'streamlit_folium', 'geopandas') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    assert done.stdout.strip() == "[]"
