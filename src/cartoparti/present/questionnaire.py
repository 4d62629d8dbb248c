"""Going to people who will never open a website ("aller vers").

- :func:`questionnaire_html`: a printable paper questionnaire with the same fields
  as the online form and a map extract of the commune (an inline SVG drawn from the
  commune's own outline and landmarks: no remote tile, prints anywhere);
- :func:`csv_template`: the CSV for batch entry of the paper answers through the
  ordinary import (``python -m cartoparti import FICHIER.csv --channel paper``), made
  for a French spreadsheet: headings in words, ``;`` between cells, a UTF-8 byte-order
  mark, a help line with the accepted words, an example row in words.

The landmarks' numbers are placed so that none covers another (:func:`label_positions`):
a number moved off its landmark is tied to it by a leader line.

Every name and label is HTML-escaped.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping
from datetime import date
from html import escape

import geopandas as gpd
import pandas as pd
import shapely

from cartoparti import i18n
from cartoparti.io.csvsafe import safe_cell
from cartoparti.io.importer import MAX_LANDMARKS, landmark_numbers
from cartoparti.lifecycle import FIELD_CHANNELS
from cartoparti.model import AGE_BANDS, CHANNELS, CSP, KINDS
from cartoparti.storage import Storage

__all__ = [
    "LABEL_RADIUS",
    "MAX_LANDMARKS",
    "TEMPLATE_COLUMNS",
    "commune_svg",
    "csv_template",
    "label_positions",
    "landmark_table",
    "questionnaire_html",
    "template_headings",
]

TEMPLATE_COLUMNS = (
    "id",
    "kind",
    "title",
    "text",
    "theme",
    "commune",
    "landmark",
    "address",
    "lon",
    "lat",
    "created_at",
    "channel",
    "session_place",
    "age_band",
    "csp",
    "home_commune",
    "first_time",
)
"""Fields of the batch-entry CSV, in order; the file's headings are their words
(``template.column.<field>`` of the catalogue), which the import reads back."""
LABEL_RADIUS = 8.0
"""Radius of a landmark's numbered disc on the paper map (SVG units)."""


def template_headings() -> list[str]:
    """The headings of the batch-entry CSV, in the active language."""
    return [i18n.message(f"template.column.{name}") for name in TEMPLATE_COLUMNS]


def landmark_table(store: Storage, zone_code: str) -> pd.DataFrame:
    """Numbered landmarks of a commune (as on the paper map): ``number, name, type, lon, lat``
    (a point on each landmark, WGS84, 6 decimals); the numbers the import reads."""
    return landmark_numbers(store, zone_code)


def label_positions(
    points: list[tuple[float, float]], *, width: float, height: float, radius: float = LABEL_RADIUS
) -> list[tuple[float, float]]:
    """Centres of the numbered discs of ``points`` (SVG coordinates) such that no two
    discs' boxes overlap and each stays inside the ``width`` × ``height`` drawing.

    Deterministic: the landmarks in order, each on its point if that is free, else on
    the first free spot of rings around it (nearest ring first, eight then more
    directions per ring, starting up and to the right) that hides no other landmark's
    point."""
    side = 2 * radius + 1.0  # a box's side and a small gap
    placed: list[tuple[float, float]] = []

    def free(x: float, y: float, own: int | None = None) -> bool:
        if not (radius <= x <= width - radius and radius <= y <= height - radius):
            return False
        if own is not None and any(  # a moved disc never hides another landmark's spot
            abs(x - ox) < radius + 3 and abs(y - oy) < radius + 3 for i, (ox, oy) in enumerate(points) if i != own
        ):
            return False
        return all(abs(x - ox) >= side or abs(y - oy) >= side for ox, oy in placed)

    for index, (px, py) in enumerate(points):
        spot = (px, py) if free(px, py) else None
        ring = 1
        while spot is None and ring <= 60:
            steps = 8 * ring
            for step in range(steps):
                angle = math.pi / 4 - 2 * math.pi * step / steps
                x, y = px + ring * side * math.cos(angle), py - ring * side * math.sin(angle)
                if free(x, y, index):
                    spot = (x, y)
                    break
            ring += 1
        placed.append(spot if spot is not None else (px, py))
    return placed


