"""Priorités (agents): proposals and needs ranked by supports, people and diversity of
publics, raw and re-weighted by age band × commune."""

import streamlit as st

from cartoparti import settings, web
from cartoparti.analysis.representation import MIN_CELL
from cartoparti.commands import priorities as prio
from cartoparti.i18n import message as t
from cartoparti.io import tables
from cartoparti.model import KINDS
from cartoparti.present import priorities as view

with web.page(t("page.priorites.title")):
    web.require_agent()
    st.title(t("page.priorites.title"))
    st.write(t("page.priorites.intro"))
    with st.expander(t("page.priorites.how_to_read")):
        st.markdown(t("page.priorites.how_to_read_text", min_cell=MIN_CELL))

    kind = st.selectbox(
        t("page.priorites.kind"), ["", *KINDS],
        format_func=lambda k: KINDS[k] if k else t("page.priorites.all_kinds"), key="prio_kind",
    )
    result = prio.rank(web.store(), settings.current(), kind=kind or None)
    if result.table.empty:
        st.info(t("page.priorites.none"))
        st.stop()
    st.dataframe(view.display_frame(result), hide_index=True, width="stretch")
    st.download_button(
        t("page.priorites.download"), tables.table_bytes(prio.export_frame(result), "csv"),
        file_name="priorites.csv", mime="text/csv", key="prio_csv",
    )
