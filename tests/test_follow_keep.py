"""A resident's follow code kept on their browser (a signed cookie set by the server
shell from a ticket bound to that browser), copied, and printed on a receipt."""

from __future__ import annotations

import io
import types

import itsdangerous.timed
import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from cartoparti import i18n
from cartoparti.commands import contribute, residents, sessions
from cartoparti.settings import Settings
from cartoparti.storage import open_storage
from tests.conftest import ROOT

SECRET = "s3cret-for-tests"
BROWSER, OTHER = "a" * 32, "b" * 32
TIMEOUT = 60


def test_a_ticket_keeps_its_code_for_its_own_browser_only():
    code = residents.new_follow_code()
    ticket = sessions.keep_ticket(SECRET, code, BROWSER)
    assert sessions.redeem_keep_ticket(SECRET, ticket, BROWSER) == code
    # another site cannot make a visitor's browser keep a code of its own
    assert sessions.redeem_keep_ticket(SECRET, ticket, OTHER) is None
    assert sessions.redeem_keep_ticket(SECRET, ticket, None) is None
    assert sessions.redeem_keep_ticket("another-secret", ticket, BROWSER) is None
    assert sessions.redeem_keep_ticket(SECRET, ticket[:-2] + "xx", BROWSER) is None
    # a browser id cookie or a follow cookie does not stand for a ticket (salts)
    assert sessions.redeem_keep_ticket(SECRET, sessions.follow_cookie(SECRET, f"{BROWSER}:{code}"), BROWSER) is None


def test_a_ticket_expires_and_a_kept_code_lasts_thirteen_months(monkeypatch):
    code = residents.new_follow_code()
    ticket = sessions.keep_ticket(SECRET, code, BROWSER)
    cookie = sessions.follow_cookie(SECRET, code)
    real = itsdangerous.timed.time.time
    assert sessions.kept_code(SECRET, cookie) == code

    def later(seconds: float) -> None:
        monkeypatch.setattr(itsdangerous.timed, "time", types.SimpleNamespace(time=lambda: real() + seconds))

    later(sessions.KEEP_TICKET_SECONDS + 5)
    assert sessions.redeem_keep_ticket(SECRET, ticket, BROWSER) is None
    later(390 * 86400)
    assert sessions.kept_code(SECRET, cookie) == code
    later(sessions.FOLLOW_COOKIE_DAYS * 86400 + 60)
    assert sessions.kept_code(SECRET, cookie) is None
    # forged or foreign values open nothing
    assert sessions.kept_code(SECRET, "ABCD-EFGH-JKLM") is None
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
    assert "<b>cinéma</b>" in text and "{{ 7*7 }}" in text and "49" not in text.replace(receipt.id, "")
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


@pytest.mark.parametrize("path", ["pages/contribuer.py", "pages/suivi.py"])
def test_without_a_kept_code_nothing_is_prefilled(app_env, path):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.run()
    at.switch_page(path).run()
    assert not at.exception
    assert "kept_code" not in [getattr(c, "key", None) for c in at.main]
    assert not any("gardé sur cet appareil" in c.value for c in at.caption)
