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
import secrets
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from itsdangerous import BadSignature, URLSafeTimedSerializer

if TYPE_CHECKING:  # kept light: the server shell imports this module before the app
    from cartoparti.settings import Settings
    from cartoparti.storage import Storage

__all__ = [
    "BROWSER_SALT",
    "REDIRECT_SCRIPT",
    "SESSION_COOKIE",
    "SESSION_ROUTE",
    "SESSION_SALT",
    "SIGN_OUT_ROUTE",
    "TICKET_MINUTES",
    "end_session",
    "new_browser_id",
    "open_ticket",
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
