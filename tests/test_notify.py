"""Residents hear back: addresses left when contributing or supporting, the mails a
real local SMTP server (aiosmtpd) receives on a status change or a plan link, the
settings, the validation of an address, and its erasure with the contribution."""

import email
import email.policy
import logging
import socket
import threading

import pytest
from aiosmtpd.controller import Controller
from streamlit.testing.v1 import AppTest

from cartoparti._errors import SettingsError, ValidationError
from cartoparti.commands import answers, contribute, moderation, notify, residents
from cartoparti.io.export import export_bytes
from cartoparti.settings import Settings, Smtp
from cartoparti.storage import open_storage
from tests.conftest import ROOT

AGENT = {"name": "alice", "role": "agent"}
LENS = "62498"
SENDER = "participation@mairie.example.fr"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Inbox:
    """aiosmtpd handler: keeps every mail it receives."""

    def __init__(self) -> None:
        self.mails: list[tuple[list[str], email.message.EmailMessage]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls it by this name
        mail = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.mails.append((list(envelope.rcpt_tos), mail))
        return "250 OK"

    def to(self) -> list[str]:
        return sorted(r for rcpts, _ in self.mails for r in rcpts)


@pytest.fixture
def smtp_server():
    inbox = _Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture
def config(smtp_server):
    _inbox, port = smtp_server
    return Settings(
        smtp=Smtp(host="127.0.0.1", port=port, sender=SENDER), public_url="https://participer.example.fr"
    )


def _submit(store, config, title="Un banc", **extra):
    return contribute.submit(
        store, settings=config, kind="need", title=title, text="Près de l'école",
        theme="espaces publics", location=store.zone_point(LENS), **extra,
    )


def test_author_and_supporters_with_an_address_hear_of_a_status_change(backend_store, smtp_server, config):
    inbox, _port = smtp_server
    store = backend_store
    cid = _submit(store, config, email="Autrice@Exemple.fr", email_consent=True).id
    other = _submit(store, config, title="Un abri").id  # no address
    residents.support(store, cid, "session-1", settings=config, email="soutien@exemple.fr", consent=True)
    residents.support(store, cid, "session-2", settings=config)  # no address
    residents.support(store, other, "session-3", settings=config, email="ailleurs@exemple.fr", consent=True)

    answers.answer(store, AGENT, cid, status="under_study", message="Nous regardons le trottoir.", settings=config)

    assert inbox.to() == ["autrice@exemple.fr", "soutien@exemple.fr"]
    for _rcpts, mail in inbox.mails:
        assert mail["From"] == SENDER
        assert mail["Subject"] == "Votre contribution « Un banc » : à l'étude"
        body = mail.get_content()
        assert "« Un banc »" in body
        assert "à l'étude" in body
        assert "Nous regardons le trottoir." in body
        assert f"https://participer.example.fr/contribution?id={cid}" in body
        assert "https://participer.example.fr/suivi" in body
    roles = {m["To"]: m.get_content() for _r, m in inbox.mails}
    assert "que vous avez faite" in roles["autrice@exemple.fr"]
    assert "que vous avez soutenue" in roles["soutien@exemple.fr"]

    # a message that keeps the status tells nobody; the other contribution's change tells its supporter only
    answers.answer(store, AGENT, cid, message="Une précision sur le calendrier.", settings=config)
    assert len(inbox.mails) == 2
    answers.answer(store, AGENT, other, status="under_study", message="À l'étude.", settings=config)
    assert inbox.to() == ["ailleurs@exemple.fr", "autrice@exemple.fr", "soutien@exemple.fr"]


def test_no_address_no_mail(store, smtp_server, config):
    inbox, _port = smtp_server
    cid = _submit(store, config).id
    residents.support(store, cid, "session-1", settings=config)
    answers.answer(store, AGENT, cid, status="under_study", message="Nous regardons.", settings=config)
    assert inbox.mails == []


def test_imported_answers_notify_too(store, smtp_server, config):
    inbox, _port = smtp_server
    cid = _submit(store, config, email="autrice@exemple.fr", email_consent=True).id
    data = f"id,status,message\n{cid},à l'étude,Nous regardons.\n".encode()
    report = answers.import_answers(store, AGENT, data, name="reponses.csv", settings=config)
    assert report.applied == 1
    assert inbox.to() == ["autrice@exemple.fr"]


def test_plan_link_mails_one_per_address(store, smtp_server, config):
    inbox, _port = smtp_server
    a = _submit(store, config, title="Un banc", email="autrice@exemple.fr", email_consent=True).id
    b = _submit(store, config, title="Un abri", email="autrice@exemple.fr", email_consent=True).id
    c = _submit(store, config, title="Une haie").id
    residents.support(store, c, "s-1", settings=config, email="voisin@exemple.fr", consent=True)
    sent = notify.notify_plan_link(store, config, [a, b, c], "Aménager la place Jean-Jaurès")
    assert sent == 2
    assert inbox.to() == ["autrice@exemple.fr", "voisin@exemple.fr"]
    mails = {m["To"]: m for _r, m in inbox.mails}
    body = mails["autrice@exemple.fr"].get_content()
    assert "« Aménager la place Jean-Jaurès »" in body
    assert "« Un banc »" in body and "« Un abri »" in body and "Une haie" not in body
    assert mails["voisin@exemple.fr"]["Subject"] == (
        "Votre contribution nourrit le plan d'action : « Aménager la place Jean-Jaurès »"
    )


def test_a_mail_that_cannot_leave_never_loses_the_status_change(store, caplog):
    closed = Settings(smtp=Smtp(host="127.0.0.1", port=_free_port(), sender=SENDER))  # nobody listens
    cid = _submit(store, closed, email="autrice@exemple.fr", email_consent=True).id
    with caplog.at_level(logging.ERROR, logger="cartoparti.notify"):
        new = answers.answer(store, AGENT, cid, status="under_study", message="Nous regardons.", settings=closed)
    assert new == "under_study"
    assert store.contribution(cid)["status"] == "under_study"
    assert any("not sent" in r.getMessage() for r in caplog.records)
    assert "autrice@exemple.fr" not in caplog.text


def test_without_a_mail_server_no_address_is_kept(store):
    plain = Settings()
    cid = _submit(store, plain, email="autrice@exemple.fr", email_consent=True).id
    residents.support(store, cid, "s-1", settings=plain, email="soutien@exemple.fr", consent=True)
    assert store.notify_addresses([cid]).empty


@pytest.mark.parametrize("typed", ["pas-une-adresse", "a@b", "deux@@exemple.fr", "avec espace@exemple.fr"])
def test_a_wrong_address_is_refused_and_nothing_stored(store, config, typed):
    with pytest.raises(ValidationError) as caught:
        _submit(store, config, email=typed, email_consent=True)
    assert caught.value.errors["email"].startswith(f"« {typed} » n'est pas une adresse électronique")
    assert store.count_contributions() == 0
    cid = _submit(store, config).id
    with pytest.raises(ValidationError) as caught:
        residents.support(store, cid, "s-1", settings=config, email=typed, consent=True)
    assert "adresse électronique" in caught.value.errors["email"]
    assert store.support_count(cid) == 0


def test_an_address_without_consent_is_refused(store, config):
    with pytest.raises(ValidationError) as caught:
        _submit(store, config, email="autrice@exemple.fr", email_consent=False)
    assert "Cochez la case" in caught.value.errors["email"]
    assert store.count_contributions() == 0


def test_address_errors_come_with_the_other_field_errors(store, config):
    with pytest.raises(ValidationError) as caught:
        contribute.submit(store, settings=config, kind="need", title="", theme="nature",
                          location=store.zone_point(LENS), email="faux", email_consent=True)
    assert {"title", "email"} <= set(caught.value.errors)


def test_erasure_removes_the_addresses(backend_store, config):
    store = backend_store
    cid = _submit(store, config, email="autrice@exemple.fr", email_consent=True).id
    keep = _submit(store, config, title="Un abri", email="autre@exemple.fr", email_consent=True).id
    residents.support(store, cid, "s-1", settings=config, email="soutien@exemple.fr", consent=True)
    assert len(store.notify_addresses([cid])) == 2
    # the public never sees them
    assert b"exemple.fr" not in export_bytes(store, "csv")
    assert b"exemple.fr" not in export_bytes(store, "geojson")
    moderation.delete(store, AGENT, cid)
    assert store.notify_addresses([cid]).empty
    assert list(store.notify_addresses([keep]).email) == ["autre@exemple.fr"]


def test_a_merge_carries_the_addresses_to_the_kept_contribution(backend_store, config):
    store = backend_store
    dup = _submit(store, config, email="autrice@exemple.fr", email_consent=True).id
    kept = _submit(store, config, title="Un banc aussi", email="autre@exemple.fr", email_consent=True).id
    moderation.merge(store, AGENT, dup, kept)
    rows = store.notify_addresses([kept]).set_index("email")["role"].to_dict()
    assert rows == {"autre@exemple.fr": "author", "autrice@exemple.fr": "supporter"}


# -- settings ---------------------------------------------------------------------------------
def test_smtp_settings_are_read_and_checked():
    env = {"CARTOPARTI_SMTP_HOST": "smtp.mairie.fr", "CARTOPARTI_SMTP_PORT": "587",
           "CARTOPARTI_SMTP_FROM": SENDER, "CARTOPARTI_SMTP_USER": "u", "CARTOPARTI_SMTP_PASSWORD": "p",
           "CARTOPARTI_SMTP_STARTTLS": "oui", "CARTOPARTI_PUBLIC_URL": "https://participer.example.fr/"}
    s = Settings.from_env(env)
    assert s.smtp == Smtp("smtp.mairie.fr", 587, SENDER, "u", "p", True)
    assert "p" not in repr(s.smtp).split("user='u'")[1]
    assert s.public_url == "https://participer.example.fr"
    assert Settings.from_env({}).smtp is None


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"CARTOPARTI_SMTP_PORT": "abc"}, "n'est pas un numéro de port"),
        ({"CARTOPARTI_SMTP_PORT": "70000"}, "n'est pas un numéro de port"),
        ({"CARTOPARTI_SMTP_FROM": ""}, "CARTOPARTI_SMTP_FROM manque"),
        ({"CARTOPARTI_SMTP_FROM": "mairie"}, "n'est pas une adresse électronique"),
        ({"CARTOPARTI_SMTP_USER": "u"}, "vont ensemble"),
        ({"CARTOPARTI_SMTP_STARTTLS": "peut-être"}, "n'est ni oui ni non"),
        ({"CARTOPARTI_PUBLIC_URL": "participer.fr"}, "doit commencer par https://"),
    ],
)
def test_wrong_smtp_settings_stop_with_a_french_message(env, words):
    base = {"CARTOPARTI_SMTP_HOST": "smtp.mairie.fr", "CARTOPARTI_SMTP_FROM": SENDER}
    with pytest.raises(SettingsError, match=words):
        Settings.from_env({**base, **env})


