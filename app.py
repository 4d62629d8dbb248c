"""cartoparti — home page and entry point: `streamlit run app.py` (or `make run`).

Pages live in ``pages/`` (their file names are the French URLs); the sidebar is drawn
by :func:`cartoparti.ui.page_setup`, which shows agent pages only to agents.
"""

import streamlit as st

from cartoparti import ui

with ui.page("Accueil"):
    info = ui.territory()["info"]
    st.title("cartoparti")
    st.subheader(info["name"])
    st.write(
        "Vous connaissez votre quartier mieux que personne. Signalez un besoin, un signal faible, "
        "un souvenir, une proposition ou un dysfonctionnement, là où il se trouve. "
        "Chaque contribution reçoit une réponse publique."
    )
    left, right = st.columns(2)
    left.page_link("pages/contribuer.py", label="Contribuer", icon="✏️")
    right.page_link("pages/carte.py", label="Voir la carte des contributions", icon="🗺️")
    st.metric("Contributions publiées", ui.store().count_contributions(published_only=True))
    ui.attribution_footer()
