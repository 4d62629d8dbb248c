"""AppTests of the planners' pages: Priorités and Bilan pour le conseil (agents only)."""

from __future__ import annotations

import pytest

from cartoparti import settings
from cartoparti.storage import open_storage
from tests.test_pages_agents import AGENT, run
from tests.test_priorities import plant

PAGES = ["pages/priorites.py", "pages/bilan.py"]


@pytest.mark.parametrize("path", PAGES)
def test_refused_to_a_visitor(app_env, path):
    at = run(path)
    assert not at.title
    assert any("réservée aux agents" in w.value for w in at.warning)
    assert not at.dataframe


def test_priorities_page_ranks_and_filters(app_env):
    with open_storage(settings.db_path()) as store:
        ids = plant(store)
    at = run("pages/priorites.py", AGENT)
    assert at.title[0].value == "Priorités"
    table = at.dataframe[0].value
    assert table["Titre"].tolist() == ["Un banc au parc", "Une piste cyclable", "De l'ombre"]
    assert table["Personnes (auteurs et soutiens)"].tolist() == [4, 5, 1]
    assert "Personnes, repondéré" in table.columns
    assert any("repondéré" in e.label for e in at.expander)
    at.selectbox(key="prio_kind").set_value("need").run()
    assert not at.exception
    assert at.dataframe[0].value["Titre"].tolist() == ["De l'ombre"]
    assert ids


def test_priorities_page_without_contributions(app_env):
    at = run("pages/priorites.py", AGENT)
    assert any("Aucune contribution" in i.value for i in at.info)


def test_brief_page_for_an_agent(app_env):
    with open_storage(settings.db_path()) as store:
        plant(store)
    at = run("pages/bilan.py", AGENT)
    assert at.title[0].value == "Bilan pour le conseil"
    text = " ".join(m.value for m in at.markdown)
    for title in ("Qui a participé, qui manque", "Les priorités des habitants", "Les réponses données"):
        assert title in text