# -- pages --------------------------------------------------------------------------------------
def _run(path: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def _no_map(at: AppTest) -> AppTest:
    at.radio(key="place_mode").set_value("Sans carte : choisir une commune et un lieu repère").run()
    at.selectbox(key="nomap_commune").set_value("62528").run()
    v = at.session_state["form_version"]
    at.selectbox(key=f"kind_{v}").set_value("need")
    at.text_input(key=f"title_{v}").set_value("Un banc")
    at.selectbox(key=f"theme_{v}").set_value("nature")
    return at


def test_without_a_mail_server_the_pages_say_so(app_env, monkeypatch):
    monkeypatch.delenv("CARTOPARTI_SMTP_HOST", raising=False)
    at = _no_map(_run("pages/contribuer.py"))
    v = at.session_state["form_version"]
    assert not [w for w in at.text_input if w.key == f"email_{v}"]
    assert any("n'envoie pas encore de courriels" in c.value for c in at.caption)
    at.button[0].click().run()
    at = _run("pages/contribution.py")
    assert any("n'envoie pas encore de courriels" in c.value for c in at.caption)


def test_the_form_keeps_a_wrong_address_and_stores_a_right_one(app_env, monkeypatch, smtp_server):
    _inbox, port = smtp_server
    monkeypatch.setenv("CARTOPARTI_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CARTOPARTI_SMTP_PORT", str(port))
    monkeypatch.setenv("CARTOPARTI_SMTP_FROM", SENDER)
    at = _no_map(_run("pages/contribuer.py"))
    v = at.session_state["form_version"]
    at.text_input(key=f"email_{v}").set_value("pas-une-adresse")
    at.checkbox(key=f"email_consent_{v}").check()
    at.button[0].click().run()
    assert any("n'est pas une adresse électronique" in e.value for e in at.error)
    assert at.text_input(key=f"email_{v}").value == "pas-une-adresse"
    with open_storage(app_env) as store:
        assert store.count_contributions() == 0
    at.text_input(key=f"email_{v}").set_value("autrice@exemple.fr")
    at.button[0].click().run()
    assert any("Merci" in s.value for s in at.success)
    with open_storage(app_env) as store:
        cid = store.contributions().id.iloc[0]
        assert list(store.notify_addresses([cid]).email) == ["autrice@exemple.fr"]

    at = _run("pages/contribution.py")
    at.text_input(key="support_email").set_value("faux@")
    at.checkbox(key="support_email_consent").check()
    at.button(key="support").click().run()
    assert any("n'est pas une adresse électronique" in e.value for e in at.error)
    assert at.text_input(key="support_email").value == "faux@"
    at.text_input(key="support_email").set_value("soutien@exemple.fr")
    at.button(key="support").click().run()
    assert any("vous serez prévenu" in s.value for s in at.success)
    with open_storage(app_env) as store:
        assert sorted(store.notify_addresses([cid]).email) == ["autrice@exemple.fr", "soutien@exemple.fr"]


def test_a_resident_withdraws_their_address_with_their_follow_code(store, smtp_server, config):
    inbox, _port = smtp_server
    mine = _submit(store, config, email="autrice@exemple.fr", email_consent=True)
    theirs = _submit(store, config, title="Un abri", email="voisin@exemple.fr", email_consent=True).id
    residents.support(store, theirs, "s-1", settings=config, email="autrice@exemple.fr", consent=True)
    assert [item["notified"] for item in residents.followed(store, mine.follow_code)] == [True]
    assert residents.stop_notifications(store, mine.follow_code) == 2
    assert [item["notified"] for item in residents.followed(store, mine.follow_code)] == [False]
    assert list(store.notify_addresses([mine.id, theirs]).email) == ["voisin@exemple.fr"]
    answers.answer(store, AGENT, theirs, status="under_study", message="Nous regardons.", settings=config)
    assert inbox.to() == ["voisin@exemple.fr"]


def test_the_follow_page_lets_a_resident_stop_the_mails(app_env, monkeypatch, smtp_server):
    _inbox, port = smtp_server
    monkeypatch.setenv("CARTOPARTI_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CARTOPARTI_SMTP_PORT", str(port))
    monkeypatch.setenv("CARTOPARTI_SMTP_FROM", SENDER)
    config = Settings.from_env()
    with open_storage(app_env) as store:
        receipt = _submit(store, config, email="autrice@exemple.fr", email_consent=True)
    at = _run("pages/suivi.py")
    at.text_input(key="follow_input").set_value(receipt.follow_code)
    at.button[0].click().run()
    at.button(key="stop_mails").click().run()
    assert not at.exception, at.exception
    assert any("Votre adresse électronique est effacée" in s.value for s in at.success)
    with open_storage(app_env) as store:
        assert store.notify_addresses([receipt.id]).empty


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # loopback only
def test_mails_go_through_a_server_that_asks_for_a_password(store):
    from aiosmtpd.smtp import AuthResult

    seen: list[tuple[bytes, bytes]] = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        seen.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"secret")

    inbox, port = _Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=authenticator,
                            auth_require_tls=False, auth_required=True)
    controller.start()
    try:
        good = Settings(smtp=Smtp(host="127.0.0.1", port=port, sender=SENDER, user="mairie", password="secret"))
        cid = _submit(store, good, email="autrice@exemple.fr", email_consent=True).id
        answers.answer(store, AGENT, cid, status="under_study", message="Nous regardons.", settings=good)
        assert inbox.to() == ["autrice@exemple.fr"]
        assert seen[-1] == (b"mairie", b"secret")
        bad = Settings(smtp=Smtp(host="127.0.0.1", port=port, sender=SENDER, user="mairie", password="faux"))
        answers.answer(store, AGENT, cid, status="accepted", message="Retenu.", settings=bad)
        assert store.contribution(cid)["status"] == "accepted"  # refused by the server, kept all the same
        assert len(inbox.mails) == 1
    finally:
        controller.stop()


