"""Agents and administrators: roles, argon2 password hashes, sign-in.

Residents need no account. Passwords are never stored nor logged in clear: only
their argon2id hash (argon2-cffi) reaches the database.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from cartoparti._errors import NotFoundError, ValidationError
from cartoparti.commands import limits
from cartoparti.commands._weak_passwords import WEAK_PASSWORDS
from cartoparti.i18n import Labels, message, table
from cartoparti.settings import Settings
from cartoparti.storage import Storage

__all__ = [
    "PASSWORD_MIN_LENGTH",
    "ROLES",
    "SignIn",
    "add_user",
    "authenticate",
    "check_password",
    "has_role",
    "hash_password",
    "identity_user",
    "normalise_name",
    "password_problems",
    "remove_user",
    "set_role",
    "sign_in",
    "signed_in_user",
    "verify_password",
]

ROLES: Labels = table("roles")
"""Role code → label (the active catalogue's table). An administrator can do all an agent can."""
_RANK = {"agent": 1, "admin": 2}
PASSWORD_MIN_LENGTH = 12
_NAME_MAX = 64

_LOG = logging.getLogger("cartoparti.accounts")
_hasher = PasswordHasher()
# verified against when the user is unknown, so both cases take the same time
_DUMMY_HASH = _hasher.hash("cartoparti: no such user")


def has_role(user: dict[str, Any] | None, role: str = "agent") -> bool:
    """Whether ``user`` (a dict with ``role``) holds ``role`` (admin ⊇ agent)."""
    if not user:
        return False
    return _RANK.get(str(user.get("role")), 0) >= _RANK.get(role, 99)


def hash_password(password: str) -> str:
    """The argon2id hash of ``password`` (salted; a different string each call)."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``password_hash``."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def normalise_name(name: str | None) -> str:
    """A user name as stored: trimmed, lower case (an e-mail from OpenID Connect
    is lower-cased the same way)."""
    return (name or "").strip().lower()


_AROUND = re.compile(r"^[\W\d_]+|[\W\d_]+$")


def password_problems(password: str | None, name: str | None = None) -> list[str]:
    """Why ``password`` may not be kept for the user ``name`` (French reasons; empty:
    it may): fewer than :data:`PASSWORD_MIN_LENGTH` characters, only spaces, one
    character repeated, the user name in it, or a common password (with digits or
    signs around it, any case)."""
    text = password or ""
    reasons: list[str] = []
    if not text.strip():
        return [message("password.blank")]
    if len(text) < PASSWORD_MIN_LENGTH:
        reasons.append(message("password.too_short", min=PASSWORD_MIN_LENGTH))
    if len(set(text)) == 1:
        reasons.append(message("password.one_character"))
    lower = text.lower()
    clean_name = normalise_name(name)
    names = {clean_name, clean_name.split("@")[0]} - {""}
    if any(len(n) >= 3 and n in lower for n in names):
        reasons.append(message("password.contains_name"))
    squeezed = "".join(lower.split())
    stem = _AROUND.sub("", squeezed)
    if squeezed in WEAK_PASSWORDS or stem in WEAK_PASSWORDS or (stem and len(set(stem)) == 1 and len(set(text)) > 1):
        reasons.append(message("password.common"))
    return reasons


def check_password(password: str | None, name: str | None = None) -> None:
    """Raise :class:`ValidationError` (``password`` → the reasons) if ``password`` may
    not be kept for ``name`` (see :func:`password_problems`)."""
    reasons = password_problems(password, name)
    if reasons:
        raise ValidationError({"password": " ".join(reasons)})


def _validate(name: str, role: str, password: str) -> str:
    errors: dict[str, str] = {}
    clean = normalise_name(name)
    if not clean:
        errors["name"] = message("name.required")
    elif len(clean) > _NAME_MAX or any(c.isspace() for c in clean):
        errors["name"] = message("name.invalid", max=_NAME_MAX)
    if role not in ROLES:
        errors["role"] = message("role.unknown", value=role)
    reasons = password_problems(password, clean)
    if reasons:
        errors["password"] = " ".join(reasons)
    if errors:
        raise ValidationError(errors)
    return clean


def add_user(store: Storage, name: str, *, role: str, password: str, actor: str = "cli") -> bool:
    """Create a user, or reset the role and password of an existing one.

    The name is stored in lower case. Return ``True`` if the user is new. Raise
    :class:`ValidationError` (field → message) for an invalid name, role or a
    password the policy refuses (:func:`password_problems`).
    """
    clean = _validate(name, role, password)
    return store.upsert_user(clean, role=role, password_hash=hash_password(password), actor=actor)


def set_role(store: Storage, name: str, role: str, *, actor: str = "cli") -> str:
    """Change the role of an existing user (audited); return the former role.

    Raise :class:`ValidationError` for an unknown role, :class:`NotFoundError` for
    an unknown user. Takes effect at the user's next page load.
    """
    if role not in ROLES:
        raise ValidationError({"role": message("role.unknown", value=role)})
    former = store.set_user_role(normalise_name(name), role, actor=actor)
    if former is None:
        raise NotFoundError(message("user.unknown", name=name))
    return former


def remove_user(store: Storage, name: str, *, actor: str = "cli") -> None:
    """Delete a user (audited): signed-in sessions lose access at their next page
    load. Raise :class:`NotFoundError` for an unknown user."""
    if not store.remove_user(normalise_name(name), actor=actor):
        raise NotFoundError(message("user.unknown", name=name))


def signed_in_user(store: Storage, name: str | None) -> dict[str, Any] | None:
    """The user ``{"name", "role"}`` as stored now, or ``None`` if removed: a browser
    session's user is looked up again at every page load, so a role change or a
    removal takes effect at once."""
    user = store.user(str(name)) if name else None
    return None if user is None else {"name": str(user["name"]), "role": str(user["role"])}


def identity_user(store: Storage, email: str | None, *, verified: object) -> dict[str, Any] | None:
    """The user ``{"name", "role"}`` named after an e-mail an OpenID Connect provider
    (``st.login``) has verified, or ``None``: the provider proves who the person is,
    the users table says what they may do. ``verified`` is the provider's
    ``email_verified`` claim; anything but ``True`` maps to no one (an unverified
    address could be anybody's)."""
    if verified is not True:
        return None
    return signed_in_user(store, normalise_name(email))


def authenticate(store: Storage, name: str, password: str) -> dict[str, Any] | None:
    """The user ``{"name", "role"}`` if the password is right, else ``None``."""
    typed = (name or "").strip()
    user = store.user(normalise_name(typed))
    if user is None and typed != typed.lower():  # an account created before names were lower-cased
        user = store.user(typed)
    if user is None:
        verify_password(_DUMMY_HASH, password or "")
        return None
    if not verify_password(str(user["password_hash"]), password or ""):
        return None
    if _hasher.check_needs_rehash(str(user["password_hash"])):
        store.set_password_hash(str(user["name"]), hash_password(password))
    return {"name": str(user["name"]), "role": str(user["role"])}


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in: the user, or why not (``message``, in French: the
    same whether the account exists or not)."""

    user: dict[str, Any] | None
    message: str = ""
    locked_until: datetime | None = None
    """While locked out (UTC): the right password does not work before."""


def _sign_in_limits(settings: Settings) -> tuple[limits.Limit, limits.Limit]:
    window = timedelta(minutes=settings.sign_in_window_min)
    lockout = timedelta(minutes=settings.sign_in_lockout_min)
    return (
        limits.Limit(settings.sign_in_max_failures, window, lockout=lockout),
        limits.Limit(settings.sign_in_address_max_failures, window, lockout=lockout),
    )


def sign_in(
    store: Storage,
    name: str,
    password: str,
    *,
    settings: Settings,
    address: str | None = None,
    now: datetime | None = None,
) -> SignIn:
    """Sign in with a name and a password, throttled per account and per ``address``
    (the browser's, if known; settings ``sign_in_*``).

    After ``sign_in_max_failures`` wrong passwords within ``sign_in_window_min``
    minutes the account is locked for ``sign_in_lockout_min`` minutes (doubling at each
    further lock-out within 24 hours), and so is an address after
    ``sign_in_address_max_failures``; while locked, even the right password is refused
    (and not checked). Every failure and lock-out goes to the server log and the audit
    log (action ``sign_in_failed``, ``sign_in_locked``, ``sign_in_refused``); never a
    password. A success forgets the account's failures.
    """
    at = datetime.now(UTC).replace(tzinfo=None) if now is None else now
    account = normalise_name(name)[:_NAME_MAX] or "-"
    per_account, per_address = _sign_in_limits(settings)
    checks = [("sign_in_account", account, per_account), ("sign_in_address", address, per_address)]
    try:
        limits.enforce(store, checks, now=at)
    except limits.RateLimitedError as exc:
        _LOG.warning("sign-in refused while locked out: account %r from %s", account, address)
        store.record_audit(account, "sign_in_refused", after={"address": address, "until": exc.retry_at.isoformat()})
        return SignIn(None, str(exc), exc.retry_at)
    user = authenticate(store, name, password)
    if user is not None:
        store.clear_attempts("sign_in_account", limits.key_hash("sign_in_account", account))
        return SignIn(user)
    with store.transaction():
        limits.hit(store, "sign_in_account", account, now=at)
        if address is not None:
            limits.hit(store, "sign_in_address", address, now=at)
        store.record_audit(account, "sign_in_failed", after={"address": address})
    _LOG.warning("sign-in failed: account %r from %s", account, address)
    try:
        limits.enforce(store, checks, now=at)
    except limits.RateLimitedError as exc:
        _LOG.warning("sign-in locked out until %s: account %r from %s", exc.retry_at, account, address)
        store.record_audit(account, "sign_in_locked", after={"address": address, "until": exc.retry_at.isoformat()})
        return SignIn(None, str(exc), exc.retry_at)
    return SignIn(None, message("page.connexion.failed"))
