"""The council brief: one document for a council meeting, as HTML or PDF.

One jinja2 template (``templates/brief.html.j2``, autoescaped) renders a list of
:class:`Section`, each built by a function registered in :data:`SECTIONS` from
the lazily computed inputs of :class:`BriefData`. Every section holds only words,
figures, tables of aggregates and static SVG maps drawn here from our own layers
(Lambert-93, one ``<path>`` per zone): no tiles, nothing fetched. The PDF is the
same HTML printed by WeasyPrint (imported only by :func:`render_pdf`), with a
URL fetcher that refuses anything but ``data:`` URLs.

Adding a section (the places that come back, the action plan's progress) is one
builder registered with :func:`register_section`, e.g.
``register_section("places", title, places_section, after="representation")``
(and ``"plan"`` after ``"answers"``); the template needs no change.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

import geopandas as gpd
import jinja2
import numpy as np
import pandas as pd
import shapely
from markupsafe import Markup, escape

from cartoparti import i18n
from cartoparti.analysis import clusters as places_analysis
from cartoparti.analysis import priorities as prio
from cartoparti.analysis import workload
from cartoparti.analysis.representation import MIN_CELL, RepresentationReport, representation_report
from cartoparti.i18n import formats
from cartoparti.model import KINDS
from cartoparti.present import representation as view
from cartoparti.present.priorities import publics_text
from cartoparti.storage import Storage

__all__ = [
    "SECTIONS",
    "BriefData",
    "MapFigure",
    "Section",
    "SectionSpec",
    "Table",
    "build_sections",
    "register_section",
    "render_html",
    "render_pdf",
    "section_titles",
    "svg_map",
]

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "brief.html.j2"
L93 = "EPSG:2154"
MAP_WIDTH = 640.0
"""Width of the SVG maps, in SVG units (the page scales them)."""
SIMPLIFY_M = 15.0
"""Tolerance (metres) of the simplification of the zones drawn."""
TOP_PRIORITIES = 10
MAX_POINTS = 3000
"""Contributions drawn at most on the territory map (a fixed sample beyond)."""
MAX_REFUSALS = 30
"""Refusals listed at most (the most recent first)."""
CONTRIBUTION_COLOUR = "#d95f02"
TERRITORY_FILL = "#eef3e8"
AREA_COLOUR = "#7b3294"
TOP_PLACES = 10
"""Places that come back listed at most (the biggest first)."""


def _t(key: str, **fields: object) -> str:
    return i18n.message(key, **fields)


_OPENING, _CLOSING, _NBSP = chr(0xAB), chr(0xBB), chr(0xA0)  # guillemets, no-break space
_BEFORE_SPACED = re.compile(r"\s+([:;!?" + _CLOSING + "])")
_AFTER_OPENING = re.compile(_OPENING + r"\s*")
_BEFORE_TIGHT = re.compile(r"(\S)([;!?])(?=\s|$)")


def typography(text: str) -> str:
    """French typography: a no-break space before ``: ; ! ?`` and inside « », where
    an ordinary space (or none, for « ») stands. Other languages: the text as written."""
    if i18n.active() != "fr":
        return text
    text = _BEFORE_SPACED.sub("\u00a0\\1", text)
    text = _AFTER_OPENING.sub(_OPENING + _NBSP, text)
    return _BEFORE_TIGHT.sub("\\1\u202f\\2", text)


# --------------------------------------------------------------------------- model


@dataclass
class Table:
    """A table of aggregates: already formatted cells; ``numeric`` columns right-aligned."""

    caption: str
    columns: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()


@dataclass
class MapFigure:
    svg: Markup
    caption: str
    legend: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Section:
    """What the template shows of one section, in this order."""

    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    figures: list[tuple[str, str]] = field(default_factory=list)
    maps: list[MapFigure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class BriefData:
    """The inputs of the sections, each read from the store when a section first asks."""

    def __init__(self, store: Storage, *, now: datetime | None = None) -> None:
        self.store = store
        self.now = now or datetime.now(UTC)

    @cached_property
    def info(self) -> dict[str, Any]:
        return self.store.territory_info()

    @cached_property
    def zones(self) -> gpd.GeoDataFrame:
        return self.store.zones()

    @cached_property
    def published(self) -> gpd.GeoDataFrame:
        return self.store.export_frame()

    @cached_property
    def report(self) -> RepresentationReport:
        return representation_report(self.store)

    @cached_property
    def priorities(self) -> prio.Priorities:
        return prio.priorities(self.store)

    @cached_property
    def timeline(self) -> pd.DataFrame:
        return self.store.answer_timeline()

    @cached_property
    def places(self) -> places_analysis.Clusters:
        return places_analysis.find_clusters(
            self.store.cluster_input(),
            eps_m=places_analysis.DEFAULT_EPS_M,
            min_contributors=places_analysis.DEFAULT_MIN_CONTRIBUTORS,
        )


SectionBuilder = Callable[[BriefData], Section | None]


@dataclass(frozen=True)
class SectionSpec:
    """A registered section: its key (the HTML ``id``), its title and its builder
    (``None`` from the builder leaves the section out)."""

    key: str
    title: str | Callable[[], str]
    """The title, or what gives it in the active language."""
    build: SectionBuilder


SECTIONS: list[SectionSpec] = []
"""The sections of the brief, in order."""


def register_section(
    key: str,
    title: str | Callable[[], str],
    builder: SectionBuilder,
    *,
    after: str | None = None,
    before: str | None = None,
) -> SectionBuilder:
    """Add (or replace) the section ``key``, at the end or ``after`` / ``before`` another."""
    SECTIONS[:] = [spec for spec in SECTIONS if spec.key != key]
    keys = [spec.key for spec in SECTIONS]
    if after is not None and after in keys:
        index = keys.index(after) + 1
    elif before is not None and before in keys:
        index = keys.index(before)
    else:
        index = len(SECTIONS)
    SECTIONS.insert(index, SectionSpec(key, title, builder))
    return builder


def section(key: str) -> Callable[[SectionBuilder], SectionBuilder]:
    """Decorator form of :func:`register_section` (at the end; title: message
    ``brief.<key>.title``)."""
    return lambda builder: register_section(key, lambda: _t(f"brief.{key}.title"), builder)


def section_titles() -> list[str]:
    """The titles of the registered sections, in order."""
    return [spec.title() if callable(spec.title) else spec.title for spec in SECTIONS]


# --------------------------------------------------------------------------- SVG maps


def _ring_path(coords: np.ndarray) -> str:
    points = [f"{x:.1f},{y:.1f}" for x, y in coords]
    return "M" + "L".join(points) + "Z"


def _path_d(geometry: shapely.Geometry) -> str:
    parts = []
    polygons = getattr(geometry, "geoms", [geometry])
    for polygon in polygons:
        if polygon.is_empty or polygon.geom_type != "Polygon":
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            parts.append(_ring_path(np.asarray(ring.coords)[:, :2]))
    return "".join(parts)


_SOLID = 'stroke="#555" stroke-width="0.6"'
_DASHED = 'stroke="#000" stroke-width="1.4" stroke-dasharray="5 3"'


def svg_map(
    zones: gpd.GeoDataFrame,
    fills: Mapping[str, str] | None = None,
    *,
    points: gpd.GeoSeries | None = None,
    dashed: frozenset[str] = frozenset(),
    areas: Sequence[tuple[str, shapely.Geometry]] = (),
    label: str = "",
) -> Markup:
    """Zones (``code``, ``name``, geometry, WGS84) as an inline SVG map projected in
    Lambert-93: one ``<path>`` per zone filled with ``fills[code]`` (default a pale
    green), its name as tooltip, outlined in dashes when its code is in ``dashed``;
    ``points`` (WGS84) as dots; ``areas`` (``(label, geometry)``, WGS84) outlined on
    top, their label written at their centre. Texts are escaped."""
    projected = zones.to_crs(L93)
    minx, miny, maxx, maxy = projected.total_bounds
    scale = MAP_WIDTH / max(maxx - minx, 1.0)
    height = (maxy - miny) * scale

    def to_svg(geometry: shapely.Geometry) -> shapely.Geometry:
        return shapely.transform(geometry, lambda xy: np.column_stack(((xy[:, 0] - minx) * scale, (maxy - xy[:, 1]) * scale)))

    fills = fills or {}
    out = [
        (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {MAP_WIDTH:.0f} {height:.0f}" '
        f'class="map" role="img" aria-label="{escape(label)}">')
    ]
    for code, name, geometry in zip(projected["code"], projected["name"], projected.geometry, strict=True):
        drawn = to_svg(geometry.simplify(SIMPLIFY_M, preserve_topology=True))
        colour = fills.get(code, TERRITORY_FILL)
        out.append(
            f'<path class="zone" data-code="{escape(code)}" d="{_path_d(drawn)}" fill="{escape(colour)}" '
            f'fill-rule="evenodd" {_DASHED if code in dashed else _SOLID}><title>{escape(name)}</title></path>'
        )
    if points is not None and len(points):
        projected_points = gpd.GeoSeries(points, crs="EPSG:4326").to_crs(L93)
        for point in projected_points:
            if point is None or point.is_empty:
                continue
            x, y = (point.x - minx) * scale, (maxy - point.y) * scale
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.2" fill="{CONTRIBUTION_COLOUR}" fill-opacity="0.7"/>')
    if areas:
        projected_areas = gpd.GeoSeries([g for _, g in areas], crs="EPSG:4326").to_crs(L93)
        for (name, _), geometry in zip(areas, projected_areas, strict=True):
            drawn = to_svg(geometry)
            anchor = drawn.representative_point()
            out.append(
                f'<path class="area" d="{_path_d(drawn)}" fill="{AREA_COLOUR}" fill-opacity="0.35" '
                f'stroke="{AREA_COLOUR}" stroke-width="1.4"><title>{escape(name)}</title></path>'
                f'<text x="{anchor.x:.1f}" y="{anchor.y - 4:.1f}" font-size="11" font-weight="bold" '
                f'text-anchor="middle" fill="#000">{escape(name)}</text>'
            )
    out.append("</svg>")
    return Markup("".join(out))


# --------------------------------------------------------------------------- sections


def _n(value: object, decimals: int = 0) -> str:
    return formats.number(None if value is None or pd.isna(value) else float(value), decimals)  # type: ignore[arg-type]


def census_year(info: Mapping[str, Any]) -> str | None:
    """The census year named by the territory's sources (the first INSEE line with a year)."""
    for line in info.get("sources", []):
        if "INSEE" in line:
            found = re.search(r"\b(19|20)\d{2}\b", line)
            if found:
                return found.group(0)
    return None


