"""Accounts managed by an administrator from the app: add an agent, change a role,
reset a password, remove an account. Each action checks that the acting user is an
administrator, runs in one transaction and is audited (never with a password or its
hash). An administrator cannot remove their own account or their own admin role, so
that a town hall is never left without one by mistake."""

from __future__ import annotations

from typing import Any

from cartoparti import i18n
from cartoparti._errors import NotFoundError, ValidationError
from cartoparti.commands import accounts
from cartoparti.commands._common import _actor
from cartoparti.storage import Storage

__all__ = ["change_role", "create_account", "remove_account", "reset_password"]


def create_account(store: Storage, user: dict[str, Any] | None, name: str, *, role: str, password: str) -> str:
    """Create an account; return its stored name. Refuse an existing name (resetting
    its password is a separate, explicit action)."""
    actor = _actor(user, "admin")
    clean = accounts.normalise_name(name)
    if clean and store.user(clean) is not None:
        raise ValidationError({"name": i18n.message("accounts.exists", name=clean)})
    accounts.add_user(store, clean, role=role, password=password, actor=actor)
    return clean


def _not_yourself(actor: str, name: str) -> None:
    if accounts.normalise_name(name) == actor:
        raise ValidationError({"name": i18n.message("accounts.not_yourself")})


def change_role(store: Storage, user: dict[str, Any] | None, name: str, role: str) -> str:
    """Change a user's role (audited); return the former one."""
    actor = _actor(user, "admin")
    if role != "admin":
        _not_yourself(actor, name)
    return accounts.set_role(store, name, role, actor=actor)


def reset_password(store: Storage, user: dict[str, Any] | None, name: str, password: str) -> None:
    """Give a user a new password (argon2id hash only; audited without it)."""
    actor = _actor(user, "admin")
    clean = accounts.normalise_name(name)
    accounts.check_password(password, clean)
    with store.transaction():
        if store.user(clean) is None:
            raise NotFoundError(i18n.message("user.unknown", name=name))
        store.set_password_hash(clean, accounts.hash_password(password))
        store.record_audit(actor, "reset_password", after={"user": clean})


def remove_account(store: Storage, user: dict[str, Any] | None, name: str) -> None:
    """Remove an account (audited); never one's own."""
    actor = _actor(user, "admin")
    _not_yourself(actor, name)
    accounts.remove_user(store, name, actor=actor)
