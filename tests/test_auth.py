"""Agents' accounts: argon2 hashes, never a password in clear, roles, sign-in."""

import pytest

from cartoparti._errors import NotFoundError, ValidationError
from cartoparti.commands import accounts as auth
from cartoparti.storage import open_storage

PASSWORD = "un cheval correct, une agrafe de batterie"


def test_password_is_stored_only_as_an_argon2_hash(store, db_path):
    assert auth.add_user(store, "alice", role="agent", password=PASSWORD) is True
    row = store.user("alice")
    assert row["password_hash"].startswith("$argon2id$")
    assert PASSWORD not in row["password_hash"]
    everything = store._df("SELECT * FROM users").to_string() + store._df("SELECT * FROM audit_log").to_string()
    assert PASSWORD not in everything
    store.close()
    # nor anywhere in the database file (nor its write-ahead log)
    raw = db_path.read_bytes() + (db_path.with_name(db_path.name + ".wal").read_bytes()
                                  if db_path.with_name(db_path.name + ".wal").exists() else b"")
    assert PASSWORD.encode() not in raw


def test_two_hashes_of_the_same_password_differ():
    assert auth.hash_password(PASSWORD) != auth.hash_password(PASSWORD)


def test_authenticate(store):
    auth.add_user(store, "alice", role="admin", password=PASSWORD)
    assert auth.authenticate(store, "alice", PASSWORD) == {"name": "alice", "role": "admin"}
    assert auth.authenticate(store, " alice ", PASSWORD) == {"name": "alice", "role": "admin"}
    assert auth.authenticate(store, "alice", PASSWORD.upper()) is None
    assert auth.authenticate(store, "alice", "") is None
    assert auth.authenticate(store, "bob", PASSWORD) is None


def test_add_again_resets_role_and_password_and_is_audited(store):
    auth.add_user(store, "alice", role="agent", password=PASSWORD)
    assert auth.add_user(store, "alice", role="admin", password="another long password") is False
    assert auth.authenticate(store, "alice", PASSWORD) is None
    assert auth.authenticate(store, "alice", "another long password")["role"] == "admin"
    log = store.audit_log()
    assert list(log.action) == ["user_reset", "user_add"]
    assert '"role": "agent"' in log.before.iloc[0] and '"role": "admin"' in log.after.iloc[0]


@pytest.mark.parametrize(
    ("name", "role", "password", "field"),
    [
        ("", "agent", PASSWORD, "name"),
        ("two words", "agent", PASSWORD, "name"),
        ("alice", "mayor", PASSWORD, "role"),
        ("alice", "agent", "short", "password"),
    ],
)
def test_invalid_accounts_are_refused(store, name, role, password, field):
    with pytest.raises(ValidationError) as caught:
        auth.add_user(store, name, role=role, password=password)
    assert field in caught.value.errors
    assert store.users().empty


@pytest.mark.parametrize(
    ("user", "role", "expected"),
    [
        (None, "agent", False),
        ({"name": "a", "role": "agent"}, "agent", True),
        ({"name": "a", "role": "agent"}, "admin", False),
        ({"name": "a", "role": "admin"}, "agent", True),
        ({"name": "a", "role": "admin"}, "admin", True),
        ({"name": "a", "role": "resident"}, "agent", False),
    ],
)
def test_roles(user, role, expected):
    assert auth.has_role(user, role) is expected


def test_users_listing_has_no_hash(db_path):
    with open_storage(db_path) as s:
        auth.add_user(s, "alice", role="agent", password=PASSWORD)
        assert list(s.users().columns) == ["name", "role", "created_at"]


def test_identity_from_an_openid_provider_maps_to_a_user_by_email(store):
    auth.add_user(store, "marie@ville-lens.fr", role="admin", password=PASSWORD)
    assert auth.identity_user(store, " Marie@Ville-Lens.fr ", verified=True) == {
        "name": "marie@ville-lens.fr", "role": "admin"}
    assert auth.identity_user(store, "inconnu@example.fr", verified=True) is None
    assert auth.identity_user(store, None, verified=True) is None


@pytest.mark.parametrize("verified", [False, None, "true", 1])
def test_an_unverified_email_maps_to_no_one(store, verified):
    auth.add_user(store, "marie@ville-lens.fr", role="admin", password=PASSWORD)
    assert auth.identity_user(store, "marie@ville-lens.fr", verified=verified) is None


def test_user_names_are_lower_case_as_openid_emails(store):
    assert auth.add_user(store, " Marie@Ville-Lens.FR ", role="agent", password=PASSWORD) is True
    assert list(store.users().name) == ["marie@ville-lens.fr"]
    assert auth.add_user(store, "MARIE@ville-lens.fr", role="admin", password=PASSWORD) is False
    assert len(store.users()) == 1
    assert auth.authenticate(store, "Marie@Ville-Lens.fr", PASSWORD) == {"name": "marie@ville-lens.fr", "role": "admin"}
    assert auth.identity_user(store, "marie@ville-lens.fr", verified=True)["role"] == "admin"


def test_an_account_created_with_capitals_before_still_signs_in(store):
    store.upsert_user("Ancien", role="agent", password_hash=auth.hash_password(PASSWORD), actor="cli")
    assert auth.authenticate(store, "Ancien", PASSWORD) == {"name": "Ancien", "role": "agent"}


def test_role_change_and_removal_are_audited_and_seen_at_once(store):
    auth.add_user(store, "alice", role="admin", password=PASSWORD)
    assert auth.signed_in_user(store, "alice") == {"name": "alice", "role": "admin"}
    assert auth.set_role(store, "Alice", "agent") == "admin"
    assert auth.signed_in_user(store, "alice") == {"name": "alice", "role": "agent"}
    assert auth.set_role(store, "alice", "agent") == "agent"  # nothing to change: not audited
    with pytest.raises(ValidationError):
        auth.set_role(store, "alice", "mayor")
    auth.remove_user(store, "alice", actor="root")
    assert auth.signed_in_user(store, "alice") is None
    assert auth.authenticate(store, "alice", PASSWORD) is None
    with pytest.raises(NotFoundError):
        auth.remove_user(store, "alice")
    with pytest.raises(NotFoundError):
        auth.set_role(store, "bob", "agent")
    log = store.audit_log()
    assert list(log.action) == ["user_remove", "user_role", "user_add"]
    assert list(log.actor) == ["root", "cli", "cli"]
    assert '"role": "admin"' in log.before.iloc[1] and '"role": "agent"' in log.after.iloc[1]
