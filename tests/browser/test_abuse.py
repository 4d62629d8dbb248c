"""The honeypot field and a resident's report, in the real app in headless Chromium."""

import pytest
from playwright.sync_api import expect

from cartoparti.commands.contribute import submit as send
from cartoparti.settings import Settings
from cartoparti.storage import open_storage
from tests.browser.streamlit_ui import fill, goto, radio, select, settled, submit

pytestmark = pytest.mark.browser
NO_MAP = "Sans carte : choisir une commune et un lieu repère"
HONEYPOT = "Site web (laisser vide)"


def _form(page, url, title):
    goto(page, f"{url}/contribuer")
    radio(page, NO_MAP)
    select(page, "Commune", "Loos-en-Gohelle")
    page.get_by_text("Lieu choisi : un point").wait_for()
    select(page, "Type de contribution *", "besoin")
    fill(page, "Titre *", title)
    select(page, "Thème *", "nature")


def test_the_honeypot_is_hidden_from_people_and_a_robot_filling_it_stores_nothing(app_server, page):
    _form(page, app_server.url, "Un banc pour robots")
    field = page.locator('[class*="st-key-honeypot_"] input')
    expect(field).to_have_count(1)
    expect(field).to_be_hidden()  # off-screen and visibility:hidden
    assert page.get_by_role("textbox", name=HONEYPOT).count() == 0, "not in the accessibility tree"
    assert page.get_by_label(HONEYPOT).count() == 0 or not page.get_by_label(HONEYPOT).is_visible()
    focused = field.evaluate("el => { el.focus(); return document.activeElement === el; }")
    assert focused is False, "cannot be reached with the keyboard"
    field.evaluate(  # what a robot does: it writes in every input it finds
        """el => {
            Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(el, "http://spam.example");
            el.dispatchEvent(new Event("input", {bubbles: true}));
        }"""
    )
    submit(page, "Envoyer ma contribution")
    page.get_by_text("Merci ! Votre contribution").wait_for(timeout=30_000)  # looks sent
    app_server.stop()
    with open_storage(app_server.db_path) as store:
        assert store.contributions(published_only=False).empty


def test_a_person_sends_with_the_honeypot_empty(app_server, page):
    _form(page, app_server.url, "Un vrai banc")
    submit(page, "Envoyer ma contribution")
    page.get_by_text("Merci ! Votre contribution").wait_for(timeout=30_000)
    app_server.stop()
    with open_storage(app_server.db_path) as store:
        assert list(store.contributions()["title"]) == ["Un vrai banc"]


def test_a_resident_reports_a_contribution(app_server, page):
    with open_storage(app_server.db_path) as store:
        target = send(store, settings=Settings(), kind="need", title="Un banc", text="", theme="nature",
                      location=store.zone_point("62528")).id
    goto(page, f"{app_server.url}/contribution?id={target}")
    settled(page)
    page.get_by_text("Signaler ce contenu").click()
    select(page, "Raison", "Publicité ou message répété")
    fill(page, "Précisions (facultatif)", "Le même message <b>dix</b> fois")
    submit(page, "Envoyer le signalement")
    page.get_by_text("votre signalement a été transmis aux modérateurs").wait_for(timeout=30_000)
    app_server.stop()
    with open_storage(app_server.db_path) as store:
        reports = store.reports(target)
    assert list(reports["reason"]) == ["spam"]
    assert list(reports["detail"]) == ["Le même message <b>dix</b> fois"]


def test_moi_aussi_counts_once_per_browser_across_reloads_and_tabs(app_server, page):
    with open_storage(app_server.db_path) as store:
        target = send(store, settings=Settings(), kind="need", title="Un abri", text="", theme="nature",
                      location=store.zone_point("62528")).id
    for tab in range(3):  # the first visit, a reload, then a new tab of the same browser
        if tab == 2:
            page = page.context.new_page()
        goto(page, f"{app_server.url}/contribution?id={target}")
        settled(page)
        page.get_by_role("button", name="👍 Moi aussi").click()
        expected = "Merci, votre soutien est compté." if tab == 0 else (
            "Vous soutenez déjà cette contribution depuis cet appareil.")
        page.get_by_text(expected).wait_for(timeout=30_000)
    app_server.stop()
    with open_storage(app_server.db_path) as store:
        assert store.support_count(target) == 1
