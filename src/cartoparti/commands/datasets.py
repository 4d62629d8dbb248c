"""Datasets, from the agents' pages while the app runs: look at a file before importing
it (its columns, first rows, and which of our fields each column probably is), import
it with a mapping and defaults (the CLI's ``import``, audited), export the published
contributions.

One command per action: each checks who acts, does its work in one transaction, and
records it in the audit log.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import pandas as pd

from cartoparti.commands import exports
from cartoparti.commands._common import Source, _actor, _as_file
from cartoparti.io.importer import FIELDS, ImportReport, import_file, read_rows
from cartoparti.settings import Settings
from cartoparti.storage import Storage

__all__ = ["Preview", "export", "guess_mapping", "import_dataset", "preview"]

PREVIEW_ROWS = 5

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "identifiant", "numero", "num"),
    "kind": ("kind", "type", "nature", "categorie"),
    "title": ("title", "titre", "libelle", "intitule", "objet", "nom"),
    "text": ("text", "texte", "description", "message", "commentaire", "detail"),
    "theme": ("theme", "thematique", "sujet"),
    "created_at": ("created_at", "date", "date_creation", "datetime"),
    "channel": ("channel", "canal", "source"),
    "contributor_id": ("contributor_id", "contributeur", "auteur"),
    "age_band": ("age_band", "age", "tranche_age"),
    "csp": ("csp", "categorie_socio_professionnelle", "pcs"),
    "home_commune": ("home_commune", "commune_residence", "code_insee"),
    "first_time": ("first_time", "premiere_fois"),
    "lon": ("lon", "lng", "longitude"),
    "lat": ("lat", "latitude"),
    "x": ("x", "coord_x", "x_l93"),
    "y": ("y", "coord_y", "y_l93"),
    "wkt": ("wkt", "geometrie", "geom_wkt"),
    "commune": ("commune", "nom_commune", "ville"),
    "landmark": ("landmark", "n_de_repere", "repere", "numero_repere"),
    "address": ("address", "adresse", "adresse_ou_lieu"),
    "session_place": ("session_place", "lieu_de_rencontre"),
}
"""Names a column of our fields often has (plain: see ``_plain``); every field has some."""


def _plain(name: str) -> str:
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def guess_mapping(columns: list[str]) -> dict[str, str]:
    """Our field → the file's column that probably holds it: the same name, a French
    synonym, with accents, case and a short prefix ignored (``b_libelle`` is a title).
    A column is given to one field at most; fields named exactly win."""
    plain = {c: _plain(c) for c in columns}
    unprefixed = {c: re.sub(r"^[a-z0-9]{1,3}_", "", p) for c, p in plain.items()}
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for candidates in (plain, unprefixed):
        for field in FIELDS:
            if field in mapping:
                continue
            for column in columns:
                if column not in taken and candidates[column] in _SYNONYMS[field]:
                    mapping[field] = column
                    taken.add(column)
                    break
    return {f: mapping[f] for f in FIELDS if f in mapping}


@dataclass(frozen=True)
class Preview:
    """A file as an agent sees it before importing it."""

    columns: list[str]
    rows: pd.DataFrame
    """The first rows, as read (text)."""
    count: int
    has_geometry: bool
    """Whether the file carries its own geometry (GeoJSON, GeoPackage)."""
    guess: dict[str, str]


def preview(
    source: Source, *, name: str | None = None, rows: int = PREVIEW_ROWS, max_bytes: int | None = None
) -> Preview:
    """Read a file (path or uploaded bytes named ``name``) without importing anything.
    Raise :class:`~cartoparti._errors.ImportFileError` if it cannot be read (or is
    larger than ``max_bytes``)."""
    with _as_file(source, name) as path:
        data, geometry, lines = read_rows(path, max_bytes=max_bytes)
    columns = [str(c) for c in data.columns]
    return Preview(
        columns=columns,
        rows=data.head(rows).reset_index(drop=True),
        count=len(lines),
        has_geometry=geometry is not None,
        guess=guess_mapping(columns),
    )


def import_dataset(
    store: Storage,
    user: dict[str, Any] | None,
    source: Source,
    *,
    settings: Settings,
    name: str | None = None,
    mapping: dict[str, str] | None = None,
    crs: int | None = None,
    default_kind: str | None = None,
    default_channel: str | None = None,
    default_theme: str | None = None,
) -> ImportReport:
    """An agent imports a file of contributions, as ``cartoparti import`` does: each row
    imported whole or rejected with its reason, personal data held in the same
    transaction, a row already imported skipped. The import and its audit entry are one
    transaction."""
    actor = _actor(user)
    with _as_file(source, name) as path, store.transaction():
        report = import_file(
            store,
            path,
            themes=settings.themes,
            mapping={k: v for k, v in (mapping or {}).items() if v},
            crs=crs,
            default_kind=default_kind,
            default_channel=default_channel,
            default_theme=default_theme,
            published=settings.publish_at_once,
            max_bytes=settings.import_max_bytes,
            max_vertices=settings.max_vertices,
            max_area_km2=settings.max_area_km2,
        )
        store.record_audit(
            actor,
            "import",
            after={
                "file": path.name,
                "imported": report.imported,
                "held": len(report.held),
                "rejected": len(report.rejected),
                "duplicates": report.duplicates,
            },
        )
    return report


def export(
    store: Storage, user: dict[str, Any] | None, fmt: str, *, settings: Settings | None = None
) -> bytes:
    """The published contributions as a file (``geojson``, ``csv``, ``open311``, or
    ``gpkg`` with every layer of :data:`cartoparti.commands.exports.LAYERS`), for an
    agent; recorded in the audit log. ``settings``: the themes (Open311 services)."""
    actor = _actor(user)
    if fmt not in exports.FORMATS:
        raise ValueError(fmt)
    data = exports.export_bytes(store, settings or Settings(), fmt)
    store.record_audit(actor, "export", after={"format": fmt, "bytes": len(data)})
    return data
