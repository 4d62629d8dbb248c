"""Suivre mes contributions: with the private follow code, a resident sees the status,
history and answers of their contributions, may ask for their deletion, download
everything kept about them (JSON, CSV) and erase them all at once (RGPD)."""

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

    erased = st.session_state.pop("erased", None)
    if erased is not None:
        st.success(t("page.suivi.erased", count=erased), icon="✅")
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
            if item["withheld"]:  # another resident's, followed through a merge, not public
                st.info(t("page.suivi.merged_withheld"), icon="🔒")
                continue
            web.contribution_header(item, level=4)
            if not item["own"]:
                st.caption(t("page.suivi.merged_other"))
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
            if not item["own"]:
                continue  # only its author may ask for its deletion
            if item["deletion_requested"]:
                st.caption(t("page.suivi.deletion_requested"))
            else:
                with st.expander(t("page.suivi.ask_deletion")):
                    st.text_input(t("page.suivi.reason"), key=f"deletion_reason_{item['id']}")
                    st.button(
                        t("page.suivi.delete"), key=f"delete_{item['id']}",
                        on_click=_ask_deletion, args=(item["id"],),
                    )

    @web.safe_callback
    def _erase_all() -> None:
        if not st.session_state.get("erase_confirm"):
            st.session_state["erase_unconfirmed"] = True
            return
        try:
            counts = residents.erase_mine(web.store(), code)
        except NotFoundError:  # erased meanwhile (another tab)
            counts = {"contributions": 0}
        st.session_state["erased"] = counts["contributions"]
        st.session_state.pop("follow_shown", None)
        st.session_state.pop("erase_confirm", None)
        web.compact_soon()  # the erased texts leave the database file too

    try:
        mine = residents.download(web.store(), code)
    except NotFoundError:  # the code follows only contributions a merge made it follow
        st.stop()
    st.subheader(t("page.suivi.rights_title"))
    st.caption(t("page.suivi.rights_intro"))
    left, right = st.columns(2)
    left.download_button(
        t("page.suivi.download_json"), residents.download_json(mine),
        file_name="mes-contributions.json", mime="application/json", key="download_json",
    )
    right.download_button(
        t("page.suivi.download_csv"), residents.download_csv(mine),
        file_name="mes-contributions.csv", mime="text/csv", key="download_csv",
    )
    with st.expander(t("page.suivi.erase_all"), expanded=bool(st.session_state.get("erase_unconfirmed"))):
        st.warning(t("page.suivi.erase_warning", count=len(mine["contributions"])), icon="⚠️")
        if st.session_state.pop("erase_unconfirmed", None):
            st.error(t("page.suivi.erase_unconfirmed"), icon="⚠️")
        st.checkbox(t("page.suivi.erase_confirm"), key="erase_confirm")
        st.button(t("page.suivi.erase_button"), key="erase_all", type="primary", on_click=_erase_all)
