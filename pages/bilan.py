"""Bilan pour le conseil (agents): the council brief, in one click, as PDF or HTML."""

import functools

import streamlit as st

from cartoparti import settings, web
from cartoparti.commands import brief
from cartoparti.i18n import message as t
from cartoparti.present.brief import section_titles

with web.page(t("page.bilan.title")):
    web.require_agent()
    st.title(t("page.bilan.title"))
    st.write(t("page.bilan.intro"))
    st.markdown(t("page.bilan.contents"))
    st.markdown("\n".join(f"- {web.md(title)}" for title in section_titles()))
    left, right = st.columns(2)
    for column, fmt in ((left, "pdf"), (right, "html")):
        column.download_button(
            t(f"page.bilan.{fmt}"),
            data=functools.partial(brief.council_brief, web.store(), settings.current(), fmt=fmt),
            file_name=f"bilan-conseil.{fmt}", mime=brief.MIME[fmt], key=f"bilan_{fmt}",
            type="primary" if fmt == "pdf" else "secondary",
        )
