"""Agents and administrators: roles, argon2 password hashes, sign-in.

Residents need no account. Passwords are never stored nor logged in clear: only
their argon2id hash (argon2-cffi) reaches the database.
"""

from __future__ import annotations

from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from cartoparti._errors import NotFoundError, ValidationError
from cartoparti.i18n import Labels, message, table
from cartoparti.storage import Storage

__all__ = [
    "PASSWORD_MIN_LENGTH",
    "ROLES",
    "add_user",
    "authenticate",
    "has_role",
    "hash_password",
    "identity_user",
    "normalise_name",
    "remove_user",
    "set_role",
    "signed_in_user",
    "verify_password",
]

ROLES: Labels = table("roles")
"""Role code → label (the active catalogue's table). An administrator can do all an agent can."""
_RANK = {"agent": 1, "admin": 2}
PASSWORD_MIN_LENGTH = 10
_NAME_MAX = 64

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


def _validate(name: str, role: str, password: str) -> str:
    errors: dict[str, str] = {}
    clean = normalise_name(name)
    if not clean:
        errors["name"] = message("name.required")
    elif len(clean) > _NAME_MAX or any(c.isspace() for c in clean):
        errors["name"] = message("name.invalid", max=_NAME_MAX)
    if role not in ROLES:
        errors["role"] = message("role.unknown", value=role)
    if len(password or "") < PASSWORD_MIN_LENGTH:
        errors["password"] = message("password.too_short", min=PASSWORD_MIN_LENGTH)
    if errors:
        raise ValidationError(errors)
    return clean


def add_user(store: Storage, name: str, *, role: str, password: str, actor: str = "cli") -> bool:
    """Create a user, or reset the role and password of an existing one.

    The name is stored in lower case. Return ``True`` if the user is new. Raise
    :class:`ValidationError` (field → message) for an invalid name, role or a
    password too short.
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
