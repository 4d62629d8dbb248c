"""AppTests of the action plan's pages: the agents' « Plan d'action » (sign-in, creating
an item with the capacity warning shown before confirming, status, links, milestones,
capacity by an administrator) and the public « Ce que la commune fait », the
contribution page and the follow-up page showing the items a contribution fed."""

from datetime import date

import pytest

from cartoparti import settings
from cartoparti.commands import plan, residents
from cartoparti.storage import open_storage
from tests.test_pages_agents import AGENT, INJECTION, add, button, run

ADMIN = {"name": "root", "role": "admin"}


def _item(db_path, contribution_ids=(), **kw):
    values = {"title": "Refaire le trottoir", "service": "voirie et mobilité", "level": "concertation",
              "start_date": date(2027, 1, 10), "agent_days": 30, "zone": ("", "62528"),
              "milestones": [("Étude du trottoir", date(2027, 2, 1))]}
    values.update(kw)
    with open_storage(db_path) as store:
        return plan.add_item(store, settings.current(), AGENT, contribution_ids=list(contribution_ids), **values)


def test_plan_page_needs_sign_in(app_env):
    at = run("pages/plan.py")
    assert not at.title and any("réservée aux agents" in w.value for w in at.warning)


def test_agent_creates_an_item_and_sees_the_capacity_warning_first(app_env, monkeypatch):
    monkeypatch.setenv("CARTOPARTI_CAPACITY", "voirie et mobilité=20")
    receipt = add(app_env, title="Trottoir défoncé rue Basly")
    at = run("pages/plan.py", AGENT)
    at.text_input(key="new_title").set_value("Refaire le trottoir rue Basly")
    at.selectbox(key="new_service").set_value("voirie et mobilité")
    at.number_input(key="new_days").set_value(25.0)
    at.date_input(key="new_start").set_value(date(2027, 3, 1))
    at.text_input(key="new_links_query").set_value("trottoir basly").run()
    at.multiselect(key="new_links_ids").set_value([receipt.id]).run()
    # before confirming: the warning, and the button waits for the agent's acknowledgement
    assert any("dépasserait sa capacité en mars 2027" in w.value for w in at.warning)
    assert button(at, "Enregistrer l'action").disabled
    at.checkbox(key="new_confirm").check().run()
    button(at, "Enregistrer l'action").click().run()
    assert not at.exception, at.exception
    assert any("Action enregistrée" in s.value for s in at.success)
    with open_storage(app_env) as store:
        (item,) = plan.public_plan(store)
        assert item["title"] == "Refaire le trottoir rue Basly" and item["agent_days"] == 25.0
        assert item["made_with_residents"]
        assert store.plan_links()["contribution_id"].tolist() == [receipt.id]


def test_bad_input_keeps_what_was_typed_and_stores_nothing(app_env):
    at = run("pages/plan.py", AGENT)
    at.text_input(key="new_title").set_value("Des bancs")
    at.date_input(key="new_start").set_value(date(2027, 3, 1))
    at.text_input(key="new_ms_label_0").set_value("Trop tôt")
    at.date_input(key="new_ms_date_0").set_value(date(2027, 1, 1)).run()
    button(at, "Enregistrer l'action").click().run()
    assert any("avant le début" in e.value for e in at.error)
    assert at.text_input(key="new_title").value == "Des bancs"
    with open_storage(app_env) as store:
        assert store.plan_items().empty


def test_agent_changes_status_ticks_a_milestone_and_links(app_env):
    first, second = add(app_env, title="Trottoir"), add(app_env, title="Passage piéton", zone="62528")
    change = _item(app_env, [first.id])
    at = run("pages/plan.py", AGENT)
    at.selectbox(key=f"status_{change.item_id}").set_value("abandoned").run()
    button(at, "Changer le statut").click().run()
    assert any("publiquement pourquoi" in e.value for e in at.error)
    button(at, "Faite").click().run()
    at.text_input(key=f"link_{change.item_id}_query").set_value("passage").run()
    at.multiselect(key=f"link_{change.item_id}_ids").set_value([second.id]).run()
    button(at, "Lier les contributions choisies").click().run()
    at.selectbox(key=f"status_{change.item_id}").set_value("done").run()
    button(at, "Changer le statut").click().run()
    assert not at.exception, at.exception
    with open_storage(app_env) as store:
        assert store.plan_item(change.item_id)["status"] == "done"
        assert bool(store.plan_milestones([change.item_id])["done"].iloc[0])
        assert sorted(plan.realised_contribution_ids(store)) == sorted([first.id, second.id])


def test_capacity_tab_chart_and_admin_edit(app_env, monkeypatch):
    monkeypatch.setenv("CARTOPARTI_CAPACITY", "voirie et mobilité=20")
    _item(app_env, milestones=[])
    at = run("pages/plan.py", ADMIN)
    assert any("dépasserait sa capacité en janv. 2027 : 30,0" in w.value for w in at.warning)
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    at.selectbox(key="cap_service").set_value("voirie et mobilité")
    at.number_input(key="cap_days").set_value(40.0).run()
    button(at, "Enregistrer").click().run()
    assert not at.exception, at.exception
    with open_storage(app_env) as store:
        assert plan.capacities(store, settings.current())["voirie et mobilité"] == 40.0
    agent = run("pages/plan.py", AGENT)
    assert any("Seul un administrateur" in c.value for c in agent.caption)


