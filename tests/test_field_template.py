"""Field entry with a spreadsheet: the batch-entry template written for French Excel
(``;``, byte-order mark, headings and codes in words) filled in as an agent would and
imported back into a real database of the Lens-Liévin territory; the paper map's
landmark numbers readable; the field-entry page keeping the meeting across entries."""

import csv
import io
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import shapely

from cartoparti import settings
from cartoparti.commands import fieldwork
from cartoparti.io.importer import import_file
from cartoparti.present import questionnaire
from cartoparti.settings import Settings
from cartoparti.storage import open_storage
from tests.test_pages_agents import AGENT, button, run

LIEVIN, LENS, LOOS = "62510", "62498", "62528"
PARIS = ZoneInfo("Europe/Paris")
SETTINGS = Settings()
USER = {"name": "alice", "role": "agent"}


def _template(store, zone=LIEVIN) -> tuple[list[str], list[str], list[str]]:
    """The template's heading, help line and example row, read as French Excel does."""
    text = questionnaire.csv_template(store, zone, themes=settings.themes())
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert len(rows) == 3
    return rows[0], rows[1], rows[2]


def _fill(store, rows: list[dict[str, str]], *, encoding="utf-8-sig") -> bytes:
    """Our template with ``rows`` typed in (by heading), saved as French Excel saves a CSV."""
    heading, help_line, _example = _template(store)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(heading)
    writer.writerow(help_line)  # the agent left the help line
    for row in rows:
        assert set(row) <= set(heading), set(row) - set(heading)
        writer.writerow([row.get(h, "") for h in heading])
    return buffer.getvalue().encode(encoding)


def test_the_template_is_made_for_a_french_spreadsheet(store):
    heading, help_line, example = _template(store)
    assert heading[:13] == [
        "Identifiant", "Type", "Titre", "Texte", "Thème", "Commune", "N° de repère", "Adresse ou lieu",
        "Longitude", "Latitude", "Date", "Canal", "Lieu de rencontre",
    ]
    assert heading[13:] == ["Tranche d'âge", "Situation professionnelle", "Commune de résidence", "Première participation"]
    cells = dict(zip(heading, help_line, strict=True))
    assert cells["Identifiant"].startswith("#")
    assert cells["Type"] == "Besoin | Signal faible | Souvenir | Proposition | Dysfonctionnement"
    assert cells["Canal"] == "Atelier | Porte-à-porte | Questionnaire papier | Téléphone | Permanence"
    assert "JJ/MM/AAAA" in cells["Date"]
    example = dict(zip(heading, example, strict=True))
    assert (example["Type"], example["Commune"], example["N° de repère"], example["Canal"]) == (
        "Besoin", "Liévin", "1", "Questionnaire papier")
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", example["Date"]) and example["Tranche d'âge"] == "30 à 44 ans"


def test_the_template_keeps_the_formula_guard_and_plain_numbers(store):
    text = questionnaire.csv_template(store, LIEVIN, themes=("=HYPERLINK(\"x\")", "-1", "nature"))
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    example = dict(zip(rows[0], rows[2], strict=True))
    assert example["Thème"] == "'=HYPERLINK(\"x\")"  # a formula: made inert
    assert example["N° de repère"] == "1"  # a number: left alone
    help_cells = dict(zip(rows[0], rows[1], strict=True))
    assert help_cells["Thème"] == "'=HYPERLINK(\"x\") | -1 | nature"  # starts with the formula: guarded
    assert [c for c in rows[2] if c.startswith("'")] == [example["Thème"]]  # nothing else touched


def test_the_template_imports_back_as_it_is(store, tmp_path):
    path = tmp_path / "modele.csv"
    path.write_text(questionnaire.csv_template(store, LOOS, themes=settings.themes()), encoding="utf-8")
    report = import_file(store, path, themes=settings.themes(), default_channel="paper", template=True)
    assert (report.read, report.imported, report.rejected) == (1, 1, [])  # the help line is skipped
    row = store.contributions(published_only=False).iloc[0]
    first = questionnaire.landmark_table(store, LOOS).iloc[0]
    assert (row.zone_code, row.kind, row.channel) == (LOOS, "need", "paper")
    assert _point(store, row.id) == pytest.approx((first.lon, first.lat), abs=1e-6)
    profile = store.profile(row.id)
    assert (profile["age_band"], profile["csp"], profile["home_commune"], profile["first_time"]) == ("30-44", "CS5", LOOS, True)


