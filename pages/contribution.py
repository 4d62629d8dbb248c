"""Une contribution: its status, public history and answers, and "Moi aussi"."""

import streamlit as st

from cartoparti import lifecycle, web
from cartoparti._errors import NotFoundError
from cartoparti.commands import answers, residents
from cartoparti.i18n import formats

with web.page("Une contribution et ses suites"):
    st.title("Une contribution et ses suites")

    store = web.store()
    published = store.contributions()
    if published.empty:
        st.info("Aucune contribution publiée pour l'instant.")
        st.stop()
    labels = {
        row.id: f"{row.title} — {row.zone_name} ({formats.date(row.created_at)})" for row in published.itertuples()
    }
    wanted = st.query_params.get("id")
    index = list(labels).index(wanted) if wanted in labels else 0
    chosen = st.selectbox("Contribution", list(labels), index=index, format_func=labels.get, key="detail_pick")
    st.query_params["id"] = chosen
    row = published.set_index("id").loc[chosen]

    web.contribution_header(row)
    if photo := store.photo(chosen):
        st.image(photo[1], caption="Photo jointe par l'habitant", width=480)
    st.markdown(f"**Statut : {lifecycle.STATUSES.get(row['status'], row['status'])}**")

    session = web.browser_session_id()
    flash = st.session_state.pop("support_flash", None)
    left, right = st.columns([1, 3])
    if left.button("👍 Moi aussi", key="support", help="Soutenir cette contribution (une fois par visite)"):
        try:
            counted, total = residents.support(store, chosen, session)
            st.session_state["support_flash"] = (
                ("success", "Merci, votre soutien est compté.") if counted
                else ("warning", "Vous soutenez déjà cette contribution : un soutien par visite.")
            )
        except NotFoundError as exc:
            st.session_state["support_flash"] = ("warning", str(exc))
        st.rerun()
    right.metric("Soutiens « moi aussi »", store.support_count(chosen))
    if flash:
        getattr(st, flash[0])(flash[1])

    st.subheader("Historique et réponses")
    web.history_table(answers.public_history(store, chosen))
    st.page_link("pages/carte.py", label="Retour à la carte", icon="🗺️")
