"""Agents' workspace in the real app: sign-in required, and the whole loop — a resident
contributes, an agent signs in and answers, the resident reads the answer with the code."""

import re

import pytest

from cartoparti.commands import accounts as auth
from cartoparti.storage import open_storage
from tests.browser.streamlit_ui import (
    external_requests,
    fill,
    goto,
    radio,
    select,
    sign_in,
    submit,
)
from tests.conftest import AppServer

pytestmark = pytest.mark.browser
PASSWORD = "un mot de passe assez long"
NO_MAP = "Sans carte : choisir une commune et un lieu repère"
AGENT_URLS = ["reponses", "moderation", "saisie_terrain", "charge_equite", "qui_manque", "priorites", "bilan", "lieux",
              "donnees", "plan", "comptes"]


@pytest.fixture
def server_with_agent(db_path):
    """The app over a database that already has an agent (created before the server
    starts: DuckDB lets one process hold the file)."""
    with open_storage(db_path) as store:
        auth.add_user(store, "alice", role="agent", password=PASSWORD)
    server = AppServer(db_path)
    yield server
    server.stop()


def test_anonymous_visitors_cannot_reach_agent_pages_even_by_url(server_with_agent, page):
    for path in AGENT_URLS:
        page.goto(f"{server_with_agent.url}/{path}")
        page.get_by_text("Cette page est réservée aux agents").wait_for(timeout=60_000)
        page.locator('[data-testid="stMain"]').get_by_role("link", name=re.compile("Se connecter")).wait_for()
        page.wait_for_timeout(500)  # let the run finish: nothing else may appear
        assert page.locator('[data-testid="stMain"] h1').count() == 0
        assert page.locator('[data-testid="stMain"] textarea').count() == 0
        assert page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').count() == 0
        # the sidebar offers no agent page either
        assert page.locator('[data-testid="stSidebar"]').get_by_text("Traiter et répondre").count() == 0
    # a wrong password does not open them
    goto(page, f"{server_with_agent.url}/connexion")
    fill(page, "Nom d'utilisateur", "alice")
    fill(page, "Mot de passe", "pas le bon mot de passe")
    submit(page, "Se connecter")
    page.get_by_text("Nom d'utilisateur ou mot de passe incorrect.").wait_for()
    assert page.locator('[data-testid="stSidebar"]').get_by_text("Traiter et répondre").count() == 0


def test_resident_contributes_agent_answers_resident_reads_the_answer(server_with_agent, browser, page):
    url = server_with_agent.url
    # 1. a resident contributes without the map and gets a follow code
    goto(page, f"{url}/contribuer")
    radio(page, NO_MAP)
    select(page, "Commune", "Lens")
    page.get_by_text("Lieu choisi : un point").wait_for()
    select(page, "Type de contribution *", "besoin")
    fill(page, "Titre *", "Un abri à l'arrêt Bollaert")
    fill(page, "Votre message", "On attend sous la pluie.")
    select(page, "Thème *", "mobilité")
    submit(page, "Envoyer ma contribution")
    notice = page.get_by_text("Votre code de suivi personnel")
    notice.wait_for(timeout=30_000)
    code = re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", notice.inner_text()).group()

    # 2. an agent, in another browser, signs in and answers
    context = browser.new_context(viewport={"width": 1300, "height": 1000}, locale="fr-FR")
    agent = context.new_page()
    agent.set_default_timeout(30_000)
    sign_in(agent, url, "alice", PASSWORD)
    agent.get_by_text("Connecté(e) : alice").wait_for()
    agent.locator('[data-testid="stSidebar"]').get_by_text("Traiter et répondre").click()
    agent.get_by_role("heading", name="Traiter et répondre").wait_for(timeout=60_000)
    agent.get_by_text("Un abri à l'arrêt Bollaert").first.wait_for()
    select(agent, "Nouveau statut", "à l'étude")
    fill(agent, "Message public (langage clair)", "Le service mobilité étudie un abri pour cet arrêt.")
    submit(agent, "Publier la réponse")
    agent.get_by_text("Réponse publiée (statut : à l'étude).").wait_for()
    context.close()

    # 3. the resident opens the follow page with the code and reads the answer
    goto(page, f"{url}/suivi")
    fill(page, "Code de suivi", code.lower())
    submit(page, "Voir mes contributions")
    page.get_by_text("Le service mobilité étudie un abri pour cet arrêt.").wait_for(timeout=30_000)
    page.get_by_text("Statut : à l'étude").wait_for()
    assert external_requests(page) == []

    page.goto("about:blank")  # close the session: the server stops at once
    server_with_agent.stop()
    server_with_agent.proc.wait(timeout=30)
    with open_storage(server_with_agent.db_path) as store:
        row = store.contributions().iloc[0]
        assert row.status == "under_study" and row.answer == "Le service mobilité étudie un abri pour cet arrêt."
        assert store.audit_log(row.id).actor.iloc[0] == "alice"
