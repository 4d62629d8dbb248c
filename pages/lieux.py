"""Lieux qui reviennent (agents, planners): contributions grouped into places by density
in metres, each carried by several distinct contributors; on a map and as a table."""

import streamlit as st

from cartoparti import settings, web
from cartoparti.analysis.clusters import DEFAULT_EPS_M, DEFAULT_MIN_CONTRIBUTORS
from cartoparti.commands import clusters
from cartoparti.commands.clusters import EPS_RANGE_M, MIN_CONTRIBUTORS_RANGE
from cartoparti.i18n import message as t
from cartoparti.present import clusters as present

with web.page(t("page.lieux.page")):
    web.require_agent()
    st.title(t("page.lieux.title"))
    st.write(t("page.lieux.intro"))
    left, right = st.columns(2)
    eps = left.number_input(
        t("page.lieux.eps"), min_value=int(EPS_RANGE_M[0]), max_value=int(EPS_RANGE_M[1]),
        value=int(DEFAULT_EPS_M), step=10, key="lieux_eps",
    )
    minimum = right.number_input(
        t("page.lieux.min_contributors"), min_value=MIN_CONTRIBUTORS_RANGE[0], max_value=50,
        value=DEFAULT_MIN_CONTRIBUTORS, step=1, key="lieux_min",
    )
    found = clusters.places(web.store(), settings.current(), eps_m=eps, min_contributors=minimum)
    if found.places.empty:
        st.info(t("page.lieux.none"))
    else:
        st.subheader(t("page.lieux.count", count=len(found.places)))
    web.clusters_map(found, key="lieux_map")
    if not found.places.empty:
        st.dataframe(
            present.table(found), hide_index=True, width="stretch",
            column_config={t("page.lieux.story"): st.column_config.LinkColumn(display_text="📜")},
        )
        st.markdown(f"**{t('page.lieux.publics')}**")
        st.dataframe(present.publics_table(found), hide_index=True, width="stretch")
    web.attribution_footer()
