"""Importing contributions from CSV, GeoJSON and GeoPackage files.

Each row is imported or rejected whole; rejected rows come back with their line
number (CSV: the line in the file, header = line 1; other formats: the feature's
position, from 1) and a French reason. Rows are validated one by one in Python, then
stored in bulk (zones are assigned by one spatial join in DuckDB).

Any file either gives rows (stored, or rejected with a reason) or is refused whole
with :class:`ImportFileError` (too large, empty, binary where text was expected, not a
GeoPackage, unreadable encoding, no header): no other exception leaves this module.
Text files are read as UTF-8 (with or without a byte-order mark), UTF-16 or UTF-32
with their byte-order mark, else Windows-1252; a CSV line whose first cell starts with
``#`` is a help line, skipped (the batch-entry template's). Columns are read by our
fields' names or by their headings in words (:data:`FIELDS`); kinds, channels, age
bands and categories by code or label; dates as ISO 8601 or day first
(``28/11/2026 14:30``, Paris time); communes by name or code. Values of any type (numbers, dates,
booleans from GeoJSON or GeoPackage) are read as their text; a list or an object
rejects its row. Shapes with Z or M values are kept flat (2D), see
:func:`cartoparti.model.check_geometry` for the limits of a shape.

A rejected row keeps only its non-personal columns: those read as one of our fields
other than :data:`cartoparti.model.PROFILE_FIELDS` (no age band, category, home
commune, contributor id or first-time flag, no column the import does not read).
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import IO
from zoneinfo import ZoneInfo

import geopandas as gpd
import pandas as pd
import pyproj
import shapely
from shapely import wkt as shapely_wkt

from cartoparti import i18n
from cartoparti._errors import ImportFileError, ValidationError
from cartoparti.io.csvsafe import safe_cell
from cartoparti.model import (
    CHANNELS,
    KINDS,
    LOCAL_TZ,
    MAX_AREA_KM2,
    MAX_VERTICES,
    PROFILE_FIELDS,
    Draft,
    normalise_code,
    validate_draft,
)
from cartoparti.storage import Storage, content_key

__all__ = [
    "FIELDS",
    "MAX_LANDMARKS",
    "ImportReport",
    "RejectedRow",
    "RowsReport",
    "import_file",
    "landmark_numbers",
    "read_rows",
    "reject_columns",
    "rejects_bytes",
    "write_rejects",
]

FIELDS = (
    "id",
    "kind",
    "title",
    "text",
    "theme",
    "created_at",
    "channel",
    "contributor_id",
    "age_band",
    "csp",
    "home_commune",
    "first_time",
    "lon",
    "lat",
    "x",
    "y",
    "wkt",
    "commune",
    "landmark",
    "address",
    "session_place",
)
"""Our fields. Besides a contribution's own: ``commune`` (the commune of the place, by
name or INSEE code: the place is a point inside it), ``landmark`` (the number of a
landmark on that commune's paper map, :func:`landmark_numbers`: the place is that
landmark), ``address`` (an address or place in words, kept at the end of the text),
``session_place`` (the meeting where the answer was gathered, for a field import).
A file's column is read as a field by the field's name or by its heading in the
batch-entry template in any language (``Type``, ``N° de repère``…; case, accents and
punctuation aside)."""
MAX_LANDMARKS = 40
"""Most landmarks numbered on a commune's paper map."""


@dataclass
class RejectedRow:
    line: int
    reason: str
    values: dict[str, object] = field(default_factory=dict)


@dataclass
class RowsReport:
    """What a file import did, row by row. ``exit_code``: 0 all rows taken, 1 some rejected."""

    read: int = 0
    duplicates: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.rejected else 0


@dataclass
class ImportReport(RowsReport):
    """What an import of contributions did."""

    imported: int = 0
    held: list[str] = field(default_factory=list)
    """Ids of imported rows held unpublished: their text holds personal data."""
    inserted: list[str] = field(default_factory=list)
    """Ids of the imported rows."""
    session_places: dict[str, str] = field(default_factory=dict)
    """Imported id → the meeting place its row names (column ``session_place``), if any."""

    def summary(self) -> str:
        return i18n.message(
            "import.summary",
            read=self.read,
            imported=self.imported,
            duplicates=self.duplicates,
            rejected=len(self.rejected),
        )


