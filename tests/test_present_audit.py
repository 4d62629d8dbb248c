"""The change log in words (present.audit): one French sentence per audit entry, in
Paris time, never raw JSON."""

import datetime as dt
import json

import pandas as pd
import pytest

from cartoparti import i18n
from cartoparti.present.audit import audit_frame, sentence


def _j(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


@pytest.mark.parametrize(
    ("action", "before", "after", "expected"),
    [
        ("status", {"status": "received"}, {"status": "in_progress", "message": "Travaux lundi", "competent": None},
         "Statut changé : reçue → en cours de réalisation — message : « Travaux lundi »"),
        ("status", {"status": "received"}, {"status": "redirected", "message": "Voir la CALL", "competent": "CALL"},
         "Statut changé : reçue → réorientée — message : « Voir la CALL » — interlocuteur compétent : CALL"),
        ("message", {"status": "received"}, {"status": "received", "message": "Merci", "competent": None},
         "Réponse publiée — message : « Merci »"),
        ("qualify", {"theme": "nature", "service": None}, {"theme": "voirie", "service": "Voirie"},
         "Qualification changée : thème : nature → voirie ; service : — → Voirie"),
        ("qualify", {"level": None}, {"level": "concertation"},
         "Qualification changée : niveau de participation : — → concertation"),
        ("hide", {"published": True, "hidden": None}, {"published": False, "hidden": True, "hidden_reason": "Insultant"},
         "Masquée (motif : Insultant)"),
        ("unhide", {"published": False}, {"published": True, "hidden": False, "hidden_reason": None},
         "Démasquée et publiée"),
        ("unhide", {"published": False}, {"published": False, "hidden": False, "hidden_reason": None},
         "Démasquée, en attente de relecture"),
        ("publish", {"published": False}, {"published": True, "reviewed": True, "personal_data": None},
         "Publiée après relecture"),
        ("edit", {"text": "Appelez le [numéro masqué]"}, {"text": "Appelez la mairie", "personal_data": None},
         "Modifiée par la modération (texte)"),
        ("edit", {"title": "a", "text": "b"}, {"title": "c", "text": "d", "personal_data": None},
         "Modifiée par la modération (titre, texte)"),
        ("merge", {"published": True, "hidden": False, "merged_into": None},
         {"published": False, "hidden": True, "merged_into": "C-42"},
         "Fusionnée comme doublon dans la contribution C-42"),
        ("delete", {"id": "C-1", "deletion_requested": True}, None, "Supprimée à la demande de son auteur"),
        ("delete", {"id": "C-1", "deletion_requested": False}, None, "Supprimée"),
        ("keep_reported", None, {"reports": 3}, "Signalements lus, contribution gardée en ligne (3 signalement(s))"),
        ("field_entry", None, {"file": "atelier.csv", "session_date": "2026-11-30", "session_place": "Salle Ferry"},
         "Saisie sur le terrain au nom d'un habitant (séance du 30/11/2026, lieu : Salle Ferry, fichier : atelier.csv)"),
        ("field_entry", None, {}, "Saisie sur le terrain au nom d'un habitant"),
        ("plan_link", None, {"item": "P-7"}, "Liée à l'action P-7 du plan d'action"),
        ("plan_unlink", {"item": "P-7"}, None, "Retirée de l'action P-7 du plan d'action"),
    ],
)
def test_each_action_reads_as_a_french_sentence(action, before, after, expected):
    got = sentence(action, None if before is None else _j(before), None if after is None else _j(after))
    assert got == expected
    assert "{" not in got and '"' not in got


def test_an_unknown_action_is_named_with_readable_values_never_json():
    got = sentence("sign_in_failed", None, _j({"address": "10.0.0.1", "locked": True, "tries": [1, 2]}))
    assert got == "Action « sign_in_failed » (address : 10.0.0.1 ; locked : oui ; tries : 1, 2)"
    assert sentence("compact", None, None) == "Action « compact »"
    # a value that is not JSON (an old row) is still shown as text
    assert sentence("legacy", "not json", None) == "Action « legacy » (value : not json)"


def test_erased_values_keep_the_sentence():
    """After a deletion the store clears before/after: the action alone is told."""
    assert sentence("status", None, None) == "Statut changé : — → —"
    assert sentence("hide", None, None) == "Masquée (motif : —)"


def test_a_very_long_value_is_cut():
    got = sentence("hide", None, _j({"hidden_reason": "x" * 1000}))
    assert got.endswith("…)") and len(got) < 400


def test_the_frame_is_in_paris_time_with_the_stores_order():
    rows = pd.DataFrame({
        "id": [2, 1],
        "logged_at": [dt.datetime(2026, 7, 1, 16, 49), dt.datetime(2026, 1, 15, 16, 49)],  # naive UTC
        "actor": ["alice", "bob"],
        "action": ["publish", "status"],
        "contribution_id": ["C", "C"],
        "before": [None, _j({"status": "received"})],
        "after": [_j({"published": True}), _j({"status": "under_study", "message": None})],
    })
    frame = audit_frame(rows)
    assert list(frame.columns) == ["when", "actor", "what"]
    assert frame["when"].tolist() == ["01/07/2026 18:49", "15/01/2026 17:49"]  # summer +2, winter +1
    assert frame["what"].tolist() == ["Publiée après relecture", "Statut changé : reçue → à l'étude"]
    assert frame["actor"].tolist() == ["alice", "bob"]


def test_an_empty_log_gives_an_empty_frame():
    assert audit_frame(pd.DataFrame(columns=["logged_at", "actor", "action", "before", "after"])).empty


def test_english_sentences_use_the_english_catalogue(monkeypatch):
    monkeypatch.setattr(i18n, "active", lambda: "en")
    assert sentence("hide", None, _j({"hidden_reason": "rude"})) == "Hidden (reason: rude)"
    assert sentence("status", _j({"status": "received"}), _j({"status": "done"})).startswith("Status changed: ")
