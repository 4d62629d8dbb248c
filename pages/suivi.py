"""Suivre mes contributions: a resident's private follow code (public page)."""

import streamlit as st

from cartoparti import ui

ui.page_setup("Suivre mes contributions")
st.title("Suivre mes contributions")
st.info("Page en construction.")
