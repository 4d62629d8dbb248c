"""Rate limits and lock-outs: how many attempts a key (an account, a browser, an
address) may make in a window, and how long it waits once it has made them.

The decision is a pure function of the attempts' times (:func:`verdict`, tested with
an injected clock); the times live in the database (``rate_events``, through
:class:`cartoparti.storage.base.AbuseStore`), so several app servers of one PostgreSQL
database share them. Keys are stored as salted SHA-256 hashes, never as the address or
the name itself.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cartoparti import i18n
from cartoparti._errors import CartopartiError
from cartoparti.settings import Settings
from cartoparti.storage import Storage, utc_naive

__all__ = [
    "MEMORY",
    "Client",
    "Limit",
    "RateLimitedError",
    "Verdict",
    "check",
    "count_resident",
    "enforce",
    "guard_resident",
    "hit",
    "key_hash",
    "purge",
    "verdict",
    "wait_message",
]

_LOG = logging.getLogger("cartoparti.limits")

MEMORY = timedelta(hours=24)
"""How far back attempts are remembered (a lock-out grows within it); older ones are purged."""
_PURGE_EVERY = timedelta(minutes=10)
_last_purge: datetime | None = None


class RateLimitedError(CartopartiError):
    """Too many attempts: the message says how long to wait; ``retry_at`` (UTC) when."""

    def __init__(self, message: str, retry_at: datetime) -> None:
        super().__init__(message)
        self.retry_at = retry_at


@dataclass(frozen=True)
class Limit:
    """At most ``count`` attempts in ``window``.

    Without ``lockout``, a key that made them waits until the oldest leaves the window.
    With it, the ``count``-th attempt within ``window`` locks the key for ``lockout``;
    each further lock-out within :data:`MEMORY` doubles the delay, up to
    ``max_lockout``. Attempts made while locked are refused and not counted.
    """

    count: int
    window: timedelta
    lockout: timedelta | None = None
    max_lockout: timedelta = MEMORY

    def __post_init__(self) -> None:
        if self.count < 1 or self.window <= timedelta(0):
            raise ValueError("a limit needs count >= 1 and a positive window")

    @property
    def span(self) -> timedelta:
        """How far back the attempts that decide matter."""
        return MEMORY if self.lockout is not None else self.window


@dataclass(frozen=True)
class Verdict:
    """Whether one more attempt is allowed now; if not, from when (UTC, naive)."""

    allowed: bool
    retry_at: datetime | None = None
    lockouts: int = 0
    """Lock-outs among the attempts remembered (with a ``lockout`` limit)."""


def verdict(times: Iterable[datetime], now: datetime, limit: Limit) -> Verdict:
    """Decide on one more attempt at ``now`` given the earlier attempts' ``times`` (UTC)."""
    now = utc_naive(now)
    ordered = sorted(utc_naive(t) for t in times if utc_naive(t) <= now)
    if limit.lockout is None:
        recent = [t for t in ordered if t > now - limit.window]
        if len(recent) < limit.count:
            return Verdict(True)
        return Verdict(False, recent[-limit.count] + limit.window)
    lockouts, until = 0, None
    recent: list[datetime] = []
    for t in ordered:
        if until is not None and t < until:
            continue  # refused while locked: does not count
        recent = [r for r in recent if r > t - limit.window] + [t]
        if len(recent) >= limit.count:
            lockouts += 1
            until = t + min(limit.lockout * 2 ** (lockouts - 1), limit.max_lockout)
            recent = []
    if until is not None and now < until:
        return Verdict(False, until, lockouts)
    return Verdict(True, None, lockouts)


def key_hash(kind: str, value: str) -> str:
    """The stored key of ``value`` (an address, a browser id, an account name)."""
    return hashlib.sha256(f"cartoparti-limit:{kind}:{value}".encode()).hexdigest()


def _now(now: datetime | None) -> datetime:
    return utc_naive(now) if now is not None else datetime.now(UTC).replace(tzinfo=None)


