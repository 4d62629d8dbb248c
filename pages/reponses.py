"""Traiter et répondre (agents only)."""

import streamlit as st

from cartoparti import ui

ui.page_setup("Traiter et répondre")
user = ui.require_agent()
st.title("Traiter et répondre")
st.info("Page en construction.")
