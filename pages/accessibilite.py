"""Déclaration d'accessibilité (RGAA): conformity, non-conformities, contact, recourse. The territory's file
(pages/accessibilite.md) or the default, shown as text (:mod:`cartoparti.io.legal`)."""

from cartoparti import web

PATH = "pages/accessibilite.py"

with web.page(web.page_label(PATH)):
    web.legal_page(PATH)
