"""AppTest of the residents' rights on /suivi (download, erase with a confirmation, the
file compacted by the app itself) and of the four legal pages (defaults filled in from
the settings, a territory's own files shown as text, never interpreted)."""

from __future__ import annotations

import json
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from cartoparti import web
from cartoparti.commands import contribute
from cartoparti.settings import Settings
from cartoparti.storage import open_storage
from tests.conftest import ROOT, TERRITORY

TIMEOUT = 60
SECRET = "Souvenir-très-privé-" + "k" * 30


def run(path: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    if path != "app.py":
        at.switch_page(path).run()
        assert not at.exception, at.exception
    return at


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def _show(at: AppTest, code: str) -> None:
    at.text_input(key="follow_input").set_value(code)
    button(at, "Voir mes contributions").click().run()
    assert not at.exception, at.exception


def _seed(db_path):
    with open_storage(db_path) as store:
        mine = contribute.submit(
            store, settings=Settings(), kind="memory", title="Mon souvenir", text=SECRET,
            theme="culture et mémoire", location=store.zone_point("62498"), age_band="60-74",
        )
        other = contribute.submit(
            store, settings=Settings(), kind="need", title="Un autre banc", text="Pas à moi",
            theme="espaces publics", location=store.zone_point("62498"),
        )
    return mine, other


def test_a_resident_downloads_their_data(app_env):
    mine, _other = _seed(app_env)
    at = run("pages/suivi.py")
    _show(at, mine.follow_code)
    assert any(s.value == "Mes données" for s in at.subheader)
    # the download buttons carry the data (AppTest exposes them as unknown elements)
    payloads = [e.proto for e in at.get("download_button")]
    assert len(payloads) == 2 and {p.label for p in payloads} == {
        "Télécharger mes données (JSON)", "Télécharger mes données (CSV)"}


def test_the_download_is_what_the_command_gives(app_env):
    from cartoparti.commands import residents

    mine, other = _seed(app_env)
    with open_storage(app_env) as store:
        data = json.loads(residents.download_json(residents.download(store, mine.follow_code)))
    [item] = data["contributions"]
    assert item["text"] == SECRET and item["profile"]["age_band"] == "60-74"
    assert other.id not in json.dumps(data)


def test_a_resident_erases_everything_after_confirming(app_env):
    mine, other = _seed(app_env)
    at = run("pages/suivi.py")
    _show(at, mine.follow_code)
    button(at, "Effacer définitivement").click().run()
    assert any("Cochez la case de confirmation" in e.value for e in at.error)
    with open_storage(app_env) as store:
        assert store.contribution(mine.id) is not None  # nothing erased without the box
    at.checkbox(key="erase_confirm").check().run()
    button(at, "Effacer définitivement").click().run()
    assert not at.exception, at.exception
    assert any("Vos 1 contribution(s)" in s.value and "effacées" in s.value for s in at.success)
    thread = web._upkeep["compact"]
    assert thread is not None
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert SECRET.encode() not in app_env.read_bytes()  # compacted by the app, which kept running
    wal = app_env.with_name(app_env.name + ".wal")
    assert not wal.exists() or SECRET.encode() not in wal.read_bytes()
    with open_storage(app_env) as store:
        assert store.contribution(mine.id) is None and store.profile(mine.id) is None
        assert store.contribution(other.id) is not None
    # the app's store still works: the code is now unknown, the other one still follows
    _show(at, mine.follow_code)
    assert any("Code de suivi inconnu" in e.value for e in at.error)
    _show(at, other.follow_code)
    assert any("Un autre banc" in m.value for m in at.markdown)


LEGAL = [
    ("pages/donnees_personnelles.py", "Données personnelles"),
    ("pages/mentions_legales.py", "Mentions légales"),
    ("pages/charte_moderation.py", "Charte de modération"),
    ("pages/accessibilite.py", "Déclaration d'accessibilité"),
]


@pytest.mark.parametrize(("path", "title"), LEGAL)
def test_each_legal_page_shows_its_default(app_env, path, title):
    at = run(path)
    texts = [m.value for m in at.markdown]
    assert f"# {title}".replace("'", "'") in [t.replace("\\", "") for t in texts]
    body = " ".join(texts).replace("\\", "")
    assert "Communauté d'agglomération de Lens-Liévin" in body
    assert "{{" not in body
    # the legal links are on the page, as in every footer
    assert any(c.value == "Informations légales :" for c in at.caption)


def test_the_privacy_notice_tells_the_retention_and_the_dpo(app_env, monkeypatch):
    monkeypatch.setenv("CARTOPARTI_RETENTION_MONTHS", "18")
    monkeypatch.setenv("CARTOPARTI_DPO_CONTACT", "dpo@agglo-lenslievin.fr")
    at = run("pages/donnees_personnelles.py")
    # read as a person does: escapes and the invisible word joiners of web.md left out
    body = " ".join(m.value for m in at.markdown).replace("\\", "").replace(web.WORD_JOINER, "")
    assert "18 mois après la contribution" in body
    assert "dpo@agglo-lenslievin.fr" in body
    for must in ("Pourquoi, et sur quelle base", "Qui les voit", "Vos droits", "CNIL"):
        assert must in body


def test_the_accessibility_statement_has_what_rgaa_asks(app_env):
    body = " ".join(m.value for m in run("pages/accessibilite.py").markdown).replace("\\", "")
    for must in ("État de conformité", "RGAA", "Contenus non accessibles", "Défenseur des droits",
                 "Voies de recours"):
        assert must in body


def test_a_territory_file_is_shown_as_text(app_env, tmp_path, monkeypatch):
    territory = tmp_path / "territoire"
    shutil.copytree(TERRITORY, territory)
    (territory / "pages").mkdir(exist_ok=True)
    (territory / "pages" / "mentions-legales.md").write_text(
        "# Nos mentions\n\nPublié par {{territoire}}. Voir [ici](https://evil.example) "
        "<img src=x onerror=alert(1)> **gras** :red[rouge]\n\n- https://evil.example/lien\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("CARTOPARTI_TERRITORY", str(territory))
    at = run("pages/mentions_legales.py")
    texts = [m.value for m in at.markdown]
    assert texts[0] == "# Nos mentions"
    paragraph = texts[1]
    assert "Lens\\-Liévin" in paragraph  # filled in
    # every markdown or HTML sign is escaped: nothing becomes a link, an image, bold or red
    # (web.md also puts an invisible word joiner after "https" so no autolink is made)
    assert web.md("[ici](https://evil.example)") in paragraph
    assert "&lt;img src\\=x onerror\\=alert\\(1\\)&gt;" in paragraph
    assert "\\*\\*gras\\*\\*" in paragraph and "\\:red\\[rouge\\]" in paragraph
    assert texts[2] == "- " + web.md("https://evil.example/lien")


def test_legal_pages_are_public_and_in_the_sidebar():
    public = [path for path, _label, _icon in web.PUBLIC_PAGES]
    for path, _title in LEGAL:
        assert path in public


def _admin(db_path) -> AppTest:
    from cartoparti.commands import accounts

    with open_storage(db_path) as store:
        accounts.add_user(store, "root", role="admin", password="un mot de passe assez long")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.session_state["user"] = {"name": "root", "role": "admin"}
    at.run()
    at.switch_page("pages/comptes.py").run()
    assert not at.exception, at.exception
    return at


def test_an_administrator_erases_a_contributor_from_the_page(app_env):
    from datetime import datetime

    from cartoparti.model import Draft

    with open_storage(app_env) as store:
        ids = [store.add_contribution(Draft(
            kind="need", title=f"Atelier {n}", text=SECRET, theme="autre", channel="workshop",
            created_at=datetime(2026, 1, 1), geometry=store.zone_point("62498"),
            contributor_id="ATELIER-7", age_band="15-29",
        )) for n in (1, 2)]
    at = _admin(app_env)
    at.text_input(key="erase_contributor_id").set_value("ATELIER-7")
    button(at, "Effacer").click().run()
    assert any("Cochez la case de confirmation" in e.value for e in at.error)
    at.text_input(key="erase_contributor_id").set_value("*inconnu*")
    at.checkbox(key="erase_contributor_confirm").check()
    button(at, "Effacer").click().run()
    assert any("\\*inconnu\\*" in e.value for e in at.error)  # what was typed, escaped
    at.text_input(key="erase_contributor_id").set_value("ATELIER-7")
    at.checkbox(key="erase_contributor_confirm").check()
    button(at, "Effacer").click().run()
    assert not at.exception, at.exception
    assert any("Effacé : 2 contribution(s), 2 profil(s)" in s.value for s in at.success)
    web._upkeep["compact"].join(timeout=60)
    assert SECRET.encode() not in app_env.read_bytes()
    with open_storage(app_env) as store:
        assert all(store.contribution(i) is None for i in ids)
    button(at, "Compacter maintenant").click().run()
    assert any("Base compactée" in s.value for s in at.success)
