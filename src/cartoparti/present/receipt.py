"""A resident's receipt, to print or keep: what they sent, where, when, their follow
code and where to follow it (one autoescaped jinja2 template, printed by WeasyPrint)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2

from cartoparti import i18n
from cartoparti.i18n import formats
from cartoparti.model import KINDS
from cartoparti.present.brief import typography

__all__ = ["render_html", "render_pdf"]

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "receipt.html.j2"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["typo"] = typography
    return env


def render_html(
    contribution: Mapping[str, Any], *, territory: str, place: str, follow_code: str, follow_url: str,
    published: bool,
) -> str:
    """The receipt of ``contribution`` (a store's :meth:`contribution` row) as one HTML
    document in the active language; ``place``: where it is, in words."""
    created = contribution.get("created_at")
    t = i18n.message
    return _environment().get_template(TEMPLATE).render(
        lang=i18n.active(),
        title=t("receipt.title"),
        territory=territory,
        number_label=t("receipt.number"),
        number=str(contribution["id"]),
        kind_label=t("receipt.kind"),
        kind=KINDS.get(str(contribution.get("kind")), str(contribution.get("kind"))),
        subject_label=t("receipt.subject"),
        subject=str(contribution.get("title") or ""),
        place_label=t("receipt.place"),
        place=place,
        date_label=t("receipt.date"),
        date=formats.datetime(created) if isinstance(created, datetime) else "",
        state=t("receipt.published") if published else t("receipt.held"),
        code_label=t("receipt.code"),
        code=follow_code,
        code_help=t("receipt.code_help"),
        follow=t("receipt.follow"),
        follow_url=follow_url,
        keep=t("receipt.keep"),
    )


def _refuse_remote(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Nothing is fetched: the receipt is all inline."""
    raise ValueError(f"refused: {url}")


def render_pdf(contribution: Mapping[str, Any], **fields: Any) -> bytes:
    """The receipt as a one-page PDF (:func:`render_html` printed by WeasyPrint)."""
    import weasyprint  # costly: only when the resident asks for it

    document = render_html(contribution, **fields)
    return weasyprint.HTML(string=document, url_fetcher=_refuse_remote, base_url=None).write_pdf()