@pytest.mark.parametrize("path", ["pages/plan_public.py", "pages/carte.py"])
def test_public_pages_with_an_empty_plan(app_env, path):
    run(path)


def test_public_plan_page_shows_items_milestones_and_reasons_escaped(app_env):
    receipt = add(app_env)
    _item(app_env, [receipt.id], title=INJECTION, cost=12000)
    gone = _item(app_env, title="Un kiosque", milestones=[])
    with open_storage(app_env) as store:
        plan.set_status(store, settings.current(), AGENT, gone.item_id, "abandoned",
                        reason="Le terrain n'est pas à la commune.")
    at = run("pages/plan_public.py")
    markdown = " ".join(m.value for m in at.markdown)
    assert "Étude du trottoir" in markdown and "<b>" not in markdown and "\\*\\*x\\*\\*" in markdown
    assert any("fait avec les habitants (1 contribution(s))" in c.value for c in at.caption)
    assert any("coût estimé : 12" in c.value for c in at.caption)
    assert any("Le terrain n'est pas à la commune" in w.value for w in at.warning)
    assert [m.value for m in at.metric] == ["1", "0", "0", "1", "1"]  # planned … abandoned, with residents


def test_contribution_and_follow_pages_show_the_item_fed(app_env):
    code = residents.new_follow_code()
    receipt = add(app_env, follow_code=code)
    _item(app_env, [receipt.id])
    at = run("pages/contribution.py")
    assert any("Ce que cette contribution a nourri" in s.value for s in at.subheader)
    assert any("Refaire le trottoir" in m.value for m in at.markdown)
    at = run("pages/suivi.py")
    at.text_input(key="follow_input").set_value(code)
    at.button[0].click().run()
    markdown = " ".join(m.value for m in at.markdown)
    assert "nourri une action du plan" in markdown and "Étude du trottoir" in markdown


def test_changing_an_item_warns_about_capacity_before_saving(app_env, monkeypatch):
    monkeypatch.setenv("CARTOPARTI_CAPACITY", "voirie et mobilité=20")
    # X: 30 days 10/01 → 05/03/2027, 10 a month; Y: 15 days in April; Z: abandoned, 30 in January
    x = _item(app_env, milestones=[("Fin", date(2027, 3, 5))]).item_id
    _item(app_env, title="Y", agent_days=15, start_date=date(2027, 4, 1), milestones=[])
    z = _item(app_env, title="Z", start_date=date(2027, 1, 5), milestones=[]).item_id
    with open_storage(app_env) as store:
        plan.set_status(store, settings.current(), AGENT, z, "abandoned", reason="Plus de budget cette année.")
    at = run("pages/plan.py", AGENT)
    at.selectbox(key="edit_pick").set_value(x).run()
    assert not button(at, "Enregistrer les modifications").disabled
    # more days: 66 over three months, 22 a month — warned, saved only once acknowledged
    at.number_input(key=f"e_days_{x}").set_value(66.0).run()
    assert any("dépasserait sa capacité en févr. 2027 : 22,0" in w.value for w in at.warning)
    assert button(at, "Enregistrer les modifications").disabled
    at.checkbox(key=f"e_confirm_{x}").check().run()
    button(at, "Enregistrer les modifications").click().run()
    assert not at.exception, at.exception
    at.number_input(key=f"e_days_{x}").set_value(30.0).run()  # fewer days: nothing to confirm
    button(at, "Enregistrer les modifications").click().run()
    # a milestone at the end of April spreads X over four months: April 15 + 7,5
    at.text_input(key=f"ms_label_{x}").set_value("Réception")
    at.date_input(key=f"ms_date_{x}").set_value(date(2027, 4, 30)).run()
    assert any("avr. 2027 : 22,5" in w.value for w in at.warning)
    assert button(at, "Ajouter l'étape").disabled
    # the abandoned Z planned again: January 10 + 30
    at.selectbox(key="edit_pick").set_value(z).run()
    at.selectbox(key=f"status_{z}").set_value("planned").run()
    assert any("janv. 2027 : 40,0" in w.value for w in at.warning)
    assert button(at, "Changer le statut").disabled
    with open_storage(app_env) as store:
        assert store.plan_item(z)["status"] == "abandoned"
        assert len(store.plan_milestones([x])) == 1
    at.checkbox(key=f"status_confirm_{z}").check().run()
    button(at, "Changer le statut").click().run()
    assert not at.exception, at.exception
    with open_storage(app_env) as store:
        assert store.plan_item(z)["status"] == "planned" and store.plan_item(x)["agent_days"] == 30.0


def test_agents_still_see_a_link_to_a_contribution_hidden_since(app_env):
    from cartoparti.commands import moderation

    kept, spam = add(app_env, title="Trottoir"), add(app_env, title="Publicité casino")
    change = _item(app_env, [kept.id, spam.id])
    with open_storage(app_env) as store:
        moderation.hide(store, AGENT, spam.id, "spam")
    at = run("pages/plan.py", AGENT)
    markdown = " ".join(m.value for m in at.markdown)
    assert "Publicité casino" in markdown and "plus visible du public" in markdown
    assert any(b.key == f"unlink_{change.item_id}_{spam.id}" for b in at.button)
    public = run("pages/plan_public.py")
    assert any("fait avec les habitants (1 contribution(s))" in c.value for c in public.caption)
