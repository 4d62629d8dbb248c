"""A resident who wrote to the town hall has their address erased everywhere by an
agent (moderation page, or ``cartoparti forget-address``): as supporter too, audited
without the address; and the mails say so."""

import email
import email.policy
import io
import sys

import pytest
from streamlit.testing.v1 import AppTest

from cartoparti._errors import PermissionDeniedError, ValidationError
from cartoparti.cli import main
from cartoparti.commands import accounts as auth
from cartoparti.commands import contribute, notify, residents
from cartoparti.settings import Settings, Smtp
from cartoparti.storage import open_storage
from tests.conftest import ROOT

AGENT = {"name": "alice", "role": "agent"}
SENDER = "participation@mairie.example.fr"
CONFIG = Settings(smtp=Smtp(host="127.0.0.1", port=2525, sender=SENDER))  # never reached: no mail sent
PASSWORD = "un mot de passe assez long"


def _submit(store, title="Un banc", **extra):
    return contribute.submit(
        store, settings=CONFIG, kind="need", title=title, text="Près de l'école",
        theme="espaces publics", location=store.zone_point("62498"), **extra,
    )


def _seed(store):
    """Two contributions; the resident's address as author of one and supporter of the other."""
    mine = _submit(store, email="habitante@exemple.fr", email_consent=True).id
    other = _submit(store, title="Un abri", email="voisin@exemple.fr", email_consent=True).id
    residents.support(store, other, "s-1", settings=CONFIG, email="Habitante@Exemple.fr", consent=True)
    return mine, other


def test_an_agent_forgets_an_address_everywhere(backend_store):
    store = backend_store
    mine, other = _seed(store)
    assert notify.forget_address(store, CONFIG, AGENT, "  HABITANTE@exemple.fr ") == 2
    assert list(store.notify_addresses([mine, other]).email) == ["voisin@exemple.fr"]
    entry = store.audit_log(limit=1).iloc[0]
    assert (entry["actor"], entry["action"]) == ("alice", "forget_address")
    assert "habitante" not in str(entry.to_dict()).lower()  # the erased address is not kept in the log
    assert notify.forget_address(store, CONFIG, AGENT, "habitante@exemple.fr") == 0


def test_only_agents_forget_and_only_addresses(backend_store):
    store = backend_store
    mine, other = _seed(store)
    for visitor in (None, {"name": "x", "role": "visitor"}):
        with pytest.raises(PermissionDeniedError):
            notify.forget_address(store, CONFIG, visitor, "habitante@exemple.fr")
    for typed in ("", "pas-une-adresse"):
        with pytest.raises(ValidationError) as caught:
            notify.forget_address(store, CONFIG, AGENT, typed)
        assert "n'est pas une adresse électronique" in caught.value.errors["email"]
    assert len(store.notify_addresses([mine, other])) == 3


def test_the_mail_footer_tells_how_to_withdraw(store):
    cid = _submit(store, email="habitante@exemple.fr", email_consent=True).id
    [mail] = notify.status_change_mails(store, CONFIG, cid, status="under_study", message="Nous regardons.")
    body = email.message_from_bytes(mail.as_bytes(), policy=email.policy.default).get_content()
    assert f"écrivez à la mairie ({SENDER})" in body
    assert "un agent l'efface de toutes les contributions" in body
    assert "répondez" not in body


def test_the_command_line_forgets_an_address(db_path, capsys):
    with open_storage(db_path) as store:
        mine, other = _seed(store)
    old = sys.stdin
    sys.stdin = io.StringIO("")
    try:
        assert main(["--db", str(db_path), "forget-address", "habitante@exemple.fr"]) == 0
        assert "elle suivait 2 contribution(s)" in capsys.readouterr().out
        assert main(["--db", str(db_path), "forget-address", "pas-une-adresse"]) == 2
        assert "n'est pas une adresse électronique" in capsys.readouterr().err
    finally:
        sys.stdin = old
    with open_storage(db_path) as store:
        assert list(store.notify_addresses([mine, other]).email) == ["voisin@exemple.fr"]
        assert store.audit_log(limit=1).iloc[0]["actor"] == "cli"


def test_the_moderation_page_forgets_an_address(app_env):
    with open_storage(app_env) as store:
        mine, other = _seed(store)
        auth.add_user(store, AGENT["name"], role=AGENT["role"], password=PASSWORD)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["user"] = AGENT
    at.run()
    at.switch_page("pages/moderation.py").run()
    assert not at.exception, at.exception
    at.text_input(key="forget_email").set_value("faux@")
    at.button(key="forget").click().run()
    assert any("n'est pas une adresse électronique" in e.value for e in at.error)
    assert at.text_input(key="forget_email").value == "faux@"
    at.text_input(key="forget_email").set_value("habitante@exemple.fr")
    at.button(key="forget").click().run()
    assert not at.exception, at.exception
    assert any("elle suivait 2 contribution(s)" in s.value for s in at.success)
    with open_storage(app_env) as store:
        assert list(store.notify_addresses([mine, other]).email) == ["voisin@exemple.fr"]
