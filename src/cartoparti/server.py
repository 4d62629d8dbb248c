"""The server shell around the Streamlit app (``serve.py``, Streamlit's ``st.App``).

It sits above :mod:`cartoparti.web` and imports it only when a request needs the store
(the app's heavy modules load with its first page, as under ``streamlit run``, and a
component declared before the runtime exists would not be served).

What a Streamlit script cannot do, because it speaks to the browser through a
WebSocket, the shell does on the HTTP responses:

- security headers on every response (:func:`security_headers`): a
  Content-Security-Policy fitted to what the app serves, ``frame-ancestors 'self'`` and
  ``X-Frame-Options``, ``nosniff``, a referrer policy; no server banner;
- the app's page says the active language (``<html lang="fr">``);
- the browser's signed id cookie (:data:`cartoparti.web.identity.BROWSER_COOKIE`);
- the agents' sign-in cookie: ``/_cartoparti/session`` exchanges the sign-in page's
  one-time ticket for a session (:mod:`cartoparti.commands.sessions`) and sets it,
  ``/_cartoparti/sign-out`` clears it;
- no traceback or file path reaches a visitor: the shell's routes answer a French
  message, and an error of a page's script is logged and told in French
  (:func:`on_script_error`).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import html
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from cartoparti import i18n, settings
from cartoparti.commands import sessions
from cartoparti.commands.sessions import (
    REDIRECT_SCRIPT,
    SESSION_COOKIE,
    SESSION_ROUTE,
    SIGN_OUT_ROUTE,
)

__all__ = [
    "BROWSER_COOKIE_DAYS",
    "REDIRECT_SCRIPT",
    "SESSION_COOKIE",
    "SESSION_ROUTE",
    "SIGN_OUT_ROUTE",
    "app_options",
    "content_security_policy",
    "on_script_error",
    "run_config",
    "security_headers",
]

_LOG = logging.getLogger("cartoparti")

BROWSER_COOKIE = "cartoparti_browser"
""":data:`cartoparti.web.identity.BROWSER_COOKIE` (not imported: see above; a test
checks they are the same)."""
SECRET_WAIT_SECONDS = 2.0
"""How long a page's response may wait for the site's secret (first opening of the database)."""
BROWSER_COOKIE_DAYS = 400
"""How long a browser keeps its id cookie (the longest browsers allow)."""

_COMPONENT_PREFIX = "/component/"
"""Where Streamlit serves components' frames (the map: streamlit-folium)."""
_NOT_PAGES = ("/_stcore/", "/static/", "/app/static/", "/media/", _COMPONENT_PREFIX, "/_cartoparti/")

_REDIRECT_JS = """\
// cartoparti: go to the address of this script's data-href (a path of this site only),
// or reload the page after data-reload seconds
(function () {
  var script = document.currentScript;
  if (!script) return;
  var href = script.getAttribute("data-href");
  var reload = Number(script.getAttribute("data-reload"));
  if (href && href.charAt(0) === "/" && href.charAt(1) !== "/" && href.charAt(1) !== "\\\\") {
    window.location.replace(href);
  } else if (reload > 0) {
    window.setTimeout(function () { window.location.reload(); }, reload * 1000);
  }
})();
"""


def _streamlit_index() -> Path:
    return Path(st.__file__).parent / "static" / "index.html"


def _inline_script_hashes(page: str) -> list[str]:
    """CSP hash sources of the inline scripts of an HTML page (Streamlit's index has one)."""
    found = re.findall(r"<script>(.*?)</script>", page, flags=re.DOTALL)
    return [f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in found]


def _origin(url: str | None) -> str | None:
    """``scheme://host[:port]`` of an absolute http(s) URL; ``None`` for a path of ours."""
    if not url:
        return None
    parts = urlsplit(url.replace("{", "").replace("}", ""))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
    # {s} subdomains of a tile URL ({s}.tile.example.org) become a wildcard
    if url.split("://", 1)[-1].startswith("{s}."):
        host = "*." + host.split(".", 1)[1]
    return f"{parts.scheme}://{host}"


