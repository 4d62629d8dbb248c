"""The domain: contributions, their kinds, channels and the publics they come from.

Codes are stable English identifiers (used by the command line and exports);
labels are the words shown to users, in the active language (:mod:`cartoparti.i18n`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from shapely.geometry.base import BaseGeometry

from cartoparti._errors import ValidationError
from cartoparti.i18n import Labels, message, table
from cartoparti.privacy import kinds_found

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

__all__ = [
    "AGE_BANDS",
    "CHANNELS",
    "CSP",
    "KINDS",
    "KIND_STYLE",
    "Draft",
    "day_range",
    "normalise_code",
    "validate_draft",
]

KINDS: Labels = table("kinds")
"""Kind code → label (the active catalogue's table, looked up at each access)."""

KIND_STYLE: dict[str, dict[str, str]] = {
    "need": {"color": "#1f77b4", "icon": "✚"},
    "weak_signal": {"color": "#9467bd", "icon": "◉"},
    "memory": {"color": "#8c564b", "icon": "✿"},
    "proposal": {"color": "#2ca02c", "icon": "★"},
    "report": {"color": "#d62728", "icon": "⚠"},
}

CHANNELS: Labels = table("channels")
"""Channel code → label."""

AGE_BANDS: Labels = table("age_bands")
"""INSEE age band code → label."""

CSP: Labels = table("csp")
"""Socio-professional category code (CS1 … CS8) → label."""

TITLE_MAX = 120
TEXT_MAX = 5000
_COMMUNE_CODE = re.compile(r"^(\d{5}|2[AB]\d{3})$")


@lru_cache(maxsize=4096)
def _fold(value: str) -> str:
    """Lower case, no accents, spaces and dashes as underscores."""
    text = unicodedata.normalize("NFKD", value.strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\s\-']+", "_", text)


def normalise_code(value: object, table: Mapping[str, str]) -> str | None:
    """Return the code of ``value`` given as a code or a label (of any language for a
    :class:`~cartoparti.i18n.Labels` table), else ``None``."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    folded = _fold(text)
    pairs = table.every_label() if isinstance(table, Labels) else table.items()
    for code, label in pairs:
        if folded in (_fold(code), _fold(label)):
            return code
    return None


@dataclass
class Draft:
    """A contribution before it is stored. Geometry in WGS84 (lon, lat)."""

    kind: str | None = None
    title: str = ""
    text: str = ""
    theme: str | None = None
    geometry: BaseGeometry | None = None
    created_at: datetime | None = None
    channel: str = "online"
    contributor_id: str | None = None
    age_band: str | None = None
    csp: str | None = None
    home_commune: str | None = None
    first_time: bool | None = None
    photo: bytes | None = None
    source_key: str | None = None
    extra: dict[str, object] = field(default_factory=dict)
    personal_data: tuple[str, ...] = ()
    """Kinds of personal data (phone, e-mail) found in the title or text by
    :func:`validate_draft`: such a contribution is stored held, never published."""

    @property
    def has_profile(self) -> bool:
        return any(
            v not in (None, "")
            for v in (self.contributor_id, self.age_band, self.csp, self.home_commune, self.first_time)
        )


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def validate_draft(draft: Draft, *, themes: tuple[str, ...]) -> Draft:
    """Check and normalise a draft; raise :class:`ValidationError` field → message.

    Kinds, channels, age bands and categories may be given as codes or French labels.
    """
    errors: dict[str, str] = {}
    kind = normalise_code(draft.kind, KINDS)
    if kind is None:
        errors["kind"] = (
            message("kind.required")
            if _blank(draft.kind)
            else message("kind.unknown", value=draft.kind)
        )
    title = (draft.title or "").strip()
    if not title:
        errors["title"] = message("title.required")
    elif len(title) > TITLE_MAX:
        errors["title"] = message("title.too_long", max=TITLE_MAX)
    text = (draft.text or "").strip()
    if len(text) > TEXT_MAX:
        errors["text"] = message("text.too_long", max=TEXT_MAX)
    theme = (draft.theme or "").strip() or None
    if theme is None:
        errors["theme"] = message("theme.required")
    else:
        match = [t for t in themes if _fold(t) == _fold(theme)]
        if not match:
            errors["theme"] = message("theme.unknown", value=theme)
        else:
            theme = match[0]
    channel = normalise_code(draft.channel or "online", CHANNELS)
    if channel is None:
        errors["channel"] = message("channel.unknown", value=draft.channel)
    if draft.geometry is None or draft.geometry.is_empty:
        errors["location"] = message("location.required")
    elif not draft.geometry.is_valid:
        errors["location"] = message("location.invalid")
    age_band = None
    if not _blank(draft.age_band):
        age_band = normalise_code(draft.age_band, AGE_BANDS)
        if age_band is None:
            errors["age_band"] = message("age_band.unknown", value=draft.age_band)
    csp = None
    if not _blank(draft.csp):
        csp = normalise_code(draft.csp, CSP)
        if csp is None:
            errors["csp"] = message("csp.unknown", value=draft.csp)
    home = None if _blank(draft.home_commune) else str(draft.home_commune).strip()
    if home is not None and not _COMMUNE_CODE.match(home):
        errors["home_commune"] = message("home_commune.invalid", value=home)
    created_at = draft.created_at or datetime.now(UTC)
    if created_at.tzinfo is None:
        created_at = created_at.replace(tzinfo=UTC)
    if errors:
        raise ValidationError(errors)
    return Draft(
        kind=kind,
        title=title,
        text=text,
        theme=theme,
        geometry=draft.geometry,
        created_at=created_at.astimezone(UTC),
        channel=channel or "online",
        contributor_id=None if _blank(draft.contributor_id) else str(draft.contributor_id).strip(),
        age_band=age_band,
        csp=csp,
        home_commune=home,
        first_time=draft.first_time,
        photo=draft.photo,
        source_key=draft.source_key,
        extra=draft.extra,
        personal_data=tuple(kinds_found(title, text)),
    )


LOCAL_TZ = "Europe/Paris"


def day_range(first: date, last: date) -> tuple[datetime, datetime]:
    """UTC bounds ``[since, until)`` covering the local (Paris) days ``first`` … ``last``."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(LOCAL_TZ)
    since = datetime.combine(first, time.min, tzinfo=tz)
    until = datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz)
    return since.astimezone(UTC), until.astimezone(UTC)


# -- the territory -------------------------------------------------------------------
@dataclass
class ZoneLayer:
    """Zones of one layer, WGS84; columns ``code, name, population,
    population_source, has_breakdown, geometry``."""

    name: str
    label: str
    zones: gpd.GeoDataFrame


ADDRESS_COLUMNS = ("label", "commune_code", "lon", "lat")


def _no_addresses() -> pd.DataFrame:
    import pandas as pd  # not at import time: the model is imported by commands that need no pandas

    return pd.DataFrame(columns=list(ADDRESS_COLUMNS))


@dataclass
class Territory:
    """A territory read from a folder, ready to be stored."""

    name: str
    folder: Path
    zone_layers: list[ZoneLayer]
    primary: str
    population: pd.DataFrame
    """Long table ``layer, code, dimension, grp, population`` (dimension ``age_band``
    or ``csp``; csp counts people aged 15 or more)."""
    landmarks: gpd.GeoDataFrame
    """Columns ``layer, layer_label, id, name, geometry`` (WGS84)."""
    attribution: str
    sources: list[str] = field(default_factory=list)
    addresses: pd.DataFrame = field(default_factory=lambda: _no_addresses())
    """Addresses of the territory for the place search (a Base Adresse Nationale file
    in the folder): ``label, commune_code, lon, lat``; empty without one."""

    def layer(self, name: str) -> ZoneLayer:
        for layer in self.zone_layers:
            if layer.name == name:
                return layer
        raise KeyError(name)
