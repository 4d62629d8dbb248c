"""Settings: typed, read from the environment and validated once, at start.

- ``CARTOPARTI_DB``: the database: a DuckDB file path (default ``data/cartoparti.duckdb``,
  relative to the working directory) or a ``postgresql://user@host/db`` URL.
- ``CARTOPARTI_TERRITORY``: folder of the territory (default: the Lens-Liévin
  agglomeration in ``geodata/lens-lievin`` of the project).
- ``CARTOPARTI_BASEMAP``: the map's background (:class:`Basemap`): ``none`` (the
  territory's own layers; the default), ``plan-ign`` (IGN's "Plan IGN v2" WMTS, no key,
  Licence Ouverte), ``xyz`` (the tile URL of ``CARTOPARTI_TILES_URL``,
  ``https://…/{z}/{x}/{y}.png`` or a path on our own server) or ``pmtiles`` (an offline
  vector basemap: the ``.pmtiles`` file of ``CARTOPARTI_PMTILES`` or the one in the
  territory folder, served by the app and drawn by protomaps-leaflet). A
  ``CARTOPARTI_TILES_URL`` alone means ``xyz``. ``CARTOPARTI_TILES_ATTRIBUTION``
  replaces the credit shown under the map.
- ``CARTOPARTI_THEMES``: comma-separated list of themes (default below).
- ``CARTOPARTI_SERVICES``: comma-separated list of the town's services (default below).
- ``CARTOPARTI_MODERATION``: ``a_priori`` (published after an agent's review) or
  ``a_posteriori`` (published at once; default).
- ``CARTOPARTI_ALERT_MIN_CONTRIBUTORS`` (default 3), ``CARTOPARTI_ALERT_RADIUS_M``
  (250) and ``CARTOPARTI_ALERT_DAYS`` (30): the agents' home raises an alert when weak
  signals from at least that many distinct contributors gather within that many metres
  in that many days (:mod:`cartoparti.commands.clusters`).
- ``CARTOPARTI_CAPACITY``: what each service can give to the action plan, in agent-days
  per month: ``service=days`` pairs separated by commas (``voirie et mobilité=20,espaces
  verts=8``; decimals with a dot). Each service must be one of ``CARTOPARTI_SERVICES``.
  It seeds the capacities; an administrator may change them in the app (stored). Default:
  none (no service has a capacity, nothing warns).
- ``CARTOPARTI_LANGUAGE``: language of the words shown to users, one of the catalogues
  of :mod:`cartoparti.i18n` (``fr``, the default, or ``en``): the site's default
  language, and the only one of the command line and the mails.
- ``CARTOPARTI_SMTP_HOST`` (with ``_PORT``, ``_FROM``, optional ``_USER``/``_PASSWORD``
  and ``_STARTTLS``): the mail server that tells residents who left an address that
  their contribution moved (:class:`Smtp`). Without a host no mail is ever sent.
- ``CARTOPARTI_PUBLIC_URL``: the site's address (``https://…``), put before the paths
  of the links in those mails; empty: the paths alone.

- ``CARTOPARTI_SECRET_KEY``: the site's secret that signs its cookies (the browser's
  id, the agents' sign-in), at least 32 characters. Empty (the default): one is
  generated once and kept in the database, so that every server of one database
  shares it.
- ``CARTOPARTI_SESSION_HOURS``: how long an agent's sign-in lasts, across reloads and
  tabs, in hours (0.1 to 720; default 12).

- ``CARTOPARTI_SIGNIN_MAX_FAILURES`` (default 5, 2 to 100): wrong passwords for one
  account within ``CARTOPARTI_SIGNIN_WINDOW_MIN`` minutes (15, 1 to 1440) lock it for
  ``CARTOPARTI_SIGNIN_LOCKOUT_MIN`` minutes (15, 1 to 1440), twice as long at each
  further lock-out within 24 hours (up to 24 hours); the right password does not work
  meanwhile. ``CARTOPARTI_SIGNIN_ADDRESS_MAX_FAILURES`` (20, 2 to 10000): the same for
  one address, whatever the accounts tried (:mod:`cartoparti.commands.limits`).
- ``CARTOPARTI_RATE_LIMITS``: what residents may do per browser and per address, as
  ``action=count/minutes`` pairs separated by commas that replace the defaults of
  :data:`RATE_LIMITS` one by one (``contribution=5/60,support_same=3/1440``); an
  unknown action or a count or duration that is not a whole number ≥ 1 stops the app.

- ``CARTOPARTI_MAX_VERTICES`` (default 2000, 4 to 1,000,000): the most vertices a
  shape drawn on the map or imported may have; ``CARTOPARTI_MAX_AREA_KM2`` (default
  100, 0.001 to 1,000,000): the largest area (km², geodesic) of a drawn or imported
  surface (:func:`cartoparti.model.check_geometry`; Z and M values are dropped).
- ``CARTOPARTI_IMPORT_MAX_MB`` (default 200, 0.01 to 10,000): the largest file an
  import reads, from the command line or uploaded on the agents' Données page.

- ``CARTOPARTI_PUBLIC_PRECISION``: the public location precision per kind, in metres:
  ``kind=metres`` pairs separated by commas, a kind by its code or its French word
  (``souvenir=100,besoin=100``, the default; ``0``: exact). The list replaces the
  default: a kind it does not name is published exactly. The public position (map,
  contribution and story pages, open exports) is snapped to a grid of that size in
  Lambert-93 and rounded to what it allows (:func:`cartoparti.privacy.public_geometries`);
  agents see the exact one. Whole metres, 0 to 5 000.

- ``CARTOPARTI_RETENTION_MONTHS``: after how many months (a whole number, 1 to 600;
  default 24) the profile answers (age band, category, home commune, first time) and
  the e-mail addresses of a contribution are purged (:mod:`cartoparti.commands.rights`,
  done by the app once a day and by ``cartoparti purge``); ``0`` or ``jamais`` /
  ``never``, written out, keeps them for ever.
- ``CARTOPARTI_DPO_CONTACT``: how to reach the town's data protection officer (an
  address, a mail), written into the default « Données personnelles » page; empty: the
  page says to ask the town hall.

- ``CARTOPARTI_LANGUAGES``: the languages a visitor may read the site in, separated by
  commas (``fr,en``), each with a catalogue and ``CARTOPARTI_LANGUAGE`` among them.
  A visitor's browser language picks one of them for the session, and a switch in the
  sidebar lets them choose another (:func:`cartoparti.web.session_language`). Default:
  ``CARTOPARTI_LANGUAGE`` alone (no switch; a visitor never sees another language).

A value that is not understood raises :class:`SettingsError` with a French message: the
app and the command line stop with it. Nothing falls back silently to a default (a
mistyped moderation mode must never mean "publish everything").
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from cartoparti import i18n
from cartoparti._errors import SettingsError

__all__ = ["Basemap", "Settings", "SettingsError", "Smtp", "current", "reset"]

PROJECT_ROOT: Path = Path(__file__).resolve().parents[2]

DEFAULT_DB = "data/cartoparti.duckdb"

DEFAULT_THEMES: tuple[str, ...] = (
    "mobilité",
    "espaces publics",
    "nature",
    "logement",
    "jeunesse",
    "commerces",
    "culture et mémoire",
    "sécurité",
    "autre",
)

DEFAULT_SERVICES: tuple[str, ...] = (
    "voirie et mobilité",
    "espaces verts",
    "urbanisme et habitat",
    "politique de la ville",
    "jeunesse et sports",
    "culture et patrimoine",
    "tranquillité publique",
    "propreté",
    "démocratie participative",
)

BasemapKind = Literal["none", "plan-ign", "xyz", "pmtiles"]
BASEMAP_KINDS: tuple[str, ...] = ("none", "plan-ign", "xyz", "pmtiles")

PLAN_IGN_URL = (
    "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM"
    "&FORMAT=image/png&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}"
)
PLAN_IGN_ATTRIBUTION = "© IGN – Plan IGN v2 (Licence Ouverte Etalab 2.0)"
PMTILES_ATTRIBUTION = "© contributeurs OpenStreetMap (ODbL) – Protomaps"


@dataclass(frozen=True)
class Basemap:
    """The map's background, checked."""

    kind: BasemapKind = "none"
    url: str | None = None
    """Tile URL template (``plan-ign``, ``xyz``)."""
    file: Path | None = None
    """The ``.pmtiles`` file (``pmtiles``)."""
    attribution: str = ""

    @property
    def remote(self) -> bool:
        """Whether the browser fetches tiles from another server."""
        return self.url is not None and self.url.startswith(("https://", "http://"))