def _parse_mapping(mapping: dict[str, str] | None) -> dict[str, str]:
    mapping = dict(mapping or {})
    unknown = [k for k in mapping if k not in FIELDS]
    if unknown:
        raise ImportFileError(i18n.message("import.field_unknown", fields=", ".join(unknown), known=", ".join(FIELDS)))
    return mapping


def _fold_name(value: object) -> str:
    """Lower case, no accents, letters and digits only (``N° de repère`` → ``nderepere``)."""
    text = unicodedata.normalize("NFKD", str(value).strip().lower())
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))


@cache
def _headings() -> dict[str, str]:
    """Folded heading → field: the fields' names and their template headings in every language."""
    found: dict[str, str] = {}
    for language in i18n.languages():
        for name in FIELDS:
            found.setdefault(_fold_name(name), name)
            key = f"template.column.{name}"
            if key in i18n.catalogue(language).MESSAGES:
                found.setdefault(_fold_name(i18n.message(key, language)), name)
    return found


TEMPLATE_FIELDS = ("commune", "landmark", "address", "session_place")
"""Fields read from a file's own columns only in a field-entry template (or when mapped)."""


@cache
def _help_lines() -> frozenset[str]:
    """The template's help line's first cell, folded, in every language."""
    return frozenset(_fold_name(i18n.message("template.help.id", language)) for language in i18n.languages())


def _read_mapping(columns: list[str], mapping: dict[str, str] | None, *, template: bool = False) -> dict[str, str]:
    """``mapping`` (field → column) completed with the columns named as a field.

    In a field-entry ``template`` import, a column named by a field's heading in words
    (``Titre``, ``Tranche d'âge``, ``N° de repère``…, any case or accent) is that field;
    in any other import, only a column named exactly as one of the fields other than
    :data:`TEMPLATE_FIELDS` is (as before the template: a file's « Date » or « Commune »
    column is never read unless mapped, so re-imports keep their keys)."""
    mapping = _parse_mapping(mapping)
    if not template:
        for name in FIELDS:
            if name not in mapping and name not in TEMPLATE_FIELDS and name in columns:
                mapping[name] = name
        return mapping
    taken = set(mapping.values())
    headings = _headings()
    for column in columns:
        name = headings.get(_fold_name(column))
        if name is None or name in mapping or column in taken or (name in columns and column != name):
            continue
        mapping[name] = column
        taken.add(column)
    return mapping


def landmark_numbers(store: Storage, zone_code: str) -> pd.DataFrame:
    """Numbered landmarks of a commune, as on its paper map: ``number, name, type, lon, lat``
    (a point on each landmark, WGS84, 6 decimals)."""
    landmarks = store.landmarks(zone_code).head(MAX_LANDMARKS)
    points = landmarks.geometry.representative_point()
    return pd.DataFrame(
        {
            "number": range(1, len(landmarks) + 1),
            "name": landmarks["name"].astype(str).values,
            "type": landmarks["layer_label"].astype(str).values,
            "lon": points.x.round(6).values,
            "lat": points.y.round(6).values,
        }
    )


_LANDMARK_NUMBER = re.compile(r"(?:n\s*[°o]?\s*)?(\d{1,4})(?:[.,]0*)?", re.IGNORECASE)


