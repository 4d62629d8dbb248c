"""Places that come back and weak-signal alerts, on planted data in the real territory,
on both backends; the ``places`` command line."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
import shapely

from cartoparti._errors import PermissionDeniedError, SettingsError, ValidationError
from cartoparti.cli import main
from cartoparti.commands import clusters
from cartoparti.settings import Settings
from cartoparti.storage import open_storage
from tests.cluster_helpers import draft, offset, plant

SETTINGS = Settings()
AGENT = {"name": "alice", "role": "agent"}
LENS = "62498"


def _two_places(store):
    """Two dense groups (4 and 3 contributors), one person's many points, scattered noise."""
    centre = store.zone_point(LENS)
    a = plant(store, [draft(offset(centre, 10 * i, 5 * i), who=f"a{i}") for i in range(4)])
    b = plant(store, [draft(offset(centre, 1500 + 12 * i, -8 * i), who=f"b{i}", kind="memory", theme="culture et mémoire")
                      for i in range(3)])
    # one person pinning six contributions on their street is not a place
    lonely = plant(store, [draft(offset(centre, -1500 + 10 * i, 0), who="seul") for i in range(6)])
    # scattered noise, 700 m apart, each from its own contributor (or none)
    noise = plant(store, [draft(offset(centre, 700 * i, 900), who=None if i % 2 else f"n{i}") for i in range(-2, 4)])
    return a, b, lonely, noise


def test_two_dense_groups_and_noise_make_exactly_two_places(backend_store):
    a, b, lonely, noise = _two_places(backend_store)
    found = clusters.places(backend_store, SETTINGS, eps_m=100, min_contributors=3)
    assert len(found.places) == 2
    by_cluster = found.members.groupby("cluster")["id"].apply(set).to_dict()
    assert by_cluster == {1: set(a), 2: set(b)}
    first, second = found.places.iloc[0], found.places.iloc[1]
    assert (first.contributors, first.contributions, first.kinds) == (4, 4, {"need": 4})
    assert (second.contributors, second.kinds, second.themes) == (3, {"memory": 3}, {"culture et mémoire": 3})
    member = backend_store.contribution(a[0])
    assert first.geometry.contains(shapely.Point(member["lon"], member["lat"]))
    assert first.first_at <= first.last_at
    # with four distinct contributors required, only the first one is left
    assert len(clusters.places(backend_store, SETTINGS, eps_m=100, min_contributors=4).places) == 1
    # the lonely contributor's points are a place only when one contributor is enough… which is refused
    with pytest.raises(ValidationError) as caught:
        clusters.places(backend_store, SETTINGS, eps_m=100, min_contributors=1)
    assert "contributeurs" in caught.value.errors["min_contributors"]
    with pytest.raises(ValidationError) as caught:
        clusters.places(backend_store, SETTINGS, eps_m=-3, min_contributors=3)
    assert "mètres" in caught.value.errors["eps"]
    assert not set(lonely) & set(found.members["id"]) and not set(noise) & set(found.members["id"])


def test_hidden_contributions_are_left_out(backend_store):
    a, *_ = _two_places(backend_store)
    backend_store.apply_changes(a[0], actor="alice", action="hide", contribution={"published": False},
                                handling={"hidden": True, "hidden_reason": "spam"})
    found = clusters.places(backend_store, SETTINGS, eps_m=100, min_contributors=4)
    assert found.places.empty


def test_publics_are_suppressed_below_five_people(backend_store):
    centre = backend_store.zone_point(LENS)
    drafts = [draft(offset(centre, 8 * i, 0), who=f"p{i}", age_band="30-44", csp="CS5") for i in range(5)]
    drafts += [draft(offset(centre, 0, 8 * i), who=f"q{i}", age_band="60-74", csp="CS7") for i in range(1, 3)]
    plant(backend_store, drafts)
    found = clusters.places(backend_store, SETTINGS, eps_m=100, min_contributors=3)
    assert len(found.places) == 1 and found.places.iloc[0].contributors == 7
    publics = found.publics.set_index(["dimension", "grp"])
    assert publics.loc[("age_band", "60-74"), "suppressed"]
    assert pd.isna(publics.loc[("age_band", "60-74"), "contributors"])
    # 7 people, 5 of them 30-44 shown, would tell that 2 are 60-74: that one is masked too
    assert publics.loc[("age_band", "30-44"), "suppressed"]
    row = found.export_frame().iloc[0]
    assert "=5" not in row.publics and "=2" not in row.publics


