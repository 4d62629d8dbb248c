"""The follow code, as a resident meets it in the real app: in view after « Envoyer »,
copied, printed on a receipt, kept on this browser when asked (across a reload and a new
tab, for the next contribution and the follow page), forgotten on request; another
browser's ticket keeps nothing."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from cartoparti.commands import sessions
from tests.browser.streamlit_ui import (
    choose_kind,
    external_requests,
    fill,
    goto,
    radio,
    select,
    settled,
    submit,
    tick,
)

pytestmark = pytest.mark.browser
NO_MAP = "Sans carte : choisir une commune et un lieu repère"
SHOW = "Voir mes contributions"
CODE = re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}")


def _send(page, url: str, title: str, *, keep: bool | None) -> None:
    # a browser that has met the site already holds its id cookie (on a first visit to a
    # server still opening its database, it may come with a later response only)
    goto(page, f"{url}/contribuer")
    for _ in range(100):
        if any(c["name"] == "cartoparti_browser" for c in page.context.cookies()):
            break
        page.wait_for_timeout(100)
    page.reload()
    radio(page, NO_MAP)
    select(page, "Commune", "Loos-en-Gohelle")
    page.get_by_text("Lieu choisi : toute la commune (Loos-en-Gohelle).").wait_for(timeout=30_000)
    choose_kind(page, "proposition")
    fill(page, "Titre *", title)
    select(page, "Thème *", "nature")
    box = page.get_by_label("Garder mon code de suivi sur cet appareil")
    if keep is None:  # a code is kept already: nothing to ask
        expect(box).to_have_count(0)
    else:
        expect(box).not_to_be_checked()  # nothing kept without asking
        if keep:
            tick(page, "Garder mon code de suivi sur cet appareil")
    submit(page, "Envoyer ma contribution")
    page.locator(".st-key-cp_receipt").get_by_text("Merci ! Votre contribution").wait_for(timeout=30_000)


def _cookie(page) -> dict | None:
    return next((c for c in page.context.cookies() if c["name"] == sessions.FOLLOW_COOKIE), None)


def test_a_kept_code_follows_the_resident_across_reloads_until_forgotten(app_server, page):
    _send(page, app_server.url, "Un jardin partagé", keep=True)
    receipt = page.locator(".st-key-cp_receipt")
    expect(receipt).to_be_focused()  # the confirmation comes into view and takes the focus
    assert receipt.is_visible()
    code = CODE.search(receipt.inner_text()).group()
    # to copy: the code alone in a code block (with its copy button)
    expect(receipt.locator('[data-testid="stCode"]')).to_contain_text(code)
    # to print: the receipt as PDF
    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name="Télécharger le reçu à imprimer (PDF)").click()
    pdf = download.value.path().read_bytes()
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert code in text and "Un jardin partagé" in text and f"{app_server.url}/suivi" in text
    # kept: a signed, HttpOnly cookie of this site
    for _ in range(50):
        if _cookie(page):
            break
        page.wait_for_timeout(100)
    cookie = _cookie(page)
    assert cookie and cookie["httpOnly"] and cookie["sameSite"] == "Lax"

    # a reload, then a new tab: the code is still here, and the next contribution uses it
    page.reload()
    kept = page.locator(".st-key-kept_code")
    kept.wait_for(timeout=30_000)
    assert code in kept.inner_text()
    tab = page.context.new_page()
    _send(tab, app_server.url, "Des bancs au terril", keep=None)
    assert code in tab.locator(".st-key-cp_receipt").inner_text()
    # the follow page has it ready, and shows both contributions
    goto(tab, f"{app_server.url}/suivi")
    expect(tab.get_by_label("Code de suivi")).to_have_value(code, timeout=30_000)
    tab.get_by_text("Code gardé sur cet appareil.").wait_for()
    submit(tab, SHOW)
    for title in ("Un jardin partagé", "Des bancs au terril"):
        tab.get_by_text(title).first.wait_for(timeout=30_000)
    tab.close()

    # forgotten on request: at once, and after a reload
    goto(page, f"{app_server.url}/contribuer")
    settled(page)
    page.get_by_role("button", name="Oublier ce code sur cet appareil").click()
    page.get_by_text("Ce code n'est plus gardé sur cet appareil").wait_for(timeout=30_000)
    for _ in range(50):
        if not _cookie(page):
            break
        page.wait_for_timeout(100)
    assert _cookie(page) is None
    page.reload()
    page.get_by_label("Garder mon code de suivi sur cet appareil").wait_for(timeout=30_000)
    expect(page.locator(".st-key-kept_code")).to_have_count(0)
    assert external_requests(page) == []


def test_nothing_is_kept_unasked_nor_from_another_browsers_ticket(app_server, page, browser):
    _send(page, app_server.url, "Sans garder", keep=False)
    page.reload()
    page.get_by_label("Garder mon code de suivi sur cet appareil").wait_for(timeout=30_000)
    assert _cookie(page) is None
    # an attacker asks to keep their own code, holds back their ticket (their browser
    # never brings it), then has the visitor's browser bring it: nothing is kept there
    attacker = browser.new_context(viewport={"width": 1300, "height": 1000}, locale="fr-FR")
    held: list[str] = []
    try:
        theirs = attacker.new_page()
        theirs.route(re.compile(r".*/_cartoparti/keep-code\?.*"), lambda route: (held.append(route.request.url), route.abort()))
        _send(theirs, app_server.url, "Piège", keep=True)
        for _ in range(100):
            if held:
                break
            theirs.wait_for_timeout(100)
        assert held, "the page asks the server shell to keep the code"
        assert CODE.search(held[0]) is None  # the address carries no code
    finally:
        attacker.close()
    answer = page.request.get(held[0])
    assert answer.status == 403
    assert _cookie(page) is None
    # and a forged cookie opens nothing: the page offers to keep a code, shows none
    page.context.add_cookies([{"name": sessions.FOLLOW_COOKIE, "value": "ABCD-EFGH-JKLM", "url": app_server.url}])
    page.reload()
    page.get_by_label("Garder mon code de suivi sur cet appareil").wait_for(timeout=30_000)
    expect(page.locator(".st-key-kept_code")).to_have_count(0)
    # another site cannot make the browser forget its code either
    refused = page.request.get(f"{app_server.url}{sessions.FORGET_CODE_ROUTE}", headers={"Sec-Fetch-Site": "cross-site"})
    assert refused.status == 403
