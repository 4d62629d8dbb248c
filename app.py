"""cartoparti — home page and entry point, served by `python serve.py` (or `make run`).

Pages live in ``pages/`` (their file names are the French URLs); the sidebar is drawn
by :func:`cartoparti.web.page_setup`, which shows agent pages only to agents.
"""

import streamlit as st

from cartoparti import web
from cartoparti.i18n import message as t

with web.page(t("page.home.title")):
    info = web.territory()["info"]
    st.title("cartoparti")
    st.subheader(web.md(info["name"]))  # from the territory folder: text, never markdown
    st.write(t("page.home.intro"))
    left, right = st.columns(2)
    left.page_link("pages/contribuer.py", label=t("page.home.contribute"), icon="✏️")
    right.page_link("pages/carte.py", label=t("page.home.see_map"), icon="🗺️")
    st.metric(t("page.home.published"), web.store().count_contributions(published_only=True))
    web.alerts_panel()
    web.attribution_footer()
