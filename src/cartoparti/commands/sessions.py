"""Sign-ins that survive a reload, and the site's signed cookies.

A browser signed in as an agent holds a session cookie: a random token, signed with
the site's secret (itsdangerous), whose SHA-256 is kept in the database with its
expiry. The sign-in page cannot set a cookie itself (Streamlit speaks through a
WebSocket), so it keeps a one-time *ticket* (two minutes) and sends the browser to the
server shell (``serve.py``), which exchanges it for the session and sets the cookie.
A session ends at sign-out, when it expires, and when the account is removed or its
password or role changes (the store deletes its sessions in the same transaction).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from itsdangerous import BadSignature, URLSafeTimedSerializer

if TYPE_CHECKING:  # kept light: the server shell imports this module before the app
    from cartoparti.settings import Settings
    from cartoparti.storage import Storage

__all__ = [
    "BROWSER_SALT",
    "FOLLOW_COOKIE",
    "FOLLOW_COOKIE_DAYS",
    "FORGET_CODE_ROUTE",
    "KEEP_CODE_ROUTE",
    "REDIRECT_SCRIPT",
    "SESSION_COOKIE",
    "SESSION_ROUTE",
    "SESSION_SALT",
    "SIGN_OUT_ROUTE",
    "TICKET_MINUTES",
    "end_session",
    "follow_cookie",
    "keep_ticket",
    "kept_code",
    "new_browser_id",
    "open_ticket",
    "redeem_keep_ticket",
    "redeem_ticket",
    "session_token",
    "session_user",
    "sign",
    "site_secret",
    "unsign",
]

TICKET_MINUTES = 2
"""How long the sign-in page's ticket may wait for the browser to bring it."""
BROWSER_SALT = "cartoparti.browser"
SESSION_SALT = "cartoparti.session"
"""Each cookie is signed under its own salt: one cannot stand for the other."""
SESSION_COOKIE = "cartoparti_session"
"""Name of the signed, HttpOnly cookie of an agent's sign-in."""
SESSION_ROUTE = "/_cartoparti/session"
"""The server shell's route that exchanges a ticket for the session cookie."""
SIGN_OUT_ROUTE = "/_cartoparti/sign-out"
"""The server shell's route that closes the session and clears its cookie."""
REDIRECT_SCRIPT = "/_cartoparti/redirect.js"
"""A script of our own origin that sends the browser to its ``data-href`` (the sign-in
page uses it: no inline script is needed, so the page's policy forbids them)."""
FOLLOW_COOKIE = "cartoparti_follow"
"""Name of the signed, HttpOnly cookie that keeps a resident's follow code on their
browser, when they ask for it (:func:`keep_ticket`)."""
FOLLOW_SALT = "cartoparti.follow"
FOLLOW_COOKIE_DAYS = 395
"""How long a kept follow code stays on the browser: 13 months, the longest the CNIL
accepts for a cookie."""
KEEP_TICKET_SECONDS = 120
"""How long the page's ticket to keep a code may wait for the browser to bring it."""
KEEP_CODE_ROUTE = "/_cartoparti/keep-code"
"""The server shell's route that sets :data:`FOLLOW_COOKIE` from a ticket of the page."""
FORGET_CODE_ROUTE = "/_cartoparti/forget-code"
"""The server shell's route that clears :data:`FOLLOW_COOKIE`."""
MAX_SESSION_HOURS = 720
"""The longest sign-in a setting may ask for: older signed cookies are refused outright."""


def site_secret(store: Storage, settings: Settings) -> str:
    """``CARTOPARTI_SECRET_KEY``, or the secret generated once and kept in the database
    (shared by every server of one database)."""
    return settings.secret_key or store.site_secret(secrets.token_urlsafe(48))


def sign(secret: str, value: str, *, salt: str) -> str:
    """``value`` with a timestamped signature (URL- and cookie-safe)."""
    return URLSafeTimedSerializer(secret, salt=salt).dumps(value)


def unsign(secret: str, raw: str | None, *, salt: str, max_age: float | None = None) -> str | None:
    """The value of a signed string, or ``None`` if it is missing, forged, tampered
    with, signed under another salt or secret, or older than ``max_age`` seconds."""
    if not raw:
        return None
    try:
        value = URLSafeTimedSerializer(secret, salt=salt).loads(raw, max_age=max_age)
    except BadSignature:  # SignatureExpired is one
        return None
    return value if isinstance(value, str) else None


def session_token(secret: str, raw: str | None) -> str | None:
    """The session token of a signed session cookie, or ``None`` (none, forged, or
    older than the longest session allowed; the database says if it is still open)."""
    return unsign(secret, raw, salt=SESSION_SALT, max_age=MAX_SESSION_HOURS * 3600)


