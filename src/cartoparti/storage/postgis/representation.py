"""PostGIS port of :mod:`cartoparti.storage.duckdb.representation`: the same selection
(temporary tables dropped at the end of the call), the same counts.

A contributor's latest declared attribute is the one of their newest contribution
in the selection; on equal timestamps, the greatest ``md5(id)`` wins (DuckDB uses
its own hash there: ties between *different* declarations of one contributor at the
very same instant may resolve differently on the two backends).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import pandas as pd
import psycopg

from cartoparti.storage.common import NEIGHBOUR_TOLERANCE_DEG, Filters, _basis, totals_for
from cartoparti.storage.postgis.core import frame_of

__all__ = ["PostgisRepresentation"]

_L93 = 2154


class _Selection:
    """What ``_selection`` yields: ``execute(sql, params).df()``, as a DuckDB cursor."""

    def __init__(self, cur: psycopg.Cursor) -> None:
        self.cur = cur

    def execute(self, sql: str, params: Sequence[object] | None = None) -> _Selection:
        self.cur.execute(sql, list(params) if params else None)
        return self

    def df(self) -> pd.DataFrame:
        return frame_of(self.cur)

    def fetchall(self) -> list[tuple]:
        return self.cur.fetchall()


class PostgisRepresentation:
    """Counts of contributors by zone, public, channel and hexagon (mixin)."""

    def _has_table(self, name: str) -> bool:
        return bool(self._scalar("SELECT to_regclass(%s) IS NOT NULL", [name]))  # type: ignore[attr-defined]

    @contextmanager
    def _selection(
        self,
        filters: Filters | None,
        *,
        basis: str | None = None,
        layer: str | None = None,
        people: bool = True,
        long: bool = True,
    ) -> Iterator[_Selection]:
        """The selection as temporary tables ``sel``, ``people``, ``people_long`` and
        ``units`` (see the DuckDB side), in a transaction rolled back at the end."""
        where, params = self._filters(**dict(filters or {}))  # type: ignore[attr-defined]
        if self._has_table("handling"):
            where.append(
                "c.id NOT IN (SELECT contribution_id FROM handling WHERE hidden AND merged_into IS NULL)"
            )
        with self._read() as cur, cur.connection.transaction(force_rollback=True):  # type: ignore[attr-defined]
            cur.execute(
                "DROP TABLE IF EXISTS pg_temp.sel; DROP TABLE IF EXISTS pg_temp.people; "
                "DROP TABLE IF EXISTS pg_temp.people_long; DROP TABLE IF EXISTS pg_temp.units"
            )
            cur.execute(
                f"""CREATE TEMP TABLE sel ON COMMIT DROP AS
                    SELECT c.id, c.channel, c.theme, c.created_at,
                           coalesce(p.contributor_id, 'c:' || c.id) AS who,
                           p.age_band, p.csp, p.home_commune
                    FROM contributions c LEFT JOIN profiles p ON p.contribution_id = c.id
                    {"WHERE " + " AND ".join(where) if where else ""}""",
                params or None,
            )
            if people or long or basis == "home":
                cur.execute(
                    """CREATE TEMP TABLE people ON COMMIT DROP AS
                       SELECT who,
                              (array_agg(age_band ORDER BY created_at DESC, md5(id) DESC)
                                   FILTER (WHERE age_band IS NOT NULL))[1] AS age_band,
                              (array_agg(csp ORDER BY created_at DESC, md5(id) DESC)
                                   FILTER (WHERE csp IS NOT NULL))[1] AS csp,
                              (array_agg(home_commune ORDER BY created_at DESC, md5(id) DESC)
                                   FILTER (WHERE home_commune IS NOT NULL))[1] AS home_commune
                       FROM sel GROUP BY who"""
                )
            if long:
                cur.execute(
                    """CREATE TEMP TABLE people_long ON COMMIT DROP AS
                       SELECT pe.who, v.dimension, v.grp
                       FROM people pe
                       CROSS JOIN LATERAL (VALUES ('age_band'::text COLLATE "C", pe.age_band),
                                                  ('csp'::text COLLATE "C", pe.csp)) v(dimension, grp)
                       WHERE v.grp IS NOT NULL
                         AND NOT (v.dimension = 'csp' AND coalesce(pe.age_band, '') = '0-14')"""
                )
            if basis is not None:
                cur.execute(_UNITS[_basis(basis)], [layer])
            yield _Selection(cur)

    def _run(
        self, filters: Filters | None, basis: str | None, layer: str | None, body: str,
        params: Sequence[object] = (), *, people: bool = True, long: bool = True,
    ) -> pd.DataFrame:
        with self._selection(filters, basis=basis, layer=layer, people=people, long=long) as cur:
            return cur.execute(body, list(params)).df()

    def representation_counts(
        self,
        *,
        basis: str = "place",
        layer: str | None = None,
        filters: Filters | None = None,
        parts: Sequence[str] | None = None,
    ) -> dict[str, pd.DataFrame]:
        """Counts of a representation report (see the DuckDB side)."""
        layer = layer or self.primary_layer()  # type: ignore[attr-defined]
        wanted = list(parts or _PARTS)
        unknown = set(wanted) - set(_PARTS)
        if unknown:
            raise ValueError(f"unknown parts: {sorted(unknown)}")
        long = bool(set(wanted) & {"publics", "declared", "zone_publics", "channels"})
        people = long or bool(set(wanted) & {"totals", "theme_zone_age"})
        with self._selection(filters, basis=basis, layer=layer, people=people, long=long) as cur:
            out = {}
            for part in wanted:
                sql, n = _PARTS[part]
                if part == "totals" and basis == "place":
                    sql, n = _TOTALS_FROM_PLACE_UNITS, 2
                out[part] = cur.execute(sql, [layer] * n).df()
            return out

    def contributions_fingerprint(self) -> str:
        """A short text that changes whenever what the analyses see may have changed."""
        parts = ["(SELECT count(*) FROM contributions)", "(SELECT max(created_at) FROM contributions)",
                 "(SELECT count(*) FROM profiles)"]
        for table in ("audit_log", "handling"):
            if self._has_table(table):
                parts.append(f"(SELECT count(*) FROM {table})")
        row = self._df("SELECT " + ", ".join(f"{p} AS c{i}" for i, p in enumerate(parts))).iloc[0]  # type: ignore[attr-defined]
        return "|".join(str(v) for v in row.tolist())

    def zone_attributes(self, layer: str | None = None) -> pd.DataFrame:
        layer = layer or self.primary_layer()  # type: ignore[attr-defined]
        return self._df(  # type: ignore[attr-defined]
            "SELECT code, name, population, has_breakdown FROM zones WHERE layer = %s ORDER BY code",
            [layer],
        )

    def zone_contributors(
        self, *, basis: str = "place", layer: str | None = None, filters: Filters | None = None
    ) -> pd.DataFrame:
        layer = layer or self.primary_layer()  # type: ignore[attr-defined]
        return self._run(filters, basis, layer, _ZONE_COUNTS, people=False, long=False)

    def contributor_totals(
        self, *, basis: str = "place", layer: str | None = None, filters: Filters | None = None
    ) -> dict[str, int]:
        layer = layer or self.primary_layer()  # type: ignore[attr-defined]
        totals = self._run(filters, None, None, _TOTALS, [layer, layer, layer], long=False)
        return totals_for(totals, _basis(basis))

    def zone_neighbours(self, layer: str | None = None) -> pd.DataFrame:
        layer = layer or self.primary_layer()  # type: ignore[attr-defined]
        pairs = self._df(  # type: ignore[attr-defined]
            """WITH z AS MATERIALIZED (SELECT code, geom FROM zones WHERE layer = %s)
               SELECT a.code AS code, b.code AS neighbour
               FROM z a JOIN z b ON ST_DWithin(a.geom, b.geom, %s) AND a.code <> b.code""",
            [layer, NEIGHBOUR_TOLERANCE_DEG],
        )
        pairs = pairs[pairs["code"] != pairs["neighbour"]]
        return pairs.sort_values(["code", "neighbour"]).reset_index(drop=True)

    def group_population(self, layer: str | None = None) -> pd.DataFrame:
        layer = layer or self.primary_layer()  # type: ignore[attr-defined]
        return self._df(  # type: ignore[attr-defined]
            """SELECT zp.code AS zone_code, zp.dimension, zp.grp, zp.population
               FROM zone_population zp JOIN zones z ON z.layer = zp.layer AND z.code = zp.code
               WHERE zp.layer = %s AND z.has_breakdown ORDER BY 1, 2, 3, 4""",
            [layer],
        )

    def public_contributors(
        self, *, basis: str = "place", layer: str | None = None, filters: Filters | None = None
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        layer = layer or self.primary_layer()  # type: ignore[attr-defined]
        with self._selection(filters, basis=basis, layer=layer) as cur:
            return (
                cur.execute(_PUBLIC_COUNTS, [layer]).df(),
                cur.execute(_PUBLIC_DECLARED, [layer]).df(),
            )

    def zone_public_contributors(
        self, *, basis: str = "place", layer: str | None = None, filters: Filters | None = None
    ) -> pd.DataFrame:
        layer = layer or self.primary_layer()  # type: ignore[attr-defined]
        return self._run(filters, basis, layer, _ZONE_PUBLIC_COUNTS, [layer])

    def channel_contributors(
        self, *, layer: str | None = None, filters: Filters | None = None
    ) -> pd.DataFrame:
        layer = layer or self.primary_layer()  # type: ignore[attr-defined]
        return self._run(filters, None, None, _CHANNEL_COUNTS, [layer, layer])

    def theme_zone_age_counts(
        self, *, layer: str | None = None, filters: Filters | None = None
    ) -> pd.DataFrame:
        layer = layer or self.primary_layer()  # type: ignore[attr-defined]
        return self._run(filters, None, None, _THEME_ZONE_AGE, [layer], long=False)

    def hexagon_contributors(self, size_m: float, *, filters: Filters | None = None) -> pd.DataFrame:
        if not size_m > 0:
            raise ValueError("size_m must be positive")
        return self._run(
            filters, None, None, _HEXAGONS, [float(size_m), float(size_m)], people=False, long=False
        )


_UNITS = {
    "place": """CREATE TEMP TABLE units ON COMMIT DROP AS
                SELECT DISTINCT s.who, cz.zone_code
                FROM sel s JOIN contribution_zones cz ON cz.contribution_id = s.id
                WHERE cz.layer = %s""",
    "home": """CREATE TEMP TABLE units ON COMMIT DROP AS
               SELECT pe.who, z.code AS zone_code
               FROM people pe JOIN zones z ON z.code = pe.home_commune
               WHERE z.layer = %s""",
}

_ZONE_COUNTS = "SELECT zone_code, count(*) AS contributors FROM units GROUP BY zone_code ORDER BY zone_code"

_TOTALS = """
    SELECT (SELECT count(*) FROM people) AS contributors,
           (SELECT count(DISTINCT s.who) FROM sel s
                JOIN contribution_zones cz ON cz.contribution_id = s.id WHERE cz.layer = %s) AS placed_place,
           (SELECT count(*) FROM people
                WHERE home_commune IN (SELECT code FROM zones WHERE layer = %s)) AS placed_home,
           (SELECT count(*) FROM people WHERE home_commune IS NULL) AS no_home,
           (SELECT count(*) FROM people WHERE home_commune IS NOT NULL
                AND home_commune NOT IN (SELECT code FROM zones WHERE layer = %s)) AS home_outside"""

_TOTALS_FROM_PLACE_UNITS = """
    SELECT (SELECT count(*) FROM people) AS contributors,
           (SELECT count(DISTINCT who) FROM units) AS placed_place,
           (SELECT count(*) FROM people
                WHERE home_commune IN (SELECT code FROM zones WHERE layer = %s)) AS placed_home,
           (SELECT count(*) FROM people WHERE home_commune IS NULL) AS no_home,
           (SELECT count(*) FROM people WHERE home_commune IS NOT NULL
                AND home_commune NOT IN (SELECT code FROM zones WHERE layer = %s)) AS home_outside"""

_INSIDE = """
    WITH inside AS (
        SELECT DISTINCT u.who FROM units u
        JOIN zones z ON z.layer = %s AND z.code = u.zone_code AND z.has_breakdown
    )"""

_PUBLIC_COUNTS = _INSIDE + """
    SELECT pl.dimension, pl.grp, count(*) AS contributors
    FROM inside i JOIN people_long pl ON pl.who = i.who
    GROUP BY 1, 2 ORDER BY 1, 2, 3"""

_PUBLIC_DECLARED = _INSIDE + """
    SELECT d.dimension, (SELECT count(*) FROM inside) AS contributors,
           count(DISTINCT pl.who) AS declared
    FROM (VALUES ('age_band'::text COLLATE "C"), ('csp')) d(dimension)
    LEFT JOIN (SELECT pl.* FROM people_long pl JOIN inside i ON i.who = pl.who) pl
           ON pl.dimension = d.dimension
    GROUP BY d.dimension ORDER BY d.dimension"""

_ZONE_PUBLIC_COUNTS = """
    SELECT u.zone_code, pl.dimension, pl.grp, count(*) AS contributors
    FROM units u
    JOIN zones z ON z.layer = %s AND z.code = u.zone_code AND z.has_breakdown
    JOIN people_long pl ON pl.who = u.who
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3, 4"""

_CHANNEL_COUNTS = """
    WITH placed AS (
        SELECT DISTINCT s.channel, s.who, cz.zone_code
        FROM sel s JOIN contribution_zones cz ON cz.contribution_id = s.id AND cz.layer = %s
    )
    SELECT channel, 'all'::text COLLATE "C" AS dimension, 'all'::text COLLATE "C" AS grp,
           count(DISTINCT who) AS contributors
    FROM sel GROUP BY channel
    UNION ALL
    SELECT channel, 'zone', zone_code, count(*) FROM placed GROUP BY channel, zone_code
    UNION ALL
    SELECT p.channel, pl.dimension, pl.grp, count(DISTINCT p.who)
    FROM placed p
    JOIN zones z ON z.layer = %s AND z.code = p.zone_code AND z.has_breakdown
    JOIN people_long pl ON pl.who = p.who
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3, 4"""

_THEME_ZONE_AGE = """
    SELECT s.theme, cz.zone_code, pe.age_band, count(*) AS contributions
    FROM sel s
    LEFT JOIN contribution_zones cz ON cz.contribution_id = s.id AND cz.layer = %s
    JOIN people pe ON pe.who = s.who
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3, 4"""

# round() on numeric rounds half away from zero, as DuckDB's round on doubles
_HEXAGONS = f"""
    WITH pts AS (
        SELECT s.who, ST_Transform(ST_PointOnSurface(c.geom), {_L93}) AS p
        FROM sel s JOIN contributions c ON c.id = s.id
    ),
    axial AS (
        SELECT who, (sqrt(3) / 3 * ST_X(p) - ST_Y(p) / 3) / %s AS qf, (2.0 / 3 * ST_Y(p)) / %s AS rf
        FROM pts
    ),
    rounded AS (
        SELECT who, qf, rf, -qf - rf AS sf, round(qf::numeric)::float8 AS q0,
               round(rf::numeric)::float8 AS r0, round((-qf - rf)::numeric)::float8 AS s0
        FROM axial
    ),
    cells AS (
        SELECT who,
               CASE WHEN abs(q0 - qf) > abs(r0 - rf) AND abs(q0 - qf) > abs(s0 - sf)
                    THEN -r0 - s0 ELSE q0 END AS q,
               CASE WHEN abs(q0 - qf) > abs(r0 - rf) AND abs(q0 - qf) > abs(s0 - sf) THEN r0
                    WHEN abs(r0 - rf) > abs(s0 - sf) THEN -q0 - s0 ELSE r0 END AS r
        FROM rounded
    )
    SELECT q::bigint AS q, r::bigint AS r, count(DISTINCT who) AS contributors,
           count(*) AS contributions
    FROM cells GROUP BY 1, 2 ORDER BY 1, 2, 3, 4"""

_PARTS: dict[str, tuple[str, int]] = {
    "zones": (_ZONE_COUNTS, 0),
    "totals": (_TOTALS, 3),
    "publics": (_PUBLIC_COUNTS, 1),
    "declared": (_PUBLIC_DECLARED, 1),
    "zone_publics": (_ZONE_PUBLIC_COUNTS, 1),
    "channels": (_CHANNEL_COUNTS, 2),
    "theme_zone_age": (_THEME_ZONE_AGE, 1),
}
