"""The paper questionnaire and the CSV template for batch entry."""

import re
import xml.etree.ElementTree as ET

import pandas as pd

from cartoparti import settings
from cartoparti.io.importer import import_file
from cartoparti.model import AGE_BANDS, CSP, KINDS
from cartoparti.present import questionnaire

LOOS = "62528"  # Loos-en-Gohelle: mining landmarks


def test_questionnaire_has_the_online_form_fields_and_the_map(store):
    page = questionnaire.questionnaire_html(store, LOOS, themes=settings.themes())
    assert page.startswith("<!doctype html>") and "Loos-en-Gohelle" in page
    for label in [*KINDS.values(), *settings.themes(), *AGE_BANDS.values()]:
        assert label in page, label
    assert "Agriculteur ou agricultrice exploitant(e)" in page and len(CSP) == page.count('<li><span class="box"></span> ', page.index("Situation professionnelle"), page.index("Commune de résidence"))
    svg = re.search(r"<svg.*?</svg>", page, re.DOTALL).group()
    ET.fromstring(svg)  # well-formed
    assert "<path d=\"M" in svg
    landmarks = questionnaire.landmark_table(store, LOOS)
    assert len(landmarks) > 0 and svg.count("<circle") == len(landmarks)
    # no remote resource: prints anywhere
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "") and "https://" not in page


def test_names_are_escaped():
    import geopandas as gpd
    import shapely

    zone = gpd.GeoDataFrame({"code": ["1"], "name": ["x"]},
                            geometry=[shapely.box(2.80, 50.40, 2.84, 50.44)], crs=4326)
    landmarks = pd.DataFrame({"number": [1], "name": ['<script>alert("x")</script> & co'],
                              "type": ["Terrils"], "lon": [2.82], "lat": [50.42]})
    svg = questionnaire.commune_svg(zone, landmarks)
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&amp; co" in svg
    ET.fromstring(svg)


def test_questionnaire_escapes_themes(store):
    page = questionnaire.questionnaire_html(store, LOOS, themes=("<b>gras</b>",))
    assert "<b>gras</b>" not in page and "&lt;b&gt;gras&lt;/b&gt;" in page


def test_the_template_goes_through_the_import(store, tmp_path):
    text = questionnaire.csv_template(store, LOOS, themes=settings.themes())
    assert text.startswith("\ufeff")  # the byte-order mark: French Excel reads UTF-8
    header = text.removeprefix("\ufeff").splitlines()[0].split(";")
    assert header == questionnaire.template_headings()
    assert header[:6] == ["Identifiant", "Type", "Titre", "Texte", "Thème", "Commune"]
    path = tmp_path / "papier.csv"
    path.write_text(text, encoding="utf-8")
    report = import_file(store, path, themes=settings.themes(), default_channel="paper", template=True)
    assert (report.imported, report.rejected) == (1, [])
    row = store.contributions(published_only=False).iloc[0]
    assert row.zone_code == LOOS and row.channel == "paper"
    assert store.profile(row.id)["csp"] == "CS5"
