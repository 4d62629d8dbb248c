"""Going to people who will never open a website ("aller vers").

- :func:`questionnaire_html`: a printable paper questionnaire with the same fields
  as the online form and a map extract of the commune (an inline SVG drawn from the
  commune's own outline and landmarks: no remote tile, prints anywhere);
- :func:`csv_template`: the CSV for batch entry of the paper answers through the
  ordinary import (``python -m cartoparti import FICHIER.csv --channel paper``).

Every name and label is HTML-escaped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import date
from html import escape

import geopandas as gpd
import pandas as pd
import shapely

from cartoparti import i18n
from cartoparti.model import AGE_BANDS, CHANNELS, CSP, KINDS
from cartoparti.storage import Storage

__all__ = [
    "TEMPLATE_COLUMNS",
    "commune_svg",
    "csv_template",
    "landmark_table",
    "questionnaire_html",
]

TEMPLATE_COLUMNS = (
    "id",
    "kind",
    "title",
    "text",
    "theme",
    "created_at",
    "channel",
    "lon",
    "lat",
    "age_band",
    "csp",
    "home_commune",
    "first_time",
)
"""Columns of the batch-entry CSV, as the contribution import reads them."""
MAX_LANDMARKS = 40


def landmark_table(store: Storage, zone_code: str) -> pd.DataFrame:
    """Numbered landmarks of a commune (as on the paper map): ``number, name, type, lon, lat``
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
    marks = []
    for number, point, name in zip(landmarks["number"], points, landmarks["name"], strict=True):
        px, py = xy(point.x, point.y)
        marks.append(
            f'<g><title>{escape(str(name))}</title><circle cx="{px:.1f}" cy="{py:.1f}" r="8" '
            f'fill="#fff" stroke="#6b4f2a" stroke-width="1.5"/>'
            f'<text x="{px:.1f}" y="{py + 3.5:.1f}" text-anchor="middle" font-size="9">{int(number)}</text></g>'
        )
    bar_m = _nice_length((maxx - minx) / 4)
    bar_px = bar_m * scale
    bar_label = f"{bar_m / 1000:g} km" if bar_m >= 1000 else f"{bar_m:g} m"
    label = i18n.message("questionnaire.map")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cp-map" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{label}">'
        f'<path d="{" ".join(parts)}" fill="#f4f1ea" stroke="#333" stroke-width="1.5" fill-rule="evenodd"/>'
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
    """The batch-entry CSV: the import's columns and one example row (to replace)
    placed in the commune ``zone_code`` (default: the first one)."""
    zones = store.zones()
    code = zone_code or str(zones["code"].iloc[0])
    point = store.zone_point(code)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(TEMPLATE_COLUMNS)
    example = {
        "id": "papier-0001",
        "kind": "need",
        "title": i18n.message("questionnaire.example.title"),
        "text": i18n.message("questionnaire.example.text"),
        "theme": themes[0] if themes else "",
        "created_at": date.today().isoformat(),
        "channel": "paper",
        "lon": f"{point.x:.6f}" if point is not None else "",
        "lat": f"{point.y:.6f}" if point is not None else "",
        "age_band": "30-44",
        "csp": "CS5",
        "home_commune": code,
        "first_time": "oui",
    }
    writer.writerow([example[c] for c in TEMPLATE_COLUMNS])
    return buffer.getvalue()
