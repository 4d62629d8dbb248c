"""SQL of the representation analyses: who took part, where, through which channel.

Every query starts from the same selection of contributions (filters by kind,
theme, channel and period; contributions hidden by moderation left out, but not
duplicates merged into another) and the
same notion of a *contributor*: a distinct ``contributor_id``, or the
contribution itself when it has none. A contributor's age band, category and
commune of residence are the latest ones they declared within the selection.

Two *bases* place contributors in zones:

- ``place``: the zones where they pinned their contributions (stored
  assignment, ``contribution_zones``); one contributor counts once per zone;
- ``home``: their declared commune of residence, matched to the zone codes of
  the layer (communes); contributors without one are left out.

Everything is a group-by in the database: no Python loop over contributions.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import pandas as pd

from cartoparti.storage.common import NEIGHBOUR_TOLERANCE_DEG, Filters, _basis
from cartoparti.storage.sql.core import NEIGHBOURS_SQL, CoreQueries
from cartoparti.storage.sql.session import C

__all__ = ["NEIGHBOURS_SQL", "RepresentationQueries"]


# The bare ON condition lets DuckDB plan a SPATIAL_JOIN (an R-tree); any further
# condition (even ``a.code <> b.code`` after the join) turns it into a nested loop,
# so each zone's pair with itself is dropped afterwards.


class RepresentationQueries(CoreQueries[C]):
    """Counts of contributors by zone, public, channel and hexagon."""

    # -- building blocks ------------------------------------------------------------

    @contextmanager
    def _selection(
        self,
        filters: Filters | None,
        *,
        basis: str | None = None,
        layer: str | None = None,
        people: bool = True,
        long: bool = True,
    ) -> Iterator[C]:
        """A cursor holding the selection as temporary tables (private to the cursor,
        gone with it):

        - ``sel``: selected contributions with their contributor key ``who`` and profile;
        - ``people``: one row per contributor with the latest declared attributes;
        - ``people_long``: contributor, dimension, group (CSP only for people not
          declared aged 0-14, as the census counts categories from 15 years);
        - ``units`` (with a basis): each contributor in each zone of ``layer``.

        Materialised once, they serve every query of a report; ``people`` and
        ``people_long`` only when asked (or needed by the home basis).
        """
        where, params = self._filters(**dict(filters or {}))
        if self._has_table("handling"):
            # hidden by moderation (spam, abuse) is not participation; a duplicate merged
            # into another contribution still comes from a person who took part
            where.append(
                "c.id NOT IN (SELECT contribution_id FROM handling WHERE hidden AND merged_into IS NULL)"
            )
        with self._scratch() as cur:
            self._temp(
                cur,
                "sel",
                f"""SELECT c.id, c.channel, c.theme, c.created_at,
                           coalesce(p.contributor_id, 'c:' || c.id) AS who,
                           p.age_band, p.csp, p.home_commune
                    FROM contributions c LEFT JOIN profiles p ON p.contribution_id = c.id
                    {"WHERE " + " AND ".join(where) if where else ""}""",
                params,
            )
            if people or long or basis == "home":
                self._temp(cur, "people", self.dialect.people)
            if long:
                self._temp(cur, "people_long", self.dialect.people_long)
            if basis is not None:
                self._temp(cur, "units", _UNITS[_basis(basis)], [layer])
            yield cur

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
        """Counts of a representation report (all, or those named in ``parts``), from
        one materialised selection.

        Keys: ``zones`` (``zone_code, contributors``: contributors per zone of ``layer``,
        zones with at least one only), ``totals`` (one row, both bases: ``contributors,
        placed_place, placed_home, no_home, home_outside``), ``publics`` (``dimension, grp,
        contributors``: contributors of the zones with a breakdown, each in their latest
        declared group), ``declared`` (``dimension, contributors, declared``: how many of
        those declared the dimension), ``zone_publics`` (``zone_code, dimension, grp,
        contributors``, non-zero cells only), ``channels`` (``channel, dimension, grp,
        contributors``: distinct contributors reached by each channel, place basis, where
        ``dimension`` is ``all``, ``zone`` or ``age_band`` / ``csp``) and
        ``theme_zone_age`` (``theme, zone_code, age_band, contributions``: contributions,
        not contributors, per theme, zone where pinned and declared age band; null when
        outside the layer or not declared).
        """
        layer = layer or self.primary_layer()
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
        """A short text that changes whenever what the analyses see may have changed
        (new or deleted contributions and profiles, agents' changes), for caches."""
        parts = ["(SELECT count(*) FROM contributions)", "(SELECT max(created_at) FROM contributions)",
                 "(SELECT count(*) FROM profiles)"]
        for table in ("audit_log", "handling"):
            if self._has_table(table):
                parts.append(f"(SELECT count(*) FROM {table})")
        row = self._df("SELECT " + ", ".join(f"{p} AS c{i}" for i, p in enumerate(parts))).iloc[0]
        return "|".join(str(v) for v in row.tolist())

    # -- zones ------------------------------------------------------------------------
    def zone_attributes(self, layer: str | None = None) -> pd.DataFrame:
        """Zones of a layer without geometry: ``code, name, population, has_breakdown``,
        sorted by code."""
        layer = layer or self.primary_layer()
        return self._df(
            """SELECT code, name, population, has_breakdown FROM zones
               WHERE layer = ? ORDER BY code""",
            [layer],
        )

    def zone_neighbours(self, layer: str | None = None) -> pd.DataFrame:
        """Pairs of neighbouring zones ``code, neighbour`` (both directions): zones
        that touch or lie within :data:`NEIGHBOUR_TOLERANCE_DEG` of each other."""
        layer = layer or self.primary_layer()
        if self.get_meta("zone_neighbours") == "stored":  # computed when the territory loaded
            return self._df(
                "SELECT code, neighbour FROM zone_neighbours WHERE layer = ? ORDER BY code, neighbour", [layer]
            )
        # a territory loaded by an older version: computed here until the next init
        pairs = self._df(NEIGHBOURS_SQL, [layer, layer, NEIGHBOUR_TOLERANCE_DEG])[["code", "neighbour"]]
        pairs = pairs[pairs["code"] != pairs["neighbour"]]
        return pairs.sort_values(["code", "neighbour"]).reset_index(drop=True)

    # -- publics ----------------------------------------------------------------------
    def group_population(self, layer: str | None = None) -> pd.DataFrame:
        """Census population of the zones with a breakdown, per zone and group:
        ``zone_code, dimension, grp, population``."""
        layer = layer or self.primary_layer()
        return self._df(
            """SELECT zp.code AS zone_code, zp.dimension, zp.grp, zp.population
               FROM zone_population zp JOIN zones z ON z.layer = zp.layer AND z.code = zp.code
               WHERE zp.layer = ? AND z.has_breakdown ORDER BY 1, 2, 3, 4""",
            [layer],
        )

    # -- hexagons ---------------------------------------------------------------------
    def hexagon_contributors(self, size_m: float, *, filters: Filters | None = None) -> pd.DataFrame:
        """Contributors and contributions per hexagon of a pointy-top grid in
        Lambert-93 (EPSG:2154) whose side is ``size_m`` metres, centred on the
        origin of the projection.

        Returns ``q, r, contributors, contributions`` (axial coordinates: the centre
        of hexagon (q, r) is ``x = size·√3·(q + r/2)``, ``y = size·3/2·r``). Each
        contribution counts at its point on surface.
        """
        if not size_m > 0:
            raise ValueError("size_m must be positive")
        d = self.dialect
        sql = _HEXAGONS.format(
            l93_point=d.to_l93("ST_PointOnSurface(c.geom)"),
            q0=d.round.format("qf"), r0=d.round.format("rf"), s0=d.round.format("-qf - rf"),
        )
        return self._run(filters, None, None, sql, [float(size_m), float(size_m)], people=False, long=False)


# -- SQL over the temporary tables of ``_selection`` ---------------------------------------
_UNITS = {
    "place": """SELECT DISTINCT s.who, cz.zone_code
                FROM sel s JOIN contribution_zones cz ON cz.contribution_id = s.id
                WHERE cz.layer = ?""",
    "home": """SELECT pe.who, z.code AS zone_code
               FROM people pe JOIN zones z ON z.code = pe.home_commune
               WHERE z.layer = ?""",
}

_ZONE_COUNTS = "SELECT zone_code, count(*) AS contributors FROM units GROUP BY zone_code ORDER BY zone_code"

_HOME_TOTALS = """
           (SELECT count(*) FROM people
                WHERE home_commune IN (SELECT code FROM zones WHERE layer = ?)) AS placed_home,
           (SELECT count(*) FROM people WHERE home_commune IS NULL) AS no_home,
           (SELECT count(*) FROM people WHERE home_commune IS NOT NULL
                AND home_commune NOT IN (SELECT code FROM zones WHERE layer = ?)) AS home_outside"""

_TOTALS = """
    SELECT (SELECT count(*) FROM people) AS contributors,
           (SELECT count(DISTINCT s.who) FROM sel s
                JOIN contribution_zones cz ON cz.contribution_id = s.id WHERE cz.layer = ?) AS placed_place,
""" + _HOME_TOTALS

_TOTALS_FROM_PLACE_UNITS = """
    SELECT (SELECT count(*) FROM people) AS contributors,
           (SELECT count(DISTINCT who) FROM units) AS placed_place,
""" + _HOME_TOTALS

_INSIDE = """
    WITH inside AS (
        SELECT DISTINCT u.who FROM units u
        JOIN zones z ON z.layer = ? AND z.code = u.zone_code AND z.has_breakdown
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
    JOIN zones z ON z.layer = ? AND z.code = u.zone_code AND z.has_breakdown
    JOIN people_long pl ON pl.who = u.who
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3, 4"""

_CHANNEL_COUNTS = """
    WITH placed AS (
        SELECT DISTINCT s.channel, s.who, cz.zone_code
        FROM sel s JOIN contribution_zones cz ON cz.contribution_id = s.id AND cz.layer = ?
    )
    SELECT channel, 'all'::text COLLATE "C" AS dimension, 'all'::text COLLATE "C" AS grp,
           count(DISTINCT who) AS contributors
    FROM sel GROUP BY channel
    UNION ALL
    SELECT channel, 'zone', zone_code, count(*) FROM placed GROUP BY channel, zone_code
    UNION ALL
    SELECT p.channel, pl.dimension, pl.grp, count(DISTINCT p.who)
    FROM placed p
    JOIN zones z ON z.layer = ? AND z.code = p.zone_code AND z.has_breakdown
    JOIN people_long pl ON pl.who = p.who
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3, 4"""

_THEME_ZONE_AGE = """
    SELECT s.theme, cz.zone_code, pe.age_band, count(*) AS contributions
    FROM sel s
    LEFT JOIN contribution_zones cz ON cz.contribution_id = s.id AND cz.layer = ?
    JOIN people pe ON pe.who = s.who
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3, 4"""

_HEXAGONS = """
    WITH pts AS (
        SELECT s.who, {l93_point} AS p
        FROM sel s JOIN contributions c ON c.id = s.id
    ),
    axial AS (
        SELECT who, (sqrt(3) / 3 * ST_X(p) - ST_Y(p) / 3) / ? AS qf, (2.0 / 3 * ST_Y(p)) / ? AS rf
        FROM pts
    ),
    rounded AS (
        SELECT who, qf, rf, -qf - rf AS sf, {q0} AS q0, {r0} AS r0, {s0} AS s0
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
"""Per hexagon; the dialect's projection (``l93_point``) and rounding (``q0, r0, s0``)."""

_PARTS: dict[str, tuple[str, int]] = {
    "zones": (_ZONE_COUNTS, 0),
    "totals": (_TOTALS, 3),
    "publics": (_PUBLIC_COUNTS, 1),
    "declared": (_PUBLIC_DECLARED, 1),
    "zone_publics": (_ZONE_PUBLIC_COUNTS, 1),
    "channels": (_CHANNEL_COUNTS, 2),
    "theme_zone_age": (_THEME_ZONE_AGE, 1),
}
"""Report part → (SQL, how many times the layer is a parameter)."""
