"""The app inside its server shell (serve.py): security headers on every response, the
page's language, the signed browser cookie, XSRF protection, no CSP violation on the real
pages (the map frame and the contribution form included), a sign-in that survives a
reload and a new tab and ends when it should, and a busy database told in French."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.client import HTTPResponse

import pytest

from cartoparti.commands import accounts as auth
from cartoparti.commands.sessions import SESSION_COOKIE, SIGN_OUT_ROUTE
from cartoparti.storage import open_storage
from cartoparti.web.identity import BROWSER_COOKIE
from tests.browser.streamlit_ui import fill, goto, map_frame, select, settled, submit
from tests.browser.test_agents_loop import PASSWORD
from tests.conftest import ROOT, AppServer

pytestmark = pytest.mark.browser

# every security-policy violation of any frame is written to the console, where the test reads it
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => console.error(
  "CSP violation: " + e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber));
"""
TRACE = re.compile(r"Traceback|File \"|\.duckdb|\.py\b|PID|/tmp/|IOException|lock on file", re.IGNORECASE)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url: str, *, headers: dict[str, str] | None = None, method: str = "GET") -> HTTPResponse:
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        return opener.open(request, timeout=30)
    except urllib.error.HTTPError as exc:  # 3xx, 4xx: the response is what is tested
        return exc  # type: ignore[return-value]


@pytest.fixture(scope="module")
def server(tmp_path_factory, template_db):
    import shutil

    path = tmp_path_factory.mktemp("shell") / "cartoparti.duckdb"
    shutil.copy(template_db, path)
    with open_storage(path) as store:
        auth.add_user(store, "alice", role="agent", password=PASSWORD)
    app = AppServer(path)
    yield app
    app.stop()


def _context(browser):
    context = browser.new_context(viewport={"width": 1300, "height": 1000}, locale="fr-FR")
    context.add_init_script(REPORT_VIOLATIONS)
    return context


def _watch(page) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "CSP violation" in m.text
            or "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    return problems


# -- headers ------------------------------------------------------------------------
PATHS = ["/", "/carte", "/connexion", "/page-inconnue", "/_stcore/health", "/_stcore/host-config",
         "/app/static/vendor/leaflet/leaflet.js", "/component/streamlit_folium.st_folium/index.html",
         "/_cartoparti/redirect.js", "/_cartoparti/session", "/_stcore/nope"]


def _tampered(signed: str) -> str:
    """``signed`` (``value.stamp.signature``) with its signature's first character
    changed (its last characters carry bits that base64 decoding drops)."""
    head, _, mac = signed.rpartition(".")
    return f"{head}.{'A' if mac[0] != 'A' else 'B'}{mac[1:]}"


@pytest.mark.parametrize("path", PATHS)
def test_every_response_carries_the_security_headers(server, path):
    response = _get(server.url + path)
    headers = response.headers
    assert response.status < 500, path
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'self'" in policy
    assert "object-src 'none'" in policy and "base-uri 'self'" in policy
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers.get("Server") is None  # no banner, no version
    assert len(headers.get_all("Content-Security-Policy")) == 1
    if path.startswith("/component/"):  # streamlit-folium builds the map's script at run time
        assert "'unsafe-inline'" in policy.split("script-src")[1].split(";")[0]
    else:
        assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
        assert "'unsafe-eval'" not in policy


def test_the_page_says_its_language_and_gives_the_browser_a_signed_id(server):
    # the first page opens the database for the site's secret, without waiting more than
    # 2 s for it: the id comes with the first response once the secret is known
    for _ in range(120):
        response = _get(server.url + "/carte", headers={"Accept-Encoding": "gzip"})
        if response.headers.get("Set-Cookie"):
            break
        time.sleep(0.5)
    body = response.read().decode()
    assert re.search(r'<html lang="fr"', body)
    assert int(response.headers["Content-Length"]) == len(body.encode())
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{BROWSER_COOKIE}=")
    for flag in ("HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=34560000"):
        assert flag in cookie
    assert "Secure" not in cookie  # plain http here; https (behind the proxy) adds it
    value = cookie.split(";")[0]
    again = _get(server.url + "/", headers={"Cookie": value})
    assert again.headers.get("Set-Cookie") is None  # known browser: kept
    forged = _tampered(value)
    renewed = _get(server.url + "/", headers={"Cookie": forged})
    assert renewed.headers["Set-Cookie"].startswith(f"{BROWSER_COOKIE}=")
    assert renewed.headers["Set-Cookie"].split(";")[0] != forged
    secure = _get(server.url + "/", headers={"X-Forwarded-Proto": "https"})
    assert "Secure" in secure.headers["Set-Cookie"]