class _Places:
    """The communes of the territory by name or code, and their numbered landmarks
    (looked up once per file)."""

    def __init__(self, store: Storage | None) -> None:
        self.store = store
        self._codes: dict[str, str] | None = None
        self._names: dict[str, str] = {}
        self._landmarks: dict[str, pd.DataFrame] = {}
        self._points: dict[str, shapely.Geometry | None] = {}

    def codes(self) -> dict[str, str]:
        if self._codes is None:
            self._codes = {}
            if self.store is not None:
                zones = self.store.zones()
                by_name: dict[str, list[str]] = {}
                for code, name in zip(zones["code"].astype(str), zones["name"].astype(str), strict=True):
                    self._names[code] = name
                    by_name.setdefault(_fold_name(name), []).append(code)
                    self._codes[_fold_name(code)] = code
                for folded, codes in by_name.items():
                    if len(codes) == 1:  # two communes of one name: by code only
                        self._codes.setdefault(folded, codes[0])
        return self._codes

    def commune(self, value: str) -> str:
        """The code of commune ``value`` (name or code); :class:`ValidationError` if unknown."""
        code = self.codes().get(_fold_name(value))
        if code is None:
            raise ValidationError({"commune": i18n.message("import.commune_unknown", value=value)})
        return code

    def name(self, code: str) -> str:
        self.codes()
        return self._names.get(code, code)

    def landmark(self, code: str, value: str) -> shapely.Point:
        """Landmark number ``value`` of commune ``code``'s paper map."""
        match = _LANDMARK_NUMBER.fullmatch(value.strip())
        if match is None:
            raise ValidationError({"landmark": i18n.message("import.landmark_invalid", value=value)})
        if code not in self._landmarks:
            self._landmarks[code] = landmark_numbers(self.store, code) if self.store is not None else pd.DataFrame()
        table = self._landmarks[code]
        number = int(match.group(1))
        if not 1 <= number <= len(table):
            raise ValidationError(
                {"landmark": i18n.message("import.landmark_unknown", value=value, commune=self.name(code), count=len(table))}
            )
        row = table.iloc[number - 1]
        return shapely.Point(float(row["lon"]), float(row["lat"]))

    def place(self, commune: str | None, landmark: str | None) -> shapely.Geometry | None:
        """Where a row's commune and landmark number put it (``None`` if neither is given)."""
        if commune is None:
            if landmark is not None:
                raise ValidationError({"landmark": i18n.message("import.landmark_without_commune", value=landmark)})
            return None
        code = self.commune(commune)
        if landmark is not None:
            return self.landmark(code, landmark)
        if code not in self._points:  # one query per commune, not per row
            self._points[code] = self.store.zone_point(code) if self.store is not None else None
        point = self._points[code]
        if point is None:
            raise ValidationError({"commune": i18n.message("import.commune_unknown", value=commune)})
        return point


GEOPACKAGE_MAGIC = b"SQLite format 3\x00"
_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_rows(
    path: Path | str, *, max_bytes: int | None = None
) -> tuple[pd.DataFrame, gpd.GeoSeries | None, list[int]]:
    """Read a file into a frame of values, its own geometry (WGS84) if any, and line numbers.

    Raise :class:`ImportFileError` (a French message naming the file, never its
    folder) when the file cannot be read at all: missing, larger than ``max_bytes``,
    empty, binary where text is expected, not a GeoPackage, unknown format.
    """
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(i18n.message("import.file_missing", path=path.name))
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise ImportFileError(
            i18n.message("import.file_too_large", file=path.name, size=_mb(size), max=_mb(max_bytes))
        )
    if size == 0:
        raise ImportFileError(i18n.message("import.file_empty", file=path.name))
    suffix = path.suffix.lower()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # GDAL's notes on column types: not for the agent
            if suffix in (".csv", ".txt", ".tsv"):
                return _read_csv(path)
            if suffix in (".geojson", ".json"):
                text = _decode(path.read_bytes(), path.name)
                return _frame(gpd.read_file(io.BytesIO(text.encode("utf-8"))))
            if suffix == ".gpkg":
                with path.open("rb") as handle:
                    if handle.read(len(GEOPACKAGE_MAGIC)) != GEOPACKAGE_MAGIC:
                        raise ImportFileError(i18n.message("import.not_geopackage", file=path.name))
                return _frame(gpd.read_file(path))
            if suffix == ".shp":
                return _frame(gpd.read_file(path))
    except ImportFileError:
        raise
    except Exception as exc:
        error = str(exc).replace(str(path.resolve()), path.name).replace(str(path), path.name)
        raise ImportFileError(i18n.message("import.file_unreadable", file=path.name, error=error[:200])) from exc
    raise ImportFileError(i18n.message("import.format_unsupported", suffix=path.suffix))


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f}".replace(".", ",")


def _frame(frame: gpd.GeoDataFrame) -> tuple[pd.DataFrame, gpd.GeoSeries | None, list[int]]:
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    geometry = frame.geometry if frame.geometry.notna().any() else None
    data = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    return data, geometry, list(range(1, len(frame) + 1))