def content_security_policy(current: settings.Settings, *, frame: bool = False) -> str:
    """The Content-Security-Policy of the app's responses.

    Everything comes from our own origin: Streamlit's scripts (plus the hash of the one
    inline script of its index page), styles (inline ones too: Streamlit and Leaflet
    style elements at run time), images (plus ``data:``/``blob:`` and the basemap's
    tile origin, if any), fonts, the WebSocket and the map's frame. ``frame``: the
    policy of a component's frame (the folium map), whose script streamlit-folium
    builds at run time (an inline script and ``eval``): those are allowed there only.
    """
    # Streamlit's protobuf.js (long.js) compiles a little WebAssembly: allowed, not eval
    scripts = ["'self'", "'wasm-unsafe-eval'"]
    if frame:
        scripts += ["'unsafe-inline'", "'unsafe-eval'"]
    else:
        scripts += _inline_script_hashes(_streamlit_index().read_text(encoding="utf-8"))
    images = ["'self'", "data:", "blob:"]
    tiles = _origin(current.basemap.url)
    if tiles:
        images.append(tiles)
    directives = {
        "default-src": ["'self'"],
        "script-src": scripts,
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": images,
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "blob:"],
        "frame-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def security_headers(current: settings.Settings, *, frame: bool = False) -> list[tuple[str, str]]:
    """The headers set on every response (:func:`content_security_policy` for ``frame``)."""
    return [
        ("Content-Security-Policy", content_security_policy(current, frame=frame)),
        ("X-Frame-Options", "SAMEORIGIN"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), payment=(), usb=(), geolocation=(self)"),
    ]


def _is_page(path: str) -> bool:
    return not path.startswith(_NOT_PAGES)


def _cookie_header(
    name: str, value: str, *, max_age: int, secure: bool
) -> tuple[bytes, bytes]:
    parts = [f"{name}={value}", "Path=/", f"Max-Age={max_age}", "HttpOnly", "SameSite=Lax"]
    if secure:
        parts.append("Secure")
    return b"set-cookie", "; ".join(parts).encode("latin-1")


def _cookies(scope: dict[str, Any]) -> dict[str, str]:
    for key, value in scope.get("headers", []):
        if key == b"cookie":
            return Request(scope).cookies
    return {}


class ShellMiddleware:
    """ASGI middleware: security headers, the page's language and the browser cookie.

    ``secret``: a function giving the site's secret (called in a worker thread: it may
    open the database the first time).
    """

    def __init__(self, app: Any, *, secret: Callable[[], str]) -> None:
        self.app = app
        self.secret = secret
        self._secret: str | None = None
        self._loading: asyncio.Task[None] | None = None

    async def _load(self) -> None:
        try:
            self._secret = await run_in_threadpool(self.secret)
        except Exception:  # noqa: BLE001 - the database may be busy: no cookie this time
            _LOG.warning("site secret not available yet", exc_info=True)

    async def _site_secret(self, *, start: bool) -> str | None:
        """The secret once known; ``start``: look it up (opening the database, in a worker
        thread), waiting :data:`SECRET_WAIT_SECONDS` at most, so that a page is never
        held back by a slow first opening (its cookie then comes with a later response)."""
        if self._secret is None and start:
            if self._loading is None or self._loading.done():
                self._loading = asyncio.create_task(self._load())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._loading), SECRET_WAIT_SECONDS)
        return self._secret

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        current = settings.current()
        path = scope.get("path", "")
        headers = [(k.lower().encode(), v.encode()) for k, v in security_headers(
            current, frame=path.startswith(_COMPONENT_PREFIX))]
        page = scope.get("method") == "GET" and _is_page(path)
        cookie: tuple[bytes, bytes] | None = None
        # a page asks for the secret (health checks and assets never open the database);
        # once known, any response to a browser without a valid id brings one
        secret = await self._site_secret(start=page)
        if secret is not None:
            raw = _cookies(scope).get(BROWSER_COOKIE)
            if sessions.unsign(secret, raw, salt=sessions.BROWSER_SALT) is None:
                cookie = _cookie_header(
                    BROWSER_COOKIE,
                    sessions.sign(secret, sessions.new_browser_id(), salt=sessions.BROWSER_SALT),
                    max_age=BROWSER_COOKIE_DAYS * 86400,
                    secure=scope.get("scheme") == "https",
                )
        if page:  # the page itself, uncompressed, so that its language can be set
            scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k != b"accept-encoding"]}
        names = {k for k, _ in headers} | {b"server"}
        state: dict[str, Any] = {"html": False, "start": None, "body": []}

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                extra = headers + ([cookie] if cookie else [])
                message = {**message, "headers": kept + extra}
                content_type = dict(kept).get(b"content-type", b"")
                if page and content_type.startswith(b"text/html"):
                    state["html"], state["start"] = True, message
                    return
            elif message["type"] == "http.response.body" and state["html"]:
                state["body"].append(message.get("body", b""))
                if message.get("more_body"):
                    return
                body = _with_language(b"".join(state["body"]))
                start = state["start"]
                # the body differs from Streamlit's file: its length, and no validator of it
                dropped = (b"content-length", b"etag", b"last-modified")
                start["headers"] = [(k, v) for k, v in start["headers"] if k.lower() not in dropped]
                start["headers"].append((b"content-length", str(len(body)).encode()))
                await send(start)
                message = {"type": "http.response.body", "body": body}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _with_language(body: bytes) -> bytes:
    """The page with the active language on its ``<html>`` element."""
    lang = html.escape(i18n.active(), quote=True).encode()
    return re.sub(rb"<html(\s[^>]*)?>", lambda m: _set_lang(m.group(0), lang), body, count=1)


