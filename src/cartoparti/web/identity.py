"""Who is on the other end of a browser session: its address and its browser.

Shared by the rate limits (stream "abuse" of issue 13) and the signed cookies set by the
server shell (stream "server"): the server sets a signed, HttpOnly cookie
:data:`BROWSER_COOKIE` holding a random id on the first response to a browser;
:func:`browser_id` reads it back and returns it only when its signature holds.
"""

from __future__ import annotations

import streamlit as st

BROWSER_COOKIE = "cartoparti_browser"
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
    # Filled by the server stream: checks the cookie's signature with the site's secret.
    return None
