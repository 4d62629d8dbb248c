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


# -- an alert is no wider than R ---------------------------------------------------------------
def _signals_at(xs, now):
    """Weak signals on an east-west line, ``xs`` metres from a point of Lens, one contributor each."""
    import pandas as pd
    from pyproj import Transformer

    to_wgs = Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True)
    rows = []
    for i, x in enumerate(xs):
        lon, lat = to_wgs.transform(687000 + x, 7035000)
        rows.append((f"w{i}", lon, lat, "weak_signal", "nature", now - pd.Timedelta(days=1), f"p{i}", None, None))
    return pd.DataFrame(rows, columns=["id", "lon", "lat", "kind", "theme", "created_at", "who", "age_band", "csp"])


def _spread(groups, points):
    from cartoparti.analysis.clusters import to_l93

    xy = to_l93(points["lon"], points["lat"])
    at = {i: xy[n] for n, i in enumerate(points["id"])}
    out = []
    for row in groups.itertuples():
        centre = to_l93([row.lon], [row.lat])[0]
        out.append(max(float(((at[m] - centre) ** 2).sum() ** 0.5) for m in row.members.split()))
    return out


def test_a_chain_of_signals_240_m_apart_is_no_alert():
    import pandas as pd

    from cartoparti.analysis.clusters import density_groups, to_l93, weak_signal_groups

    now = pd.Timestamp("2026-06-01")
    points = _signals_at([0, 240, 480, 720, 960], now)
    # DBSCAN alone chains them into one group ~960 m long
    assert set(density_groups(to_l93(points["lon"], points["lat"]), points["who"], eps_m=250,
                              min_contributors=3)) == {0}
    assert weak_signal_groups(points, radius_m=250, days=30, min_contributors=3, now=now).empty


def test_a_compact_core_in_a_chain_still_raises_an_alert_within_r():
    import pandas as pd

    from cartoparti.analysis.clusters import weak_signal_groups

    now = pd.Timestamp("2026-06-01")
    points = _signals_at([0, 50, 100, 340, 580], now)
    groups = weak_signal_groups(points, radius_m=250, days=30, min_contributors=3, now=now)
    assert [set(m.split()) for m in groups["members"]] == [{"w0", "w1", "w2"}]
    assert max(_spread(groups, points)) <= 250
    # a compact group within R of its centre is kept whole
    points = _signals_at([0, 200, 400], now)
    groups = weak_signal_groups(points, radius_m=250, days=30, min_contributors=3, now=now)
    assert len(groups) == 1 and groups.iloc[0].contributors == 3 and max(_spread(groups, points)) <= 250


# -- a decided alert does not come back ---------------------------------------------------------
def _planted_signals(store, days_ago):
    from tests.cluster_helpers import plant

    centre = store.zone_point(LENS)
    return plant(store, [
        draft(offset(centre, 15 * i, 10 * i), who=f"d{i}", kind="weak_signal", title=f"Signal {i}", days_ago=d)
        for i, d in enumerate(days_ago)
    ])


def test_a_dismissed_alert_does_not_come_back_when_its_oldest_signal_leaves_the_window(backend_store):
    from datetime import timedelta

    from tests.cluster_helpers import NOW, plant

    _planted_signals(backend_store, [2, 3, 4, 25])
    (key,) = clusters.refresh_alerts(backend_store, ALERTS)
    clusters.dismiss_alert(backend_store, AGENT, key, "Déjà vu avec le bailleur")
    later = NOW + timedelta(days=10)  # the 25-day-old signal is out of the 30 days now
    assert clusters.refresh_alerts(backend_store, ALERTS, now=later) == []
    assert clusters.open_alerts(backend_store, AGENT).empty
    # a genuinely new signal joining makes a new alert
    plant(backend_store, [draft(offset(backend_store.zone_point(LENS), 5, 5), who="new", kind="weak_signal",
                                days_ago=-5)])
    (again,) = clusters.refresh_alerts(backend_store, ALERTS, now=later)
    assert again != key and backend_store.alert(again)["contributors"] == 4


# -- an alert to a plan item -------------------------------------------------------------------
def _to_plan(store, key, title="Éclairage rue Voltaire"):
    from datetime import date

    return clusters.plan_item_from_alert(
        store, SETTINGS, AGENT, key, title=title, service=SETTINGS.services[0], level="information",
        start_date=date(2027, 1, 1))


def test_an_alert_with_a_deleted_and_a_hidden_signal_becomes_a_plan_item_once(backend_store):
    import pytest

    from cartoparti._errors import ValidationError

    ids = _planted_signals(backend_store, [2, 3, 4, 5])
    (key,) = clusters.refresh_alerts(backend_store, ALERTS)
    backend_store.delete_contribution(ids[0], actor="alice")
    backend_store.apply_changes(ids[1], actor="alice", action="hide", contribution={"published": False},
                                handling={"hidden": True, "hidden_reason": "spam"})
    change = _to_plan(backend_store, key)
    linked = set(backend_store.plan_links(item_ids=[change.item_id])["contribution_id"])
    assert linked == set(ids[2:])
    alert = backend_store.alert(key)
    assert (alert["state"], alert["plan_item_id"]) == ("planned", change.item_id)
    # a second call creates nothing more: the alert is planned already
    with pytest.raises(ValidationError) as caught:
        _to_plan(backend_store, key, title="Une seconde fois")
    assert "déjà été traitée" in caught.value.errors["alert"]
    assert len(backend_store.plan_items()) == 1
    assert backend_store.alert(key)["plan_item_id"] == change.item_id


def test_an_acknowledged_alert_can_still_become_a_plan_item_a_dismissed_one_cannot(backend_store):
    import pytest

    from cartoparti._errors import ValidationError

    _planted_signals(backend_store, [2, 3, 4])
    (key,) = clusters.refresh_alerts(backend_store, ALERTS)
    clusters.acknowledge_alert(backend_store, AGENT, key)
    _to_plan(backend_store, key)
    assert backend_store.alert(key)["state"] == "planned"
    backend_store.decide_alert(key, "dismissed", actor="alice", reason="test")
    with pytest.raises(ValidationError):
        _to_plan(backend_store, key)


def test_a_decided_alert_cannot_be_decided_again(backend_store):
    import pytest

    from cartoparti._errors import ValidationError

    _planted_signals(backend_store, [2, 3, 4])
    (key,) = clusters.refresh_alerts(backend_store, ALERTS)
    clusters.alert_to_plan_item(backend_store, AGENT, key, "plan-1")
    for decide in (lambda: clusters.dismiss_alert(backend_store, AGENT, key, "Plus tard"),
                   lambda: clusters.acknowledge_alert(backend_store, AGENT, key),
                   lambda: clusters.alert_to_plan_item(backend_store, AGENT, key, "plan-2")):
        with pytest.raises(ValidationError) as caught:
            decide()
        assert "déjà été traitée" in caught.value.errors["alert"]
    alert = backend_store.alert(key)
    assert (alert["state"], alert["plan_item_id"]) == ("planned", "plan-1")
