"""The chosen place said in words (commands.places.whereabouts): its commune, the nearest
landmark and how far, on the real Lens-Liévin territory; outside the territory at once."""

import geopandas as gpd
import numpy as np
import pytest
import shapely

from cartoparti import i18n
from cartoparti.commands import places

LOOS = "62528"


def _reference(store, point: shapely.Point, code: str) -> dict[str, float]:
    """Distance in metres from ``point`` to each landmark of the commune, in Lambert-93
    (pyproj through geopandas); the nearest of a name when several share it."""
    landmarks = store.landmarks(code).to_crs(2154)
    here = gpd.GeoSeries([point], crs=4326).to_crs(2154).iloc[0]
    return landmarks.assign(d=landmarks.geometry.distance(here)).groupby("name")["d"].min().to_dict()


def test_points_of_a_commune_name_their_commune_and_nearest_landmark_as_pyproj_measures(store):
    loos = store.zones().set_index("code").loc[LOOS].geometry
    rng = np.random.default_rng(7)
    minx, miny, maxx, maxy = loos.bounds
    checked = named = 0
    while checked < 40:
        point = shapely.Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if not loos.contains(point):
            continue
        where = places.whereabouts(store, point)
        assert where.inside and where.zone == "Loos-en-Gohelle" and where.shape == "Point"
        reference = _reference(store, point, LOOS)
        nearest = min(reference.values())
        if nearest > places.LANDMARK_NEAR_M * 1.01:
            assert where.landmark is None
        elif nearest < places.LANDMARK_NEAR_M * 0.99:
            # the landmark named is the nearest (or one as near: two landmarks of one pit)
            assert reference[where.landmark] == pytest.approx(nearest, rel=0.01, abs=2)
            assert where.distance_m == pytest.approx(nearest, rel=0.01, abs=2)
            named += 1
        checked += 1
    assert named >= 10, "most places of Loos-en-Gohelle have a landmark near them"


def test_the_sentence_says_commune_landmark_and_a_rounded_distance(store):
    landmark = store.landmarks(LOOS).iloc[0]
    on = landmark.geometry.representative_point()
    where = places.whereabouts(store, on)
    assert where.sentence() == f"Lieu choisi : un point à Loos-en-Gohelle, sur le lieu repère « {where.landmark} »."
    assert where.distance_m < 30
    near = places.Whereabouts("Point", inside=True, zone="Loos-en-Gohelle", landmark="Base 11/19", distance_m=123.4)
    assert near.sentence() == "Lieu choisi : un point à Loos-en-Gohelle, à environ 120 m de « Base 11/19 »."
    far = places.Whereabouts("LineString", inside=True, zone="Lens", landmark="Terril", distance_m=612)
    assert far.sentence() == "Lieu choisi : une ligne à Lens, à environ 600 m de « Terril »."
    alone = places.Whereabouts("Polygon", inside=True, zone="Lens")
    assert alone.sentence() == "Lieu choisi : une zone à Lens."
    with i18n.using("en"):
        assert near.sentence() == "Place chosen: a point in Loos-en-Gohelle, about 120 m from “Base 11/19”."


def test_outside_the_territory_is_said_on_both_backends(backend_store):
    paris = shapely.Point(2.35, 48.85)
    where = places.whereabouts(backend_store, paris)
    assert where is not None and not where.inside
    assert "en dehors du territoire" in where.sentence()
    assert places.whereabouts(backend_store, None) is None
    inside = places.whereabouts(backend_store, shapely.Point(2.79, 50.46))
    assert inside.inside and inside.zone


def test_a_drawn_area_is_placed_in_its_commune(store):
    loos = store.zones().set_index("code").loc[LOOS].geometry
    c = loos.representative_point()
    area = shapely.Point(c.x, c.y).buffer(0.001)
    where = places.whereabouts(store, area)
    assert where.inside and where.shape == "Polygon" and where.zone == "Loos-en-Gohelle"
    assert where.sentence().startswith("Lieu choisi : une zone à Loos-en-Gohelle")