def _decode(raw: bytes, name: str) -> str:
    """The text of a file: by its byte-order mark (UTF-8, UTF-16, UTF-32), else UTF-8,
    else Windows-1252. Raise :class:`ImportFileError` for a binary or empty file."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ImportFileError(i18n.message("import.encoding_unreadable", file=name)) from exc
            break
    else:
        if b"\x00" in raw:
            raise ImportFileError(i18n.message("import.binary", file=name))
        for encoding in ("utf-8", "cp1252"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ImportFileError(i18n.message("import.encoding_unreadable", file=name))
    if "\x00" in text:
        raise ImportFileError(i18n.message("import.binary", file=name))
    if not text.strip():
        raise ImportFileError(i18n.message("import.file_empty", file=name))
    return text


def _read_csv(path: Path) -> tuple[pd.DataFrame, None, list[int]]:
    text = _decode(path.read_bytes(), path.name)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(2**31 - 1)  # a long WKT is a row to judge, not an unreadable file
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows = []
    lines = []
    header: list[str] | None = None
    end_of_previous = 0
    for record in reader:
        line_no = end_of_previous + 1  # where the record starts (quoted fields may span lines)
        end_of_previous = reader.line_num
        if header is None:
            header = _unique([h.strip() for h in record])
            continue
        if not any(cell.strip() for cell in record):
            continue  # blank
        if not rows and _fold_name(record[0]) in _help_lines():
            continue  # the template's help line, right under the headings (its exact words)
        rows.append(record + [""] * (len(header) - len(record)) if len(record) < len(header) else record[: len(header)])
        lines.append(line_no)
    if header is None or len(header) < 2:
        raise ImportFileError(i18n.message("import.no_header", file=path.name))
    return pd.DataFrame(rows, columns=header, dtype=object), None, lines


def _unique(names: list[str]) -> list[str]:
    """Column names made unique as pandas does (``title``, ``title.1``): the first
    column of a repeated name is the one read."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        if name in seen:
            seen[name] += 1
            while f"{name}.{seen[name]}" in seen:
                seen[name] += 1
            name = f"{name}.{seen[name]}"
        seen.setdefault(name, 0)
        out.append(name)
    return out


def _cell(row: dict[str, object], name: str, mapping: dict[str, str]) -> str | datetime | None:
    """The row's value for our field ``name``, as text (a date stays a date for
    ``created_at``); ``None`` when blank. Raise :class:`ValidationError` for a list,
    an object or bytes (GeoJSON, GeoPackage)."""
    column = mapping.get(name, name)
    value = row.get(column)
    if isinstance(value, (list, tuple, dict, set, bytes, bytearray)) or hasattr(value, "shape"):
        raise ValidationError({name: i18n.message("import.value_not_scalar", column=column)})
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        return value if name == "created_at" else value.isoformat()
    if isinstance(value, date):
        value = value.isoformat()
    value = str(value).strip()
    return value or None


def _float(value: object, name: str) -> float:
    try:
        number = float(str(value).replace(",", "."))
    except ValueError as exc:
        raise ValidationError({name: i18n.message("number.invalid", name=name, value=value)}) from exc
    if not math.isfinite(number):
        raise ValidationError({name: i18n.message("number.not_finite", name=name)})
    return number


def _parse_datetime(row: dict[str, object], mapping: dict[str, str]) -> datetime | None:
    value = _cell(row, "created_at", mapping)
    if value is None:
        return None
    if isinstance(value, datetime):
        return value
    french = _FRENCH_DATE.fullmatch(str(value).strip())
    if french is not None:
        return _french_datetime(str(value), french)
    try:
        return datetime.fromisoformat(str(value))
    except (ValueError, OverflowError) as exc:
        raise ValidationError(
            {"created_at": i18n.message("created_at.invalid", value=value)}
        ) from exc


_FRENCH_DATE = re.compile(
    r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})(?:(?:\s+|\s*[T\u00e0]\s*)(\d{1,2})\s*[:hH]\s*(\d{2})(?::(\d{2}))?)?"
)
"""A date as a spreadsheet in France writes it, day first: ``28/11/2026``,
``28/11/2026 14:30``, ``28/11/2026 à 14h30``."""


