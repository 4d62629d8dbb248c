"""Storage round trips on the real territory: zones at write time, overlaps,
outside refused, profiles kept apart, concurrent writers.

Contract tests: each runs on every backend (DuckDB and PostGIS, fixture ``backend``)."""

import threading
from datetime import UTC, datetime

import geopandas as gpd
import pytest
import shapely

from cartoparti._errors import DatabaseBusyError, OutsideTerritoryError
from cartoparti.model import Draft, validate_draft
from cartoparti.privacy import public_geometries
from cartoparti.settings import DEFAULT_THEMES
from cartoparti.storage import open_storage
from cartoparti.storage.sql.core import CONTAINING_ZONES_SQL

LOOS = shapely.Point(2.79, 50.46)


@pytest.fixture
def store(backend_store):
    """The store under test, on each backend in turn."""
    return backend_store


def draft(geometry=LOOS, **kw):
    base = {"kind": "need", "title": "Un banc", "text": "Près de l'école", "theme": "nature", "geometry": geometry}
    base.update(kw)
    return validate_draft(Draft(**base), themes=DEFAULT_THEMES)


def test_spatial_extension_loads_offline_and_schema_is_versioned(store):
    assert store.schema_version() >= 1
    assert store.migrate() == store.schema_version()  # idempotent upgrade


def test_territory_is_stored(store):
    zones = store.zones()
    assert len(zones) == 36 and zones.crs.to_epsg() == 4326
    assert zones.set_index("code").loc["62528", "name"] == "Loos-en-Gohelle"
    assert store.territory_info()["name"] == "Communauté d'agglomération de Lens-Liévin"
    pop = store.zone_population()
    assert set(pop.dimension) == {"age_band", "csp"} and pop.code.nunique() == 18
    lm = store.landmarks("62528")
    assert len(lm) > 0 and (lm.zone_code == "62528").all()


def test_round_trip_with_zone_and_profile(store):
    d = draft(age_band="30-44", csp="CS6", home_commune="62528", first_time=True, contributor_id="p1",
              created_at=datetime(2024, 5, 1, 12, 0, tzinfo=UTC))
    cid = store.add_contribution(d)
    got = store.contributions()
    assert list(got.id) == [cid]
    row = got.iloc[0]
    assert (row.kind, row.title, row.zone_code, row.zone_name) == ("need", "Un banc", "62528", "Loos-en-Gohelle")
    # public: a need on the default 100 m grid; agents: the exact point
    assert row.geometry.equals(public_geometries([LOOS], ["need"], {"need": 100.0})[0])
    assert not row.geometry.equals(LOOS)
    exact = store.agent_contributions(ids=[cid]).iloc[0]
    assert (exact.lon, exact.lat) == (LOOS.x, LOOS.y)
    assert row.created_at == datetime(2024, 5, 1, 12, 0)
    assert "age_band" not in got.columns and "contributor_id" not in got.columns
    profile = store.profile(cid)
    assert (profile["age_band"], profile["csp"], profile["home_commune"], profile["first_time"]) == ("30-44", "CS6", "62528", True)


def test_lines_and_areas_get_one_zone(store):
    line = shapely.LineString([(2.78, 50.455), (2.80, 50.465)])
    area = shapely.Polygon([(2.83, 50.43), (2.835, 50.43), (2.835, 50.435), (2.83, 50.435)])
    ids = [store.add_contribution(draft(line)), store.add_contribution(draft(area, title="Zone"))]
    got = store.contributions().set_index("id")
    assert got.loc[ids[0]].geometry.geom_type == "LineString"
    assert got.loc[ids[1]].zone_code == "62498"  # Lens
    assert got.zone_code.notna().all()


def test_overlapping_communes_lowest_code_wins(store, loaded_territory):
    zones = loaded_territory.layer("communes").zones.set_index("code")
    sliver = zones.loc["62186"].geometry.intersection(zones.loc["62386"].geometry)
    assert sliver.area > 0
    point = sliver.representative_point()
    assert zones.loc["62186"].geometry.contains(point) and zones.loc["62386"].geometry.contains(point)
    cid = store.add_contribution(draft(point))
    assert store.contribution(cid)["zone_code"] == "62186"


def test_gap_between_communes_goes_to_nearest_within_50_m(store, loaded_territory):
    union = loaded_territory.layer("communes").zones.union_all()
    holes = [shapely.Polygon(r) for r in union.interiors]
    hole = max(holes, key=lambda h: gpd.GeoSeries([h], crs=4326).to_crs(2154).area.iloc[0])
    point = hole.representative_point()
    dist = gpd.GeoSeries([point], crs=4326).to_crs(2154).distance(
        gpd.GeoSeries([hole.exterior], crs=4326).to_crs(2154)).iloc[0]
    if dist <= 50:
        assert store.add_contribution(draft(point))
    else:
        with pytest.raises(OutsideTerritoryError):
            store.add_contribution(draft(point))


