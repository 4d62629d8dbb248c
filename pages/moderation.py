"""Modération (agents): review before publication, remove personal data, hide with a
reason, merge duplicates, handle deletion requests."""

import streamlit as st

from cartoparti import privacy, settings, web
from cartoparti._errors import CartopartiError, ValidationError
from cartoparti.commands import moderation
from cartoparti.i18n import formats

with web.page("Modération"):
    user = web.require_agent()
    st.title("Modération")
    store = web.store()
    mode = "après relecture (a priori)" if settings.moderation() == "a_priori" else "dès l'envoi (a posteriori)"
    st.caption(f"Les contributions sont publiées {mode} ; celles qui contiennent des coordonnées attendent toujours un agent.")

    if flash := st.session_state.pop("moderation_flash", None):
        st.success(flash, icon="✅")
    errors: dict[str, str] = st.session_state.pop("moderation_errors", {})


    def _run(action, success: str) -> None:
        try:
            action()
            st.session_state["moderation_flash"] = success
        except ValidationError as exc:
            st.session_state["moderation_errors"] = exc.errors
        except CartopartiError as exc:
            st.session_state["moderation_errors"] = {"action": str(exc)}
        st.rerun()


    def _label(frame):
        return {r.id: f"{r.title} — {r.zone_name} ({formats.date(r.created_at)})" for r in frame.itertuples()}


    queue = store.agent_contributions(queue="moderation")
    visible = store.agent_contributions(queue="visible")
    hidden = store.agent_contributions().query("hidden")
    deletions = store.deletion_requests()
    review, hide_tab, merge_tab, hidden_tab, delete_tab = st.tabs(
        [f"À relire ({len(queue)})", "Masquer", "Fusionner des doublons", f"Masquées ({len(hidden)})",
         f"Demandes de suppression ({len(deletions)})"]
    )
    web.field_error(errors, "action")

    with review:
        if queue.empty:
            st.info("Rien à relire.")
        else:
            labels = _label(queue)
            chosen = st.selectbox("Contribution", list(labels), format_func=labels.get, key="review_pick")
            row = queue.set_index("id").loc[chosen]
            found = privacy.kinds_found(row["title"], row["text"])
            if found:
                st.warning(
                    "Données personnelles détectées : " + ", ".join(privacy.KINDS[k] for k in found)
                    + ". Retirez-les avant de publier (proposition de texte masqué ci-dessous).",
                    icon="🔒",
                )
            with st.form(f"edit_{chosen}"):
                st.text_input("Titre", value=privacy.redact(row["title"]), key=f"edit_title_{chosen}")
                st.text_area("Texte", value=privacy.redact(row["text"]), key=f"edit_text_{chosen}", height=160)
                if st.form_submit_button("Enregistrer le texte corrigé"):
                    _run(
                        lambda: moderation.edit_text(
                            store, user, chosen, title=st.session_state[f"edit_title_{chosen}"],
                            text=st.session_state[f"edit_text_{chosen}"],
                        ),
                        "Texte corrigé.",
                    )
            web.field_error(errors, "title")
            despite = st.checkbox("Fausse alerte : publier tel quel", key="publish_despite") if found else False
            if st.button("Publier", type="primary", key="publish"):
                _run(lambda: moderation.publish(store, user, chosen, despite_personal_data=despite), "Contribution publiée.")
            web.field_error(errors, "text")
            web.field_error(errors, "published")

    with hide_tab:
        if visible.empty:
            st.info("Aucune contribution visible.")
        else:
            labels = _label(visible)
            with st.form("hide_form"):
                st.selectbox("Contribution", list(labels), format_func=labels.get, key="hide_pick")
                st.text_input("Raison (conservée, montrée à l'auteur)", key="hide_reason")
                if st.form_submit_button("Masquer"):
                    _run(
                        lambda: moderation.hide(store, user, st.session_state["hide_pick"], st.session_state["hide_reason"]),
                        "Contribution masquée (rien n'est supprimé).",
                    )
            web.field_error(errors, "reason")

    with merge_tab:
        if len(visible) < 2:
            st.info("Il faut au moins deux contributions visibles.")
        else:
            labels = _label(visible)
            with st.form("merge_form"):
                st.selectbox("Doublon (sera masqué)", list(labels), format_func=labels.get, key="merge_duplicate")
                st.selectbox("À garder (reçoit soutiens et suivis)", list(labels), format_func=labels.get, index=1, key="merge_target")
                if st.form_submit_button("Fusionner"):
                    _run(
                        lambda: moderation.merge(store, user, st.session_state["merge_duplicate"], st.session_state["merge_target"]),
                        "Doublon fusionné : soutiens et suivis reportés.",
                    )
            web.field_error(errors, "merged_into")

    with hidden_tab:
        if hidden.empty:
            st.info("Aucune contribution masquée.")
        else:
            st.dataframe(
                hidden[["id", "title", "hidden_reason", "merged_into"]].rename(
                    columns={"id": "N°", "title": "Titre", "hidden_reason": "Raison", "merged_into": "Fusionnée dans"}
                ),
                hide_index=True, width="stretch",
            )
            labels = _label(hidden[hidden["merged_into"].isna()])
            if labels:
                pick = st.selectbox("Rendre visible", list(labels), format_func=labels.get, key="unhide_pick")
                if st.button("Rendre visible", key="unhide"):
                    _run(lambda: moderation.unhide(store, user, pick, settings=settings.current()), "Contribution de nouveau visible.")
            web.field_error(errors, "hidden")

    with delete_tab:
        if deletions.empty:
            st.info("Aucune demande de suppression.")
        else:
            st.dataframe(
                deletions.rename(columns={"contribution_id": "N°", "title": "Titre", "requested_at": "Demandée le", "reason": "Raison"}),
                hide_index=True, width="stretch",
            )
            labels = dict(zip(deletions["contribution_id"], deletions["title"], strict=True))
            pick = st.selectbox("Contribution à supprimer", list(labels), format_func=labels.get, key="delete_pick")
            sure = st.checkbox("Je confirme la suppression définitive (texte, lieu, profil, photo, réponses)", key="delete_sure")
            if st.button("Supprimer définitivement", disabled=not sure, key="delete"):
                _run(lambda: moderation.delete(store, user, pick), "Contribution supprimée.")