def test_xsrf_protection_stays_on(server):
    refused = _get(server.url + "/_stcore/upload_file/some-session/some-file", method="PUT")
    assert refused.status == 403


def test_the_session_route_never_sends_elsewhere_nor_signs_in_without_a_ticket(server):
    for target in ("//evil.example/x", "https://evil.example", "/\\evil.example", ""):
        response = _get(f"{server.url}/_cartoparti/session?ticket=made-up&next={target}")
        assert response.status == 303 and response.headers["Location"] == "/connexion"
        assert SESSION_COOKIE not in (response.headers.get("Set-Cookie") or "")
    kept = _get(f"{server.url}/_cartoparti/session?next=/carte")
    assert kept.headers["Location"] == "/carte"


# -- the real pages under the policy ----------------------------------------------------
def test_the_pages_map_and_form_work_under_the_policy(server, browser):
    context = _context(browser)
    page = context.new_page()
    page.set_default_timeout(30_000)
    problems = _watch(page)
    goto(page, f"{server.url}/")
    assert page.evaluate("document.documentElement.lang") == "fr"
    # the contribution form, with the map: a click places the point, the form sends it
    goto(page, f"{server.url}/contribuer")
    frame = map_frame(page)
    page.wait_for_timeout(1500)
    container = frame.locator(".leaflet-container")
    box = container.bounding_box()
    container.click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    page.get_by_text("Lieu choisi : un point").wait_for(timeout=30_000)
    select(page, "Type de contribution *", "dysfonctionnement")
    fill(page, "Titre *", "Sous la politique de sécurité")
    select(page, "Thème *", "sécurité")
    submit(page, "Envoyer ma contribution")
    page.get_by_text("Merci ! Votre contribution").wait_for(timeout=30_000)
    # the map frame draws it, and its popup opens
    goto(page, f"{server.url}/carte")
    frame = map_frame(page)
    settled(page)
    marker = frame.locator(".cp-icon.cp-report")
    marker.wait_for()
    marker.click()
    frame.locator(".leaflet-popup-content").get_by_text("Sous la politique de sécurité").wait_for()
    for path in ("contribution", "suivi", "histoire", "plan_public", "connexion"):
        goto(page, f"{server.url}/{path}")
        settled(page)
    assert problems == []
    context.close()


# -- a sign-in that survives a reload and a new tab -----------------------------------------
SIGNED_IN = "Connecté(e) : bruno"


def _sign_in(page, url: str) -> None:
    goto(page, f"{url}/connexion")
    fill(page, "Nom d'utilisateur", "bruno")
    fill(page, "Mot de passe", PASSWORD)
    submit(page, "Se connecter")
    # the page hands its ticket to the server shell, which sets the cookie and comes back
    for _ in range(600):
        if SESSION_COOKIE in {c["name"] for c in page.context.cookies()}:
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("no session cookie")
    page.wait_for_url(re.compile(r"/connexion$"))
    page.get_by_text(SIGNED_IN).wait_for(timeout=60_000)


def _signed_in(page, url: str) -> bool:
    goto(page, f"{url}/connexion")
    settled(page)
    return page.get_by_text(SIGNED_IN).count() > 0


