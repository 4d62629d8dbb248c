"""PostGIS storage: connections, schema, territory and contributions.

The same public interface as :class:`cartoparti.storage.duckdb.core.CoreStore`, over
psycopg 3. Several threads share one store (a small pool of connections, one per
call); several processes (app servers, the command line) may write at once:
inserts are idempotent by ``source_key`` (unique constraint, ``ON CONFLICT DO
NOTHING``). Frames come back with the columns and dtypes of the DuckDB side;
timestamps are naive UTC.
"""

from __future__ import annotations

import math
import queue
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Self

import geopandas as gpd
import pandas as pd
import psycopg
import shapely

from cartoparti._errors import OutsideTerritoryError
from cartoparti.model import Draft, Territory
from cartoparti.storage.common import (
    SNAP_TOLERANCE_M,
    AddResult,
    _new_id,
    content_key,
    to_geodataframe,
    utc_naive,
)
from cartoparti.storage.postgis.schema import MIGRATIONS

__all__ = ["PostgisCore", "frame_of"]

_L93 = 2154
_POOL_SIZE = 8
# postgres type oids
_BOOL, _INT8, _INT2, _INT4, _FLOAT4, _FLOAT8, _NUMERIC = 16, 20, 21, 23, 700, 701, 1700
_DATE, _TIMESTAMP, _TIMESTAMPTZ = 1082, 1114, 1184


def frame_of(cur: psycopg.Cursor) -> pd.DataFrame:
    """The result of ``cur`` as a frame with the dtypes DuckDB's ``.df()`` gives."""
    if cur.description is None:
        return pd.DataFrame()
    names = [d.name for d in cur.description]
    rows = cur.fetchall()
    columns = list(zip(*rows, strict=True)) if rows else [[] for _ in names]
    data = {}
    for desc, name, values in zip(cur.description, names, columns, strict=True):
        values = list(values)
        oid = desc.type_code
        has_null = any(v is None for v in values)
        if oid == _BOOL:
            series = pd.Series(values, dtype="boolean" if has_null else bool)
        elif oid in (_INT2, _INT4):
            series = pd.Series(values, dtype="Int32" if has_null else "int32")
        elif oid == _INT8:
            series = pd.Series(values, dtype="Int64" if has_null else "int64")
        elif oid in (_FLOAT4, _FLOAT8, _NUMERIC):
            series = pd.Series([math.nan if v is None else float(v) for v in values], dtype="float64")
        elif oid in (_TIMESTAMP, _DATE, _TIMESTAMPTZ):
            series = pd.Series(pd.to_datetime(values), dtype="datetime64[us]") if values else pd.Series(
                [], dtype="datetime64[us]")
        elif oid == 17:  # bytea
            series = pd.Series(values, dtype=object)
        else:
            series = pd.Series(values, dtype=object if not values else None)  # as DuckDB: str, or object when empty / all null
        data[name] = series
    return pd.DataFrame(data, columns=names)


class _Pool:
    """A few connections (autocommit), lent one per call; thread safe."""

    def __init__(self, url: str, size: int = _POOL_SIZE) -> None:
        self.url = url
        self.size = size
        self._idle: queue.LifoQueue[psycopg.Connection] = queue.LifoQueue()
        self._closed = False

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection]:
        try:
            con = self._idle.get_nowait()
        except queue.Empty:
            con = psycopg.connect(self.url, autocommit=True)
            con.execute("SET TimeZone TO 'UTC'")  # timestamps are UTC without zone, whatever the server's
        try:
            yield con
        finally:
            if con.closed or con.broken or self._closed or self._idle.qsize() >= self.size:
                con.close()
            else:
                self._idle.put(con)

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


def _hexewkb(geom: shapely.Geometry) -> str:
    return shapely.to_wkb(shapely.set_srid(geom, 4326), hex=True, include_srid=True)


def _none_if_nan(value: object) -> object:
    if value is None:
        return None
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