@section("territory")
def territory_section(data: BriefData) -> Section:
    published = data.published
    by_kind = published["kind"].value_counts() if len(published) else pd.Series(dtype=int)
    points = published.geometry.representative_point() if len(published) else None
    notes = []
    if points is not None and len(points) > MAX_POINTS:
        points = points.sample(MAX_POINTS, random_state=0)
        notes.append(_t("brief.territory.sample", shown=_n(MAX_POINTS), total=_n(len(published))))
    figures = [
        (_t("brief.territory.zones"), _n(len(data.zones))),
        (_t("brief.territory.contributions"), _n(len(published))),
    ] + [(KINDS.get(kind, kind).capitalize(), _n(count)) for kind, count in by_kind.items()]
    return Section(
        key="territory",
        title=_t("brief.territory.title"),
        paragraphs=[_t("brief.territory.intro", name=data.info["name"], zones=_n(len(data.zones)), contributions=_n(len(published)))],
        figures=figures,
        maps=[
            MapFigure(
                svg_map(data.zones, points=points, label=_t("brief.territory.map")),
                _t("brief.territory.map"),
                [(TERRITORY_FILL, _t("brief.territory.legend.zone")), (CONTRIBUTION_COLOUR, _t("brief.territory.legend.contribution"))],
            )
        ],
        notes=notes,
    )


