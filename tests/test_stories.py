"""The story of a place, on both backends: what is around a real landmark of the
default territory, published only, nearest first, and what was done."""

from __future__ import annotations

import pytest

from cartoparti._errors import NotFoundError
from cartoparti.commands import answers, clusters, stories
from cartoparti.settings import Settings
from tests.cluster_helpers import draft, offset, plant

SETTINGS = Settings()
AGENT = {"name": "alice", "role": "agent"}
LANDMARK = "batis_miniers:0"


def test_the_story_of_a_landmark(backend_store):
    # exact public positions here, to check the distances the story gives (the grid of
    # the public positions is tested in test_public_precision)
    backend_store.set_public_precision({})
    point = backend_store.landmark_point(LANDMARK)
    memory, far_memory, hidden, proposal, report = plant(backend_store, [
        draft(offset(point, 120, 0), who="m1", kind="memory", title="Le bal", age_band="75+"),
        draft(offset(point, 900, 0), who="m2", kind="memory", title="Trop loin"),
        draft(offset(point, 50, 0), who="m3", kind="memory", title="Masqué"),
        draft(offset(point, -60, 0), who="m4", kind="proposal", title="Un banc"),
        draft(offset(point, 0, 200), who="m5", kind="report", title="Lampadaire"),
    ])
    backend_store.apply_changes(hidden, actor="alice", action="hide", contribution={"published": False},
                                handling={"hidden": True, "hidden_reason": "spam"})
    for status in ("under_study", "accepted", "done"):
        answers.answer(backend_store, AGENT, report, status=status, message="Le lampadaire est réparé.")
    story = stories.story(backend_store, SETTINGS, LANDMARK)
    assert story.name == "Fosse n°13bis de Lens" and story.radius_m == 500
    assert list(story.memories["id"]) == [memory]
    assert list(story.nearby["id"]) == [proposal]
    assert list(story.done["id"]) == [report]
    assert "age_band" not in story.memories.columns and "who" not in story.memories.columns
    assert story.memories["distance_m"].between(100, 140).all()
    assert LANDMARK not in set(story.heritage["id"])
    assert story.heritage["distance_m"].is_monotonic_increasing
    assert (story.heritage["distance_m"] <= 500).all()
    assert set(story.contributions["id"]) == {memory, proposal, report}
    wider = stories.story(backend_store, SETTINGS, LANDMARK, radius_m=1000)
    assert set(wider.memories["id"]) == {memory, far_memory}


def test_the_story_of_a_place_that_comes_back(backend_store):
    centre = backend_store.zone_point("62498")
    ids = plant(backend_store, [draft(offset(centre, 10 * i, 0), who=f"a{i}", kind="memory") for i in range(3)])
    (key,) = clusters.places(backend_store, SETTINGS).places["key"]
    story = stories.story(backend_store, SETTINGS, "lieu-" + key)
    assert story.name == "Lieu qui revient n° 1"
    assert set(story.memories["id"]) == set(ids)
    with pytest.raises(NotFoundError, match="introuvable"):
        stories.story(backend_store, SETTINGS, "lieu-" + key, min_contributors=4)
    with pytest.raises(NotFoundError, match="introuvable"):
        stories.story(backend_store, SETTINGS, "batis_miniers:999999")


def test_the_story_tells_what_the_action_plan_does_there(backend_store):
    from cartoparti.commands import plan

    point = backend_store.landmark_point(LANDMARK)
    (proposal,) = plant(backend_store, [draft(offset(point, -60, 0), who="p1", kind="proposal", title="Un banc")])
    service = SETTINGS.services[0]
    fed = plan.add_item(backend_store, SETTINGS, AGENT, title="Des bancs autour de la fosse", service=service,
                        level="concertation", start_date="2027-01-04", contribution_ids=[proposal]).item_id
    here = plan.add_item(backend_store, SETTINGS, AGENT, title="Éclairer le chemin", service=service,
                         level="information", start_date="2027-01-04",
                         geometry=offset(point, 0, 300)).item_id
    plan.add_item(backend_store, SETTINGS, AGENT, title="Ailleurs", service=service, level="information",
                  start_date="2027-01-04", geometry=offset(point, 3000, 0))
    story = stories.story(backend_store, SETTINGS, LANDMARK)
    assert sorted(item["id"] for item in story.plan) == sorted([fed, here])
    assert {item["title"] for item in story.plan} == {"Des bancs autour de la fosse", "Éclairer le chemin"}
