"""Sign-ins that survive a reload (cartoparti.commands.sessions) and the site's secret, on
both backends: a ticket opens one session, a session ends at sign-out, on expiry, and
when its account is removed or its password or role changes; signed values cannot be
forged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cartoparti._errors import SettingsError
from cartoparti.commands import accounts as auth
from cartoparti.commands import sessions
from cartoparti.settings import Settings

PASSWORD = "un mot de passe assez long"
ALICE = {"name": "alice", "role": "agent"}


@pytest.fixture
def alice_store(backend_store):
    auth.add_user(backend_store, "alice", role="agent", password=PASSWORD)
    auth.add_user(backend_store, "bruno", role="admin", password=PASSWORD)
    return backend_store


def _session(store, user=ALICE, hours=12.0) -> str:
    token = sessions.redeem_ticket(store, sessions.open_ticket(store, user), hours=hours)
    assert token is not None
    return token


def test_a_ticket_opens_one_session_of_its_user(alice_store):
    ticket = sessions.open_ticket(alice_store, ALICE)
    token = sessions.redeem_ticket(alice_store, ticket, hours=12)
    assert sessions.session_user(alice_store, token) == ALICE
    # used once: it opens nothing more, and the ticket itself is no session
    assert sessions.redeem_ticket(alice_store, ticket, hours=12) is None
    assert sessions.session_user(alice_store, ticket) is None
    assert sessions.redeem_ticket(alice_store, "made-up", hours=12) is None
    assert sessions.redeem_ticket(alice_store, None, hours=12) is None
    assert sessions.session_user(alice_store, None) is None
    assert sessions.session_user(alice_store, "made-up") is None


def test_an_expired_ticket_or_session_opens_nothing(alice_store):
    past = datetime.now(UTC).replace(tzinfo=None) - timedelta(seconds=1)
    alice_store.add_web_session(sessions._hash("old-ticket"), "alice", kind="ticket", expires_at=past)
    assert sessions.redeem_ticket(alice_store, "old-ticket", hours=12) is None
    alice_store.add_web_session(sessions._hash("old-session"), "alice", kind="session", expires_at=past)
    assert sessions.session_user(alice_store, "old-session") is None
    # a session of a negative length (already over) opens nothing either
    token = sessions.redeem_ticket(alice_store, sessions.open_ticket(alice_store, ALICE), hours=-1)
    assert token is not None and sessions.session_user(alice_store, token) is None


def test_sign_out_ends_that_session_only(alice_store):
    first, second = _session(alice_store), _session(alice_store)
    sessions.end_session(alice_store, first)
    assert sessions.session_user(alice_store, first) is None
    assert sessions.session_user(alice_store, second) == ALICE


@pytest.mark.parametrize(
    "change",
    [
        lambda s: auth.add_user(s, "alice", role="agent", password="un tout autre mot de passe"),
        lambda s: auth.set_role(s, "alice", "admin"),
        lambda s: auth.remove_user(s, "alice"),
    ],
    ids=["password", "role", "removed"],
)
def test_an_account_change_ends_its_sessions_and_no_other(alice_store, change):
    token = _session(alice_store)
    ticket = sessions.open_ticket(alice_store, ALICE)
    other = _session(alice_store, {"name": "bruno", "role": "admin"})
    change(alice_store)
    assert sessions.session_user(alice_store, token) is None
    assert sessions.redeem_ticket(alice_store, ticket, hours=12) is None
    assert sessions.session_user(alice_store, other) == {"name": "bruno", "role": "admin"}


def test_a_role_set_to_the_same_keeps_the_session(alice_store):
    token = _session(alice_store)
    auth.set_role(alice_store, "alice", "agent")
    assert sessions.session_user(alice_store, token) == ALICE


def test_the_session_reports_the_role_as_stored_now(alice_store):
    token = _session(alice_store, {"name": "bruno", "role": "admin"})
    assert sessions.session_user(alice_store, token) == {"name": "bruno", "role": "admin"}


def test_one_secret_per_database_the_first_kept(backend_store):
    first = backend_store.site_secret("first-candidate-" + "x" * 40)
    again = backend_store.site_secret("second-candidate-" + "y" * 40)
    assert first == again == "first-candidate-" + "x" * 40
    generated = sessions.site_secret(backend_store, Settings())
    assert generated == first
    assert sessions.site_secret(backend_store, Settings(secret_key="k" * 32)) == "k" * 32


def test_the_secret_is_shared_by_two_connections(backend_location):
    from cartoparti.storage import open_storage

    with open_storage(backend_location) as one:
        secret = sessions.site_secret(one, Settings())
    with open_storage(backend_location) as two:
        assert sessions.site_secret(two, Settings()) == secret
    assert len(secret) >= 32


def test_signed_values_cannot_be_forged():
    secret = "s" * 40
    signed = sessions.sign(secret, "abc", salt=sessions.SESSION_SALT)
    assert sessions.unsign(secret, signed, salt=sessions.SESSION_SALT) == "abc"
    # another secret, another salt (a browser cookie is no session cookie), a change
    assert sessions.unsign("t" * 40, signed, salt=sessions.SESSION_SALT) is None
    assert sessions.unsign(secret, signed, salt=sessions.BROWSER_SALT) is None
    _value, stamp, mac = signed.split(".")
    tampered = ".".join([sessions.sign(secret, "abd", salt=sessions.SESSION_SALT).split(".")[0], stamp, mac])
    assert sessions.unsign(secret, tampered, salt=sessions.SESSION_SALT) is None
    # a changed signature (its first character: the last one of a base64 signature
    # carries bits that decoding drops, so changing it may leave the same bytes)
    forged_mac = ("A" if mac[0] != "A" else "B") + mac[1:]
    assert sessions.unsign(secret, f"{_value}.{stamp}.{forged_mac}", salt=sessions.SESSION_SALT) is None
    for junk in ("", None, "abc", "a.b.c", "\x00"):
        assert sessions.unsign(secret, junk, salt=sessions.SESSION_SALT) is None


def test_a_signed_value_expires(monkeypatch):
    import time

    secret = "s" * 40
    signed = sessions.sign(secret, "abc", salt=sessions.SESSION_SALT)
    later = time.time() + 3601
    monkeypatch.setattr(time, "time", lambda: later)
    assert sessions.unsign(secret, signed, salt=sessions.SESSION_SALT, max_age=3600) is None
    assert sessions.unsign(secret, signed, salt=sessions.SESSION_SALT, max_age=7200) == "abc"


def test_browser_ids_are_random():
    ids = {sessions.new_browser_id() for _ in range(100)}
    assert len(ids) == 100 and all(len(i) == 32 for i in ids)


def test_settings_of_the_stream():
    assert Settings.from_env({}).secret_key is None
    assert Settings.from_env({}).session_hours == 12.0
    key = "0123456789abcdef0123456789abcdef"
    assert Settings.from_env({"CARTOPARTI_SECRET_KEY": key}).secret_key == key
    assert key not in repr(Settings.from_env({"CARTOPARTI_SECRET_KEY": key}))
    assert Settings.from_env({"CARTOPARTI_SESSION_HOURS": "0.5"}).session_hours == 0.5
    with pytest.raises(SettingsError, match="au moins 32 caractères"):
        Settings.from_env({"CARTOPARTI_SECRET_KEY": "court"})
    for bad in ("0", "abc", "721", "-1"):
        with pytest.raises(SettingsError, match="CARTOPARTI_SESSION_HOURS"):
            Settings.from_env({"CARTOPARTI_SESSION_HOURS": bad})
