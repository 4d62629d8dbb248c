"""Residents hear back: the e-mail address a resident may leave when contributing or
supporting, and the mails that tell them their contribution moved.

An address is personal data: it is kept in its own table (never public, never in a
public export), only when the town sends mail at all (``settings.smtp``), and erased
with its contribution. Mails are plain French text from the catalogue, sent through
the SMTP server of the settings (standard :mod:`smtplib`) *after* the change they
tell of is committed: a mail that cannot be sent is logged, never undoes the change.

Integration points: :func:`notify_status_change` (called by
:func:`cartoparti.commands.answers.answer`), :func:`notify_plan_link` (for the
action plan, when contributions feed a plan item) and :func:`forget_address` (an
agent erases an address everywhere, at a resident's request by mail or at the desk).
"""

from __future__ import annotations

import functools
import logging
import smtplib
from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from cartoparti import i18n
from cartoparti._errors import ValidationError
from cartoparti.commands._common import _actor
from cartoparti.lifecycle import STATUSES
from cartoparti.settings import EMAIL_PATTERN, Settings
from cartoparti.storage import Storage

__all__ = [
    "EMAIL_MAX",
    "check_address",
    "contribution_link",
    "follow_link",
    "forget_address",
    "notify_plan_link",
    "notify_status_change",
    "plan_link_mails",
    "send",
    "status_change_mails",
]

_LOG = logging.getLogger("cartoparti.notify")

EMAIL_MAX = 254
"""Longest address accepted (RFC 5321)."""
SMTP_TIMEOUT = 10.0
"""Seconds to wait for the mail server."""


def _in_site_language(function: Any) -> Any:
    """Mails are written in the site's language (``CARTOPARTI_LANGUAGE``), whatever the
    language of the officer's page that sends them."""

    @functools.wraps(function)
    def wrapper(store: Storage, settings: Settings, *args: Any, **kwargs: Any) -> Any:
        with i18n.using(settings.language):
            return function(store, settings, *args, **kwargs)

    return wrapper


def check_address(
    value: str | None, *, consent: bool = True, field: str = "email"
) -> str | None:
    """The address a resident typed, trimmed and lower-cased (``None`` when empty);
    raise :class:`ValidationError` (``field`` → French message) when it does not look
    like an address or the resident did not agree to it being kept (``consent``)."""
    text = (value or "").strip()
    if not text:
        return None
    if len(text) > EMAIL_MAX or not EMAIL_PATTERN.match(text):
        raise ValidationError({field: i18n.message("notify.email_invalid", value=text)})
    if not consent:
        raise ValidationError({field: i18n.message("notify.consent_required")})
    return text.lower()


def contribution_link(settings: Settings, contribution_id: str) -> str:
    """The public page of a contribution: its path, after the site's address if known."""
    return f"{settings.public_url}/contribution?id={contribution_id}"


def follow_link(settings: Settings) -> str:
    """The page where a resident follows their contributions with their code."""
    return f"{settings.public_url}/suivi"


def _header(value: str) -> str:
    """A user's words fit for a mail header: every run of whitespace (line breaks,
    tabs) becomes one space, since a header holding a line break cannot be sent."""
    return " ".join(value.split())


def _mail(settings: Settings, to: str, subject: str, body: str) -> EmailMessage:
    mail = EmailMessage()
    assert settings.smtp is not None
    mail["From"] = settings.smtp.sender
    mail["To"] = _header(to)
    mail["Subject"] = _header(subject)
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = make_msgid(domain=settings.smtp.sender.rsplit("@", 1)[-1])
    footer = i18n.message("notify.footer", sender=settings.smtp.sender)
    mail.set_content(body + "\n\n" + footer, charset="utf-8")
    return mail


@_in_site_language
def status_change_mails(
    store: Storage, settings: Settings, contribution_id: str, *, status: str, message: str
) -> list[EmailMessage]:
    """The mails telling the author and supporters who left an address that a
    contribution now has ``status``, with the public ``message`` (none without SMTP)."""
    if settings.smtp is None:
        return []
    addresses = store.notify_addresses([contribution_id])
    found = store.contribution(contribution_id)
    if addresses.empty or found is None:
        return []
    title = str(found["title"])
    label = STATUSES.get(status, status)
    mails = []
    for row in addresses.itertuples():
        body = i18n.message(
            "notify.status_body",
            title=title,
            role=i18n.message(f"notify.role_{row.role}"),
            status=label,
            message=message.strip() or i18n.message("notify.no_message"),
            link=contribution_link(settings, contribution_id),
            follow=follow_link(settings),
        )
        subject = i18n.message("notify.status_subject", title=title, status=label)
        mails.append(_mail(settings, str(row.email), subject, body))
    return mails


