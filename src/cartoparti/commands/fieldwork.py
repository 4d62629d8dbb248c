"""Field entry ("aller vers"): an agent enters what residents said at a workshop, on
the doorstep, on paper or by phone, one by one or as a file of paper questionnaires;
each contribution keeps who entered it, the date and the place of the meeting."""

from __future__ import annotations

from datetime import date
from typing import Any

from cartoparti import i18n
from cartoparti._errors import ValidationError
from cartoparti.commands import contribute
from cartoparti.commands._common import Source, _actor, _as_file
from cartoparti.commands.contribute import Receipt
from cartoparti.io.importer import ImportReport, import_file
from cartoparti.lifecycle import FIELD_CHANNELS
from cartoparti.settings import Settings
from cartoparti.storage import Storage

__all__ = ["enter_for_resident", "import_field_file"]


def enter_for_resident(
    store: Storage,
    user: dict[str, Any] | None,
    *,
    settings: Settings,
    channel: str,
    session_date: date | None,
    session_place: str,
    **fields: Any,
) -> Receipt:
    """An agent enters a resident's contribution (``fields`` as for
    :func:`cartoparti.commands.contribute.submit`, profile as the person declared it),
    recording the channel, the date and place of the field session.

    Every missing or wrong field is reported at once (:class:`ValidationError`);
    the contribution and its field entry are written in one transaction.
    """
    actor = _actor(user)
    follow_code = fields.pop("follow_code", None)
    errors: dict[str, str] = {}
    try:
        draft, zones = contribute.check(store, settings=settings, channel=channel, **fields)
    except ValidationError as exc:
        errors.update(exc.errors)
    session = _session_errors(session_date, session_place)
    if channel not in FIELD_CHANNELS:
        session["channel"] = i18n.message("channel.field_required")
    if errors or session:
        raise ValidationError({**errors, **session})
    place = session_place.strip()
    return contribute.record(
        store,
        draft,
        zones,
        settings=settings,
        follow_code=follow_code,
        field_entry={
            "entered_by": actor,
            "session_date": session_date,
            "session_place": place,
            "after": {"channel": channel, "session_date": session_date, "session_place": place},
        },
    )


def _session_errors(session_date: date | None, session_place: str | None) -> dict[str, str]:
    """French messages for a missing or future meeting date and a missing place."""
    errors: dict[str, str] = {}
    if session_date is None:
        errors["session_date"] = i18n.message("session_date.required")
    elif session_date > date.today():
        errors["session_date"] = i18n.message("session_date.future")
    if not (session_place or "").strip():
        errors["session_place"] = i18n.message("session_place.required")
    return errors


def import_field_file(
    store: Storage,
    user: dict[str, Any] | None,
    source: Source,
    *,
    settings: Settings,
    session_date: date | None,
    session_place: str,
    name: str | None = None,
) -> ImportReport:
    """An agent imports paper answers (the :mod:`cartoparti.present.questionnaire` CSV template)
    through the ordinary contribution import; channel ``paper`` by default.

    ``source``: a path, or the file's content with its ``name``. Each imported
    contribution gets its field entry (who entered it, date and place of the
    session: the row's own meeting place if its column says one), as one entered alone; all is written in one transaction, audited.
    """
    actor = _actor(user)
    errors = _session_errors(session_date, session_place)
    if errors:
        raise ValidationError(errors)
    place = session_place.strip()
    with _as_file(source, name) as path, store.transaction():
        report = import_file(
            store,
            path,
            themes=settings.themes,
            default_channel="paper",
            published=settings.publish_at_once,
            max_bytes=settings.import_max_bytes,
            max_vertices=settings.max_vertices,
            max_area_km2=settings.max_area_km2,
            template=True,  # columns read by their French headings
        )
        by_place: dict[str, list[str]] = {}
        for cid in report.inserted:  # a row's own meeting place (« Lieu de rencontre ») wins
            by_place.setdefault(report.session_places.get(cid, place), []).append(cid)
        for where, ids in by_place.items():
            store.add_field_entries(
                ids,
                entered_by=actor,
                session_date=session_date,
                session_place=where,
                after={"file": path.name, "session_date": session_date, "session_place": where},
            )
        store.record_audit(
            actor,
            "import",
            after={"file": path.name, "imported": report.imported, "held": report.held},
        )
    return report
