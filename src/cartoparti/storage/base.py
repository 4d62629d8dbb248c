"""The storage contract: what the rest of cartoparti may ask of a store, by concept.

Two backends implement every Protocol here: DuckDB (embedded, the default) and
PostgreSQL + PostGIS (several app servers and the command line at once). The contract
tests (``tests/test_storage*.py``) run against both; a store is chosen by
:func:`cartoparti.storage.open_storage` from ``CARTOPARTI_DB`` (a file path, or a
``postgresql://`` URL).

Conventions on both backends: geometries in WGS84 (EPSG:4326), datetimes as naive UTC,
frames with the same columns and dtypes; writes are transactions; zones are assigned at
write time (a contribution belongs to the zone containing its representative point).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol, Self, runtime_checkable

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd
    import shapely

    from cartoparti.model import Draft, Territory
    from cartoparti.storage.common import AddResult, Filters

__all__ = [
    "AbuseStore",
    "AccountStore",
    "ClusterStore",
    "ContributionStore",
    "CountStore",
    "LifecycleStore",
    "NotifyStore",
    "PlanStore",
    "ResidentStore",
    "RightsStore",
    "Session",
    "Store",
    "TerritoryStore",
]


@runtime_checkable
class Session(Protocol):
    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...

    def transaction(self) -> AbstractContextManager[None]:
        """Group several storage commands in one transaction: all written, or none."""
        ...

    def schema_version(self) -> int: ...

    def migrate(self) -> int:
        """Create or upgrade the schema; return the schema version."""
        ...

    def get_meta(self, key: str, default: str | None = None) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...

    def explain(self, sql: str) -> str:
        """The backend's query plan of ``sql`` (for diagnosis and tests)."""
        ...


@runtime_checkable
class TerritoryStore(Protocol):
    def load_territory(self, territory: Territory) -> None:
        """Replace the stored territory and reassign every contribution to its zones."""
        ...

    def territory_info(self) -> dict[str, object]:
        """Name, attribution, sources and primary layer of the stored territory."""
        ...

    def primary_layer(self) -> str: ...

    def zone_layers(self) -> pd.DataFrame: ...

    def zones(self, layer: str | None = None) -> gpd.GeoDataFrame:
        """Zones of a layer (default: the primary one), WGS84, sorted by name."""
        ...

    def zone_population(self, layer: str | None = None) -> pd.DataFrame:
        """Population by zone, dimension (age_band, csp) and group."""
        ...

    def zone_name(self, code: str, layer: str | None = None) -> str | None:
        """The name of one zone of a layer (default: the primary one), or none."""
        ...

    def place_candidates(self, grams: Sequence[str], *, limit: int = 60) -> pd.DataFrame:
        """Searchable places (communes, landmarks, addresses: ``kind, label, lon, lat,
        hits``) sharing most of the trigrams ``grams`` (:mod:`cartoparti.textsearch`)."""
        ...

    def landmarks(self, zone_code: str | None = None) -> gpd.GeoDataFrame:
        """Landmarks (optionally those of one zone of the primary layer), WGS84."""
        ...

    def landmark_point(self, landmark_id: str) -> shapely.Point | None: ...

    def zone_point(self, code: str, layer: str | None = None) -> shapely.Point | None:
        """A point inside a zone (to place a contribution made without the map)."""
        ...

    def territory_bounds(self) -> tuple[float, float, float, float]:
        """(min lon, min lat, max lon, max lat) of the primary layer."""
        ...

    def locate(self, geometry: shapely.Geometry) -> dict[str, str]:
        """Zone code of a geometry in each layer; raise if outside the territory."""
        ...