def test_the_action_plan_tells_residents_when_their_contribution_feeds_an_item(backend_store, smtp_server, config):
    from cartoparti.commands import plan

    store = backend_store
    inbox, _port = smtp_server
    agent = {"name": "alice", "role": "agent"}
    a = _submit(store, config, title="Un banc", email="autrice@exemple.fr", email_consent=True).id
    c = _submit(store, config, title="Une haie").id
    silent = _submit(store, config, title="Sans adresse").id
    residents.support(store, c, "s-1", settings=config, email="voisin@exemple.fr", consent=True)
    item = plan.add_item(
        store, config, agent, title="Aménager la place", service=config.services[0], level="consultation",
        start_date="2027-01-04", contribution_ids=[a, silent],
    ).item_id
    assert inbox.to() == ["autrice@exemple.fr"]
    plan.link(store, config, agent, item, [a, c])  # a is linked already: only c is new
    assert inbox.to() == ["autrice@exemple.fr", "voisin@exemple.fr"]
    assert "« Aménager la place »" in inbox.mails[-1][1].get_content()
    plan.link(store, config, agent, item, [a, c])  # nothing new, nobody told twice
    assert len(inbox.mails) == 2


def test_a_line_break_in_a_title_never_stops_its_mails(backend_store, smtp_server, config):
    from cartoparti.commands import plan

    store = backend_store
    inbox, _port = smtp_server
    cid = _submit(store, config, title="Un banc\r\nprès de\tl'école", email="autrice@exemple.fr",
                  email_consent=True).id
    answers.answer(store, AGENT, cid, status="under_study", message="Nous regardons.", settings=config)
    assert inbox.to() == ["autrice@exemple.fr"]
    assert inbox.mails[0][1]["Subject"] == "Votre contribution « Un banc près de l'école » : à l'étude"
    plan.add_item(
        store, config, AGENT, title="Aménager\nla place", service=config.services[0], level="consultation",
        start_date="2027-01-04", contribution_ids=[cid],
    )
    assert len(inbox.mails) == 2
    assert inbox.mails[1][1]["Subject"] == "Votre contribution nourrit le plan d'action : « Aménager la place »"


