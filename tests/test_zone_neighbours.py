"""Neighbouring zones (the spatial weights of Gi*) are computed once, when the
territory loads, and stored; reports read them instead of a spatial self-join."""

from __future__ import annotations

import pandas as pd

from cartoparti.storage.common import NEIGHBOUR_TOLERANCE_DEG
from cartoparti.storage.sql.core import NEIGHBOURS_SQL


def _on_the_fly(store, layer: str) -> pd.DataFrame:
    pairs = store._df(NEIGHBOURS_SQL, [layer, layer, NEIGHBOUR_TOLERANCE_DEG])[["code", "neighbour"]]
    pairs = pairs[pairs["code"] != pairs["neighbour"]]
    return pairs.sort_values(["code", "neighbour"]).reset_index(drop=True)


def test_neighbours_are_stored_at_load_and_match_the_spatial_join(backend_store):
    store = backend_store
    assert store.get_meta("zone_neighbours") == "stored"
    layers = list(store.zone_layers()["layer"])
    assert layers
    for layer in layers:
        stored = store.zone_neighbours(layer)
        assert stored.equals(_on_the_fly(store, layer)), layer
        assert len(stored) > 0
        # both ways, never a zone with itself
        assert set(zip(stored["code"], stored["neighbour"])) == set(zip(stored["neighbour"], stored["code"]))
        assert not (stored["code"] == stored["neighbour"]).any()
    communes = store.zone_neighbours()
    lievin = set(communes.loc[communes["code"] == "62510", "neighbour"])
    assert "62032" in lievin  # Angres shares a border with Liévin
    assert "62528" not in set(communes.loc[communes["code"] == "62032", "neighbour"])  # Loos is farther


def test_reports_read_the_stored_pairs_not_a_self_join(backend_store, monkeypatch):
    store = backend_store
    calls: list[str] = []
    original = store._df

    def watching(sql, params=None):
        calls.append(sql)
        return original(sql, params)

    monkeypatch.setattr(store, "_df", watching)
    store.zone_neighbours()
    assert calls and all("ST_DWithin" not in sql for sql in calls)


def test_a_territory_loaded_before_gets_the_same_pairs_computed_at_read(backend_store):
    store = backend_store
    expected = store.zone_neighbours()
    with store._write() as cur:
        cur.execute("DELETE FROM meta WHERE key = 'zone_neighbours'")
        cur.execute("DELETE FROM zone_neighbours")
    assert store.zone_neighbours().equals(expected)
