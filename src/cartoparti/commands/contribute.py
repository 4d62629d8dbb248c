"""One resident's contribution, from the web form to the database.

:func:`submit` checks every field (French messages by field), places the
contribution in its zone, strips the photo's metadata (its GPS position, camera…)
and stores it. Nothing here knows about streamlit.
"""

from __future__ import annotations

import io
import logging
import secrets
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import shape

from cartoparti import i18n
from cartoparti._errors import OutsideTerritoryError, ValidationError
from cartoparti.commands import limits, notify, residents
from cartoparti.model import Draft, validate_draft
from cartoparti.settings import Settings
from cartoparti.storage import Storage

__all__ = [
    "PHOTO_FORMATS",
    "PHOTO_MAX_BYTES",
    "PHOTO_MAX_PIXELS",
    "Receipt",
    "check",
    "clean_photo",
    "geometry_from_geojson",
    "place_without_map",
    "record",
    "submit",
]

_LOG = logging.getLogger("cartoparti.contribute")

PHOTO_MAX_BYTES = 8 * 1024 * 1024
PHOTO_MAX_SIDE = 1600


@dataclass
class Receipt:
    """What a resident gets back once the contribution is stored."""

    id: str
    zone_code: str
    zone_name: str
    published: bool
    follow_code: str = ""
    """Private code to follow the contribution (shown once; only its hash is stored)."""
    personal_data: tuple[str, ...] = ()
    """Kinds of personal data found (the contribution then waits for an agent)."""


def geometry_from_geojson(geojson: dict[str, Any] | None) -> shapely.Geometry | None:
    """A drawn feature or geometry (GeoJSON, WGS84) as shapely, or ``None``."""
    if not geojson:
        return None
    geometry = geojson.get("geometry", geojson)
    try:
        return shape(geometry)
    except Exception:  # noqa: BLE001 - malformed drawing: treated as no location
        return None


def place_without_map(store: Storage, zone_code: str | None, landmark_id: str | None) -> shapely.Geometry | None:
    """Location chosen from lists: the landmark if given, else a point inside the zone."""
    if landmark_id:
        point = store.landmark_point(landmark_id)
        if point is not None:
            return point
    if zone_code:
        return store.zone_point(zone_code)
    return None


PHOTO_FORMATS = ("JPEG", "PNG", "WEBP")
"""What a photo may be, read from its content (never from its name)."""
PHOTO_MAX_PIXELS = 50_000_000
"""Most pixels a photo may have (a 48-megapixel phone photo passes); more is refused
before it is decoded, so that a small file cannot fill the server's memory."""