ROWS = [
    {"Identifiant": "q1", "Type": "Besoin", "Titre": "Un banc", "Texte": "Pour se reposer", "Thème": "espaces publics",
     "Commune": "Liévin", "Date": "28/11/2026", "Canal": "Questionnaire papier"},
    {"Identifiant": "q2", "Type": "Signal faible", "Titre": "Des jeunes sans lieu", "Thème": "jeunesse",
     "Commune": "LIEVIN", "N° de repère": "2", "Date": "28/11/2026 14:30", "Canal": "Atelier",
     "Lieu de rencontre": "Marché couvert", "Tranche d'âge": "15 à 29 ans", "Commune de résidence": "lens",
     "Première participation": "Non"},
    {"Identifiant": "q3", "Type": "Dysfonctionnement", "Titre": "Lampadaire éteint", "Texte": "Depuis un mois",
     "Thème": "sécurité", "Commune": "lievin", "Adresse ou lieu": "12 rue Jean-Jaurès", "Date": "03/11/2026 08:05",
     "Canal": "Porte-à-porte", "Situation professionnelle": "Retraité(e)"},
    {"Identifiant": "q4", "Type": "Proposition", "Titre": "Un jardin", "Thème": "nature", "Commune": "loos en gohelle",
     "N° de repère": "1", "Date": "01/10/2026", "Canal": "permanence"},
    {"Identifiant": "bad-date", "Type": "Besoin", "Titre": "Date fausse", "Thème": "nature", "Commune": "Liévin",
     "Date": "31/02/2026"},
    {"Identifiant": "bad-commune", "Type": "Besoin", "Titre": "Ailleurs", "Thème": "nature", "Commune": "Atlantis",
     "Date": "28/11/2026"},
    {"Identifiant": "bad-landmark", "Type": "Souvenir", "Titre": "Repère inconnu", "Thème": "nature", "Commune": "Liévin",
     "N° de repère": "99", "Date": "28/11/2026"},
    {"Identifiant": "short-year", "Type": "Souvenir", "Titre": "Année courte", "Thème": "nature", "Commune": "Lens",
     "Date": "28/11/26"},
]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])  # « CSV UTF-8 » and « CSV (séparateur : point-virgule) »
def test_a_template_filled_in_french_excel_imports_each_row_at_its_place(store, encoding):
    data = _fill(store, ROWS, encoding=encoding)
    report = fieldwork.import_field_file(
        store, USER, data, settings=SETTINGS, name="saisie.csv", session_date=date(2026, 11, 28),
        session_place="Permanence de la mairie annexe",
    )
    by_line = {r.line: r.reason for r in report.rejected}
    assert (report.read, report.imported, sorted(by_line)) == (8, 4, [7, 8, 9, 10]), by_line
    assert "« 31/02/2026 »" in by_line[7] and "Date impossible" in by_line[7]
    assert by_line[8] == "Commune inconnue du territoire : « Atlantis »."
    assert "« 99 »" in by_line[9] and "Liévin" in by_line[9]
    assert "« 28/11/26 »" in by_line[10]
    rows = store.contributions(published_only=False).set_index("title")
    assert len(rows) == 4

    banc = rows.loc["Un banc"]
    assert (banc.kind, banc.zone_code, banc.channel) == ("need", LIEVIN, "paper")
    assert shapely.Point(_point(store, banc.id)).equals_exact(store.zone_point(LIEVIN), 1e-6)
    assert _local(banc.created_at) == datetime(2026, 11, 28, 0, 0, tzinfo=PARIS)

    jeunes = rows.loc["Des jeunes sans lieu"]
    second = questionnaire.landmark_table(store, LIEVIN).iloc[1]
    assert (jeunes.kind, jeunes.zone_code, jeunes.channel) == ("weak_signal", LIEVIN, "workshop")
    assert _point(store, jeunes.id) == pytest.approx((second.lon, second.lat), abs=1e-6)
    assert _local(jeunes.created_at) == datetime(2026, 11, 28, 14, 30, tzinfo=PARIS)
    profile = store.profile(jeunes.id)
    assert (profile["age_band"], profile["home_commune"], profile["first_time"]) == ("15-29", LENS, False)

    lampadaire = rows.loc["Lampadaire éteint"]
    assert (lampadaire.kind, lampadaire.zone_code, lampadaire.channel) == ("report", LIEVIN, "door_to_door")
    assert store.contribution(lampadaire.id)["text"] == "Depuis un mois\nAdresse ou lieu : 12 rue Jean-Jaurès"
    assert _local(lampadaire.created_at) == datetime(2026, 11, 3, 8, 5, tzinfo=PARIS)
    assert store.profile(lampadaire.id)["csp"] == "CS7"

    jardin = rows.loc["Un jardin"]
    first_loos = questionnaire.landmark_table(store, LOOS).iloc[0]
    assert (jardin.kind, jardin.zone_code, jardin.channel) == ("proposal", LOOS, "office")
    assert _point(store, jardin.id) == pytest.approx((first_loos.lon, first_loos.lat), abs=1e-6)

    # the row's own meeting place wins over the batch's
    assert store.field_entry(jeunes.id)["session_place"] == "Marché couvert"
    for row in (banc, lampadaire, jardin):
        assert store.field_entry(row.id)["session_place"] == "Permanence de la mairie annexe"


