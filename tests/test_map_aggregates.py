"""The public map beyond MAX_FEATURES contributions: counts by zone, computed by the
storage (both backends), that add up to the true total."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from cartoparti.model import Draft, validate_draft
from cartoparti.settings import DEFAULT_THEMES

LENS, LOOS, LIEVIN = "62498", "62528", "62510"


def _add(store, code: str, n: int, *, kind: str = "need", year: int = 2024, published: bool = True) -> None:
    point = store.zone_point(code)
    drafts = [
        validate_draft(Draft(kind=kind, title=f"{kind} {code} {year} {i}", text="", theme="nature",
                             geometry=point, created_at=datetime(year, 3, 1 + i)), themes=DEFAULT_THEMES)
        for i in range(n)
    ]
    for i, d in enumerate(drafts):
        d.source_key = f"test:{code}:{kind}:{year}:{published}:{i}"
    assert len(store.add_contributions(drafts, published=published).inserted) == n


def _by_code(counts: pd.DataFrame) -> dict[str | None, int]:
    return {(None if pd.isna(c) else c): int(n) for c, n in zip(counts["code"], counts["count"], strict=True)}


def test_counts_by_zone_follow_the_filters_and_add_up(backend_store):
    store = backend_store
    _add(store, LENS, 3, kind="need", year=2023)
    _add(store, LENS, 1, kind="memory", year=2025)
    _add(store, LOOS, 2, kind="memory", year=2024)
    _add(store, LIEVIN, 1, kind="need", year=2025)
    _add(store, LIEVIN, 4, kind="need", year=2025, published=False)  # never on the public map

    counts = store.contribution_zone_counts()
    assert list(counts.columns) == ["layer", "code", "name", "count", "lon", "lat"]
    assert _by_code(counts) == {LENS: 4, LOOS: 2, LIEVIN: 1}
    assert list(counts["code"]) == [LENS, LOOS, LIEVIN]  # most first
    assert set(counts["layer"]) == {store.primary_layer()}
    names = dict(zip(store.zones()["code"], store.zones()["name"], strict=True))
    assert dict(zip(counts["code"], counts["name"], strict=True)) == {c: names[c] for c in (LENS, LOOS, LIEVIN)}
    # each point lies inside its zone
    zones = store.zones().set_index("code")
    for row in counts.itertuples():
        assert zones.geometry[row.code].contains(shapely.Point(row.lon, row.lat)), row
    assert int(counts["count"].sum()) == store.count_contributions(published_only=True) == 7

    needs = store.contribution_zone_counts(kinds=["need"])
    assert _by_code(needs) == {LENS: 3, LIEVIN: 1}
    recent = store.contribution_zone_counts(since=datetime(2024, 1, 1, tzinfo=UTC))
    assert _by_code(recent) == {LENS: 1, LOOS: 2, LIEVIN: 1}
    both = store.contribution_zone_counts(kinds=["need"], since=datetime(2024, 1, 1, tzinfo=UTC),
                                          until=datetime(2026, 1, 1, tzinfo=UTC))
    assert _by_code(both) == {LIEVIN: 1}
    for filters in ({"kinds": ["need"]}, {"themes": ["nature"]}, {"themes": ["mobilite"]},
                    {"until": datetime(2024, 1, 1, tzinfo=UTC)}):
        assert int(store.contribution_zone_counts(**filters)["count"].sum()) == store.count_contributions(
            published_only=True, **filters), filters
    assert store.contribution_zone_counts(themes=["mobilite"]).empty
    with_held = store.contribution_zone_counts(published_only=False)
    assert _by_code(with_held)[LIEVIN] == 5


def _halves(communes: gpd.GeoDataFrame, first: int) -> gpd.GeoDataFrame:
    """A finer layer over the ``first`` communes only: each cut in two (west, east)."""
    rows = []
    for row in communes.head(first).itertuples():
        minx, miny, maxx, maxy = row.geometry.bounds
        mid = (minx + maxx) / 2
        for side, box in (("o", shapely.box(minx, miny, mid, maxy)), ("e", shapely.box(mid, miny, maxx, maxy))):
            rows.append({"code": f"{row.code}{side}", "name": f"{row.name} {side}", "population": 1.0,
                         "population_attribute": 1.0, "population_source": "test", "has_breakdown": False,
                         "geometry": row.geometry.intersection(box)})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=4326)


@pytest.fixture
def two_layers(backend_store, loaded_territory):
    """The territory plus a finer layer of half communes covering only some of them."""
    communes = loaded_territory.layer(loaded_territory.primary)
    ordered = communes.zones.sort_values("code", key=lambda s: s.map({LENS: 0, LOOS: 1}).fillna(2))
    finer = dataclasses.replace(communes, name="demi", label="Demi-communes", zones=_halves(ordered, 20))
    territory = dataclasses.replace(loaded_territory, zone_layers=[*loaded_territory.zone_layers, finer])
    backend_store.load_territory(territory)
    return backend_store


def test_the_finest_layer_is_counted_and_contributions_in_no_zone_are_not_lost(two_layers):
    store = two_layers
    _add(store, LENS, 3)
    _add(store, LOOS, 2)
    _add(store, LIEVIN, 5)  # Liévin is not among the 20 halved communes
    counts = store.contribution_zone_counts()
    assert set(counts["layer"]) == {"demi"}
    found = _by_code(counts)
    assert found.pop(None) == 5
    # each commune's point lies in one of its halves
    assert {c[:5] for c in found} == {LENS, LOOS}
    assert sum(n for c, n in found.items() if c.startswith(LENS)) == 3
    assert sum(found.values()) + 5 == store.count_contributions(published_only=True) == 10
    unzoned = counts[counts["code"].isna()].iloc[0]
    assert pd.isna(unzoned["name"]) and pd.isna(unzoned["lon"]) and pd.isna(unzoned["lat"])
    # at most 36 zones: the communes (the halves are 40)
    coarse = store.contribution_zone_counts(max_zones=36)
    assert _by_code(coarse) == {LIEVIN: 5, LENS: 3, LOOS: 2}
    assert set(coarse["layer"]) == {store.primary_layer()}
    # none fits: the coarsest
    assert set(store.contribution_zone_counts(max_zones=3)["layer"]) == {store.primary_layer()}