@section("representation")
def representation_section(data: BriefData) -> Section:
    frame = view.choropleth_frame(data.zones, data.report.zones)
    colours = {key: style.get("fillColor", "#ffffff") for key, style in view.RATIO_STYLES.items()}
    fills = {code: str(colours.get(klass, "#ffffff")) for code, klass in zip(frame["code"], frame["klass"], strict=True)}
    blank = frozenset(frame.loc[frame["klass"] == "blank", "code"])
    table = data.report.zones.table
    under = table[table["status"] == "under"].sort_values("ratio")
    rows = [
        [str(r.zone_name), _n(r.population), _n(r.contributors), _n(r.expected, 1), _n(r.ratio, 2)]
        for r in under.head(12).itertuples()
    ]
    tables = []
    if rows:
        tables.append(
            Table(
                _t("brief.representation.under_table"),
                [_t("brief.column.zone"), _t("brief.column.population"), _t("brief.column.contributors"), _t("brief.column.expected"), _t("brief.column.ratio")],
                rows,
                frozenset({1, 2, 3, 4}),
            )
        )
    return Section(
        key="representation",
        title=_t("brief.representation.title"),
        paragraphs=[_t("brief.representation.intro"), _t("brief.representation.how", under=_n(data.report.zones.under_count), blank=_n(len(data.report.zones.blank_zones)))],
        maps=[MapFigure(svg_map(data.zones, fills, dashed=blank, label=_t("brief.representation.map")), _t("brief.representation.map"), list(view.RATIO_LEGEND))],
        tables=tables,
    )


