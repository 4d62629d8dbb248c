"""The legal documents' minimal structure (io.legal): headings, paragraphs and lists;
fields filled once; defaults shipped for every document."""

from cartoparti.commands import legal as legal_command
from cartoparti.io import legal
from cartoparti.settings import Settings


def test_blocks_keep_only_headings_paragraphs_and_lists():
    text = "# Titre\n\nUne ligne\net la suite\n\n- un\n- deux\n  suite de deux\n\n## Sous-titre\n### Plus bas\n#pas un titre"
    assert legal.blocks(text) == [
        ("h1", "Titre"),
        ("p", "Une ligne et la suite"),
        ("ul", ["un", "deux suite de deux"]),
        ("h2", "Sous-titre"),
        ("h3", "Plus bas"),
        ("p", "#pas un titre"),
    ]


def test_fill_replaces_known_fields_once():
    assert legal.fill("{{a}} {{ b }} {{inconnu}}", {"a": "{{b}}", "b": "B"}) == "{{b}} B {{inconnu}}"


def test_every_document_has_a_default_and_a_territory_may_replace_it(tmp_path):
    for name in legal.DOCUMENTS:
        assert legal.read_document(None, name).startswith("# ")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "charte-moderation.md").write_bytes(b"# Notre charte \xff\n")
    assert legal.read_document(tmp_path, "charte-moderation") == "# Notre charte \ufffd\n"
    assert legal.read_document(tmp_path, "accessibilite") == legal.read_document(None, "accessibilite")


def test_defaults_are_filled_from_settings_without_leftover_fields():
    for months, said in ((24, "24 mois"), (None, "sans limite de durée")):
        settings = Settings(retention_months=months, dpo_contact="dpo@mairie.fr")
        for name in legal.DOCUMENTS:
            shown = str(legal_command.document(settings, {"name": "Ville de Loos"}, name))
            assert "{{" not in shown and "Ville de Loos" in shown
        privacy = str(legal_command.document(settings, {"name": "Ville"}, "donnees-personnelles"))
        assert said in privacy and "dpo@mairie.fr" in privacy