def _point(store, cid: str) -> tuple[float, float]:
    """Where a contribution is stored (full precision; the listings round it for the public)."""
    assert re.fullmatch(r"[0-9a-f]+", cid)
    return (store._scalar(f"SELECT lon FROM contributions WHERE id = '{cid}'"),
            store._scalar(f"SELECT lat FROM contributions WHERE id = '{cid}'"))


def _local(value) -> datetime:
    stamp = value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=ZoneInfo("UTC"))
    return stamp.astimezone(PARIS)


def test_headings_are_read_whatever_their_case_and_accents(store, tmp_path):
    path = tmp_path / "saisie.csv"
    path.write_text(
        "TYPE;titre;THEME;commune;n de repere;DATE\n"
        "besoin;Un abri;nature;LOOS-EN-GOHELLE;2;05/11/2026\n",
        encoding="utf-8",
    )
    report = import_file(store, path, themes=settings.themes(), default_channel="paper", template=True)
    assert (report.imported, report.rejected) == (1, [])
    row = store.contributions(published_only=False).iloc[0]
    second = questionnaire.landmark_table(store, LOOS).iloc[1]
    assert (row.kind, row.zone_code) == ("need", LOOS)
    assert _point(store, row.id) == pytest.approx((second.lon, second.lat), abs=1e-6)


def test_a_landmark_needs_its_commune(store, tmp_path):
    path = tmp_path / "saisie.csv"
    path.write_text("Type;Titre;Thème;N° de repère\nBesoin;Un abri;nature;3\n", encoding="utf-8")
    report = import_file(store, path, themes=settings.themes(), default_channel="paper", template=True)
    assert report.imported == 0
    assert [r.reason for r in report.rejected] == ["N° de repère « 3 » sans commune : indiquez la commune de la carte."]


# -- the paper map: every landmark number readable ------------------------------------------------
def _label_boxes(svg: str) -> list[tuple[float, float, float, float]]:
    root = ET.fromstring(svg)
    boxes = []
    for circle in root.iter("{http://www.w3.org/2000/svg}circle"):
        assert circle.get("class") == "cp-label"
        x, y, r = (float(circle.get(a)) for a in ("cx", "cy", "r"))
        boxes.append((x - r, y - r, x + r, y + r))
    return boxes


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_no_two_landmark_numbers_overlap_on_the_default_territory(store):
    zones = store.zones()
    moved = 0
    for code in zones["code"]:
        landmarks = questionnaire.landmark_table(store, code)
        if landmarks.empty:
            continue
        svg = questionnaire.commune_svg(zones[zones["code"] == code], landmarks)
        boxes = _label_boxes(svg)
        assert len(boxes) == len(landmarks)
        for i, a in enumerate(boxes):
            assert 0 <= a[0] and a[2] <= 640 and 0 <= a[1] and a[3] <= 460, (code, i + 1)
            for j in range(i + 1, len(boxes)):
                assert not _overlap(a, boxes[j]), (code, i + 1, j + 1)
        moved += svg.count('class="cp-leader"')
    assert moved > 0  # close landmarks (6/7, 20/21…) exist: some numbers had to move


def test_a_moved_number_is_tied_to_its_landmark():
    points = [(100.0, 100.0), (101.0, 100.0), (100.0, 102.0)]
    placed = questionnaire.label_positions(points, width=640, height=460)
    assert placed[0] == points[0]  # the first stays on its landmark
    assert len(set(placed)) == 3
    assert placed == questionnaire.label_positions(points, width=640, height=460)  # deterministic
    for (px, py), (lx, ly) in zip(points, placed, strict=True):
        assert abs(px - lx) <= 60 and abs(py - ly) <= 60  # close to its landmark
    # a moved number never hides another landmark's spot
    crowd = [(100.0, 100.0), (101.0, 100.0), (118.0, 101.0), (113.0, 88.0), (100.0, 80.0)]  # the free spots nearest 1
    r = questionnaire.LABEL_RADIUS
    for i, (lx, ly) in enumerate(questionnaire.label_positions(crowd, width=640, height=460)):
        if (lx, ly) != crowd[i]:
            assert not any(abs(lx - x) < r and abs(ly - y) < r for j, (x, y) in enumerate(crowd) if j != i), i