def test_withdrawing_after_a_merge_keeps_the_other_authors_address(backend_store, smtp_server, config):
    """Alice's contribution merged into Bob's: her code now follows Bob's too, yet it
    only withdraws (and only reports) the address she left."""
    inbox, _port = smtp_server
    store = backend_store
    silent = _submit(store, config, title="Un banc aussi")  # Alice left no address
    alice = _submit(store, config, title="Un banc ici", email="alice@exemple.fr", email_consent=True)
    bob = _submit(store, config, email="bob@exemple.fr", email_consent=True)
    moderation.merge(store, AGENT, silent.id, bob.id)
    moderation.merge(store, AGENT, alice.id, bob.id)

    assert [(i["id"], i["notified"]) for i in residents.followed(store, silent.follow_code)] == [
        (silent.id, False), (bob.id, False)]
    assert residents.stop_notifications(store, silent.follow_code) == 0
    assert sorted(store.notify_addresses([bob.id]).email) == ["alice@exemple.fr", "bob@exemple.fr"]

    # Alice's carried address is hers: she hears of Bob's contribution and may withdraw it
    assert {i["id"]: i["notified"] for i in residents.followed(store, alice.follow_code)} == {
        alice.id: True, bob.id: True}
    assert residents.stop_notifications(store, alice.follow_code) == 2
    assert not any(i["notified"] for i in residents.followed(store, alice.follow_code))
    assert list(store.notify_addresses([alice.id, bob.id, silent.id]).email) == ["bob@exemple.fr"]
    assert [i["notified"] for i in residents.followed(store, bob.follow_code)] == [True]
    answers.answer(store, AGENT, bob.id, status="under_study", message="Nous regardons.", settings=config)
    assert inbox.to() == ["bob@exemple.fr"]


