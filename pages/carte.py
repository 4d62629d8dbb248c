"""Carte: every published contribution, filterable by kind, theme and date."""

import streamlit as st

from cartoparti import settings, web
from cartoparti.i18n import formats
from cartoparti.lifecycle import STATUSES
from cartoparti.model import KIND_STYLE, KINDS
from cartoparti.present.maps import MAX_FEATURES

with web.page("Carte"):
    st.title("Carte des contributions")

    col_kind, col_theme, col_date = st.columns([2, 2, 2])
    kinds = col_kind.multiselect("Type", list(KINDS), format_func=KINDS.get, placeholder="Tous", key="map_kinds")
    themes = col_theme.multiselect("Thème", list(settings.themes()), placeholder="Tous", key="map_themes")
    since, until = web.period_filter(col_date, key="map_period")

    filters = {"kinds": kinds, "themes": themes, "since": since, "until": until}
    total = web.store().count_contributions(published_only=True, **filters)
    shown = web.store().contributions(limit=MAX_FEATURES, **filters)
    legend = " · ".join(f"{v['icon']} {KINDS[k]}" for k, v in KIND_STYLE.items())
    st.caption(f"{total} contribution(s). Légende : {legend}")
    if total > MAX_FEATURES:
        st.info(f"Les {MAX_FEATURES} plus récentes sont affichées : affinez les filtres pour voir les autres.")
    web.contributions_map(shown, key="public_map")
    st.caption("Les cailloux blancs cerclés de vert : ce qui a été fait avec les habitants.")
    st.page_link("pages/contribution.py", label="Voir les réponses d'une contribution, dire « moi aussi »", icon="💬")

    with st.expander("Liste des contributions (sans carte)"):
        table = shown.assign(
            type=shown["kind"].map(KINDS), date=shown["created_at"].map(formats.date),
            suite=shown["status"].map(STATUSES),
        )
        st.dataframe(
            table[["title", "type", "theme", "zone_name", "date", "text", "suite", "answer", "supports"]].rename(
                columns={"title": "Titre", "type": "Type", "theme": "Thème", "zone_name": "Commune", "date": "Date",
                         "text": "Message", "suite": "Suite donnée", "answer": "Réponse", "supports": "Moi aussi"}
            ),
            hide_index=True,
            use_container_width=True,
        )

    web.attribution_footer()
