"""Mentions légales: publisher, director of publication, host. The territory's file
(pages/mentions-legales.md) or the default, shown as text (:mod:`cartoparti.io.legal`)."""

from cartoparti import web

PATH = "pages/mentions_legales.py"

with web.page(web.page_label(PATH)):
    web.legal_page(PATH)
