"""Connexion: agents and administrators sign in (residents need no account)."""

import streamlit as st

from cartoparti import settings, web
from cartoparti.commands import accounts as auth
from cartoparti.i18n import message as t
from cartoparti.web import identity

with web.page(t("page.connexion.page")):
    st.title(t("page.connexion.title"))

    web.browser_redirect()  # after a sign-in or sign-out: the server shell sets the cookie
    user = web.current_user()
    if user is not None:
        role = auth.ROLES.get(str(user.get("role")), str(user.get("role")))
        st.success(t("page.connexion.signed_in", name=web.md(user['name']), role=web.md(role)), icon="✅")
        for path, label, icon in web.AGENT_PAGES:
            st.page_link(path, label=label, icon=icon)
        if st.button(t("page.connexion.sign_out"), key="sign_out"):
            web.close_browser_session()
            if web.oidc_configured() and st.user.is_logged_in:
                st.logout()
            st.rerun()
        st.stop()

    if web.oidc_configured():
        if st.user.is_logged_in:
            if st.user.get("email_verified") is not True:
                st.error(
                    t("page.connexion.email_unverified", email=web.md(st.user.get('email'))),
                    icon="⚠️",
                )
            else:
                st.error(
                    t("page.connexion.email_unknown", email=web.md(st.user.get('email'))),
                    icon="⚠️",
                )
            st.button(t("page.connexion.oidc_sign_out"), on_click=st.logout, key="oidc_logout")
        else:
            st.button(t("page.connexion.oidc_sign_in"), on_click=st.login, key="oidc_login",
                      type="primary")
        st.caption(t("page.connexion.or_password"))

    st.write(t("page.connexion.intro"))
    if failed := st.session_state.pop("sign_in_failed", None):
        st.error(failed, icon="⚠️")


    @web.safe_callback
    def _sign_in() -> None:
        s = st.session_state
        outcome = auth.sign_in(
            web.store(), s.get("sign_in_name", ""), s.get("sign_in_password", ""),
            settings=settings.current(), address=identity.client_address(),
        )
        s["sign_in_password"] = ""
        if outcome.user is None:
            s["sign_in_failed"] = outcome.message
        else:
            web.open_browser_session(outcome.user)


    with st.form("sign_in"):
        st.text_input(t("page.connexion.name"), key="sign_in_name", autocomplete="username")
        st.text_input(t("page.connexion.password"), type="password", key="sign_in_password", autocomplete="current-password")
        st.form_submit_button(t("page.connexion.sign_in"), type="primary", on_click=_sign_in)
    st.caption(t("page.connexion.no_account"))