def test_a_masked_group_cannot_be_found_by_subtraction(backend_store):
    centre = backend_store.zone_point(LENS)
    drafts = [draft(offset(centre, 8 * i, 0), who=f"p{i}", age_band="30-44", csp="CS5") for i in range(5)]
    drafts += [draft(offset(centre, 0, 8 * i), who=f"q{i}", age_band="60-74", csp="CS5") for i in range(1, 3)]
    drafts += [draft(offset(centre, -8, 0), who="r1", age_band="75+", csp="CS5")]
    plant(backend_store, drafts)
    found = clusters.places(backend_store, SETTINGS, eps_m=100, min_contributors=3)
    publics = found.publics.set_index(["dimension", "grp"])
    # two groups masked (2 and 1 people): their sum is known, not each of them
    assert publics.loc[("age_band", "30-44"), "contributors"] == 5
    assert publics.loc[("age_band", "60-74"), "suppressed"] and publics.loc[("age_band", "75+"), "suppressed"]
    assert publics.loc[("csp", "CS5"), "contributors"] == 8  # one group only, nothing masked


# -- weak-signal alerts ---------------------------------------------------------------------
ALERTS = replace(SETTINGS, alert_min_contributors=3, alert_radius_m=250, alert_days=30)


def _signals(store, offsets, *, days_ago=(2, 3, 4, 5)):
    centre = store.zone_point(LENS)
    return plant(store, [
        draft(offset(centre, dx, dy), who=f"s{i}", kind="weak_signal", title=f"Signal {i}", days_ago=days_ago[i])
        for i, (dx, dy) in enumerate(offsets)
    ])


def test_an_alert_at_n_distinct_contributors_not_at_n_minus_one(backend_store):
    _signals(backend_store, [(0, 0), (60, 40)])
    assert clusters.refresh_alerts(backend_store, ALERTS) == []
    # the same person again does not make a third contributor
    centre = backend_store.zone_point(LENS)
    plant(backend_store, [draft(offset(centre, 20, 20), who="s0", kind="weak_signal")])
    assert clusters.refresh_alerts(backend_store, ALERTS) == []
    plant(backend_store, [draft(offset(centre, -50, 30), who="s9", kind="weak_signal")])
    new = clusters.refresh_alerts(backend_store, ALERTS)
    assert len(new) == 1
    alert = backend_store.alert(new[0])
    assert alert["state"] == "open" and alert["contributors"] == 3 and len(alert["members"].split()) == 4
    # not raised twice
    assert clusters.refresh_alerts(backend_store, ALERTS) == []
    assert list(clusters.open_alerts(backend_store, AGENT)["key"]) == new


def test_no_alert_when_further_than_r(backend_store):
    _signals(backend_store, [(0, 0), (60, 40), (600, 0)])
    assert clusters.refresh_alerts(backend_store, ALERTS) == []
    # the radius is a setting: 700 m gathers them
    assert len(clusters.refresh_alerts(backend_store, replace(ALERTS, alert_radius_m=700))) == 1


def test_no_alert_when_older_than_d_days(backend_store):
    _signals(backend_store, [(0, 0), (60, 40), (30, -30)], days_ago=(2, 3, 45))
    assert clusters.refresh_alerts(backend_store, ALERTS) == []
    assert len(clusters.refresh_alerts(backend_store, replace(ALERTS, alert_days=60))) == 1


def test_other_kinds_do_not_raise_alerts(backend_store):
    centre = backend_store.zone_point(LENS)
    plant(backend_store, [draft(offset(centre, 10 * i, 0), who=f"k{i}", kind="need") for i in range(5)])
    assert clusters.refresh_alerts(backend_store, ALERTS) == []