@runtime_checkable
class ContributionStore(Protocol):
    def add_contributions(self, drafts: Sequence[Draft], *, published: bool = True) -> AddResult:
        """Store validated drafts in bulk, with their zones and profiles, in one transaction."""
        ...

    def add_contribution(self, draft: Draft, *, published: bool = True) -> str:
        """Store one validated draft (a new unique key); return its id."""
        ...

    def submit_contribution(
        self,
        draft: Draft,
        *,
        published: bool,
        personal_data: Sequence[str] = (),
        follow_code_hash: str,
        field_entry: dict[str, Any] | None = None,
        notify_email: str | None = None,
    ) -> str:
        """Store a resident's contribution in one transaction: the contribution, its personal-data flag, its follow code (hash), the author's notification address (``notify_email``) and, when an agent entered it, the field entry (``entered_by, session_date, session_place, after``). Return its id."""
        ...

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
        ...

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
        """How many contributions match (the filters of :meth:`contributions`) in each
        zone of the finest zone layer (the one with most zones; with ``max_zones``, the
        finest with at most that many, else the coarsest): ``layer, code, name, count,
        lon, lat`` (``lon``/``lat``: a point inside the zone), most first, zones with
        none left out. The contributions in no zone of that layer make one row whose
        ``code``, ``name``, ``lon`` and ``lat`` are null. The counts add up to
        :meth:`count_contributions` of the same filters."""
        ...

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
        """Public fields of contributions with their primary zone, newest first. WGS84;
        the geometry and ``lon``/``lat`` are the public position, never the exact one.
        ``search``: words that must all appear in the title or text (no accents, case)."""
        ...

    def contribution(self, contribution_id: str) -> dict[str, object] | None:
        """Public fields of one contribution (``lon``/``lat``: its public position), or ``None``."""
        ...

    def profile(self, contribution_id: str) -> dict[str, object] | None:
        """The private profile of a contribution (agents only), or ``None``."""
        ...

    def photo(self, contribution_id: str) -> tuple[str, bytes] | None: ...

    def texts(self, contribution_ids: Sequence[str]) -> pd.DataFrame:
        """``id, title, text, published`` of some contributions."""
        ...

    def export_frame(self) -> gpd.GeoDataFrame:
        """Every published contribution with its public fields, current status, latest public answer (``answer``) and its time (``answered_at``), « moi aussi » count (``supports``), service in charge (``service``) and participation level (``level``, codes; ``None`` until set), public position (geometry, ``lon``/``lat``, ``wkt``) and zone code."""
        ...

    def public_precision(self) -> dict[str, float]:
        """Kind → cell in metres of the stored public positions (a kind absent: exact);
        :data:`cartoparti.settings.DEFAULT_PUBLIC_PRECISION` until one is set."""
        ...

    def set_public_precision(self, precision: Mapping[str, float]) -> int:
        """Store the public location precision (kind → metres) and, when it changed,
        recompute every contribution's public position (one transaction); return how
        many were recomputed. The public position of every new contribution is
        computed at write time with the stored precision
        (:func:`cartoparti.privacy.public_geometries`); the exact one stays in
        ``geom`` for agents."""
        ...


