"""Personal data in free text: French phone numbers and e-mail addresses."""

import pytest

from cartoparti.privacy import find_personal_data, kinds_found, redact


@pytest.mark.parametrize(
    "text",
    [
        "06 12 34 56 78",
        "0612345678",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "+33 6 12 34 56 78",
        "+33612345678",
        "+33 (0)6 12 34 56 78",
        "0033 6 12 34 56 78",
        "03 21 00 00 00",
        "appelez-moi au 07 98 76 54 32 le soir",
    ],
)
def test_french_phone_numbers_are_found(text):
    assert kinds_found(text) == ["phone"]
    assert "[numéro masqué]" in redact(text)
    assert not any(c.isdigit() for c in redact(text).replace("[numéro masqué]", "").replace("le soir", ""))


@pytest.mark.parametrize(
    "text",
    ["jean.dupont@example.fr", "Ecrivez à marie+cartoparti@mairie-lens.fr.", "contact : jean (at) free.fr",
     "jean arobase orange.fr"],
)
def test_email_addresses_are_found(text):
    assert kinds_found(text) == ["email"]
    assert "@" not in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "Rendez-vous le 12/05/2024 à 14h",
        "62300 Lens",
        "le bus 12 passe toutes les 15 minutes",
        "1234567890 voitures",
        "référence 06123456789012",
        "les années 2024 02 03 04",
        "",
    ],
)
def test_ordinary_numbers_are_not_flagged(text):
    assert kinds_found(text) == []
    assert redact(text) == text


def test_both_kinds_and_positions():
    text = "Tel 06 12 34 56 78, mail a.b@c.fr"
    found = find_personal_data(text)
    assert [f.kind for f in found] == ["phone", "email"]
    assert [text[f.start:f.end] for f in found] == ["06 12 34 56 78", "a.b@c.fr"]
    assert kinds_found("x", None, text) == ["phone", "email"]
    assert redact(text) == "Tel [numéro masqué], mail [e-mail masqué]"
