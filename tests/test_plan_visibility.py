"""Only published, visible contributions feed the action plan publicly (both backends):
a hidden, held or merged contribution cannot be linked (French message, nothing
stored, nobody mailed), and one hidden after being linked disappears from everything
the public sees (the plan, the map and GeoPackage frame, the contribution's items,
the realised ones, the follow-code view) while agents still see the link."""

from __future__ import annotations

from datetime import date

import pytest

from cartoparti._errors import ValidationError
from cartoparti.commands import moderation, plan, residents
from tests.test_plan import AGENT, SETTINGS, _contribution, _item, _plan_rows


@pytest.fixture
def store(backend_store):
    return backend_store


def _hidden(store):
    found = _contribution(store, "Pub pour un casino")
    moderation.hide(store, AGENT, found.id, "spam")
    return found


def _held(store):
    found = _contribution(store, "En attente")
    store.apply_changes(found.id, actor="alice", action="unpublish", contribution={"published": False})
    return found


def _merged(store):
    duplicate, target = _contribution(store, "Doublon"), _contribution(store, "Original")
    moderation.merge(store, AGENT, duplicate.id, target.id)
    return duplicate


@pytest.mark.parametrize("make", [_hidden, _held, _merged], ids=["hidden", "held", "merged"])
def test_only_a_published_visible_contribution_can_be_linked(store, make):
    other = make(store)
    change = _item(store)
    before, audit = _plan_rows(store), len(store.audit_log())
    with pytest.raises(ValidationError) as exc:
        plan.link(store, SETTINGS, AGENT, change.item_id, [other.id])
    assert "publiée et visible" in exc.value.errors["contributions"] and other.id in exc.value.errors["contributions"]
    with pytest.raises(ValidationError) as exc:
        _item(store, title="Autre", contribution_ids=[other.id])
    assert "publiée et visible" in exc.value.errors["contributions"]
    assert _plan_rows(store) == before and len(store.audit_log()) == audit
    assert store.plan_links().empty
    assert other.id not in plan.search_contributions(store, other.id)["id"].tolist()
    fine = _contribution(store, "Visible")
    assert plan.linkable_contributions(store, [other.id, fine.id, "absent", fine.id]) == [fine.id]


def test_a_contribution_hidden_after_being_linked_leaves_the_public_views(store):
    code = residents.new_follow_code()
    kept, spam = _contribution(store, "Trottoir"), _contribution(store, "Pub", code=code)
    change = _item(store, contribution_ids=[kept.id, spam.id], milestones=[("Étude", date(2027, 2, 1))])
    plan.set_status(store, SETTINGS, AGENT, change.item_id, "done")
    assert plan.public_plan(store)[0]["contributions"] == 2
    moderation.hide(store, AGENT, spam.id, "spam")
    (item,) = plan.public_plan(store)
    assert item["contributions"] == 1 and item["made_with_residents"]
    assert plan.plan_frame(store).iloc[0]["contributions"] == 1
    assert plan.plan_progress(store).made_with_residents == 1
    assert plan.items_for_contribution(store, spam.id) == []
    assert plan.items_for_contribution(store, kept.id)[0]["contributions"] == 1
    assert plan.realised_contribution_ids(store) == {kept.id}
    (followed,) = residents.followed(store, code)
    assert followed["plan"] == []
    # the link itself is kept: agents still see it
    assert sorted(store.plan_links(item_ids=[change.item_id])["contribution_id"]) == sorted([kept.id, spam.id])
    moderation.hide(store, AGENT, kept.id, "hors sujet")
    (item,) = plan.public_plan(store)
    assert item["contributions"] == 0 and not item["made_with_residents"]
    assert plan.realised_contribution_ids(store) == set()


def test_agents_see_every_link_with_what_the_public_sees(store):
    kept, spam = _contribution(store, "Trottoir"), _contribution(store, "Pub")
    change = _item(store, contribution_ids=[kept.id, spam.id])
    def links():
        return sorted(plan.item_links(store, change.item_id), key=lambda r: r["title"])

    assert links() == [{"id": spam.id, "title": "Pub", "public": True},
                       {"id": kept.id, "title": "Trottoir", "public": True}]
    moderation.hide(store, AGENT, spam.id, "spam")
    assert [(r["id"], r["public"]) for r in links()] == [(spam.id, False), (kept.id, True)]
    assert plan.item_links(store, _item(store, title="Seule").item_id) == []
