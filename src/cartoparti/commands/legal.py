"""The legal pages of the site (:mod:`cartoparti.io.legal`): the territory's file, or
the default, with its ``{{fields}}`` filled from the settings and the territory."""

from __future__ import annotations

from collections.abc import Mapping

from cartoparti import i18n
from cartoparti.io.legal import DOCUMENTS, Block, blocks, fill, read_document
from cartoparti.settings import Settings

__all__ = ["DOCUMENTS", "document", "values"]


def _placeholder(what: str) -> str:
    """What the town still has to write (``legal.missing.<what>``), visibly marked."""
    return i18n.message("legal.placeholder", what=i18n.message(f"legal.missing.{what}"))


def values(settings: Settings, territory_info: Mapping[str, object]) -> dict[str, str]:
    """What ``{{name}}`` stands for in the documents: ``territoire``,
    ``duree_conservation`` (``CARTOPARTI_RETENTION_MONTHS``), ``contact_dpo``
    (``CARTOPARTI_DPO_CONTACT``), ``contact`` (the DPO's, else the town's mail sender),
    ``adresse_site`` (``CARTOPARTI_PUBLIC_URL``), ``moderation`` (the mode, in words);
    ``directeur_publication``, ``hebergeur`` and ``audit`` are left to the town
    (a visible « à compléter »)."""
    months = settings.retention_months
    sender = settings.smtp.sender if settings.smtp is not None else ""
    dpo = settings.dpo_contact or i18n.message("legal.ask_town_hall")
    return {
        "territoire": str(territory_info.get("name") or "") or _placeholder("territory"),
        "duree_conservation": (
            i18n.message("rights.retention_forever") if months is None
            else i18n.message("rights.retention_months", months=months)
        ),
        "contact_dpo": dpo,
        "contact": settings.dpo_contact or sender or _placeholder("contact"),
        "adresse_site": settings.public_url or _placeholder("site"),
        "moderation": i18n.message(f"legal.moderation.{settings.moderation}"),
        "directeur_publication": _placeholder("director"),
        "hebergeur": _placeholder("host"),
        "audit": _placeholder("audit"),
    }


def document(settings: Settings, territory_info: Mapping[str, object], name: str) -> list[Block]:
    """Document ``name`` (one of :data:`DOCUMENTS`) of the configured territory, filled
    in, as blocks to show as text (never interpreted)."""
    text = read_document(settings.territory, name)
    return blocks(fill(text, values(settings, territory_info)))
