"""Comptes: administrators add agents, change roles, reset passwords, remove accounts;
erase a contributor id (RGPD) and compact the database while the app runs."""

import streamlit as st

from cartoparti import i18n, web
from cartoparti._errors import CartopartiError, ValidationError
from cartoparti.commands import accounts, rights, staff
from cartoparti.i18n import formats

t = i18n.message

with web.page(t("accounts.title")):
    admin = web.require_agent("admin")
    store = web.store()
    st.title(t("accounts.title"))
    st.write(t("accounts.intro"))
    if flash := st.session_state.pop("accounts_flash", None):
        st.success(flash, icon="✅")

    def _run(action, done: str | None) -> None:
        try:
            result = action()
        except ValidationError as exc:
            for message in exc.errors.values():
                st.error(web.md(message), icon="⚠️")  # it may quote the name that was typed
            return
        except CartopartiError as exc:
            st.error(web.md(exc), icon="⚠️")
            return
        st.session_state["accounts_flash"] = result if done is None else done
        st.rerun()

    with st.form("accounts_add", clear_on_submit=False):
        st.subheader(t("accounts.add"))
        c1, c2, c3 = st.columns(3)
        name = c1.text_input(t("accounts.name"), key="acc_name")
        role = c2.selectbox(t("accounts.role"), list(accounts.ROLES), format_func=accounts.ROLES.get, key="acc_role")
        password = c3.text_input(
            t("accounts.password"), type="password", key="acc_password",
            help=t("accounts.password_policy_help", min=accounts.PASSWORD_MIN_LENGTH),
        )
        if st.form_submit_button(t("accounts.create"), type="primary"):
            _run(lambda: staff.create_account(store, admin, name, role=role, password=password),
                 t("accounts.created", name=web.md(accounts.normalise_name(name))))

    st.subheader(t("accounts.list"))
    users = store.users()
    st.dataframe(
        {
            t("accounts.columns_name"): users["name"],
            t("accounts.columns_role"): users["role"].map(accounts.ROLES),
            t("accounts.columns_created"): users["created_at"].map(formats.date),
        },
        hide_index=True,
        width="stretch",
    )
    if len(users):
        who = st.selectbox(t("accounts.pick"), list(users["name"]), key="acc_pick")
        left, middle, right = st.columns(3)
        with left:
            new_role = st.selectbox(t("accounts.new_role"), list(accounts.ROLES), format_func=accounts.ROLES.get,
                                    key="acc_new_role")
            if st.button(t("accounts.change_role"), key="acc_change_role"):
                _run(lambda: staff.change_role(store, admin, who, new_role),
                     t("accounts.role_changed", name=web.md(who), role=accounts.ROLES[new_role]))
        with middle:
            new_password = st.text_input(t("accounts.new_password"), type="password", key="acc_new_password",
                                         help=t("accounts.password_policy_help", min=accounts.PASSWORD_MIN_LENGTH))
            if st.button(t("accounts.reset_password"), key="acc_reset"):
                _run(lambda: staff.reset_password(store, admin, who, new_password),
                     t("accounts.password_reset", name=web.md(who)))
        with right:
            if st.button(t("accounts.remove"), key="acc_remove"):
                _run(lambda: staff.remove_account(store, admin, who), t("accounts.removed", name=web.md(who)))

    def _erase(contributor: str) -> str:
        counts = rights.erase_contributor(store, admin, contributor)
        web.compact_soon()  # the erased contents leave the database file too
        return t("rights.erased_summary", **{k: formats.number(v) for k, v in counts.items()})

    def _compact() -> str:
        before, after = rights.compact(store, admin)
        return t("rights.compacted", before=before / 1e6, after=after / 1e6)

    with st.form("erase_contributor_form"):
        st.subheader(t("page.comptes.erase_title"))
        contributor = st.text_input(t("page.comptes.erase_id"), key="erase_contributor_id")
        confirmed = st.checkbox(t("page.comptes.erase_confirm"), key="erase_contributor_confirm")
        if st.form_submit_button(t("page.comptes.erase_button")):
            if confirmed:
                _run(lambda: _erase(contributor), None)
            else:
                st.error(t("page.suivi.erase_unconfirmed"), icon="⚠️")

    st.subheader(t("page.comptes.compact_title"))
    st.caption(t("page.comptes.compact_intro"))
    if st.button(t("page.comptes.compact_button"), key="compact_now"):
        _run(_compact, None)