def _counts_text(counts: Mapping[str, int], labels: Mapping[str, str]) -> str:
    return ", ".join(f"{labels.get(code, code)} ({_n(n)})" for code, n in sorted(counts.items(), key=lambda kv: -kv[1]))


def places_section(data: BriefData) -> Section:
    found = data.places
    section_ = Section(
        key="places",
        title=_t("brief.places.title"),
        paragraphs=[_t("brief.places.intro", eps=_n(found.eps_m), min=_n(found.min_contributors))],
    )
    if found.places.empty:
        section_.paragraphs.append(_t("brief.places.none"))
        return section_
    top = found.places.head(TOP_PLACES)
    zones = data.zones
    centres = gpd.GeoDataFrame(geometry=gpd.points_from_xy(top["lon"], top["lat"]), crs="EPSG:4326", index=top.index)
    zone_names = gpd.sjoin(centres, zones[["name", "geometry"]], how="left", predicate="within")["name"]
    zone_names = zone_names[~zone_names.index.duplicated()]
    section_.figures = [
        (_t("brief.places.count"), _n(len(found.places))),
        (_t("brief.places.members"), _n(int(found.places["contributions"].sum()))),
    ]
    section_.maps.append(
        MapFigure(
            svg_map(zones, areas=[(str(int(c)), g) for c, g in zip(top["cluster"], top.geometry, strict=True)], label=_t("brief.places.map")),
            _t("brief.places.map"),
            [(TERRITORY_FILL, _t("brief.territory.legend.zone")), (AREA_COLOUR, _t("brief.places.legend"))],
        )
    )
    section_.tables.append(
        Table(
            _t("brief.places.table", count=_n(len(top))),
            [_t("brief.column.number"), _t("brief.column.zone"), _t("brief.column.contributions"), _t("brief.column.people"),
             _t("brief.column.kinds"), _t("brief.column.period")],
            [
                [
                    _n(r.cluster), "" if pd.isna(zone_names.get(i)) else str(zone_names.get(i)), _n(r.contributions), _n(r.contributors),
                    _counts_text(r.kinds, KINDS),
                    _t("brief.places.period", first=formats.date(r.first_at), last=formats.date(r.last_at)),
                ]
                for i, r in zip(top.index, top.itertuples(), strict=True)
            ],
            frozenset({0, 2, 3}),
        )
    )
    return section_


