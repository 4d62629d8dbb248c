"""Charte de modération: what is published, what is not, how to contest. The territory's file
(pages/charte-moderation.md) or the default, shown as text (:mod:`cartoparti.io.legal`)."""

from cartoparti import web

PATH = "pages/charte_moderation.py"

with web.page(web.page_label(PATH)):
    web.legal_page(PATH)
