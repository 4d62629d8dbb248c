"""What differs between the SQL of the two backends, as small fragments.

The shared queries (:mod:`cartoparti.storage.sql`) are written once, with ``?``
placeholders (the PostGIS cursor turns them into psycopg's ``%s``); where DuckDB and
PostgreSQL spell a thing differently, they ask their :class:`Dialect`.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DUCKDB", "POSTGIS", "Dialect"]


@dataclass(frozen=True)
class Dialect:
    as_wkb: str
    """The function giving the WKB of a geometry (``ST_AsWKB`` / ``ST_AsBinary``)."""
    geom_from_wkb: str
    """A WGS84 geometry from a WKB parameter: the expression, with its ``?``."""
    l93: str
    """The arguments of ``ST_Transform`` after the geometry: WGS84 → Lambert-93."""
    latest_answer: str
    """The latest public message of contribution ``c`` (a scalar subquery)."""
    iso_utc: str
    """``created_at`` of ``c`` as ``YYYY-MM-DDTHH:MM:SSZ``."""
    in_array: str
    """``{expr}`` is one of the values of a list parameter ``?`` of ``{type}``."""
    round: str
    """``{}`` rounded half away from zero, as a double."""
    people: str
    """The selection's contributors, one row each, with their latest declared attributes."""
    people_long: str
    """The selection's contributors, dimension and group (the census' CSP from 15 years)."""
    snap: str
    """The points of ``_pts`` in no zone of the primary layer but within
    ``SNAP_TOLERANCE_M`` of one, with the nearest (params: primary ×3, tolerance)."""
    explain_column: int
    """Where ``EXPLAIN`` puts the plan text in its rows."""
    schema: str
    """The schema holding cartoparti's tables."""
    consistent_reads: str
    """The statement that makes a transaction read one snapshot throughout ('' if it does)."""
    advance_id: str
    """Make the next ``id`` of ``{table}`` (its sequence ``{sequence}``) exceed ``?``."""

    def within(self, expr: str, type_: str = "VARCHAR") -> str:
        """``expr`` is one of the values of a list parameter (``?``)."""
        return self.in_array.format(expr=expr, type=type_)

    def to_l93(self, expr: str) -> str:
        return f"ST_Transform({expr}, {self.l93})"


_DUCKDB_L93 = "'EPSG:4326', 'EPSG:2154', always_xy := true"

DUCKDB = Dialect(
    as_wkb="ST_AsWKB",
    geom_from_wkb="ST_GeomFromWKB(?)",
    l93=_DUCKDB_L93,
    latest_answer="""(SELECT arg_max(h.message, h.id) FROM status_history h
                      WHERE h.contribution_id = c.id)""",
    iso_utc="strftime(c.created_at, '%Y-%m-%dT%H:%M:%SZ')",
    in_array="{expr} IN (SELECT unnest(?::{type}[]))",
    round="round({})",
    # latest = greatest (timestamp, hash of the id): deterministic on ties
    people="""SELECT who,
                     arg_max(age_band, k) FILTER (WHERE age_band IS NOT NULL) AS age_band,
                     arg_max(csp, k) FILTER (WHERE csp IS NOT NULL) AS csp,
                     arg_max(home_commune, k) FILTER (WHERE home_commune IS NOT NULL) AS home_commune
              FROM (SELECT who, age_band, csp, home_commune,
                           epoch_us(created_at)::HUGEINT * 18446744073709551616 + hash(id) AS k
                    FROM sel)
              GROUP BY who""",
    people_long="""SELECT who, dimension, grp FROM (
                       UNPIVOT (SELECT who, age_band, csp, age_band AS age FROM people)
                       ON age_band, csp INTO NAME dimension VALUE grp)
                   WHERE NOT (dimension = 'csp' AND coalesce(age, '') = '0-14')""",
    snap=f"""SELECT row_key, ?, arg_min(code, d) FROM (
                SELECT p.row_key, z.code,
                       ST_Distance(ST_Transform(z.geom, {_DUCKDB_L93}), ST_Transform(p.pt, {_DUCKDB_L93})) AS d
                FROM (SELECT * FROM _pts WHERE row_key NOT IN
                        (SELECT row_key FROM _assigned WHERE layer = ?)) p,
                     (SELECT code, geom FROM zones WHERE layer = ?) z
                WHERE ST_DWithin(z.geom, p.pt, 0.002)
            ) WHERE d <= ? GROUP BY row_key""",
    explain_column=1,
    schema="main",
    consistent_reads="",  # a DuckDB transaction reads one snapshot
    # DuckDB has no setval: draw the sequence forward
    advance_id="SELECT max(nextval('{sequence}')) FROM range(?)",
)
"""DuckDB with its spatial extension."""

POSTGIS = Dialect(
    as_wkb="ST_AsBinary",
    geom_from_wkb="ST_GeomFromWKB(?, 4326)",
    l93="2154",
    latest_answer="""(SELECT h.message FROM status_history h WHERE h.contribution_id = c.id
                      ORDER BY h.id DESC LIMIT 1)""",
    iso_utc="""to_char(c.created_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')""",
    in_array="{expr} = ANY(?)",
    round="round(({})::numeric)::float8",  # on numeric, half away from zero, as DuckDB on doubles
    # on equal timestamps, the greatest md5(id) wins (DuckDB uses its own hash there: ties
    # between *different* declarations of one contributor at the very same instant may
    # resolve differently on the two backends)
    people="""SELECT who,
                     (array_agg(age_band ORDER BY created_at DESC, md5(id) DESC)
                          FILTER (WHERE age_band IS NOT NULL))[1] AS age_band,
                     (array_agg(csp ORDER BY created_at DESC, md5(id) DESC)
                          FILTER (WHERE csp IS NOT NULL))[1] AS csp,
                     (array_agg(home_commune ORDER BY created_at DESC, md5(id) DESC)
                          FILTER (WHERE home_commune IS NOT NULL))[1] AS home_commune
              FROM sel GROUP BY who""",
    people_long="""SELECT pe.who, v.dimension, v.grp
                   FROM people pe
                   CROSS JOIN LATERAL (VALUES ('age_band'::text COLLATE "C", pe.age_band),
                                              ('csp'::text COLLATE "C", pe.csp)) v(dimension, grp)
                   WHERE v.grp IS NOT NULL
                     AND NOT (v.dimension = 'csp' AND coalesce(pe.age_band, '') = '0-14')""",
    snap="""SELECT DISTINCT ON (row_key) row_key, ?, code FROM (
                SELECT p.row_key, z.code,
                       ST_Distance(ST_Transform(z.geom, 2154), ST_Transform(p.pt, 2154)) AS d
                FROM _pts p JOIN zones z ON z.layer = ? AND ST_DWithin(z.geom, p.pt, 0.002)
                WHERE NOT EXISTS (SELECT 1 FROM _assigned a
                                  WHERE a.row_key = p.row_key AND a.layer = ?)
            ) s
            WHERE d <= ? ORDER BY row_key, d, code""",
    explain_column=0,
    schema="public",
    consistent_reads="SET TRANSACTION ISOLATION LEVEL REPEATABLE READ",
    advance_id="SELECT setval(pg_get_serial_sequence('{table}', 'id'), greatest(?, 1))",
)
"""PostgreSQL with PostGIS (through psycopg 3)."""