def clean_photo(data: bytes) -> tuple[bytes, str]:
    """Re-encode an uploaded image as JPEG without metadata, at most 1600 px a side.

    Checked on its content: at most :data:`PHOTO_MAX_BYTES` (before anything is
    decoded), one of :data:`PHOTO_FORMATS` (an SVG, a PDF renamed ``.jpg``, a GIF are
    refused), at most :data:`PHOTO_MAX_PIXELS` (a decompression bomb is refused from
    its header). The camera's rotation (EXIF orientation) is applied, then every
    metadata dropped: EXIF (GPS, camera), comments, XMP, ICC profile (the colours are
    first converted to sRGB).

    Raise :class:`ValidationError` (field ``photo``) with a French message otherwise.
    """
    import warnings

    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(data) > PHOTO_MAX_BYTES:
        raise ValidationError({"photo": i18n.message("photo.too_large", max_mb=PHOTO_MAX_BYTES // 2**20)})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(PHOTO_FORMATS)) as image:
                width, height = image.size
                if width * height > PHOTO_MAX_PIXELS:
                    raise ValidationError({"photo": _too_many_pixels(width, height)})
                image.draft("RGB", (PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))  # JPEG: decode at a reduced scale
                image.load()
                oriented = ImageOps.exif_transpose(image)
                out = _plain_rgb(oriented, image.info.get("icc_profile"))
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError({"photo": _too_many_pixels(*_size_or_zero(data))}) from exc
    except UnidentifiedImageError as exc:
        raise ValidationError({"photo": i18n.message("photo.not_an_image")}) from exc
    except (OSError, ValueError, SyntaxError) as exc:  # a truncated or broken image
        raise ValidationError({"photo": i18n.message("photo.unreadable")}) from exc
    out.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
    buffer = io.BytesIO()
    out.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue(), "image/jpeg"


def _too_many_pixels(width: int, height: int) -> str:
    return i18n.message(
        "photo.too_many_pixels", width=width, height=height, max_mp=PHOTO_MAX_PIXELS // 1_000_000
    )


def _size_or_zero(data: bytes) -> tuple[int, int]:
    """Width and height from the image's header, read by its format's plugin without
    :func:`PIL.Image.open`'s own bomb check (which says no size); ``(0, 0)`` if unknown."""
    from PIL import Image

    Image.init()
    for name in PHOTO_FORMATS:
        factory, accept = Image.OPEN[name]
        if accept is None or accept(data[:16]):
            try:
                return factory(io.BytesIO(data)).size
            except Exception:  # noqa: BLE001, S112 - only for the message
                continue
    return 0, 0


def _plain_rgb(image: Any, icc_profile: bytes | None) -> Any:
    """A new RGB image holding only the pixels of ``image`` (no ``info``: no EXIF,
    comment, XMP or ICC profile); colours converted from ``icc_profile`` to sRGB,
    transparency laid on white."""
    from PIL import Image, ImageCms

    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    rgb = image.convert("RGB")
    if icc_profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            rgb = ImageCms.profileToProfile(rgb, source, ImageCms.createProfile("sRGB"), outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: the pixels as they are
    clean = Image.new("RGB", rgb.size)
    clean.paste(rgb)
    return clean


def submit(
    store: Storage,
    *,
    settings: Settings,
    follow_code: str | None = None,
    email: str | None = None,
    email_consent: bool = False,
    client: limits.Client | None = None,
    honeypot: str = "",
    **fields: Any,
) -> Receipt:
    """Validate and store a contribution (``fields`` as for :func:`check`); raise
    :class:`ValidationError` (field → message). ``settings`` gives the themes and the
    moderation mode.

    A title or text holding a phone number or an e-mail address is kept unpublished
    and flagged for an agent. The receipt carries a follow code: ``follow_code`` if
    given (the resident's earlier one), else a new one.

    ``email`` (optional, with ``email_consent``): the author's address, to be told when
    the contribution moves; kept apart (never public) and only when the town sends
    mail (``settings.smtp``). A wrong address is an error of the field ``email``.

    ``client``: the resident's browser and address; once they have sent as many
    contributions as the settings allow (``contribution``, ``contribution_address``),
    :class:`~cartoparti.commands.limits.RateLimitedError` is raised and nothing is
    stored. ``honeypot``: the form's field hidden from people; filled (by a robot), the
    contribution is checked as usual and then silently dropped, with a receipt that
    looks like any other.
    """
    limits.guard_resident(store, settings, "contribution", client)
    errors: dict[str, str] = {}
    address = None
    try:
        address = notify.check_address(email, consent=email_consent)
    except ValidationError as exc:
        errors.update(exc.errors)
    try:
        draft, zones = check(store, settings=settings, **fields)
    except ValidationError as exc:
        raise ValidationError({**exc.errors, **errors}) from None
    if errors:
        raise ValidationError(errors)
    if (honeypot or "").strip():
        _LOG.warning("honeypot field filled: a contribution dropped (client %s)", client)
        limits.count_resident(store, settings, "contribution", client)
        return _receipt(
            store, secrets.token_hex(8), zones, published=settings.publish_at_once and not draft.personal_data,
            follow_code=follow_code or residents.new_follow_code(), personal=list(draft.personal_data),
        )
    receipt = record(
        store, draft, zones, settings=settings, follow_code=follow_code,
        notify_email=address if settings.smtp is not None else None,
    )
    limits.count_resident(store, settings, "contribution", client)
    return receipt


def _receipt(
    store: Storage, new_id: str, zones: dict[str, str], *, published: bool, follow_code: str, personal: list[str]
) -> Receipt:
    primary = store.primary_layer()
    code = zones[primary]
    return Receipt(
        id=new_id, zone_code=code, zone_name=store.zone_name(code, primary) or code, published=published,
        follow_code=follow_code, personal_data=tuple(personal),
    )


def check(
    store: Storage,
    *,
    settings: Settings,
    kind: str | None,
    title: str,
    theme: str | None,
    location: shapely.Geometry | None,
    text: str = "",
    photo: bytes | None = None,
    age_band: str | None = None,
    csp: str | None = None,
    home_commune: str | None = None,
    first_time: bool | None = None,
    channel: str = "online",
    contributor_id: str | None = None,
) -> tuple[Draft, dict[str, str]]:
    """Check every field of a contribution without storing anything: the clean draft
    (photo stripped of its metadata) and its zone code in each layer. Raise
    :class:`ValidationError` (field → French message) listing every problem."""
    errors: dict[str, str] = {}
    draft = Draft(
        kind=kind,
        title=title,
        text=text,
        theme=theme,
        geometry=location,
        channel=channel,
        contributor_id=contributor_id,
        age_band=age_band,
        csp=csp,
        home_commune=home_commune,
        first_time=first_time,
    )
    try:
        draft = validate_draft(
            draft, themes=settings.themes, max_vertices=settings.max_vertices, max_area_km2=settings.max_area_km2
        )
    except ValidationError as exc:
        errors.update(exc.errors)
    zones: dict[str, str] = {}
    if location is not None and "location" not in errors:
        try:
            zones = store.locate(location)
        except OutsideTerritoryError:
            errors["location"] = i18n.message("location.outside_place_inside")
    if photo:
        try:
            draft.photo, mime = clean_photo(photo)
            draft.extra["photo_mime"] = mime
        except ValidationError as exc:
            errors.update(exc.errors)
    if errors:
        raise ValidationError(errors)
    return draft, zones


def record(
    store: Storage,
    draft: Draft,
    zones: dict[str, str],
    *,
    settings: Settings,
    follow_code: str | None = None,
    field_entry: dict[str, Any] | None = None,
    notify_email: str | None = None,
) -> Receipt:
    """Store a draft checked by :func:`check` in one transaction: the contribution,
    its personal-data flag, its follow code and, for an agent's entry, the field
    entry (see :meth:`cartoparti.storage.Storage.submit_contribution`)."""
    personal = list(draft.personal_data)  # found by validation; held in the same transaction
    published = settings.publish_at_once and not personal
    code_for_resident = follow_code or residents.new_follow_code()
    new_id = store.submit_contribution(
        draft,
        published=published,
        personal_data=personal,
        follow_code_hash=residents.follow_code_hash(code_for_resident),
        field_entry=field_entry,
        notify_email=notify_email,
    )
    return _receipt(store, new_id, zones, published=published, follow_code=code_for_resident, personal=personal)
