"""Residents' rights kept by the town (RGPD): an administrator erases everything of a
contributor id; profile answers and e-mail addresses are purged after the retention
period (``CARTOPARTI_RETENTION_MONTHS``), by ``cartoparti purge`` and by the app once a
day; the database is compacted after an erasure while the app runs, so that erased
texts leave the file. A resident's own download and erasure, with their follow code,
are in :mod:`cartoparti.commands.residents`."""

from __future__ import annotations

import calendar
import logging
from datetime import UTC, datetime
from typing import Any

from cartoparti import i18n
from cartoparti._errors import NotFoundError, ValidationError
from cartoparti.commands._common import _actor
from cartoparti.settings import Settings
from cartoparti.storage import Storage

__all__ = ["DAILY_PURGE_KEY", "compact", "daily_purge", "erase_contributor", "purge", "retention_cutoff"]

_LOG = logging.getLogger("cartoparti")

DAILY_PURGE_KEY = "retention_purged_on"
"""The ``meta`` key holding the UTC day (``AAAA-MM-JJ``) of the last daily purge: of
several servers, the first page load of a day claims it, the others skip."""


def _utc_now(now: datetime | None) -> datetime:
    """``now`` (aware, or naive UTC) as naive UTC; the current time by default."""
    moment = now or datetime.now(UTC)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def retention_cutoff(settings: Settings, now: datetime | None = None) -> datetime | None:
    """The moment (naive UTC) before which contributions lose their profile answers and
    addresses: ``now`` less the retention period; ``None`` when kept for ever."""
    if settings.retention_months is None:
        return None
    return _months_before(_utc_now(now), settings.retention_months)


def _months_before(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months earlier (the month's last day
    when it is shorter: 31 March less one month is 28 or 29 February)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def erase_contributor(store: Storage, user: dict[str, Any] | None, contributor_id: str) -> dict[str, int]:
    """An administrator erases everything of a contributor id (contributions with their
    answers, profiles, photos, supports, follow links and addresses), at once; audited
    as ``erase_contributor`` with the counts only (not the id). Return the counts; raise
    :class:`ValidationError` for a blank id, :class:`NotFoundError` for an id that
    names no contribution."""
    actor = _actor(user, "admin")
    wanted = (contributor_id or "").strip()
    if not wanted:
        raise ValidationError({"contributor": i18n.message("rights.contributor_blank")})
    ids = store.contributor_contribution_ids(wanted)
    if not ids:
        raise NotFoundError(i18n.message("rights.contributor_unknown", id=wanted))
    return store.erase_contributions(ids, actor=actor, action="erase_contributor")


def purge(
    store: Storage,
    settings: Settings,
    *,
    actor: str = "system",
    now: datetime | None = None,
    dry_run: bool = False,
) -> dict[str, Any]:
    """Purge the profile answers and addresses of contributions older than the
    retention period. Return ``cutoff`` (naive UTC, ``None`` when kept for ever),
    ``profiles`` and ``addresses`` (how many went, or would with ``dry_run``)."""
    cutoff = retention_cutoff(settings, now)
    if cutoff is None:
        return {"cutoff": None, "profiles": 0, "addresses": 0}
    counts = store.purge_personal_data(cutoff, actor=actor, dry_run=dry_run)
    return {"cutoff": cutoff, **counts}


def daily_purge(store: Storage, settings: Settings, *, now: datetime | None = None) -> dict[str, Any] | None:
    """The app's purge, once a day: the first call of a UTC day (across every server
    sharing the database: the day is claimed in the database) purges; the others, and
    every call when data is kept for ever, return ``None``."""
    if settings.retention_months is None:
        return None
    day = _utc_now(now).date().isoformat()
    if not store.claim_meta(DAILY_PURGE_KEY, day):
        return None
    done = purge(store, settings, now=now)
    if done["profiles"] or done["addresses"]:
        _LOG.info("retention purge: %(profiles)s profiles, %(addresses)s addresses", done)
    return done


def compact(store: Storage, user: dict[str, Any] | None = None, *, audit: bool = True) -> tuple[int, int]:
    """Rewrite the database while the app runs so that erased contents leave the file
    (:meth:`~cartoparti.storage.base.RightsStore.compact`). ``user``: an administrator
    asking for it (audited as ``compact``); without one, the app itself after an
    erasure. Return the sizes in bytes before and after."""
    actor = "system" if user is None else _actor(user, "admin")
    before, after = store.compact()
    if audit:
        store.record_audit(actor, "compact", after={"before": before, "after": after})
    return before, after