@dataclass(frozen=True)
class Smtp:
    """The mail server residents' notifications go through, checked."""

    host: str
    port: int = 25
    sender: str = ""
    """The ``From`` address of the mails."""
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    starttls: bool = False


EMAIL_PATTERN = re.compile(r"^[^@\s<>,;\"']+@[^@\s<>,;\"']+\.[^@\s<>,;\"'.]{2,}$")
"""What an e-mail address must look like (one ``@``, a dot in the domain, no space)."""

_TRUE, _FALSE = ("1", "true", "yes", "oui", "on"), ("0", "false", "no", "non", "off")


def _smtp(get: Callable[[str], str]) -> Smtp | None:
    host = get("CARTOPARTI_SMTP_HOST")
    if not host:
        return None
    port_text = get("CARTOPARTI_SMTP_PORT") or "25"
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise SettingsError(i18n.message("settings.smtp_port", value=port_text))
    sender = get("CARTOPARTI_SMTP_FROM")
    if not sender:
        raise SettingsError(i18n.message("settings.smtp_from_missing"))
    if not EMAIL_PATTERN.match(sender):
        raise SettingsError(i18n.message("settings.smtp_from_invalid", value=sender))
    user, password = get("CARTOPARTI_SMTP_USER") or None, get("CARTOPARTI_SMTP_PASSWORD") or None
    if (user is None) != (password is None):
        raise SettingsError(i18n.message("settings.smtp_credentials"))
    starttls = (get("CARTOPARTI_SMTP_STARTTLS") or "non").lower()
    if starttls not in _TRUE + _FALSE:
        raise SettingsError(i18n.message("settings.smtp_starttls", value=starttls))
    return Smtp(
        host=host, port=int(port_text), sender=sender, user=user, password=password,
        starttls=starttls in _TRUE,
    )


