"""Territory, zone assignment and contributions: the SQL both backends share.

Geometries are stored in WGS84; WKB crosses the boundary and becomes
shapely/geopandas in :func:`cartoparti.storage.common.to_geodataframe` only.
"""

from __future__ import annotations

import json
import unicodedata
import uuid
from abc import abstractmethod
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pandas as pd
import shapely

from cartoparti import i18n, textsearch
from cartoparti._errors import OutsideTerritoryError
from cartoparti.model import Draft, Territory
from cartoparti.privacy import public_positions
from cartoparti.settings import DEFAULT_PUBLIC_PRECISION
from cartoparti.storage.common import (
    NEIGHBOUR_TOLERANCE_DEG,
    SNAP_TOLERANCE_M,
    AddResult,
    _new_id,
    content_key,
    to_geodataframe,
    utc_naive,
)
from cartoparti.storage.sql.session import C, SqlSession

if TYPE_CHECKING:  # frames become GeoDataFrames in storage.common.to_geodataframe only
    import geopandas as gpd

def _accent_table() -> tuple[str, str]:
    """The Latin letters with accents (U+00C0 to U+017F) and their plain ASCII letter."""
    pairs = [
        (chr(code), "".join(c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c)))
        for code in range(0xC0, 0x180)
    ]
    kept = [(char, base) for char, base in pairs if len(base) == 1 and base != char and base.isascii() and base.isalpha()]
    return "".join(char for char, _ in kept), "".join(base for _, base in kept)


_ACCENTED, _PLAIN = _accent_table()
_LIGATURES = {chr(0x153): "oe", chr(0x152): "oe", chr(0xE6): "ae", chr(0xC6): "ae"}


def fold_sql(expr: str) -> str:
    """``expr`` without accents nor case, as :func:`cartoparti.textsearch.normalise`
    folds letters (the same SQL on both backends: ``translate`` then ``lower`` of ASCII,
    so it does not hang on the database's locale)."""
    for ligature, plain in _LIGATURES.items():
        expr = f"replace({expr}, '{ligature}', '{plain}')"
    return f"lower(translate({expr}, '{_ACCENTED}', '{_PLAIN}'))"


NEIGHBOURS_SQL = """
    WITH z AS (SELECT code, geom FROM zones WHERE layer = ?)
    SELECT ? AS layer, a.code AS code, b.code AS neighbour FROM z a JOIN z b ON ST_DWithin(a.geom, b.geom, ?)"""
"""Pairs of zones of a layer within a tolerance (each zone with itself too: a filter in
the join would cost DuckDB its SPATIAL_JOIN); stored by ``load_territory``."""

_LOOKUP_MAX = 200
"""Up to this many keys, known keys are looked up as constants (see ``_known_keys``)."""

__all__ = ["CONTAINING_ZONES_SQL", "CONTRIBUTOR_KEY", "OWN_FOLLOW_CODE_JOIN", "PRIMARY_ZONE_JOIN", "CoreQueries"]

PRIMARY_ZONE_JOIN = """
    LEFT JOIN contribution_zones cz ON cz.contribution_id = c.id
         AND cz.layer = (SELECT value FROM meta WHERE key = 'primary_layer')
    LEFT JOIN zones z ON z.layer = cz.layer AND z.code = cz.zone_code"""
"""Contribution ``c`` → its zone in the primary layer (``cz.zone_code``, ``z.name``)."""

OWN_FOLLOW_CODE_JOIN = """
    LEFT JOIN (
        SELECT f.contribution_id, min(f.code_hash) AS code_hash
        FROM follow_links f
        WHERE NOT EXISTS (
            SELECT 1 FROM handling h JOIN follow_links d ON d.contribution_id = h.contribution_id
            WHERE h.merged_into = f.contribution_id AND d.code_hash = f.code_hash
              AND d.created_at = f.created_at)
        GROUP BY f.contribution_id
    ) fc ON fc.contribution_id = {id}"""
"""Contribution ``{id}`` → the follow code (``fc.code_hash``) it was sent with. A merge
copies the duplicate's follow links to the kept contribution with their own
``created_at``: a link also held, same code and same time, by a duplicate merged into
the contribution is such a copy, not the code it was sent with, and is left out."""