def commune_svg(
    zone: gpd.GeoDataFrame, landmarks: pd.DataFrame, *, width: int = 640, height: int = 460
) -> str:
    """An SVG map of one commune: its outline (Lambert-93, north up, scale bar) and
    the numbered landmarks of :func:`landmark_table`."""
    outline = zone.to_crs(2154).geometry.union_all()
    points = gpd.GeoSeries(gpd.points_from_xy(landmarks["lon"], landmarks["lat"]), crs=4326).to_crs(
        2154
    )
    minx, miny, maxx, maxy = outline.bounds
    margin = 20.0
    scale = min(
        (width - 2 * margin) / max(maxx - minx, 1.0),
        (height - 2 * margin - 20) / max(maxy - miny, 1.0),
    )

    def xy(x: float, y: float) -> tuple[float, float]:
        return margin + (x - minx) * scale, margin + (maxy - y) * scale

    def ring(coords: object) -> str:
        pts = [xy(x, y) for x, y, *_ in coords]  # type: ignore[union-attr]
        return "M" + " L".join(f"{px:.1f},{py:.1f}" for px, py in pts) + " Z"

    parts = []
    for polygon in getattr(outline, "geoms", [outline]):
        if isinstance(polygon, shapely.Polygon):
            parts.append(ring(polygon.exterior.coords))
            parts.extend(ring(hole.coords) for hole in polygon.interiors)
    spots = [xy(point.x, point.y) for point in points]
    labels = label_positions(spots, width=width, height=height - 24)  # the scale bar below
    r = LABEL_RADIUS
    marks = []
    leaders = []
    for number, (px, py), (lx, ly), name in zip(landmarks["number"], spots, labels, landmarks["name"], strict=True):
        if (lx, ly) != (px, py):  # moved off its landmark: a dot on the landmark, a line to it
            leaders.append(
                f'<line class="cp-leader" x1="{px:.1f}" y1="{py:.1f}" x2="{lx:.1f}" y2="{ly:.1f}" '
                f'stroke="#6b4f2a" stroke-width="1"/>'
                f'<rect x="{px - 2:.1f}" y="{py - 2:.1f}" width="4" height="4" fill="#6b4f2a"/>'
            )
        marks.append(
            f'<g><title>{escape(str(name))}</title><circle class="cp-label" cx="{lx:.1f}" cy="{ly:.1f}" r="{r:g}" '
            f'fill="#fff" stroke="#6b4f2a" stroke-width="1.5"/>'
            f'<text x="{lx:.1f}" y="{ly + 3.5:.1f}" text-anchor="middle" font-size="9">{int(number)}</text></g>'
        )
    bar_m = _nice_length((maxx - minx) / 4)
    bar_px = bar_m * scale
    bar_label = f"{bar_m / 1000:g} km" if bar_m >= 1000 else f"{bar_m:g} m"
    label = i18n.message("questionnaire.map")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cp-map" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{label}">'
        f'<path d="{" ".join(parts)}" fill="#f4f1ea" stroke="#333" stroke-width="1.5" fill-rule="evenodd"/>'
        + "".join(leaders)
        + "".join(marks)
        + f'<g transform="translate({margin},{height - 12})"><line x1="0" y1="0" x2="{bar_px:.1f}" y2="0" '
        f'stroke="#333" stroke-width="2"/><text x="{bar_px + 6:.1f}" y="4" font-size="10">{bar_label}</text></g>'
        f'<text x="{width - 24}" y="24" font-size="14" font-weight="bold">N ↑</text>'
        "</svg>"
    )


def _nice_length(meters: float) -> float:
    for step in (50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000):
        if step >= meters * 0.6:
            return float(step)
    return 50000.0


def _boxes(options: Mapping[str, str] | list[str], *, columns: int = 2) -> str:
    labels = list(options.values()) if isinstance(options, Mapping) else list(options)
    items = "".join(f'<li><span class="box"></span> {escape(label)}</li>' for label in labels)
    return f'<ul class="choices cols{columns}">{items}</ul>'


