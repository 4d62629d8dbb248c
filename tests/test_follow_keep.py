"""A resident's follow code kept on their browser (a signed cookie set by the server
shell from a ticket bound to that browser), copied, and printed on a receipt."""

from __future__ import annotations

import io
import types

import itsdangerous.timed
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from cartoparti import i18n, web
from cartoparti.commands import contribute, residents, sessions
from cartoparti.settings import Settings
from cartoparti.storage import open_storage
from tests.conftest import ROOT

SECRET = "s3cret-for-tests"
BROWSER, OTHER = "a" * 32, "b" * 32
TIMEOUT = 60


def test_a_ticket_keeps_its_code_for_its_own_browser_only_once_on_both_backends(backend_store):
    code = residents.new_follow_code()
    ticket = sessions.keep_ticket(backend_store, code, BROWSER)
    # random: neither the code nor the browser can be read from it (proxies log addresses)
    assert code not in ticket and code.replace("-", "") not in ticket and BROWSER not in ticket
    # another site cannot make a visitor's browser keep a code of its own, and the
    # ticket is spent by the attempt
    assert sessions.redeem_keep_ticket(backend_store, ticket, OTHER) is None
    assert sessions.redeem_keep_ticket(backend_store, ticket, BROWSER) is None
    ticket = sessions.keep_ticket(backend_store, code, BROWSER)
    assert sessions.redeem_keep_ticket(backend_store, ticket, None) is None
    assert sessions.redeem_keep_ticket(backend_store, ticket[:-2] + "xx", BROWSER) is None
    assert sessions.redeem_keep_ticket(backend_store, ticket, BROWSER) == code
    assert sessions.redeem_keep_ticket(backend_store, ticket, BROWSER) is None  # once
    # a sign-in ticket is not a keep ticket, nor the other way round
    sign_in = sessions.open_ticket(backend_store, {"name": "alice"})
    assert sessions.redeem_keep_ticket(backend_store, sign_in, BROWSER) is None
    keep = sessions.keep_ticket(backend_store, code, BROWSER)
    assert sessions.redeem_ticket(backend_store, keep, hours=1) is None


def test_the_database_row_says_nothing_without_the_ticket(store):
    code = residents.new_follow_code()
    ticket = sessions.keep_ticket(store, code, BROWSER)
    [sealed] = store._df("SELECT user_name FROM web_sessions WHERE kind = 'keep'")["user_name"]
    assert code not in sealed and BROWSER not in sealed
    assert bytes.fromhex(sealed) != f"{BROWSER}:{code}".encode()
    assert sessions.redeem_keep_ticket(store, ticket, BROWSER) == code


def test_a_ticket_expires_and_a_kept_code_lasts_thirteen_months(store, monkeypatch):
    from datetime import timedelta

    code = residents.new_follow_code()
    ticket = sessions.keep_ticket(store, code, BROWSER)
    real_now = sessions._now
    monkeypatch.setattr(sessions, "_now", lambda: real_now() + timedelta(seconds=sessions.KEEP_TICKET_SECONDS + 5))
    from cartoparti.storage.sql import workflow

    monkeypatch.setattr(workflow, "_now", sessions._now)
    assert sessions.redeem_keep_ticket(store, ticket, BROWSER) is None
    monkeypatch.undo()

    cookie = sessions.follow_cookie(SECRET, code)
    real = itsdangerous.timed.time.time
    assert sessions.kept_code(SECRET, cookie) == code

    def later(seconds: float) -> None:
        monkeypatch.setattr(itsdangerous.timed, "time", types.SimpleNamespace(time=lambda: real() + seconds))

    later(390 * 86400)
    assert sessions.kept_code(SECRET, cookie) == code
    later(sessions.FOLLOW_COOKIE_DAYS * 86400 + 60)
    assert sessions.kept_code(SECRET, cookie) is None
    monkeypatch.undo()
    # forged or foreign values open nothing
    assert sessions.kept_code(SECRET, "ABCD-EFGH-JKLM") is None
    assert sessions.kept_code("another-secret", cookie) is None
    assert sessions.kept_code(SECRET, sessions.sign(SECRET, code, salt=sessions.BROWSER_SALT)) is None


def _pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