def test_addresses_left_before_the_upgrade_get_their_follow_code(backend_store, config):
    """The migration that gave addresses their follow code, run again on addresses
    without one: an author's address gets the code of its contribution when only
    one code follows it; after a merge (two codes) it gets none, never a wrong one."""
    store = backend_store
    alice = _submit(store, config, email="alice@exemple.fr", email_consent=True)
    bob = _submit(store, config, title="Un banc aussi", email="bob@exemple.fr", email_consent=True)
    carol = _submit(store, config, title="Un abri", email="carol@exemple.fr", email_consent=True)
    moderation.merge(store, AGENT, alice.id, bob.id)
    name = "notification addresses remember their follow code"
    upgrade = next(sql for label, sql in store.migrations if label == name)
    with store.transaction(), store._write() as cur:  # the table as it was before
        cur.execute("ALTER TABLE notify_addresses DROP COLUMN code_hash")
        cur.execute(upgrade)
    rows = store.notify_addresses([alice.id, bob.id, carol.id])
    left = {(r.contribution_id, r.email): r.code_hash if isinstance(r.code_hash, str) else None
            for r in rows.itertuples()}
    assert left == {
        (alice.id, "alice@exemple.fr"): residents.follow_code_hash(alice.follow_code),
        (bob.id, "bob@exemple.fr"): None,  # Bob's and Alice's codes follow it: nobody's to withdraw
        (bob.id, "alice@exemple.fr"): None,  # carried before the upgrade, a supporter's
        (carol.id, "carol@exemple.fr"): residents.follow_code_hash(carol.follow_code),
    }
    assert residents.stop_notifications(store, alice.follow_code) == 2
    assert residents.stop_notifications(store, carol.follow_code) == 1
    assert list(store.notify_addresses([alice.id, bob.id, carol.id]).email) == ["bob@exemple.fr"]
