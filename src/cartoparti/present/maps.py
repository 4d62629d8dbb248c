"""Folium maps with assets served by the app itself (no CDN) and safe rendering.

How text reaches a map, and why it is safe:

- Every value (GeoJSON, styles, labels, attributions) enters the page's script as a
  JavaScript string literal read by ``JSON.parse`` (:func:`safe_json`), in which ``<``,
  ``>``, ``&``, ``{``, ``}``, ``#``, ``%`` and the line separators are ``\\uXXXX``
  escapes: no text can close the script it sits in, and none can read as a template.
- branca renders a macro, then compiles its output again as a new Jinja2 template
  (``MacroElement.render``): every element of ours renders verbatim instead
  (:class:`VerbatimMacroElement`), so the script we produce is never template source.
- In the browser, every string is inserted with the DOM's ``textContent`` (never as
  HTML). Many points travel as one GeoJSON layer, never as thousands of markers.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Collection, Mapping, Sequence
from typing import Any, ClassVar

import folium
import folium.plugins
import geopandas as gpd
from branca.element import Element, Figure, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template
from shapely.geometry import mapping as shapely_mapping

from cartoparti import i18n, settings
from cartoparti.i18n import formats
from cartoparti.model import KIND_STYLE, KINDS
from cartoparti.settings import Basemap

__all__ = [
    "CONTRIBUTION_PAGE",
    "LINK_ID",
    "LOCAL_CSS",
    "LOCAL_JS",
    "SUPPORT_PARAM",
    "SafeGeoJson",
    "VerbatimMacroElement",
    "add_contributions",
    "add_done",
    "add_draw",
    "add_keyboard_picker",
    "add_locate",
    "add_plan_items",
    "add_zone_counts",
    "add_zone_layer",
    "chosen_place_layer",
    "contribution_links",
    "frame",
    "safe_json",
    "territory_map",
]

_VENDOR = f"{settings.STATIC_URL}/vendor"
LOCAL_JS = [("leaflet", f"{_VENDOR}/leaflet/leaflet.js")]
LOCAL_CSS = [("leaflet_css", f"{_VENDOR}/leaflet/leaflet.css")]
DRAW_JS = [("leaflet_draw_js", f"{_VENDOR}/leaflet-draw/leaflet.draw.js")]
DRAW_CSS = [("leaflet_draw_css", f"{_VENDOR}/leaflet-draw/leaflet.draw.css")]

# Folium's defaults point at CDNs: replace them for every map and plugin we use.
folium.Map.default_js = LOCAL_JS
folium.Map.default_css = LOCAL_CSS
folium.plugins.Draw.default_js = DRAW_JS
folium.plugins.Draw.default_css = DRAW_CSS

MAX_FEATURES = 2000
"""Most features drawn on a map: up to this many contributions are drawn one by one
(in one GeoJSON layer); beyond, the public map draws counts by zone
(:func:`add_zone_counts`) and says so."""
MAX_ICONS = 300
"""Up to this many points get an icon (one DOM element each); beyond, light circles."""


_JS_STRING_ESCAPES = str.maketrans({
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "'": "\\u0027",
    "{": "\\u007b",
    "}": "\\u007d",
    "#": "\\u0023",
    "%": "\\u0025",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
})


def js_string(text: str) -> str:
    """A JavaScript string literal of ``text`` that is safe anywhere in a script: no
    character of it can close the ``<script>``, start markup, or open a Jinja2
    delimiter (``{{``, ``{%``, ``{#``)."""
    return json.dumps(text, ensure_ascii=False).translate(_JS_STRING_ESCAPES)


def safe_json(data: object) -> str:
    """A JavaScript expression evaluating to ``data``: ``JSON.parse("…")`` of a string
    literal made by :func:`js_string`, whatever the strings inside hold."""
    return f"JSON.parse({js_string(json.dumps(data, ensure_ascii=False, default=str))})"


class _Verbatim(Element):
    """Rendered text that is output as it is, never compiled as a template."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: object) -> str:
        return self._text


class VerbatimMacroElement(MacroElement):
    """A macro element whose rendered ``header``, ``html`` and ``script`` are placed in
    the figure verbatim.

    branca's own ``MacroElement.render`` wraps each rendered macro in
    ``Element(text)``, which compiles ``text`` as a new Jinja2 template: any data in it
    would be template source. Our elements never go through that second compilation.
    """

    def render(self, **kwargs: object) -> None:
        figure = self.get_root()
        assert isinstance(figure, Figure), "You cannot render this Element if it is not in a Figure."
        module = self._template.module
        for part in ("header", "html", "script"):
            macro = getattr(module, part, None)
            if macro is not None:
                getattr(figure, part).add_child(_Verbatim(macro(self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class SafeGeoJson(folium.map.Layer, VerbatimMacroElement):
    """A GeoJSON layer whose popups and tooltips are built with ``textContent``.

    Parameters
    ----------
    data
        A GeoJSON FeatureCollection (WGS84).
    style
        Leaflet path style, or a mapping ``property value -> style`` under ``style_by``.
    popup_fields
        ``[(property, French label), …]`` shown in the popup, in order.
    tooltip_field
        Property shown on hover.
    label_field
        Property shown as a permanent label at each feature's centre (few features only).
    icon_by
        Property whose value picks an icon (``KIND_STYLE``) for points; points without
        it are circles.
    keyboard
        Each feature (up to :data:`MAX_ICONS`) is reached with Tab, named by its kind and
        its ``tooltip_field``, and opens its popup with Enter; beyond, the page's list is
        the way without a mouse.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function() {
    var data = {{ this.data_json }};
    var baseStyle = {{ this.style_json }};
    var styleBy = {{ this.style_by_json }};
    var styles = {{ this.styles_json }};
    var icons = {{ this.icons_json }};
    var popupFields = {{ this.popup_json }};
    var tooltipField = {{ this.tooltip_json }};
    var labelField = {{ this.label_json }};
    var keyboard = {{ this.keyboard_json }};
    var countBy = {{ this.count_json }};
    var links = {{ this.links_json }};
    var linkId = links ? new RegExp(links.pattern) : null;
    function styleOf(f) {
        var s = Object.assign({}, baseStyle);
        if (styleBy && f.properties && styles[f.properties[styleBy]]) {
            Object.assign(s, styles[f.properties[styleBy]]);
        }
        return s;
    }
    function openInTop(ev) {
        // the map's iframe is sandboxed without top navigation: the link is followed
        // by a link of the top page (same origin, our own server), else as it is
        try {
            var doc = window.top.document;
            var go = doc.createElement("a");
            go.setAttribute("href", this.href);
            doc.body.appendChild(go);
            go.click();
            go.remove();
            ev.preventDefault();
        } catch (e) { /* another origin: the link's own target */ }
    }
    function text(tag, value, cls) {
        var el = document.createElement(tag);
        el.textContent = value == null ? "" : String(value);
        if (cls) { el.className = cls; }
        return el;
    }
    return L.geoJSON(data, {
        style: styleOf,
        pointToLayer: function(f, latlng) {
            if (countBy) {
                // a count: a round label sized by it (the text set with textContent), just
                // above its point, clear of the zone's name written at the same height
                var size = Number(f.properties[countBy.size]) || 28;
                var bubble = document.createElement("span");
                bubble.className = "cp-count";
                bubble.style.width = size + "px";
                bubble.style.height = size + "px";
                bubble.textContent = f.properties[countBy.label] == null ? "" : String(f.properties[countBy.label]);
                bubble.setAttribute("aria-hidden", "true");
                return L.marker(latlng, {keyboard: !!keyboard, icon: L.divIcon({html: bubble, className: "cp-icon cp-count-icon", iconSize: [size, size], iconAnchor: [size / 2, size + 8]})});
            }
            var s = styleOf(f);
            var icon = styleBy && icons[f.properties[styleBy]];
            if (icon) {
                var span = document.createElement("span");
                span.className = "cp-pin";
                span.style.background = s.color;
                span.textContent = icon;
                span.setAttribute("aria-hidden", "true");
                return L.marker(latlng, {keyboard: !!keyboard, icon: L.divIcon({html: span, className: "cp-icon cp-" + f.properties[styleBy], iconSize: [26, 26], iconAnchor: [13, 13]})});
            }
            return L.circleMarker(latlng, Object.assign({radius: 6, fillOpacity: 0.8}, s));
        },
        onEachFeature: function(f, layer) {
            var p = f.properties || {};
            if (popupFields.length) {
                layer.bindPopup(function() {
                    var div = document.createElement("div");
                    div.className = "cp-popup";
                    popupFields.forEach(function(pair, i) {
                        var value = p[pair[0]];
                        if (value == null || value === "") { return; }
                        if (i === 0) { div.appendChild(text("strong", value, "cp-title")); return; }
                        var row = document.createElement("div");
                        row.appendChild(text("span", pair[1], "cp-label"));
                        row.appendChild(text("span", value, "cp-value cp-" + pair[0]));
                        div.appendChild(row);
                    });
                    var id = linkId && p[links.field] != null ? String(p[links.field]) : "";
                    if (id && linkId.test(id)) {
                        // links to the contribution's page: attributes and textContent, in
                        // the top window (the map sits in an iframe)
                        var nav = document.createElement("div");
                        nav.className = "cp-links";
                        links.items.forEach(function(item) {
                            var a = document.createElement("a");
                            a.setAttribute("href", item.before + encodeURIComponent(id) + item.after);
                            a.setAttribute("target", "_top");
                            a.className = "cp-link " + item.cls;
                            a.textContent = item.text;
                            L.DomEvent.on(a, "click", openInTop);
                            nav.appendChild(a);
                        });
                        div.appendChild(nav);
                    }
                    return div;
                }, {maxWidth: 320});
            }
            if (keyboard && popupFields.length) {
                // reachable with Tab, named, and Enter (or Space) opens the popup
                layer.on("add", function() {
                    var el = layer.getElement && layer.getElement();
                    if (!el) { return; }
                    var title = p[tooltipField] == null ? "" : String(p[tooltipField]);
                    var kind = keyboard.kindField && p[keyboard.kindField];
                    el.setAttribute("aria-label", kind ? keyboard.template.replace("\u007bkind\u007d", kind).replace("\u007btitle\u007d", title) : title);
                    if (el.tagName.toLowerCase() === "path") {
                        el.setAttribute("tabindex", "0");
                        el.setAttribute("role", "button");
                        L.DomUtil.addClass(el, "cp-keyboard");
                        L.DomEvent.on(el, "keydown", function(ev) {
                            if (ev.key === "Enter" || ev.key === " ") { L.DomEvent.stop(ev); layer.openPopup(); }
                        });
                    }
                });
            }
            if (labelField && p[labelField] != null) {
                layer.bindTooltip(text("span", p[labelField]), {permanent: true, direction: "center", className: "cp-label-zone", interactive: false});
            } else if (tooltipField && p[tooltipField] != null) {
                layer.bindTooltip(function() { return text("span", p[tooltipField]); }, {sticky: true});
            }
        }
    });
})();
{% if this.has_labels %}
{{ this._parent.get_name() }}.on("resize moveend zoomend", function() {
    {{ this.get_name() }}.eachLayer(function(l) {
        var t = l.getTooltip && l.getTooltip();
        if (t && t.options.permanent && l.isTooltipOpen()) { t.setLatLng(l.getBounds().getCenter()); t.update(); }
    });
});
{% endif %}
{% endmacro %}
"""
    )

    def __init__(
        self,
        data: Mapping[str, object],
        *,
        name: str,
        style: Mapping[str, object] | None = None,
        style_by: str | None = None,
        styles: Mapping[str, Mapping[str, object]] | None = None,
        icon_by_kind: bool = False,
        popup_fields: Sequence[tuple[str, str]] = (),
        tooltip_field: str | None = None,
        label_field: str | None = None,
        show: bool = True,
        control: bool = True,
        keyboard: bool = False,
        count_by: tuple[str, str] | None = None,
        links: Sequence[Mapping[str, str]] = (),
        link_field: str = "link_id",
    ) -> None:
        super().__init__(name=name, overlay=True, control=control, show=show)
        # popup links ``{"before", "after", "text", "cls"}``: href = before + id + after,
        # for features whose ``link_field`` matches LINK_ID (checked here and in the browser)
        self.links_json = safe_json(
            {"field": link_field, "pattern": LINK_ID.pattern, "items": [dict(item) for item in links]}
            if links
            else None
        )
        # points drawn as counts: (property shown in the bubble, property of its size in px)
        self.count_json = safe_json({"label": count_by[0], "size": count_by[1]} if count_by else None)
        self._name = "SafeGeoJson"
        self.data_json = safe_json(data)
        self.style_json = safe_json(dict(style or {}))
        self.style_by_json = safe_json(style_by)
        self.styles_json = safe_json({k: dict(v) for k, v in (styles or {}).items()})
        self.icons_json = safe_json({k: v["icon"] for k, v in KIND_STYLE.items()} if icon_by_kind else {})
        self.popup_json = safe_json(
            [
                [field, i18n.message("map.popup_label", label=label) if label else ""]
                for field, label in popup_fields
            ]
        )
        self.tooltip_json = safe_json(tooltip_field)
        self.label_json = safe_json(label_field)
        self.has_labels = label_field is not None
        features = data.get("features")
        reachable = keyboard and isinstance(features, list) and len(features) <= MAX_ICONS
        self.keyboard_json = safe_json(
            {"template": i18n.message("map.marker_label", kind="{kind}", title="{title}"), "kindField": "kind_label"}
            if reachable
            else None
        )


class _Css(VerbatimMacroElement):
    """Stylesheet and attribution for our layers (no external resource)."""

    _template = Template(
        """
{% macro header(this, kwargs) %}
<style>
.leaflet-container { background: #f4f1ea; font: 14px/1.4 system-ui, sans-serif; }
.cp-icon { background: none; border: none; }
.cp-pin { display: flex; align-items: center; justify-content: center; width: 24px; height: 24px;
  border-radius: 50%; border: 2px solid #fff; box-shadow: 0 1px 3px rgba(0,0,0,.5); font-size: 13px; color: #fff; }
.cp-popup .cp-title { display: block; font-size: 15px; margin-bottom: 4px; overflow-wrap: anywhere; }
.cp-popup { overflow-wrap: anywhere; }
.cp-popup .cp-label { color: #555; }
.cp-popup .cp-text { white-space: pre-wrap; }
.cp-popup .cp-links { display: flex; flex-wrap: wrap; gap: 6px 12px; margin-top: 8px; }
.cp-popup .cp-link { font-weight: 600; }
.cp-label-zone { background: transparent; border: none; box-shadow: none; color: #333; font-weight: 600;
  font-size: 11px; text-shadow: 0 0 3px #fff, 0 0 3px #fff; }
.cp-label-zone::before { display: none; }
.cp-chosen { width: 22px; height: 22px; border-radius: 50%; background: #d35400; border: 3px solid #fff;
  box-shadow: 0 1px 4px rgba(0,0,0,.6); cursor: grab; }
.cp-count { display: flex; align-items: center; justify-content: center; box-sizing: border-box;
  border-radius: 50%; background: rgba(27,110,90,.82); border: 2px solid #fff; box-shadow: 0 1px 3px rgba(0,0,0,.5);
  color: #fff; font-weight: 700; font-size: 12px; }
.cp-locate a { font-size: 20px; line-height: 30px; cursor: pointer; }
.cp-locate-note { background: #fff; font-size: 12px; max-width: 180px; padding: 0 4px; }
.cp-locate-note:empty { display: none; }
/* A narrow map (a phone): the list of layers folds into its button, opened by a tap or
   the keyboard, so that it never covers the drawing tools. */
@media (max-width: 600px) {
  .leaflet-control-layers-expanded { padding: 0; }
  .leaflet-control-layers-expanded .leaflet-control-layers-list { display: none; }
  .leaflet-control-layers-expanded .leaflet-control-layers-toggle { display: block; }
  .leaflet-control-layers-expanded:hover .leaflet-control-layers-list,
  .leaflet-control-layers-expanded:focus-within .leaflet-control-layers-list { display: block; padding: 0 10px 6px 6px; }
}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function(map, bounds) {
    // The map's frame is resized after the first drawing (streamlit-folium), and a
    // map in a hidden tab has no size until the tab is shown: on every resize, redraw
    // the vector layers and frame the territory, until the user moves the map.
    var touched = false;
    ["pointerdown", "wheel", "keydown", "touchstart"].forEach(function(name) {
        map.getContainer().addEventListener(name, function() { touched = true; }, {passive: true});
    });
    function refresh() {
        // the centre stays where it was (a searched address stays in the middle)
        map.invalidateSize({pan: true});
        var size = map.getSize();
        if (!touched && bounds && size.x > 0 && size.y > 0) {
            // zoomed in well past the territory's frame by someone else (a place search,
            // "use my location"): that view is kept, as if the user had moved the map
            if (map.getZoom() > map.getBoundsZoom(L.latLngBounds(bounds), false, L.point(32, 86)) + 1) {
                touched = true;
            } else {
                // keep the top clear of the layer control
                map.fitBounds(bounds, {paddingTopLeft: [16, 70], paddingBottomRight: [16, 16]});
            }
        }
        map.fire("moveend");
    }
    if (window.ResizeObserver) { new ResizeObserver(refresh).observe(map.getContainer()); }
    setTimeout(refresh, 400);
})({{ this._parent.get_name() }}, {{ this.bounds }});
{{ this._parent.get_name() }}.attributionControl.setPrefix(false);
{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.attribution }});
{% endmacro %}
"""
    )

    def __init__(self, attribution: str, bounds: list[list[float]] | None = None) -> None:
        super().__init__()
        self._name = "CartopartiCss"
        # Leaflet shows attributions as HTML: the text is escaped for it
        self.attribution = safe_json(html.escape(attribution))
        self.bounds = safe_json(bounds)


class _Accessible(VerbatimMacroElement):
    """What every map frame needs to be read and used without a mouse: the frame's
    language and title, French names for Leaflet's controls (zoom, layers, popup close
    button), a metric scale, a visible focus outline, and popups that take the focus
    when opened from the keyboard and give it back when closed."""

    _template = Template(
        """
{% macro header(this, kwargs) %}
<style>
.leaflet-container:focus-visible { outline: 3px solid #1b6e5a !important; outline-offset: -3px; }
.leaflet-container a:focus-visible, .leaflet-container input:focus-visible,
.leaflet-control-layers label:focus-within {
  outline: 3px solid #1b6e5a !important; outline-offset: 1px; }
.cp-icon:focus-visible { outline: none; }
.cp-icon:focus-visible .cp-pin { box-shadow: 0 0 0 3px #fff, 0 0 0 6px #1a1a1a; }
path.cp-keyboard:focus-visible { outline: none; stroke: #1a1a1a; stroke-width: 5px; }
.leaflet-control-scale-line { color: #1a1a1a; }
.leaflet-container .leaflet-control-attribution { color: #1a1a1a; background: rgba(255,255,255,.9); }
.leaflet-container .leaflet-control-attribution a { color: #0b5394; }
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function(map, words) {
    document.documentElement.lang = words.lang;
    document.title = words.title;
    // the frame's name in the page (streamlit-folium titles it "streamlit_folium.st_folium")
    try { if (window.frameElement) { window.frameElement.setAttribute("aria-label", words.title); } } catch (e) {}
    var container = map.getContainer();
    if (!container.hasAttribute("aria-label")) { container.setAttribute("aria-label", words.label); }
    function name(el, text) { if (el) { el.title = text; el.setAttribute("aria-label", text); } }
    if (map.zoomControl) {
        name(map.zoomControl._zoomInButton, words.zoomIn);
        name(map.zoomControl._zoomOutButton, words.zoomOut);
    }
    L.control.scale({imperial: false}).addTo(map);
    // the layer control is added after this script, in the same run: name its button
    // once that run is over
    setTimeout(function() {
        name(container.querySelector(".leaflet-control-layers-toggle"), words.layers);
    }, 0);
    // a popup opened from the keyboard takes the focus, and gives it back when closed
    // (a mouse user's focus is left alone)
    var opener = null, byKeyboard = false;
    container.addEventListener("keydown", function() { byKeyboard = true; }, true);
    container.addEventListener("pointerdown", function() { byKeyboard = false; }, true);
    map.on("popupopen", function(e) {
        var close = e.popup._closeButton;
        name(close, words.close);
        var active = document.activeElement;
        opener = null;
        if (byKeyboard && active && active !== container && container.contains(active)
            && active.closest(".leaflet-marker-pane, .leaflet-overlay-pane")) {
            opener = active;
            if (close) { close.focus({preventScroll: true}); }
        }
    });
    map.on("popupclose", function() {
        if (opener && document.body.contains(opener)) { opener.focus({preventScroll: true}); }
        opener = null;
    });
})({{ this._parent.get_name() }}, {{ this.words_json }});
{% endmacro %}
"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Accessible"
        self.words_json = safe_json({
            "lang": i18n.active(),
            "title": i18n.message("map.frame_title"),
            "label": i18n.message("map.label"),
            "zoomIn": i18n.message("map.zoom_in"),
            "zoomOut": i18n.message("map.zoom_out"),
            "layers": i18n.message("map.layers"),
            "close": i18n.message("map.popup_close"),
        })


def frame(fmap: folium.Map, bounds: list[list[float]]) -> None:
    """Frame the map on ``bounds`` (``[[south, west], [north, east]]``) instead of the whole
    territory, also when its frame is resized (until the user moves the map)."""
    for child in fmap._children.values():
        if isinstance(child, _Css):
            child.bounds = safe_json(bounds)
    fmap.fit_bounds(bounds)


class _TileLayer(folium.raster_layers.TileLayer, VerbatimMacroElement):
    """A tile layer whose URL and attribution (settings) are never template source."""


PMTILES_FOLDER = "basemap"
"""Folder of ./static where the web layer exposes the territory's PMTiles file."""
PROTOMAPS_JS = f"{_VENDOR}/protomaps-leaflet/protomaps-leaflet.js"


def pmtiles_url(basemap: Basemap) -> str:
    """Where the browser reads the PMTiles file of ``basemap`` (our own server)."""
    assert basemap.file is not None
    return f"{settings.STATIC_URL}/{PMTILES_FOLDER}/{basemap.file.name}"


class _VectorBasemap(JSCSSMixin, VerbatimMacroElement):
    """An offline vector basemap: a PMTiles file (Protomaps basemap layers) drawn by
    protomaps-leaflet, both served by our own server (the script is a ``default_js``,
    which streamlit-folium loads with Leaflet's)."""

    default_js: ClassVar[list[tuple[str, str]]] = [("protomaps_leaflet", PROTOMAPS_JS)]
    _template = Template(
        """
{% macro script(this, kwargs) %}
protomapsL.leafletLayer({
    url: {{ this.url_js }}, flavor: "light", lang: "fr", attribution: {{ this.attribution_js }}
}).addTo({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, url: str, attribution: str) -> None:
        super().__init__()
        self._name = "VectorBasemap"
        self.url_js = js_string(url)
        self.attribution_js = js_string(html.escape(attribution))


def _feature_collection(frame: gpd.GeoDataFrame, columns: Sequence[str]) -> dict:
    """GeoJSON of a frame with only ``columns`` as properties (dates as French text, ``dd/mm/yyyy`` in Paris time)."""
    keep = [c for c in columns if c in frame.columns]
    sub = frame[[*keep, "geometry"]].copy()
    for column in keep:
        if str(sub[column].dtype).startswith("datetime"):
            sub[column] = sub[column].map(formats.date).where(sub[column].notna())
    return json.loads(sub.to_json(drop_id=True, na="null"))


def territory_map(
    zones: gpd.GeoDataFrame,
    *,
    landmarks: gpd.GeoDataFrame | None = None,
    attribution: str = "",
    height: int = 560,
    zone_style: Mapping[str, object] | None = None,
    show_landmarks: bool = False,
    basemap: Basemap | None = None,
) -> folium.Map:
    """A map of the territory: zone outlines and names, optional landmark layer.

    With a ``basemap`` (the setting) its tiles are drawn beneath: raster tiles from
    a URL, or the vector tiles of a PMTiles file served by our own server
    (:func:`pmtiles_url`). Without one, only the territory's own layers (no request
    beyond our server).
    """
    minx, miny, maxx, maxy = zones.total_bounds
    basemap = basemap or Basemap()
    fmap = folium.Map(
        location=[(miny + maxy) / 2, (minx + maxx) / 2],
        zoom_start=11,
        tiles=None,
        height=height,
        control_scale=False,  # a metric scale is added by _Accessible
        prefer_canvas=False,
        zoom_snap=0.25,
        zoom_delta=0.5,
    )
    if basemap.url is not None:
        _TileLayer(
            tiles=basemap.url, attr=html.escape(basemap.attribution), name=i18n.message("map.basemap"), max_zoom=19
        ).add_to(fmap)
    elif basemap.file is not None:
        _VectorBasemap(pmtiles_url(basemap), basemap.attribution).add_to(fmap)
    default_zone_style = {"color": "#4a4a4a", "weight": 1.2, "fillColor": "#ffffff", "fillOpacity": 0.55}
    if basemap.kind != "none":  # let the streets show through
        default_zone_style = {**default_zone_style, "weight": 1.6, "fillOpacity": 0.08}
    bounds = [[float(miny), float(minx)], [float(maxy), float(maxx)]]
    fmap.fit_bounds(bounds)
    _Css(attribution, bounds).add_to(fmap)
    _Accessible().add_to(fmap)
    SafeGeoJson(
        _feature_collection(zones, ["code", "name"]),
        name=i18n.message("map.zones"),
        style=zone_style or default_zone_style,
        tooltip_field="name",
        label_field="name",
    ).add_to(fmap)
    if landmarks is not None and len(landmarks):
        SafeGeoJson(
            _feature_collection(landmarks, ["name", "layer_label"]),
            name=i18n.message("map.landmarks"),
            style={"color": "#6b4f2a", "weight": 1, "fillColor": "#a0784a", "fillOpacity": 0.45, "radius": 4},
            popup_fields=[("name", ""), ("layer_label", i18n.message("map.popup.kind"))],
            tooltip_field="name",
            show=show_landmarks,
        ).add_to(fmap)
    return fmap


LINK_ID = re.compile(r"^[0-9a-f]{8,64}$")
"""What a contribution id looks like (hexadecimal, as the storage makes them): only
such ids become links, in Python and again in the browser."""

CONTRIBUTION_PAGE = "/contribution"
"""The path of the contribution page (pages/contribution.py)."""

SUPPORT_PARAM = "soutien"
"""The query parameter that opens the contribution page with « Moi aussi » ready (never
counted without the resident's click)."""


def contribution_links() -> list[dict[str, str]]:
    """The popup links of a contribution: « Voir la contribution » and « Moi aussi »."""
    before = f"{CONTRIBUTION_PAGE}?id="
    return [
        {"before": before, "after": "", "text": i18n.message("map.popup.open"), "cls": "cp-open"},
        {"before": before, "after": f"&{SUPPORT_PARAM}=1", "text": i18n.message("map.popup.support"),
         "cls": "cp-support"},
    ]


def _link_ids(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``frame`` plus ``link_id``: its id where it is a valid contribution id, else empty."""
    frame = frame.copy()
    frame["link_id"] = frame["id"].map(lambda i: i if isinstance(i, str) and LINK_ID.fullmatch(i) else None)
    return frame


def add_contributions(
    fmap: folium.Map, contributions: gpd.GeoDataFrame, *, name: str | None = None
) -> SafeGeoJson:
    """Add contributions as one layer, coloured and iconed by kind, popups escaped, each
    popup with links to the contribution's page (see it, support it)."""
    frame = _link_ids(_with_follow_up(contributions))
    layer = SafeGeoJson(
        _feature_collection(
            frame,
            ["id", "link_id", "kind", "kind_label", "title", "text", "theme", "created_at", "zone_name",
             "status_label", "answer", "supports_label"],
        ),
        name=name or i18n.message("map.contributions"),
        style={"weight": 4, "fillOpacity": 0.3},
        style_by="kind",
        styles={k: {"color": v["color"], "fillColor": v["color"]} for k, v in KIND_STYLE.items()},
        icon_by_kind=len(frame) <= MAX_ICONS,
        popup_fields=[
            ("title", ""),
            ("kind_label", i18n.message("map.popup.kind")),
            ("theme", i18n.message("map.popup.theme")),
            ("created_at", i18n.message("map.popup.date")),
            ("zone_name", i18n.message("map.popup.zone")),
            ("text", ""),
            ("status_label", i18n.message("map.popup.status")),
            ("answer", i18n.message("map.popup.answer")),
            ("supports_label", i18n.message("map.popup.supports")),
        ],
        tooltip_field="title",
        keyboard=True,
        links=contribution_links(),
    )
    layer.add_to(fmap)
    return layer


ZONE_COUNT_SIZES = (26, 64)
"""Diameter in pixels of the smallest and of the largest count of :func:`add_zone_counts`."""


def add_zone_counts(
    fmap: folium.Map,
    counts: Any,
    *,
    name: str | None = None,
    max_features: int = MAX_FEATURES,
) -> tuple[SafeGeoJson | None, int]:
    """Add the number of contributions of each zone (a frame ``code, name, count, lon,
    lat``: :meth:`~cartoparti.storage.base.ContributionStore.contribution_zone_counts`)
    as one labelled round marker per zone at its point, sized by its count, with « N
    contributions » and the zone's name (escaped) in its tooltip and popup.

    At most ``max_features`` zones (the largest counts) are drawn. Return the layer
    (``None`` if no zone holds any) and how many contributions it does not show (those
    in no zone, and in zones beyond ``max_features``): the caller says so."""
    placed = counts[counts["code"].notna() & counts["lon"].notna() & counts["lat"].notna()]
    placed = placed.sort_values(["count", "code"], ascending=[False, True], kind="stable").head(max_features)
    left_out = int(counts["count"].sum()) - int(placed["count"].sum())
    if placed.empty:
        return None, left_out
    smallest, largest = ZONE_COUNT_SIZES
    top = max(int(placed["count"].max()), 1)
    frame = gpd.GeoDataFrame(
        {
            "code": placed["code"].astype(str).to_numpy(),
            "zone_name": placed["name"].astype(str).to_numpy(),
            "count": placed["count"].astype(int).to_numpy(),
        },
        geometry=gpd.points_from_xy(placed["lon"], placed["lat"]),
        crs=4326,
    )
    frame["count_text"] = frame["count"].map(formats.number)
    frame["count_label"] = frame["count"].map(
        lambda n: i18n.message("map.zone_count_one" if n == 1 else "map.zone_count", count=formats.number(n))
    )
    frame["tooltip"] = [
        i18n.message("map.zone_count_tooltip", zone=z, count=c)
        for z, c in zip(frame["zone_name"], frame["count_label"], strict=True)
    ]
    frame["size"] = [
        round(max(smallest + (largest - smallest) * (n / top) ** 0.5, 10 + 7 * len(text)))
        for n, text in zip(frame["count"], frame["count_text"], strict=True)
    ]
    layer = SafeGeoJson(
        _feature_collection(frame, ["code", "zone_name", "count", "count_text", "count_label", "tooltip", "size"]),
        name=name or i18n.message("map.zone_counts"),
        popup_fields=[("zone_name", ""), ("count_label", "")],
        tooltip_field="tooltip",
        keyboard=True,
        count_by=("count_text", "size"),
    )
    layer.add_to(fmap)
    return layer, left_out


def _with_follow_up(contributions: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Contributions plus French labels of kind, status and supports (for popups)."""
    from cartoparti.lifecycle import STATUSES

    frame = contributions.copy()
    frame["kind_label"] = frame["kind"].map(KINDS)
    if "status" in frame.columns:
        frame["status_label"] = frame["status"].map(STATUSES)
    if "supports" in frame.columns:
        counts = frame["supports"].fillna(0).astype(int)
        frame["supports_label"] = counts.map(lambda n: i18n.message("map.supports", count=n) if n else None)
    return frame


DONE_STYLE: dict[str, object] = {
    "color": "#1b6e5a", "weight": 4, "fillColor": "#ffffff", "fillOpacity": 0.9, "radius": 9,
    "className": "cp-done",
}
"""White stones ("cailloux blancs") of what was done with the residents."""


def add_done(
    fmap: folium.Map,
    contributions: gpd.GeoDataFrame,
    *,
    name: str | None = None,
    realised: Collection[str] = (),
) -> SafeGeoJson | None:
    """Add the contributions whose status is ``done``, and those of ``realised`` (fed
    an action-plan item that is done), as their own layer (``None`` if none)."""
    if "status" not in contributions.columns:
        return None
    done = contributions[(contributions["status"] == "done") | contributions["id"].isin(list(realised))]
    if done.empty:
        return None
    frame = _with_follow_up(done)
    realised_ids = set(realised)
    frame["realised_label"] = frame["id"].map(
        lambda i: i18n.message("map.realised") if i in realised_ids else None
    )
    frame = _link_ids(frame)
    layer = SafeGeoJson(
        _feature_collection(frame, ["id", "link_id", "title", "kind_label", "zone_name", "answer",
                                    "realised_label", "supports_label"]),
        name=name or i18n.message("map.done"),
        style=DONE_STYLE,
        popup_fields=[
            ("title", ""),
            ("kind_label", i18n.message("map.popup.kind")),
            ("zone_name", i18n.message("map.popup.zone")),
            ("answer", i18n.message("map.done")),
            ("realised_label", ""),
            ("supports_label", i18n.message("map.popup.supports")),
        ],
        tooltip_field="title",
        keyboard=True,
        links=contribution_links(),
    )
    layer.add_to(fmap)
    return layer


PLAN_STYLES: dict[str, dict[str, object]] = {
    "planned": {"color": "#54278f", "fillColor": "#9e9ac8"},
    "in_progress": {"color": "#b35806", "fillColor": "#fdb863"},
    "done": {"color": "#1b6e5a", "fillColor": "#66c2a4"},
    "abandoned": {"color": "#636363", "fillColor": "#d9d9d9"},
}
"""Colour of a plan item on the map, by status."""


def add_plan_items(fmap: folium.Map, items: gpd.GeoDataFrame, *, name: str | None = None) -> SafeGeoJson | None:
    """Add the action plan's items (:func:`cartoparti.commands.plan.plan_frame`) placed
    somewhere, coloured by status, popups escaped (``None`` if none is placed)."""
    from cartoparti.lifecycle import PLAN_STATUSES

    placed = items[items.geometry.notna() & ~items.geometry.is_empty] if len(items) else items
    if placed.empty:
        return None
    frame = placed.copy()
    frame["status_label"] = frame["status"].map(PLAN_STATUSES)
    frame["with_residents"] = frame["made_with_residents"].map(
        lambda v: i18n.message("plan.made_with_residents") if v else None
    )
    frame["start"] = frame["start_date"].map(formats.date)
    frame["reason"] = frame["public_reason"]
    layer = SafeGeoJson(
        _feature_collection(frame, ["id", "title", "description", "status", "status_label", "service",
                                    "start", "with_residents", "reason"]),
        name=name or i18n.message("map.plan"),
        style={"weight": 3, "fillOpacity": 0.7, "radius": 8, "dashArray": "4 3", "className": "cp-plan"},
        style_by="status",
        styles={k: {**v, "className": f"cp-plan cp-plan-{k}"} for k, v in PLAN_STYLES.items()},
        popup_fields=[
            ("title", ""),
            ("status_label", i18n.message("map.popup.status")),
            ("with_residents", ""),
            ("start", i18n.message("map.popup.plan_start")),
            ("service", i18n.message("map.popup.plan_service")),
            ("description", ""),
            ("reason", i18n.message("map.popup.plan_reason")),
        ],
        tooltip_field="title",
        keyboard=True,
    )
    layer.add_to(fmap)
    return layer


class _DrawWords(VerbatimMacroElement):
    """Leaflet.draw's words in the user's language (``L.drawLocal``), set before the
    drawing control is created."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function(words) {
    function merge(into, from) {
        Object.keys(from).forEach(function(k) {
            if (typeof from[k] === "object" && into[k]) { merge(into[k], from[k]); } else { into[k] = from[k]; }
        });
    }
    merge(L.drawLocal, words);
})({{ this.words_json }});
{% endmacro %}
"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "DrawWords"
        words: dict[str, Any] = {}
        for path, text in i18n.labels("draw").items():
            *parents, leaf = path.split(".")
            node = words
            for part in parents:
                node = node.setdefault(part, {})
            node[leaf] = text
        self.words_json = safe_json(words)


def add_draw(fmap: folium.Map) -> folium.plugins.Draw:
    """Drawing tools: a point, a line or an area (assets served locally), in French."""
    _DrawWords().add_to(fmap)
    draw = folium.plugins.Draw(
        export=False,
        position="topleft",
        draw_options={
            "polyline": {"shapeOptions": {"color": "#1b6e5a"}},
            "polygon": {"allowIntersection": False, "shapeOptions": {"color": "#1b6e5a"}},
            "rectangle": False,
            "circle": False,
            "circlemarker": False,
            "marker": True,
        },
        edit_options={"edit": False, "remove": False},
    )
    draw.add_to(fmap)
    return draw


def layer_control(fmap: folium.Map) -> None:
    folium.LayerControl(collapsed=False, position="topright").add_to(fmap)


class _DragReportsClick(VerbatimMacroElement):
    """Dropping the dragged marker reports a click where it lies: the app, which listens
    to clicks (streamlit-folium's ``last_clicked``), moves the chosen point there."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.on("dragend", function(e) {
    var map = window.map || {{ this._parent._parent._parent.get_name() }};
    map.fire("click", {latlng: e.target.getLatLng()});
});
{% endmacro %}
"""
    )


def chosen_place_layer(geometry: object) -> folium.FeatureGroup:
    """The resident's chosen place, drawn over the map: a point they can drag to adjust,
    or the line or area they drew."""
    group = folium.FeatureGroup(name=i18n.message("web.your_place"))
    if getattr(geometry, "geom_type", None) == "Point":
        marker = folium.Marker(
            location=[geometry.y, geometry.x],  # type: ignore[attr-defined]
            draggable=True,
            icon=folium.DivIcon(
                html='<div class="cp-chosen"></div>', icon_size=(26, 26), icon_anchor=(13, 13),
                class_name="cp-icon",
            ),
        )
        _DragReportsClick().add_to(marker)
        marker.add_to(group)
    else:
        folium.GeoJson(
            shapely_mapping(geometry),
            style_function=lambda _f: {"color": "#d35400", "weight": 4, "fillOpacity": 0.3},
        ).add_to(group)
    return group


class _LocateControl(VerbatimMacroElement):
    """A « use my location » button: the browser asks for the position only on a click;
    the position found becomes the chosen point (reported as a click), the map zooms there."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function(map, words) {
    var Locate = L.Control.extend({
        options: {position: "topleft"},
        onAdd: function() {
            var bar = L.DomUtil.create("div", "leaflet-bar cp-locate");
            var link = L.DomUtil.create("a", "", bar);
            link.href = "#";
            link.title = words.title;
            link.setAttribute("role", "button");
            link.setAttribute("aria-label", words.title);
            link.textContent = "\u25CE";
            var note = L.DomUtil.create("div", "cp-locate-note", bar);
            note.setAttribute("role", "status");
            L.DomEvent.disableClickPropagation(bar);
            L.DomEvent.on(link, "click", function(ev) {
                L.DomEvent.preventDefault(ev);
                note.textContent = words.searching;
                map.locate({setView: true, maxZoom: 17, enableHighAccuracy: true});
            });
            map.on("locationfound", function(e) {
                note.textContent = "";
                (window.map || map).fire("click", {latlng: e.latlng});
            });
            map.on("locationerror", function() { note.textContent = words.error; });
            return bar;
        }
    });
    map.addControl(new Locate());
})({{ this._parent.get_name() }}, {{ this.words_json }});
{% endmacro %}
"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "LocateControl"
        self.words_json = safe_json(
            {
                "title": i18n.message("map.locate"),
                "searching": i18n.message("map.locating"),
                "error": i18n.message("map.locate_error"),
            }
        )


class _KeyboardPicker(VerbatimMacroElement):
    """A crosshair for placing a point without a mouse. When the map has the keyboard
    focus a crosshair shows at its centre; the arrow keys move the map beneath it
    (Leaflet's own keyboard handler), Enter places the point there, or moves it there,
    reported to the app as a click is (streamlit-folium's ``last_clicked``), and a
    live region says where it went."""

    _template = Template(
        """
{% macro header(this, kwargs) %}
<style>
.cp-crosshair { display: none; position: absolute; left: 50%; top: 50%; width: 34px; height: 34px;
  margin: -17px 0 0 -17px; z-index: 650; pointer-events: none; }
.cp-crosshair::before, .cp-crosshair::after { content: ""; position: absolute; background: #1a1a1a;
  box-shadow: 0 0 0 2px #fff; }
.cp-crosshair::before { left: 16px; top: 0; width: 2px; height: 34px; }
.cp-crosshair::after { top: 16px; left: 0; height: 2px; width: 34px; }
.leaflet-container:focus-visible .cp-crosshair, .leaflet-container.cp-keyboard-on .cp-crosshair { display: block; }
.cp-sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function(map, words) {
    var container = map.getContainer();
    container.setAttribute("role", "application");
    container.setAttribute("aria-label", words.label);
    var help = L.DomUtil.create("div", "cp-sr-only", container);
    help.id = "cp-pick-help";
    help.textContent = words.help;
    container.setAttribute("aria-describedby", help.id);
    var status = L.DomUtil.create("div", "cp-sr-only cp-pick-status", container);
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var cross = L.DomUtil.create("div", "cp-crosshair", container);
    cross.setAttribute("aria-hidden", "true");
    // a keyboard focus shows the crosshair (also where :focus-visible is not decided yet)
    var byPointer = false;
    container.addEventListener("pointerdown", function() { byPointer = true; }, true);
    container.addEventListener("focus", function() {
        if (!byPointer) { L.DomUtil.addClass(container, "cp-keyboard-on"); }
        byPointer = false;
    });
    container.addEventListener("blur", function() { L.DomUtil.removeClass(container, "cp-keyboard-on"); });
    container.addEventListener("keydown", function(ev) {
        if (ev.target !== container || ev.key !== "Enter") { return; }
        ev.preventDefault();
        L.DomUtil.addClass(container, "cp-keyboard-on");
        var at = map.getCenter();
        (window.map || map).fire("click", {latlng: at});
        status.textContent = words.placed.replace("\u007blat\u007d", at.lat.toFixed(5)).replace("\u007blon\u007d", at.lng.toFixed(5));
    });
})({{ this._parent.get_name() }}, {{ this.words_json }});
{% endmacro %}
"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "KeyboardPicker"
        self.words_json = safe_json(
            {
                "label": i18n.message("map.pick_label"),
                "help": i18n.message("map.pick_help"),
                "placed": i18n.message("map.pick_placed", lat="{lat}", lon="{lon}"),
            }
        )


def add_keyboard_picker(fmap: folium.Map) -> None:
    """Let the keyboard place the point (:class:`_KeyboardPicker`)."""
    _KeyboardPicker().add_to(fmap)


def add_locate(fmap: folium.Map) -> None:
    """Add the « use my location » button (:class:`_LocateControl`)."""
    _LocateControl().add_to(fmap)


def add_zone_layer(
    fmap: folium.Map,
    zones: gpd.GeoDataFrame,
    *,
    name: str,
    columns: Sequence[str],
    style: Mapping[str, object] | None = None,
    style_by: str | None = None,
    styles: Mapping[str, Mapping[str, object]] | None = None,
    tooltip_field: str | None = None,
    popup_fields: Sequence[tuple[str, str]] = (),
    show: bool = True,
) -> SafeGeoJson:
    """Add polygons (zones, hexagons) styled per feature: ``styles[value of style_by]``
    over ``style``; only ``columns`` travel to the browser. Texts are escaped.

    For choropleths: classify values in the caller and draw the legend with the
    page (no branca colormap: it would pull scripts from a CDN).
    """
    layer = SafeGeoJson(
        _feature_collection(zones, [*columns, *([style_by] if style_by else [])]),
        name=name,
        style=style or {"color": "#4a4a4a", "weight": 1, "fillOpacity": 0.7},
        style_by=style_by,
        styles=styles,
        popup_fields=popup_fields,
        tooltip_field=tooltip_field,
        show=show,
    )
    layer.add_to(fmap)
    return layer
