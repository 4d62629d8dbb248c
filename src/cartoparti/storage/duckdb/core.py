"""DuckDB storage: connection, schema, territory and contributions.

All SQL of cartoparti lives in this package, so that another backend (PostGIS) can
be added beside it. Geometries are stored in WGS84; WKB crosses the boundary and
becomes shapely/geopandas in :func:`to_geodataframe` only.

One connection per process; every call takes its own cursor; writes are serialised
by a lock (DuckDB allows one writer process, many threads through cursors).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

import duckdb
import geopandas as gpd
import pandas as pd
import shapely

from cartoparti._errors import DatabaseBusyError, OutsideTerritoryError
from cartoparti.model import Draft, Territory
from cartoparti.storage.common import (
    SNAP_TOLERANCE_M,
    AddResult,
    _new_id,
    content_key,
    to_geodataframe,
    utc_naive,
)
from cartoparti.storage.duckdb.schema import MIGRATIONS

__all__ = ["CoreStore", "compact_database", "connect"]

_L93 = "'EPSG:4326', 'EPSG:2154', always_xy := true"


def _spatial_extension_path() -> Path:
    import duckdb_extension_spatial

    base = Path(duckdb_extension_spatial.__file__).parent / "extensions"
    return base / f"v{duckdb.__version__}" / "spatial.duckdb_extension"


def connect(path: Path | str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB database with the spatial extension, with no network access."""
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    config = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    try:
        con = duckdb.connect(str(path), read_only=read_only, config=config)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseBusyError(
                f"La base {path} est ouverte par un autre programme (l'application ?). "
                "Arrêtez-le ou utilisez une autre base avec --db."
            ) from exc
        raise
    try:
        con.execute("LOAD spatial")
    except duckdb.Error:
        con.execute(f"INSTALL '{_spatial_extension_path()}'")
        con.execute("LOAD spatial")
    return con


def compact_database(path: Path | str) -> tuple[int, int]:
    """Rewrite a database file so that nothing deleted survives in it.

    DuckDB marks deleted rows and reuses their blocks but never zeroes them: after an
    erasure (RGPD), the bytes of a deleted text can remain in the file. This copies
    every table into a fresh file, then swaps it in. The file must not be open
    elsewhere (stop the app). Returns the sizes in bytes before and after.
    """
    path = Path(path)
    fresh = path.with_name(path.name + ".compact")
    for leftover in (fresh, fresh.with_name(fresh.name + ".wal")):
        leftover.unlink(missing_ok=True)
    before = path.stat().st_size
    con = connect(path)
    try:
        con.execute("CHECKPOINT")
        con.execute(f"ATTACH '{fresh}' AS fresh")
        source = con.execute("SELECT current_database()").fetchone()[0]
        con.execute(f'COPY FROM DATABASE "{source}" TO fresh')
        con.execute("DETACH fresh")
    finally:
        con.close()
    fresh.replace(path)
    path.with_name(path.name + ".wal").unlink(missing_ok=True)
    return before, path.stat().st_size