def test_alert_decisions(backend_store):
    _signals(backend_store, [(0, 0), (60, 40), (30, -30)])
    (key,) = clusters.refresh_alerts(backend_store, ALERTS)
    with pytest.raises(PermissionDeniedError):
        clusters.acknowledge_alert(backend_store, None, key)
    # dismissing needs a reason: a French message, nothing stored
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as caught:
            clusters.dismiss_alert(backend_store, AGENT, key, reason)
        assert "raison" in caught.value.errors["reason"]
        assert backend_store.alert(key)["state"] == "open"
    clusters.acknowledge_alert(backend_store, AGENT, key)
    assert backend_store.alert(key)["state"] == "acknowledged"
    assert clusters.open_alerts(backend_store, AGENT).empty
    clusters.dismiss_alert(backend_store, AGENT, key, "  Déjà traité avec le bailleur  ")
    alert = backend_store.alert(key)
    assert (alert["state"], alert["reason"], alert["decided_by"]) == ("dismissed", "Déjà traité avec le bailleur", "alice")
    # a dismissed group does not come back…
    assert clusters.refresh_alerts(backend_store, ALERTS) == []
    # …but a new signal joining it makes a new alert
    centre = backend_store.zone_point(LENS)
    plant(backend_store, [draft(offset(centre, 10, 10), who="s7", kind="weak_signal")])
    (again,) = clusters.refresh_alerts(backend_store, ALERTS)
    assert again != key and backend_store.alert(again)["contributors"] == 4
    clusters.alert_to_plan_item(backend_store, AGENT, again, "plan-42")
    alert = backend_store.alert(again)
    assert (alert["state"], alert["plan_item_id"]) == ("planned", "plan-42")
    with pytest.raises(ValidationError):
        clusters.alert_to_plan_item(backend_store, AGENT, again, " ")
    actions = set(backend_store.audit_log()["action"])
    assert {"alert_acknowledged", "alert_dismissed", "alert_planned"} <= actions


def test_a_wider_group_supersedes_an_open_alert(backend_store):
    _signals(backend_store, [(0, 0), (60, 40), (30, -30)])
    (key,) = clusters.refresh_alerts(backend_store, ALERTS)
    centre = backend_store.zone_point(LENS)
    plant(backend_store, [draft(offset(centre, 10, 10), who="s7", kind="weak_signal")])
    (wider,) = clusters.refresh_alerts(backend_store, ALERTS)
    assert backend_store.alert(key)["state"] == "superseded"
    assert list(clusters.open_alerts(backend_store, AGENT)["key"]) == [wider]


@pytest.mark.parametrize(
    ("name", "value"),
    [("CARTOPARTI_ALERT_MIN_CONTRIBUTORS", "1"), ("CARTOPARTI_ALERT_MIN_CONTRIBUTORS", "trois"),
     ("CARTOPARTI_ALERT_MIN_CONTRIBUTORS", "2.5"), ("CARTOPARTI_ALERT_RADIUS_M", "-4"),
     ("CARTOPARTI_ALERT_RADIUS_M", "loin"), ("CARTOPARTI_ALERT_DAYS", "0")],
)
def test_alert_settings_are_checked(name, value):
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({name: value})
    assert name in str(caught.value) and "entre" in str(caught.value)


def test_alert_settings_defaults_and_values():
    assert (SETTINGS.alert_min_contributors, SETTINGS.alert_radius_m, SETTINGS.alert_days) == (3, 250.0, 30)
    read = Settings.from_env({"CARTOPARTI_ALERT_MIN_CONTRIBUTORS": "4", "CARTOPARTI_ALERT_RADIUS_M": "120,5",
                              "CARTOPARTI_ALERT_DAYS": "14"})
    assert (read.alert_min_contributors, read.alert_radius_m, read.alert_days) == (4, 120.5, 14)