def new_browser_id() -> str:
    """A random id for a browser's cookie (128 bits)."""
    return secrets.token_hex(16)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def open_ticket(store: Storage, user: dict[str, Any]) -> str:
    """A one-time ticket for ``user`` (just signed in), to be exchanged for a session
    within :data:`TICKET_MINUTES` by :func:`redeem_ticket`."""
    ticket = secrets.token_urlsafe(32)
    store.add_web_session(
        _hash(ticket), str(user["name"]), kind="ticket", expires_at=_now() + timedelta(minutes=TICKET_MINUTES)
    )
    return ticket


def redeem_ticket(store: Storage, ticket: str | None, *, hours: float) -> str | None:
    """The token of a new session of ``hours`` for the ticket's user, or ``None`` if the
    ticket is unknown, used already or expired. A ticket opens one session only."""
    if not ticket:
        return None
    token = secrets.token_urlsafe(32)
    name = store.redeem_ticket(_hash(ticket), _hash(token), expires_at=_now() + timedelta(hours=hours))
    return None if name is None else token


def session_user(store: Storage, token: str | None) -> dict[str, Any] | None:
    """The user ``{"name", "role"}`` of an open session, as stored now; ``None`` if the
    session is unknown, closed, expired or its account was removed or changed."""
    if not token:
        return None
    user = store.web_session_user(_hash(token))
    return None if user is None else {"name": str(user["name"]), "role": str(user["role"])}


def end_session(store: Storage, token: str | None) -> None:
    """Close a session (sign-out): its cookie opens nothing any more, on any server."""
    if token:
        store.end_web_session(_hash(token))


def _pad(ticket: str, length: int) -> bytes:
    """``length`` bytes drawn from the ticket alone (HMAC-SHA256 in counter mode)."""
    blocks = (
        hmac.new(ticket.encode(), b"cartoparti.keep-code:%d" % i, hashlib.sha256).digest()
        for i in range(-(-length // 32))
    )
    return b"".join(blocks)[:length]


def _seal(ticket: str, value: str) -> str:
    """``value`` masked with a pad only the (random, one-time) ticket gives: the database
    row says nothing without the ticket, which only the browser holds."""
    data = value.encode()
    return bytes(a ^ b for a, b in zip(data, _pad(ticket, len(data)), strict=True)).hex()


def _unseal(ticket: str, sealed: str) -> str | None:
    try:
        data = bytes.fromhex(sealed)
        return bytes(a ^ b for a, b in zip(data, _pad(ticket, len(data)), strict=True)).decode()
    except (ValueError, UnicodeDecodeError):
        return None


def keep_ticket(store: Storage, code: str, browser: str) -> str:
    """A one-time ticket with which the browser ``browser`` (its signed id) asks the
    server shell to keep ``code`` (:data:`KEEP_CODE_ROUTE`), for :data:`KEEP_TICKET_SECONDS`.

    The ticket is random: neither the code nor the browser can be read from it (it
    travels in an address, which proxies may log); the database keeps, under the
    ticket's hash, the browser and the code sealed with the ticket. Only that browser may
    redeem it: another site cannot make a visitor's browser keep a code of its own (the
    visitor's later contributions would be followed by someone else)."""
    ticket = secrets.token_urlsafe(32)
    store.add_web_session(
        _hash(ticket), _seal(ticket, f"{browser}:{code}"), kind="keep",
        expires_at=_now() + timedelta(seconds=KEEP_TICKET_SECONDS),
    )
    return ticket


def redeem_keep_ticket(store: Storage, ticket: str | None, browser: str | None) -> str | None:
    """The code of a valid :func:`keep_ticket` brought by its own browser, else ``None``.
    A ticket is used once, even when another browser brings it."""
    if not ticket or not browser:
        return None
    sealed = store.redeem_keep_ticket(_hash(ticket))
    value = _unseal(ticket, sealed) if sealed is not None else None
    if value is None or ":" not in value:
        return None
    owner, code = value.split(":", 1)
    return code if secrets.compare_digest(owner, browser) and code else None


def follow_cookie(secret: str, code: str) -> str:
    """The value of :data:`FOLLOW_COOKIE` for ``code`` (signed, so that it cannot be forged)."""
    return sign(secret, code, salt=FOLLOW_SALT)


def kept_code(secret: str, raw: str | None) -> str | None:
    """The follow code kept in a :data:`FOLLOW_COOKIE`, or ``None`` (none, forged, older
    than :data:`FOLLOW_COOKIE_DAYS`)."""
    return unsign(secret, raw, salt=FOLLOW_SALT, max_age=FOLLOW_COOKIE_DAYS * 86400)
