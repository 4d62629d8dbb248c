"""Données personnelles: the privacy notice (what is collected, why, for how long, who sees it, rights). The territory's file
(pages/donnees-personnelles.md) or the default, shown as text (:mod:`cartoparti.io.legal`)."""

from cartoparti import web

PATH = "pages/donnees_personnelles.py"

with web.page(web.page_label(PATH)):
    web.legal_page(PATH)
