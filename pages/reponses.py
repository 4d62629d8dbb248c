"""Traiter et répondre (agents): qualify a contribution, change its status with a
public message, see its history and audit; answer many at once from a CSV."""

import streamlit as st

from cartoparti import lifecycle, settings, web
from cartoparti._errors import CartopartiError, ValidationError
from cartoparti.commands import answers, moderation
from cartoparti.i18n import formats

with web.page("Traiter et répondre"):
    user = web.require_agent()
    st.title("Traiter et répondre")
    store = web.store()

    if flash := st.session_state.pop("answer_flash", None):
        st.success(flash, icon="✅")

    left, right = st.columns(2)
    statuses = left.multiselect(
        "Statut", list(lifecycle.STATUSES), default=list(lifecycle.OPEN_STATUSES),
        format_func=lifecycle.STATUSES.get, key="answer_statuses",
    )
    services = right.multiselect("Service", list(settings.services()), placeholder="Tous", key="answer_services")
    frame = store.agent_contributions(statuses=statuses, services=services, queue="visible")
    st.caption(f"{len(frame)} contribution(s).")
    if frame.empty:
        st.stop()
    st.dataframe(
        frame.assign(statut=frame["status"].map(lifecycle.STATUSES), date=frame["created_at"].map(formats.date),
                     service=frame["service"].fillna("à attribuer"))[
            ["id", "title", "zone_name", "date", "statut", "service", "supports", "answers"]
        ].rename(columns={"id": "N°", "title": "Titre", "zone_name": "Commune", "date": "Déposée le", "statut": "Statut",
                          "service": "Service", "supports": "Moi aussi", "answers": "Réponses"}),
        hide_index=True,
        width="stretch",
    )

    labels = {r.id: f"{r.title} — {r.zone_name} ({lifecycle.STATUSES[r.status]})" for r in frame.itertuples()}
    chosen = st.selectbox("Contribution à traiter", list(labels), format_func=labels.get, key="answer_pick")
    row = frame.set_index("id").loc[chosen]
    web.contribution_header(
        row,
        before=[f"N° {web.md(chosen)}"],
        after=["publiée" if row["published"] else "non publiée"]
        + ([f"saisie par {web.md(row['entered_by'])}"] if isinstance(row["entered_by"], str) else []),
    )
    errors: dict[str, str] = st.session_state.pop("answer_errors", {})

    qualify_col, answer_col = st.columns(2)
    with qualify_col, st.form(f"qualify_{chosen}"):
        st.markdown("**Qualification**")
        themes = list(settings.themes())
        st.selectbox("Thème", themes, index=themes.index(row["theme"]) if row["theme"] in themes else 0, key=f"q_theme_{chosen}")
        services_all = list(settings.services())
        st.selectbox(
            "Service responsable", services_all, index=services_all.index(row["service"]) if row["service"] in services_all else None,
            placeholder="À attribuer", key=f"q_service_{chosen}",
        )
        levels = list(lifecycle.LEVELS)
        st.selectbox(
            "Niveau de participation appelé", levels, format_func=lifecycle.LEVELS.get,
            index=levels.index(row["level"]) if row["level"] in levels else None, placeholder="À définir", key=f"q_level_{chosen}",
        )
        if st.form_submit_button("Enregistrer la qualification"):
            try:
                changed = moderation.qualify(
                    store, user, chosen, settings=settings.current(), theme=st.session_state[f"q_theme_{chosen}"],
                    service=st.session_state[f"q_service_{chosen}"], level=st.session_state[f"q_level_{chosen}"],
                )
                st.session_state["answer_flash"] = "Qualification enregistrée." if changed else "Rien n'a changé."
            except ValidationError as exc:
                st.session_state["answer_errors"] = exc.errors
            st.rerun()
    for name in ("theme", "service", "level"):
        web.field_error(errors, name)

    MESSAGE_ONLY = "__message__"
    v = f"{chosen}_{st.session_state.setdefault('answer_version', 0)}"
    moves = lifecycle.allowed_moves(str(row["status"]), str(user["role"]))
    with answer_col, st.form(f"answer_{chosen}"):
        st.markdown(f"**Répondre** — statut actuel : {lifecycle.STATUSES[row['status']]}")
        st.selectbox(
            "Nouveau statut", [MESSAGE_ONLY, *moves],
            format_func=lambda s: "(garder le statut : message seul)" if s == MESSAGE_ONLY else lifecycle.STATUSES[s],
            key=f"a_status_{v}",
        )
        st.text_area(
            "Message public (langage clair)", key=f"a_message_{v}", max_chars=lifecycle.MESSAGE_MAX,
            help=f"Un refus doit être justifié (au moins {lifecycle.DECLINE_MIN_CHARS} caractères).",
        )
        st.text_input("Organisme compétent (si réorientée)", key=f"a_competent_{v}",
                      placeholder="ex. : le Département, le bailleur social")
        if st.form_submit_button("Publier la réponse", type="primary"):
            status = st.session_state[f"a_status_{v}"]
            try:
                new = answers.answer(
                    store, user, chosen, message=st.session_state.get(f"a_message_{v}", ""),
                    status=None if status == MESSAGE_ONLY else status,
                    competent=st.session_state.get(f"a_competent_{v}"),
                )
                st.session_state["answer_flash"] = f"Réponse publiée (statut : {lifecycle.STATUSES[new]})."
                st.session_state["answer_version"] += 1
            except ValidationError as exc:
                st.session_state["answer_errors"] = exc.errors
            except CartopartiError as exc:
                st.session_state["answer_errors"] = {"status": str(exc)}
            st.rerun()
    for name in ("status", "message", "competent"):
        web.field_error(errors, name)

    st.subheader("Historique public")
    web.history_table(answers.public_history(store, chosen), with_time=True)
    with st.expander("Journal des modifications (qui, quoi, quand, avant / après)"):
        st.dataframe(store.audit_log(chosen), hide_index=True, width="stretch")

    with st.expander("Répondre en lot (CSV id,status,message)"):
        st.caption(
            "Une ligne par réponse : id de la contribution, statut (code ou libellé : "
            + ", ".join(f"{k} = {v}" for k, v in lifecycle.STATUSES.items())
            + "), message public ; colonne facultative competent pour les réorientations."
        )
        upload = st.file_uploader("Fichier CSV", type=["csv"], key="answers_csv")
        if upload is not None and st.button("Enregistrer les réponses", key="answers_import"):
            web.import_upload(upload, lambda data, name: answers.import_answers(store, user, data, name=name))