def _french_datetime(value: str, match: re.Match[str]) -> datetime:
    """The local (Paris) time of a day-first date; a two-digit year is ambiguous and an
    impossible day (``31/02/2026``) is refused, each with a French reason."""
    day, month, year, hour, minute, second = match.groups()
    if len(year) != 4:
        raise ValidationError({"created_at": i18n.message("import.date_ambiguous", value=value)})
    try:
        return datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0),
            tzinfo=ZoneInfo(LOCAL_TZ),
        )
    except ValueError as exc:
        raise ValidationError({"created_at": i18n.message("import.date_impossible", value=value)}) from exc


def _parse_bool(value: object) -> bool | None:
    if value is None:
        return None
    text = str(value).strip().lower()
    if text in ("1", "true", "oui", "yes", "o", "vrai"):
        return True
    if text in ("0", "false", "non", "no", "n", "faux"):
        return False
    raise ValidationError({"first_time": i18n.message("first_time.invalid", value=value)})


def _geometry(
    row: dict[str, object],
    own: shapely.Geometry | None,
    mapping: dict[str, str],
    transformer: pyproj.Transformer | None,
    place: shapely.Geometry | None = None,
) -> shapely.Geometry:
    lon, lat = _cell(row, "lon", mapping), _cell(row, "lat", mapping)
    x, y = _cell(row, "x", mapping), _cell(row, "y", mapping)
    wkt = _cell(row, "wkt", mapping)
    if lon is not None or lat is not None:
        if lon is None or lat is None:
            raise ValidationError({"location": i18n.message("location.lon_lat_pair")})
        lon_f, lat_f = _float(lon, "lon"), _float(lat, "lat")
        if not (-180 <= lon_f <= 180 and -90 <= lat_f <= 90):
            raise ValidationError({"location": i18n.message("location.out_of_bounds", lon=lon_f, lat=lat_f)})
        return shapely.Point(lon_f, lat_f)
    if x is not None or y is not None:
        if x is None or y is None:
            raise ValidationError({"location": i18n.message("location.x_y_pair")})
        if transformer is None:
            raise ValidationError({"location": i18n.message("location.x_y_without_crs")})
        lon_f, lat_f = transformer.transform(_float(x, "x"), _float(y, "y"))
        return shapely.Point(lon_f, lat_f)
    if wkt is not None:
        try:
            return shapely_wkt.loads(str(wkt))
        except Exception as exc:
            raise ValidationError({"location": i18n.message("location.wkt_unreadable", wkt=str(wkt)[:60])}) from exc
    if own is not None and not own.is_empty:
        return own
    if place is not None:  # the commune's landmark, else a point inside the commune
        return place
    raise ValidationError({"location": i18n.message("location.missing")})


