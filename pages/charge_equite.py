"""Charge et équité (agents only)."""

import streamlit as st

from cartoparti import ui

ui.page_setup("Charge et équité")
user = ui.require_agent()
st.title("Charge et équité")
st.info("Page en construction.")
