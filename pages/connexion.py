"""Connexion: agents and administrators sign in (residents need no account)."""

import streamlit as st

from cartoparti import web
from cartoparti.commands import accounts as auth

with web.page("Connexion"):
    st.title("Espace agents")

    user = web.current_user()
    if user is not None:
        role = auth.ROLES.get(str(user.get("role")), str(user.get("role")))
        st.success(f"Connecté(e) : {web.md(user['name'])} ({web.md(role)}).", icon="✅")
        for path, label, icon in web.AGENT_PAGES:
            st.page_link(path, label=label, icon=icon)
        if st.button("Se déconnecter", key="sign_out"):
            st.session_state.pop("user", None)
            if web.oidc_configured() and st.user.is_logged_in:
                st.logout()
            st.rerun()
        st.stop()

    if web.oidc_configured():
        if st.user.is_logged_in:
            if st.user.get("email_verified") is not True:
                st.error(
                    f"Le fournisseur d'identité n'a pas vérifié l'adresse {web.md(st.user.get('email'))} : "
                    "elle ne peut pas ouvrir l'espace agents.",
                    icon="⚠️",
                )
            else:
                st.error(
                    f"Le compte {web.md(st.user.get('email'))} n'est pas enregistré comme agent : "
                    "demandez à un administrateur de le créer.",
                    icon="⚠️",
                )
            st.button("Se déconnecter du fournisseur d'identité", on_click=st.logout, key="oidc_logout")
        else:
            st.button("Se connecter avec le compte de la collectivité", on_click=st.login, key="oidc_login",
                      type="primary")
        st.caption("Ou avec un nom d'utilisateur et un mot de passe :")

    st.write(
        "Cet espace est réservé aux agents et aux administrateurs de la collectivité. "
        "Les habitants n'ont besoin d'aucun compte pour contribuer ou suivre leurs contributions."
    )
    if st.session_state.pop("sign_in_failed", False):
        st.error("Nom d'utilisateur ou mot de passe incorrect.", icon="⚠️")


    @web.safe_callback
    def _sign_in() -> None:
        s = st.session_state
        found = auth.authenticate(web.store(), s.get("sign_in_name", ""), s.get("sign_in_password", ""))
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
