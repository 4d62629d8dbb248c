"""Contribuer: place a point, a line or an area (or choose a place without the map), then the form."""

import streamlit as st

from cartoparti import i18n, settings, web
from cartoparti._errors import ValidationError
from cartoparti.commands.contribute import place_without_map, submit
from cartoparti.model import AGE_BANDS, CSP, KINDS

MAP, NO_MAP = "Sur la carte", "Sans carte : choisir une commune et un lieu repère"
FIRST_TIME = {"oui": True, "non": False}

with web.page("Contribuer"):
    st.title("Contribuer")
    st.write(
        "Un besoin, un signal faible, un souvenir, une proposition, quelque chose qui ne marche pas : "
        "dites-le et placez-le sur votre territoire. Aucun compte n'est nécessaire."
    )

    names = web.zone_names()
    version = st.session_state.setdefault("form_version", 0)
    errors: dict[str, str] = st.session_state.get("form_errors", {})

    if receipt := st.session_state.pop("receipt", None):
        state = "publiée sur la carte" if receipt.published else "enregistrée ; elle sera publiée après relecture"
        st.success(f"Merci ! Votre contribution n° {receipt.id} ({web.md(receipt.zone_name)}) est {state}.", icon="✅")
        if receipt.personal_data:
            st.warning(
                "Votre message semble contenir un numéro de téléphone ou une adresse e-mail : pour vous "
                "protéger, un agent le relira et retirera ces données avant publication.",
                icon="🔒",
            )
        if receipt.follow_code:
            st.info(
                f"Votre code de suivi personnel : **{receipt.follow_code}**  \n"
                "Notez-le : il permet de voir la réponse de la collectivité et de demander la suppression "
                "de vos contributions. Il ne sera plus affiché, et il sert pour toutes vos contributions "
                "de cette visite.",
                icon="🔑",
            )
            st.page_link("pages/suivi.py", label="Suivre mes contributions", icon="🔎")

    st.subheader("1. Où ?")
    mode = st.radio("Comment placer votre contribution ?", [MAP, NO_MAP], key="place_mode", horizontal=True)
    if mode == MAP:
        st.caption(
            "Cliquez sur la carte pour placer un point, ou utilisez les outils à gauche pour tracer "
            "une ligne ou une zone."
        )
        web.place_search("picked_location")
        location = web.pick_location_on_map("picked_location")
        if location is not None and location.geom_type == "Point":
            st.caption(i18n.message("place.drag_hint"))
    else:
        commune = st.selectbox(
            "Commune", list(names), format_func=names.get, index=None, placeholder="Choisissez une commune",
            key="nomap_commune",
        )
        landmarks = web.territory()["landmarks"]
        options = landmarks[landmarks["zone_code"] == commune] if commune else landmarks.iloc[0:0]
        labels = {row.id: f"{row.name} ({row.layer_label})" for row in options.itertuples()}
        landmark = st.selectbox(
            "Lieu repère (facultatif)", list(labels), format_func=labels.get, index=None,
            placeholder="Aucun : toute la commune", key="nomap_landmark", disabled=not labels,
        )
        location = place_without_map(web.store(), commune, landmark)
    st.caption(web.describe_location(location))
    web.field_error(errors, "location")


    @web.safe_callback
    def _submit() -> None:
        s = st.session_state
        v = s["form_version"]
        first = s.get(f"first_{v}")
        try:
            photo = s.get(f"photo_{v}")
            receipt = submit(
                web.store(),
                settings=settings.current(),
                kind=s.get(f"kind_{v}"),
                title=s.get(f"title_{v}", ""),
                text=s.get(f"text_{v}", ""),
                theme=s.get(f"theme_{v}"),
                location=location,
                photo=photo.getvalue() if photo is not None else None,
                age_band=s.get(f"age_{v}"),
                csp=s.get(f"csp_{v}"),
                home_commune=s.get(f"home_{v}"),
                first_time=FIRST_TIME.get(first) if first else None,
                follow_code=s.get("follow_code"),
            )
        except ValidationError as exc:
            s["form_errors"] = exc.errors
            return
        s["form_errors"] = {}
        s["receipt"] = receipt
        s["follow_code"] = receipt.follow_code
        s["form_version"] = v + 1
        s.pop("picked_location", None)


    st.subheader("2. Quoi ?")
    if errors:
        st.error("La contribution n'a pas été envoyée : corrigez les points signalés ci-dessous. Rien de ce que vous avez saisi n'est perdu.")
    with st.form(f"contribution_{version}"):
        st.selectbox("Type de contribution *", list(KINDS), format_func=KINDS.get, index=None,
                     placeholder="Choisissez", key=f"kind_{version}")
        web.field_error(errors, "kind")
        st.text_input("Titre *", max_chars=120, key=f"title_{version}")
        web.field_error(errors, "title")
        st.text_area("Votre message", max_chars=5000, key=f"text_{version}")
        web.field_error(errors, "text")
        st.selectbox("Thème *", list(settings.themes()), index=None, placeholder="Choisissez", key=f"theme_{version}")
        web.field_error(errors, "theme")
        st.file_uploader("Photo (facultatif)", type=["jpg", "jpeg", "png", "webp"], key=f"photo_{version}")
        web.field_error(errors, "photo")
        with st.expander("À propos de vous — facultatif, pour les statistiques seulement"):
            st.caption(
                "Ces réponses servent uniquement à savoir quels publics et quels quartiers nous entendons "
                "peu, pour aller à leur rencontre. Elles ne sont jamais publiées ni exportées publiquement, "
                "et ne sont pas liées à votre nom."
            )
            st.selectbox("Tranche d'âge", list(AGE_BANDS), format_func=AGE_BANDS.get, index=None,
                         placeholder="Je préfère ne pas répondre", key=f"age_{version}")
            st.selectbox("Situation professionnelle", list(CSP), format_func=CSP.get, index=None,
                         placeholder="Je préfère ne pas répondre", key=f"csp_{version}")
            st.selectbox("Commune de résidence", list(names), format_func=names.get, index=None,
                         placeholder="Je préfère ne pas répondre", key=f"home_{version}")
            st.radio("Est-ce la première fois que vous participez ?", list(FIRST_TIME),
                     format_func=str.capitalize, index=None, key=f"first_{version}", horizontal=True)
        st.caption(
            "Ce qui est public : le type, le titre, le message, le thème, la photo, le lieu et la date. "
            "Ce qui ne l'est pas : vos réponses « À propos de vous »."
        )
        st.form_submit_button("Envoyer ma contribution", type="primary", on_click=_submit)

    web.attribution_footer()