register_section("places", lambda: _t("brief.places.title"), places_section, after="representation")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _publics_table(report: RepresentationReport, dimension: str) -> Table | None:
    try:
        t = report.publics.table.loc[dimension]
    except KeyError:
        return None
    rows = [
        [
            view.group_label(dimension, str(group)),
            formats.percent(r["population_share"], 1),
            _n(r["contributors"]),
            formats.percent(r["contributor_share"], 1),
            view.status_labels(pd.Series([r["status"]])).iloc[0],
        ]
        for group, r in t.iterrows()
    ]
    return Table(
        _t("brief.participation.table", dimension=_lower_first(view.DIMENSIONS.get(dimension, dimension))),
        [_t("brief.column.group"), _t("brief.column.population_share"), _t("brief.column.contributors"), _t("brief.column.contributor_share"), _t("brief.column.status")],
        rows,
        frozenset({1, 2, 3}),
    )


@section("participation")
def participation_section(data: BriefData) -> Section:
    report = data.report
    totals = report.totals_by_basis
    year = census_year(data.info)
    tables = [t for t in (_publics_table(report, d) for d in ("age_band", "csp")) if t is not None]
    return Section(
        key="participation",
        title=_t("brief.participation.title"),
        paragraphs=[_t("brief.participation.intro", contributors=_n(totals["place"]["contributors"]))],
        figures=[
            (_t("brief.participation.contributors"), _n(totals["place"]["contributors"])),
            (_t("brief.participation.with_home"), _n(totals["home"]["placed"])),
            (_t("brief.participation.under_zones"), _n(report.zones.under_count)),
            (_t("brief.participation.blank_zones"), _n(len(report.zones.blank_zones))),
        ],
        tables=tables,
        notes=[
            _t("brief.caveat.small_numbers", min_cell=MIN_CELL),
            _t("brief.caveat.self_declared"),
            _t("brief.caveat.census", year=year) if year else _t("brief.caveat.census_unknown"),
        ],
    )


@section("priorities")
def priorities_section(data: BriefData) -> Section:
    result = data.priorities
    top = result.table.head(TOP_PRIORITIES)
    rows = [
        [
            _n(r.rank), str(r.title), KINDS.get(r.kind, r.kind), "" if pd.isna(r.zone_name) else str(r.zone_name),
            _n(r.supports), _n(r.contributors), _n(r.reweighted, 1), publics_text(result.publics, r.id),
        ]
        for r in top.itertuples()
    ]
    section_ = Section(
        key="priorities",
        title=_t("brief.priorities.title"),
        paragraphs=[_t("brief.priorities.intro"), _t("brief.priorities.reweighted")],
        notes=[_t("brief.priorities.secrecy", min_cell=MIN_CELL)],
    )
    if rows:
        section_.tables.append(
            Table(
                _t("brief.priorities.table", count=_n(len(top))),
                [_t("brief.column.rank"), _t("brief.column.title"), _t("brief.column.kind"), _t("brief.column.zone"),
                 _t("brief.column.supports"), _t("brief.column.people"), _t("brief.column.reweighted"), _t("brief.column.publics")],
                rows,
                frozenset({0, 4, 5, 6}),
            )
        )
    else:
        section_.paragraphs.append(_t("brief.priorities.none"))
    return section_


