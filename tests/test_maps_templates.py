"""Text from users, imports, agents and territory files is never template source.

branca compiles the output of every macro element again as a Jinja2 template; these
tests render each folium element cartoparti builds with texts holding Jinja2 syntax
(and a command that would leave a file behind if it ran) and check that the texts come
back exactly as typed, in the full HTML page and in what streamlit-folium sends.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from cartoparti.present import maps
from cartoparti.settings import Settings

PAYLOADS = [
    "{{ 7*191 }}",
    "{% if 1 %}x{% endif %}",
    "{# open comment",
    "{{ }}",
    "}}{{",
    "Salle {# 3",
    "prix {% 10",
    "accolades {{ }}",
    "{{'map_div'}}",
]


def _proof_payload(proof: Path) -> str:
    return "{{cycler.__init__.__globals__.os.popen('touch " + str(proof) + "').read()}}"


def evaluated(html: str, number: str) -> bool:
    """Whether ``number`` (the value of a payload's expression) stands alone in ``html``
    (not as digits of a coordinate)."""
    return re.search(rf"(?<![\d.]){number}(?![\d])", html) is not None


_LITERAL = re.compile(r'JSON\.parse\(("(?:[^"\\]|\\.)*")\)')


def decoded_values(html: str) -> list[object]:
    """Every value embedded with :func:`maps.safe_json` in a rendered map, decoded as
    the browser's ``JSON.parse`` would."""
    return [json.loads(json.loads(m.group(1))) for m in _LITERAL.finditer(html)]


def decoded_strings(html: str) -> set[str]:
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for value in decoded_values(html):
        walk(value)
    return found


def _zones(store, names: list[str]) -> gpd.GeoDataFrame:
    zones = store.zones().head(len(names)).copy()
    zones["name"] = names
    return zones


def _contributions(texts: list[str]) -> gpd.GeoDataFrame:
    n = len(texts)
    return gpd.GeoDataFrame(
        {
            "id": [f"c{i}" for i in range(n)],
            "kind": "memory",
            "title": texts,
            "text": [f"texte {t}" for t in texts],
            "theme": texts,
            "created_at": [datetime(2024, 5, 1)] * n,
            "zone_name": texts,
            "status": "done",
            "answer": [f"réponse {t}" for t in texts],
            "supports": 0,
        },
        geometry=[shapely.Point(2.79 + i / 1000, 50.46) for i in range(n)],
        crs=4326,
    )


def _every_map(store, texts: list[str], monkeypatch) -> list:
    """One of each map cartoparti builds, every text field filled with ``texts``."""
    basemap = Settings.from_env(
        {"CARTOPARTI_TILES_URL": "/tiles/{z}/{x}/{y}.png", "CARTOPARTI_TILES_ATTRIBUTION": texts[0]}
    ).basemap
    zones = _zones(store, texts)
    landmarks = store.landmarks().head(len(texts)).copy()
    landmarks["name"] = texts
    landmarks["layer_label"] = texts
    attribution = " ".join(texts)

    public = maps.territory_map(
        zones, landmarks=landmarks, attribution=attribution, show_landmarks=True, basemap=basemap
    )
    maps.add_contributions(public, _contributions(texts))
    maps.add_done(public, _contributions(texts))
    maps.layer_control(public)

    # beyond MAX_FEATURES: counts by zone, the zones' names are data
    aggregated = maps.territory_map(zones, attribution=attribution)
    points = zones.geometry.representative_point()
    counts = pd.DataFrame({"code": zones["code"], "name": texts, "count": range(1, len(texts) + 1),
                           "lon": points.x, "lat": points.y})
    maps.add_zone_counts(aggregated, counts)
    maps.layer_control(aggregated)

    contribute = maps.territory_map(zones, attribution=attribution)
    maps.add_draw(contribute)
    maps.layer_control(contribute)

    analysis = maps.territory_map(zones, attribution=attribution)
    frame = zones.assign(label=texts, klass="low", targets=texts)
    maps.add_zone_layer(
        analysis, frame, name="Où aller ?", columns=["name", "label", "targets"],
        style_by="klass", styles={"low": {"fillColor": "#b2182b"}}, tooltip_field="label",
        popup_fields=[("name", ""), ("targets", "À rencontrer")],
    )
    maps.layer_control(analysis)
    return [public, contribute, analysis, aggregated]


def _rendered(fmap) -> tuple[str, str]:
    """The full HTML page, and the script streamlit-folium sends to the browser."""
    from streamlit_folium import generate_leaflet_string

    page = fmap.get_root().render()
    return page, generate_leaflet_string(fmap)


def test_jinja_syntax_in_every_text_shows_as_typed(store, monkeypatch):
    for fmap in _every_map(store, PAYLOADS, monkeypatch):
        page, leaflet = _rendered(fmap)
        for html in (page, leaflet):
            assert not evaluated(html, "1337")
            strings = decoded_strings(html)
            assert set(PAYLOADS) <= strings, set(PAYLOADS) - strings
            # no template delimiter is left anywhere in our data
            for literal in _LITERAL.findall(html):
                assert not re.search(r"[{}#%<>&]", literal)


def test_contribution_popups_hold_titles_texts_and_answers_verbatim(store, monkeypatch):
    page, _ = _rendered(_every_map(store, PAYLOADS, monkeypatch)[0])
    strings = decoded_strings(page)
    for text in PAYLOADS:
        assert {text, f"texte {text}", f"réponse {text}"} <= strings
    assert not evaluated(page, "1337")


def test_zone_count_popups_hold_zone_names_verbatim(store, monkeypatch):
    page, leaflet = _rendered(_every_map(store, PAYLOADS, monkeypatch)[3])
    for html in (page, leaflet):
        features = [v for v in decoded_values(html) if isinstance(v, dict) and v.get("type") == "FeatureCollection"
                    and v["features"] and "count_text" in v["features"][0]["properties"]]
        [layer] = features
        names = {f["properties"]["zone_name"]: f["properties"] for f in layer["features"]}
        assert set(names) == set(PAYLOADS)
        for text, props in names.items():
            assert props["tooltip"].startswith(text)
        assert not evaluated(html, "1337")


def test_territory_attribution_is_text(store, monkeypatch):
    page, _ = _rendered(_every_map(store, PAYLOADS, monkeypatch)[1])
    # Leaflet shows attributions as HTML: escaped for it, never evaluated
    assert any(s.startswith("{{ 7*191 }} {% if 1 %}x") for s in decoded_strings(page))


def test_a_shell_command_in_any_text_never_runs(store, monkeypatch, tmp_path):
    proof = tmp_path / "proof.txt"
    texts = [_proof_payload(proof), "{{ 1111*3 }}"]
    for fmap in _every_map(store, texts, monkeypatch):
        page, leaflet = _rendered(fmap)
        assert not evaluated(page, "3333") and not evaluated(leaflet, "3333")
        assert texts[0] in decoded_strings(page)
    assert not proof.exists()


def test_branca_would_have_run_it(tmp_path):
    """The mechanism the maps avoid: branca compiles a rendered macro again."""
    from branca.element import Element

    assert Element("{{ 7*191 }}").render() == "1337"


@pytest.mark.parametrize("value", ["</script>&<\u2028{{ x }}{% y %}{# z", {"a": ["}}", 1, None]}])
def test_safe_json_round_trips(value):
    expression = maps.safe_json(value)
    assert decoded_values(expression) == [value]
    assert not re.search(r"[<>&{}#%\u2028]", expression.removeprefix("JSON.parse(").removesuffix(")"))


BAD_IDS = [
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ 7*191 }}",
    "0123456789ABCDEF",  # upper case: not what the storage makes
    "0123abc",  # too short
    "0123456789abcdef\n",
    "0123456789abcdef&soutien=1",
    "../admin",
]