class PostgisCore:
    """Connections, schema, territory and contributions over PostgreSQL + PostGIS."""

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self.url = url
        self.path = url  # what the DuckDB store calls its location
        self.read_only = read_only
        self._pool = _Pool(url)
        self._local = threading.local()  # .tx: this thread's connection inside a transaction
        with self._pool.connection():  # fail early on a wrong url
            pass

    # -- plumbing ---------------------------------------------------------------
    def close(self) -> None:
        self._pool.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _read(self) -> Iterator[psycopg.Cursor]:
        """A cursor; inside a transaction of this thread, the transaction's (it sees its writes)."""
        tx = getattr(self._local, "tx", None)
        if tx is not None:
            with tx.cursor() as cur:
                yield cur
            return
        with self._pool.connection() as con, con.cursor() as cur:
            yield cur

    @contextmanager
    def _write(self) -> Iterator[psycopg.Cursor]:
        """A cursor inside a transaction; nested in another ``_write`` (or
        :meth:`transaction`) of the same thread, it joins that transaction."""
        if self.read_only:
            raise PermissionError("store opened read-only")
        tx = getattr(self._local, "tx", None)
        if tx is not None:
            with tx.cursor() as cur:
                yield cur
            return
        with self._pool.connection() as con:
            try:
                with con.transaction():
                    self._local.tx = con
                    with con.cursor() as cur:
                        yield cur
            finally:
                self._local.tx = None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several storage commands in one transaction: all written, or none."""
        with self._write():
            yield

    def _df(self, sql: str, params: Sequence[object] | dict | None = None) -> pd.DataFrame:
        with self._read() as cur:
            cur.execute(sql, params or None)
            return frame_of(cur)

    def _scalar(self, sql: str, params: Sequence[object] | dict | None = None) -> object:
        with self._read() as cur:
            row = cur.execute(sql, params or None).fetchone()
        return row[0] if row else None

    # -- schema -----------------------------------------------------------------
    def schema_version(self) -> int:
        with self._read() as cur:
            exists = cur.execute("SELECT to_regclass('meta') IS NOT NULL").fetchone()[0]
            if not exists:
                return 0
            row = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def migrate(self) -> int:
        """Create or upgrade the schema; return the schema version. Several processes
        may call it at once (an advisory lock serialises them)."""
        with self._write() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(hashtext('cartoparti.migrate'))")
            version = self.schema_version()
            for number, (_name, sql) in enumerate(MIGRATIONS, start=1):
                if number <= version:
                    continue
                cur.execute(sql)
                cur.execute(
                    """INSERT INTO meta VALUES ('schema_version', %s)
                       ON CONFLICT (key) DO UPDATE SET value = excluded.value""",
                    [str(number)],
                )
        return len(MIGRATIONS)

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        value = self._scalar("SELECT value FROM meta WHERE key = %s", [key])
        return default if value is None else str(value)

    def set_meta(self, key: str, value: str) -> None:
        with self._write() as cur:
            self._set_meta_cur(cur, key, value)

    @staticmethod
    def _set_meta_cur(cur: psycopg.Cursor, key: str, value: str) -> None:
        cur.execute(
            "INSERT INTO meta VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    @staticmethod
    def _get_meta_cur(cur: psycopg.Cursor, key: str) -> str | None:
        row = cur.execute("SELECT value FROM meta WHERE key = %s", [key]).fetchone()
        return row[0] if row else None

    # -- territory ----------------------------------------------------------------
    def load_territory(self, territory: Territory) -> None:
        """Replace the stored territory and reassign every contribution to its zones."""
        with self._write() as cur:
            cur.execute("LOCK TABLE zones, zone_layers, zone_population, landmarks IN EXCLUSIVE MODE")
            cur.execute("DELETE FROM zone_layers; DELETE FROM zones; DELETE FROM zone_population; DELETE FROM landmarks;")
            with cur.copy("COPY zone_layers (layer, label, is_primary) FROM STDIN") as copy:
                for lyr in territory.zone_layers:
                    copy.write_row((lyr.name, lyr.label, lyr.name == territory.primary))
            with cur.copy(
                """COPY zones (layer, code, name, population, population_attribute,
                               population_source, has_breakdown, geom) FROM STDIN"""
            ) as copy:
                for layer in territory.zone_layers:
                    z = layer.zones
                    for code, name, pop, pop_attr, source, breakdown, geom in zip(
                        z["code"].astype(str), z["name"].astype(str), z["population"].astype(float),
                        z["population_attribute"].astype(float), z["population_source"].astype(str),
                        z["has_breakdown"].astype(bool), z.geometry.values, strict=True,
                    ):
                        copy.write_row((layer.name, code, name, _none_if_nan(pop), _none_if_nan(pop_attr),
                                        source, bool(breakdown), _hexewkb(geom)))
            pop = territory.population[["layer", "code", "dimension", "grp", "population"]]
            with cur.copy("COPY zone_population (layer, code, dimension, grp, population) FROM STDIN") as copy:
                for row in pop.itertuples(index=False, name=None):
                    copy.write_row((str(row[0]), str(row[1]), str(row[2]), str(row[3]), float(row[4])))
            lm = territory.landmarks
            if len(lm):
                with cur.copy("COPY landmarks (id, layer, layer_label, name, geom) FROM STDIN") as copy:
                    for id_, layer, label, name, geom in zip(
                        lm["id"].astype(str), lm["layer"].astype(str), lm["layer_label"].astype(str),
                        lm["name"].astype(str), lm.geometry.values, strict=True,
                    ):
                        copy.write_row((id_, layer, label, name, _hexewkb(geom)))
            primary = territory.primary
            cur.execute("ANALYZE zones")
            cur.execute(
                """UPDATE landmarks SET zone_code = a.code FROM (
                       SELECT l.id, min(z.code) AS code
                       FROM landmarks l JOIN zones z
                            ON z.layer = %s AND ST_Contains(z.geom, ST_PointOnSurface(l.geom))
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
                self._set_meta_cur(cur, key, value)
            cur.execute("DELETE FROM contribution_zones")
            self._assign_zones(cur, "SELECT id AS row_key, ST_PointOnSurface(geom) AS pt FROM contributions")
            cur.execute("INSERT INTO contribution_zones SELECT row_key, layer, zone_code FROM _assigned")

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
                      has_breakdown, ST_AsBinary(geom) AS wkb
               FROM zones WHERE layer = %s ORDER BY name""",
            [layer],
        )
        return to_geodataframe(frame)

    def zone_population(self, layer: str | None = None) -> pd.DataFrame:
        """Population by zone, dimension (age_band, csp) and group."""
        layer = layer or self.primary_layer()
        return self._df(
            """SELECT code, dimension, grp, population FROM zone_population WHERE layer = %s
               ORDER BY code, dimension, grp, population""",
            [layer],
        )

    def landmarks(self, zone_code: str | None = None) -> gpd.GeoDataFrame:
        """Landmarks (optionally those of one zone of the primary layer), WGS84."""
        where, params = ("WHERE zone_code = %s", [zone_code]) if zone_code else ("", [])
        frame = self._df(
            f"""SELECT id, layer, layer_label, name, zone_code, ST_AsBinary(geom) AS wkb
                FROM landmarks {where} ORDER BY layer_label, name""",
            params,
        )
        return to_geodataframe(frame)

    def landmark_point(self, landmark_id: str) -> shapely.Point | None:
        wkb = self._scalar(
            "SELECT ST_AsBinary(ST_PointOnSurface(geom)) FROM landmarks WHERE id = %s", [landmark_id]
        )
        return shapely.from_wkb(bytes(wkb)) if wkb is not None else None

    def zone_point(self, code: str, layer: str | None = None) -> shapely.Point | None:
        """A point inside a zone (to place a contribution made without the map)."""
        wkb = self._scalar(
            "SELECT ST_AsBinary(ST_PointOnSurface(geom)) FROM zones WHERE layer = %s AND code = %s",
            [layer or self.primary_layer(), code],
        )
        return shapely.from_wkb(bytes(wkb)) if wkb is not None else None

    def territory_bounds(self) -> tuple[float, float, float, float]:
        """(min lon, min lat, max lon, max lat) of the primary layer."""
        row = self._df(
            """SELECT min(ST_XMin(geom)) a, min(ST_YMin(geom)) b, max(ST_XMax(geom)) c,
                      max(ST_YMax(geom)) d FROM zones WHERE layer = %s""",
            [self.primary_layer()],
        ).iloc[0]
        return float(row.a), float(row.b), float(row.c), float(row.d)

    # -- zone assignment ------------------------------------------------------------
    def _assign_zones(self, cur: psycopg.Cursor, points_sql: str, params: Sequence[object] = ()) -> None:
        """Fill temp table ``_assigned(row_key, layer, zone_code)`` (dropped at commit)
        for the points of ``points_sql`` (columns ``row_key, pt``).

        Same rule as DuckDB: the zone containing the point on surface; on overlaps
        the lowest code; a point in no zone of the primary layer but within 50 m
        (Lambert-93) of one goes to the nearest; else none.
        """
        cur.execute("DROP TABLE IF EXISTS pg_temp._pts; DROP TABLE IF EXISTS pg_temp._assigned")
        cur.execute(
            f"CREATE TEMP TABLE _pts ON COMMIT DROP AS SELECT row_key::text AS row_key, pt FROM ({points_sql}) q",
            list(params) or None,
        )
        cur.execute("CREATE INDEX ON _pts USING gist (pt)")
        cur.execute("ANALYZE _pts")
        cur.execute(
            """CREATE TEMP TABLE _assigned ON COMMIT DROP AS
               SELECT p.row_key, z.layer, min(z.code) AS zone_code
               FROM _pts p JOIN zones z ON ST_Contains(z.geom, p.pt)
               GROUP BY p.row_key, z.layer"""
        )
        primary = self._get_meta_cur(cur, "primary_layer")
        cur.execute(
            f"""INSERT INTO _assigned
                SELECT DISTINCT ON (row_key) row_key, %s, code FROM (
                    SELECT p.row_key, z.code,
                           ST_Distance(ST_Transform(z.geom, {_L93}), ST_Transform(p.pt, {_L93})) AS d
                    FROM _pts p JOIN zones z ON z.layer = %s AND ST_DWithin(z.geom, p.pt, 0.002)
                    WHERE NOT EXISTS (SELECT 1 FROM _assigned a
                                      WHERE a.row_key = p.row_key AND a.layer = %s)
                ) s
                WHERE d <= %s ORDER BY row_key, d, code""",
            [primary, primary, primary, SNAP_TOLERANCE_M],
        )

    def locate(self, geometry: shapely.Geometry) -> dict[str, str]:
        """Zone code of a geometry in each layer; raise if outside the territory."""
        with self._read() as cur, cur.connection.transaction(force_rollback=True):
            self._assign_zones(
                cur, "SELECT 0 AS row_key, ST_PointOnSurface(ST_GeomFromWKB(%s, 4326)) AS pt",
                [shapely.to_wkb(geometry)],
            )
            rows = cur.execute("SELECT layer, zone_code FROM _assigned").fetchall()
            primary = self._get_meta_cur(cur, "primary_layer")
        found = dict(rows)
        if primary is None or primary not in found:
            raise OutsideTerritoryError()
        return found

    # -- contributions --------------------------------------------------------------
    def add_contributions(
        self, drafts: Sequence[Draft], *, published: bool = True
    ) -> AddResult:
        """Store validated drafts in bulk, with their zones and profiles.

        Drafts without ``source_key`` get a content hash (so a second import of the
        same rows adds nothing). Rows outside the territory are not stored. Rows
        whose drafts hold personal data (``draft.personal_data``) are stored
        unpublished and flagged in ``handling``, in the same transaction. Safe when
        other processes import the same rows at once: each is stored once.
        """
        result = AddResult()
        if not drafts:
            return result
        keys = [d.source_key or content_key(d) for d in drafts]
        geoms = [d.geometry for d in drafts]
        centroids = shapely.centroid(geoms)
        xs, ys = shapely.get_x(centroids), shapely.get_y(centroids)
        created = pd.to_datetime(
            [d.created_at or datetime.now(UTC) for d in drafts], utc=True
        ).tz_convert(None)
        with self._write() as cur:
            cur.execute("DROP TABLE IF EXISTS pg_temp._in")
            cur.execute(
                """CREATE TEMP TABLE _in (
                       pos integer, id text COLLATE "C", source_key text COLLATE "C",
                       kind text COLLATE "C", title text COLLATE "C", text text COLLATE "C",
                       theme text COLLATE "C", channel text COLLATE "C", created_at timestamp,
                       published boolean, personal_data text COLLATE "C", geom geometry(Geometry, 4326),
                       lon double precision, lat double precision,
                       contributor_id text COLLATE "C", age_band text COLLATE "C", csp text COLLATE "C",
                       home_commune text COLLATE "C", first_time boolean, has_profile boolean
                   ) ON COMMIT DROP"""
            )
            with cur.copy("COPY _in FROM STDIN") as copy:
                for pos, (d, key) in enumerate(zip(drafts, keys, strict=True)):
                    kinds = tuple(getattr(d, "personal_data", ()) or ())
                    copy.write_row((
                        pos, _new_id(key), key, d.kind, d.title, d.text or "", d.theme, d.channel,
                        created[pos].to_pydatetime(), bool(published and not kinds),
                        ",".join(kinds) if kinds else None, _hexewkb(geoms[pos]),
                        float(xs[pos]), float(ys[pos]), d.contributor_id, d.age_band, d.csp,
                        d.home_commune, d.first_time, bool(d.has_profile),
                    ))
            self._assign_zones(cur, "SELECT pos AS row_key, ST_PointOnSurface(geom) AS pt FROM _in")
            primary = self._get_meta_cur(cur, "primary_layer")
            status = cur.execute(
                """SELECT i.pos, i.id,
                          coalesce((SELECT c.id FROM contributions c WHERE c.source_key = i.source_key),
                                   CASE WHEN i.nth > 1 THEN i.first_id END) AS dup_of,
                          a.zone_code IS NULL AS outside
                   FROM (SELECT pos, id, source_key,
                                row_number() OVER (PARTITION BY source_key ORDER BY pos) AS nth,
                                first_value(id) OVER (PARTITION BY source_key ORDER BY pos) AS first_id
                         FROM _in) i
                   LEFT JOIN (SELECT row_key, zone_code FROM _assigned WHERE layer = %s) a
                        ON a.row_key = i.pos::text
                   ORDER BY i.pos""",
                [primary],
            ).fetchall()
            candidates: dict[int, str] = {}
            for pos, id_, dup_of, outside in status:
                if dup_of is not None:
                    result.duplicates.append(pos)
                    result.ids[pos] = dup_of
                elif outside:
                    result.outside.append(pos)
                else:
                    candidates[pos] = id_
            if not candidates:
                return result
            # another process may have stored some of them meanwhile: ON CONFLICT tells
            inserted = {
                row[0]
                for row in cur.execute(
                    """INSERT INTO contributions
                       (id, source_key, kind, title, text, theme, channel, created_at, published, geom, lon, lat)
                       SELECT id, source_key, kind, title, text, theme, channel, created_at, published, geom, lon, lat
                       FROM _in WHERE pos = ANY(%s) ORDER BY pos
                       ON CONFLICT DO NOTHING RETURNING id""",
                    [list(candidates)],
                ).fetchall()
            }
            lost = [pos for pos, id_ in candidates.items() if id_ not in inserted]
            if lost:
                keyed = dict(cur.execute(
                    """SELECT i.pos, c.id FROM _in i JOIN contributions c ON c.source_key = i.source_key
                       WHERE i.pos = ANY(%s)""",
                    [lost],
                ).fetchall())
                for pos in lost:
                    result.duplicates.append(pos)
                    result.ids[pos] = keyed.get(pos, candidates[pos])
                result.duplicates.sort()
            new_positions = [pos for pos, id_ in candidates.items() if id_ in inserted]
            for pos in new_positions:
                result.inserted.append(candidates[pos])
                result.ids[pos] = candidates[pos]
            if not new_positions:
                return result
            cur.execute(
                """INSERT INTO contribution_zones
                   SELECT i.id, a.layer, a.zone_code FROM _assigned a JOIN _in i ON a.row_key = i.pos::text
                   WHERE i.pos = ANY(%s)""",
                [new_positions],
            )
            cur.execute(
                """INSERT INTO profiles
                   SELECT id, contributor_id, age_band, csp, home_commune, first_time FROM _in
                   WHERE has_profile AND pos = ANY(%s)""",
                [new_positions],
            )
            cur.execute(
                """INSERT INTO handling (contribution_id, personal_data)
                   SELECT id, personal_data FROM _in WHERE personal_data IS NOT NULL AND pos = ANY(%s)
                   ON CONFLICT (contribution_id) DO UPDATE SET personal_data = excluded.personal_data""",
                [new_positions],
            )
            new = set(new_positions)
            photos = [
                (result.ids[i], d.extra.get("photo_mime", "image/jpeg"), d.photo)
                for i, d in enumerate(drafts) if d.photo and i in new
            ]
            if photos:
                cur.executemany("INSERT INTO photos VALUES (%s, %s, %s)", photos)
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

    _LATEST_ANSWER = """(SELECT h.message FROM status_history h WHERE h.contribution_id = c.id
                         ORDER BY h.id DESC LIMIT 1)"""

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
                   {self._LATEST_ANSWER} AS answer,
                   (SELECT count(*) FROM supports s WHERE s.contribution_id = c.id) AS supports,
                   c.lon, c.lat, cz.zone_code, z.name AS zone_name, ST_AsBinary(c.geom) AS wkb
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
                where.append(f"{alias}.{column} = ANY(%s)")
                params.append([str(v) for v in values])
        if since is not None:
            where.append(f"{alias}.created_at >= %s")
            params.append(utc_naive(since))
        if until is not None:
            where.append(f"{alias}.created_at < %s")
            params.append(utc_naive(until))
        return where, params

    def contribution(self, contribution_id: str) -> dict[str, object] | None:
        """Public fields of one contribution, or ``None``."""
        frame = self._df(
            """SELECT c.id, c.kind, c.title, c.text, c.theme, c.channel, c.created_at, c.status,
                      c.published, c.lon, c.lat, cz.zone_code
               FROM contributions c LEFT JOIN contribution_zones cz ON cz.contribution_id = c.id
                    AND cz.layer = (SELECT value FROM meta WHERE key = 'primary_layer')
               WHERE c.id = %s""",
            [contribution_id],
        )
        return None if frame.empty else frame.iloc[0].to_dict()

    def profile(self, contribution_id: str) -> dict[str, object] | None:
        """The private profile of a contribution (agents only), or ``None``."""
        frame = self._df("SELECT * FROM profiles WHERE contribution_id = %s", [contribution_id])
        return None if frame.empty else frame.iloc[0].to_dict()

    def photo(self, contribution_id: str) -> tuple[str, bytes] | None:
        with self._read() as cur:
            row = cur.execute(
                "SELECT mime, data FROM photos WHERE contribution_id = %s", [contribution_id]
            ).fetchone()
        return (row[0], bytes(row[1])) if row else None

    def export_frame(self) -> gpd.GeoDataFrame:
        """Every published contribution with its public fields, current status, latest
        public answer (``answer``), geometry and zone code. Never any profile field."""
        frame = self._df(
            f"""SELECT c.id, c.kind, c.title, c.text, c.theme, c.channel,
                      to_char(c.created_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at, c.status,
                      {self._LATEST_ANSWER} AS answer,
                      cz.zone_code, z.name AS zone_name, c.lon, c.lat,
                      ST_AsText(c.geom) AS wkt, ST_AsBinary(c.geom) AS wkb
               FROM contributions c
               LEFT JOIN contribution_zones cz ON cz.contribution_id = c.id
                    AND cz.layer = (SELECT value FROM meta WHERE key = 'primary_layer')
               LEFT JOIN zones z ON z.layer = cz.layer AND z.code = cz.zone_code
               WHERE c.published
               ORDER BY c.created_at, c.id"""
        )
        return to_geodataframe(frame)

    def explain(self, sql: str) -> str:
        """The plan of a query (used to check spatial joins use the GiST indexes)."""
        with self._read() as cur:
            return "\n".join(str(r[0]) for r in cur.execute("EXPLAIN " + sql).fetchall())
