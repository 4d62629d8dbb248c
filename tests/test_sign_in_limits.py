"""Sign-in throttled per account and per address (lock-out that grows, logged in the
server log and the audit log), and the password policy of accounts."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from cartoparti import settings
from cartoparti._errors import ValidationError
from cartoparti.commands import accounts, staff
from cartoparti.settings import Settings
from cartoparti.storage import open_storage
from tests.conftest import ROOT

PASSWORD = "un mot de passe assez long"
CONFIG = Settings(sign_in_max_failures=3, sign_in_address_max_failures=5, sign_in_window_min=15,
                  sign_in_lockout_min=10)
T0 = datetime(2026, 3, 1, 9, 0, 0)
ADDRESS = "203.0.113.9"


def _try(store, name, password, minute, address=ADDRESS):
    return accounts.sign_in(store, name, password, settings=CONFIG, address=address,
                            now=T0 + timedelta(minutes=minute))


def test_an_account_is_locked_after_n_failures_even_for_the_right_password(backend_store, caplog):
    store = backend_store
    accounts.add_user(store, "alice", role="agent", password=PASSWORD)
    caplog.set_level(logging.WARNING, logger="cartoparti")
    assert _try(store, "alice", "faux mot de passe", 0).message == "Nom d'utilisateur ou mot de passe incorrect."
    _try(store, "alice", "faux mot de passe", 1)
    locked = _try(store, "alice", "faux mot de passe", 2)
    assert locked.user is None and locked.locked_until == T0 + timedelta(minutes=12)
    assert locked.message == "Trop de tentatives en peu de temps : réessayez dans 10 minute(s)."
    refused = _try(store, "alice", PASSWORD, 5)
    assert refused.user is None and "réessayez dans 7 minute(s)" in refused.message
    # the lock-out is over: the right password works, and forgets the failures
    assert _try(store, "alice", PASSWORD, 12).user == {"name": "alice", "role": "agent"}
    assert _try(store, "alice", "faux", 13).locked_until is None
    actions = list(store.audit_log()["action"])
    assert actions.count("sign_in_failed") == 4
    assert actions.count("sign_in_locked") == 1 and actions.count("sign_in_refused") == 1
    assert PASSWORD not in store.audit_log().to_string()
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "sign-in failed: account 'alice' from 203.0.113.9" in logged
    assert "locked out" in logged and PASSWORD not in logged


def test_the_lockout_grows_and_says_nothing_of_whether_the_account_exists(backend_store):
    store = backend_store
    accounts.add_user(store, "alice", role="agent", password=PASSWORD)
    for minute in (0, 1, 2):
        known = _try(store, "alice", "faux", minute, address=None)
        unknown = _try(store, "personne", "faux", minute, address=None)
        assert known.message == unknown.message
    for minute in (13, 14, 15):
        again = _try(store, "alice", "faux", minute, address=None)
    assert again.locked_until == T0 + timedelta(minutes=35), "the second lock-out lasts twice as long"


def test_an_address_is_locked_whatever_the_accounts_tried(backend_store):
    store = backend_store
    accounts.add_user(store, "alice", role="agent", password=PASSWORD)
    for minute, name in enumerate(["bob", "carole", "denis", "emma", "fanny"]):
        outcome = _try(store, name, "faux", minute)
    assert outcome.locked_until == T0 + timedelta(minutes=14)
    assert _try(store, "alice", PASSWORD, 5).user is None
    assert _try(store, "alice", PASSWORD, 5, address="198.51.100.4").user is not None


def test_sign_in_settings_are_checked():
    with pytest.raises(settings.SettingsError, match="CARTOPARTI_SIGNIN_MAX_FAILURES"):
        Settings.from_env({"CARTOPARTI_SIGNIN_MAX_FAILURES": "0"})
    with pytest.raises(settings.SettingsError, match="CARTOPARTI_SIGNIN_LOCKOUT_MIN"):
        Settings.from_env({"CARTOPARTI_SIGNIN_LOCKOUT_MIN": "beaucoup"})
    with pytest.raises(settings.SettingsError, match="CARTOPARTI_SIGNIN_WINDOW_MIN"):
        Settings.from_env({"CARTOPARTI_SIGNIN_WINDOW_MIN": "2000"})
    with pytest.raises(settings.SettingsError, match="CARTOPARTI_SIGNIN_ADDRESS_MAX_FAILURES"):
        Settings.from_env({"CARTOPARTI_SIGNIN_ADDRESS_MAX_FAILURES": "1"})
    read = Settings.from_env({"CARTOPARTI_SIGNIN_MAX_FAILURES": "4", "CARTOPARTI_SIGNIN_LOCKOUT_MIN": "30"})
    assert (read.sign_in_max_failures, read.sign_in_lockout_min, read.sign_in_window_min) == (4, 30, 15)
    assert Settings.from_env({}).sign_in_address_max_failures == 20


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("aaaaaaaaaa", "au moins 12 caractères"),
        ("court", "au moins 12 caractères"),
        ("          ", "seulement d'espaces"),
        ("", "vide"),
        ("aaaaaaaaaaaaaaaa", "un seul caractère"),
        ("!!!!!!!!!!!!!!!!", "un seul caractère"),
        ("jean-alice-2026!", "nom d'utilisateur"),
        ("Azertyuiop2024!", "trop courant"),
        ("motdepasse123456", "trop courant"),
        ("123456789012", "trop courant"),
        ("  MotDePasse  !!", "trop courant"),
    ],
)
def test_the_password_policy_refuses_with_a_french_reason(store, password, reason):
    with pytest.raises(ValidationError) as exc:
        accounts.add_user(store, "alice", role="agent", password=password)
    assert reason in exc.value.errors["password"]
    assert store.user("alice") is None


def test_a_good_password_is_kept_and_the_policy_applies_to_resets(store):
    assert accounts.password_problems("le chat de la voisine chante", "alice") == []
    accounts.add_user(store, "alice", role="agent", password="le chat de la voisine chante")
    admin = {"name": "root", "role": "admin"}
    with pytest.raises(ValidationError) as exc:
        staff.reset_password(store, admin, "alice", "alicealicealice")
    assert "nom d'utilisateur" in exc.value.errors["password"]
    assert accounts.authenticate(store, "alice", "le chat de la voisine chante") is not None


def test_the_sign_in_page_locks_out_with_a_message(app_env):
    with open_storage(app_env) as store:
        accounts.add_user(store, "alice", role="agent", password=PASSWORD)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/connexion.py").run()
    for _ in range(settings.current().sign_in_max_failures):
        at.text_input(key="sign_in_name").set_value("alice")
        at.text_input(key="sign_in_password").set_value("mauvais mot de passe")
        next(b for b in at.button if b.label == "Se connecter").click().run()
    assert any("réessayez dans 15 minute(s)" in e.value for e in at.error)
    at.text_input(key="sign_in_name").set_value("alice")
    at.text_input(key="sign_in_password").set_value(PASSWORD)
    next(b for b in at.button if b.label == "Se connecter").click().run()
    assert not at.exception
    assert "user" not in at.session_state
    assert any("réessayez dans" in e.value for e in at.error)
