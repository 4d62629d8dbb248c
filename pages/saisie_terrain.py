"""Saisie terrain (agents only)."""

import streamlit as st

from cartoparti import ui

ui.page_setup("Saisie terrain")
user = ui.require_agent()
st.title("Saisie terrain")
st.info("Page en construction.")