def _public_url(get: Callable[[str], str]) -> str:
    url = get("CARTOPARTI_PUBLIC_URL").rstrip("/")
    if url and not url.startswith(("https://", "http://")):
        raise SettingsError(i18n.message("settings.public_url_invalid", value=url))
    return url


Moderation = Literal["a_priori", "a_posteriori"]
MODERATION_MODES: tuple[str, ...] = ("a_priori", "a_posteriori")

STATIC_URL: str = "/app/static"
"""Where Streamlit serves ./static (server.enableStaticServing)."""

_URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def default_territory_dir() -> Path:
    """The default territory shipped with the project: the Lens-Liévin agglomeration."""
    return (PROJECT_ROOT / "geodata" / "lens-lievin").resolve()


def _list(environ: Mapping[str, str], name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = environ.get(name, "").strip()
    if not value:
        return default
    items = tuple(dict.fromkeys(t.strip() for t in value.split(",") if t.strip()))
    if not items:
        raise SettingsError(i18n.message("settings.empty_list", name=name))
    return items


@dataclass(frozen=True)
class Settings:
    """Every setting of cartoparti, checked."""

    database: str = DEFAULT_DB
    """A DuckDB file path, or a PostgreSQL URL."""
    territory: Path = PROJECT_ROOT
    basemap: Basemap = Basemap()
    themes: tuple[str, ...] = DEFAULT_THEMES
    services: tuple[str, ...] = DEFAULT_SERVICES
    moderation: Moderation = "a_posteriori"
    language: str = i18n.DEFAULT_LANGUAGE
    """A language with a catalogue in :mod:`cartoparti.i18n`."""
    smtp: Smtp | None = None
    """The mail server for residents' notifications; ``None``: no mail is sent."""
    public_url: str = ""
    """The site's address before the links of the mails (``""``: paths alone)."""
    alert_min_contributors: int = 3
    """Weak signals from at least this many distinct contributors raise an alert…"""
    alert_radius_m: float = 250.0
    """… when they lie within this many metres (Lambert-93) of each other…"""
    alert_days: int = 30
    """… and were sent in the last this many days."""

    capacity: tuple[tuple[str, float], ...] = ()
    """``(service, agent-days per month)`` of ``CARTOPARTI_CAPACITY``, in its order."""
    # Server shell and sign-in sessions
    secret_key: str | None = field(default=None, repr=False)
    """``CARTOPARTI_SECRET_KEY``; ``None``: the one generated and kept in the database."""
    session_hours: float = 12.0
    """How long a sign-in lasts (its signed, HttpOnly cookie), in hours."""
    # Abuse: limits, honeypot, reports, moderation
    sign_in_max_failures: int = 5
    """Wrong passwords for one account within ``sign_in_window_min`` that lock it…"""
    sign_in_address_max_failures: int = 20
    """… and for one address, whatever the accounts tried."""
    sign_in_window_min: int = 15
    sign_in_lockout_min: int = 15
    """The first lock-out, in minutes; each further one within 24 h doubles (up to 24 h)."""
    rate_limits: tuple[tuple[str, int, int], ...] = ()
    """``(action, count, minutes)`` read from ``CARTOPARTI_RATE_LIMITS`` (over the
    defaults of :data:`RATE_LIMITS`; see :meth:`rate_limit`)."""

    def rate_limit(self, action: str) -> tuple[int, int]:
        """``(count, minutes)``: at most ``count`` times ``action`` in ``minutes``."""
        found = {a: (c, m) for a, c, m in self.rate_limits}
        return found.get(action, RATE_LIMITS[action])
    # Imports: limits and robustness
    max_vertices: int = 2000
    """The most vertices of a drawn or imported shape."""
    max_area_km2: float = 100.0
    """The largest area of a drawn or imported surface, km² (geodesic, WGS84 ellipsoid)."""
    import_max_mb: float = 200.0
    """The largest file an import reads (CLI and the Données page), in MiB."""

    @property
    def import_max_bytes(self) -> int:
        return int(self.import_max_mb * 2**20)
    # Public positions (privacy)
    public_precision: tuple[tuple[str, float], ...] = (("need", 100.0), ("memory", 100.0))
    """``(kind code, metres)`` of ``CARTOPARTI_PUBLIC_PRECISION``: the cell of each kind's
    public position (a kind absent, or ``0``: exact). Default: needs and memories (often
    about a home) on a 100 m grid (:data:`DEFAULT_PUBLIC_PRECISION`)."""

    @property
    def public_precisions(self) -> dict[str, float]:
        """Kind code → cell of its public position in metres (``0``: exact)."""
        return dict(self.public_precision)
    # Residents' rights and legal pages
    retention_months: int | None = 24
    """Months after which profile answers and addresses are purged (``None``: never)."""
    dpo_contact: str = ""
    """How to reach the data protection officer (shown on the privacy notice)."""
    # Languages
    languages: tuple[str, ...] = ()
    """The languages visitors may read (``CARTOPARTI_LANGUAGES``); empty: :attr:`language` alone."""

    @property
    def offered_languages(self) -> tuple[str, ...]:
        """The languages offered to visitors, ``language`` (the default) among them."""
        return self.languages or (self.language,)

    @property
    def capacities(self) -> dict[str, float]:
        """Service → capacity in agent-days per month (the setting; the database may override)."""
        return dict(self.capacity)

    @property
    def publish_at_once(self) -> bool:
        """Whether a contribution is public as soon as it is sent (moderation a posteriori)."""
        return self.moderation == "a_posteriori"

    @property
    def is_postgres(self) -> bool:
        return self.database.startswith(_POSTGRES_SCHEMES)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read and check the settings; raise :class:`SettingsError` on a wrong value."""
        env = os.environ if environ is None else environ

        def get(name: str) -> str:
            return env.get(name, "").strip()

        language = get("CARTOPARTI_LANGUAGE") or i18n.DEFAULT_LANGUAGE
        if language not in i18n.languages():
            raise SettingsError(
                i18n.message(
                    "settings.language_unknown",
                    language=i18n.DEFAULT_LANGUAGE,
                    value=language,
                    languages=", ".join(i18n.languages()),
                )
            )
        moderation = get("CARTOPARTI_MODERATION") or "a_posteriori"
        if moderation not in MODERATION_MODES:
            raise SettingsError(i18n.message("settings.moderation_unknown", value=moderation))
        database = get("CARTOPARTI_DB") or DEFAULT_DB
        if _URL_SCHEME.match(database) and not database.startswith(_POSTGRES_SCHEMES):
            raise SettingsError(i18n.message("settings.db_unknown", value=database))
        if not _URL_SCHEME.match(database) and Path(database).is_dir():
            raise SettingsError(i18n.message("settings.db_is_folder", value=database))
        territory_value = get("CARTOPARTI_TERRITORY")
        territory = Path(territory_value) if territory_value else default_territory_dir()
        if territory_value and not territory.is_dir():
            raise SettingsError(i18n.message("settings.territory_missing", value=territory))
        services = _list(env, "CARTOPARTI_SERVICES", DEFAULT_SERVICES)
        return cls(
            database=database,
            territory=territory,
            basemap=_basemap(get, territory),
            themes=_list(env, "CARTOPARTI_THEMES", DEFAULT_THEMES),
            services=services,
            capacity=_capacity(get("CARTOPARTI_CAPACITY"), services),
            moderation=moderation,  # type: ignore[arg-type]  # checked above
            language=language,
            smtp=_smtp(get),
            public_url=_public_url(get),
            alert_min_contributors=int(_number(get, "CARTOPARTI_ALERT_MIN_CONTRIBUTORS", 3, 2, 1000, whole=True)),
            alert_radius_m=_number(get, "CARTOPARTI_ALERT_RADIUS_M", 250.0, 1.0, 50_000.0),
            alert_days=int(_number(get, "CARTOPARTI_ALERT_DAYS", 30, 1, 3650, whole=True)),
            # Server shell and sign-in sessions
            secret_key=_secret_key(get),
            session_hours=_number(get, "CARTOPARTI_SESSION_HOURS", 12.0, 0.1, 720.0),
            # Abuse: limits, honeypot, reports, moderation
            sign_in_max_failures=int(_number(get, "CARTOPARTI_SIGNIN_MAX_FAILURES", 5, 2, 100, whole=True)),
            sign_in_address_max_failures=int(
                _number(get, "CARTOPARTI_SIGNIN_ADDRESS_MAX_FAILURES", 20, 2, 10_000, whole=True)
            ),
            sign_in_window_min=int(_number(get, "CARTOPARTI_SIGNIN_WINDOW_MIN", 15, 1, 1440, whole=True)),
            sign_in_lockout_min=int(_number(get, "CARTOPARTI_SIGNIN_LOCKOUT_MIN", 15, 1, 1440, whole=True)),
            rate_limits=_rate_limits(get("CARTOPARTI_RATE_LIMITS")),
            # Imports: limits and robustness
            max_vertices=int(_number(get, "CARTOPARTI_MAX_VERTICES", 2000, 4, 1_000_000, whole=True)),
            max_area_km2=_number(get, "CARTOPARTI_MAX_AREA_KM2", 100.0, 0.001, 1_000_000.0),
            import_max_mb=_number(get, "CARTOPARTI_IMPORT_MAX_MB", 200.0, 0.01, 10_000.0),
            # Public positions (privacy)
            public_precision=_public_precision(get("CARTOPARTI_PUBLIC_PRECISION")),
            # Residents' rights and legal pages
            retention_months=_retention(get("CARTOPARTI_RETENTION_MONTHS")),
            dpo_contact=get("CARTOPARTI_DPO_CONTACT"),
            # Languages
            languages=_offered_languages(get("CARTOPARTI_LANGUAGES"), language),
        )


def _offered_languages(value: str, default: str) -> tuple[str, ...]:
    """``CARTOPARTI_LANGUAGES`` checked: languages with a catalogue, the default among them."""
    if not value:
        return (default,)
    offered = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [language for language in offered if language not in i18n.languages()]
    if not offered or unknown:
        raise SettingsError(
            i18n.message("settings.languages_unknown", value=value, languages=", ".join(i18n.languages()))
        )
    if default not in offered:
        raise SettingsError(i18n.message("settings.languages_without_default", value=value, default=default))
    return offered


def _number(
    get: Callable[[str], str], name: str, default: float, low: float, high: float, *, whole: bool = False
) -> float:
    """A number setting between ``low`` and ``high`` (a whole one if ``whole``)."""
    text = get(name)
    if not text:
        return float(default)
    try:
        value = float(int(text)) if whole else float(text.replace(",", "."))
    except ValueError:
        value = float("nan")
    if not (low <= value <= high):
        raise SettingsError(
            i18n.message(
                "settings.whole_number_invalid" if whole else "settings.number_invalid",
                name=name, value=text, low=_bound(low), high=_bound(high),
            )
        )
    return value


def _retention(text: str) -> int | None:
    """Months of ``CARTOPARTI_RETENTION_MONTHS``: 24 when unset, ``None`` (never) only
    when ``0``, ``jamais`` or ``never`` is written out."""
    if not text:
        return 24
    if text.lower() in ("0", "jamais", "never"):
        return None
    if not text.isdigit() or not 1 <= int(text) <= 600:
        raise SettingsError(i18n.message("settings.retention_invalid", value=text))
    return int(text)


SECRET_KEY_MIN_LENGTH = 32


def _secret_key(get: Callable[[str], str]) -> str | None:
    """``CARTOPARTI_SECRET_KEY``, long enough to sign with, or ``None`` (unset)."""
    value = get("CARTOPARTI_SECRET_KEY")
    if value and len(value) < SECRET_KEY_MIN_LENGTH:
        raise SettingsError(i18n.message("settings.secret_key_short", min=SECRET_KEY_MIN_LENGTH))
    return value or None


def _bound(value: float) -> str:
    """A bound as written in a message (no decimals when whole)."""
    return str(int(value)) if float(value).is_integer() else str(value)


def _capacity(value: str, services: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    """``service=days,…`` checked: known services, once each, days a number ≥ 0."""
    pairs: dict[str, float] = {}
    for entry in (e.strip() for e in value.split(",")):
        if not entry:
            continue
        service, sep, days = (part.strip() for part in entry.partition("="))
        try:
            number = float(days) if sep and days else float("nan")
        except ValueError:
            number = float("nan")
        if not service or not number >= 0 or number == float("inf"):
            raise SettingsError(i18n.message("settings.capacity_invalid", value=entry))
        if service not in services:
            raise SettingsError(
                i18n.message("settings.capacity_service_unknown", service=service, services=", ".join(services))
            )
        if service in pairs:
            raise SettingsError(i18n.message("settings.capacity_twice", service=service))
        pairs[service] = number
    return tuple(pairs.items())


# Public positions (privacy)
DEFAULT_PUBLIC_PRECISION: tuple[tuple[str, float], ...] = Settings.public_precision
"""The default public location precision: needs and memories (often about a home) on a
100 m grid, every other kind exact."""
PUBLIC_PRECISION_MAX_M = 5000


def _folded(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text.strip().lower())
    return re.sub(r"[\s_\-']+", " ", "".join(c for c in plain if not unicodedata.combining(c))).strip()


def _public_precision(value: str) -> tuple[tuple[str, float], ...]:
    """``kind=metres,…`` checked: known kinds (code or French word), once each, whole
    metres from 0 to :data:`PUBLIC_PRECISION_MAX_M`. Empty: the default. Every kind
    appears in the result (``0`` for those not named)."""
    if not value.strip():
        return DEFAULT_PUBLIC_PRECISION
    kinds = i18n.labels("kinds")
    names = {_folded(code): code for code in kinds} | {_folded(label): code for code, label in kinds.items()}
    chosen: dict[str, float] = {}
    for entry in (e.strip() for e in value.split(",")):
        if not entry:
            continue
        name, sep, metres = (part.strip() for part in entry.partition("="))
        code = names.get(_folded(name))
        if code is None:
            raise SettingsError(i18n.message(
                "settings.public_precision_kind", value=name, kinds=", ".join(kinds.values())))
        if not sep or not metres.isdigit() or int(metres) > PUBLIC_PRECISION_MAX_M:
            raise SettingsError(i18n.message(
                "settings.public_precision_invalid", value=entry, high=PUBLIC_PRECISION_MAX_M))
        if code in chosen:
            raise SettingsError(i18n.message("settings.public_precision_twice", kind=kinds[code]))
        chosen[code] = float(int(metres))
    return tuple((code, chosen.get(code, 0.0)) for code in kinds)

RATE_LIMITS: dict[str, tuple[int, int]] = {
    "contribution": (10, 60),  # contributions sent per browser, per hour
    "contribution_address": (60, 60),  # … per address (a workshop shares one)
    "support": (30, 60),  # "moi aussi" per browser
    "support_address": (300, 60),
    "support_same": (5, 1440),  # "moi aussi" on one contribution from one address, per day
    "follow": (10, 15),  # wrong follow codes per browser
    "follow_address": (30, 15),
    "report": (5, 60),  # reports of a contribution to the moderators
    "report_address": (30, 60),
}
"""Default limits of residents' actions: action → (count, minutes)."""


def _rate_limits(value: str) -> tuple[tuple[str, int, int], ...]:
    """``action=count/minutes,…`` checked: known actions, once each, whole numbers ≥ 1."""
    found: dict[str, tuple[int, int]] = {}
    for entry in (e.strip() for e in value.split(",")):
        if not entry:
            continue
        action, _, rule = (part.strip() for part in entry.partition("="))
        if action not in RATE_LIMITS:
            raise SettingsError(
                i18n.message("settings.rate_limit_unknown", action=action, actions=", ".join(RATE_LIMITS))
            )
        count, slash, minutes = (part.strip() for part in rule.partition("/"))
        if not (slash and count.isdigit() and minutes.isdigit() and 1 <= int(count) <= 100_000
                and 1 <= int(minutes) <= 10_080):
            raise SettingsError(i18n.message("settings.rate_limit_invalid", value=entry))
        if action in found:
            raise SettingsError(i18n.message("settings.rate_limit_twice", action=action))
        found[action] = (int(count), int(minutes))
    return tuple((a, c, m) for a, (c, m) in found.items())

def _basemap(get: Callable[[str], str], territory: Path) -> Basemap:
    tiles = get("CARTOPARTI_TILES_URL") or None
    kind = get("CARTOPARTI_BASEMAP") or ("xyz" if tiles else "none")
    if kind not in BASEMAP_KINDS:
        raise SettingsError(i18n.message("settings.basemap_unknown", value=kind))
    credit = get("CARTOPARTI_TILES_ATTRIBUTION")
    if kind == "plan-ign":
        return Basemap("plan-ign", url=PLAN_IGN_URL, attribution=credit or PLAN_IGN_ATTRIBUTION)
    if kind == "xyz":
        if tiles is None:
            raise SettingsError(i18n.message("settings.tiles_missing"))
        if not tiles.startswith(("https://", "http://", "/")) or not all(
            part in tiles for part in ("{z}", "{x}", "{y}")
        ):
            raise SettingsError(i18n.message("settings.tiles_invalid", value=tiles))
        return Basemap("xyz", url=tiles, attribution=credit or i18n.message("settings.tiles_attribution"))
    if kind == "pmtiles":
        named = get("CARTOPARTI_PMTILES")
        if named:
            file = Path(named)
        else:
            found = sorted(territory.glob("*.pmtiles")) if territory.is_dir() else []
            if len(found) != 1:
                raise SettingsError(
                    i18n.message("settings.pmtiles_count", folder=territory, count=len(found))
                )
            file = found[0]
        if not file.is_file():
            raise SettingsError(i18n.message("settings.pmtiles_missing", value=file))
        return Basemap("pmtiles", file=file.resolve(), attribution=credit or PMTILES_ATTRIBUTION)
    return Basemap()


_current: Settings | None = None
_current_env: tuple[tuple[str, str], ...] | None = None


def current() -> Settings:
    """The process's settings, read from the environment and checked once (again only if
    a ``CARTOPARTI_*`` variable changed, as tests do); their language becomes the
    active one of :mod:`cartoparti.i18n`."""
    global _current, _current_env
    key = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("CARTOPARTI_")))
    if _current is None or key != _current_env:
        _current, _current_env = Settings.from_env(), key
        i18n.use(_current.language)
    return _current


def reset() -> None:
    """Forget the checked settings (the next :func:`current` reads them again)."""
    global _current, _current_env
    _current = _current_env = None


# -- accessors of the current settings ---------------------------------------------------
def db_path() -> str:
    """The database: a DuckDB file path or a PostgreSQL URL."""
    return current().database


def territory_dir() -> Path:
    """Folder the territory is loaded from."""
    return current().territory


def basemap() -> Basemap:
    """The map's background."""
    return current().basemap


def themes() -> tuple[str, ...]:
    return current().themes


def moderation() -> Moderation:
    """``a_posteriori`` (publish at once) or ``a_priori`` (publish after review)."""
    return current().moderation


def services() -> tuple[str, ...]:
    """Services an agent can make responsible (``CARTOPARTI_SERVICES``, comma-separated)."""
    return current().services
