"""Modération (agents only)."""

import streamlit as st

from cartoparti import ui

ui.page_setup("Modération")
user = ui.require_agent()
st.title("Modération")
st.info("Page en construction.")
