"""The living action plan on both backends: items, links both ways, milestones, statuses,
the follow-code view, capacity (a hand-computed case), bad input (French message,
nothing stored), and what the council brief and the exports read."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import shapely

from cartoparti._errors import NotFoundError, PermissionDeniedError, SettingsError, ValidationError
from cartoparti.analysis import capacity as cap
from cartoparti.commands import contribute, plan, residents
from cartoparti.settings import Settings

AGENT = {"name": "alice", "role": "agent"}
ADMIN = {"name": "root", "role": "admin"}
SETTINGS = Settings(capacity=(("voirie et mobilité", 20.0),))
LOOS = shapely.Point(2.7927, 50.4585)


@pytest.fixture
def store(backend_store):
    return backend_store


def _contribution(store, title="Trottoir abîmé", code=None):
    return contribute.submit(store, settings=SETTINGS, kind="need", title=title, text="rue de la Gare",
                             theme="mobilité", location=LOOS, follow_code=code)


def _item(store, **kw):
    values = {"title": "Refaire le trottoir", "service": "voirie et mobilité", "level": "concertation",
              "start_date": date(2027, 1, 10), "cost": 12000, "agent_days": 30, "geometry": LOOS}
    values.update(kw)
    return plan.add_item(store, SETTINGS, AGENT, **values)


def _plan_rows(store):
    return {t: len(store._df(f"SELECT * FROM {t}")) for t in
            ("plan_items", "plan_links", "plan_milestones", "service_capacity")}


def test_item_with_links_both_ways_and_milestones(store):
    a, b = _contribution(store), _contribution(store, "Passage piéton")
    change = _item(store, contribution_ids=[a.id], milestones=[("Étude", date(2027, 2, 1)),
                                                                 ("Travaux", "2027-03-05")])
    assert change.action == "add" and change.linked == [a.id]
    item = store.plan_item(change.item_id)
    assert item["title"] == "Refaire le trottoir" and item["status"] == "planned"
    assert item["start_date"] == date(2027, 1, 10) and item["cost"] == 12000.0
    assert item["geometry"].equals(LOOS)
    # item → contributions, contribution → items
    linked = plan.link(store, SETTINGS, AGENT, change.item_id, [b.id, a.id])
    assert linked.linked == [b.id] and sorted(linked.contributions) == sorted([a.id, b.id])
    assert sorted(store.plan_links(item_ids=[change.item_id])["contribution_id"]) == sorted([a.id, b.id])
    fed = plan.items_for_contribution(store, b.id)
    assert [i["id"] for i in fed] == [change.item_id]
    assert fed[0]["made_with_residents"] and fed[0]["contributions"] == 2
    assert [(m["step"], m["label"], m["due_date"]) for m in fed[0]["milestones"]] == [
        (1, "Étude", date(2027, 2, 1)), (2, "Travaux", date(2027, 3, 5))]
    unlinked = plan.unlink(store, AGENT, change.item_id, b.id)
    assert unlinked.unlinked == [b.id] and plan.items_for_contribution(store, b.id) == []
    # every change is in the audit log; links carry the contribution
    actions = store.audit_log()["action"].tolist()
    assert {"plan_add", "plan_link", "plan_milestone", "plan_unlink"} <= set(actions)
    assert "plan_link" in store.audit_log(b.id)["action"].tolist()


def test_item_without_contribution_is_not_made_with_residents(store):
    change = _item(store, zone=("", "62528"), geometry=None)
    (item,) = plan.public_plan(store)
    assert item["id"] == change.item_id and not item["made_with_residents"]
    assert item["zone_code"] == "62528" and store.plan_item(change.item_id)["geometry"] is not None


def test_status_abandon_needs_a_public_reason_and_done_realises(store):
    a = _contribution(store)
    change = _item(store, contribution_ids=[a.id])
    with pytest.raises(ValidationError) as exc:
        plan.set_status(store, SETTINGS, AGENT, change.item_id, "abandoned", reason="")
    assert "publiquement pourquoi" in exc.value.errors["reason"]
    assert store.plan_item(change.item_id)["status"] == "planned"
    done = plan.set_status(store, SETTINGS, AGENT, change.item_id, "done")
    assert done.before == {"status": "planned"} and done.after == {"status": "done"}
    assert done.contributions == [a.id]
    assert plan.realised_contribution_ids(store) == {a.id}
    why = "Le budget a été réaffecté à l'école."
    plan.set_status(store, SETTINGS, AGENT, change.item_id, "abandoned", reason=why)
    (item,) = plan.public_plan(store)
    assert item["status_label"] == "abandonné" and item["public_reason"] == why
    assert plan.realised_contribution_ids(store) == set()
    assert "plan_status" in store.audit_log()["action"].tolist()


def test_milestone_done_and_progress_for_the_council_brief(store):
    change = _item(store, milestones=[("Étude", date(2027, 2, 1))])
    plan.add_milestone(store, SETTINGS, AGENT, change.item_id, "Travaux", date(2027, 4, 1))
    plan.set_milestone_done(store, AGENT, change.item_id, 1)
    _item(store, title="Planter des arbres", service="espaces verts")
    progress = plan.plan_progress(store)
    assert progress.by_status == {"planned": 2, "in_progress": 0, "done": 0, "abandoned": 0}
    assert (progress.milestones_done, progress.milestones_total) == (1, 2)
    assert progress.items[0]["milestones"][0]["done"] is True
    frame = plan.plan_frame(store)
    assert len(frame) == 2 and frame.crs.to_epsg() == 4326
    assert frame.iloc[0]["last_milestone"] == date(2027, 4, 1)


def test_follow_code_shows_the_item_fed_and_its_milestones(store):
    code = residents.new_follow_code()
    a = _contribution(store, code=code)
    change = _item(store, contribution_ids=[a.id], milestones=[("Étude", date(2027, 2, 1))])
    (followed,) = residents.followed(store, code)
    (item,) = followed["plan"]
    assert item["id"] == change.item_id and item["title"] == "Refaire le trottoir"
    assert item["milestones"][0]["label"] == "Étude"


def test_merging_carries_the_links_over(store):
    duplicate, target = _contribution(store), _contribution(store, "Trottoir abîmé (bis)")
    first = _item(store, contribution_ids=[duplicate.id])
    both = _item(store, title="Autre", contribution_ids=[duplicate.id, target.id])
    store.merge_contributions(duplicate.id, target.id, actor="alice")
    links = store.plan_links()
    assert sorted(zip(links["item_id"], links["contribution_id"], strict=True)) == sorted(
        [(first.item_id, target.id), (both.item_id, target.id)])


def test_deleting_a_contribution_drops_its_links(store):
    a = _contribution(store)
    change = _item(store, contribution_ids=[a.id])
    store.delete_contribution(a.id, actor="alice")
    assert store.plan_links(item_ids=[change.item_id]).empty


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"contribution_ids": ["nope"]}, "contributions", "Contribution inconnue : nope"),
        ({"milestones": [("Étude", date(2027, 1, 1))]}, "milestone_1_date", "avant le début"),
        ({"cost": -5}, "cost", "coût estimé ne peut pas être négatif"),
        ({"agent_days": -1}, "agent_days", "jours-agents ne peut pas être négatif"),
        ({"service": "cuisine"}, "service", "Service inconnu : « cuisine »"),
        ({"level": "vote"}, "level", "Niveau de participation inconnu"),
        ({"title": " "}, "title", "Donnez un titre"),
        ({"zone": ("", "00000"), "geometry": None}, "place", "La zone « 00000 » n'existe pas"),
    ],
)
def test_bad_input_is_refused_in_french_and_nothing_is_stored(store, changes, field, words):
    _contribution(store)
    before = _plan_rows(store)
    audit = len(store.audit_log())
    with pytest.raises(ValidationError) as exc:
        _item(store, **changes)
    assert words in exc.value.errors[field]
    assert _plan_rows(store) == before and len(store.audit_log()) == audit


def test_bad_input_on_an_existing_item_stores_nothing(store):
    change = _item(store)
    before, audit = _plan_rows(store), len(store.audit_log())
    with pytest.raises(ValidationError) as exc:
        plan.add_milestone(store, SETTINGS, AGENT, change.item_id, "Étude", date(2026, 12, 31))
    assert "avant le début" in exc.value.errors["milestone_date"]
    with pytest.raises(ValidationError) as exc:
        plan.link(store, SETTINGS, AGENT, change.item_id, ["inconnue"])
    assert "Contribution inconnue : inconnue" in exc.value.errors["contributions"]
    with pytest.raises(ValidationError):
        plan.update_item(store, SETTINGS, AGENT, change.item_id, cost=-1)
    with pytest.raises(ValidationError) as exc:
        plan.set_capacity(store, SETTINGS, ADMIN, "cuisine", 3)
    assert "Service inconnu" in exc.value.errors["service"]
    with pytest.raises(NotFoundError):
        plan.link(store, SETTINGS, AGENT, "absent", [])
    with pytest.raises(PermissionDeniedError):
        plan.set_capacity(store, SETTINGS, AGENT, "voirie et mobilité", 3)
    assert _plan_rows(store) == before and len(store.audit_log()) == audit


def test_capacity_warning_on_a_hand_computed_case(store):
    # A: 30 days from 10/01/2027 to its last milestone 05/03/2027 → 10 in Jan, Feb, Mar.
    _item(store, milestones=[("Fin", date(2027, 3, 5))])
    load = cap.monthly_load(store.plan_items())
    assert load.to_dict(orient="records") == [
        {"service": "voirie et mobilité", "month": m, "load": 10.0} for m in ("2027-01", "2027-02", "2027-03")]
    # B: 24 days from 01/02/2027 to 15/03/2027 → 12 in Feb and Mar: 22 > 20 both months.
    warnings = plan.capacity_warnings(store, SETTINGS, service="voirie et mobilité", agent_days=24,
                                      start_date=date(2027, 2, 1), last_milestone=date(2027, 3, 15))
    assert warnings == [cap.Overload("voirie et mobilité", "2027-02", 22.0, 20.0),
                        cap.Overload("voirie et mobilité", "2027-03", 22.0, 20.0)]
    # 20 days → 10 a month: exactly at capacity, no warning
    assert plan.capacity_warnings(store, SETTINGS, service="voirie et mobilité", agent_days=20,
                                  start_date=date(2027, 2, 1), last_milestone=date(2027, 3, 15)) == []
    # no milestone: all 15 days in the start month (10 + 15 = 25 in January)
    assert plan.capacity_warnings(store, SETTINGS, service="voirie et mobilité", agent_days=15,
                                  start_date=date(2027, 1, 20)) == [
        cap.Overload("voirie et mobilité", "2027-01", 25.0, 20.0)]
    # a service without capacity never warns
    assert plan.capacity_warnings(store, SETTINGS, service="espaces verts", agent_days=999,
                                  start_date=date(2027, 1, 1)) == []
    # the command records B and returns the warnings; the chart frame flags the months
    change = _item(store, title="B", agent_days=24, start_date=date(2027, 2, 1),
                   milestones=[("Fin", date(2027, 3, 15))])
    assert [w.month for w in change.warnings] == ["2027-02", "2027-03"]
    table = plan.capacity_chart_frame(store, SETTINGS)
    assert table.loc[table["over"], "month"].tolist() == ["2027-02", "2027-03"]
    # an administrator raises the capacity (stored, overrides the setting)
    plan.set_capacity(store, SETTINGS, ADMIN, "voirie et mobilité", 25)
    assert plan.capacities(store, SETTINGS) == {"voirie et mobilité": 25.0}
    assert not plan.capacity_chart_frame(store, SETTINGS)["over"].any()
    assert "capacity_set" in store.audit_log()["action"].tolist()


def test_abandoned_items_free_their_capacity():
    items = pd.DataFrame({"id": ["a"], "service": ["s"], "agent_days": [40.0], "start_date": [date(2027, 1, 1)],
                          "last_milestone": [None], "status": ["abandoned"]})
    assert cap.monthly_load(items).empty
    assert cap.check_capacity(items, {"s": 20}, service="s", agent_days=20, start_date=date(2027, 1, 5)) == []


def test_search_contributions_by_words_and_id(store):
    a, b = _contribution(store, "Trottoir abîmé"), _contribution(store, "Passage piéton")
    assert plan.search_contributions(store, "trottoir abime")["id"].tolist() == [a.id]
    assert plan.search_contributions(store, b.id)["id"].tolist() == [b.id]
    assert plan.search_contributions(store, "   ").empty


def test_capacity_setting_is_typed_and_checked():
    env = {"CARTOPARTI_CAPACITY": "voirie et mobilité=20, espaces verts=8.5"}
    assert Settings.from_env(env).capacities == {"voirie et mobilité": 20.0, "espaces verts": 8.5}
    assert Settings.from_env({}).capacities == {}
    for value, words in [("voirie et mobilité=-2", "n'est pas de la forme"),
                         ("voirie et mobilité", "n'est pas de la forme"),
                         ("cuisine=3", "« cuisine » n'est pas dans CARTOPARTI_SERVICES"),
                         ("propreté=1,propreté=2", "nommé deux fois")]:
        with pytest.raises(SettingsError, match=words):
            Settings.from_env({"CARTOPARTI_CAPACITY": value})
