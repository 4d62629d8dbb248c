"""cartoparti — home page and entry point: `streamlit run app.py` (or `make run`).

Pages live in ``pages/`` (their file names are the French URLs); the sidebar is drawn
by :func:`cartoparti.web.page_setup`, which shows agent pages only to agents.
"""

import streamlit as st

from cartoparti import web

with web.page("Accueil"):
    info = web.territory()["info"]
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
    st.metric("Contributions publiées", web.store().count_contributions(published_only=True))
    web.attribution_footer()