# -- command line -----------------------------------------------------------------------------
def test_cli_places_csv_and_geojson(db_path, tmp_path, capsys):
    with open_storage(db_path) as store:
        a, b, _, _ = _two_places(store)
    out = tmp_path / "lieux.csv"
    assert main(["--db", str(db_path), "places", "--eps", "100", "--min-contributors", "3", "-o", str(out)]) == 0
    table = pd.read_csv(out)
    assert list(table["contributors"]) == [4, 3]
    assert [set(m.split()) for m in table["members"]] == [set(a), set(b)]
    assert {"cluster", "key", "kinds", "themes", "first_at", "last_at", "lon", "lat", "publics"} <= set(table.columns)
    target = tmp_path / "lieux.geojson"
    assert main(["--db", str(db_path), "places", "--eps", "100", "--min-contributors", "3",
                 "--format", "geojson", "-o", str(target)]) == 0
    collection = json.loads(target.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 2
    feature = collection["features"][0]
    assert feature["geometry"]["type"] == "Polygon"
    assert set(feature["properties"]["members"]) == set(a) and feature["properties"]["contributors"] == 4
    # to standard output, and a bad value: exit 2 with a French message
    capsys.readouterr()
    assert main(["--db", str(db_path), "places", "--eps", "100"]) == 0
    assert "cluster,key" in capsys.readouterr().out
    assert main(["--db", str(db_path), "places", "--eps", "0"]) == 2
    assert "mètres" in capsys.readouterr().err


def test_alerts_and_their_decisions_are_in_backups(backend_store, tmp_path):
    import io

    from cartoparti.commands import backup

    _signals(backend_store, [(0, 0), (60, 40), (30, -30)])
    (key,) = clusters.refresh_alerts(backend_store, ALERTS)
    clusters.dismiss_alert(backend_store, AGENT, key, "Déjà vu avec le bailleur")
    buffer = io.BytesIO()
    assert backup.backup(backend_store, buffer)["tables"]["alerts"]["rows"] == 1
    with open_storage(tmp_path / "restored.duckdb") as restored:
        backup.restore(restored, io.BytesIO(buffer.getvalue()))
        alert = restored.alert(key)
        assert (alert["state"], alert["reason"], alert["members"]) == (
            "dismissed", "Déjà vu avec le bailleur", backend_store.alert(key)["members"])
        # the dismissed group does not come back in the restored database either
        assert clusters.refresh_alerts(restored, ALERTS) == []


# -- the analysis alone ---------------------------------------------------------------------
def _frame(rows):
    return pd.DataFrame(rows, columns=["id", "lon", "lat", "kind", "theme", "created_at", "who", "age_band", "csp"])


def test_distinct_contributors_not_points():
    from cartoparti.analysis.clusters import density_groups, to_l93

    base = to_l93([2.83], [50.43])[0]
    xy = [base + (5 * i, 0) for i in range(6)]
    # six points of two people: DBSCAN finds a cluster, two contributors do not make a place
    assert (density_groups(np.array(xy), pd.Series(["x", "y"] * 3), eps_m=50, min_contributors=3) == -1).all()
    labels = density_groups(np.array(xy), pd.Series(["x", "y", "z"] * 2), eps_m=50, min_contributors=3)
    assert (labels == 0).all()


def test_publics_take_each_contributor_s_latest_declaration_and_no_category_under_15():
    from cartoparti.analysis.clusters import find_clusters

    at = pd.Timestamp("2026-05-01")
    rows = [(f"c{i}", 2.83 + i * 1e-5, 50.43, "need", "nature", at + pd.Timedelta(days=i), f"p{i}", "30-44", "CS3")
            for i in range(5)]
    # p0 declares again later: 45-59 (its latest); a child's category is not counted
    rows.append(("c9", 2.83, 50.43, "need", "nature", at + pd.Timedelta(days=9), "p0", "45-59", None))
    rows.append(("c10", 2.83, 50.4301, "need", "nature", at, "kid", "0-14", "CS8"))
    found = find_clusters(_frame(rows), eps_m=100, min_contributors=3)
    publics = found.publics.set_index(["dimension", "grp"])
    assert publics.loc[("age_band", "30-44"), "suppressed"]  # 4 people left
    assert publics.loc[("csp", "CS3"), "contributors"] == 5  # p0's category stays CS3 (latest declared)
    assert ("csp", "CS8") not in publics.index
    assert found.places.iloc[0].contributors == 6