def test_the_receipt_to_print_says_what_where_when_and_the_code(store):
    title = 'Le <b>cinéma</b> « Apollo » {{ 7*7 }}'
    receipt = contribute.submit(store, settings=Settings(), kind="memory", title=title, text="Privé ?",
                                theme="nature", location=store.zone_point("62528"), age_band="60-74")
    text = _pdf_text(contribute.receipt_pdf(store, receipt, follow_url="https://participer.example.fr/suivi"))
    assert "Reçu de votre contribution" in text
    assert "Communauté d'agglomération de Lens-Liévin" in text
    assert receipt.id in text and receipt.follow_code in text
    assert "souvenir" in text and "Loos-en-Gohelle" in text
    assert "<b>cinéma</b>" in text and "{{ 7*7 }}" in text  # as typed: escaped, never evaluated
    assert "https://participer.example.fr/suivi" in text
    assert "Privé" not in text and "60 à 74" not in text  # neither the message nor the profile
    with i18n.using("en"):
        english = _pdf_text(contribute.receipt_pdf(store, receipt, follow_url="/suivi"))
    assert "Receipt of your contribution" in english and "memory" in english


def test_the_contribution_page_offers_copy_and_receipt_and_says_when_it_cannot_keep(app_env):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.run()
    at.switch_page("pages/contribuer.py").run()
    at.radio(key="place_mode").set_value("Sans carte : choisir une commune et un lieu repère").run()
    at.selectbox(key="nomap_commune").set_value("62498").run()
    v = at.session_state["form_version"]
    at.radio(key=f"kind_{v}").set_value("need")
    at.text_input(key=f"title_{v}").set_value("Un abri de bus")
    at.selectbox(key=f"theme_{v}").set_value("mobilité")
    at.checkbox(key=f"keep_code_{v}").check()
    next(b for b in at.button if b.label == "Envoyer ma contribution").click().run()
    assert not at.exception
    [code_block] = at.code
    code = code_block.value
    with open_storage(app_env) as store:
        assert [c["title"] for c in residents.followed(store, code)] == ["Un abri de bus"]
    assert any(code in i.value for i in at.info)
    assert [d.proto.label for d in at.get("download_button")] == ["Télécharger le reçu à imprimer (PDF)"]
    # no browser here (no id cookie): the code cannot be kept, and the resident is told
    assert any("n'a pas pu être gardé sur cet appareil" in w.value for w in at.warning)
    assert "follow_kept" not in at.session_state


def test_a_kept_code_is_shown_reused_prefilled_and_forgotten(app_env):
    with open_storage(app_env) as store:
        first = contribute.submit(store, settings=Settings(), kind="need", title="Premier", text="", theme="nature",
                                  location=store.zone_point("62498"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.run()
    at.session_state["follow_kept"] = first.follow_code  # what the cookie gives back
    at.switch_page("pages/contribuer.py").run()
    assert not at.exception
    assert any(web.md(first.follow_code) in m.value and "gardé sur cet appareil" in m.value for m in at.markdown)
    v = at.session_state["form_version"]
    assert f"keep_code_{v}" not in [c.key for c in at.checkbox]  # kept already: nothing to ask
    # the next contribution is followed with the kept code
    at.radio(key="place_mode").set_value("Sans carte : choisir une commune et un lieu repère").run()
    at.selectbox(key="nomap_commune").set_value("62498").run()
    at.radio(key=f"kind_{v}").set_value("proposal")
    at.text_input(key=f"title_{v}").set_value("Second")
    at.selectbox(key=f"theme_{v}").set_value("nature")
    next(b for b in at.button if b.label == "Envoyer ma contribution").click().run()
    assert [c.value for c in at.code] == [first.follow_code]
    with open_storage(app_env) as store:
        assert sorted(c["title"] for c in residents.followed(store, first.follow_code)) == ["Premier", "Second"]
    # the follow page has it ready
    at.switch_page("pages/suivi.py").run()
    assert at.text_input(key="follow_input").value == first.follow_code
    assert any("Code gardé sur cet appareil." in c.value for c in at.caption)
    # forgotten: at once, and the server shell is asked to clear the cookie
    at.switch_page("pages/contribuer.py").run()
    next(b for b in at.button if b.label == "Oublier ce code sur cet appareil").click().run()
    assert any("n'est plus gardé sur cet appareil" in i.value for i in at.info)
    assert any("/_cartoparti/forget-code" in h.proto.body for h in at.get("html"))
    assert not any("gardé sur cet appareil" in m.value and web.md(first.follow_code) in m.value for m in at.markdown)
    v = at.session_state["form_version"]
    assert f"keep_code_{v}" in [c.key for c in at.checkbox]
