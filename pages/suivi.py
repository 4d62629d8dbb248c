"""Suivre mes contributions: with the private follow code, a resident sees the status,
history and answers of their contributions, and may ask for their deletion (RGPD)."""

import streamlit as st

from cartoparti import settings, web
from cartoparti._errors import NotFoundError
from cartoparti.commands import residents
from cartoparti.commands.limits import RateLimitedError
from cartoparti.i18n import formats
from cartoparti.i18n import message as t

with web.page(t("page.suivi.title")):
    st.title(t("page.suivi.title"))
    st.write(t("page.suivi.intro"))

    with st.form("follow_form"):
        st.text_input(t("page.suivi.code"), key="follow_input", placeholder="ABCD-EFGH-JKLM", max_chars=20)
        submitted = st.form_submit_button(t("page.suivi.show"), type="primary")
    if submitted:
        st.session_state.pop("follow_shown", None)
        typed = st.session_state.get("follow_input", "")
        try:
            residents.look_up(web.store(), typed, settings=settings.current(), client=web.client())
        except (NotFoundError, RateLimitedError) as exc:
            st.error(web.md(exc), icon="⚠️")
            st.stop()
        st.session_state["follow_shown"] = typed

    code = st.session_state.get("follow_shown")
    if not code:
        st.stop()
    try:
        items = residents.followed(web.store(), code)
    except NotFoundError as exc:
        st.error(web.md(exc), icon="⚠️")
        st.stop()


    @web.safe_callback
    def _ask_deletion(contribution_id: str) -> None:
        reason = st.session_state.get(f"deletion_reason_{contribution_id}", "")
        try:
            residents.request_deletion(web.store(), code, contribution_id, reason)
        except NotFoundError:  # deleted (or no longer followed) since the page was shown
            st.session_state["deletion_gone"] = contribution_id
            return
        st.session_state["deletion_done"] = contribution_id


    if st.session_state.pop("deletion_done", None):
        st.success(t("page.suivi.deletion_done"), icon="✅")
    if st.session_state.pop("deletion_gone", None):
        st.warning(
            t("page.suivi.deletion_gone"),
            icon="ℹ️",
        )

    @web.safe_callback
    def _stop_mails() -> None:
        residents.stop_notifications(web.store(), code)
        st.session_state["mails_stopped"] = True


    if st.session_state.pop("mails_stopped", None):
        st.success(t("notify.stopped"), icon="✅")
    elif any(item["notified"] for item in items):
        st.caption(t("notify.you_are_notified"))
        st.button(t("notify.stop"), key="stop_mails", on_click=_stop_mails)

    st.caption(t("page.suivi.count", count=len(items)))
    for item in items:
        with st.container(border=True):
            web.contribution_header(item, level=4)
            st.markdown(t("page.suivi.status", status=item['status_label'], supports=item['supports']))
            if item["merged_into"]:
                st.info(
                    t("page.suivi.merged"),
                    icon="🔗",
                )
            elif item["hidden"]:
                st.warning(t("page.suivi.hidden", reason=web.md(item['hidden_reason'])), icon="🛡️")
            elif item["personal_data"]:
                st.info(t("page.suivi.personal_data"), icon="🔒")
            elif not item["published"]:
                st.info(t("page.suivi.unpublished"), icon="⏳")
            history = item["history"]
            if len(history) > 1:
                last = history.iloc[-1]
                st.markdown(
                    t("page.suivi.last_answer", date=formats.date(last['date']), message=web.md(last['message']))
                )
                if isinstance(last["competent"], str):
                    st.markdown(t("page.suivi.competent", competent=web.md(last['competent'])))
            web.history_table(history)
            for fed in item["plan"]:
                st.markdown(t("page.suivi.plan"))
                web.plan_item_card(fed, level=5)
            if item["deletion_requested"]:
                st.caption(t("page.suivi.deletion_requested"))
            else:
                with st.expander(t("page.suivi.ask_deletion")):
                    st.text_input(t("page.suivi.reason"), key=f"deletion_reason_{item['id']}")
                    st.button(
                        t("page.suivi.delete"), key=f"delete_{item['id']}",
                        on_click=_ask_deletion, args=(item["id"],),
                    )
