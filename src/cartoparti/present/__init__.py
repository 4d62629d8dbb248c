"""Presentation: maps (folium), charts (Altair), printable questionnaires."""