CONTRIBUTOR_KEY = "coalesce(p.contributor_id, 'f:' || fc.code_hash, 'c:' || {id})"
"""Who sent contribution ``{id}`` (profile ``p`` and :data:`OWN_FOLLOW_CODE_JOIN`
``fc`` joined): the declared ``contributor_id``; else the follow code it was sent with
(one resident's visit online, however many contributions); else the contribution
itself."""

CONTAINING_ZONES_SQL = """
    SELECT p.row_key, z.layer, min(z.code) AS zone_code
    FROM _pts p JOIN zones z ON ST_Contains(z.geom, p.pt)
    GROUP BY p.row_key, z.layer"""
"""The zones of each layer containing the points of ``_pts``, the lowest code on
overlaps. A bare ``ON ST_Contains``: any further condition (or a cast) and DuckDB
falls back from its R-tree ``SPATIAL_JOIN`` to a nested loop, 50 times slower."""


GRAM_ROWS_BUDGET = 20_000
"""Most rows of ``place_grams`` one search reads (beyond its three rarest trigrams)."""


def _places(territory: Territory) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The searchable places of a territory (its primary layer's zones, its landmarks,
    its addresses), and their trigrams."""
    zones = territory.layer(territory.primary).zones
    zone_points = zones.geometry.representative_point()
    landmark_points = territory.landmarks.geometry.representative_point()
    addresses = territory.addresses
    places = pd.DataFrame(
        {
            "kind": ["commune"] * len(zones) + ["landmark"] * len(territory.landmarks) + ["address"] * len(addresses),
            "label": [*zones["name"].astype(str), *territory.landmarks["name"].astype(str),
                      *addresses["label"].astype(str)],
            "lon": [*zone_points.x, *landmark_points.x, *addresses["lon"].astype(float)],
            "lat": [*zone_points.y, *landmark_points.y, *addresses["lat"].astype(float)],
        }
    ).drop_duplicates(["kind", "label"], ignore_index=True)
    places.insert(0, "id", range(len(places)))
    pairs = [(gram, pid) for pid, label in zip(places["id"], places["label"], strict=True)
             for gram in textsearch.trigrams(label)]
    grams = pd.DataFrame(pairs, columns=["gram", "place_id"])
    return places, grams


class CoreQueries(SqlSession[C]):
    """Territory, zone assignment and contributions."""

    # -- territory ----------------------------------------------------------------------
    def _lock_territory(self, cur: C) -> None:
        """Keep other writers off the territory tables while they are replaced (a hook:
        nothing to do where writes are serialised anyway)."""

    def _analyze(self, cur: C, table: str) -> None:
        """Refresh the planner's statistics of ``table`` (a hook)."""

    def load_territory(self, territory: Territory) -> None:
        """Replace the stored territory and reassign every contribution to its zones."""
        layers = pd.DataFrame(
            {
                "layer": [lyr.name for lyr in territory.zone_layers],
                "label": [lyr.label for lyr in territory.zone_layers],
                "is_primary": [lyr.name == territory.primary for lyr in territory.zone_layers],
            }
        )
        zones = pd.concat(
            [
                pd.DataFrame(
                    {
                        "layer": layer.name,
                        "code": layer.zones["code"].astype(str),
                        "name": layer.zones["name"].astype(str),
                        "population": layer.zones["population"].astype(float),
                        "population_attribute": layer.zones["population_attribute"].astype(float),
                        "population_source": layer.zones["population_source"].astype(str),
                        "has_breakdown": layer.zones["has_breakdown"].astype(bool),
                        "geom": layer.zones.geometry.values,
                    }
                )
                for layer in territory.zone_layers
            ],
            ignore_index=True,
        )
        pop = territory.population
        population = pd.DataFrame(
            {
                "layer": pop["layer"].astype(str),
                "code": pop["code"].astype(str),
                "dimension": pop["dimension"].astype(str),
                "grp": pop["grp"].astype(str),
                "population": pop["population"].astype(float),
            }
        )
        lm = territory.landmarks
        landmarks = pd.DataFrame(
            {
                "id": lm["id"].astype(str),
                "layer": lm["layer"].astype(str),
                "layer_label": lm["layer_label"].astype(str),
                "name": lm["name"].astype(str),
                "geom": lm.geometry.values,
            }
        )
        primary = territory.primary
        places, grams = _places(territory)
        with self._write() as cur:
            self._lock_territory(cur)
            cur.execute("DELETE FROM zone_layers; DELETE FROM zones; DELETE FROM zone_population; DELETE FROM landmarks;")
            cur.execute("DELETE FROM places; DELETE FROM place_grams; DELETE FROM place_gram_counts;")
            self._insert_frame(cur, "places", places)
            self._insert_frame(cur, "place_grams", grams)
            cur.execute("INSERT INTO place_gram_counts SELECT gram, count(*) FROM place_grams GROUP BY gram")
            self._analyze(cur, "place_grams")
            self._insert_frame(cur, "zone_layers", layers)
            self._insert_frame(cur, "zones", zones)
            self._insert_frame(cur, "zone_population", population)
            self._insert_frame(cur, "landmarks", landmarks)
            self._analyze(cur, "zones")
            # neighbours once, for the spatial statistics (Gi*) of every report
            cur.execute("DELETE FROM zone_neighbours")
            for layer in layers["layer"]:
                cur.execute(f"INSERT INTO zone_neighbours {NEIGHBOURS_SQL}", [layer, layer, NEIGHBOUR_TOLERANCE_DEG])
            cur.execute("DELETE FROM zone_neighbours WHERE code = neighbour")
            self._set_meta(cur, "zone_neighbours", "stored")
            # the bare ON ST_Contains: DuckDB plans a SPATIAL_JOIN, PostGIS probes the GiST index
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
                self._set_meta(cur, key, value)
            cur.execute("DELETE FROM contribution_zones")
            self._assign_zones(cur, "SELECT id AS row_key, ST_PointOnSurface(geom) AS pt FROM contributions")
            cur.execute("INSERT INTO contribution_zones SELECT row_key, layer, zone_code FROM _assigned")

    # -- place search ---------------------------------------------------------------------
    def place_candidates(self, grams: Sequence[str], *, limit: int = 60) -> pd.DataFrame:
        """The places (``kind, label, lon, lat, hits``) sharing most of ``grams``,
        most first (then communes, landmarks, addresses). The rarest trigrams are used
        first, up to :data:`GRAM_ROWS_BUDGET` index rows (at least three trigrams):
        « jau » says much, « rue » little, and the query stays fast on a département's
        addresses; :func:`cartoparti.textsearch.rank` orders the candidates."""
        grams = list(dict.fromkeys(grams))
        if not grams:
            return pd.DataFrame(columns=["kind", "label", "lon", "lat", "hits"])
        with self._read() as cur:
            counts = dict(
                cur.execute(
                    f"SELECT gram, n FROM place_gram_counts WHERE {self.dialect.within('gram')}", [grams]
                ).fetchall()
            )
            chosen: list[str] = []
            rows = 0
            for gram in sorted((g for g in grams if g in counts), key=lambda g: (counts[g], g)):
                if len(chosen) >= 3 and rows + counts[gram] > GRAM_ROWS_BUDGET:
                    break
                chosen.append(gram)
                rows += counts[gram]
            if not chosen:
                return pd.DataFrame(columns=["kind", "label", "lon", "lat", "hits"])
            return cur.execute(
                f"""SELECT p.kind, p.label, p.lon, p.lat, h.hits
                    FROM (SELECT place_id, count(*) AS hits FROM place_grams
                          WHERE {self.dialect.within('gram')}
                          GROUP BY place_id ORDER BY count(*) DESC, place_id LIMIT ?) h
                    JOIN places p ON p.id = h.place_id
                    ORDER BY h.hits DESC, p.id""",
                [chosen, limit],
            ).df()

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
            raise OutsideTerritoryError(i18n.message("storage.no_territory"))
        return layer

    def zone_layers(self) -> pd.DataFrame:
        return self._df("SELECT layer, label, is_primary FROM zone_layers ORDER BY NOT is_primary, layer")

    def zones(self, layer: str | None = None) -> gpd.GeoDataFrame:
        """Zones of a layer (default: the primary one), WGS84, sorted by name."""
        layer = layer or self.primary_layer()
        frame = self._df(
            f"""SELECT code, name, population, population_attribute, population_source,
                       has_breakdown, {self.dialect.as_wkb}(geom) AS wkb
                FROM zones WHERE layer = ? ORDER BY name""",
            [layer],
        )
        return to_geodataframe(frame)

    def zone_name(self, code: str, layer: str | None = None) -> str | None:
        name = self._scalar("SELECT name FROM zones WHERE layer = ? AND code = ?", [layer or self.primary_layer(), code])
        return None if name is None else str(name)

    def zone_population(self, layer: str | None = None) -> pd.DataFrame:
        """Population by zone, dimension (age_band, csp) and group."""
        layer = layer or self.primary_layer()
        return self._df(
            """SELECT code, dimension, grp, population FROM zone_population WHERE layer = ?
               ORDER BY code, dimension, grp, population""",
            [layer],
        )

    def landmarks(self, zone_code: str | None = None) -> gpd.GeoDataFrame:
        """Landmarks (optionally those of one zone of the primary layer), WGS84."""
        where, params = ("WHERE zone_code = ?", [zone_code]) if zone_code else ("", [])
        frame = self._df(
            f"""SELECT id, layer, layer_label, name, zone_code, {self.dialect.as_wkb}(geom) AS wkb
                FROM landmarks {where} ORDER BY layer_label, name""",
            params,
        )
        return to_geodataframe(frame)

    def landmark_point(self, landmark_id: str) -> shapely.Point | None:
        wkb = self._scalar(
            f"SELECT {self.dialect.as_wkb}(ST_PointOnSurface(geom)) FROM landmarks WHERE id = ?",
            [landmark_id],
        )
        return shapely.from_wkb(bytes(wkb)) if wkb is not None else None

    def zone_point(self, code: str, layer: str | None = None) -> shapely.Point | None:
        """A point inside a zone (to place a contribution made without the map)."""
        wkb = self._scalar(
            f"SELECT {self.dialect.as_wkb}(ST_PointOnSurface(geom)) FROM zones WHERE layer = ? AND code = ?",
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

    # -- zone assignment ----------------------------------------------------------------
    def _index_points(self, cur: C) -> None:
        """Prepare ``_pts`` for the spatial joins of :meth:`_assign_zones` (a hook)."""

    def _assign_zones(self, cur: C, points_sql: str, params: Sequence[object] = ()) -> None:
        """Fill temp table ``_assigned(row_key, layer, zone_code)`` for the points of
        ``points_sql`` (columns ``row_key, pt``; ``row_key`` becomes text).

        Rule: a contribution belongs to the zone containing its point on surface (the
        point itself, or a point on the line or inside the area). Where zones of a layer
        overlap (thin slivers along borders), the lowest zone code wins. A point in
        no zone of the primary layer but within 50 m (Lambert-93) of one (gaps between
        polygons) goes to the nearest; else none.
        """
        self._temp(cur, "_pts", f"SELECT row_key::text AS row_key, pt FROM ({points_sql}) q", params)
        self._index_points(cur)
        self._temp(cur, "_assigned", CONTAINING_ZONES_SQL)
        primary = self._get_meta(cur, "primary_layer")
        cur.execute(
            "INSERT INTO _assigned " + self.dialect.snap,
            [primary, primary, primary, SNAP_TOLERANCE_M],
        )

    def locate(self, geometry: shapely.Geometry) -> dict[str, str]:
        """Zone code of a geometry in each layer; raise if outside the territory."""
        with self._scratch(write=True) as cur:
            self._assign_zones(
                cur,
                f"SELECT 0 AS row_key, ST_PointOnSurface({self.dialect.geom_from_wkb}) AS pt",
                [shapely.to_wkb(geometry)],
            )
            rows = cur.execute("SELECT layer, zone_code FROM _assigned").fetchall()
        found = dict(rows)
        if self.primary_layer() not in found:
            raise OutsideTerritoryError()
        return found

    # -- public positions ---------------------------------------------------------------
    def migrate(self) -> int:
        """Create or upgrade the schema, then give every contribution without one its
        public position (rows stored before public positions existed); return the
        schema version."""
        version = super().migrate()
        with self._write() as cur:
            self._fill_public_positions(cur, only_missing=True)
        return version

    @staticmethod
    def _precision_text(precision: Mapping[str, float]) -> str:
        return json.dumps({k: float(v) for k, v in sorted(precision.items()) if float(v) > 0})

    def _precision(self, cur: C) -> dict[str, float]:
        stored = self._get_meta(cur, "public_precision")
        return dict(DEFAULT_PUBLIC_PRECISION) if stored is None else json.loads(stored)

    def public_precision(self) -> dict[str, float]:
        """Kind → cell in metres of the public positions as stored (kinds absent: exact)."""
        with self._read() as cur:
            return self._precision(cur)

    def set_public_precision(self, precision: Mapping[str, float]) -> int:
        """Make ``precision`` (kind → metres, ``0``: exact) the grid of every public
        position: stored, and when it differs from the one they were computed with,
        every contribution's public position is computed again, in one transaction.
        Return how many were recomputed (``0``: nothing changed)."""
        text = self._precision_text(precision)
        with self._write() as cur:
            if self._precision_text(self._precision(cur)) == text:  # the grid they were made with
                if self._get_meta(cur, "public_precision") is None:
                    self._set_meta(cur, "public_precision", text)
                return 0
            self._set_meta(cur, "public_precision", text)
            return self._fill_public_positions(cur, only_missing=False)

    def _fill_public_positions(self, cur: C, *, only_missing: bool) -> int:
        """Compute and store the public position of the contributions (those without
        one, or all) with the stored precision; return how many."""
        if not self._has_table("contributions"):
            return 0
        rows = cur.execute(
            f"""SELECT id, kind, {self.dialect.as_wkb}(geom) AS wkb FROM contributions
                {"WHERE public_geom IS NULL" if only_missing else ""}"""
        ).fetchall()
        if not rows:
            return 0
        exact = shapely.from_wkb([bytes(r[2]) for r in rows])
        public, lon, lat = public_positions(exact, [r[1] for r in rows], self._precision(cur))
        frame = pd.DataFrame({"id": [r[0] for r in rows], "public_geom": public, "public_lon": lon, "public_lat": lat})
        self._temp(cur, "_public", "SELECT id, public_geom, public_lon, public_lat FROM contributions WHERE false")
        self._insert_frame(cur, "_public", frame)
        cur.execute(
            """UPDATE contributions SET public_geom = p.public_geom, public_lon = p.public_lon,
                      public_lat = p.public_lat
               FROM _public p WHERE contributions.id = p.id"""
        )
        return len(frame)

    # -- contributions ------------------------------------------------------------------
    @abstractmethod
    def _stage_incoming(self, cur: C, frame: pd.DataFrame) -> None:
        """Temporary table ``_in``: the rows of ``frame`` (the columns of
        :meth:`add_contributions`; ``geom`` as shapely geometries)."""

    def add_contributions(
        self, drafts: Sequence[Draft], *, published: bool = True
    ) -> AddResult:
        """Store validated drafts in bulk, with their zones and profiles, in one transaction.

        Drafts without ``source_key`` get a content hash (so a second import of the
        same rows adds nothing). Rows outside the territory are not stored. A draft with
        ``personal_data`` is stored held (unpublished, flagged for an agent) in the same
        transaction: it is never public, not even for an instant. Safe when other
        processes import the same rows at once: each is stored once.
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
                "published": [bool(published and not d.personal_data) for d in drafts],
                "personal_data": [",".join(d.personal_data) or None for d in drafts],
                "geom": geoms,
                "lon": shapely.get_x(centroids),
                "lat": shapely.get_y(centroids),
                "contributor_id": [d.contributor_id for d in drafts],
                "age_band": [d.age_band for d in drafts],
                "csp": [d.csp for d in drafts],
                "home_commune": [d.home_commune for d in drafts],
                "first_time": pd.array([d.first_time for d in drafts], dtype="boolean"),
                "has_profile": [bool(d.has_profile) for d in drafts],
            }
        )
        within = self.dialect.within
        with self._write() as cur:
            # the public position, with the grid stored in this same transaction
            frame["public_geom"], frame["public_lon"], frame["public_lat"] = public_positions(
                geoms, list(frame["kind"]), self._precision(cur))
            self._stage_incoming(cur, frame)
            self._assign_zones(cur, "SELECT pos AS row_key, ST_PointOnSurface(geom) AS pt FROM _in")
            primary = self._get_meta(cur, "primary_layer")
            self._known_keys(cur, list(frame["source_key"]))
            status = cur.execute(
                """SELECT i.pos, i.id,
                          coalesce(k.id, CASE WHEN i.nth > 1 THEN i.first_id END) AS dup_of,
                          a.zone_code IS NULL AS outside
                   FROM (SELECT pos, id, source_key,
                                row_number() OVER (PARTITION BY source_key ORDER BY pos) AS nth,
                                first_value(id) OVER (PARTITION BY source_key ORDER BY pos) AS first_id
                         FROM _in) i
                   LEFT JOIN _known k ON k.source_key = i.source_key
                   LEFT JOIN (SELECT row_key, zone_code FROM _assigned WHERE layer = ?) a
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
                    f"""INSERT INTO contributions
                        (id, source_key, kind, title, text, theme, channel, created_at, published, geom, lon, lat,
                         public_geom, public_lon, public_lat)
                        SELECT id, source_key, kind, title, text, theme, channel, created_at, published, geom, lon, lat,
                               public_geom, public_lon, public_lat
                        FROM _in WHERE {within("pos", "INTEGER")} ORDER BY pos
                        ON CONFLICT DO NOTHING RETURNING id""",
                    [list(candidates)],
                ).fetchall()
            }
            lost = [pos for pos, id_ in candidates.items() if id_ not in inserted]
            if lost:
                keyed = dict(cur.execute(
                    f"""SELECT i.pos, c.id FROM _in i JOIN contributions c ON c.source_key = i.source_key
                        WHERE {within("i.pos", "INTEGER")}""",
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
            self._temp(cur, "_new", "SELECT unnest(?::INTEGER[]) AS pos", [new_positions])
            cur.execute(
                """INSERT INTO contribution_zones
                   SELECT i.id, a.layer, a.zone_code FROM _assigned a JOIN _in i ON a.row_key = i.pos::text
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
                   WHERE personal_data IS NOT NULL AND pos IN (SELECT pos FROM _new)
                   ON CONFLICT (contribution_id) DO UPDATE SET personal_data = excluded.personal_data"""
            )
            new = set(new_positions)
            photos = pd.DataFrame(
                [
                    (result.ids[i], d.extra.get("photo_mime", "image/jpeg"), d.photo)
                    for i, d in enumerate(drafts) if d.photo and i in new
                ],
                columns=["contribution_id", "mime", "data"],
            )
            self._insert_frame(cur, "photos", photos)
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

    def _known_keys(self, cur: C, keys: list[str]) -> None:
        """Temporary table ``_known (source_key, id)``: the stored contributions among
        ``keys``. A few keys are looked up as constants, which the unique index answers
        (a submission costs the same at 1,000 or 1,000,000 contributions; as a join,
        DuckDB scans every stored key); many keys, as one hash join (an import)."""
        keys = sorted(set(keys))
        if len(keys) <= _LOOKUP_MAX:
            marks = ", ".join("?" * len(keys))
            self._temp(cur, "_known", f"SELECT source_key, id FROM contributions WHERE source_key IN ({marks})", keys)
        else:
            self._temp(cur, "_known", """SELECT c.source_key, c.id FROM contributions c
                                         WHERE c.source_key IN (SELECT source_key FROM _in)""")

    def contribution_zone_counts(
        self,
        *,
        kinds: Sequence[str] | None = None,
        themes: Sequence[str] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        published_only: bool = True,
        max_zones: int | None = None,
    ) -> pd.DataFrame:
        """Contributions matching the filters counted by zone of the finest layer
        (zones are assigned at write time: one GROUP BY), with a point inside each zone;
        one row with a null ``code`` for those in no zone of that layer."""
        columns = ["layer", "code", "name", "count", "lon", "lat"]
        layers = self._df(
            """SELECT z.layer, count(*) AS n FROM zones z JOIN zone_layers l ON l.layer = z.layer
               GROUP BY z.layer, l.is_primary ORDER BY count(*) DESC, l.is_primary DESC, z.layer"""
        )
        if layers.empty:
            return pd.DataFrame(columns=columns)
        fitting = layers[layers["n"] <= max_zones] if max_zones is not None else layers
        layer = str((fitting if not fitting.empty else layers).iloc[0 if not fitting.empty else -1]["layer"])
        where, params = self._filters(kinds=kinds, themes=themes, since=since, until=until)
        if published_only:
            where.append("c.published")
        frame = self._df(
            f"""SELECT a.code, z.name, a.n AS count,
                       ST_X(ST_PointOnSurface(z.geom)) AS lon, ST_Y(ST_PointOnSurface(z.geom)) AS lat
                FROM (SELECT cz.zone_code AS code, count(*) AS n
                      FROM contributions c
                      LEFT JOIN contribution_zones cz ON cz.contribution_id = c.id AND cz.layer = ?
                      {"WHERE " + " AND ".join(where) if where else ""}
                      GROUP BY cz.zone_code) a
                LEFT JOIN zones z ON z.layer = ? AND z.code = a.code
                ORDER BY a.n DESC, a.code IS NULL, a.code""",
            [layer, *params, layer],
        )
        frame.insert(0, "layer", layer)
        frame["count"] = frame["count"].astype("int64")
        return frame[columns]

    def contributions(
        self,
        *,
        kinds: Sequence[str] | None = None,
        themes: Sequence[str] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        published_only: bool = True,
        limit: int | None = None,
        search: str = "",
    ) -> gpd.GeoDataFrame:
        """Public fields of contributions with their primary zone, newest first. WGS84.

        The geometry and ``lon``/``lat`` are the *public* position (snapped to the grid
        of the kind's public precision, rounded): never the exact one. ``search``: words
        that must all appear in the title or the text, without accents or case."""
        where, params = self._filters(kinds=kinds, themes=themes, since=since, until=until)
        if published_only:
            where.append("c.published")
        words = textsearch.normalise(search).split()
        if words:
            folded = fold_sql("(coalesce(c.title, '') || ' ' || coalesce(c.text, ''))")
            where += [f"{folded} LIKE (?)" for _ in words]
            params += [f"%{w}%" for w in words]
        sql = f"""
            SELECT c.id, c.kind, c.title, c.text, c.theme, c.channel, c.created_at, c.status,
                   {self.dialect.latest_answer} AS answer,
                   (SELECT count(*) FROM supports s WHERE s.contribution_id = c.id) AS supports,
                   c.public_lon AS lon, c.public_lat AS lat, cz.zone_code, z.name AS zone_name,
                   {self.dialect.as_wkb}(c.public_geom) AS wkb
            FROM contributions c {PRIMARY_ZONE_JOIN}
            {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY c.created_at DESC, c.id
            {"LIMIT " + str(int(limit)) if limit else ""}"""
        return to_geodataframe(self._df(sql, params))

    def _filters(
        self,
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
                where.append(self.dialect.within(f"{alias}.{column}"))
                params.append([str(v) for v in values])
        if since is not None:
            where.append(f"{alias}.created_at >= ?")
            params.append(utc_naive(since))
        if until is not None:
            where.append(f"{alias}.created_at < ?")
            params.append(utc_naive(until))
        return where, params

    def contribution(self, contribution_id: str) -> dict[str, object] | None:
        """Public fields of one contribution (``lon``/``lat``: its public position), or ``None``."""
        frame = self._df(
            f"""SELECT c.id, c.kind, c.title, c.text, c.theme, c.channel, c.created_at, c.status,
                       c.published, c.public_lon AS lon, c.public_lat AS lat, cz.zone_code
                FROM contributions c {PRIMARY_ZONE_JOIN}
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
        public answer (``answer``) and its time (``answered_at``, naive UTC), its
        « moi aussi » count (``supports``), the service in charge (``service``) and the
        participation level (``level``) agents set (``None`` until set), public
        position (geometry, ``lon``/``lat``, ``wkt``: snapped and rounded as
        :meth:`contributions`) and zone code.

        Never any profile field, never the exact position.
        """
        frame = self._df(
            f"""SELECT c.id, c.kind, c.title, c.text, c.theme, c.channel,
                       {self.dialect.iso_utc} AS created_at, c.status,
                       {self.dialect.latest_answer} AS answer,
                       (SELECT max(h.changed_at) FROM status_history h
                        WHERE h.contribution_id = c.id) AS answered_at,
                       (SELECT count(*) FROM supports s WHERE s.contribution_id = c.id) AS supports,
                       hd.service, hd.level,
                       cz.zone_code, z.name AS zone_name, c.public_lon AS lon, c.public_lat AS lat,
                       ST_AsText(c.public_geom) AS wkt, {self.dialect.as_wkb}(c.public_geom) AS wkb
                FROM contributions c
                LEFT JOIN handling hd ON hd.contribution_id = c.id
                {PRIMARY_ZONE_JOIN}
                WHERE c.published
                ORDER BY c.created_at, c.id"""
        )
        return to_geodataframe(frame)