# -- the field-entry page: the meeting stays for a series of entries -----------------------------
def test_the_field_entry_page_keeps_the_meeting_for_the_next_entry(app_env):
    at = run("pages/saisie_terrain.py", AGENT)
    at.selectbox(key="field_commune").set_value(LIEVIN).run()
    at.selectbox(key="f_channel_0").set_value("door_to_door")
    at.date_input(key="f_date_0").set_value(date(2026, 11, 28))
    at.text_input(key="f_place_0").set_value("Cité des Provinces")
    at.selectbox(key="f_kind_0").set_value("need")
    at.text_input(key="f_title_0").set_value("Un banc")
    at.selectbox(key="f_theme_0").set_value("nature")
    button(at, "Enregistrer la contribution").click().run()
    assert not at.exception
    assert any("Code de suivi à remettre" in i.value for i in at.info)
    # the next form: same meeting, the rest empty
    assert at.selectbox(key="f_channel_1").value == "door_to_door"
    assert at.date_input(key="f_date_1").value == date(2026, 11, 28)
    assert at.text_input(key="f_place_1").value == "Cité des Provinces"
    assert at.text_input(key="f_title_1").value == "" and at.selectbox(key="f_kind_1").value is None
    assert not at.warning  # no « default value and Session State » warning
    at.selectbox(key="f_kind_1").set_value("proposal")
    at.text_input(key="f_title_1").set_value("Un jardin")
    at.selectbox(key="f_theme_1").set_value("nature")
    button(at, "Enregistrer la contribution").click().run()
    assert not at.exception and not at.error
    with open_storage(app_env) as store:
        rows = store.agent_contributions().set_index("title")
        assert set(rows.index) == {"Un banc", "Un jardin"}
        for title in rows.index:
            entry = store.field_entry(rows.loc[title, "id"])
            assert (entry["session_place"], str(entry["session_date"])[:10]) == ("Cité des Provinces", "2026-11-28")
            assert rows.loc[title, "channel"] == "door_to_door"
    # a new meeting: its fields are emptied on demand
    assert at.selectbox(key="f_channel_2").value == "door_to_door"
    button(at, "Nouvelle rencontre").click().run()
    assert at.selectbox(key="f_channel_2").value is None
    assert at.text_input(key="f_place_2").value == ""
    assert at.date_input(key="f_date_2").value == date.today()


# -- other files keep the rules they had before the template --------------------------------------
def test_a_file_with_its_own_commune_and_date_columns_imports_as_before(store, tmp_path):
    """Outside field entry, a « Commune » or « Date » column is not ours unless mapped: rows
    with coordinates are never judged on it, and a re-import keeps its keys."""
    path = tmp_path / "signalements.csv"
    path.write_text(
        "title;kind;theme;lon;lat;Commune;Date\n"
        "Nid-de-poule;report;nature;2.7746;50.4225;Liévin (62800);hier soir\n"
        "#Propreté rue Blum;report;nature;2.8320;50.4310;Lens 62300;28/11/2026\n",
        encoding="utf-8",
    )
    first = import_file(store, path, themes=settings.themes())
    assert (first.imported, first.rejected) == (2, [])
    titles = set(store.contributions(published_only=False)["title"])
    assert titles == {"Nid-de-poule", "#Propreté rue Blum"}  # a « # » title is a row, not a help line
    again = import_file(store, path, themes=settings.themes())
    assert (again.imported, again.duplicates) == (0, 2)


def test_in_a_template_coordinates_win_over_an_unknown_commune(store, tmp_path):
    path = tmp_path / "saisie.csv"
    path.write_text(
        "Type;Titre;Thème;Commune;Longitude;Latitude\nBesoin;Un abri;nature;Atlantis;2,7746;50,4225\n",
        encoding="utf-8",
    )
    report = import_file(store, path, themes=settings.themes(), default_channel="paper", template=True)
    assert (report.imported, report.rejected) == (1, [])
    assert store.contributions(published_only=False).iloc[0].zone_code == LIEVIN