@runtime_checkable
class LifecycleStore(Protocol):
    def add_status_change(
        self,
        contribution_id: str,
        *,
        expected: str,
        status: str,
        message: str,
        author: str,
        competent: str | None = None,
        at: datetime | None = None,
    ) -> bool:
        """Record a status change (or a message, same status) with its public message."""
        ...

    def add_status_changes(self, changes: pd.DataFrame) -> list[int]:
        """Record several status changes (``contribution_id, expected, status, message, competent, author``) in one transaction, in row order, each as :meth:`add_status_change`; return the positions of the rows refused because the status was not ``expected`` (nothing written for them)."""
        ...

    def answer_states(self, contribution_ids: Sequence[str]) -> pd.DataFrame:
        """Current status and public history of some contributions in one query: ``id, status, history_status, history_message``, one row per history entry, oldest first (``None`` when never answered); an unknown id has no row."""
        ...

    def status_history(self, contribution_id: str) -> pd.DataFrame:
        """Public history of one contribution, oldest first: ``changed_at, status, previous_status, message, competent, author``."""
        ...

    def latest_message(self, contribution_id: str) -> dict[str, object] | None:
        """The latest public message of a contribution, or ``None``."""
        ...

    def handling(self, contribution_id: str) -> dict[str, object]:
        """Agents' fields of a contribution (defaults when never handled)."""
        ...

    def apply_changes(
        self,
        contribution_id: str,
        *,
        actor: str,
        action: str,
        contribution: dict[str, object] | None = None,
        handling: dict[str, object] | None = None,
        audit_before: dict[str, object] | None = None,
        audit_after: dict[str, object] | None = None,
    ) -> dict[str, object]:
        """Change public fields (``title, text, theme, published``) and agents' fields (``service, level, hidden…``) of one contribution, audited; return the fields before."""
        ...

    def flag_personal_data(self, contribution_ids: Sequence[str], kinds: Sequence[str]) -> None:
        """Mark contributions as holding personal data (kinds joined by commas); not audited (done by the system at submission, before any agent)."""
        ...

    def add_field_entries(
        self,
        contribution_ids: Sequence[str],
        *,
        entered_by: str,
        session_date: date | None,
        session_place: str | None,
        after: dict[str, object],
    ) -> None:
        """Record who entered contributions on residents' behalf, when and where (one audit entry each, ``after`` as logged values)."""
        ...

    def field_entry(self, contribution_id: str) -> dict[str, object] | None: ...

    def merge_contributions(self, duplicate_id: str, target_id: str, *, actor: str) -> None:
        """Hide ``duplicate_id`` as merged into ``target_id``; carry its supports, followers and action-plan links over (the duplicate's author counts as one support), audited."""
        ...

    def delete_contribution(self, contribution_id: str, *, actor: str) -> bool:
        """Delete a contribution and everything tied to it (profile, photo, answers, supports, follow links, field entry, links to plan items). Its earlier audit entries keep who did what and when, but lose their before/after values (old texts, meeting place): the audit keeps only the id. ``False`` if absent."""
        ...

    def agent_contributions(
        self,
        *,
        ids: Sequence[str] | None = None,
        statuses: Sequence[str] | None = None,
        services: Sequence[str] | None = None,
        queue: str | None = None,
    ) -> pd.DataFrame:
        """Every contribution with what agents need, newest first."""
        ...

    def agent_page(
        self,
        *,
        search: str = "",
        zone_codes: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
        statuses: Sequence[str] | None = None,
        services: Sequence[str] | None = None,
        queue: str | None = None,
        min_age_days: int | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[pd.DataFrame, int]:
        """One page of the agents' list, filtered in the database: the rows of :meth:`agent_contributions` (newest first, ``limit`` from ``offset``) and the true count of matches. ``search``: words all found in the title or text (accents and case ignored) or an id; ``zone_codes``: zones of the primary layer; ``min_age_days``: created at least that many days ago; ``queue``: ``"moderation"``, ``"personal_data"``, ``"visible"``, ``"hidden"`` or ``None``."""
        ...

    def answer_timeline(self) -> pd.DataFrame:
        """One row per contribution not hidden nor merged, for workload and equity: ``id, created_at, status, service, zone_code, zone_name, age_band, csp, first_answer_at`` (UTC; ``NaT`` when never answered)."""
        ...


@runtime_checkable
class ResidentStore(Protocol):
    def add_support(self, contribution_id: str, session_id: str) -> bool:
        """Count a support; ``False`` if this session already supports the contribution."""
        ...

    def support_count(self, contribution_id: str) -> int: ...

    def has_supported(self, contribution_id: str, session_id: str) -> bool: ...

    def link_follow_code(self, code_hash: str, contribution_id: str) -> None: ...

    def followed_ids(self, code_hash: str, *, own_only: bool = False) -> list[str]:
        """Ids of the contributions followed with a code (hash), oldest first; ``own_only``:
        only those sent with it, not those a merge made it follow."""
        ...

    def add_deletion_request(self, contribution_id: str, reason: str | None = None) -> bool:
        """Record a resident's deletion request; ``False`` if one is already pending. Raise :class:`NotFoundError` if the contribution is gone (deleted meanwhile)."""
        ...

    def deletion_requests(self) -> pd.DataFrame:
        """Pending requests: ``contribution_id, title, requested_at, reason``."""
        ...


@runtime_checkable
class NotifyStore(Protocol):
    """E-mail addresses residents left to hear back (personal data, kept apart: never
    public, never exported publicly, deleted with their contribution)."""

    def add_notify_address(
        self, contribution_id: str, email: str, role: str, code_hash: str | None = None
    ) -> bool:
        """Keep an address (``role``: ``author`` or ``supporter``), with the follow code
        (hash) it was left with, if any; ``False`` if it already follows the contribution."""
        ...

    def notify_addresses(self, contribution_ids: Sequence[str]) -> pd.DataFrame:
        """``contribution_id, email, role, code_hash`` of the addresses following some
        contributions (``code_hash``: the follow code they were left with, or ``None``;
        a merge carries it with the address)."""
        ...

    def remove_notify_address(self, email: str) -> int:
        """Forget an address everywhere; return how many links were removed."""
        ...


@runtime_checkable
class AccountStore(Protocol):
    def record_audit(
        self,
        actor: str,
        action: str,
        contribution_id: str | None = None,
        *,
        before: object = None,
        after: object = None,
    ) -> None:
        """Write one audit entry on its own (for actions stored elsewhere, e.g. an import)."""
        ...

    def audit_log(
        self, contribution_id: str | None = None, *, limit: int | None = None
    ) -> pd.DataFrame:
        """Audit entries, newest first: ``id, logged_at, actor, action, contribution_id, before, after``."""
        ...

    def upsert_user(self, name: str, *, role: str, password_hash: str, actor: str) -> bool:
        """Create a user or replace its role and hash; return ``True`` if new."""
        ...

    def user(self, name: str) -> dict[str, object] | None:
        """``name, role, password_hash, created_at`` of a user, or ``None``."""
        ...

    def users(self) -> pd.DataFrame:
        """Users without their hash: ``name, role, created_at``."""
        ...

    def set_user_role(self, name: str, role: str, *, actor: str) -> str | None:
        """Change a user's role, audited; return the former role (``None``: no such user)."""
        ...

    def remove_user(self, name: str, *, actor: str) -> bool:
        """Delete a user (the audit keeps the name and role); ``False`` if absent."""
        ...

    def set_password_hash(self, name: str, password_hash: str) -> None:
        """Replace a hash (rehash with stronger parameters); not audited, nothing changes."""
        ...

    def site_secret(self, candidate: str) -> str:
        """The secret that signs the site's cookies, kept in the database: the stored
        one, or ``candidate`` stored now if there is none (one secret per database)."""
        ...

    def add_web_session(self, token_hash: str, user_name: str, *, kind: str, expires_at: datetime) -> None:
        """Keep a sign-in (``ticket``: one-time, ``session``: a browser's cookie) under the
        hash of its token until ``expires_at`` (naive UTC). Sessions of a user are deleted
        when the account is removed or its password or role changes."""
        ...

    def redeem_ticket(self, ticket_hash: str, session_hash: str, *, expires_at: datetime) -> str | None:
        """Exchange a valid one-time ticket for a session, atomically; its user's name or ``None``."""
        ...

    def web_session_user(self, token_hash: str) -> dict[str, object] | None:
        """``name, role`` of the user of an open, unexpired session, or ``None``."""
        ...

    def end_web_session(self, token_hash: str) -> None:
        """Close a session (sign-out)."""
        ...


@runtime_checkable
class CountStore(Protocol):
    def representation_counts(
        self,
        *,
        basis: str = "place",
        layer: str | None = None,
        filters: Filters | None = None,
        parts: Sequence[str] | None = None,
    ) -> dict[str, pd.DataFrame]:
        """Counts of a representation report (all, or those named in ``parts``), from one materialised selection."""
        ...

    def contributions_fingerprint(self) -> str:
        """A short text that changes whenever what the analyses see may have changed (new or deleted contributions and profiles, agents' changes), for caches."""
        ...

    def zone_attributes(self, layer: str | None = None) -> pd.DataFrame:
        """Zones of a layer without geometry: ``code, name, population, has_breakdown``, sorted by code."""
        ...

    def zone_neighbours(self, layer: str | None = None) -> pd.DataFrame:
        """Pairs of neighbouring zones ``code, neighbour`` (both directions): zones that touch or lie within :data:`NEIGHBOUR_TOLERANCE_DEG` of each other."""
        ...

    def group_population(self, layer: str | None = None) -> pd.DataFrame:
        """Census population of the zones with a breakdown, per zone and group: ``zone_code, dimension, grp, population``."""
        ...

    def hexagon_contributors(
        self, size_m: float, *, filters: Filters | None = None
    ) -> pd.DataFrame:
        """Contributors and contributions per hexagon of a pointy-top grid in Lambert-93 (EPSG:2154) whose side is ``size_m`` metres, centred on the origin of the projection."""
        ...


@runtime_checkable
class PriorityStore(Protocol):
    """What the priorities are counted from (:mod:`cartoparti.analysis.priorities`)."""

    def priority_counts(self, kinds: Sequence[str]) -> dict[str, pd.DataFrame]:
        """The published, visible contributions of ``kinds`` (``items``: ``id, kind, title, theme, status, created_at, zone_code, zone_name, supports, authors``) and their distinct authors (merged duplicates included) per zone, age band and category (``publics``: ``priority_id, zone_code, age_band, csp, authors``); counts only, never a profile."""
        ...


@runtime_checkable
class BackupStore(Protocol):
    """The whole database, out and back in (:mod:`cartoparti.commands.backup`)."""

    def snapshot(self) -> AbstractContextManager[Iterator[tuple[str, pd.DataFrame, list[str]]]]:
        """Every table (name, rows, geometry columns as WKB), read in one consistent
        transaction."""
        ...

    def restore_tables(self, tables: Iterable[tuple[str, pd.DataFrame, list[str]]]) -> None:
        """Replace each table's rows by the given ones, in one transaction."""
        ...


@runtime_checkable
class ClusterStore(Protocol):
    """Points for the places that come back; weak-signal alerts and their decisions."""

    def cluster_input(
        self,
        *,
        kinds: Sequence[str] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        public: bool = False,
    ) -> pd.DataFrame:
        """Published contributions as points: ``id, lon, lat, kind, theme, created_at, who, age_band, csp`` (``who``: ``contributor_id``, or ``c:<id>`` without one), oldest first; ``public``: at their public positions (else the exact ones, for agents)."""
        ...

    def raise_alerts(self, alerts: pd.DataFrame) -> list[str]:
        """Store the alerts whose key is new (open); an open alert whose members all belong to a new one becomes ``superseded``. Return the new keys."""
        ...

    def alerts(self, states: Sequence[str] | None = None) -> pd.DataFrame:
        """Stored alerts (all, or those in ``states``), newest first."""
        ...

    def alert(self, key: str) -> dict[str, object] | None: ...

    def decide_alert(
        self,
        key: str,
        state: str,
        *,
        actor: str,
        reason: str | None = None,
        plan_item_id: str | None = None,
    ) -> bool:
        """Record an agent's decision on an alert (audited); ``False`` if no such alert."""
        ...


class PlanStore(Protocol):
    """The living action plan (:mod:`cartoparti.commands.plan` holds its rules): items,
    the contributions that fed them (many to many), milestones, services' capacity.
    Every write is one transaction with its audit entry."""

    def add_plan_item(
        self,
        item: Mapping[str, Any],
        *,
        contribution_ids: Sequence[str] = (),
        milestones: Sequence[tuple[str, date]] = (),
        actor: str,
    ) -> str:
        """Store a checked item (``title, description, geometry, zone_layer, zone_code, level, service, cost, agent_days, start_date, status, public_reason``) with its first links and milestones; return its id."""
        ...

    def update_plan_item(
        self, item_id: str, changes: Mapping[str, Any], *, actor: str, action: str = "plan_update"
    ) -> dict[str, Any] | None:
        """Change some fields of an item, audited as ``action``; return the changed fields as they were (``{}``: nothing changed, ``None``: no such item)."""
        ...

    def link_plan_contributions(
        self, item_id: str, contribution_ids: Sequence[str], *, actor: str
    ) -> list[str]:
        """Link contributions to an item; return those newly linked."""
        ...

    def unlink_plan_contribution(self, item_id: str, contribution_id: str, *, actor: str) -> bool: ...

    def add_plan_milestone(self, item_id: str, label: str, due_date: date, *, actor: str) -> int:
        """Add a milestone (not done); return its step (1, 2, …)."""
        ...

    def set_plan_milestone_done(self, item_id: str, step: int, done: bool, *, actor: str) -> bool: ...

    def set_service_capacity(self, service: str, agent_days_per_month: float, *, actor: str) -> None: ...

    def plan_item(self, item_id: str) -> dict[str, Any] | None:
        """One item's fields (``geometry``: shapely or ``None``), or ``None``."""
        ...

    def plan_items(self, *, public_only: bool = False) -> gpd.GeoDataFrame:
        """Every item, oldest first, WGS84 (null geometry when placed nowhere), with ``contributions`` (links; ``public_only``: only to published, visible, unmerged contributions) and ``last_milestone`` (date or ``None``)."""
        ...

    def plan_links(
        self,
        *,
        item_ids: Sequence[str] | None = None,
        contribution_ids: Sequence[str] | None = None,
        public_only: bool = False,
    ) -> pd.DataFrame:
        """``item_id, contribution_id, linked_at``, oldest first (``public_only``: only links to published, visible, unmerged contributions)."""
        ...

    def plan_milestones(self, item_ids: Sequence[str] | None = None) -> pd.DataFrame:
        """``item_id, step, label, due_date, done``, by item then step."""
        ...

    def service_capacities(self) -> pd.DataFrame:
        """Capacities set in the database: ``service, agent_days_per_month, updated_at``."""
        ...


@runtime_checkable
class RightsStore(Protocol):
    """Residents' rights (RGPD): erasure by follow code or contributor id, the
    retention purge, a once-a-day claim, and compacting while the app runs
    (:mod:`cartoparti.commands.rights`)."""

    def own_followed_ids(self, code_hash: str) -> list[str]:
        """Ids of the contributions a follow code (hash) made, oldest first (not those
        it follows only because a merge carried its link to someone else's)."""
        ...

    def contributor_contribution_ids(self, contributor_id: str) -> list[str]:
        """Ids of the contributions whose profile names ``contributor_id``, oldest first."""
        ...

    def erase_contributions(
        self,
        contribution_ids: Sequence[str],
        *,
        actor: str,
        action: str,
        code_hash: str | None = None,
    ) -> dict[str, int]:
        """Delete contributions and everything tied to them, the supports their merges
        carried and, with ``code_hash``, that code's links and the addresses left with
        it; one transaction, audited as ``action`` with counts only. Return the counts
        (``contributions, profiles, photos, answers, supports, addresses, follow_links``)."""
        ...

    def purge_personal_data(
        self, before: datetime, *, actor: str, dry_run: bool = False
    ) -> dict[str, int]:
        """Purge profile answers and notification addresses of the contributions created
        before ``before`` (naive UTC); return ``profiles, addresses`` (``dry_run``:
        counted, nothing written). Audited as ``purge`` when something went."""
        ...

    def claim_meta(self, key: str, value: str) -> bool:
        """Set ``key`` to ``value`` unless it holds it; ``True`` if this call changed it."""
        ...

    def compact(self) -> tuple[int, int]:
        """Rewrite the database while the store stays open, so that no deleted byte
        survives (DuckDB: a fresh file swapped in; PostgreSQL: ``VACUUM FULL``).
        Return the sizes in bytes before and after."""
class AbuseStore(Protocol):
    """What the abuse limits keep: attempts counted by the rate limits and sign-in
    lock-outs (one table, so several app servers of a PostgreSQL database share them),
    and residents' reports of a contribution to the moderators."""

    def record_attempt(self, kind: str, key: str, at: datetime) -> None:
        """Count one attempt of ``kind`` (``sign_in_account``, ``contribution``…) by
        ``key`` (a hash: an account, a browser, an address) at ``at`` (UTC)."""
        ...

    def attempts(self, kind: str, key: str, since: datetime) -> list[datetime]:
        """When ``key`` made attempts of ``kind`` at or after ``since``, oldest first (UTC, naive)."""
        ...

    def clear_attempts(self, kind: str, key: str) -> int:
        """Forget the attempts of ``kind`` by ``key``; return how many."""
        ...

    def purge_attempts(self, before: datetime) -> int:
        """Delete every attempt older than ``before`` (UTC); return how many."""
        ...

    def add_report(self, contribution_id: str, reason: str, detail: str | None = None) -> None:
        """Keep a resident's report of a published contribution; raise
        :class:`NotFoundError` if it is not published (any more)."""
        ...

    def reported_contributions(self) -> pd.DataFrame:
        """Contributions with pending reports, most reported first: ``contribution_id,
        title, published, reports, first_reported_at, last_reported_at``."""
        ...

    def reports(self, contribution_id: str) -> pd.DataFrame:
        """Pending reports of a contribution, oldest first: ``reason, detail, reported_at``."""
        ...

    def clear_reports(self, contribution_id: str) -> int:
        """Forget the reports of a contribution (a moderator decided); return how many."""
        ...


class Store(
    Session,
    TerritoryStore,
    ContributionStore,
    LifecycleStore,
    ResidentStore,
    NotifyStore,
    AccountStore,
    CountStore,
    PriorityStore,
    BackupStore,
    ClusterStore,
    PlanStore,
    RightsStore,
    AbuseStore,
    Protocol,
):
    """Everything a store offers: what commands, analyses and pages are given."""
