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
from cartoparti.settings import Settings

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

__all__ = [
    "AGE_BANDS",
    "CHANNELS",
    "CSP",
    "KINDS",
    "KIND_STYLE",
    "MAX_AREA_KM2",
    "MAX_VERTICES",
    "PROFILE_FIELDS",
    "Draft",
    "check_geometry",
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
MAX_VERTICES: int = Settings.max_vertices
"""Default of the most vertices a drawn or imported shape may have (``CARTOPARTI_MAX_VERTICES``)."""
MAX_AREA_KM2: float = Settings.max_area_km2
"""Default of the largest area in km² (geodesic) a shape may cover (``CARTOPARTI_MAX_AREA_KM2``)."""
CREATED_AT_RANGE = (datetime(1900, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
"""Dates a contribution may carry (UTC): outside, a date is a typing error."""
PROFILE_FIELDS: tuple[str, ...] = ("contributor_id", "age_band", "csp", "home_commune", "first_time")
"""The fields that say who the contributor is ("À propos de vous"): personal, never
written where an agent's erasure cannot reach (rejects files, logs)."""
GEOMETRY_TYPES = ("Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon")
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


def _text(value: object) -> str:
    """A field's value as text: a number read from a file (``"theme": 3``) is its digits.
    NUL characters (refused by PostgreSQL) are removed and lone surrogates (not
    encodable) become U+FFFD."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace").replace("\x00", "")


def check_geometry(
    geometry: BaseGeometry | None, *, max_vertices: int = MAX_VERTICES, max_area_km2: float = MAX_AREA_KM2
) -> BaseGeometry:
    """A drawn or imported shape, checked and made flat: WGS84 longitudes and latitudes,
    at most ``max_vertices`` vertices, at most ``max_area_km2`` km² (geodesic area on
    the WGS84 ellipsoid), valid. Z and M values are dropped (the 2D shape is kept).
    Raise :class:`ValidationError` (``location`` → French message)."""
    import numpy as np
    import shapely

    def refuse(key: str, **values: object) -> ValidationError:
        return ValidationError({"location": message(key, **values)})

    if geometry is None or geometry.is_empty:
        raise refuse("location.required")
    if geometry.geom_type not in GEOMETRY_TYPES:
        raise refuse("location.type_unsupported", type=geometry.geom_type)
    vertices = int(shapely.get_num_coordinates(geometry))
    if vertices > max_vertices:
        raise refuse("location.too_many_vertices", count=vertices, max=max_vertices)
    geometry = shapely.force_2d(geometry)
    coords = shapely.get_coordinates(geometry)
    if not np.isfinite(coords).all():
        raise refuse("location.not_finite")
    if not ((np.abs(coords[:, 0]) <= 180).all() and (np.abs(coords[:, 1]) <= 90).all()):
        raise refuse("location.not_wgs84")
    if not geometry.is_valid:
        raise refuse("location.invalid")
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        from pyproj import Geod

        area_km2 = abs(Geod(ellps="WGS84").geometry_area_perimeter(geometry)[0]) / 1e6
        if not area_km2 <= max_area_km2:
            raise refuse("location.too_large", area=round(area_km2), max=_number(max_area_km2))
    return geometry


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def validate_draft(
    draft: Draft,
    *,
    themes: tuple[str, ...],
    max_vertices: int = MAX_VERTICES,
    max_area_km2: float = MAX_AREA_KM2,
) -> Draft:
    """Check and normalise a draft; raise :class:`ValidationError` field → message.

    Kinds, channels, age bands and categories may be given as codes or French labels;
    any field may hold a number (as a file gives it), read as its text. The shape goes
    through :func:`check_geometry` (``max_vertices``, ``max_area_km2``).
    """
    errors: dict[str, str] = {}
    geometry = None
    try:
        geometry = check_geometry(draft.geometry, max_vertices=max_vertices, max_area_km2=max_area_km2)
    except ValidationError as exc:
        errors.update(exc.errors)
    kind = normalise_code(draft.kind, KINDS)
    if kind is None:
        errors["kind"] = (
            message("kind.required")
            if _blank(draft.kind)
            else message("kind.unknown", value=draft.kind)
        )
    title = _text(draft.title).strip()
    if not title:
        errors["title"] = message("title.required")
    elif len(title) > TITLE_MAX:
        errors["title"] = message("title.too_long", max=TITLE_MAX)
    text = _text(draft.text).strip()
    if len(text) > TEXT_MAX:
        errors["text"] = message("text.too_long", max=TEXT_MAX)
    theme = _text(draft.theme).strip() or None
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
    created_at = draft.created_at if isinstance(draft.created_at, datetime) else datetime.now(UTC)
    if created_at.tzinfo is None:
        created_at = created_at.replace(tzinfo=UTC)
    try:
        created_at = created_at.astimezone(UTC)
    except (OverflowError, ValueError):  # 9999-12-31T23:00-05:00 is after year 9999 in UTC
        created_at = CREATED_AT_RANGE[1]
    if not CREATED_AT_RANGE[0] <= created_at < CREATED_AT_RANGE[1]:
        errors["created_at"] = message(
            "created_at.out_of_range", first=CREATED_AT_RANGE[0].year, last=CREATED_AT_RANGE[1].year - 1
        )
    if errors:
        raise ValidationError(errors)
    return Draft(
        kind=kind,
        title=title,
        text=text,
        theme=theme,
        geometry=geometry,
        created_at=created_at,
        channel=channel or "online",
        contributor_id=None if _blank(draft.contributor_id) else _text(draft.contributor_id).strip(),
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