@_in_site_language
def plan_link_mails(
    store: Storage, settings: Settings, contribution_ids: Sequence[str], item_title: str
) -> list[EmailMessage]:
    """The mails telling whoever made or supported one of ``contribution_ids`` (and
    left an address) that it fed the plan item ``item_title``: one mail per address,
    listing its contributions (none without SMTP)."""
    if settings.smtp is None or not contribution_ids:
        return []
    addresses = store.notify_addresses(list(dict.fromkeys(contribution_ids)))
    if addresses.empty:
        return []
    titles = store.texts(addresses["contribution_id"].unique().tolist()).set_index("id")["title"]
    mails = []
    for email, rows in addresses.groupby("email", sort=False):
        lines = "\n".join(
            i18n.message(
                "notify.plan_line",
                title=titles.get(cid, cid),
                link=contribution_link(settings, str(cid)),
            )
            for cid in dict.fromkeys(rows["contribution_id"])
        )
        body = i18n.message(
            "notify.plan_body", item=item_title, contributions=lines, follow=follow_link(settings)
        )
        subject = i18n.message("notify.plan_subject", item=item_title)
        mails.append(_mail(settings, str(email), subject, body))
    return mails


def send(settings: Settings, mails: Sequence[EmailMessage]) -> int:
    """Send ``mails`` through the settings' SMTP server in one connection; return how
    many left. A failure is logged (without the addresses), never raised."""
    smtp = settings.smtp
    if smtp is None or not mails:
        return 0
    sent = 0
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=SMTP_TIMEOUT) as server:
            if smtp.starttls:
                server.starttls()
            if smtp.user and smtp.password:
                server.login(smtp.user, smtp.password)
            for mail in mails:
                try:
                    server.send_message(mail)
                    sent += 1
                except smtplib.SMTPException as exc:  # one refused address: go on
                    _LOG.warning("notification mail refused by %s: %s", smtp.host, exc)
    except (OSError, smtplib.SMTPException) as exc:
        _LOG.error(
            "notification mails not sent (%d of %d) through %s:%s: %s",
            len(mails) - sent, len(mails), smtp.host, smtp.port, exc,
        )
    return sent


def notify_status_change(
    store: Storage, settings: Settings, contribution_id: str, *, status: str, message: str
) -> int:
    """Tell the author and supporters of a contribution who left an address that its
    status changed; call it once the change is committed. Return the mails sent;
    never raises (a failure is logged: the change stays)."""
    try:
        return send(
            settings,
            status_change_mails(store, settings, contribution_id, status=status, message=message),
        )
    except Exception:  # noqa: BLE001 - a notification must never undo the answer
        _LOG.exception("notification of %s not sent", contribution_id)
        return 0


def notify_plan_link(
    store: Storage, settings: Settings, contribution_ids: Sequence[str], item_title: str
) -> int:
    """Tell whoever made or supported one of ``contribution_ids`` (and left an
    address) that it fed the plan item ``item_title``; call it once the link is
    committed. Return the mails sent; never raises (a failure is logged)."""
    try:
        return send(settings, plan_link_mails(store, settings, contribution_ids, item_title))
    except Exception:  # noqa: BLE001 - a notification must never undo the plan's change
        _LOG.exception("plan-item notification not sent")
        return 0


def forget_address(
    store: Storage, settings: Settings, user: dict[str, Any] | None, email: str
) -> int:
    """An agent erases a resident's address everywhere it was left (as author or
    supporter, with or without a follow code), at their request: they hear no more.
    Audited without the address itself (erased personal data stays erased). Return
    how many contributions it followed; raise :class:`PermissionDeniedError` for a
    visitor and :class:`ValidationError` (``email`` → message) for what is not an
    address. ``settings`` is taken as by every command; nothing in it changes this."""
    del settings
    actor = _actor(user)
    address = check_address(email)
    if address is None:
        raise ValidationError({"email": i18n.message("notify.email_invalid", value="")})
    with store.transaction():
        removed = store.remove_notify_address(address)
        store.record_audit(actor, "forget_address", after={"removed": removed})
    return removed