def drafts_from_rows(
    data: pd.DataFrame,
    geometry: gpd.GeoSeries | None,
    lines: list[int],
    *,
    themes: tuple[str, ...],
    mapping: dict[str, str] | None = None,
    crs: int | None = None,
    default_kind: str | None = None,
    default_channel: str | None = None,
    default_theme: str | None = None,
    source_name: str = "",
    max_vertices: int = MAX_VERTICES,
    max_area_km2: float = MAX_AREA_KM2,
    store: Storage | None = None,
    template: bool = False,
) -> tuple[list[tuple[int, Draft]], list[RejectedRow]]:
    """Validate each row; return (line, draft) pairs and rejected rows (their
    non-personal columns only, see :func:`reject_columns`). ``store``: where the
    communes and their numbered landmarks are looked up (columns ``commune`` and
    ``landmark``; without it, no commune is known). ``template``: a field-entry file,
    whose columns are read by their headings in words (:func:`_read_mapping`)."""
    mapping = _read_mapping([str(c) for c in data.columns], mapping, template=template)
    places = _Places(store)
    missing = i18n.message("location.missing")
    if default_kind is not None and normalise_code(default_kind, KINDS) is None:
        raise ImportFileError(
            i18n.message("import.kind_unknown", value=default_kind, codes=", ".join(KINDS))
        )
    if default_channel is not None and normalise_code(default_channel, CHANNELS) is None:
        raise ImportFileError(
            i18n.message("import.channel_unknown", value=default_channel, codes=", ".join(CHANNELS))
        )
    if default_theme is not None and default_theme not in themes:
        raise ImportFileError(
            i18n.message("import.theme_unknown", value=default_theme, codes=", ".join(themes))
        )
    transformer = None
    if crs is not None:
        try:
            transformer = pyproj.Transformer.from_crs(crs, 4326, always_xy=True)
        except pyproj.exceptions.CRSError as exc:
            raise ImportFileError(i18n.message("import.crs_unknown", crs=crs)) from exc
    records = data.to_dict(orient="records")
    own = list(geometry.values) if geometry is not None else [None] * len(records)
    keep = reject_columns([str(c) for c in data.columns], mapping)
    good: list[tuple[int, Draft]] = []
    rejected: list[RejectedRow] = []
    for row, geom, line in zip(records, own, lines, strict=True):
        errors: dict[str, str] = {}

        def cell(name: str, row: dict[str, object] = row, errors: dict[str, str] = errors) -> str | None:
            try:
                value = _cell(row, name, mapping)
            except ValidationError as exc:
                errors.update(exc.errors)
                return None
            return value if value is None or isinstance(value, str) else str(value)

        parsed: dict[str, object] = {}
        failed: set[str] = set()
        try:
            parsed["geometry"] = _geometry(row, geom, mapping, transformer, None)
        except ValidationError as exc:
            parsed["geometry"] = None
            place = None
            if exc.errors == {"location": missing}:
                # no position of its own: the commune and its landmark number say where
                # (a row with coordinates is never judged on its commune column)
                try:
                    place = places.place(cell("commune"), cell("landmark"))
                except ValidationError as reason:
                    errors.update(reason.errors)  # the commune's reason says why
                    failed.add("geometry")
            if place is not None:
                parsed["geometry"] = place
            elif "geometry" not in failed:
                errors.update(exc.errors)
                failed.add("geometry")
        for name, parse, args in (
            ("created_at", _parse_datetime, (row, mapping)),
            ("first_time", _parse_bool, (cell("first_time"),)),
        ):
            try:
                parsed[name] = parse(*args)  # type: ignore[operator]
            except ValidationError as exc:
                errors.update(exc.errors)
                parsed[name] = None
                failed.add(name)
        stable = cell("id")
        home = cell("home_commune")
        if home is not None:  # a commune of the territory by its name, else an INSEE code
            home = places.codes().get(_fold_name(home)) or home.split(".")[0].zfill(5)
        text = cell("text") or ""
        if address := cell("address"):
            text = f"{text}\n{i18n.message('import.address_line', address=address)}".strip()
        draft = Draft(
            kind=cell("kind") or default_kind,
            title=cell("title") or "",
            text=text,
            theme=cell("theme") or default_theme,
            geometry=parsed["geometry"],  # type: ignore[arg-type]
            created_at=parsed["created_at"],  # type: ignore[arg-type]
            channel=cell("channel") or default_channel or "online",
            contributor_id=cell("contributor_id"),
            age_band=cell("age_band"),
            csp=cell("csp"),
            home_commune=home,
            first_time=parsed["first_time"],  # type: ignore[arg-type]
            source_key=f"import:{source_name}:{stable}" if stable is not None else None,
        )
        validated = None
        try:
            validated = validate_draft(draft, themes=themes, max_vertices=max_vertices, max_area_km2=max_area_km2)
        except ValidationError as exc:
            found = dict(exc.errors)
            if "geometry" in failed:
                found.pop("location", None)  # "no location": the parse message says why
            errors = {**found, **errors}  # the precise parse messages win
        if errors or validated is None:
            rejected.append(RejectedRow(line, " ; ".join(errors.values()), _printable(row, keep)))
        else:
            # hash of the row as read (before defaults such as the current date)
            validated.source_key = draft.source_key or content_key(draft)
            good.append((line, validated))
    return good, rejected


def reject_columns(columns: list[str], mapping: dict[str, str] | None = None) -> list[str]:
    """The columns of a file a rejects file may show: those read as one of our fields,
    except the profile fields (:data:`cartoparti.model.PROFILE_FIELDS`), in the
    file's order. Columns the import does not read are left out too: they may hold
    anything."""
    mapping = mapping or {}
    shown = {mapping.get(f, f) for f in FIELDS if f not in PROFILE_FIELDS}
    personal = {mapping.get(f, f) for f in PROFILE_FIELDS}
    return [c for c in columns if c in shown and c not in personal]