def _cli(url: str, *args: str, password: str | None = None) -> None:
    done = subprocess.run([sys.executable, "-m", "cartoparti", "--db", url, *args], cwd=ROOT,
                          input=(password + "\n") if password else None, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr


def test_a_sign_in_survives_a_reload_and_a_new_tab_and_ends_when_it_should(pg_url, tmp_path, browser):
    import psycopg

    _cli(pg_url, "user", "add", "bruno", "--role", "agent", password=PASSWORD)
    server = AppServer(pg_url, log=tmp_path / "server.log")
    context = _context(browser)
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        problems = _watch(page)
        _sign_in(page, server.url)
        cookie = next(c for c in context.cookies() if c["name"] == SESSION_COOKIE)
        assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
        assert 11.9 * 3600 < cookie["expires"] - time.time() <= 12 * 3600 + 5
        assert page.evaluate("document.cookie").find(SESSION_COOKIE) == -1  # out of scripts' reach
        page.reload()
        page.get_by_text(SIGNED_IN).wait_for(timeout=60_000)
        other = context.new_page()
        other.set_default_timeout(30_000)
        goto(other, f"{server.url}/reponses")
        other.get_by_role("heading", name="Traiter et répondre").wait_for(timeout=60_000)
        other.close()
        # the password changed (from the command line): signed out at the next load
        _cli(pg_url, "user", "add", "bruno", "--role", "agent", password=PASSWORD + " neuf")
        assert not _signed_in(page, server.url)
        # signed in again, then the account removed
        _cli(pg_url, "user", "add", "bruno", "--role", "agent", password=PASSWORD)
        _sign_in(page, server.url)
        _cli(pg_url, "user", "remove", "bruno")
        assert not _signed_in(page, server.url)
        # signed in again, then the session expires
        _cli(pg_url, "user", "add", "bruno", "--role", "agent", password=PASSWORD)
        _sign_in(page, server.url)
        with psycopg.connect(pg_url) as con:
            con.execute("UPDATE web_sessions SET expires_at = now() AT TIME ZONE 'UTC' - interval '1 minute'")
        assert not _signed_in(page, server.url)
        # signed in again, then the cookie is tampered with, or forged
        _sign_in(page, server.url)
        good = next(c for c in context.cookies() if c["name"] == SESSION_COOKIE)
        for value in (_tampered(good["value"]),
                      "Ijk5OTk5OSI.aw-mww.forged-signature", "bruno"):
            context.add_cookies([{**good, "value": value}])
            assert not _signed_in(page, server.url), value
        context.add_cookies([good])
        assert _signed_in(page, server.url)
        # sign-out: the cookie is cleared and, brought back, opens nothing
        # the page shows the sign-in form at once, then hands the browser to the server
        # shell, which clears the cookie and comes back: wait for that round trip
        # (the request that follows its redirect exists once the browser has applied it)
        with page.expect_request(lambda r: r.redirected_from is not None and SIGN_OUT_ROUTE in r.redirected_from.url,
                                 timeout=60_000) as back:
            page.get_by_role("button", name="Se déconnecter").click()
        assert back.value.url.endswith("/connexion")
        page.get_by_role("button", name="Se connecter").wait_for(timeout=60_000)
        assert SESSION_COOKIE not in {c["name"] for c in context.cookies()}
        context.add_cookies([good])
        assert not _signed_in(page, server.url)
        assert problems == []
    finally:
        context.close()
        server.stop()


# -- a busy database ---------------------------------------------------------------------
HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("held", flush=True)
sys.stdin.readline()
"""


def test_a_busy_database_says_try_again_and_the_page_retries(db_path, browser):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"  # a real lock, by another process
    server = AppServer(db_path)
    context = _context(browser)
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{server.url}/carte")
        page.get_by_text("réessayez dans un").wait_for(timeout=60_000)
        text = page.locator('[data-testid="stApp"]').inner_text()
        assert not TRACE.search(text), text
        assert page.locator('[data-testid="stException"]').count() == 0
        # a shell route answers in French too, without a path
        response = _get(f"{server.url}/_cartoparti/sign-out")
        assert response.status in (303, 503)
        if response.status == 503:
            body = response.read().decode()
            assert "réessayez" in body and not TRACE.search(body)
        # the other process lets go: the page comes back by itself
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
        page.get_by_role("heading", name="Carte des contributions").wait_for(timeout=60_000)
        settled(page)  # the run that found the database finished: the notice is gone
        assert page.get_by_text("réessayez dans un").count() == 0
        map_frame(page)
    finally:
        context.close()
        server.stop()
        if holder.poll() is None:
            holder.kill()
