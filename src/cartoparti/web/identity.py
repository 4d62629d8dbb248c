"""Who is on the other end of a browser session: its address and its browser.

Shared by the rate limits (stream "abuse" of issue 13) and the signed cookies set by the
server shell (stream "server"): the server sets a signed, HttpOnly cookie
:data:`BROWSER_COOKIE` holding a random id on the first response to a browser;
:func:`browser_id` reads it back and returns it only when its signature holds.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

BROWSER_COOKIE = "cartoparti_browser"

secret_provider: Callable[[], str] | None = None
"""Gives the site's secret (set by :mod:`cartoparti.web`, which owns the cached store:
this module never imports it back)."""
"""Name of the signed cookie that identifies a browser (not a person)."""


def client_address() -> str | None:
    """The address the browser connects from (as the server sees it), if known."""
    try:
        return st.context.ip_address
    except Exception:  # noqa: BLE001 - no request context (AppTest, bare mode)
        return None


def browser_id() -> str | None:
    """The browser's id from the signed cookie, or ``None`` (no cookie, bad signature,
    or no server shell, as under AppTest)."""
    try:
        raw = st.context.cookies.get(BROWSER_COOKIE)
    except Exception:  # noqa: BLE001 - no request context
        return None
    return _verified(raw) if raw else None


def _verified(raw: str) -> str | None:
    """The id in a browser cookie whose signature (the site's secret) holds, else ``None``."""
    from cartoparti.commands import sessions

    if secret_provider is None:
        return None
    try:
        secret = secret_provider()
    except Exception:  # noqa: BLE001 - database busy or unreachable: no id this time
        return None
    return sessions.unsign(secret, raw, salt=sessions.BROWSER_SALT)
