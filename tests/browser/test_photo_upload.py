"""A resident attaches a file that is not a photo: told why, nothing sent, the form kept."""

from __future__ import annotations

import pytest

from cartoparti.storage import open_storage
from tests.browser.streamlit_ui import fill, goto, radio, select, settled, submit
from tests.test_photo_upload import SVG, big_png

pytestmark = pytest.mark.browser
NO_MAP = "Sans carte : choisir une commune et un lieu repère"


def _attach(page, name: str, content: bytes, mime: str) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        {"name": name, "mimeType": mime, "buffer": content}
    )
    page.get_by_text(name).first.wait_for()
    settled(page)


def test_a_refused_photo_keeps_the_form_and_sends_nothing(app_server, page):
    calls = []
    page.expose_function("__xss", lambda i: calls.append(i))
    goto(page, f"{app_server.url}/contribuer")
    uploader = page.locator('[data-testid="stFileUploader"]')
    uploader.wait_for()
    assert "8MB" in uploader.inner_text().replace(" ", "") and "200" not in uploader.inner_text()
    radio(page, NO_MAP)
    select(page, "Commune", "Lens")
    select(page, "Type de contribution *", "souvenir")
    fill(page, "Titre *", "La fosse 11/19")
    fill(page, "Votre message", "Mon grand-père y travaillait.")
    select(page, "Thème *", "culture et mémoire")
    _attach(page, "dessin.svg", SVG, "image/svg+xml")
    submit(page, "Envoyer ma contribution")
    page.get_by_text("Ce fichier n'est pas une image JPEG, PNG ou WebP").wait_for(timeout=30_000)
    assert page.get_by_text("Merci ! Votre contribution").count() == 0
    assert page.get_by_label("Titre *", exact=True).input_value() == "La fosse 11/19"
    assert page.get_by_label("Votre message", exact=True).input_value() == "Mon grand-père y travaillait."
    assert page.get_by_role("combobox", name="Thème *", exact=True).input_value() == "culture et mémoire"

    # a decompression bomb named like a photo: the same, in French, no traceback
    page.locator('[data-testid="stFileChipDeleteBtn"]').first.click()
    settled(page)
    _attach(page, "photo.jpg", big_png(20_000), "image/jpeg")
    submit(page, "Envoyer ma contribution")
    page.get_by_text("Cette image est trop grande (20000 × 20000 pixels").wait_for(timeout=30_000)
    assert page.get_by_text("DecompressionBomb").count() == 0 and page.get_by_text("Traceback").count() == 0
    assert page.get_by_label("Titre *", exact=True).input_value() == "La fosse 11/19"
    assert calls == []

    # the file removed, the same form goes
    page.locator('[data-testid="stFileChipDeleteBtn"]').first.click()
    settled(page)
    submit(page, "Envoyer ma contribution")
    page.get_by_text("Merci ! Votre contribution").wait_for(timeout=30_000)
    app_server.stop()
    with open_storage(app_server.db_path) as store:
        rows = store.contributions(published_only=False)
    assert list(rows.title) == ["La fosse 11/19"]
