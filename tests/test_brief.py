"""The council brief: HTML and PDF of one template, static SVG maps, escaping, the CLI."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from cartoparti.cli import main
from cartoparti.commands import answers, contribute, moderation, residents
from cartoparti.commands import brief as command
from cartoparti.present import brief
from cartoparti.settings import Settings
from cartoparti.storage import open_storage

SETTINGS = Settings()
AGENT = {"name": "alice", "role": "agent"}
HOSTILE = "<script>alert(1)</script>"
REFUSAL = "Le terrain appartient au département, qui a déjà un projet."


def _add(store, kind, title, zone, **profile):
    return contribute.submit(
        store, settings=SETTINGS, kind=kind, title=title, text="", theme="nature",
        location=store.zone_point(zone), **profile,
    ).id


def plant(store) -> dict[str, str]:
    top = _add(store, "proposal", "Une piste cyclable rue Ampère", "62498", contributor_id="a1", age_band="30-44")
    dup = _add(store, "proposal", "Piste vélo", "62498", contributor_id="a2", age_band="15-29")
    need = _add(store, "need", "De l'ombre au square", "62510", contributor_id="b1", age_band="75+")
    hostile = _add(store, "proposal", HOSTILE, "62413")
    refused = _add(store, "proposal", "Un parking sur le terril", "62510")
    moderation.merge(store, AGENT, dup, top)
    for session in ("s1", "s2", "s3"):
        residents.support(store, top, session)
    answers.answer(store, AGENT, top, message="Nous étudions la piste avec la voirie.", status="under_study")
    answers.answer(store, AGENT, refused, message=REFUSAL, status="declined")
    return {"top": top, "need": need, "hostile": hostile, "refused": refused}


@pytest.fixture
def planted(store):
    ids = plant(store)
    return store, ids


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_svg_map_has_one_path_per_zone_and_escapes_names(store):
    zones = store.zones()
    hostile = zones.copy()
    hostile.loc[hostile.index[0], "name"] = HOSTILE
    svg = str(brief.svg_map(hostile, {zones["code"].iloc[1]: "#b2182b"}, label=HOSTILE))
    assert svg.count("<path ") == len(zones) == len(set(re.findall(r'data-code="([^"]+)"', svg)))
    assert HOSTILE not in svg and "&lt;script&gt;" in svg
    assert 'fill="#b2182b"' in svg
    dashed = str(brief.svg_map(zones, dashed=frozenset({zones["code"].iloc[2]})))
    assert dashed.count("stroke-dasharray") == 1
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", ""), "nothing to fetch"


def test_html_has_the_sections_and_escapes_user_text(planted):
    store, _ids = planted
    document = command.council_brief(store, SETTINGS, fmt="html").decode("utf-8")
    assert '<html lang="fr">' in document
    for key in ("territory", "representation", "participation", "priorities", "answers"):
        assert f'<section id="{key}">' in document
    assert HOSTILE not in document and "&lt;script&gt;" in document
    # the representation map: one path per zone
    representation = document.split('<section id="representation">')[1].split("</section>")[0]
    assert representation.count('<path class="zone"') == len(store.zones())
    assert "counter(page)" in document
    assert "Une piste cyclable rue Ampère" in document
    assert "Qui a participé, qui manque" in document
    assert "\u00a0:" in document, "no-break space before a colon"
    assert "src=\"http" not in document and "url(http" not in document


def test_hostile_territory_name_is_escaped(planted, monkeypatch):
    store, _ids = planted
    real = store.territory_info

    def hostile_info():
        info = dict(real())
        info["name"] = HOSTILE
        info["attribution"] = HOSTILE
        return info

    monkeypatch.setattr(store, "territory_info", hostile_info)
    document = brief.render_html(store)
    assert HOSTILE not in document and document.count("&lt;script&gt;") >= 3


def test_pdf_text_holds_sections_and_figures(planted):
    store, _ids = planted
    pdf = command.council_brief(store, SETTINGS, fmt="pdf")
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    for title in ("Le territoire et les contributions", "Qui a participé, qui manque",
                  "Les priorités des habitants", "Les réponses données", "Sources des données"):
        assert title in text, title
    published = store.count_contributions(published_only=True)
    assert f"{published} contributions publiées" in text
    assert "Une piste cyclable rue Ampère" in text
    assert "Le terrain appartient au département" in text, "the reason of a refusal"
    assert store.territory_info()["attribution"].split(" — ")[0] in text
    assert re.search(r"Page 1 / \d+", text), "page numbers"
    assert "recensement de l'INSEE de 2016" in text


def test_pdf_refuses_remote_urls():
    with pytest.raises(ValueError):
        brief._refuse_remote("https://example.org/x.png")
    with pytest.raises(ValueError):
        brief._refuse_remote("file:///etc/passwd")


def test_section_registry_orders_and_replaces():
    saved = list(brief.SECTIONS)
    try:
        def extra(data):
            return brief.Section(key="places", title="Lieux")

        brief.register_section("places", "Lieux", extra, after="representation")
        keys = [spec.key for spec in brief.SECTIONS]
        assert keys.index("places") == keys.index("representation") + 1
        assert brief.section_titles()[keys.index("places")] == "Lieux"
        brief.register_section("places", "Lieux", extra, before="territory")
        assert [spec.key for spec in brief.SECTIONS].count("places") == 1
        assert brief.SECTIONS[0].key == "places"
    finally:
        brief.SECTIONS[:] = saved


def test_report_cli_both_formats(db_path, tmp_path):
    with open_storage(db_path) as store:
        plant(store)
    html_out, pdf_out = tmp_path / "bilan.html", tmp_path / "bilan.pdf"
    assert main(["--db", str(db_path), "report", "--format", "html", "-o", str(html_out)]) == 0
    assert main(["--db", str(db_path), "report", "-o", str(pdf_out)]) == 0
    assert "Les priorités des habitants" in html_out.read_text(encoding="utf-8")
    assert "Les priorités des habitants" in _text(pdf_out.read_bytes())


def test_unknown_format_is_refused(store):
    from cartoparti._errors import ValidationError

    with pytest.raises(ValidationError):
        command.council_brief(store, SETTINGS, fmt="docx")


def test_weasyprint_is_imported_only_for_the_pdf():
    import subprocess
    import sys

    code = (
        "import sys; from cartoparti.cli import build_parser; build_parser(); "
        "import cartoparti.present.brief, cartoparti.commands.brief; "
        "assert 'weasyprint' not in sys.modules, 'weasyprint imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_places_that_come_back_have_their_section_map_and_table(store):
    import shapely

    centre = store.zone_point("62528")  # Loos-en-Gohelle
    for i in range(3):
        contribute.submit(
            store, settings=SETTINGS, kind="need", title=f"Trottoir abîmé {i}", text="", theme="mobilité",
            location=shapely.Point(centre.x + i * 0.0002, centre.y), contributor_id=f"p{i}",
        )
    html = command.council_brief(store, SETTINGS, fmt="html").decode()
    section = html[html.index('id="places"'):]
    section = section[: section.index("</section>")]
    assert section.count('class="area"') == 1  # one place drawn on the map, numbered 1
    assert "Loos-en-Gohelle" in section and "besoin (3)" in section
    titles = brief.section_titles()
    assert titles.index("Les lieux qui reviennent") == titles.index("Où la participation est la plus faible") + 1


def test_without_places_the_section_says_so(planted):
    store, _ids = planted
    html = command.council_brief(store, SETTINGS, fmt="html").decode()
    section = html[html.index('id="places"'):]
    assert "Aucun lieu ne rassemble" in section[: section.index("</section>")]


def test_the_action_plan_has_its_section_after_the_answers(planted):
    from cartoparti.commands import plan

    store, ids = planted
    agent = {"name": "alice", "role": "agent"}
    item = plan.add_item(
        store, SETTINGS, agent, title="Piste cyclable rue Ampère", service=SETTINGS.services[0], level="concertation",
        start_date="2027-01-04", contribution_ids=[ids["top"]], milestones=[("Réunion publique", "2027-02-01")],
    ).item_id
    gone = plan.add_item(store, SETTINGS, agent, title="Parking du terril", service=SETTINGS.services[0],
                         level="information", start_date="2027-01-04").item_id
    plan.set_status(store, SETTINGS, agent, gone, "abandoned", reason="Le terrain est classé, on ne peut pas y construire.")
    assert item
    html = command.council_brief(store, SETTINGS, fmt="html").decode()
    assert html.index('id="answers"') < html.index('id="plan"')
    section = html[html.index('id="plan"'):]
    section = section[: section.index("</section>")]
    assert "2 actions sont inscrites" in section and "dont 1 nourries" in section
    assert "<th>Statut</th>" in section.replace(" scope=\"col\"", "")
    assert "Piste cyclable rue Ampère" in section and "01/02/2027\u00a0: Réunion publique" in section
    assert "Le terrain est classé, on ne peut pas y construire." in section
    text = _text(command.council_brief(store, SETTINGS, fmt="pdf"))
    assert "Le plan d'action et son avancement" in text and "Parking du terril" in text


def test_the_brief_follows_the_language(planted):
    """The council brief in English: its lang, its words, its numbers, and no French
    typography (a no-break space before a colon is French only)."""
    from cartoparti import i18n

    store, _ids = planted
    with i18n.using("en"):
        document = command.council_brief(store, SETTINGS, fmt="html").decode("utf-8")
    assert '<html lang="en">' in document
    for words in ("Participation brief for the council", "Who took part, who is missing",
                  "The answers given", "The action plan and its progress"):
        assert words in document, words
    assert "Qui a participé" not in document and "Sommaire" not in document
    assert "\u00a0:" not in document and "\u202f;" not in document
    assert "Une piste cyclable rue Ampère" in document, "residents' words are kept as written"
