"""The SQL of cartoparti, written once for both backends.

:class:`SqlStore` implements the whole contract (:class:`cartoparti.storage.base.Store`)
over a few hooks (cursors, temporary tables, bulk loads: :class:`SqlSession`) and a
:class:`Dialect` (the fragments DuckDB and PostgreSQL spell differently). A backend
(:mod:`cartoparti.storage.duckdb`, :mod:`cartoparti.storage.postgis`) is one subclass
that provides them. Queries use ``?`` placeholders.
"""

from __future__ import annotations

from cartoparti.storage.sql.abuse import AbuseQueries
from cartoparti.storage.sql.backup import BackupQueries
from cartoparti.storage.sql.clusters import ClusterQueries
from cartoparti.storage.sql.dialect import DUCKDB, POSTGIS, Dialect
from cartoparti.storage.sql.notify import NotifyQueries
from cartoparti.storage.sql.plan import PlanQueries
from cartoparti.storage.sql.priorities import PriorityQueries
from cartoparti.storage.sql.representation import RepresentationQueries
from cartoparti.storage.sql.rights import RightsQueries
from cartoparti.storage.sql.session import C, Cursor, SqlSession
from cartoparti.storage.sql.workflow import WorkflowQueries

__all__ = ["DUCKDB", "POSTGIS", "Cursor", "Dialect", "SqlSession", "SqlStore"]


class SqlStore(
    PlanQueries[C],
    WorkflowQueries[C],
    RepresentationQueries[C],
    BackupQueries[C],
    NotifyQueries[C],
    PriorityQueries[C],
    ClusterQueries[C],
    RightsQueries[C],
    AbuseQueries[C],
):
    """Every query of the contract; the hooks of :class:`SqlSession` left to a backend."""