def _linked_map(store, ids: list[str]):
    texts = [PAYLOADS[i % len(PAYLOADS)] for i in range(len(ids))]
    frame = _contributions(texts)
    frame["id"] = ids
    fmap = maps.territory_map(_zones(store, PAYLOADS[:3]))
    maps.add_contributions(fmap, frame)
    maps.add_done(fmap, frame)
    return fmap


def _popup_link_layers(html: str) -> list[tuple[dict, dict]]:
    """(links setting, features) of each layer whose popups carry links, in order."""
    values = decoded_values(html)
    settings = [v for v in values if isinstance(v, dict) and "pattern" in v and "items" in v]
    layers = [v for v in values if isinstance(v, dict) and v.get("type") == "FeatureCollection"
              and v["features"] and "link_id" in v["features"][0]["properties"]]
    assert len(settings) == len(layers)
    return list(zip(settings, layers, strict=True))


def test_popup_links_open_and_support_a_contribution_in_the_top_window(store):
    good = [f"{i:016x}" for i in (1, 2**40, 2**63)] + ["a" * 32]
    page, leaflet = _rendered(_linked_map(store, good + BAD_IDS))
    for html in (page, leaflet):
        found = _popup_link_layers(html)
        assert len(found) == 2  # the contributions and the white stones
        for links, layer in found:
            assert links["pattern"] == maps.LINK_ID.pattern and links["field"] == "link_id"
            assert [(i["before"], i["after"], i["text"]) for i in links["items"]] == [
                ("/contribution?id=", "", "Voir la contribution"),
                ("/contribution?id=", "&soutien=1", "👍 Moi aussi"),
            ]
            by_id = {f["properties"]["id"]: f["properties"]["link_id"] for f in layer["features"]}
            # a valid id becomes a link, and nothing else does
            assert {i: by_id[i] for i in good} == {i: i for i in good}
            assert {i: by_id[i] for i in BAD_IDS} == dict.fromkeys(BAD_IDS)
            # the browser checks again, with the same pattern (JavaScript reads it alike)
            assert [i for i in good + BAD_IDS if re.fullmatch(links["pattern"], i)] == good
        assert not evaluated(html, "1337")
    # the links are DOM attributes and text, never markup made of data, in the top window
    script = page[page.index("var links = "):]
    assert 'a.setAttribute("href", item.before + encodeURIComponent(id) + item.after)' in script
    assert 'a.setAttribute("target", "_top")' in script
    assert "a.textContent = item.text" in script
    assert "linkId.test(id)" in script
    # the iframe's sandbox forbids top navigation: a link of the top page follows it
    assert 'L.DomEvent.on(a, "click", openInTop)' in script and 'go.setAttribute("href", this.href)' in page
    assert "innerHTML" not in page and "insertAdjacentHTML" not in page


def test_popups_of_other_layers_have_no_links(store, monkeypatch):
    """Zone counts, landmarks, analyses: nothing to open there."""
    for fmap in _every_map(store, PAYLOADS, monkeypatch)[1:]:
        page, _ = _rendered(fmap)
        assert not _popup_link_layers(page)
