"""Saisie terrain (agents): enter contributions gathered in the field ("aller vers"),
print the paper questionnaire, enter paper answers in bulk from a CSV."""

import datetime as dt

import streamlit as st

from cartoparti import lifecycle, settings, web
from cartoparti._errors import ValidationError
from cartoparti.commands import fieldwork
from cartoparti.commands.contribute import place_without_map
from cartoparti.model import AGE_BANDS, CSP, KINDS
from cartoparti.present import questionnaire

FIRST_TIME = {"oui": True, "non": False}

with web.page("Saisie terrain"):
    user = web.require_agent()
    st.title("Saisie terrain")
    st.write(
        "Pour les personnes qui n'ouvriront jamais un site : ateliers, porte-à-porte, questionnaires papier, "
        "téléphone, permanences. Le profil est saisi tel que la personne l'a déclaré."
    )
    store = web.store()
    names = web.zone_names()
    entry, paper, batch = st.tabs(["Saisir une contribution", "Questionnaire papier", "Saisie en lot (CSV)"])

    with entry:
        if receipt := st.session_state.pop("field_receipt", None):
            st.success(f"Contribution n° {receipt.id} enregistrée ({receipt.zone_name}).", icon="✅")
            st.info(
                f"Code de suivi à remettre à la personne : **{receipt.follow_code}** "
                "(il ne sera plus affiché).",
                icon="🔑",
            )
            if receipt.personal_data:
                st.warning("Le texte contient des coordonnées : la contribution attend la modération.", icon="🔒")
        errors: dict[str, str] = st.session_state.get("field_errors", {})
        v = st.session_state.setdefault("field_version", 0)
        commune = st.selectbox("Commune du lieu évoqué *", list(names), format_func=names.get, index=None,
                               placeholder="Choisissez", key="field_commune")
        landmarks = web.territory()["landmarks"]
        options = landmarks[landmarks["zone_code"] == commune] if commune else landmarks.iloc[0:0]
        lm_labels = {row.id: f"{row.name} ({row.layer_label})" for row in options.itertuples()}
        landmark = st.selectbox("Lieu repère (facultatif)", list(lm_labels), format_func=lm_labels.get, index=None,
                                placeholder="Toute la commune", key="field_landmark", disabled=not lm_labels)
        web.field_error(errors, "location")

        @web.safe_callback
        def _enter() -> None:
            s = st.session_state
            first = s.get(f"f_first_{v}")
            try:
                receipt = fieldwork.enter_for_resident(
                    store, user,
                    settings=settings.current(),
                    channel=s.get(f"f_channel_{v}"),
                    session_date=s.get(f"f_date_{v}"),
                    session_place=s.get(f"f_place_{v}", ""),
                    kind=s.get(f"f_kind_{v}"),
                    title=s.get(f"f_title_{v}", ""),
                    text=s.get(f"f_text_{v}", ""),
                    theme=s.get(f"f_theme_{v}"),
                    location=place_without_map(store, s.get("field_commune"), s.get("field_landmark")),
                    age_band=s.get(f"f_age_{v}"),
                    csp=s.get(f"f_csp_{v}"),
                    home_commune=s.get(f"f_home_{v}"),
                    first_time=FIRST_TIME.get(first) if first else None,
                )
            except ValidationError as exc:
                s["field_errors"] = exc.errors
                return
            s["field_errors"] = {}
            s["field_receipt"] = receipt
            s["field_version"] = v + 1

        with st.form(f"field_entry_{v}"):
            c1, c2, c3 = st.columns(3)
            c1.selectbox("Canal *", list(lifecycle.FIELD_CHANNELS), format_func=lifecycle.FIELD_CHANNELS.get,
                         index=None, placeholder="Choisissez", key=f"f_channel_{v}")
            c2.date_input("Date de la rencontre *", value=dt.date.today(), format="DD/MM/YYYY", key=f"f_date_{v}")
            c3.text_input("Lieu de la rencontre *", key=f"f_place_{v}", placeholder="ex. : marché de la place Jean-Jaurès")
            for name in ("channel", "session_date", "session_place"):
                web.field_error(errors, name)
            st.selectbox("Type de contribution *", list(KINDS), format_func=KINDS.get, index=None,
                         placeholder="Choisissez", key=f"f_kind_{v}")
            web.field_error(errors, "kind")
            st.text_input("Titre *", max_chars=120, key=f"f_title_{v}")
            web.field_error(errors, "title")
            st.text_area("Ce que la personne a dit", max_chars=5000, key=f"f_text_{v}")
            web.field_error(errors, "text")
            st.selectbox("Thème *", list(settings.themes()), index=None, placeholder="Choisissez", key=f"f_theme_{v}")
            web.field_error(errors, "theme")
            st.markdown("**Profil déclaré par la personne** (facultatif, jamais publié)")
            p1, p2 = st.columns(2)
            p1.selectbox("Tranche d'âge", list(AGE_BANDS), format_func=AGE_BANDS.get, index=None,
                         placeholder="Non déclaré", key=f"f_age_{v}")
            p2.selectbox("Situation professionnelle", list(CSP), format_func=CSP.get, index=None,
                         placeholder="Non déclaré", key=f"f_csp_{v}")
            p1.selectbox("Commune de résidence", list(names), format_func=names.get, index=None,
                         placeholder="Non déclaré", key=f"f_home_{v}")
            p2.radio("Première participation ?", list(FIRST_TIME), format_func=str.capitalize, index=None,
                     key=f"f_first_{v}", horizontal=True)
            st.form_submit_button("Enregistrer la contribution", type="primary", on_click=_enter)

    with paper:
        st.write(
            "Le questionnaire reprend les champs du formulaire en ligne, avec la carte de la commune et ses "
            "lieux repères numérotés. Ouvrez le fichier dans un navigateur et imprimez-le."
        )
        q_commune = st.selectbox("Commune", list(names), format_func=names.get, key="paper_commune")
        if q_commune:
            page = questionnaire.questionnaire_html(store, q_commune, themes=settings.themes())
            st.download_button(
                "Télécharger le questionnaire (HTML à imprimer)", page.encode("utf-8"),
                file_name=f"questionnaire-{q_commune}.html", mime="text/html", key="paper_download",
            )
            with st.expander("Aperçu"):
                st.iframe(page, height=900)

    with batch:
        st.write(
            "Saisissez les réponses papier dans le modèle CSV (une ligne par questionnaire ; remplacez la "
            "ligne d'exemple), puis importez-le ici ou en ligne de commande : "
            "`python -m cartoparti field import FICHIER.csv --user NOM --date AAAA-MM-JJ --place LIEU`."
        )
        b_commune = st.selectbox("Commune", list(names), format_func=names.get, key="batch_commune")
        st.download_button(
            "Télécharger le modèle CSV", questionnaire.csv_template(store, b_commune, themes=settings.themes()).encode("utf-8"),
            file_name=f"modele-saisie-{b_commune}.csv", mime="text/csv", key="batch_template",
        )
        st.caption("Coordonnées des lieux repères numérotés du questionnaire (colonnes lon et lat du modèle) :")
        st.dataframe(
            questionnaire.landmark_table(store, b_commune).rename(columns={"number": "N°", "name": "Lieu", "type": "Type"}),
            hide_index=True, width="stretch",
        )
        st.markdown("**Rencontre où les questionnaires ont été remplis** (pour tout le lot)")
        d1, d2 = st.columns(2)
        d1.date_input("Date de la rencontre *", value=dt.date.today(), format="DD/MM/YYYY", key="batch_date")
        d2.text_input("Lieu de la rencontre *", key="batch_place", placeholder="ex. : permanence de la mairie annexe")
        upload = st.file_uploader("Fichier CSV rempli", type=["csv"], key="batch_csv")
        if upload is not None and st.button("Importer", key="batch_import"):
            web.import_upload(
                upload,
                lambda data, name: fieldwork.import_field_file(
                    store, user, data, name=name, settings=settings.current(), session_date=st.session_state.get("batch_date"),
                    session_place=st.session_state.get("batch_place", ""),
                ),
            )
