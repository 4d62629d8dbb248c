"""SQL of the priorities: the proposals and needs residents carry, and who carries them.

A *priority* is a published contribution, not hidden, of the asked kinds; the
duplicates merged into it (hidden, ``handling.merged_into``) are its other
*authors*. Its supports are the "moi aussi" of the ``supports`` table (a merge
carries the duplicate's supports over; the support a merge adds for the
duplicate's author, session ``merged:…``, is not counted: that person is an author). An author is a distinct
``contributor_id``, else the follow code the contribution was sent with (one visit
online), else the contribution itself (:data:`~cartoparti.storage.sql.core.CONTRIBUTOR_KEY`,
as for the places that come back). Profiles never leave as rows: the authors are counted
per (priority, zone where they pinned, age band, category) in the database.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from cartoparti.storage.sql.core import (
    CONTRIBUTOR_KEY,
    OWN_FOLLOW_CODE_JOIN,
    PRIMARY_ZONE_JOIN,
    CoreQueries,
)
from cartoparti.storage.sql.session import C

__all__ = ["PriorityQueries"]

_HEADS = """
    SELECT c.id, c.kind, c.title, c.theme, c.status, c.created_at,
           cz.zone_code, z.name AS zone_name
    FROM contributions c LEFT JOIN handling h ON h.contribution_id = c.id
    {zone_join}
    WHERE c.published AND NOT coalesce(h.hidden, false) AND {kinds}"""

_MEMBERS = """
    SELECT id AS priority_id, id AS contribution_id FROM heads
    UNION ALL
    SELECT h.merged_into AS priority_id, h.contribution_id
    FROM handling h JOIN heads ON heads.id = h.merged_into
    WHERE h.merged_into IS NOT NULL"""

_AUTHORS = f"""
    SELECT m.priority_id, {CONTRIBUTOR_KEY.format(id="m.contribution_id")} AS who,
           cz.zone_code, p.age_band, p.csp
    FROM members m
    LEFT JOIN profiles p ON p.contribution_id = m.contribution_id
    {OWN_FOLLOW_CODE_JOIN.format(id="m.contribution_id")}
    LEFT JOIN contribution_zones cz ON cz.contribution_id = m.contribution_id
         AND cz.layer = (SELECT value FROM meta WHERE key = 'primary_layer')"""


class PriorityQueries(CoreQueries[C]):
    """Counts behind the priorities (:mod:`cartoparti.analysis.priorities`)."""

    def priority_counts(self, kinds: Sequence[str]) -> dict[str, pd.DataFrame]:
        """The priorities of ``kinds`` and the counts of their authors.

        ``items``: one row per priority, ``id, kind, title, theme, status, created_at,
        zone_code, zone_name, supports, authors`` (distinct authors, the merged
        duplicates' included), by ``created_at`` then ``id``. ``publics``:
        ``priority_id, zone_code, age_band, csp, authors`` (distinct authors per
        zone of the primary layer where they pinned and declared age band and
        category, nulls when unknown): counts, never a profile.
        """
        with self._scratch() as cur:
            self._temp(
                cur, "heads",
                _HEADS.format(zone_join=PRIMARY_ZONE_JOIN, kinds=self.dialect.within("c.kind")),
                [[str(k) for k in kinds]],
            )
            self._temp(cur, "members", _MEMBERS)
            self._temp(cur, "authors", _AUTHORS)
            items = cur.execute(
                """SELECT hd.id, hd.kind, hd.title, hd.theme, hd.status, hd.created_at,
                          hd.zone_code, hd.zone_name,
                          coalesce(s.n, 0) AS supports, coalesce(a.n, 0) AS authors
                   FROM heads hd
                   LEFT JOIN (SELECT contribution_id, count(*) AS n FROM supports
                              WHERE session_id NOT LIKE 'merged:%' GROUP BY contribution_id) s
                          ON s.contribution_id = hd.id
                   LEFT JOIN (SELECT priority_id, count(DISTINCT who) AS n FROM authors
                              GROUP BY priority_id) a
                          ON a.priority_id = hd.id
                   ORDER BY hd.created_at, hd.id""",
                [],
            ).df()
            publics = cur.execute(
                """SELECT priority_id, zone_code, age_band, csp, count(DISTINCT who) AS authors
                   FROM authors GROUP BY priority_id, zone_code, age_band, csp
                   ORDER BY priority_id, zone_code, age_band, csp""",
                [],
            ).df()
        for frame in (items, publics):
            for column in ("supports", "authors"):
                if column in frame:
                    frame[column] = frame[column].astype("int64")
        return {"items": items, "publics": publics}