def test_outside_the_territory_is_refused(store):
    with pytest.raises(OutsideTerritoryError) as exc:
        store.add_contribution(draft(shapely.Point(2.35, 48.85)))  # Paris
    assert "en dehors du territoire" in str(exc.value)
    assert store.count_contributions() == 0


def test_bulk_add_is_idempotent_and_reports_positions(store):
    drafts = [draft(title=f"n{i}") for i in range(3)] + [draft(shapely.Point(0, 0), title="far")]
    first = store.add_contributions(drafts)
    assert len(first.inserted) == 3 and first.outside == [3]
    again = store.add_contributions(drafts)
    assert again.inserted == [] and again.duplicates == [0, 1, 2]
    assert again.ids[1] == first.ids[1]
    assert store.count_contributions() == 3
    # a batch too big for the constant lookup finds the stored keys by a join: same answer
    many = [draft(title=f"m{i}") for i in range(260)]
    stored = store.add_contributions(many[:230])
    mixed = store.add_contributions(many)
    assert mixed.duplicates == list(range(230)) and len(mixed.inserted) == 30
    assert [mixed.ids[i] for i in range(230)] == [stored.ids[i] for i in range(230)]
    assert store.count_contributions() == 3 + 260
    # duplicates inside one batch are stored once
    when = datetime(2024, 1, 1)
    twice = store.add_contributions([draft(title="same", created_at=when), draft(title="same", created_at=when)])
    assert len(twice.inserted) == 1 and twice.duplicates == [1]


def test_zone_assignment_is_a_spatial_join(store, backend):
    plan = store.explain(
        "SELECT p.id, z.code FROM (SELECT id, ST_PointOnSurface(geom) pt FROM contributions) p "
        "JOIN zones z ON ST_Contains(z.geom, p.pt)"
    )
    # DuckDB plans an R-tree SPATIAL_JOIN; PostGIS probes the GiST index of the zones
    assert {"duckdb": "SPATIAL_JOIN", "postgis": "Index Scan using zones_geom_gist"}[backend] in plan


def test_the_zone_assignment_query_itself_is_a_spatial_join(store, backend):
    with store.transaction():  # the temporary table lives in the transaction's cursor
        with store._write() as cur:
            store._temp(cur, "_pts", "SELECT id AS row_key, ST_PointOnSurface(geom) AS pt FROM contributions")
        plan = store.explain(CONTAINING_ZONES_SQL)
    assert {"duckdb": "SPATIAL_JOIN", "postgis": "Index Scan using zones_geom_gist"}[backend] in plan
    assert "NESTED_LOOP_JOIN" not in plan


def test_filters(store):
    store.add_contribution(draft(kind="need", theme="nature", created_at=datetime(2024, 1, 5)))
    store.add_contribution(draft(kind="proposal", title="P", theme="mobilité", created_at=datetime(2024, 3, 5)))
    assert list(store.contributions(kinds=["proposal"]).title) == ["P"]
    assert list(store.contributions(themes=["nature"]).title) == ["Un banc"]
    assert list(store.contributions(since=datetime(2024, 2, 1)).title) == ["P"]
    assert list(store.contributions(until=datetime(2024, 2, 1)).title) == ["Un banc"]


def test_unpublished_are_hidden_from_the_public(store):
    store.add_contribution(draft(), published=False)
    assert store.contributions().empty and store.export_frame().empty
    assert store.count_contributions() == 1


def test_concurrent_writers_in_one_process_all_land(store):
    errors = []

    def write(i):
        try:
            store.add_contribution(draft(title=f"t{i}"))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.count_contributions() == 16


def test_second_process_gets_a_clear_message(backend_location, store, backend):
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    with ctx.Pool(1) as pool:
        message = pool.apply(_open_in_other_process, (str(backend_location),))
    if backend == "duckdb":
        assert "ouverte par un autre programme" in message
    else:  # a PostgreSQL server serves several processes: the second one opens the database
        assert message == "opened"


def _open_in_other_process(path):
    try:
        open_storage(path)
    except DatabaseBusyError as exc:
        return str(exc)
    return "opened"


def test_reloading_the_territory_reassigns_zones(store, loaded_territory):
    cid = store.add_contribution(draft())
    store.load_territory(loaded_territory)
    assert store.contribution(cid)["zone_code"] == "62528"


def test_count_uses_the_same_filters(store):
    store.add_contribution(draft(kind="need", created_at=datetime(2024, 1, 5)))
    store.add_contribution(draft(kind="proposal", title="P", created_at=datetime(2024, 3, 5)))
    store.add_contribution(draft(kind="proposal", title="Q"), published=False)
    assert store.count_contributions() == 3
    assert store.count_contributions(published_only=True) == 2
    assert store.count_contributions(published_only=True, kinds=["proposal"]) == 1
    assert store.count_contributions(since=datetime(2024, 2, 1), until=datetime(2024, 4, 1)) == 1
