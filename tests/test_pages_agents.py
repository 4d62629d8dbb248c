"""AppTests of the agents' pages (sign-in required) and of the public follow-up pages."""

import pytest
from streamlit.testing.v1 import AppTest

from cartoparti import settings, web
from cartoparti.commands import accounts as auth
from cartoparti.commands import answers, contribute, moderation, residents
from cartoparti.settings import Settings
from cartoparti.storage import open_storage
from tests.conftest import ROOT

SETTINGS = Settings()  # the defaults: moderation a posteriori

TIMEOUT = 60
AGENT = {"name": "alice", "role": "agent"}
AGENT_PAGES = [
    "pages/reponses.py", "pages/moderation.py", "pages/saisie_terrain.py", "pages/charge_equite.py",
    "pages/qui_manque.py", "pages/donnees.py",
]
PASSWORD = "un mot de passe assez long"
INJECTION = "**x** [a](javascript:alert(1)) <b>y</b>"


def run(path: str, user: dict | None = None) -> AppTest:
    """Open the app (signed in as ``user`` if given: the account is created in the
    database, as pages look it up at every run), then go to the page."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    if user is not None:
        with open_storage(settings.db_path()) as store:
            auth.add_user(store, user["name"], role=user["role"], password=PASSWORD)
        at.session_state["user"] = user
    at.run()
    at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def add(db_path, title="Un banc", text="Près de l'école", zone="62498", **extra):
    with open_storage(db_path) as store:
        return contribute.submit(store, settings=SETTINGS, kind="need", title=title, text=text, theme="nature",
                                 location=store.zone_point(zone), **extra)


@pytest.mark.parametrize("path", AGENT_PAGES)
def test_agent_pages_need_sign_in(app_env, path):
    at = run(path)
    assert not at.title, "nothing of the page is shown"
    assert any("réservée aux agents" in w.value for w in at.warning)
    assert not at.dataframe and not at.text_area


@pytest.mark.parametrize("path", AGENT_PAGES)
def test_agent_pages_run_for_an_agent(app_env, path):
    add(app_env)
    at = run(path, AGENT)
    assert at.title
    assert not any("réservée" in w.value for w in at.warning)


@pytest.mark.parametrize("path", ["pages/suivi.py", "pages/contribution.py", "pages/connexion.py"])
def test_public_pages_run(app_env, path):
    run(path)


def test_sign_in_and_out(app_env):
    with open_storage(app_env) as store:
        auth.add_user(store, "alice", role="agent", password=PASSWORD)
    at = run("pages/connexion.py")
    at.text_input(key="sign_in_name").set_value("alice")
    at.text_input(key="sign_in_password").set_value("mauvais mot de passe")
    button(at, "Se connecter").click().run()
    assert "user" not in at.session_state
    assert any("incorrect" in e.value for e in at.error)
    at.text_input(key="sign_in_name").set_value("alice")
    at.text_input(key="sign_in_password").set_value(PASSWORD)
    button(at, "Se connecter").click().run()
    assert at.session_state["user"] == {"name": "alice", "role": "agent"}
    assert any("Connecté(e) : alice" in s.value for s in at.success)
    at.switch_page("pages/reponses.py").run()
    assert not at.exception and at.title[0].value == "Traiter et répondre"
    at.switch_page("pages/connexion.py").run()
    button(at, "Se déconnecter").click().run()
    assert "user" not in at.session_state
    at.switch_page("pages/reponses.py").run()
    assert not at.title


def test_answer_from_the_page(app_env):
    receipt = add(app_env)
    at = run("pages/reponses.py", AGENT)
    assert at.selectbox(key="answer_pick").value == receipt.id
    v = f"{receipt.id}_0"
    at.selectbox(key=f"a_status_{v}").set_value("declined")
    at.text_area(key=f"a_message_{v}").set_value("Non.")
    button(at, "Publier la réponse").click().run()
    assert any("justifié" in e.value for e in at.error)
    at.selectbox(key=f"a_status_{v}").set_value("under_study")
    at.text_area(key=f"a_message_{v}").set_value("Nous étudions votre demande avec le service.")
    button(at, "Publier la réponse").click().run()
    assert not at.exception
    assert any("Réponse publiée" in s.value for s in at.success)
    with open_storage(app_env) as store:
        assert store.contribution(receipt.id)["status"] == "under_study"
        assert store.audit_log(receipt.id).actor.iloc[0] == "alice"
    # qualification
    at.selectbox(key=f"q_service_{receipt.id}").set_value("espaces verts")
    at.selectbox(key=f"q_level_{receipt.id}").set_value("concertation")
    button(at, "Enregistrer la qualification").click().run()
    with open_storage(app_env) as store:
        assert store.handling(receipt.id)["service"] == "espaces verts"


def test_moderation_removes_personal_data_then_publishes(app_env):
    receipt = add(app_env, text="Rappelez-moi au 06 12 34 56 78 svp")
    at = run("pages/moderation.py", AGENT)
    assert any("Données personnelles détectées" in w.value for w in at.warning)
    button(at, "Publier").click().run()
    assert any("retirez-le" in e.value for e in at.error)
    assert at.text_area(key=f"edit_text_{receipt.id}").value == "Rappelez-moi au [numéro masqué] svp"
    button(at, "Enregistrer le texte corrigé").click().run()
    button(at, "Publier").click().run()
    assert any("publiée" in s.value for s in at.success)
    with open_storage(app_env) as store:
        row = store.contribution(receipt.id)
    assert row["published"] and "06 12" not in row["text"]


def test_moderation_hides_with_a_reason(app_env):
    receipt = add(app_env)
    at = run("pages/moderation.py", AGENT)
    at.selectbox(key="hide_pick").set_value(receipt.id)
    at.text_input(key="hide_reason").set_value("Propos hors charte")
    button(at, "Masquer").click().run()
    assert not at.exception
    with open_storage(app_env) as store:
        assert store.handling(receipt.id)["hidden_reason"] == "Propos hors charte"


def test_field_entry_page(app_env):
    at = run("pages/saisie_terrain.py", AGENT)
    at.selectbox(key="field_commune").set_value("62528").run()
    at.selectbox(key="f_channel_0").set_value("workshop")
    at.text_input(key="f_place_0").set_value("Maison de quartier")
    at.selectbox(key="f_kind_0").set_value("proposal")
    at.text_input(key="f_title_0").set_value("Un jardin partagé")
    at.selectbox(key="f_theme_0").set_value("nature")
    at.selectbox(key="f_age_0").set_value("75+")
    button(at, "Enregistrer la contribution").click().run()
    assert not at.exception
    assert any("Code de suivi à remettre" in i.value for i in at.info)
    with open_storage(app_env) as store:
        row = store.agent_contributions().iloc[0]
        assert (row.title, row.channel, row.entered_by, row.zone_code) == ("Un jardin partagé", "workshop", "alice", "62528")
        assert store.field_entry(row.id)["session_place"] == "Maison de quartier"


def test_field_entry_page_shows_missing_fields(app_env):
    at = run("pages/saisie_terrain.py", AGENT)
    button(at, "Enregistrer la contribution").click().run()
    messages = " ".join(e.value for e in at.error)
    assert "canal" in messages and "lieu de la rencontre" in messages and "titre" in messages


def test_workload_page_shows_figures(app_env):
    receipt = add(app_env)
    with open_storage(app_env) as store:
        answers.answer(store, AGENT, receipt.id, status="under_study", message="Vu.")
    add(app_env, title="Sans réponse")
    at = run("pages/charge_equite.py", AGENT)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Contributions ouvertes sans réponse"] == "1"
    assert len(at.dataframe) == 5
    by_service, by_status, by_zone, by_age, by_csp = (d.value for d in at.dataframe)
    assert by_service["Ouvertes"].to_dict() == {"non renseigné": 2}
    assert by_status["Ouvertes"].to_dict() == {"reçue": 1, "à l'étude": 1, "retenue": 0, "en cours de réalisation": 0}
    lens = by_zone.loc["Lens"]
    assert (lens["Contributions"], lens["Avec réponse"], lens["Sans réponse"]) == (2, 1, 1)
    assert by_age.loc["non renseigné", "Contributions"] == 2
    assert list(by_csp.index) == ["non renseigné"]


def test_follow_code_page(app_env):
    receipt = add(app_env, title="Éclairage rue Basly")
    with open_storage(app_env) as store:
        answers.answer(store, AGENT, receipt.id, status="under_study", message="Le service regarde.")
    at = run("pages/suivi.py")
    at.text_input(key="follow_input").set_value("ZZZZ-ZZZZ-ZZZZ")
    button(at, "Voir mes contributions").click().run()
    assert any("Code de suivi inconnu" in e.value for e in at.error)
    at.text_input(key="follow_input").set_value(receipt.follow_code)
    button(at, "Voir mes contributions").click().run()
    assert any("Éclairage rue Basly" in m.value for m in at.markdown)
    assert any("à l'étude" in m.value for m in at.markdown)
    history = at.dataframe[0].value
    assert list(history["Réponse"]) == ["Contribution reçue.", "Le service regarde."]
    at.text_input(key=f"deletion_reason_{receipt.id}").set_value("Je préfère la retirer")
    button(at, "Demander la suppression").click().run()
    assert any("demande de suppression est enregistrée" in s.value for s in at.success)
    with open_storage(app_env) as store:
        assert list(store.deletion_requests().reason) == ["Je préfère la retirer"]


def test_support_once_per_session(app_env):
    receipt = add(app_env)
    at = run("pages/contribution.py")
    assert at.selectbox(key="detail_pick").value == receipt.id
    at.button(key="support").click().run()
    assert any("soutien est compté" in s.value for s in at.success)
    at.button(key="support").click().run()
    assert any("déjà" in w.value for w in at.warning)
    assert at.metric[0].value == "1"
    other = run("pages/contribution.py")  # another browser session
    other.button(key="support").click().run()
    assert other.metric[0].value == "2"


def test_contributing_gives_a_follow_code_reused_in_the_session(app_env):
    at = run("pages/contribuer.py")
    at.radio(key="place_mode").set_value("Sans carte : choisir une commune et un lieu repère").run()
    at.selectbox(key="nomap_commune").set_value("62498").run()
    codes = []
    for title in ("Premier", "Second"):
        v = at.session_state["form_version"]
        at.selectbox(key=f"kind_{v}").set_value("need")
        at.text_input(key=f"title_{v}").set_value(title)
        at.selectbox(key=f"theme_{v}").set_value("nature")
        button(at, "Envoyer ma contribution").click().run()
        info = next(i.value for i in at.info if "code de suivi" in i.value)
        codes.append(info.split("**")[1])
    assert codes[0] == codes[1]
    with open_storage(app_env) as store:
        assert [i["title"] for i in residents.followed(store, codes[0])] == ["Premier", "Second"]


def test_the_photo_shows_on_the_contribution_page(app_env):
    from tests.test_contribute import _jpeg_with_gps

    with open_storage(app_env) as store:
        contribute.submit(store, settings=SETTINGS, kind="memory", title="Fosse", text="", theme="nature",
                          location=store.zone_point("62528"), photo=_jpeg_with_gps())
    at = run("pages/contribution.py")
    assert len(at.get("image")) == 1


def test_a_removed_or_demoted_agent_loses_access_at_once(app_env):
    add(app_env)
    at = run("pages/connexion.py", {"name": "alice", "role": "admin"})
    assert any("Connecté(e) : alice (administrateur)" in s.value for s in at.success)
    with open_storage(app_env) as store:
        auth.set_role(store, "alice", "agent")
    at.run()
    assert any("Connecté(e) : alice (agent)" in s.value for s in at.success)
    at.switch_page("pages/reponses.py").run()
    assert at.title[0].value == "Traiter et répondre"
    with open_storage(app_env) as store:
        auth.remove_user(store, "alice")
    at.run()
    assert not at.title and any("réservée aux agents" in w.value for w in at.warning)
    assert "user" not in at.session_state


class FakeIdentity(dict):
    """What ``st.user`` holds after ``st.login`` with an OpenID Connect provider."""

    is_logged_in = True


@pytest.mark.parametrize("verified", [True, False, None])
def test_openid_sign_in_needs_a_verified_email(app_env, monkeypatch, verified):
    import streamlit

    with open_storage(app_env) as store:
        auth.add_user(store, "marie@ville-lens.fr", role="agent", password=PASSWORD)
    claims = {"email": "Marie@Ville-Lens.fr"} | ({} if verified is None else {"email_verified": verified})
    monkeypatch.setattr(web, "oidc_configured", lambda: True)
    monkeypatch.setattr(streamlit, "user", FakeIdentity(claims))
    at = run("pages/connexion.py")
    if verified is True:
        assert at.session_state["user"] == {"name": "marie@ville-lens.fr", "role": "agent"}
        assert any("Connecté(e)" in s.value for s in at.success)
    else:
        assert "user" not in at.session_state
        assert any("pas vérifié" in e.value for e in at.error)
        at.switch_page("pages/reponses.py").run()
        assert not at.title


def test_deletion_asked_for_a_contribution_deleted_meanwhile(app_env):
    receipt = add(app_env, title="Bientôt effacée")
    at = run("pages/suivi.py")
    at.text_input(key="follow_input").set_value(receipt.follow_code)
    button(at, "Voir mes contributions").click().run()
    with open_storage(app_env) as store:
        other = contribute.submit(store, settings=SETTINGS, kind="need", title="Autre", text="", theme="nature",
                                  location=store.zone_point("62498"), follow_code=receipt.follow_code)
        moderation.delete(store, AGENT, receipt.id)
    button(at, "Demander la suppression").click().run()
    assert not at.exception
    assert any("n'existe plus" in w.value for w in at.warning)
    assert not any("demande de suppression est enregistrée" in s.value for s in at.success)
    assert not any("Bientôt effacée" in m.value for m in at.markdown)
    with open_storage(app_env) as store:
        assert store.deletion_requests().empty
        assert store.contribution(other.id) is not None


def _no_live_markdown(at: AppTest) -> None:
    """User text is shown escaped: no link, bold or HTML of the resident survives."""
    for element in [*at.markdown, *at.caption]:
        assert "](javascript" not in element.value
        assert "<b>" not in element.value and "**x**" not in element.value


def test_user_text_is_inert_markdown_on_the_follow_page(app_env):
    receipt = add(app_env, title=INJECTION)
    at = run("pages/suivi.py")
    at.text_input(key="follow_input").set_value(receipt.follow_code)
    button(at, "Voir mes contributions").click().run()
    assert f"#### {web.md(INJECTION)}" in [m.value for m in at.markdown]
    _no_live_markdown(at)


def test_user_text_is_inert_markdown_on_the_contribution_page(app_env):
    add(app_env, title=INJECTION)
    at = run("pages/contribution.py")
    assert f"### {web.md(INJECTION)}" in [m.value for m in at.markdown]
    _no_live_markdown(at)


def test_user_text_is_inert_markdown_on_the_answer_page(app_env):
    receipt = add(app_env, title=INJECTION)
    with open_storage(app_env) as store:
        answers.answer(store, AGENT, receipt.id, status="under_study", message=INJECTION)
    at = run("pages/reponses.py", AGENT)
    assert f"### {web.md(INJECTION)}" in [m.value for m in at.markdown]
    _no_live_markdown(at)


def _import_upload_script() -> None:
    import datetime as dt
    from types import SimpleNamespace

    import streamlit as st

    from cartoparti import web
    from cartoparti.commands import fieldwork  # AppTest runs this function's source alone
    from cartoparti.settings import Settings

    content = st.session_state["content"]
    upload = SimpleNamespace(name="papier.csv", getvalue=lambda: content)
    web.import_upload(
        upload,
        lambda data, name: fieldwork.import_field_file(
            web.store(), {"name": "alice", "role": "agent"}, data, settings=Settings(), name=name,
            session_date=dt.date(2024, 5, 3), session_place=st.session_state["place"],
        ),
    )


def test_import_upload_shows_the_report_and_the_refusals(app_env):
    content = (
        "kind,title,text,theme,lon,lat\n"
        "need,Un banc,Près du marché,nature,2.8306,50.4325\n"
        "need,Un abri,écrire à jean@example.fr,nature,2.8306,50.4325\n"
        "need,Ailleurs,Loin,nature,5.0,45.0\n"
    ).encode()
    at = AppTest.from_function(_import_upload_script, default_timeout=TIMEOUT)
    at.session_state["content"] = content
    at.session_state["place"] = " "
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [web.md("Indiquez le lieu de la rencontre.")]  # escaped: it may quote a cell
    at.session_state["place"] = "Marché couvert"
    at.run()
    assert any("3 ligne(s) lue(s) : 2 importée(s)" in w.value for w in at.warning)
    assert any("1 contribution(s) contiennent des coordonnées" in i.value for i in at.info)
    assert list(at.dataframe[0].value["ligne"]) == [4]
    with open_storage(app_env) as store:
        assert set(store.agent_contributions().entered_by) == {"alice"}