def check(store: Storage, kind: str, value: str, limit: Limit, *, now: datetime | None = None) -> Verdict:
    """The verdict on one more attempt of ``kind`` by ``value`` at ``now``."""
    at = _now(now)
    return verdict(store.attempts(kind, key_hash(kind, value), at - limit.span), at, limit)


def hit(store: Storage, kind: str, value: str, *, now: datetime | None = None) -> None:
    """Count one attempt of ``kind`` by ``value`` (and purge old attempts now and then)."""
    at = _now(now)
    store.record_attempt(kind, key_hash(kind, value), at)
    global _last_purge
    if _last_purge is None or at - _last_purge >= _PURGE_EVERY or at < _last_purge:
        _last_purge = at
        purge(store, now=at)


def purge(store: Storage, *, now: datetime | None = None) -> int:
    """Delete the attempts older than :data:`MEMORY`; return how many."""
    return store.purge_attempts(_now(now) - MEMORY)


def wait_message(retry_at: datetime, now: datetime | None = None) -> str:
    """« Trop de tentatives : réessayez dans N minutes » (rounded up, at least 1)."""
    seconds = (utc_naive(retry_at) - _now(now)).total_seconds()
    minutes = max(1, int(-(-seconds // 60)))
    return i18n.message("limits.wait", minutes=minutes)


def enforce(
    store: Storage,
    checks: Sequence[tuple[str, str | None, Limit]],
    *,
    now: datetime | None = None,
) -> None:
    """Refuse one more attempt if any ``(kind, value, limit)`` is exhausted (``value``
    ``None``: unknown, not checked): raise :class:`RateLimitedError` with the latest
    time to wait for, and log it. Nothing is counted; call :func:`hit` once done."""
    at = _now(now)
    refused = [
        (kind, v.retry_at)
        for kind, value, limit in checks
        if value is not None
        for v in [check(store, kind, value, limit, now=at)]
        if not v.allowed and v.retry_at is not None
    ]
    if refused:
        retry_at = max(r for _, r in refused)
        _LOG.warning("rate limit reached (%s) until %s", ", ".join(k for k, _ in refused), retry_at)
        raise RateLimitedError(wait_message(retry_at, at), retry_at)


@dataclass(frozen=True)
class Client:
    """Who acts, as far as the server knows: a browser (the signed cookie's id, else the
    Streamlit session's) and the address it connects from; either may be unknown."""

    browser: str | None = None
    address: str | None = None


def _resident_checks(
    settings: Settings, action: str, client: Client, scope: str | None
) -> list[tuple[str, str | None, Limit]]:
    def rule(name: str) -> Limit:
        count, minutes = settings.rate_limit(name)
        return Limit(count, timedelta(minutes=minutes))

    checks = [(action, client.browser, rule(action)),
              (f"{action}_address", client.address, rule(f"{action}_address"))]
    if action == "support" and scope is not None and client.address is not None:
        checks.append(("support_same", f"{scope}|{client.address}", rule("support_same")))
    return checks


def guard_resident(
    store: Storage,
    settings: Settings,
    action: str,
    client: Client | None,
    *,
    scope: str | None = None,
    now: datetime | None = None,
) -> None:
    """Refuse a resident's ``action`` (``contribution``, ``support``, ``follow``,
    ``report``) once its browser or its address has done it as often as the settings
    allow (:meth:`Settings.rate_limit`; ``support`` also per contribution ``scope`` and
    address): raise :class:`RateLimitedError`. ``client`` ``None`` (command line,
    agents): no limit."""
    if client is not None:
        enforce(store, _resident_checks(settings, action, client, scope), now=now)


def count_resident(
    store: Storage,
    settings: Settings,
    action: str,
    client: Client | None,
    *,
    scope: str | None = None,
    now: datetime | None = None,
) -> None:
    """Count one ``action`` done by ``client`` (see :func:`guard_resident`)."""
    if client is None:
        return
    for kind, value, _ in _resident_checks(settings, action, client, scope):
        if value is not None:
            hit(store, kind, value, now=now)