class CoreStore:
    """Connection, schema, territory and contributions."""

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self._con = connect(self.path, read_only=read_only)
        self._lock = threading.RLock()
        self._local = threading.local()  # .tx: the cursor of this thread's open transaction

    # -- plumbing ---------------------------------------------------------------
    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor; inside a transaction of this thread, the transaction's (it sees its writes)."""
        tx = getattr(self._local, "tx", None)
        if tx is not None:
            yield tx
            return
        cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    @contextmanager
    def _write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor inside a transaction, writes serialised across threads.

        Nested in another ``_write`` (or :meth:`transaction`) of the same thread, it
        joins that transaction: a command made of several writes is all or nothing.
        """
        with self._lock:
            tx = getattr(self._local, "tx", None)
            if tx is not None:
                yield tx
                return
            cur = self._con.cursor()
            cur.execute("BEGIN TRANSACTION")
            self._local.tx = cur
            try:
                yield cur
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            finally:
                self._local.tx = None
                cur.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several storage commands in one transaction: all written, or none."""
        with self._write():
            yield

    def _df(self, sql: str, params: Sequence[object] | dict | None = None) -> pd.DataFrame:
        with self._read() as cur:
            return cur.execute(sql, params or []).df()

    def _scalar(self, sql: str, params: Sequence[object] | dict | None = None) -> object:
        with self._read() as cur:
            row = cur.execute(sql, params or []).fetchone()
        return row[0] if row else None

    # -- schema -----------------------------------------------------------------
    def schema_version(self) -> int:
        with self._read() as cur:
            exists = cur.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
            ).fetchone()[0]
            if not exists:
                return 0
            row = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def migrate(self) -> int:
        """Create or upgrade the schema; return the schema version."""
        version = self.schema_version()
        for number, (_name, sql) in enumerate(MIGRATIONS, start=1):
            if number <= version:
                continue
            with self._write() as cur:
                cur.execute(sql)
                cur.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(number)]
                )
        return len(MIGRATIONS)

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        value = self._scalar("SELECT value FROM meta WHERE key = ?", [key])
        return default if value is None else str(value)

    def set_meta(self, key: str, value: str) -> None:
        with self._write() as cur:
            cur.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    # -- territory ----------------------------------------------------------------
    def load_territory(self, territory: Territory) -> None:
        """Replace the stored territory and reassign every contribution to its zones."""
        zone_frames = []
        for layer in territory.zone_layers:
            z = layer.zones
            zone_frames.append(
                pd.DataFrame(
                    {
                        "layer": layer.name,
                        "code": z["code"].astype(str),
                        "name": z["name"].astype(str),
                        "population": z["population"].astype(float),
                        "population_attribute": z["population_attribute"].astype(float),
                        "population_source": z["population_source"].astype(str),
                        "has_breakdown": z["has_breakdown"].astype(bool),
                        "wkb": shapely.to_wkb(z.geometry.values),
                    }
                )
            )
        zones_df = pd.concat(zone_frames, ignore_index=True)
        layers_df = pd.DataFrame(
            {
                "layer": [lyr.name for lyr in territory.zone_layers],
                "label": [lyr.label for lyr in territory.zone_layers],
                "is_primary": [lyr.name == territory.primary for lyr in territory.zone_layers],
            }
        )
        pop_df = territory.population[["layer", "code", "dimension", "grp", "population"]]
        lm = territory.landmarks
        landmarks_df = pd.DataFrame(
            {
                "id": lm["id"].astype(str),
                "layer": lm["layer"].astype(str),
                "layer_label": lm["layer_label"].astype(str),
                "name": lm["name"].astype(str),
                "wkb": shapely.to_wkb(lm.geometry.values) if len(lm) else pd.Series([], dtype=object),
            }
        )
        with self._write() as cur:
            cur.execute("DELETE FROM zone_layers; DELETE FROM zones; DELETE FROM zone_population; DELETE FROM landmarks;")
            cur.register("layers_df", layers_df)
            cur.register("zones_df", zones_df)
            cur.register("pop_df", pop_df)
            cur.register("landmarks_df", landmarks_df)
            cur.execute("INSERT INTO zone_layers SELECT layer, label, is_primary FROM layers_df")
            cur.execute(
                """INSERT INTO zones SELECT layer, code, name, population, population_attribute,
                       population_source, has_breakdown, ST_GeomFromWKB(wkb) FROM zones_df"""
            )
            cur.execute("INSERT INTO zone_population SELECT * FROM pop_df")
            cur.execute(
                """INSERT INTO landmarks
                   SELECT l.id, l.layer, l.layer_label, l.name, NULL, ST_GeomFromWKB(l.wkb)
                   FROM landmarks_df l"""
            )
            primary = territory.primary
            cur.execute(
                """UPDATE landmarks SET zone_code = a.code FROM (
                       SELECT l.id, min(z.code) AS code
                       FROM (SELECT id, ST_PointOnSurface(geom) AS pt FROM landmarks) l
                       JOIN (SELECT code, geom FROM zones WHERE layer = ?) z ON ST_Contains(z.geom, l.pt)
                       GROUP BY l.id) a
                   WHERE landmarks.id = a.id""",
                [primary],
            )
            for key, value in {
                "territory_name": territory.name,
                "territory_folder": str(territory.folder),
                "attribution": territory.attribution,
                "sources": "\n".join(territory.sources),
                "primary_layer": primary,
            }.items():
                cur.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])
            cur.execute("DELETE FROM contribution_zones")
            self._assign_zones(cur, "SELECT id AS row_key, ST_PointOnSurface(geom) AS pt FROM contributions")
            cur.execute(
                "INSERT INTO contribution_zones SELECT row_key, layer, zone_code FROM _assigned"
            )

    def territory_info(self) -> dict[str, object]:
        """Name, attribution, sources and primary layer of the stored territory."""
        meta = dict(self._df("SELECT key, value FROM meta").itertuples(index=False, name=None))
        return {
            "name": meta.get("territory_name", ""),
            "attribution": meta.get("attribution", ""),
            "sources": [s for s in meta.get("sources", "").split("\n") if s],
            "primary_layer": meta.get("primary_layer"),
            "loaded": "primary_layer" in meta,
        }

    def primary_layer(self) -> str:
        layer = self.get_meta("primary_layer")
        if layer is None:
            raise OutsideTerritoryError("Aucun territoire n'est chargé : lancez `cartoparti init`.")
        return layer

    def zone_layers(self) -> pd.DataFrame:
        return self._df("SELECT layer, label, is_primary FROM zone_layers ORDER BY NOT is_primary, layer")

    def zones(self, layer: str | None = None) -> gpd.GeoDataFrame:
        """Zones of a layer (default: the primary one), WGS84, sorted by name."""
        layer = layer or self.primary_layer()
        frame = self._df(
            """SELECT code, name, population, population_attribute, population_source,
                      has_breakdown, ST_AsWKB(geom) AS wkb
               FROM zones WHERE layer = ? ORDER BY name""",
            [layer],
        )
        return to_geodataframe(frame)

    def zone_population(self, layer: str | None = None) -> pd.DataFrame:
        """Population by zone, dimension (age_band, csp) and group."""
        layer = layer or self.primary_layer()
        return self._df(
            "SELECT code, dimension, grp, population FROM zone_population WHERE layer = ? ORDER BY ALL",
            [layer],
        )

    def landmarks(self, zone_code: str | None = None) -> gpd.GeoDataFrame:
        """Landmarks (optionally those of one zone of the primary layer), WGS84."""
        where, params = ("WHERE zone_code = ?", [zone_code]) if zone_code else ("", [])
        frame = self._df(
            f"""SELECT id, layer, layer_label, name, zone_code, ST_AsWKB(geom) AS wkb
                FROM landmarks {where} ORDER BY layer_label, name""",
            params,
        )
        return to_geodataframe(frame)

    def landmark_point(self, landmark_id: str) -> shapely.Point | None:
        wkb = self._scalar(
            "SELECT ST_AsWKB(ST_PointOnSurface(geom)) FROM landmarks WHERE id = ?", [landmark_id]
        )
        return shapely.from_wkb(bytes(wkb)) if wkb is not None else None

    def zone_point(self, code: str, layer: str | None = None) -> shapely.Point | None:
        """A point inside a zone (to place a contribution made without the map)."""
        wkb = self._scalar(
            "SELECT ST_AsWKB(ST_PointOnSurface(geom)) FROM zones WHERE layer = ? AND code = ?",
            [layer or self.primary_layer(), code],
        )
        return shapely.from_wkb(bytes(wkb)) if wkb is not None else None

    def territory_bounds(self) -> tuple[float, float, float, float]:
        """(min lon, min lat, max lon, max lat) of the primary layer."""
        row = self._df(
            """SELECT min(ST_XMin(geom)) a, min(ST_YMin(geom)) b, max(ST_XMax(geom)) c,
                      max(ST_YMax(geom)) d FROM zones WHERE layer = ?""",
            [self.primary_layer()],
        ).iloc[0]
        return float(row.a), float(row.b), float(row.c), float(row.d)

    # -- zone assignment ------------------------------------------------------------
    def _assign_zones(self, cur: duckdb.DuckDBPyConnection, points_sql: str) -> None:
        """Fill temp table ``_assigned(row_key, layer, zone_code)`` for the points of
        ``points_sql`` (columns ``row_key, pt``).

        Rule: a contribution belongs to the zone containing its point on surface (the
        point itself, or a point on the line or inside the area). Where zones of a layer
        overlap (thin slivers along borders), the lowest zone code wins. A point in
        no zone of the primary layer but within 50 m of one (gaps between polygons)
        goes to the nearest.
        """
        cur.execute(f"CREATE OR REPLACE TEMP TABLE _pts AS {points_sql}")
        cur.execute(
            """CREATE OR REPLACE TEMP TABLE _assigned AS
               SELECT p.row_key, z.layer, min(z.code) AS zone_code
               FROM _pts p JOIN zones z ON ST_Contains(z.geom, p.pt)
               GROUP BY p.row_key, z.layer"""
        )
        primary = self._get_meta_cur(cur, "primary_layer")
        cur.execute(
            f"""INSERT INTO _assigned
                SELECT row_key, ?, arg_min(code, d) FROM (
                    SELECT p.row_key, z.code,
                           ST_Distance(ST_Transform(z.geom, {_L93}), ST_Transform(p.pt, {_L93})) AS d
                    FROM (SELECT * FROM _pts WHERE row_key NOT IN
                            (SELECT row_key FROM _assigned WHERE layer = ?)) p,
                         (SELECT code, geom FROM zones WHERE layer = ?) z
                    WHERE ST_DWithin(z.geom, p.pt, 0.002)
                ) WHERE d <= ? GROUP BY row_key""",
            [primary, primary, primary, SNAP_TOLERANCE_M],
        )

    @staticmethod
    def _get_meta_cur(cur: duckdb.DuckDBPyConnection, key: str) -> str | None:
        row = cur.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def locate(self, geometry: shapely.Geometry) -> dict[str, str]:
        """Zone code of a geometry in each layer; raise if outside the territory."""
        with self._write() as cur:
            cur.execute(
                "CREATE OR REPLACE TEMP TABLE _one AS SELECT 0 AS row_key, "
                "ST_PointOnSurface(ST_GeomFromWKB(?)) AS pt",
                [shapely.to_wkb(geometry)],
            )
            self._assign_zones(cur, "SELECT * FROM _one")
            rows = cur.execute("SELECT layer, zone_code FROM _assigned").fetchall()
        found = dict(rows)
        if self.primary_layer() not in found:
            raise OutsideTerritoryError()
        return found

    # -- contributions --------------------------------------------------------------
    def add_contributions(
        self, drafts: Sequence[Draft], *, published: bool = True
    ) -> AddResult:
        """Store validated drafts in bulk, with their zones and profiles, in one transaction.

        Drafts without ``source_key`` get a content hash (so a second import of the
        same rows adds nothing). Rows outside the territory are not stored. A draft with
        ``personal_data`` is stored held (unpublished, flagged for an agent) in the same
        transaction: it is never public, not even for an instant.
        """
        result = AddResult()
        if not drafts:
            return result
        keys = [d.source_key or content_key(d) for d in drafts]
        geoms = [d.geometry for d in drafts]
        centroids = shapely.centroid(geoms)
        frame = pd.DataFrame(
            {
                "pos": range(len(drafts)),
                "id": [_new_id(k) for k in keys],
                "source_key": keys,
                "kind": [d.kind for d in drafts],
                "title": [d.title for d in drafts],
                "text": [d.text or "" for d in drafts],
                "theme": [d.theme for d in drafts],
                "channel": [d.channel for d in drafts],
                "created_at": pd.to_datetime(
                    [d.created_at or datetime.now(UTC) for d in drafts], utc=True
                ).tz_convert(None),
                "published": [published and not d.personal_data for d in drafts],
                "personal_data": [",".join(d.personal_data) or None for d in drafts],
                "wkb": shapely.to_wkb(geoms),
                "lon": shapely.get_x(centroids),
                "lat": shapely.get_y(centroids),
                "contributor_id": [d.contributor_id for d in drafts],
                "age_band": [d.age_band for d in drafts],
                "csp": [d.csp for d in drafts],
                "home_commune": [d.home_commune for d in drafts],
                "first_time": pd.array([d.first_time for d in drafts], dtype="boolean"),
                "has_profile": [d.has_profile for d in drafts],
            }
        )
        photos = pd.DataFrame(
            [(i, d.extra.get("photo_mime", "image/jpeg"), d.photo) for i, d in enumerate(drafts) if d.photo],
            columns=["pos", "mime", "data"],
        )
        with self._write() as cur:
            cur.register("incoming", frame)
            cur.execute(
                """CREATE OR REPLACE TEMP TABLE _in AS
                   SELECT i.* EXCLUDE (wkb), ST_GeomFromWKB(i.wkb) AS geom,
                          (SELECT c.id FROM contributions c WHERE c.source_key = i.source_key) AS existing,
                          row_number() OVER (PARTITION BY i.source_key ORDER BY i.pos) AS nth,
                          first_value(i.id) OVER (PARTITION BY i.source_key ORDER BY i.pos) AS first_id
                   FROM incoming i"""
            )
            self._assign_zones(cur, "SELECT pos AS row_key, ST_PointOnSurface(geom) AS pt FROM _in")
            primary = self._get_meta_cur(cur, "primary_layer")
            status = cur.execute(
                """SELECT i.pos, i.id,
                          coalesce(i.existing, CASE WHEN i.nth > 1 THEN i.first_id END) AS dup_of,
                          a.zone_code IS NULL AS outside
                   FROM _in i
                   LEFT JOIN (SELECT row_key, zone_code FROM _assigned WHERE layer = ?) a
                        ON a.row_key = i.pos
                   ORDER BY i.pos""",
                [primary],
            ).fetchall()
            new_positions = []
            for pos, id_, dup_of, outside in status:
                if dup_of is not None:
                    result.duplicates.append(pos)
                    result.ids[pos] = dup_of
                elif outside:
                    result.outside.append(pos)
                else:
                    new_positions.append(pos)
                    result.inserted.append(id_)
                    result.ids[pos] = id_
            if not new_positions:
                return result
            cur.execute("CREATE OR REPLACE TEMP TABLE _new AS SELECT unnest(?::INTEGER[]) AS pos", [new_positions])
            cur.execute(
                """INSERT INTO contributions
                   (id, source_key, kind, title, text, theme, channel, created_at, published, geom, lon, lat)
                   SELECT id, source_key, kind, title, text, theme, channel, created_at, published, geom, lon, lat
                   FROM _in WHERE pos IN (SELECT pos FROM _new)"""
            )
            cur.execute(
                """INSERT INTO contribution_zones
                   SELECT i.id, a.layer, a.zone_code FROM _assigned a JOIN _in i ON i.pos = a.row_key
                   WHERE i.pos IN (SELECT pos FROM _new)"""
            )
            cur.execute(
                """INSERT INTO profiles
                   SELECT id, contributor_id, age_band, csp, home_commune, first_time FROM _in
                   WHERE has_profile AND pos IN (SELECT pos FROM _new)"""
            )
            cur.execute(
                """INSERT INTO handling (contribution_id, personal_data)
                   SELECT id, personal_data FROM _in
                   WHERE personal_data IS NOT NULL AND pos IN (SELECT pos FROM _new)"""
            )
            if len(photos):
                cur.register("photos_in", photos)
                cur.execute(
                    """INSERT INTO photos SELECT i.id, p.mime, p.data FROM photos_in p
                       JOIN _in i ON i.pos = p.pos WHERE i.pos IN (SELECT pos FROM _new)"""
                )
        return result

    def add_contribution(self, draft: Draft, *, published: bool = True) -> str:
        """Store one validated draft (a new unique key); return its id."""
        if draft.source_key is None:
            draft.source_key = "uuid:" + uuid.uuid4().hex
        result = self.add_contributions([draft], published=published)
        if result.outside:
            raise OutsideTerritoryError()
        return result.ids[0]

    def count_contributions(
        self,
        *,
        published_only: bool = False,
        kinds: Sequence[str] | None = None,
        themes: Sequence[str] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> int:
        """How many contributions match (the same filters as :meth:`contributions`)."""
        where, params = self._filters(kinds=kinds, themes=themes, since=since, until=until)
        if published_only:
            where.append("c.published")
        clause = "WHERE " + " AND ".join(where) if where else ""
        return int(self._scalar(f"SELECT count(*) FROM contributions c {clause}", params))

    def contributions(
        self,
        *,
        kinds: Sequence[str] | None = None,
        themes: Sequence[str] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        published_only: bool = True,
        limit: int | None = None,
    ) -> gpd.GeoDataFrame:
        """Public fields of contributions with their primary zone, newest first. WGS84."""
        where, params = self._filters(kinds=kinds, themes=themes, since=since, until=until)
        if published_only:
            where.append("c.published")
        sql = f"""
            SELECT c.id, c.kind, c.title, c.text, c.theme, c.channel, c.created_at, c.status,
                   (SELECT arg_max(h.message, h.id) FROM status_history h
                    WHERE h.contribution_id = c.id) AS answer,
                   (SELECT count(*) FROM supports s WHERE s.contribution_id = c.id) AS supports,
                   c.lon, c.lat, cz.zone_code, z.name AS zone_name, ST_AsWKB(c.geom) AS wkb
            FROM contributions c
            LEFT JOIN contribution_zones cz ON cz.contribution_id = c.id
                 AND cz.layer = (SELECT value FROM meta WHERE key = 'primary_layer')
            LEFT JOIN zones z ON z.layer = cz.layer AND z.code = cz.zone_code
            {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY c.created_at DESC, c.id
            {"LIMIT " + str(int(limit)) if limit else ""}"""
        return to_geodataframe(self._df(sql, params))

    @staticmethod
    def _filters(
        *,
        kinds: Sequence[str] | None = None,
        themes: Sequence[str] | None = None,
        channels: Sequence[str] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        alias: str = "c",
    ) -> tuple[list[str], list[object]]:
        """WHERE clauses and parameters shared by every query on contributions."""
        where: list[str] = []
        params: list[object] = []
        for column, values in (("kind", kinds), ("theme", themes), ("channel", channels)):
            if values:
                where.append(f"{alias}.{column} IN (SELECT unnest(?::VARCHAR[]))")
                params.append(list(values))
        if since is not None:
            where.append(f"{alias}.created_at >= ?")
            params.append(utc_naive(since))
        if until is not None:
            where.append(f"{alias}.created_at < ?")
            params.append(utc_naive(until))
        return where, params

    def contribution(self, contribution_id: str) -> dict[str, object] | None:
        """Public fields of one contribution, or ``None``."""
        frame = self._df(
            """SELECT c.id, c.kind, c.title, c.text, c.theme, c.channel, c.created_at, c.status,
                      c.published, c.lon, c.lat, cz.zone_code
               FROM contributions c LEFT JOIN contribution_zones cz ON cz.contribution_id = c.id
                    AND cz.layer = (SELECT value FROM meta WHERE key = 'primary_layer')
               WHERE c.id = ?""",
            [contribution_id],
        )
        return None if frame.empty else frame.iloc[0].to_dict()

    def profile(self, contribution_id: str) -> dict[str, object] | None:
        """The private profile of a contribution (agents only), or ``None``."""
        frame = self._df("SELECT * FROM profiles WHERE contribution_id = ?", [contribution_id])
        return None if frame.empty else frame.iloc[0].to_dict()

    def photo(self, contribution_id: str) -> tuple[str, bytes] | None:
        with self._read() as cur:
            row = cur.execute(
                "SELECT mime, data FROM photos WHERE contribution_id = ?", [contribution_id]
            ).fetchone()
        return (row[0], bytes(row[1])) if row else None

    def export_frame(self) -> gpd.GeoDataFrame:
        """Every published contribution with its public fields, current status, latest
        public answer (``answer``), geometry and zone code.

        Never any profile field.
        """
        frame = self._df(
            """SELECT c.id, c.kind, c.title, c.text, c.theme, c.channel,
                      strftime(c.created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, c.status,
                      (SELECT arg_max(h.message, h.id) FROM status_history h
                       WHERE h.contribution_id = c.id) AS answer,
                      cz.zone_code, z.name AS zone_name, c.lon, c.lat,
                      ST_AsText(c.geom) AS wkt, ST_AsWKB(c.geom) AS wkb
               FROM contributions c
               LEFT JOIN contribution_zones cz ON cz.contribution_id = c.id
                    AND cz.layer = (SELECT value FROM meta WHERE key = 'primary_layer')
               LEFT JOIN zones z ON z.layer = cz.layer AND z.code = cz.zone_code
               WHERE c.published
               ORDER BY c.created_at, c.id"""
        )
        return to_geodataframe(frame)

    def explain(self, sql: str) -> str:
        """The physical plan of a query (used to check spatial joins)."""
        with self._read() as cur:
            return "\n".join(str(r[1]) for r in cur.execute("EXPLAIN " + sql).fetchall())