def _printable(row: dict[str, object], columns: list[str]) -> dict[str, object]:
    shown: dict[str, object] = {}
    for column in columns:
        value = row.get(column)
        if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
            value = ""
        elif not isinstance(value, (str, int, float)):
            value = str(value)
        shown[column] = value
    return shown


def import_file(
    store: Storage,
    path: Path | str,
    *,
    themes: tuple[str, ...],
    mapping: dict[str, str] | None = None,
    crs: int | None = None,
    default_kind: str | None = None,
    default_channel: str | None = None,
    default_theme: str | None = None,
    published: bool = True,
    max_bytes: int | None = None,
    max_vertices: int = MAX_VERTICES,
    max_area_km2: float = MAX_AREA_KM2,
    template: bool = False,
) -> ImportReport:
    """Import a file into ``store``. Raise :class:`ImportFileError` if unreadable
    (``max_bytes``: the largest file read). ``max_vertices``, ``max_area_km2``: the
    limits of a shape (:func:`cartoparti.model.check_geometry`). ``template``: a
    field-entry file (:func:`cartoparti.present.questionnaire.csv_template`)."""
    path = Path(path)
    data, geometry, lines = read_rows(path, max_bytes=max_bytes)
    good, rejected = drafts_from_rows(
        data,
        geometry,
        lines,
        themes=themes,
        mapping=mapping,
        crs=crs,
        default_kind=default_kind,
        default_channel=default_channel,
        default_theme=default_theme,
        source_name=path.name,
        max_vertices=max_vertices,
        max_area_km2=max_area_km2,
        store=store,
        template=template,
    )
    report = ImportReport(read=len(lines), rejected=rejected)
    drafts = [d for _, d in good]
    # phone numbers and e-mails: held for an agent in the transaction that stores them
    result = store.add_contributions(drafts, published=published)
    inserted = set(result.inserted)
    report.held = [
        result.ids[pos] for pos, d in enumerate(drafts) if d.personal_data and result.ids.get(pos) in inserted
    ]
    report.imported = len(result.inserted)
    report.inserted = list(result.inserted)
    report.duplicates = len(result.duplicates)
    by_line = {i: line for i, (line, _) in enumerate(good)}
    read_as = _read_mapping([str(c) for c in data.columns], mapping, template=template)
    keep = reject_columns([str(c) for c in data.columns], read_as)
    rows = dict(zip(lines, data.to_dict(orient="records"), strict=True))
    for pos, (line, _) in enumerate(good):
        cid = result.ids.get(pos)
        try:
            place = _cell(rows[line], "session_place", read_as) if cid in inserted else None
        except ValidationError:  # a list or an object: not a place
            place = None
        if place:
            report.session_places[cid] = str(place)
    for pos in result.outside:
        line = by_line[pos]
        report.rejected.append(RejectedRow(line, i18n.message("import.outside"), _printable(rows[line], keep)))
    report.rejected.sort(key=lambda r: r.line)
    return report


def write_rejects(rejected: list[RejectedRow], path: Path | str) -> Path:
    """Write rejected rows as CSV: ``line, reason`` then the row's own columns."""
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8") as handle:
        _write_rejects(rejected, handle)
    return path


def rejects_bytes(rejected: list[RejectedRow]) -> bytes:
    """The CSV of :func:`write_rejects`, as bytes (UTF-8), for a download."""
    buffer = io.StringIO(newline="")
    _write_rejects(rejected, buffer)
    return buffer.getvalue().encode("utf-8")


def _write_rejects(rejected: list[RejectedRow], handle: IO[str]) -> None:
    columns: list[str] = []
    for row in rejected:
        for key in row.values:
            if key not in columns:
                columns.append(key)
    writer = csv.writer(handle)
    writer.writerow(["line", "reason", *columns])
    for row in rejected:
        cells = [row.reason, *(row.values.get(c, "") for c in columns)]
        writer.writerow([row.line, *map(safe_cell, cells)])
