"""Suivre mes contributions: with the private follow code, a resident sees the status,
history and answers of their contributions, and may ask for their deletion (RGPD)."""

import streamlit as st

from cartoparti import web
from cartoparti._errors import NotFoundError
from cartoparti.commands import residents
from cartoparti.i18n import formats

with web.page("Suivre mes contributions"):
    st.title("Suivre mes contributions")
    st.write(
        "Saisissez le code de suivi reçu en contribuant (ou remis par un agent) : vous verrez où en sont "
        "vos contributions et les réponses de la collectivité. Ce code est personnel : ne le partagez pas."
    )

    with st.form("follow_form"):
        st.text_input("Code de suivi", key="follow_input", placeholder="ABCD-EFGH-JKLM", max_chars=20)
        if st.form_submit_button("Voir mes contributions", type="primary"):
            st.session_state["follow_shown"] = st.session_state.get("follow_input", "")

    code = st.session_state.get("follow_shown")
    if not code:
        st.stop()
    try:
        items = residents.followed(web.store(), code)
    except NotFoundError as exc:
        st.error(str(exc), icon="⚠️")
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
        st.success("Votre demande de suppression est enregistrée : un agent la traitera.", icon="✅")
    if st.session_state.pop("deletion_gone", None):
        st.warning(
            "Cette contribution n'existe plus : elle a été supprimée entre-temps. "
            "La liste ci-dessous est à jour.",
            icon="ℹ️",
        )

    st.caption(f"{len(items)} contribution(s) suivie(s) avec ce code.")
    for item in items:
        with st.container(border=True):
            web.contribution_header(item, level=4)
            st.markdown(f"**Statut : {item['status_label']}** · {item['supports']} soutien(s) « moi aussi »")
            if item["merged_into"]:
                st.info(
                    "Votre contribution a été regroupée avec une contribution semblable : vous suivez "
                    "désormais aussi celle-ci (plus bas).",
                    icon="🔗",
                )
            elif item["hidden"]:
                st.warning(f"Contribution masquée par la modération. Raison : {web.md(item['hidden_reason'])}", icon="🛡️")
            elif item["personal_data"]:
                st.info("En attente de relecture : un agent retire les coordonnées personnelles avant publication.", icon="🔒")
            elif not item["published"]:
                st.info("En attente de relecture avant publication.", icon="⏳")
            history = item["history"]
            if len(history) > 1:
                last = history.iloc[-1]
                st.markdown(
                    f"**Dernière réponse de la collectivité** ({formats.date(last['date'])}) : {web.md(last['message'])}"
                )
                if isinstance(last["competent"], str):
                    st.markdown(f"**Organisme compétent** : {web.md(last['competent'])}")
            web.history_table(history)
            if item["deletion_requested"]:
                st.caption("Suppression demandée : un agent va la traiter.")
            else:
                with st.expander("Demander la suppression de cette contribution"):
                    st.text_input("Raison (facultatif)", key=f"deletion_reason_{item['id']}")
                    st.button(
                        "Demander la suppression", key=f"delete_{item['id']}",
                        on_click=_ask_deletion, args=(item["id"],),
                    )
