"""AppTests of the places that come back (agents), the weak-signal alerts on the
agents' home, and the story of a place (public)."""

from __future__ import annotations

import pytest
import shapely
from streamlit.testing.v1 import AppTest

from cartoparti import settings
from cartoparti.commands import accounts as auth
from cartoparti.storage import open_storage
from tests.cluster_helpers import draft, offset, plant
from tests.conftest import ROOT

TIMEOUT = 90
AGENT = {"name": "alice", "role": "agent"}
PASSWORD = "un mot de passe assez long"
INJECTION = "**x** [a](javascript:alert(1)) <b>y</b>"
LANDMARK = "batis_miniers:0"


def run(path: str, user: dict | None = None, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    if user is not None:
        with open_storage(settings.db_path()) as store:
            if store.user(user["name"]) is None:
                auth.add_user(store, user["name"], role=user["role"], password=PASSWORD)
        at.session_state["user"] = user
    at.run()
    if path != "app.py":
        for name, value in (params or {}).items():
            at.query_params[name] = value
        at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def _plant_places(db_path):
    with open_storage(db_path) as store:
        centre = store.zone_point("62498")
        plant(store, [draft(offset(centre, 10 * i, 0), who=f"a{i}", title=INJECTION) for i in range(3)])
        plant(store, [draft(offset(centre, 2000, 10 * i), who=f"b{i}") for i in range(3)])


def _plant_signals(db_path, n=3):
    with open_storage(db_path) as store:
        centre = store.zone_point("62498")
        plant(store, [draft(offset(centre, 20 * i, 0), who=f"s{i}", kind="weak_signal", title=f"Odeur {i}")
                      for i in range(n)])


def test_places_page_refused_to_a_visitor(app_env):
    _plant_places(app_env)
    at = run("pages/lieux.py")
    assert not at.title and not at.dataframe
    assert any("réservée aux agents" in w.value for w in at.warning)


def test_places_page_for_an_agent(app_env):
    _plant_places(app_env)
    at = run("pages/lieux.py", AGENT)
    assert at.title[0].value == "Lieux qui reviennent"
    assert any("2 lieu" in s.value for s in at.subheader)
    places = at.dataframe[0].value
    assert len(places) == 2 and list(places["Contributeurs distincts"]) == [3, 3]
    assert places["Histoire de ce lieu"].str.startswith("histoire?lieu=lieu-").all()
    # fewer places with more contributors required
    at.number_input(key="lieux_min").set_value(4).run()
    assert not at.exception and not at.dataframe
    assert any("Aucun lieu" in i.value for i in at.info)


def test_alerts_on_the_agents_home(app_env):
    _plant_signals(app_env)
    visitor = run("app.py")
    assert not any("signaux faibles" in w.value for w in visitor.warning)
    at = run("app.py", AGENT)
    assert any("3 personnes différentes" in w.value for w in at.warning)
    with open_storage(app_env) as store:
        (key,) = store.alerts(["open"])["key"]
    # dismissing without a reason: a French message, nothing stored
    next(b for b in at.button if b.label == "Écarter").click().run()
    assert any("raison est obligatoire" in e.value for e in at.error)
    with open_storage(app_env) as store:
        assert store.alert(key)["state"] == "open"
    at.text_input(key=f"alert_reason_{key}").set_value("Signalé au bailleur la semaine dernière")
    next(b for b in at.button if b.label == "Écarter").click().run()
    assert not at.exception
    with open_storage(app_env) as store:
        alert = store.alert(key)
    assert (alert["state"], alert["reason"]) == ("dismissed", "Signalé au bailleur la semaine dernière")
    assert not any("personnes différentes" in w.value for w in at.warning)


def test_acknowledge_on_the_agents_home(app_env):
    _plant_signals(app_env)
    at = run("app.py", AGENT)
    next(b for b in at.button if b.label == "Je prends en charge").click().run()
    assert not at.exception
    with open_storage(app_env) as store:
        assert list(store.alerts()["state"]) == ["acknowledged"]


def test_an_alert_becomes_an_action_plan_item_fed_by_its_signals(app_env):
    _plant_signals(app_env)
    at = run("app.py", AGENT)
    with open_storage(app_env) as store:
        alert = store.alerts(["open"]).iloc[0]
    key = alert["key"]
    assert at.text_input(key=f"alert_plan_title_{key}").value.startswith("Odeur")
    # an empty title: the plan's own check, in French, and nothing stored
    at.text_input(key=f"alert_plan_title_{key}").set_value("")
    next(b for b in at.button if b.label == "Créer l'action à partir de ces signaux").click().run()
    assert any("Donnez un titre" in e.value for e in at.error)
    with open_storage(app_env) as store:
        assert store.plan_items().empty and store.alert(key)["state"] == "open"
    at.text_input(key=f"alert_plan_title_{key}").set_value("Trouver l'origine des odeurs")
    at.number_input(key=f"alert_plan_days_{key}").set_value(3.0)
    next(b for b in at.button if b.label == "Créer l'action à partir de ces signaux").click().run()
    assert not at.exception
    with open_storage(app_env) as store:
        items = store.plan_items()
        assert list(items["title"]) == ["Trouver l'origine des odeurs"]
        item_id = items["id"].iloc[0]
        assert store.alert(key)["state"] == "planned" and store.alert(key)["plan_item_id"] == item_id
        linked = store.plan_links(item_ids=[item_id])["contribution_id"]
        assert sorted(linked) == sorted(str(alert["members"]).split())
        assert items.geometry.iloc[0].distance(shapely.Point(alert["lon"], alert["lat"])) < 1e-9
    assert not any("personnes différentes" in w.value for w in at.warning)


def test_no_alert_below_n_contributors_on_the_home(app_env):
    _plant_signals(app_env, n=2)
    at = run("app.py", AGENT)
    assert not any("personnes différentes" in w.value for w in at.warning)


def _plant_story(db_path):
    with open_storage(db_path) as store:
        point = store.landmark_point(LANDMARK)
        plant(store, [
            draft(offset(point, 40, 30), who="m1", kind="memory", title="Le bal de la Sainte-Barbe",
                  text="On dansait ici " + INJECTION, theme="culture et mémoire"),
            draft(offset(point, -80, 0), who="m2", kind="proposal", title="Un banc près de la fosse"),
            draft(offset(point, 3000, 0), who="m3", kind="memory", title="Trop loin pour cette histoire"),
        ])


def test_story_page_of_a_landmark(app_env):
    _plant_story(app_env)
    at = run("pages/histoire.py", params={"lieu": LANDMARK})
    assert "Fosse" in at.title[0].value
    shown = "\n".join(m.value for m in at.markdown)
    assert "Le bal de la Sainte" in shown and "Un banc près de la fosse" in shown
    assert "Trop loin" not in shown
    # user text is inert: HTML escaped, markdown escaped
    assert "<b>" not in shown and "&lt;b&gt;" in shown and "\\*\\*x\\*\\*" in shown
    headers = [h.value for h in at.header]
    assert headers == ["Souvenirs", "Patrimoine autour", "Besoins et propositions des environs", "Ce qui a été fait"]


def test_story_page_of_a_place_that_comes_back(app_env):
    _plant_places(app_env)
    at = run("pages/lieux.py", AGENT)
    link = at.dataframe[0].value["Histoire de ce lieu"].iloc[0]
    lieu = link.split("lieu=")[1].split("&")[0]
    story = run("pages/histoire.py", params={"lieu": lieu})
    assert story.title[0].value.startswith("Lieu qui revient")


@pytest.mark.parametrize("lieu", ["inconnu:99", "lieu-0000"])
def test_story_page_of_an_unknown_place(app_env, lieu):
    at = run("pages/histoire.py", params={"lieu": lieu})
    assert any("introuvable" in e.value for e in at.error)
    assert not at.header


def test_story_page_without_a_place_offers_the_landmarks(app_env):
    at = run("pages/histoire.py")
    assert at.selectbox(key="story_pick").options
    at.selectbox(key="story_pick").set_value(LANDMARK).run()
    assert not at.exception and "Fosse" in at.title[0].value


def test_story_page_ignores_the_radius_and_count_of_its_link(app_env):
    # a link's ?eps= and ?min= never make the public page cluster again: the defaults only
    at = run("pages/histoire.py", params={"lieu": "lieu-0000", "eps": "0"})
    assert any("introuvable" in e.value for e in at.error) and not at.header
    with open_storage(app_env) as store:  # two contributors 1 km apart: a place at eps 5000, min 2
        centre = store.zone_point("62498")
        plant(store, [draft(offset(centre, 1000 * i, 0), who=f"far{i}") for i in range(2)])
        from cartoparti.commands import clusters

        (key,) = clusters.places(store, settings.current(), eps_m=5000, min_contributors=2).places["key"]
    at = run("pages/histoire.py", params={"lieu": "lieu-" + key, "eps": "5000", "min": "2"})
    assert any("introuvable" in e.value for e in at.error) and not at.header