def _set_lang(tag: bytes, lang: bytes) -> bytes:
    if re.search(rb"\slang=", tag):
        return re.sub(rb'\slang="[^"]*"', b' lang="' + lang + b'"', tag, count=1)
    return tag[:-1] + b' lang="' + lang + b'">'


def _safe_next(value: str | None) -> str:
    """A path of this site to go back to (never another site: ``//x``, ``/\\x``, ``http:``)."""
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")) or "\n" in value:
        return "/connexion"
    return value


def _store() -> Any:
    from cartoparti import web

    return web.store()


def _secret() -> str:
    from cartoparti import web

    return web.site_secret()


async def _session(request: Request) -> Response:
    """Exchange the sign-in page's ticket for a session and set its cookie."""
    current = settings.current()
    token = await run_in_threadpool(
        sessions.redeem_ticket, _store(), request.query_params.get("ticket"), hours=current.session_hours
    )
    response = RedirectResponse(_safe_next(request.query_params.get("next")), status_code=303)
    if token is not None:
        secret = await run_in_threadpool(_secret)
        response.set_cookie(
            SESSION_COOKIE,
            sessions.sign(secret, token, salt=sessions.SESSION_SALT),
            max_age=int(current.session_hours * 3600),
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
    return response


async def _sign_out(request: Request) -> Response:
    """Close the browser's session and clear its cookie."""
    secret = await run_in_threadpool(_secret)
    token = sessions.session_token(secret, request.cookies.get(SESSION_COOKIE))
    await run_in_threadpool(sessions.end_session, _store(), token)
    response = RedirectResponse(_safe_next(request.query_params.get("next")), status_code=303)
    response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="lax", secure=request.url.scheme == "https")
    return response


async def _redirect_js(_request: Request) -> Response:
    return Response(_REDIRECT_JS, media_type="text/javascript", headers={"Cache-Control": "no-cache"})


async def _failure(request: Request, exc: Exception) -> Response:
    """A shell route failed: logged, and told in French (no traceback, no path)."""
    _LOG.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return PlainTextResponse(_failure_text(exc), status_code=503 if _busy(exc) else 500)


def _busy(exc: BaseException) -> bool:
    from cartoparti._errors import DatabaseBusyError

    return isinstance(exc, DatabaseBusyError)


def _failure_text(exc: BaseException) -> str:
    return i18n.message("page.busy" if _busy(exc) else "page.failure")


def on_script_error(exc: Exception) -> bool:
    """An error that escaped a page's script (outside :func:`cartoparti.web.page`): logged
    with its traceback; the visitor reads a French message, and when the database is
    busy the page tries again by itself."""
    from cartoparti import web

    _LOG.error("script failed", exc_info=exc)
    if _busy(exc):
        web.busy_notice()
    else:
        st.error(i18n.message("page.failure"), icon="⚠️")
    return True


def app_options() -> dict[str, Any]:
    """What ``serve.py`` gives ``st.App``: the shell's routes, middleware and error handlers."""
    _no_server_banner()
    return {
        "routes": [
            Route(SESSION_ROUTE, _session, methods=["GET"]),
            Route(SIGN_OUT_ROUTE, _sign_out, methods=["GET"]),
            Route(REDIRECT_SCRIPT, _redirect_js, methods=["GET"]),
        ],
        "middleware": [Middleware(ShellMiddleware, secret=_secret)],
        "on_script_error": on_script_error,
        "exception_handlers": {Exception: _failure},
    }


def run_config(argv: list[str]) -> dict[str, Any]:
    """Streamlit settings given as ``--server.port 8600`` pairs (as ``streamlit run``
    takes them), typed as Streamlit declares them, for ``App.run(config=…)``."""
    from streamlit import config

    options: dict[str, Any] = {}
    pairs = iter(argv)
    for flag in pairs:
        name = flag.removeprefix("--")
        value = next(pairs, None)
        option = config._config_options_template.get(name)
        if not flag.startswith("--") or option is None or value is None:
            raise SystemExit(i18n.message("serve.bad_option", option=flag))
        if option.type is bool:
            options[name] = value.strip().lower() in ("1", "true", "yes", "oui")
        else:
            options[name] = option.type(value) if option.type in (int, float) else value
    return options


def _no_server_banner() -> None:
    """Ask uvicorn (started by ``App.run``) not to send ``server: uvicorn``."""
    from streamlit.web.server.starlette import starlette_server

    original = starlette_server._get_uvicorn_config_kwargs
    if getattr(original, "_cartoparti", False):
        return

    def kwargs() -> dict[str, Any]:
        return {**original(), "server_header": False}

    kwargs._cartoparti = True  # type: ignore[attr-defined]
    starlette_server._get_uvicorn_config_kwargs = kwargs
