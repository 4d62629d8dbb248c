"""Weak-signal alerts and places that come back: who counts as a distinct contributor
online, how wide an alert may be, decided alerts that must not come back, and turning
an alert into a plan item (both backends)."""

from __future__ import annotations

from dataclasses import replace

from cartoparti.commands import clusters
from cartoparti.settings import Settings
from tests.cluster_helpers import draft, offset

SETTINGS = Settings()
AGENT = {"name": "alice", "role": "agent"}
LENS = "62498"
ALERTS = replace(SETTINGS, alert_min_contributors=3, alert_radius_m=250, alert_days=30)


def _online(store, dx, dy, code_hash, *, kind="weak_signal", days_ago=2.0):
    """A contribution sent through the web form: no contributor id, a follow code."""
    point = offset(store.zone_point(LENS), dx, dy)
    return store.submit_contribution(
        draft(point, who=None, kind=kind, days_ago=days_ago), published=True, follow_code_hash=code_hash)


def test_one_visit_online_is_one_contributor(backend_store):
    for i in range(3):  # one resident, one follow code, three signals
        _online(backend_store, 20 * i, 10 * i, "visit-1")
    assert clusters.refresh_alerts(backend_store, ALERTS) == []
    assert backend_store.cluster_input()["who"].nunique() == 1
    _online(backend_store, 30, -20, "visit-2")
    assert clusters.refresh_alerts(backend_store, ALERTS) == []
    _online(backend_store, -30, 20, "visit-3")
    (key,) = clusters.refresh_alerts(backend_store, ALERTS)
    assert backend_store.alert(key)["contributors"] == 3


def test_a_merge_does_not_lend_the_duplicate_s_code_to_the_kept_one(backend_store):
    kept = _online(backend_store, 0, 0, "zz-kept")
    _online(backend_store, 40, 0, "aa-other")
    _online(backend_store, 0, 40, "mm-third")
    duplicate = _online(backend_store, 10, 10, "aa-other")
    backend_store.merge_contributions(duplicate, kept, actor="alice")
    # the kept signal holds both codes now; it still counts for the one it was sent with
    who = backend_store.cluster_input().set_index("id")["who"]
    assert who[kept] == "f:zz-kept"
    (key,) = clusters.refresh_alerts(backend_store, ALERTS)
    assert backend_store.alert(key)["contributors"] == 3


def test_priority_authors_online_are_follow_codes(backend_store):
    first = _online(backend_store, 0, 0, "author-a", kind="proposal")
    same = _online(backend_store, 2000, 0, "author-a", kind="proposal")
    other = _online(backend_store, 0, 2000, "author-b", kind="proposal")
    backend_store.merge_contributions(same, first, actor="alice")
    backend_store.merge_contributions(other, first, actor="alice")
    items = backend_store.priority_counts(["proposal"])["items"].set_index("id")
    # three contributions merged into one, from two residents
    assert items.loc[first, "authors"] == 2
