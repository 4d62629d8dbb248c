"""Connexion: agents and administrators sign in (residents need no account)."""

import streamlit as st

from cartoparti import auth, ui

ui.page_setup("Connexion")
st.title("Espace agents")

user = ui.current_user()
if user is not None:
    role = auth.ROLES.get(str(user.get("role")), str(user.get("role")))
    st.success(f"Connecté(e) : {ui.escape(user['name'])} ({role}).", icon="✅")
    for path, label, icon in ui.AGENT_PAGES:
        st.page_link(path, label=label, icon=icon)
    if st.button("Se déconnecter", key="sign_out"):
        st.session_state.pop("user", None)
        st.rerun()
    st.stop()

st.write(
    "Cet espace est réservé aux agents et aux administrateurs de la collectivité. "
    "Les habitants n'ont besoin d'aucun compte pour contribuer ou suivre leurs contributions."
)
if st.session_state.pop("sign_in_failed", False):
    st.error("Nom d'utilisateur ou mot de passe incorrect.", icon="⚠️")


def _sign_in() -> None:
    s = st.session_state
    found = auth.authenticate(ui.store(), s.get("sign_in_name", ""), s.get("sign_in_password", ""))
    s["sign_in_password"] = ""
    if found is None:
        s["sign_in_failed"] = True
    else:
        s["user"] = found


with st.form("sign_in"):
    st.text_input("Nom d'utilisateur", key="sign_in_name", autocomplete="username")
    st.text_input("Mot de passe", type="password", key="sign_in_password", autocomplete="current-password")
    st.form_submit_button("Se connecter", type="primary", on_click=_sign_in)
st.caption("Pas de compte ? Un administrateur le crée : `python -m cartoparti user add NOM --role agent`.")