@section("answers")
def answers_section(data: BriefData) -> Section:
    timeline = data.timeline
    section_ = Section(key="answers", title=_t("brief.answers.title"))
    if timeline.empty:
        section_.paragraphs.append(_t("brief.answers.none"))
        return section_
    delays = workload.with_delays(timeline)
    figures = workload.workload(timeline, now=data.now)
    section_.figures = [
        (_t("brief.answers.contributions"), _n(len(delays))),
        (_t("brief.answers.answered"), formats.percent(delays["answered"].mean())),
        (_t("brief.answers.median"), _t("brief.days", days=_n(figures.median_days_to_first_answer, 1))),
        (_t("brief.answers.declined"), _n(int((delays["status"] == "declined").sum()))),
    ]
    by_zone = workload.equity(timeline, "zone_name")
    section_.tables.append(
        Table(
            _t("brief.answers.by_zone"),
            [_t("brief.column.zone"), _t("brief.column.contributions"), _t("brief.column.answer_rate"), _t("brief.column.median_days"), _t("brief.column.acceptance")],
            [
                [str(zone), _n(r["contributions"]), formats.percent(r["answered"] / r["contributions"] if r["contributions"] else None),
                 _n(r["median_days_to_first_answer"], 1), formats.percent(r["acceptance_rate"])]
                for zone, r in by_zone.iterrows()
            ],
            frozenset({1, 2, 3, 4}),
        )
    )
    published = data.published
    declined = published[published["status"] == "declined"] if len(published) else published
    if len(declined) > MAX_REFUSALS:
        section_.notes.append(_t("brief.answers.refusals_more", shown=_n(MAX_REFUSALS), total=_n(len(declined))))
        declined = declined.sort_values("created_at", ascending=False).head(MAX_REFUSALS)
    if len(declined):
        section_.tables.append(
            Table(
                _t("brief.answers.refusals"),
                [_t("brief.column.title"), _t("brief.column.zone"), _t("brief.column.reason")],
                [[str(r.title), "" if pd.isna(r.zone_name) else str(r.zone_name), "" if pd.isna(r.answer) else str(r.answer)]
                 for r in declined.itertuples()],
            )
        )
    else:
        section_.paragraphs.append(_t("brief.answers.no_refusal"))
    section_.notes.append(_t("brief.answers.definitions"))
    return section_


# --------------------------------------------------------------------------- rendering


def build_sections(data: BriefData, keys: Sequence[str] | None = None) -> list[Section]:
    """The sections of :data:`SECTIONS` (or those of ``keys``), built, in order."""
    built = []
    for spec in SECTIONS:
        if keys is not None and spec.key not in keys:
            continue
        made = spec.build(data)
        if made is not None:
            built.append(made)
    return built


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


def render_html(store: Storage, *, now: datetime | None = None) -> str:
    """The council brief as one HTML document in the active language (``lang="fr"``,
    ``lang="en"``…), everything inline."""
    data = BriefData(store, now=now)
    sections = build_sections(data)
    return _environment().get_template(TEMPLATE).render(
        lang=i18n.active(),
        title=_t("brief.title"),
        territory=data.info["name"],
        date=formats.date(data.now),
        generated=_t("brief.generated", date=formats.date(data.now)),
        contents=_t("brief.contents"),
        sections=sections,
        attribution_title=_t("brief.attribution.title"),
        attribution=data.info["attribution"],
        sources=data.info["sources"],
        page_label=_t("brief.page"),
    )


def _refuse_remote(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """WeasyPrint's URL fetcher: ``data:`` URLs only (everything is inline)."""
    if url.startswith("data:"):
        import weasyprint

        return weasyprint.default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"refused: {url}")


def render_pdf(store: Storage, *, now: datetime | None = None) -> bytes:
    """The council brief as PDF: :func:`render_html` printed by WeasyPrint."""
    import weasyprint  # costly: only for the PDF

    document = render_html(store, now=now)
    return weasyprint.HTML(string=document, url_fetcher=_refuse_remote, base_url=None).write_pdf()