def questionnaire_html(store: Storage, zone_code: str, *, themes: tuple[str, ...]) -> str:
    """A complete HTML page to print: the online form's fields on paper, with the map
    extract of the commune ``zone_code`` (primary layer)."""
    zones = store.zones()
    zone = zones[zones["code"] == zone_code]
    if zone.empty:
        raise KeyError(zone_code)
    commune = str(zone["name"].iloc[0])
    territory = str(store.territory_info()["name"])
    landmarks = landmark_table(store, zone_code)
    legend = "".join(
        f"<li><b>{n}</b> {escape(name)} <small>({escape(kind)})</small></li>"
        for n, name, kind in zip(
            landmarks["number"], landmarks["name"], landmarks["type"], strict=True
        )
    )
    lines = '<div class="line"></div>' * 6
    channels = {k: v for k, v in CHANNELS.items() if k != "online"}
    t = i18n.message  # the words are the catalogue's (trusted); names and themes are escaped
    return f"""<!doctype html>
<html lang="{i18n.active()}"><head><meta charset="utf-8">
<title>{t("questionnaire.title", commune=escape(commune))}</title>
<style>
@page {{ size: A4; margin: 14mm; }}
body {{ font: 12pt/1.45 system-ui, sans-serif; color: #111; max-width: 190mm; margin: auto; }}
h1 {{ font-size: 18pt; margin: 0 0 4pt; }} h2 {{ font-size: 13pt; margin: 14pt 0 4pt; border-bottom: 1px solid #999; }}
.choices {{ list-style: none; padding: 0; margin: 4pt 0; columns: 2; }}
.choices.cols3 {{ columns: 3; }} .choices.cols1 {{ columns: 1; }}
.choices li {{ break-inside: avoid; margin: 2pt 0; }}
.box {{ display: inline-block; width: 10pt; height: 10pt; border: 1.2pt solid #222; vertical-align: -1pt; margin-right: 4pt; }}
.line {{ border-bottom: 1px dotted #555; height: 22pt; }}
.field {{ margin: 6pt 0; }}
.cp-map {{ width: 100%; height: auto; border: 1px solid #bbb; }}
.legend {{ columns: 2; font-size: 9.5pt; padding-left: 0; list-style: none; }}
.agent {{ border: 1.5pt dashed #555; padding: 6pt 8pt; margin-top: 12pt; font-size: 10.5pt; }}
.notice {{ font-size: 9.5pt; color: #333; }}
.pagebreak {{ break-before: page; }}
@media screen {{ body {{ padding: 12px; }} }}
</style></head><body>
<h1>{t("questionnaire.heading", commune=escape(commune))}</h1>
<p>{t("questionnaire.intro", territory=escape(territory))}</p>

<h2>{t("questionnaire.kind")}</h2>
{_boxes(KINDS, columns=3)}

<h2>{t("questionnaire.title_field")}</h2>
<div class="line"></div>

<h2>{t("questionnaire.text")}</h2>
{lines}

<h2>{t("questionnaire.theme")}</h2>
{_boxes(list(themes), columns=3)}

<h2 class="pagebreak">{t("questionnaire.where")}</h2>
{commune_svg(zone, landmarks)}
<ul class="legend">{legend}</ul>
<div class="field">{t("questionnaire.address")}</div><div class="line"></div>

<h2>{t("questionnaire.about_you")}</h2>
<p class="notice">{t("questionnaire.about_you_why")}</p>
<div class="field"><b>{t("questionnaire.age_band")}</b>{_boxes(AGE_BANDS, columns=3)}</div>
<div class="field"><b>{t("questionnaire.csp")}</b>{_boxes(CSP, columns=1)}</div>
<div class="field"><b>{t("questionnaire.home_commune")}</b></div><div class="line"></div>
<div class="field"><b>{t("questionnaire.first_time")}</b>{_boxes([t("questionnaire.yes"), t("questionnaire.no")])}</div>

<p class="notice">{t("questionnaire.what_is_public")}</p>

<div class="agent"><b>{t("questionnaire.agent_only")}</b>{t("questionnaire.agent_fields")}
{_boxes(channels, columns=3)}
{t("questionnaire.follow_code_given")}</div>
</body></html>
"""


def csv_template(store: Storage, zone_code: str | None = None, *, themes: tuple[str, ...]) -> str:
    """The batch-entry CSV as a French spreadsheet opens it: a byte-order mark, the
    headings in words (:func:`template_headings`), ``;`` between cells, a help line
    (starting with ``#``, skipped by the import) listing the accepted words, and one
    example row in words (to replace) in the commune ``zone_code`` (default: the first
    one), at its landmark n° 1 when it has one. Every cell goes through the formula
    guard (:func:`cartoparti.io.csvsafe.safe_cell`)."""
    zones = store.zones()
    code = zone_code or str(zones["code"].iloc[0])
    names = dict(zip(zones["code"].astype(str), zones["name"].astype(str), strict=True))
    has_landmark = not landmark_numbers(store, code).empty
    t = i18n.message
    words = " | ".join

    def capital(label: str) -> str:
        return label[:1].upper() + label[1:]

    help_row = {
        "id": t("template.help.id"),
        "kind": words(capital(v) for v in KINDS.values()),
        "title": t("template.help.title"),
        "text": t("template.help.text"),
        "theme": words(themes),
        "commune": t("template.help.commune"),
        "landmark": t("template.help.landmark"),
        "address": t("template.help.address"),
        "lon": t("template.help.lon"),
        "lat": t("template.help.lat"),
        "created_at": t("template.help.created_at"),
        "channel": words(capital(v) for v in FIELD_CHANNELS.values()),
        "session_place": t("template.help.session_place"),
        "age_band": words(AGE_BANDS.values()),
        "csp": words(CSP.values()),
        "home_commune": t("template.help.home_commune"),
        "first_time": f"{t('questionnaire.yes')} | {t('questionnaire.no')}",
    }
    example = {
        "id": "papier-0001",
        "kind": capital(KINDS["need"]),
        "title": t("questionnaire.example.title"),
        "text": t("questionnaire.example.text"),
        "theme": themes[0] if themes else "",
        "commune": names.get(code, code),
        "landmark": "1" if has_landmark else "",
        "address": "",
        "lon": "",
        "lat": "",
        "created_at": date.today().strftime("%d/%m/%Y"),
        "channel": capital(FIELD_CHANNELS["paper"]),
        "session_place": "",
        "age_band": AGE_BANDS["30-44"],
        "csp": CSP["CS5"],
        "home_commune": names.get(code, code),
        "first_time": t("questionnaire.yes"),
    }
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in (template_headings(), [help_row[c] for c in TEMPLATE_COLUMNS], [example[c] for c in TEMPLATE_COLUMNS]):
        writer.writerow([safe_cell(cell) for cell in row])
    return "\ufeff" + buffer.getvalue()
